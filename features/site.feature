Feature: The site beside the report
  As an analyst following the undertakings of the SCO Security Council Secretaries' Beijing
  meeting, I want a page for every commitment, party, document and theme beside the report,
  so that I can send a colleague a link to "everything Kyrgyzstan has promised" or to one
  commitment's whole history, and the report stays one file I can mail and print.

  Background:
    Given the shipped commitments file

  Scenario: Everything Kyrgyzstan has promised is one page
    When I run "sco-tracker run --as-of 2018-06-15"
    Then the exit code is 0
    And the output contains "reports/site/index.html"
    And the site page "party/kyrgyzstan.html" is titled "What Kyrgyzstan committed to"
    And the site page "party/kyrgyzstan.html" lists "Hold the next meeting of the Security Council Secretaries in the Kyrgyz Republic"
    And the site page "party/kyrgyzstan.html" lists "Pass an action programme to implement the joint appeal to young people at the Qingdao summit"
    And the site page "party/kyrgyzstan.html" shows the compliance scores of "Interim: to the presidency handover at the Qingdao summit" and "Final: to the eve of the Bishkek summit"

  Scenario: Each page's title in the browser says what it is once, with the date
    When I run "sco-tracker run --as-of 2018-06-15"
    Then the site page "index.html" has the browser title "Commitments as of 15 June 2018"
    And the site page "party/kyrgyzstan.html" has the browser title "What Kyrgyzstan committed to · commitments as of 15 June 2018"
    And the site page "c/afghanistan-contact-group-beijing.html" has the browser title "Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018 · commitments as of 15 June 2018"

  Scenario: The Contact Group meeting's page holds its words, its paragraph, its evidence and its history
    When I run "sco-tracker run --as-of 2018-06-15"
    Then the site page "c/afghanistan-contact-group-beijing.html" is titled "Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018"
    And the site page "c/afghanistan-contact-group-beijing.html" quotes "supported plans to hold the Group's next meeting in May 2018 in Beijing"
    And the site page "c/afghanistan-contact-group-beijing.html" shows the whole paragraph "They noted the results of the meeting of the SCO-Afghanistan Contact Group (Moscow, 11 October 2017) and supported plans to hold the Group's next meeting in May 2018 in Beijing."
    And the site page "c/afghanistan-contact-group-beijing.html" links the evidence "http://www.news.tj/tj/node/255130"
    And the site page "c/afghanistan-contact-group-beijing.html" shows the status history "Fulfilled" from 28 May 2018
    And the site page "c/afghanistan-contact-group-beijing.html" shows the restatement of "Hold the SCO-Afghanistan Contact Group's next meeting in Beijing in early 2018, as China proposed"
    And the site page "c/afghanistan-contact-group-beijing.html" links "the status report" to "../../latest.html#afghanistan-contact-group-beijing"

  Scenario: The Beijing information report's undertakings are listed in the order of the document, with what was excluded
    When I run "sco-tracker run --as-of 2018-06-15"
    Then the site page "source/beijing-2018-05-22.html" lists the Qingdao summit documents before the next meeting in the Kyrgyz Republic
    And the site page "source/beijing-2018-05-22.html" shows paragraph 2 as "not a commitment: attendance"

  Scenario: An ongoing commitment says how often it is reviewed, as the report does
    When I run "sco-tracker run --as-of 2018-06-15"
    Then the site page "source/beijing-2018-05-22.html" says "ongoing, reviewed every year" for "afghanistan-political-settlement"
    And the site page "source/beijing-2018-05-22.html" does not say "due ongoing"
    And the site page "c/afghanistan-political-settlement.html" gives its due date as "ongoing, reviewed every year"
    And the report as of 2018-06-15 says "ongoing, reviewed every year"

  Scenario: The index lists the commitments by the date of their document, oldest first, as the report does
    When I run "sco-tracker run --as-of 2018-06-15"
    Then the site's index lists the commitment of the Moscow meeting of October 2017 first
    And the site's index lists the commitments by the date of their document, each document's in the order of the file

  Scenario: Changing one commitment rewrites only the pages that show it
    When I run "sco-tracker run --as-of 2018-06-15"
    And the action programme for young people is recorded as adopted at the Qingdao summit
    And I run "sco-tracker run --as-of 2018-06-15"
    Then the exit code is 0
    And the pages rewritten are the programme's page, the index, and the pages of its source, its theme and its 8 parties
    And the output matches "Site: 12 of \d+ pages rewritten"

  Scenario: A commitment taken out of the file loses its page
    When I run "sco-tracker run --as-of 2018-06-15"
    And the commitment "iran-jcpoa" is taken out of the file
    And I run "sco-tracker run --as-of 2018-06-15"
    Then the exit code is 0
    And the site has no page "c/iran-jcpoa.html"
    And the site page "c/afghanistan-contact-group-beijing.html" is titled "Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018"

  Scenario: A title that holds markup is shown as text in the site and in its data
    Given the Contact Group meeting's title is "Hold </script><script>alert(1)</script> <!-- the meeting"
    When I run "sco-tracker run --as-of 2018-06-15"
    Then the exit code is 0
    And no page of the site holds the script the title carries
    And the site page "c/afghanistan-contact-group-beijing.html" is titled "Hold </script><script>alert(1)</script> <!-- the meeting"

  Scenario: At scale the report lists what needs attention and links the rest into the site
    Given a file of 600 generated commitments
    When I run "sco-tracker run --as-of 2026-01-15"
    Then the exit code is 0
    And the report lists every overdue commitment with a link to its page in the site
    And the report lists no commitment in full that needs no attention
    And the report links every theme to its page in the site

  Scenario: A note the analyst keeps in the site folder survives the next day's site
    Given the shipped commitments file
    And the site as of 15 June 2018
    And the analyst keeps a note "reports/site/notes/briefing-for-the-ambassador.txt" in the site folder
    When I run "sco-tracker run --as-of 2018-06-16"
    Then the exit code is 0
    And the site's index is as of 16 June 2018
    And the note "reports/site/notes/briefing-for-the-ambassador.txt" is as the analyst left it

  Scenario: A resolution's page calls the lines of its masthead "line N" and its numbered paragraphs by their numbers
    Given UN General Assembly resolution 80/36 on small arms, imported and drafted with --write, every draft accepted
    When I run "sco-tracker run --as-of 2026-01-10"
    Then the exit code is 0
    And the site page "source/a-res-80-36.html" names the place of "Distr.: General 5 December 2025" as "line 2"
    And the site page "source/a-res-80-36.html" names the place of "Commends the United Nations and international" as "paragraph 1"
    And the site page "source/a-res-80-36.html" names the place of "Encourages the Secretary-General to pursue his efforts" as "paragraph 2"
