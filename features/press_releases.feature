Feature: Press releases, drafted titles, and meetings the sides supported holding
  Many documents analysts track come as press releases: the organisation's letterhead, often a
  "PRESS RELEASE" label, the headline, then a first paragraph that opens with the dateline,
  "BEIJING, 22 May 2018 —". The headline is the document's title, and the dateline says where
  and when it was issued; the letterhead and the label are not the title.

  A drafted commitment's title says what must be done, as an instruction that starts with a
  verb: "Hold the next meeting in the Kyrgyz Republic", never "To hold ...", "The need for ..."
  or a noun taken from the middle of the sentence.

  "The sides supported the holding of its next meeting in Bishkek" is an undertaking to hold
  that meeting, as "supported plans to hold" is; "noted the holding of" a conference reports
  one that took place.

  The press release used here is made up for the tests, in the SCO's style; the PDF is built by
  the test.

  Scenario: The headline of a press release is its title, and its dateline gives the place and the date
    Given the shipped commitments file
    And an SCO press release on the Beijing meeting of the Security Council Secretaries, as a PDF with the SCO's letterhead and a "PRESS RELEASE" label, as "press-release.pdf"
    When I run "sco-tracker import press-release.pdf --source-id nsc-press-2018"
    Then the exit code is 0
    And the output contains "title:  Meeting of the Security Council Secretaries of the SCO Member States in Beijing"
    And the output contains "place:  Beijing (from the dateline)"
    And the output contains "date:   2018-05-22 (from the dateline 'BEIJING, 22 May 2018')"
    And the output does not contain "title:  PRESS RELEASE"
    And the output does not contain "title:  Shanghai Cooperation Organisation"
    And the output contains "--title 'Meeting of the Security Council Secretaries of the SCO Member States in Beijing' --place Beijing"
    And "sources/nsc-press-2018.txt" has the line "Meeting of the Security Council Secretaries of the SCO Member States in Beijing"

  Scenario: Supporting the holding of the next meeting is a commitment to hold it; noting the holding of a conference is not
    Given the shipped commitments file
    And an SCO press release on the Beijing meeting of the Security Council Secretaries, as a PDF with the SCO's letterhead and a "PRESS RELEASE" label, as "press-release.pdf"
    When I run "sco-tracker draft press-release.pdf --source-id nsc-press-2018"
    Then the exit code is 0
    And the output contains "quote: The sides supported the holding of its next meeting in Bishkek"
    And the output contains "title: Hold its next meeting in Bishkek"
    And the output contains "strength: support the holding of"
    And the output contains "place: Beijing"
    And no proposed commitment quotes "noted the holding of the conference"

  Scenario: Every title drafted from the Beijing communiqué is an instruction
    Given the shipped commitments file
    And the Beijing communiqué as a new text "beijing.txt"
    When I run "sco-tracker draft beijing.txt --source-id beijing-redraft"
    Then the exit code is 0
    And every proposed title starts with a verb, not "To", "The", "Its" or a noun
    And the output contains "title: Hold the next meeting of Secretaries of Security Councils of SCO Member-States in the Kyrgyz Republic"
    And the output contains "title: Adopt comprehensive measures in this field"
    And the output contains "title: Pass a joint appeal by SCO heads of state to young people"
    And the output contains "title: Reaffirm the rejection of the policy of double standards with regard to terrorists and extremists"
    And the output does not contain "title: Terrorists and extremists"

  Scenario: Every title drafted from a resolution is an instruction, the "To" of its lettered items left out
    Given the shipped commitments file
    And the extracted text of resolution 80/11 as "A_RES_80_11.md"
    When I run "sco-tracker draft A_RES_80_11.md --source-id a-res-80-11"
    Then the exit code is 0
    And every proposed title starts with a verb, not "To", "The", "Its" or a noun
    And the output contains "title: Develop and share good practices in peacebuilding"
    And the output does not contain "title: To develop"

  Scenario: A press release is drafted with the date of its dateline, as import reads it
    Given the shipped commitments file
    And a text press release of the SCO Secretariat on the meeting of the Council of Ministers of Foreign Affairs in Bishkek, as "bishkek-press.txt"
    When I run "sco-tracker draft bishkek-press.txt --source-id cfm-press-2019"
    Then the exit code is 0
    And the output contains "date: 2019-06-14"

  Scenario: The masthead of a press release is no theme, and is excluded for what it is
    Given the shipped commitments file
    And a text press release of the SCO Secretariat on the meeting of the Council of Ministers of Foreign Affairs in Bishkek, as "bishkek-press.txt"
    When I run "sco-tracker import bishkek-press.txt --source-id cfm-press-2019"
    And I run the "Next:" command it printed
    Then the exit code is 0
    And no proposed commitment has the theme "PRESS RELEASE"
    And no proposed commitment has the theme "SHANGHAI COOPERATION ORGANISATION SECRETARIAT"
    And no proposed commitment has the theme "Bishkek, 14 June 2019"
    And the proposed exclusion of paragraph 1 is "procedural", noted "The letterhead: the name of who issued the document, not an undertaking."
    And the proposed exclusion of paragraph 2 is "procedural", noted "The press office's label, not an undertaking."
    And the proposed exclusion of paragraph 3 is "procedural", noted "The document's title, not an undertaking."
    And the proposed exclusion of paragraph 4 is "procedural", noted "The dateline: where and when the document was issued, not an undertaking."

  Scenario: A body asked to act is the file's party, whether the text writes "the" before its name or leaves out its acronym
    Given the shipped commitments file
    And a text press release of the SCO Secretariat on the meeting of the Council of Ministers of Foreign Affairs in Bishkek, as "bishkek-press.txt"
    When I run "sco-tracker draft bishkek-press.txt --source-id cfm-press-2019 --date 2019-06-14"
    Then the exit code is 0
    And the proposal quoting "called on the SCO Regional Anti-Terrorist Structure" is addressed to "rats"
    And the proposal quoting "instructed the SCO Secretariat" is addressed to "sco-secretariat"
    And the output does not contain "- the SCO Regional Anti-Terrorist Structure"

  Scenario: A press release saved from the web keeps its headline in the text
    Given the shipped commitments file
    And the made-up document "made-up-press-release-web-page-TEST-DATA.html" as "press-release.html"
    When I run "sco-tracker import press-release.html --source-id cmfa-press-2024"
    Then the exit code is 0
    And the output contains "title:  Foreign Ministers of the SCO meet in Astana"
    And the output does not contain "Page headers and footers removed"
    And "sources/cmfa-press-2024.txt" has the line "Foreign Ministers of the SCO meet in Astana"

  Scenario: A press release as plain text, its headline over two lines and "-END-" at its foot
    Given the shipped commitments file
    And the made-up document "made-up-press-release-wrapped-TEST-DATA.txt" as "press-release.txt"
    When I run "sco-tracker import press-release.txt --source-id drugs-press-2024"
    Then the exit code is 0
    And the output contains "title:  SCO Ministers Agree to Strengthen Cooperation on Combating Drug Trafficking"
    And the output contains "The closing mark '-END-' removed"
    And "sources/drugs-press-2024.txt" has the line "SCO Ministers Agree to Strengthen Cooperation on Combating Drug Trafficking"
    And "sources/drugs-press-2024.txt" has the line "The sides agreed to hold joint anti-drug operations in 2025."
