Feature: Status history in the database
  The tracker remembers what it saw and when: every status change with the date it took
  effect and the time it was observed. Removed commitments are archived, never deleted.

  Scenario: The first sync records each status from its dated update
    Given the shipped commitments file
    And the database has been synced
    When I run "sco-tracker status qingdao-counter-terrorism-programme"
    Then the exit code is 0
    And the output contains "the approval of a cooperation programme to fight terrorism, separatism and extremism"
    And the output contains "Countering Extremism,"
    And the output contains "Status history (from the database):"
    And the output matches "fulfilled +effective 10 June 2018"

  Scenario: A commitment in full names its wording, and says which statuses were set without a dated update
    Given the shipped commitments file
    And the database has been synced
    When I run "sco-tracker status qingdao-youth-action-programme"
    Then the exit code is 0
    And the output contains "wording: "noted the importance of""
    And the output matches "planned +set without a dated update +recorded [0-9]{1,2} [A-Z][a-z]+ [0-9]{4}, [0-9]{2}:[0-9]{2} UTC"

  Scenario: The Moscow plan is shown with its quote but no paragraph, as its source has no local text
    Given the shipped commitments file
    When I run "sco-tracker status afghanistan-contact-group-beijing-2018-plan --as-of 2018-06-15"
    Then the exit code is 0
    And the output contains "Quote (SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office, 2017-10-11):"
    And the output contains "“in early 2018”"
    And the output does not contain "paragraph"
    And no traceback is printed

  Scenario: Recording the adoption of the youth action programme adds one history entry
    Given the shipped commitments file
    And the database has been synced
    And the youth action programme is recorded as adopted at Qingdao on 10 June 2018
    When I run "sco-tracker sync"
    Then the exit code is 0
    And the output contains "1 changed; 1 status history entry recorded."
    And the history of "qingdao-youth-action-programme" is "planned, fulfilled on 2018-06-10"

  Scenario: A second sync with nothing changed writes nothing
    Given the shipped commitments file
    And the database has been synced
    When I run "sco-tracker sync"
    Then the exit code is 0
    And the output contains "No changes: the database already matches commitments.yaml (25 commitments)."
    And the database is unchanged

  Scenario: A commitment removed from the file is archived with its history
    Given the shipped commitments file
    And the database has been synced
    And the Contact Group meeting is removed from commitments.yaml
    When I run "sco-tracker sync"
    Then the exit code is 0
    And the output contains "Synced commitments.yaml: 1 archived; 1 status history entry recorded."
    And the history of "afghanistan-contact-group-beijing" is "fulfilled on 2018-05-28, archived"
    And the history of "afghanistan-contact-group-beijing-2018-plan" is "fulfilled on 2018-05-28"

  Scenario: A broken file changes nothing and shows the same errors as validate
    Given the shipped commitments file
    And the database has been synced
    And the Contact Group meeting is due on 30 February 2018
    When I run "sco-tracker sync"
    Then the exit code is 1
    And the output matches "commitments.yaml:\d+:\d+: impossible date 2018-02-30: February 2018 has 28 days"
    And the output contains "commitments.yaml: 1 problem found."
    And the database is unchanged
    And no traceback is printed

  Scenario: The status table lists every commitment with its status, due date and findings
    Given the shipped commitments file
    When I run "sco-tracker status --as-of 2018-06-15"
    Then the exit code is 0
    And the output contains "Status as of 15 June 2018: 25 commitments, 2 findings."
    And the output matches "qingdao-youth-action-programme +planned +at the Qingdao summit \(10 June 2018\) +overdue"
    And the output matches "afghanistan-contact-group-beijing +fulfilled +May 2018"
    And the output matches "afghanistan-contact-group-beijing-2018-plan +fulfilled +2018 *$"

  Scenario: Upgrading a database an earlier version filled with drafts takes them out, and archives nothing
    Given the shipped commitments file
    And the SCO Secretariat's press release on the Bishkek meeting of the Council of Ministers of Foreign Affairs, drafted with --write and synced by an earlier sco-tracker, which also counted its drafts as commitments
    When I run "sco-tracker db upgrade"
    Then the exit code is 0
    And the output contains "to revision 0008"
    When I run "sco-tracker sync"
    Then the exit code is 0
    And the output contains "No changes: the database already matches commitments.yaml (25 commitments)."
    And the output does not contain "archived"
    When I run "sco-tracker status hold-next-meeting-council-russian-federation"
    Then the exit code is 2
    And the output contains "is a draft in commitments/cfm-press-2019.yaml, not a commitment yet"
