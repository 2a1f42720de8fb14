Feature: Progress checks as of any date
  As an analyst I ask what is overdue, due soon, undated, stale, blocked or unsupported on a
  given date. A date in the past reproduces the past: an update dated later is invisible.
  Every check is stored, and each finding is marked new, continuing or resolved.

  Scenario: As of 1 June 2018 the Contact Group has met and the Qingdao documents are due soon
    Given the shipped commitments file
    When I run "sco-tracker status --as-of 2018-06-01 --json"
    Then the exit code is 0
    And "afghanistan-contact-group-beijing" is "fulfilled" with no findings
    And "qingdao-counter-terrorism-programme" is "planned" with the finding "due_soon"
    And "qingdao-youth-joint-appeal" is "planned" with the finding "due_soon"
    And "qingdao-youth-action-programme" is "planned" with the finding "due_soon"
    And "qingdao-drug-abuse-concept" is "in_progress" with the finding "due_soon"

  Scenario: As of 15 June 2018 the youth action programme, never recorded as adopted, is overdue
    Given the shipped commitments file
    When I run "sco-tracker check --as-of 2018-06-15"
    Then the exit code is 0
    And the output contains "overdue    qingdao-youth-action-programme  due at the Qingdao summit (10 June 2018), 5 days ago"
    And the output does not contain "qingdao-youth-joint-appeal"
    And no traceback is printed

  Scenario Outline: An overdue commitment says by when it was due, and how long ago
    Given the shipped commitments file
    And the youth action programme is due <due>
    When I run "sco-tracker check --as-of <day>"
    Then the exit code is 0
    And the line of "qingdao-youth-action-programme" says "<wording>"
    And the output does not contain "past due"

    Examples:
      | due            | day        | wording                                                |
      | 2020           | 2026-12-01 | due by the end of 2020, 2161 days ago (over 5 years)   |
      | 2020-03        | 2026-12-01 | due by the end of March 2020, 2436 days ago (over 6 years) |
      | 2020-03-15     | 2020-07-01 | due by 15 March 2020, 108 days ago (about 4 months)    |
      | 2020-03-15     | 2021-04-01 | due by 15 March 2020, 382 days ago (over a year)       |
      | qingdao-summit | 2018-06-11 | due at the Qingdao summit (10 June 2018), 1 day ago    |

  Scenario: The overdue commitments are listed most overdue first, as in the report
    Given the shipped commitments file
    And the youth action programme is due 2018-05
    When I run "sco-tracker check --as-of 2026-12-01"
    Then the exit code is 0
    And the overdue commitments are listed most overdue first
    And "qingdao-youth-action-programme" (3106 days overdue) is listed before "qingdao-drug-abuse-concept" (3096 days)

  Scenario Outline: A commitment due soon says by when it is due, and how soon
    Given the shipped commitments file
    And the youth action programme is due <due>
    When I run "sco-tracker check --as-of <day>"
    Then the exit code is 0
    And the line of "qingdao-youth-action-programme" says "<wording>"

    Examples:
      | due            | day        | wording                                             |
      | 2018-06        | 2018-06-21 | due by the end of June 2018, in 9 days              |
      | qingdao-summit | 2018-06-10 | due at the Qingdao summit (10 June 2018), today     |

  Scenario: A commitment whose document gives no date is undated, never overdue
    Given the shipped commitments file
    And the youth action programme is due unspecified
    When I run "sco-tracker check --as-of 2026-12-01"
    Then the exit code is 0
    And the line of "qingdao-youth-action-programme" says "undated"
    And the line of "qingdao-youth-action-programme" says "the document gives no date"
    And no line of "qingdao-youth-action-programme" says "overdue"

  Scenario: The status of a commitment, the report and the site say it in the same words
    Given the shipped commitments file
    And the youth action programme is due 2020
    When I run "sco-tracker run --as-of 2026-12-01"
    Then the exit code is 0
    And the report of 2026-12-01 says "due by the end of 2020, 2161 days ago"
    And the site's page of "qingdao-youth-action-programme" says "Overdue: due by the end of 2020, 2161 days ago"
    When I run "sco-tracker status qingdao-youth-action-programme --as-of 2026-12-01"
    Then the output contains "finding: overdue: due by the end of 2020, 2161 days ago"
    And the output contains "status as of 1 December 2026: planned"
    And the output does not contain "2026-12-01"

  Scenario: A pipeline can fail on overdue commitments
    Given the shipped commitments file
    When I run "sco-tracker check --as-of 2018-06-15 --fail-on overdue"
    Then the exit code is 1
    And the output contains "Failing because of: overdue"

  Scenario: An update dated after the as-of date is invisible
    Given the shipped commitments file
    When I run "sco-tracker status qingdao-counter-terrorism-programme --as-of 2018-06-05 --json"
    Then the exit code is 0
    And "qingdao-counter-terrorism-programme" is "planned" with the finding "due_soon"

  Scenario: A commitment due at a meeting whose date is not yet known is undated
    Given the shipped commitments file
    And the date of the 14th meeting of the Security Council Secretaries is not yet known
    When I run "sco-tracker check --as-of 2018-06-15 --json"
    Then the exit code is 0
    And "next-secretaries-meeting-kyrgyzstan" has the finding "undated"

  Scenario: Border control not reviewed for a year is stale
    Given the shipped commitments file
    When I run "sco-tracker check --as-of 2019-06-01 --json"
    Then the exit code is 0
    And "border-control" has the finding "stale"

  Scenario: A commitment waiting for an unfulfilled one is blocked
    Given the shipped commitments file
    And the joint approach to drug trafficking depends on the drug-abuse concept
    When I run "sco-tracker check --as-of 2018-06-15 --json"
    Then the exit code is 0
    And "joint-approach-drug-trafficking" has the finding "blocked"

  Scenario: A commitment marked fulfilled without dated evidence is unsupported
    Given the shipped commitments file
    And the youth action programme is marked fulfilled without any update
    When I run "sco-tracker check --as-of 2018-06-15 --json"
    Then the exit code is 0
    And "qingdao-youth-action-programme" has the finding "unsupported"

  Scenario: Findings are marked against the previous check
    Given the shipped commitments file
    And a check was run as of 2018-06-01
    When I run "sco-tracker check --as-of 2018-06-15 --json"
    Then the finding "due_soon" of "qingdao-youth-joint-appeal" is "resolved"
    And the finding "overdue" of "qingdao-youth-action-programme" is "new"
