Feature: Drafts that link to what is already tracked
  A new communiqué is also evidence about the old ones. When the analyst drafts it, the tool
  proposes two kinds of link, each with the evidence that made it (a '# why:' line): a proposed
  commitment that restates an earlier one carries 'restates:' with the earlier id, and a
  sentence that reports on an earlier commitment ("noted the results of ...", "... met in
  Beijing") becomes a dated update of that commitment, citing the new source and marked
  'draft: true'. Nothing is linked silently: every link waits for the analyst's review.

  The documents are real: the Contact Group's plan agreed in Moscow on 11 October 2017, the
  Beijing communiqué of 22 May 2018, the follow-up facts of May 2018 and April 2019, and
  UN General Assembly resolution 80/16.

  Scenario: The Beijing communiqué restates the Contact Group's Moscow plan and reports on the Moscow meeting
    Given a commitments file that tracks only the SCO-Afghanistan Contact Group's plan of 11 October 2017 (Moscow)
    And the Beijing communiqué of 22 May 2018
    When I run "sco-tracker draft beijing.txt --source-id beijing-2018-05-22"
    Then the exit code is 0
    And the proposal quoting "supported plans to hold the Group's next meeting in May 2018 in Beijing" restates "afghanistan-contact-group-beijing-2018-plan"
    And the output contains "names source 'moscow-2017-10-11': Moscow, 11 October 2017"
    And the output contains "1 restating tracked ones, 1 proposed update of tracked ones"
    And an update of "afghanistan-contact-group-beijing-2018-plan" dated 2018-05-22 is proposed, quoting "They noted the results of the meeting of the SCO-Afghanistan Contact Group (Moscow, 11 October 2017)"
    And the commitments file is unchanged

  Scenario: The update proposed for the Moscow plan is written as a draft and counts only once reviewed
    Given a commitments file that tracks only the SCO-Afghanistan Contact Group's plan of 11 October 2017 (Moscow)
    And the Beijing communiqué of 22 May 2018
    When I run "sco-tracker draft beijing.txt --source-id beijing-2018-05-22 --write"
    Then the exit code is 0
    And "afghanistan-contact-group-beijing-2018-plan" has a draft update dated 2018-05-22 citing "beijing-2018-05-22"
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the output contains "warning: the update of 2018-05-22 of commitment 'afghanistan-contact-group-beijing-2018-plan' is a draft"
    When I run "sco-tracker check --as-of 2018-06-01"
    Then the output contains "no update for 233 days (since 2017-10-11)"
    When I run "sco-tracker validate --strict"
    Then the exit code is 1

  Scenario: The Contact Group's meeting in Beijing reports on both its plans; the one in Bishkek on neither
    Given the shipped commitments file
    And the follow-up note "The SCO-Afghanistan Contact Group met in Beijing, at the level of deputy foreign ministers." as "met-2018-05-28.txt"
    And the follow-up note "The next SCO-Afghanistan Contact Group meeting was held in Bishkek." as "met-2019-04-19.txt"
    When I run "sco-tracker draft met-2018-05-28.txt --source-id contact-group-2018-05-28 --date 2018-05-28"
    Then an update of "afghanistan-contact-group-beijing" dated 2018-05-28 is proposed, quoting "The SCO-Afghanistan Contact Group met in Beijing"
    And an update of "afghanistan-contact-group-beijing-2018-plan" dated 2018-05-28 is proposed, quoting "The SCO-Afghanistan Contact Group met in Beijing"
    When I run "sco-tracker draft met-2019-04-19.txt --source-id contact-group-2019-04-19 --date 2019-04-19"
    Then the exit code is 0
    And no update of a tracked commitment is proposed

  Scenario: Another meeting held in Beijing in 2018 is no report on the Contact Group's plan to meet there; the Contact Group's own meeting is
    The Secretaries' press release shares the words of any meeting with the plan (meeting, held,
    Beijing, 2018, SCO, China) but not the name of the meeting planned: the Contact Group.
    Given the shipped commitments file
    And the follow-up note "The 13th meeting of the Security Council Secretaries of the SCO Member States was held in Beijing on 21-22 May 2018, chaired by the Minister of Public Security of China." as "press-2018-05-22.txt"
    And the follow-up note "The meeting of the SCO-Afghanistan Contact Group was held in Beijing on 28 May 2018." as "met-2018-05-28.txt"
    And the follow-up note "The next meeting of the Security Council Secretaries was held in Bishkek in 2019." as "met-2019-05-15.txt"
    When I run "sco-tracker draft press-2018-05-22.txt --source-id press-2018-05-22 --date 2018-05-22"
    Then the exit code is 0
    And no update of a tracked commitment is proposed
    When I run "sco-tracker draft met-2018-05-28.txt --source-id contact-group-2018-05-28 --date 2018-05-28"
    Then an update of "afghanistan-contact-group-beijing-2018-plan" dated 2018-05-28 is proposed, quoting "The meeting of the SCO-Afghanistan Contact Group was held in Beijing"
    And the output contains "names the occasion: SCO, Afghanistan, Contact, Group"
    When I run "sco-tracker draft met-2019-05-15.txt --source-id secretaries-2019-05-15 --date 2019-05-15"
    Then an update of "next-secretaries-meeting-kyrgyzstan" dated 2019-05-15 is proposed, quoting "The next meeting of the Security Council Secretaries was held in Bishkek"
    And the output contains "names the occasion: Security, Council, Secretaries"

  Scenario: A press release of the same day restates the communiqué's undertaking, so that it is not tracked twice
    Given the shipped commitments file
    And the follow-up note "The sides agreed to hold the next meeting of the Security Council Secretaries in the Kyrgyz Republic in 2019." as "press-2018-05-22.txt"
    When I run "sco-tracker draft press-2018-05-22.txt --source-id press-2018-05-22 --date 2018-05-22"
    Then the exit code is 0
    And the proposal quoting "agreed to hold the next meeting" restates "next-secretaries-meeting-kyrgyzstan"

  Scenario: A UN resolution beside the SCO's commitments links to none of them
    Given the shipped commitments file
    And UN General Assembly resolution 80/16 on security of and in the use of ICTs
    When I run "sco-tracker draft A_RES_80_16.md --source-id a-res-80-16"
    Then the exit code is 0
    And no proposal restates a tracked commitment
    And no update of a tracked commitment is proposed

  Scenario: The updates a follow-up note proposes are reviewed one by one: accept one, drop the other
    Given the shipped commitments file
    And the follow-up note "The SCO-Afghanistan Contact Group met in Beijing, at the level of deputy foreign ministers." as "met-2018-05-28.txt"
    When I run "sco-tracker draft met-2018-05-28.txt --source-id contact-group-2018-05-28 --date 2018-05-28 --write"
    Then the output contains "2 draft updates of tracked ones"
    When I review the drafts of "contact-group-2018-05-28" in the terminal
    And I press "s"
    Then I am shown "Draft 2 of 3: update of 2018-05-28 to commitment 'afghanistan-contact-group-beijing', source 'contact-group-2018-05-28'"
    And I am shown "The commitment: Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018"
    And I am shown "Proposed update (a later document reports on it):"
    And I am shown "# why: reports on 'afghanistan-contact-group-beijing' ('met'): shared words:"
    When I press "d"
    Then I am shown "Draft 3 of 3: update of 2018-05-28 to commitment 'afghanistan-contact-group-beijing-2018-plan'"
    When I press "a"
    Then the review ends with "2 decisions written; 1 draft left to review."
    And "afghanistan-contact-group-beijing-2018-plan" has a reviewed update dated 2018-05-28 citing "contact-group-2018-05-28"
    And "afghanistan-contact-group-beijing" has no update citing "contact-group-2018-05-28"
    And the "# why:" comment drafting wrote for the dropped update of "afghanistan-contact-group-beijing" is gone with it
    And the "# why:" comment drafting wrote for the accepted update of "afghanistan-contact-group-beijing-2018-plan" is kept
    When I run "sco-tracker validate"
    Then the exit code is 0
