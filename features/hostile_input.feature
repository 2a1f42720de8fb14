Feature: Hostile or broken input is shown as text, never acted on, and never crashes a command
  Whatever the commitments file holds, each output shows it as text: a line break in a link
  cannot start a heading in the Markdown report, a name that looks like a formula is not run
  by the spreadsheet, a title with a line break does not add events to the calendar. A damaged
  database or an unwritable reports folder gets one message that says what to do.

  Scenario: A link with a line break in it stays one link in the Markdown report
    Given the shipped commitments file
    And the link of the Beijing information report is followed by a line break, "# Injected heading", a tracking image and a "javascript:" link
    When I run "sco-tracker report --as-of 2018-06-01"
    Then the exit code is 0
    And the Markdown report as of 2018-06-01 has no heading "Injected heading", no image and no "javascript:" link
    And every link there to the Beijing information report is the whole link, percent-encoded

  Scenario: A party name that looks like a spreadsheet formula is neutralised in the CSV
    Given the shipped commitments file
    And China is named "=cmd|' /C calc'!A0" in the parties
    When I run "sco-tracker compliance --csv"
    Then the exit code is 0
    And the CSV column of China is headed "'=cmd|' /C calc'!A0"
    And China's score on "afghanistan-contact-group-beijing-2018-plan" is still the number 1

  Scenario: A title and a link with line breaks stay one event in the deadlines calendar
    Given the shipped commitments file
    And the Moscow plan for the Contact Group is titled "Hold the meeting\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:fake"
    And the link of the Moscow report is followed by "\r\nATTENDEE:mailto:spy@example.org"
    When I run "sco-tracker calendar --as-of 2018-01-01 --output -"
    Then the exit code is 0
    And the calendar holds one event, titled "Hold the meeting\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:fake", and no line "SUMMARY:fake"
    And no line of the calendar starts with "ATTENDEE"

  Scenario: A damaged database gets one message that says what to do
    Given the shipped commitments file
    And the database beside it is a damaged file
    When I run "sco-tracker status --db sqlite:///sco-tracker.db"
    Then the exit code is 2
    And no traceback is printed
    And the output contains "is damaged or is not an sco-tracker database"
    And the output contains "Restore it from a backup"
