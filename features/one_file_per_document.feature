Feature: One file per document
  A tracker that follows a body's documents over the years holds many of them: one
  commitments.yaml for all of them grows to half a million lines, and two analysts adding two
  documents at once change the same file. So commitments.yaml may include other files, one
  per document: commitments/<source-id>.yaml holds that document's source, its commitments
  and exclusions, and the parties or groups it brings. The settings stay in commitments.yaml.

  The documents here are real: the information report of the 13th meeting of the SCO
  Security Council Secretaries (Beijing, 22 May 2018) with the record of the SCO-Afghanistan
  Contact Group meeting in Moscow (11 October 2017), and the General Assembly resolution
  A/RES/80/16 on the security of information and communications technologies (5 December
  2025).

  Scenario: A new document drafted with --write lands in a file of its own
    Given the shipped commitments file
    And the General Assembly resolution A/RES/80/16 as published
    When I run "sco-tracker draft A_RES_80_16.md --source-id a-res-80-16 --write"
    Then the exit code is 0
    And the output contains "commitments/a-res-80-16.yaml: added source 'a-res-80-16'"
    And "commitments/a-res-80-16.yaml" holds the source "a-res-80-16" and 3 draft commitments
    And commitments.yaml only gained the lines "include:" and "  - commitments/a-res-80-16.yaml", set off by a blank line as its other sections are
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the output contains "from 3 sources, 11 parties, 2 events, in 2 files."
    And the output matches "commitments/a-res-80-16.yaml:\d+:\d+: warning: commitment 'request-secretary-general-provide-necessary-support' is a draft"
    When I run "sco-tracker coverage --source a-res-80-16"
    Then the exit code is 0
    When I run "sco-tracker status information-security-cooperation --as-of 2026-01-15"
    Then the exit code is 0

  Scenario: Reviewing a new document's drafts changes only its own file
    Given the shipped commitments file
    And the General Assembly resolution A/RES/80/16 as published
    When I run "sco-tracker draft A_RES_80_16.md --source-id a-res-80-16 --write"
    And I review the drafts of "a-res-80-16", accepting the first and excluding the second as procedural
    Then the output contains "commitments/a-res-80-16.yaml: 2 decisions written;"
    And commitments.yaml is as the draft left it
    And in "commitments/a-res-80-16.yaml" "request-secretary-general-provide-necessary-support" is no longer a draft
    And in "commitments/a-res-80-16.yaml" the second proposal is an exclusion with the reason "procedural"

  Scenario: Right after drafting, the new document's view says its drafts await review
    Given the shipped commitments file
    And the General Assembly resolution A/RES/80/16 as published
    When I run "sco-tracker draft A_RES_80_16.md --source-id a-res-80-16 --write"
    And I run "sco-tracker status --source a-res-80-16 --as-of 2026-01-15"
    Then the exit code is 0
    And the output contains "0 commitments, 0 findings."
    And the output contains "no commitments tracked from it; 3 drafts await review ('sco-tracker review --source a-res-80-16')."
    When I run "sco-tracker report --source a-res-80-16 --as-of 2026-01-15"
    Then the exit code is 0
    And the report "views/a-res-80-16/2026-01-15" says "3 drafts awaiting review are not counted" in its summary
    And the report "views/a-res-80-16/2026-01-15" says "No commitment is tracked from this document." under "Commitments by theme"

  Scenario: The updates a new document proposes go to the files that hold the commitments
    Given the shipped commitments file, split into one file per document
    And the follow-up note "The SCO-Afghanistan Contact Group met in Beijing, at the level of deputy foreign ministers." as "met-2018-05-28.txt"
    When I run "sco-tracker draft met-2018-05-28.txt --source-id contact-group-2018-05-28 --date 2018-05-28 --write"
    Then the exit code is 0
    And the output contains "2 draft updates of tracked ones"
    And in "commitments/moscow-2017-10-11.yaml" "afghanistan-contact-group-beijing-2018-plan" has a draft update dated 2018-05-28
    And in "commitments/beijing-2018-05-22.yaml" "afghanistan-contact-group-beijing" has a draft update dated 2018-05-28
    And commitments.yaml only gained the line "  - commitments/contact-group-2018-05-28.yaml" since the split
    When I run "sco-tracker validate"
    Then the exit code is 0

  Scenario: A pattern under include: already covers the new document's file
    Given the shipped commitments file, split into one file per document
    And include: lists the pattern "commitments/*.yaml" instead of each file
    And the General Assembly resolution A/RES/80/16 as published
    When I run "sco-tracker draft A_RES_80_16.md --source-id a-res-80-16 --write"
    Then the exit code is 0
    And commitments.yaml is as it was before the draft
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the output contains "in 4 files."

  Scenario: Splitting the file changes nothing the analyst sees
    Given the shipped commitments file
    And the tracker was run for 2018-07-01
    When I run "sco-tracker split"
    Then the exit code is 0
    And the output contains "commitments/beijing-2018-05-22.yaml: 24 commitments, 23 exclusions"
    And the output contains "commitments/moscow-2017-10-11.yaml: 1 commitment, 0 exclusions"
    And every comment of the file is in one of the files now
    And the settings, parties and events are still in commitments.yaml
    When I run "sco-tracker sync"
    Then the output contains "Synced commitments.yaml: 25 moved to another file; 0 status history entries recorded."
    And the tracker run again for 2018-07-01 writes the same reports and shows the same status

  Scenario: After a split, each document is still shown alone
    Given the shipped commitments file, split into one file per document
    When I run "sco-tracker status --source moscow-2017-10-11 --as-of 2018-07-01"
    Then the exit code is 0
    And the output contains "(source 'moscow-2017-10-11'): 1 commitment, 0 findings."
    And the output contains "afghanistan-contact-group-beijing-2018-plan"
    And the output does not contain "border-control"
    When I run "sco-tracker report --source moscow-2017-10-11 --as-of 2018-07-01"
    Then the exit code is 0
    And the output contains "(source 'moscow-2017-10-11'): 1 commitment, 0 overdue"

  Scenario: After a new document is drafted into a file of its own, the rest can still be split
    Given the shipped commitments file
    And the General Assembly resolution A/RES/80/16 drafted into a file of its own
    When I run "sco-tracker split"
    Then the exit code is 0
    And the output contains "commitments/beijing-2018-05-22.yaml: 24 commitments, 23 exclusions"
    And the output contains "commitments/moscow-2017-10-11.yaml: 1 commitment, 0 exclusions"
    And include: lists "commitments/a-res-80-16.yaml, commitments/beijing-2018-05-22.yaml, commitments/moscow-2017-10-11.yaml"
    And the resolution's file is as the draft wrote it
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the output contains "in 4 files."

  Scenario: Splitting again when every document has a file of its own says so, and is no mistake
    Given the shipped commitments file, split into one file per document
    When I run "sco-tracker split"
    Then the exit code is 0
    And the output contains "Nothing to split: every source is already in a file of its own, named under 'include:' in commitments.yaml. Nothing was changed."
    And the output does not contain "Error"
    And no traceback is printed

  Scenario: A commitment deleted from a document's own file says which file it was removed from
    Given the shipped commitments file, split into one file per document
    And the database has been synced with it
    And the Moscow plan for the Contact Group is deleted from "commitments/moscow-2017-10-11.yaml"
    When I run "sco-tracker sync"
    Then the exit code is 0
    And the output contains "1 changed, 1 archived"
    When I run "sco-tracker status afghanistan-contact-group-beijing-2018-plan"
    Then the exit code is 0
    And the output contains "ARCHIVED: removed from commitments/moscow-2017-10-11.yaml (archived "
    And the output matches "archived \(fulfilled\) +removed from commitments/moscow-2017-10-11.yaml"
    And the output does not contain "commitments.yaml"

  Scenario: Put back, a commitment's page on the site says which file it left and came back to
    Given the shipped commitments file, split into one file per document
    And the database has been synced with it
    And the Moscow plan for the Contact Group is deleted from "commitments/moscow-2017-10-11.yaml"
    And the database has been synced with it
    And the Moscow plan for the Contact Group is put back in "commitments/moscow-2017-10-11.yaml"
    When I run "sco-tracker run --as-of 2018-07-01"
    Then the exit code is 0
    And the site's history of "afghanistan-contact-group-beijing-2018-plan" reads "archived: removed from commitments/moscow-2017-10-11.yaml; restored: back in commitments/moscow-2017-10-11.yaml"

  Scenario: Moving commitments into their own files is noted, and changes nothing else
    Given the shipped commitments file
    And the database has been synced with it
    When I run "sco-tracker split"
    And I run "sco-tracker sync"
    Then the exit code is 0
    And the output contains "Synced commitments.yaml: 25 moved to another file; 0 status history entries recorded."
    When I run "sco-tracker sync"
    Then the output contains "No changes: the database already matches commitments.yaml (25 commitments)."

  Scenario: A file with problems is not split
    Given the shipped commitments file
    And the youth action programme's status is "finished"
    When I run "sco-tracker split"
    Then the exit code is 1
    And the output contains "commitments.yaml:"
    And there is no folder "commitments"

  Scenario: An update goes to the file that holds the commitment
    Given the shipped commitments file, split into one file per document
    When I run "sco-tracker update afghanistan-contact-group-beijing-2018-plan --date 2018-06-01 --note "The Russian Foreign Ministry reported the meeting.""
    Then the exit code is 0
    And the output contains "commitments/moscow-2017-10-11.yaml: added the update of 2018-06-01"
    And "commitments/moscow-2017-10-11.yaml" has the note "The Russian Foreign Ministry reported the meeting."
    And commitments.yaml is as the split left it
    When I run "sco-tracker assess next-secretaries-meeting-kyrgyzstan --party kyrgyzstan --score +1 --window interim-2018 --date 2018-06-10 --note "Announced as the next host." --source http://eng.sectsco.org/"
    Then the exit code is 0
    And the output contains "commitments/beijing-2018-05-22.yaml: scored kyrgyzstan +1"
    And commitments.yaml is as the split left it

  Scenario: The same id in two files names both places
    Given the shipped commitments file, split into one file per document
    And the Moscow plan is given the id "afghanistan-contact-group-beijing"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output matches "^commitments/moscow-2017-10-11.yaml:\d+:\d+: duplicate id 'afghanistan-contact-group-beijing' \(first used at commitments/beijing-2018-05-22.yaml:\d+\)$"

  Scenario: A mistake in an included file is given at its own file and line
    Given the shipped commitments file, split into one file per document
    And the Moscow plan's lead is "chna"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output matches "^commitments/moscow-2017-10-11.yaml:\d+:11: unknown party 'chna' \(did you mean 'china'\?\)"

  Scenario: A new document given an id that a document's own file already uses is refused at that file and line
    Given the shipped commitments file, split into one file per document
    And the General Assembly resolution A/RES/80/16 as published
    When I run "sco-tracker import A_RES_80_16.md --source-id moscow-2017-10-11"
    Then the exit code is 2
    And the output contains "commitments/moscow-2017-10-11.yaml:8:9: source 'moscow-2017-10-11' is already defined here; choose another --source-id"
    When I run "sco-tracker draft A_RES_80_16.md --source-id moscow-2017-10-11 --write"
    Then the exit code is 2
    And the output contains "commitments/moscow-2017-10-11.yaml:8:9: source 'moscow-2017-10-11' is already defined here; choose another --source-id"
    And commitments.yaml is as the split left it

  Scenario: Settings stay in commitments.yaml, and only it includes files
    Given the shipped commitments file, split into one file per document
    And "commitments/moscow-2017-10-11.yaml" starts with "settings: {timezone: Asia/Bishkek}"
    And "commitments/beijing-2018-05-22.yaml" starts with "include: [commitments/*.yaml]"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "commitments/moscow-2017-10-11.yaml:1:1: 'settings' belongs in commitments.yaml, not in an included file"
    And the output contains "commitments/beijing-2018-05-22.yaml:1:1: an included file cannot include other files"

  Scenario Outline: A mistake under include: is named where it is
    Given the shipped commitments file, split into one file per document
    And include: also lists "<entry>"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "commitments.yaml:32:5: <message>"
    And no traceback is printed

    Examples:
      | entry                          | message                                                                                                                |
      | commitments/qingdao-2018.yaml  | the included file 'commitments/qingdao-2018.yaml' does not exist                                                       |
      | summits/*.yaml                 | the pattern 'summits/*.yaml' matches no file                                                                           |
      | commitments/*.yaml             | 'commitments/beijing-2018-05-22.yaml' is included twice (already by 'commitments/beijing-2018-05-22.yaml'); name each file once |
      | ../elsewhere.yaml              | '../elsewhere.yaml' leads outside the project folder                                                                   |
      | commitments.yaml               | 'commitments.yaml' is commitments.yaml itself                                                                          |

  Scenario: An included file that is a link out of the project is not read
    Given the shipped commitments file, split into one file per document
    And "commitments/moscow-2017-10-11.yaml" is a link to a copy of it outside the project
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "commitments.yaml:31:5: 'commitments/moscow-2017-10-11.yaml' leads outside the project folder"
    And no traceback is printed

  Scenario: An edit of an included file is never hidden by "nothing changed"
    Given the shipped commitments file, split into one file per document
    When I run "sco-tracker run"
    And I run "sco-tracker run"
    Then the output contains "Nothing changed since the last run"
    When the Moscow plan's title is "Hold the Contact Group's next meeting in Beijing in 2018"
    And I run "sco-tracker run"
    Then the exit code is 0
    And the output does not contain "Nothing changed since the last run"
    When I run "sco-tracker validate"
    Then the exit code is 0
    When the Moscow plan is given the id "afghanistan-contact-group-beijing"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "duplicate id 'afghanistan-contact-group-beijing'"
