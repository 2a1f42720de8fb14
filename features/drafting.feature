Feature: A first reading of a new communiqué
  When a new communiqué comes out, the analyst asks the tool for a first reading: a proposed
  commitment for each sentence with undertaking language and a proposed exclusion for every
  other sentence. The analyst reviews each proposal before it counts.

  The communiqué used here is made up for the tests (tests/data/made-up-communique-TEST-DATA.txt);
  it is not a real SCO document.

  Scenario: The proposals are printed for review
    Given the shipped commitments file
    And the made-up test communiqué
    When I run "sco-tracker draft made-up.txt --source-id bishkek-test"
    Then the exit code is 0
    And the output contains "5 proposed commitments, 6 proposed exclusions"
    And the output contains "quote: The sides supported plans to hold the next meeting of the SCO-Afghanistan Contact Group in October 2019 in Moscow"
    And the output contains "# why: subject 'The sides', verb 'supported' (reported): supports a plan to act"
    And the output contains "title: Hold the next meeting of the SCO-Afghanistan Contact Group in October 2019 in Moscow"
    And the output contains "strength: support plans to"
    And the output contains "due: 2019-10"
    And the output contains "due: bishkek-summit"
    And the output contains "parties: [china, russia]"
    And the output contains "reason: praise_of_past_event"
    And the commitments file is unchanged

  Scenario: Written proposals are kept as drafts until reviewed
    Given the shipped commitments file
    And the made-up test communiqué
    When I run "sco-tracker draft made-up.txt --source-id bishkek-test --write"
    Then the exit code is 0
    And the commitments file keeps every line it had, in order
    And the text is copied to "sources/bishkek-test.txt"
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the output contains "warning: commitment 'hold-joint-anti-terrorist-exercises-competent' is a draft"
    When I run "sco-tracker validate --strict"
    Then the exit code is 1
    When I run "sco-tracker coverage --source bishkek-test"
    Then the output contains "11 sentences: 0 tracked (0.0%), 6 excluded (54.5%), 5 undecided (45.5%)"
    And the output contains "0.0% decided (6 sentences excluded by a draft await review)"
    And the output contains "paragraph 4, sentence 1: undecided, awaiting review (draft hold-joint-anti-terrorist-exercises-competent)"
    And the output contains "paragraph 9, sentence 1: excluded by a draft (procedural), awaiting review: The heads of delegations thanked the Kyrgyz side for its hospitality."

  Scenario: A source id already in use is refused
    Given the shipped commitments file
    And the made-up test communiqué
    When I run "sco-tracker draft made-up.txt --source-id beijing-2018-05-22 --write"
    Then the exit code is 2
    And the output contains "commitments.yaml:42:9: source 'beijing-2018-05-22' is already defined here; choose another --source-id"
    And the commitments file is unchanged
