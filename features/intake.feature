Feature: Taking in a new document as it comes
  Analysts get documents as PDFs, as pages saved from the SCO's or the UN's site, or as text
  extracted from a PDF. Before a first reading, the tool makes the document a source text, one
  paragraph per line, and says what it removed (page headers and footers, footnotes) and what
  it could not resolve, for the analyst to check against the original.

  The extracted text used here is General Assembly resolution 80/16 as extracted from its PDF
  (tests/data/corpus/); the PDF is built by the test and is not a real document.

  Scenario: A text extracted from a PDF is cleaned and the removals are reported
    Given the shipped commitments file
    And the extracted text of resolution 80/16 as "A_RES_80_16.md"
    When I run "sco-tracker import A_RES_80_16.md --source-id a-res-80-16"
    Then the exit code is 0
    And the output contains "Page headers and footers removed: 1 line"
    And the output contains "1 x  Open-ended working group on security of and in the use of"
    And the output contains "Uncertain joins (a word may be lost at a page break): 1"
    And the output contains "date:   2025-12-01 (from 'Resolution adopted by the General Assembly on 1 December 2025...')"
    And the output contains "Next: sco-tracker draft sources/a-res-80-16.txt --source-id a-res-80-16 --date 2025-12-01"
    And "sources/a-res-80-16.txt" has operative paragraphs 1 to 4, each at the start of its own line
    And "sources/a-res-80-16.txt" has no line "Open-ended working group on security of and in the use of"
    And in "sources/a-res-80-16.txt" the paragraph "2. Requests" holds "as endorsed by the General Assembly in its resolution 79/237, and the additional elements"

  Scenario: A PDF with running headers, page numbers and footnotes
    Given the shipped commitments file
    And a three-page PDF of a resolution on cooperation with the SCO as "resolution.pdf"
    When I run "sco-tracker import resolution.pdf --source-id a-res-80-99"
    Then the exit code is 0
    And the output contains "Took in sources/a-res-80-99.txt from a PDF: 16 paragraphs."
    And the output contains "2 x  A/RES/80/99"
    And the output contains "Footnotes removed: 3; markers taken out of the text: 3"
    And the output contains "date:   2025-12-01 (from 'Resolution adopted by the General Assembly on"
    And "sources/a-res-80-99.txt" has operative paragraphs 1 to 4, each at the start of its own line
    And "sources/a-res-80-99.txt" has the line "2. Requests the Secretary-General to continue consultations with the Secretary-General of the Shanghai Cooperation Organisation on the work of the SCO-Afghanistan Contact Group, as agreed in its resolution 79/14, and to report to the General Assembly at its eighty-first session on the implementation of the present resolution;"
    And "sources/a-res-80-99.txt" has the line "Noting the decision to hold the next meeting of the Council of Heads of State in the Kyrgyz Republic in 2019,"

  Scenario: A page saved from the SCO's site comes without the site around it, and the tool says what it left out
    Given the shipped commitments file
    And the SCO's press release on its Foreign Ministers' meeting of 24 April 2018, saved from its site with the menus, sidebar, footer and scripts, as "cfm-2018.html"
    When I run "sco-tracker import cfm-2018.html --source-id cfm-2018-04-24"
    Then the exit code is 0
    And the output contains "Left out of the web page: 4 parts of the site around the document (menus, banners, sidebars, footers); 3 scripts, styles or embedded objects."
    And the output does not contain "Page headers and footers removed"
    And "sources/cfm-2018-04-24.txt" has the line "The ministers agreed to hold the next meeting of the Council of Heads of State in the Kyrgyz Republic in 2019."
    And "sources/cfm-2018-04-24.txt" has no line "Latest news"

  Scenario: A dry run shows the report and writes nothing
    Given the shipped commitments file
    And a three-page PDF of a resolution on cooperation with the SCO as "resolution.pdf"
    When I run "sco-tracker import resolution.pdf --source-id a-res-80-99 --dry-run"
    Then the exit code is 0
    And the output contains "Would take in sources/a-res-80-99.txt from a PDF: 16 paragraphs."
    And the output contains "Dry run: sources/a-res-80-99.txt not written."
    And there is no file "sources/a-res-80-99.txt"

  Scenario: A text already one paragraph per line comes through unchanged
    Given the shipped commitments file
    When I run "sco-tracker import sources/sco-security-council-secretaries-2018-05-22-beijing.txt --source-id beijing-copy"
    Then the exit code is 0
    And the output contains "Already one paragraph per line: taken unchanged."
    And "sources/beijing-copy.txt" is byte for byte "sources/sco-security-council-secretaries-2018-05-22-beijing.txt"

  Scenario: An existing source text is never overwritten with another
    Given the shipped commitments file
    And the extracted text of resolution 80/16 as "A_RES_80_16.md"
    When I run "sco-tracker import A_RES_80_16.md --source-id sco-security-council-secretaries-2018-05-22-beijing"
    Then the exit code is 2
    And the output contains "already exists with another text; remove it or choose another --source-id"

  Scenario: A source id the commitments file already uses is refused before anything is written
    Given the shipped commitments file
    And the extracted text of resolution 80/16 as "A_RES_80_16.md"
    When I run "sco-tracker import A_RES_80_16.md --source-id beijing-2018-05-22"
    Then the exit code is 2
    And the output contains "commitments.yaml:42:9: source 'beijing-2018-05-22' is already defined here; choose another --source-id"
    And the output does not contain "Next:"
    And there is no file "sources/beijing-2018-05-22.txt"

  Scenario: A damaged PDF is refused in one line
    Given the shipped commitments file
    And a damaged PDF as "broken.pdf"
    When I run "sco-tracker import broken.pdf --source-id broken"
    Then the exit code is 2
    And the output contains "broken.pdf is not a PDF that can be read: it may be damaged or only partly downloaded; download it again, or save the web page instead"
    And no traceback is printed

  Scenario Outline: A PDF cut short by its download is refused with what to do, in the analyst's words
    The download of the Qingdao declaration stopped half way. Intake says what is wrong and
    what to do, not the PDF library's words, and points at no line: the file has none.
    Given the shipped commitments file
    And the Qingdao declaration as a PDF only half downloaded, as "qingdao.pdf"
    When I run "sco-tracker <command> qingdao.pdf --source-id qingdao-2018-06-10"
    Then the exit code is 2
    And the output contains "qingdao.pdf is not a PDF that can be read: it may be damaged or only partly downloaded; download it again, or save the web page instead"
    And the output does not contain "Stream has ended"
    And the output does not contain "qingdao.pdf:"
    And no traceback is printed

    Examples:
      | command |
      | import  |
      | draft   |

  Scenario: A file that is not a PDF at all, named as one, is refused without a line number
    Given the shipped commitments file
    And a file of random bytes as "junk.pdf"
    When I run "sco-tracker import junk.pdf --source-id junk"
    Then the exit code is 2
    And the output contains "junk.pdf is not a PDF that can be read: it may be damaged or only partly downloaded; download it again, or save the web page instead"
    And the output does not contain "junk.pdf:1"
    When I run "sco-tracker draft junk.pdf --source-id junk"
    Then the exit code is 2
    And the output contains "junk.pdf is not a PDF that can be read"
    And the output does not contain "UTF-8"

  Scenario: A first reading of a raw document takes it in first
    Given the shipped commitments file
    And the extracted text of resolution 80/16 as "A_RES_80_16.md"
    When I run "sco-tracker draft A_RES_80_16.md --source-id a-res-80-16"
    Then the exit code is 0
    And the output contains "warning: A_RES_80_16.md is not one paragraph per line: intake took it in first"
    And the output contains "date: 2025-12-01"

  Scenario: The text import wrote is drafted with the document's own title and the date it was adopted
    Given the shipped commitments file
    And the extracted text of resolution 80/16 as "A_RES_80_16.md"
    When I run "sco-tracker import A_RES_80_16.md --source-id a-res-80-16"
    And I run "sco-tracker draft sources/a-res-80-16.txt --source-id a-res-80-16"
    Then the exit code is 0
    And the output contains "title: Open-ended working group on security of and in the use of"
    And the output contains "date: 2025-12-01"
    And the output does not contain "General Assembly Distr.: General"

  Scenario: A statement with no date it can find: the "Next:" command asks for the date, and works once it is put in
    Given the shipped commitments file
    And a statement of the SCO Ministers of Foreign Affairs, as plain text with its title on the first line and no date, as "statement.txt"
    When I run "sco-tracker import statement.txt --source-id cfm-statement-2019 --dry-run"
    Then the exit code is 0
    And the output contains "title:  Statement of the Ministers of Foreign Affairs of the SCO Member States"
    And the output contains "Next: sco-tracker import statement.txt --source-id cfm-statement-2019 --date YYYY-MM-DD"
    And the output contains "No date was found in the document: put its date in place of YYYY-MM-DD."
    When I run the "Next:" command it printed, with 2019-06-14 in place of YYYY-MM-DD
    Then the exit code is 0
    And the output contains "Wrote sources/cfm-statement-2019.txt."
    And the output contains "--date 2019-06-14 --title 'Statement of the Ministers of Foreign Affairs of the SCO Member States'"
    When I run the "Next:" command it printed
    Then the exit code is 0
    And the output contains "title: Statement of the Ministers of Foreign Affairs of the SCO Member States"
    And the output contains "date: 2019-06-14"
