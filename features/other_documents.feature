Feature: Documents beyond the SCO's own
  Commitments about the SCO are also made in documents of other organisations, such as a
  General Assembly resolution on cooperation between the United Nations and the SCO. Such a
  document numbers its own paragraphs, asks others to act (the UN Secretary-General), often
  names the SCO member states together and sometimes gives no date at all.

  The resolution used here is made up for the tests, on the model of a General Assembly
  resolution (tests/data/un-resolution/); it is not a real UN document.

  Scenario: A request to the Secretary-General is cited by the resolution's own paragraph number
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, with its commitments
    When I run "sco-tracker validate"
    Then the exit code is 0
    When I run "sco-tracker status un-report-on-sco-cooperation --as-of 2020-01-15"
    Then the exit code is 0
    And the output contains "2019-12-12, paragraph 5):"
    And the output contains "5. Requests the Secretary-General to submit to the General Assembly"
    And the output contains "asked to act: un-secretary-general"

  Scenario: A quote under the wrong paragraph number says where the quote really is
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, with its commitments
    And the request to the Secretary-General is cited as paragraph "6"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "the quote is not in paragraph 6 of source 'un-sco-cooperation-2019' (sources/un-sco-cooperation-resolution-TEST-DATA.txt:12); it is in paragraph 5 (line 11)"

  Scenario: A paragraph number the resolution does not have lists the nearest ones
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, with its commitments
    And the request to the Secretary-General is cited as paragraph "annex 5"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "source 'un-sco-cooperation-2019' has no paragraph numbered 'annex 5'; the nearest are: 'annex 2', 'annex 1'"

  Scenario: A deliverable for which the resolution gives no date is reported as undated
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, with its commitments
    When I run "sco-tracker check --as-of 2020-01-15 --json"
    Then the exit code is 0
    And "un-report-on-sco-cooperation" has the finding "undated" because "the document gives no date"
    And no due date was invented for "un-report-on-sco-cooperation"

  Scenario: The SCO member states named once as a party group
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, with its commitments
    When I run "sco-tracker status sco-members-un-counter-terrorism --as-of 2020-01-15 --json"
    Then the exit code is 0
    And the parties of "sco-members-un-counter-terrorism" are the eight SCO member states

  Scenario: A party group with a member who is not a party is refused
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, with its commitments
    And the group "sco-members" lists "uzbekistn"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "unknown party 'uzbekistn' in group 'sco-members' (did you mean 'uzbekistan'?)"

  Scenario: The report names who is asked to act and the resolution's own paragraph numbers
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, with its commitments
    When I run "sco-tracker report --as-of 2020-01-15"
    Then the exit code is 0
    And in the report of 2020-01-15 "Report to the General Assembly on cooperation with the SCO" shows "Asked to act: UN Secretary-General" and "paragraph 5"
    And in the report of 2020-01-15 "Hold consultations of the two secretariats at the level of senior officials" shows "annex paragraph 2" and "Undated"
