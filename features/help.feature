Feature: The commands explain themselves
  As an analyst I look up what a command does with --help. The list of commands gives each
  one's whole first sentence, wrapped, never cut short with "...".

  Scenario: The list of commands gives each one's whole description
    Given the shipped commitments file
    When I run "sco-tracker --help"
    Then the exit code is 0
    And the output matches "list every problem as FILE:LINE:COL:\s+message\."
    And the output matches "The main job: validate commitments.yaml, sync the database,\s+check\s+progress\s+and\s+write\s+the\s+reports\."

  Scenario: The database commands give their whole description too
    Given the shipped commitments file
    When I run "sco-tracker db --help"
    Then the exit code is 0
    And the output matches "Apply the database migrations shipped with\s+sco-\s*tracker\s+\(creates\s+a\s+new\s+database\)\."
