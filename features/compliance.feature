Feature: Each member's compliance, scored as the research groups score it
  The G7, G20 and BRICS Research Groups score each member on each commitment: -1 for no
  compliance or action against it, 0 for partial compliance or work under way, +1 for full
  compliance, each score with its evidence and in a window (an interim report at the
  presidency handover, a final one just before the next summit). A collective status such
  as "fulfilled" cannot say that Kyrgyzstan acted and Pakistan did not; this grid can. A
  member with no score is "not assessed", which is never the same as -1.

  Scenario: Each member is scored on its own
    Given the shipped commitments file
    When I run "sco-tracker compliance --window final-2019 --json"
    Then the exit code is 0
    And the Kyrgyzstan cell of "next-secretaries-meeting-kyrgyzstan" reads "+1"
    And the China cell of "next-secretaries-meeting-kyrgyzstan" reads "not assessed"
    And the China cell of "afghanistan-contact-group-beijing" reads "+1"
    And the Pakistan cell of "afghanistan-contact-group-beijing" reads "not assessed"

  Scenario: The grid in the terminal
    Given the shipped commitments file
    When I run "sco-tracker compliance --window final-2019"
    Then the exit code is 0
    And the output contains "Compliance in window 'final-2019' (Final: to the eve of the Bishkek summit): 2018-05-22 to 2019-06-13"
    And the output matches "next-secretaries-meeting-kyrgyzstan +\. +\. +\. +\+1 +\. +\. +\. +\. +\+1\.00 +100\.0%"
    And the output contains "Overall: +1.00 (100.0%) from 3 scored cells; 197 of 200 cells not assessed."
    And no traceback is printed

  Scenario: The grid of one member, and the filter said
    Given the shipped commitments file
    When I run "sco-tracker compliance --window final-2019 --party kyrgyzstan"
    Then the exit code is 0
    And the output contains "Shown: party 'kyrgyzstan' only (25 commitments, 1 member column)."
    And the output matches "next-secretaries-meeting-kyrgyzstan +\+1 +\+1\.00 +100\.0%"
    And the output does not contain "Pakistan"
    And the output contains "change since interim-2018"
    And the output contains "Overall: +1.00 (100.0%) from 1 scored cell; 24 of 25 cells not assessed."

  Scenario: A view with nothing to score says so instead of an empty grid
    Given the shipped commitments file
    When I run "sco-tracker compliance --window final-2019 --party rats"
    Then the exit code is 0
    And the output contains "Shown: party 'rats' only."
    And the output contains "Nothing to score in window 'final-2019': no commitment of party 'rats' is in it"
    And the output does not contain "Overall:"
    And the output does not contain "…"

  Scenario: Not assessed is not the same as -1
    Given the shipped commitments file
    And an analyst scores India -1 on "iran-jcpoa" in window "final-2019", citing "https://example.org/evidence"
    When I run "sco-tracker compliance --window final-2019 --json"
    Then the India cell of "iran-jcpoa" reads "-1"
    And the Pakistan cell of "iran-jcpoa" reads "not assessed"
    And India's average is -1 (0%)
    And Pakistan has no average
    And 196 cells are not assessed

  Scenario: The averages, computed by hand
    # Shipped: China +1 on the Moscow plan and on the Beijing meeting, Kyrgyzstan +1 on the
    # next Secretaries' meeting. Added here (made-up scores, for the arithmetic only):
    #   iran-jcpoa:               India +1, Kazakhstan 0, Russia -1, Pakistan n/a
    #   ukraine-minsk-agreements: India +1, Kazakhstan -1
    #   and, in the interim window, India 0 on iran-jcpoa.
    # India (1 + 1) / 2 = +1 = 100%, up +1 from 0 in the interim window.
    # Kazakhstan (0 - 1) / 2 = -0.5 = 25%. Russia -1 = 0%. Pakistan: n/a only, no average.
    # iran-jcpoa (1 + 0 - 1) / 3 = 0 = 50%; n/a is left out.
    # Overall (1 + 1 + 1 + 1 + 0 - 1 + 1 - 1) / 8 = 3/8 = 0.375 = 68.75%.
    # 25 commitments x 8 members = 200 cells; 8 scored, 1 n/a, so 191 not assessed.
    Given the shipped commitments file
    And these scores, each citing its evidence:
      | commitment               | party      | score | window       | date       |
      | iran-jcpoa               | india      | 0     | interim-2018 | 2018-06-01 |
      | iran-jcpoa               | india      | +1    | final-2019   | 2019-01-15 |
      | iran-jcpoa               | kazakhstan | 0     | final-2019   | 2019-01-15 |
      | iran-jcpoa               | russia     | -1    | final-2019   | 2019-01-15 |
      | iran-jcpoa               | pakistan   | n/a   | final-2019   | 2019-01-15 |
      | ukraine-minsk-agreements | india      | +1    | final-2019   | 2019-01-15 |
      | ukraine-minsk-agreements | kazakhstan | -1    | final-2019   | 2019-01-15 |
    When I run "sco-tracker compliance --window final-2019 --json"
    Then the exit code is 0
    And India's average is 1 (100%)
    And India's change since the previous window is 1
    And Kazakhstan's average is -0.5 (25%)
    And Russia's average is -1 (0%)
    And Pakistan has no average
    And the average of "iran-jcpoa" is 0 (50%)
    And the overall average is 0.375 (68.75%)
    And 191 cells are not assessed

  Scenario: A restated commitment whose due date slipped
    # "Early 2018" has no exact end; the shipped file reads it as the year 2018, so the
    # Beijing restatement ("in May 2018") moved the date earlier. Read as the first quarter,
    # the Beijing date is a slip.
    Given the shipped commitments file
    And the due date of "afghanistan-contact-group-beijing-2018-plan" is changed to "2018-03"
    When I run "sco-tracker compliance"
    Then the exit code is 0
    And the output contains "afghanistan-contact-group-beijing-2018-plan: first promised on 2017-10-11 (moscow-2017-10-11), due March 2018"
    And the output contains "restated on 2018-05-22 (beijing-2018-05-22) as afghanistan-contact-group-beijing, due May 2018: slipped 61 days later"
    And the progress check on 2018-06-01 finds "afghanistan-contact-group-beijing" slipped by 61 days

  Scenario: The shipped restatement moved the date earlier, so nothing slipped
    Given the shipped commitments file
    When I run "sco-tracker compliance"
    Then the output contains "due May 2018: moved 214 days earlier"
    And the progress check on 2018-06-01 finds nothing slipped

  Scenario: The CSV opens cleanly as a spreadsheet
    Given the shipped commitments file
    And an analyst scores India -1 on "iran-jcpoa" in window "final-2019", citing "https://example.org/evidence"
    When I run "sco-tracker compliance --window final-2019 --csv"
    Then the exit code is 0
    And the CSV has the header "commitment, title, China, India, Kazakhstan, Kyrgyzstan, Pakistan, Russia, Tajikistan, Uzbekistan, average, percent, not assessed"
    And the CSV has 25 commitment rows, then the rows "average (-1..+1)", "percent" and "change since interim-2018"
    And in the CSV the Kyrgyzstan cell of "next-secretaries-meeting-kyrgyzstan" is "1"
    And in the CSV the India cell of "iran-jcpoa" is "-1"
    And in the CSV the Pakistan cell of "iran-jcpoa" is "not assessed"
    And in the CSV the China cell of "average (-1..+1)" is "1"
    And in the CSV the India cell of "percent" is "0"
    And in the CSV the Pakistan cell of "average (-1..+1)" is ""

  Scenario: A window that does not exist
    Given the shipped commitments file
    When I run "sco-tracker compliance --window final"
    Then the exit code is 2
    And the output contains "unknown window 'final' (did you mean 'final-2019'?); the windows are: interim-2018, final-2019"
    And no traceback is printed

  Scenario: A quote from a source without local text cannot be verified, which is a warning
    Given the shipped commitments file
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the output matches "commitments.yaml:\d+:\d+: warning: the quote cannot be verified: source 'moscow-2017-10-11' has no local text"

  Scenario Outline: A mistake in an assessment is pointed at
    Given the shipped commitments file
    And an analyst adds to "iran-jcpoa" the assessment <assessment>
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output points at the added assessment with "<message>"
    And no traceback is printed

    Examples:
      | assessment | message |
      | {party: afghanistan, score: +1, window: final-2019, date: 2019-01-15, source: "https://example.org/e"} | unknown party 'afghanistan' |
      | {party: rats, score: +1, window: final-2019, date: 2019-01-15, source: "https://example.org/e"} | 'rats' is not among the parties of commitment 'iran-jcpoa' |
      | {party: india, score: 2, window: final-2019, date: 2019-01-15, source: "https://example.org/e"} | score 2 is outside the scale: use -1 (no compliance), 0 (partial, work under way), +1 (full compliance) or n/a |
      | {party: india, score: +1, window: final-2019, date: 2019-01-15} | the score +1 for 'india' has no source |
      | {party: india, score: 0, window: final, date: 2019-01-15, source: "https://example.org/e"} | unknown assessment window 'final' (did you mean 'final-2019'?) |
      | {party: india, score: 0, window: interim-2018, date: 2019-01-15, source: "https://example.org/e"} | evidence dated 2019-01-15 is after the end of window 'interim-2018' (2018-06-10) |

  Scenario: One score per member per window
    Given the shipped commitments file
    And an analyst adds to "afghanistan-contact-group-beijing" the assessment {party: china, score: 0, window: final-2019, date: 2018-05-28, source: "https://example.org/e"}
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output points at the added assessment with "'china' is assessed twice in window 'final-2019' (first at line"

  Scenario: A restatement must point at a known, earlier commitment, without a cycle
    Given the shipped commitments file
    And "afghanistan-contact-group-beijing-2018-plan" is marked as restating "afghanistan-contact-group-beijing"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output points at the restates of "afghanistan-contact-group-beijing-2018-plan" with "restatement cycle: afghanistan-contact-group-beijing-2018-plan -> afghanistan-contact-group-beijing -> afghanistan-contact-group-beijing-2018-plan"
    And the output points at the restates of "afghanistan-contact-group-beijing-2018-plan" with "which comes from a later source ('beijing-2018-05-22', 2018-05-22)"

  Scenario: A restatement of an unknown commitment
    Given the shipped commitments file
    And "afghanistan-contact-group-beijing" is marked as restating "afghanistan-contact-group-moscow"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output points at the restates of "afghanistan-contact-group-beijing" with "unknown commitment 'afghanistan-contact-group-moscow'"
