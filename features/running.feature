Feature: The main job, run as often as you like
  As an analyst I run "sco-tracker run" (or "make run") whenever I want the latest state: from
  a terminal, a cron job or an editor. When nothing has changed since the last run on the same
  day (commitments.yaml, its source texts, the templates, the database and the reports are as
  that run left them), the run would only repeat itself, so it says so and does nothing.
  Anything that changed, and the whole job is done again.

  Background:
    Given the shipped commitments file
    And the database is the SQLite file beside commitments.yaml
    And "sco-tracker run" has run once today

  Scenario: Run again with nothing changed: the reports are already up to date
    When I run "sco-tracker run"
    Then the exit code is 0
    And the output contains "Nothing changed since the last run"
    And the output contains "(1 warning: 'sco-tracker validate' shows it.)"
    And the output contains "reports/"
    And no new check was recorded in the database
    And the reports were not written again

  Scenario: After the Qingdao youth action programme is recorded as in progress, the next run does the whole job
    Given the youth action programme is marked in progress
    When I run "sco-tracker run"
    Then the exit code is 0
    And the output does not contain "Nothing changed"
    And the output contains "1 changed; 1 status history entry recorded"
    And a new check was recorded in the database

  Scenario: A report deleted by hand is written again
    Given the HTML report of today is deleted
    When I run "sco-tracker run"
    Then the output does not contain "Nothing changed"
    And the HTML report of today exists

  Scenario: A check run in between makes the next run do the whole job
    Given "sco-tracker check --as-of 2018-06-15" has run
    When I run "sco-tracker run"
    Then the output does not contain "Nothing changed"
    And a new check was recorded in the database

  Scenario: --force does the whole job even when nothing changed
    When I run "sco-tracker run --force"
    Then the exit code is 0
    And the output does not contain "Nothing changed"
    And a new check was recorded in the database

  Scenario: A broken edit is reported as usual, with the reports left as they were
    Given a commitment's status is misspelt as "fulfiled"
    When I run "sco-tracker run"
    Then the exit code is 1
    And the output contains "fulfiled"
    And the reports were not written again
