Feature: validate is the one gate
  As an analyst I run "sco-tracker validate" after every edit of commitments.yaml. Whatever
  "run", "report", "schedule" or "calendar" would refuse later, validate refuses first, at the
  line and column of the mistake, so that a file that passes never stops a later step half-way,
  and a run on a file that does not pass leaves the database and the reports as they were.

  Background:
    Given the shipped commitments file
    And the database is the SQLite file beside the commitments file

  Scenario: A daily check at minute 99 is refused by validate, as the scheduler refuses it
    Given the daily check is scheduled at "99 6 * * *"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the schedule is reported at its line: "'99 6 * * *' is not a valid crontab string"
    When I run "sco-tracker schedule --list"
    Then the exit code is 1
    And the schedule is reported at its line: "'99 6 * * *' is not a valid crontab string"

  Scenario: A templates folder that does not exist: the run refuses before it writes anything
    Given "sco-tracker run" has written today's reports
    And the settings name a templates folder "qingdao-templates" that does not exist
    When I run "sco-tracker run"
    Then the exit code is 1
    And the output contains "templates folder 'qingdao-templates' not found"
    And the database has no new sync and no new check
    And the reports were left as they were

  Scenario: A footer included from a sub-folder of the templates is edited: the next run writes the reports again
    Given my templates folder has a Markdown report that includes "parts/footer.md.j2"
    And the footer says "Next meeting of the Security Council Secretaries: Kyrgyz Republic"
    And "sco-tracker run" has written today's reports
    And the footer now says "Next meeting of the Security Council Secretaries: Bishkek, Kyrgyz Republic"
    When I run "sco-tracker run"
    Then the exit code is 0
    And the output does not contain "Nothing changed"
    And today's Markdown report ends with "Next meeting of the Security Council Secretaries: Bishkek, Kyrgyz Republic"

  Scenario: A misspelt name in my report template is refused by validate, before the run stops on it
    Given "sco-tracker run" has written today's reports
    And my templates folder has a Markdown report that says "# SCO commitments as of {{ as_of_lable }}"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "report.md.j2:1:1: template error: no variable named 'as_of_lable' (did you mean 'as_of_label'?)"
    When I run "sco-tracker run"
    Then the exit code is 1
    And the database has no new sync and no new check
    And the reports were left as they were

  Scenario: A template of my own that names only what the reports give passes validate
    Given my templates folder has a Markdown report that says "# {{ title }} as of {{ as_of_label }}: {{ overdue|length }} overdue{% for t in themes %} {{ t.name }}{% endfor %}"
    When I run "sco-tracker validate"
    Then the exit code is 0
    When I run "sco-tracker run"
    Then the exit code is 0

  Scenario: A database password written into the shared file is refused before anything runs
    Given "sco-tracker run" has written today's reports
    And the settings name the database "postgresql://analyst:qingdao2018@db.example.org/sco"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the database setting is reported at its line: "settings.database has a password in it"
    And the output does not contain "qingdao2018@"
    When I run "sco-tracker run"
    Then the exit code is 1
    And the database has no new sync and no new check
    And the reports were left as they were

  Scenario: A database other than SQLite or PostgreSQL is refused, on the command line and in the file
    When I run "sco-tracker status --db mysql://analyst@db.example.org/sco"
    Then the exit code is 2
    And the output contains "unsupported database 'mysql': sco-tracker works with SQLite (sqlite:///sco-tracker.db) and PostgreSQL (postgresql+psycopg://user@host/dbname) only"
    And the output does not contain "pip install"
    Given the settings name the database "mysql://analyst@db.example.org/sco"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the database setting is reported at its line: "unsupported database 'mysql': sco-tracker works with SQLite"

  Scenario: A database file outside the project folder is refused by validate, as run refuses it
    Given the settings name the database "sqlite:///../elsewhere/sco-tracker.db"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the database setting is reported at its line: "leads outside the project folder"
