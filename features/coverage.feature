Feature: Every sentence of a communiqué is decided
  As an analyst I read a communiqué sentence by sentence and decide for each one: an
  undertaking (a commitment), or not, and why. The tool keeps that decision for every
  sentence and points at the sentences still undecided, so that no undertaking is missed.

  Scenario: The Beijing communiqué is fully decided
    Given the shipped commitments file
    When I run "sco-tracker coverage --source beijing-2018-05-22"
    Then the exit code is 0
    And the output contains "48 sentences: 19 tracked (39.6%), 29 excluded (60.4%), 0 undecided (0.0%)"
    And the output contains "100.0% decided; 0 likely missed undertakings"
    And no traceback is printed

  Scenario: The strict check passes on the shipped file
    Given the shipped commitments file
    When I run "sco-tracker validate --strict"
    Then the exit code is 0

  Scenario: An undecided sentence is listed; one whose subject is not the sides is no undertaking
    Given the shipped commitments file
    And the exclusion of paragraph 8, the sides' view of the world, is removed
    When I run "sco-tracker coverage"
    Then the exit code is 0
    And the output contains "6 undecided (12.5%)"
    And the output contains "87.5% decided; 0 likely missed undertakings"
    And the output contains "paragraph 8, sentence 5: undecided: These challenges seriously threaten"
    And the output contains "paragraph 8, sentence 1: undecided: The sides stated that the world was currently being transformed"

  Scenario: An undecided undertaking sentence fails validate --strict
    Given the shipped commitments file
    And the commitment "iran-jcpoa" is removed
    When I run "sco-tracker validate --strict"
    Then the exit code is 1
    And the output contains "sources/sco-security-council-secretaries-2018-05-22-beijing.txt:25:1: paragraph 25, sentence 1 of source 'beijing-2018-05-22' has undertaking language ('advocated')"
    And no traceback is printed

  Scenario: A drafted commitment leaves its sentence undecided until it is reviewed
    Given the shipped commitments file
    And the commitment "iran-jcpoa" is marked as a draft
    When I run "sco-tracker coverage --source beijing-2018-05-22"
    Then the exit code is 0
    And the output contains "18 tracked (37.5%), 29 excluded (60.4%), 1 undecided (2.1%)"
    And the output contains "97.9% decided; 0 likely missed undertakings"
    And the output contains "paragraph 25, sentence 1: undecided, awaiting review (draft iran-jcpoa): The sides advocated the consistent"
    And no traceback is printed

  Scenario: A sentence the draft proposes to exclude counts as excluded, and waits for review
    Given the shipped commitments file
    And the exclusion of paragraph 8, the sides' view of the world, is marked as a draft
    When I run "sco-tracker coverage --source beijing-2018-05-22"
    Then the exit code is 0
    And the output contains "48 sentences: 19 tracked (39.6%), 29 excluded (60.4%), 0 undecided (0.0%)"
    And the output contains "87.5% decided (6 sentences excluded by a draft await review); 0 likely missed undertakings"
    And the output contains "paragraph 8, sentence 1: excluded by a draft (description_of_situation), awaiting review: The sides stated that the world was currently being transformed"
    And the output contains "paragraph 8, sentence 5: excluded by a draft (description_of_situation), awaiting review: These challenges seriously threaten"
    And no traceback is printed

  Scenario: Without --strict the same file is still valid
    Given the shipped commitments file
    And the commitment "iran-jcpoa" is removed
    When I run "sco-tracker validate"
    Then the exit code is 0

  Scenario: An exclusion must give a reason from the vocabulary
    Given the shipped commitments file
    And the reason of the exclusion of paragraph 16 is changed to "praise"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "unknown reason 'praise'"
    And the output matches "commitments.yaml:\d+:\d+: unknown reason"

  Scenario: An exclusion quote must be verbatim
    Given the shipped commitments file
    And the quote of the exclusion in paragraph 21 is changed to "The sides noted that Afghanistan was stable"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output matches "commitments.yaml:\d+:\d+: the quote is not in paragraph 21 of source 'beijing-2018-05-22'"

  Scenario: A wrong exclusion quote is reported even when its reason is wrong too
    Given the shipped commitments file
    And the quote of the exclusion in paragraph 21 is changed to "The sides noted that Afghanistan was stable"
    And the reason of the exclusion in paragraph 21 is changed to "situation"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output matches "commitments.yaml:\d+:\d+: unknown reason 'situation'"
    And the output matches "commitments.yaml:\d+:\d+: the quote is not in paragraph 21 of source 'beijing-2018-05-22'"
    And the output contains "commitments.yaml: 2 problems found."

  Scenario: An exclusion still holding the note the draft left is refused by validate --strict
    Given the shipped commitments file
    And the note of the exclusion of paragraph 12 is the placeholder "Guessed by sco-tracker draft: say why this is not a commitment."
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the output matches "commitments.yaml:\d+:\d+: warning: the note of the exclusion of paragraph 12 of source 'beijing-2018-05-22' is still the placeholder 'sco-tracker draft' left"
    And the output contains "write in 'note' why the sentence is not a commitment"
    When I run "sco-tracker validate --strict"
    Then the exit code is 1
    And the output contains "is still the placeholder 'sco-tracker draft' left"
