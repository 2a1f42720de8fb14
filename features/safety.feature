Feature: Files from the shared repository cannot harm an analyst's machine
  commitments.yaml, the source texts, the templates and the reports folder come through git
  from many analysts. Whatever they contain, sco-tracker runs no command, reads and writes
  nothing outside the project unless the analyst names the place on the command line, and
  loses no one's work.

  Scenario: An update through a linked commitments file reaches the shared file
    Given the shipped commitments file, kept in a shared folder and linked from the project
    When I run "sco-tracker update qingdao-youth-action-programme --status fulfilled --date 2018-06-10 --note 'Adopted at the Qingdao summit.'"
    Then the exit code is 0
    And the shared commitments file records the adoption at the Qingdao summit
    And the project's commitments.yaml is still a link to the shared file

  Scenario: A reports folder outside the project is refused
    Given the shipped commitments file, in a project folder beside the team's web site
    And settings.reports_dir is "../www", the team's web site
    When I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 1
    And the output contains "reports folder '../www' is outside the project folder"
    And the output contains "use 'sco-tracker report --out' for a one-off"
    And the team's web site is unchanged

  Scenario: A folder the analyst allows in SCO_TRACKER_ALLOW_DIRS may be the reports folder
    Given the shipped commitments file, in a project folder beside the team's web site
    And settings.reports_dir is "../www", the team's web site
    And the analyst lists the team's web site in SCO_TRACKER_ALLOW_DIRS
    When I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 0
    And the team's web site has the report as of 15 June 2018

  Scenario: A folder named on the command line is the analyst's choice
    Given the shipped commitments file, in a project folder beside the team's web site
    When I run "sco-tracker report --as-of 2018-06-15 --out ../www"
    Then the exit code is 0
    And the team's web site has the report as of 15 June 2018

  Scenario: A template that tries to run a command is stopped
    Given the shipped commitments file
    And a report template that tries to run the shell command "touch PWNED"
    When I run "sco-tracker report --as-of 2018-06-15 --format md"
    Then the exit code is 2
    And the output contains "report.md.j2:3:1: not allowed in a template"
    And no command was run
    And no traceback is printed

  Scenario: A source text that is a link out of the project is not read
    Given the shipped commitments file
    And the Beijing source text is a link to a private file outside the project
    When I run "sco-tracker coverage"
    Then the exit code is 1
    And the output contains "it is a link that leads outside the project folder"
    And the output does not contain "private"

  Scenario: A source text that is a named pipe does not hang validation
    Given the shipped commitments file
    And the Beijing source text is a named pipe
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "it is a named pipe, not a regular file"

  Scenario: The calendar is never written over a named pipe
    Given the shipped commitments file
    And a named pipe "deadlines.ics" in the project folder
    When I run "sco-tracker calendar -o deadlines.ics"
    Then the exit code is 2
    And the output contains "deadlines.ics is a named pipe, not a regular file"
    And "deadlines.ics" is still a named pipe

  Scenario: A link planted where the latest report goes cannot overwrite the commitments file
    Given the shipped commitments file
    And "reports/latest.md" is a link to the project's commitments.yaml
    When I run "sco-tracker report --as-of 2018-06-15 --format md"
    Then the exit code is 0
    And the commitments file is unchanged
    And "reports/latest.md" is the status report, no longer a link

  Scenario: A page of the site that is a link is replaced by the page
    Given the shipped commitments file
    And "reports/site/c/iran-jcpoa.html" is a link to the project's commitments.yaml
    When I run "sco-tracker run --as-of 2018-06-15"
    Then the exit code is 0
    And the commitments file is unchanged
    And "reports/site/c/iran-jcpoa.html" is the page of the commitment, no longer a link
