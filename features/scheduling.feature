Feature: Scheduled progress checks and reports
  So that nobody has to remember to run the tracker, a small daemon on the team's server
  re-reads commitments.yaml, checks progress and writes the status reports on the schedule
  in settings.schedule. It keeps going through restarts, downtime and broken edits.

  Background:
    Given the shipped commitments file

  Scenario: Reports appear on schedule
    Given the report is scheduled "0 7 * * mon"
    When the scheduled report runs twice from Friday 15 June 2018
    Then the reports of Monday 18 June 2018 and Monday 25 June 2018 are in the reports folder
    And the scheduler log has a line for each report run with its outcome and duration

  Scenario: A broken edit is reported and the last good report is kept
    Given the report is scheduled "every 1 seconds"
    And the scheduler has written a report
    When an analyst saves commitments.yaml with the status "done" for the drug-abuse concept
    Then the scheduler log shows "unknown status 'done'" at commitments.yaml line and column
    And the last good report is unchanged
    And the scheduler is still running
    And `sco-tracker runs` lists the failed run
    When the analyst fixes the file
    Then the next report run succeeds
    And stopping the scheduler with SIGTERM exits with code 0

  Scenario: A missed weekly report is produced once after downtime
    Given the report is scheduled "0 7 * * mon"
    And the scheduler was started once and then killed
    And it was down while Monday's 07:00 report fell due two hours ago
    When the scheduler starts again
    Then it says it is catching up the missed report
    And exactly one report run happens at start-up

  Scenario: A second scheduler on the same database is refused
    Given the report is scheduled "every 1 hours"
    And a scheduler is running
    When I run "sco-tracker schedule"
    Then the exit code is 2
    And the output contains "a scheduler is already running for the database"
    And the output names the host and process id of the running scheduler
    And no traceback is printed

  Scenario: The schedule can be listed without starting the daemon
    When I run "sco-tracker schedule --list"
    Then the exit code is 0
    And the output contains "check   0 6 * * *"
    And the output contains "report  0 7 * * mon"
