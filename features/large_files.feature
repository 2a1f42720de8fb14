Feature: Many commitments
  A team that puts every SCO, BRICS and G20 document into sco-tracker tracks thousands of
  commitments. The terminal then shows the most urgent findings and says how many more there
  are; the reports list every one, and fold away what is neither overdue nor due soon.

  Scenario: Two hundred commitments: the terminal shows the first fifty findings, the reports show them all
    Given a commitments file of 200 commitments from several communiqués
    When I run "sco-tracker run"
    Then the exit code is 0
    And the terminal lists 50 findings and says how many more the reports list
    And the Markdown report names every commitment that has a finding
    And the HTML report folds away the commitments that are neither overdue nor due soon
