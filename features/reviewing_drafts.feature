Feature: Reviewing the drafts one by one
  After 'sco-tracker draft --write', every proposal carries 'draft: true'. 'sco-tracker review'
  walks the analyst through them in the terminal: the paragraph, the quote and the proposal,
  then a key: accept, exclude (with a reason and a note), edit in the editor, skip or quit.
  Each decision is written at once, keeping the comments, and only if the file stays valid.

  The resolution used here is made up for the tests (tests/data/un-resolution/).

  Scenario: Accept one proposal, exclude another, skip the third
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, proposed as drafts
    When I review the drafts of "un-sco-cooperation-2019" in the terminal
    Then I am shown "Draft 1 of 3: commitment 'un-report-on-sco-cooperation', source 'un-sco-cooperation-2019', paragraph 5"
    And I am shown "5. Requests the Secretary-General to submit to the General Assembly"
    When I press "a"
    Then I am shown "Draft 2 of 3: commitment 'un-sco-secretariat-consultations', source 'un-sco-cooperation-2019', annex paragraph 2"
    When I press "x"
    And I choose the reason "procedural" and note "An arrangement of the two secretariats, not of the parties"
    Then I am shown "Excluded: procedural."
    When I press "s"
    Then I am shown "Skipped commitment 'sco-members-un-counter-terrorism': it stays a draft."
    And the review ends with "2 decisions written; 1 draft left to review."
    And "un-report-on-sco-cooperation" is no longer a draft
    And paragraph "annex 2" of "un-sco-cooperation-2019" is excluded as "procedural"
    And "sco-members-un-counter-terrorism" is still a draft
    And the comments of the commitments file are kept
    When I run "sco-tracker validate"
    Then the exit code is 0

  Scenario: Stopping the review half-way keeps what was decided, and says so
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, proposed as drafts
    When I review the drafts of "un-sco-cooperation-2019" in the terminal
    And I press "a"
    And I end the input at the next question (Ctrl-D)
    Then the review stops, as if I had quit, with "The review stopped: its input ended before the last draft. Every decision made is kept."
    And I am shown "commitments.yaml: 1 decision written; 2 drafts left to review."
    And I am not shown "Aborted"
    And "un-report-on-sco-cooperation" is no longer a draft
    And "sco-members-un-counter-terrorism" is still a draft

  Scenario: Interrupting the review with Ctrl-C keeps what was decided, and says so
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, proposed as drafts
    When I review the drafts of "un-sco-cooperation-2019" in the terminal
    And I press "a"
    And I press Ctrl-C at the next question
    Then the review is interrupted (exit code 130) with "The review stopped: it was interrupted (Ctrl-C) before the last draft. Every decision made is kept."
    And I am shown "commitments.yaml: 1 decision written; 2 drafts left to review."
    And "un-report-on-sco-cooperation" is no longer a draft

  Scenario: Edit a proposal in the editor; a broken edit is refused and offered again
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, proposed as drafts
    And my editor first deletes the quote, then renames the title to "Report to the General Assembly at its seventy-fifth session"
    When I review the drafts of "un-sco-cooperation-2019" in the terminal
    And I press "e"
    Then I am shown "missing required field 'quote'"
    And I am shown "Edit it again?"
    When I press "y"
    Then I am shown "Saved the edit of commitment 'un-report-on-sco-cooperation'."
    When I press "q"
    Then the review ends with "1 decision written; 3 drafts left to review."
    And "un-report-on-sco-cooperation" has the title "Report to the General Assembly at its seventy-fifth session"

  Scenario: Drafts are not counted as commitments until they are reviewed
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, proposed as drafts
    When I run "sco-tracker check --as-of 2020-01-15"
    Then the exit code is 0
    And the output contains "25 commitments"
    And the output does not contain "un-report-on-sco-cooperation"
    When I run "sco-tracker report --as-of 2020-01-15 --format md"
    Then the report as of 2020-01-15 says "3 drafts awaiting review are not counted ('sco-tracker review' decides on them)."
    And the report as of 2020-01-15 does not mention "un-report-on-sco-cooperation"
    When I run "sco-tracker validate"
    Then the output contains "commitment 'un-report-on-sco-cooperation' is a draft proposed by 'sco-tracker draft'"

  Scenario: Accepting an exclusion whose note is still the placeholder asks for the note, so the reviewed file passes --strict
    Given the shipped commitments file
    And the SCO Secretariat's press release on the Bishkek meeting of the Council of Ministers of Foreign Affairs, drafted with --write as "cfm-press-2019"
    When I review the drafts of "cfm-press-2019" in the terminal
    And I accept the 8 drafts one after another, writing the note "Thanks to the Kyrgyz hosts: a courtesy, not an undertaking" when I am asked for one
    Then the review ends with "8 decisions written; 0 drafts left to review."
    And I was told "Its note is still the placeholder drafting wrote; 'validate --strict' refuses it"
    When I run "sco-tracker validate --strict"
    Then the exit code is 0
    And the output does not contain "SCO506"

  Scenario: Editing an exclusion whose note is still the placeholder cannot save that note as reviewed
    Given the shipped commitments file
    And the SCO Secretariat's press release on the Bishkek meeting of the Council of Ministers of Foreign Affairs, drafted with --write as "cfm-press-2019"
    And my editor only deletes the line "draft: true"
    When I review the drafts of "cfm-press-2019" in the terminal
    And I skip the drafts up to the first exclusion whose note is still the placeholder, and edit it
    Then I am shown "Refused: the note of exclusion (other) is still the placeholder drafting wrote: write why the sentence is not a commitment"
    And I am shown "Edit it again?"
    When I press "n"
    And I press "q"
    Then the review ends with "Nothing written; 8 drafts left to review."

  Scenario: In a resolution that numbers its paragraphs, a line without a number is "line N", never a second "paragraph N"
    Given the shipped commitments file
    And UN General Assembly resolution 80/36 on small arms, imported and drafted with --write as "a-res-80-36"
    When I review the drafts of "a-res-80-36" in the terminal
    Then I am shown "Draft 1 of 37: commitment 'encourage-secretary-general-pursue-his-efforts', source 'a-res-80-36', paragraph 2"
    When I skip the next 10 drafts
    Then I am shown "Draft 11 of 37: exclusion (other), source 'a-res-80-36', line 1"
    When I press "q"
    Then the review ends with "Nothing written; 37 drafts left to review."

  Scenario: The party drafted for a resolution is reviewed too, so no draft is left that --strict refuses
    Given the shipped commitments file
    And UN General Assembly resolution 80/36 on small arms, imported and drafted with --write as "a-res-80-36"
    When I review the drafts of "a-res-80-36" in the terminal
    And I skip the next 36 drafts
    Then I am shown "Draft 37 of 37: party 'united-nations-general-assembly', named by 10 commitments"
    And I am shown "name: United Nations General Assembly"
    And I am shown "kind: body"
    When I press "d"
    Then I am shown "party 'united-nations-general-assembly' cannot be dropped: 10 commitments name it"
    When I press "a"
    Then I am shown "Accepted party 'united-nations-general-assembly'."
    And the review ends with "commitments/a-res-80-36.yaml: 1 decision written; 36 drafts left to review."
    When I run "sco-tracker validate --strict"
    Then the output does not contain "party 'united-nations-general-assembly' is a draft"

  Scenario: After a refused edit, an answer other than y or n is asked again, saying what to type
    Given the shipped commitments file
    And the made-up UN resolution on cooperation with the SCO, proposed as drafts
    And my editor always deletes the quote
    When I review the drafts of "un-sco-cooperation-2019" in the terminal
    And I press "e"
    Then I am shown "missing required field 'quote'"
    When I press "maybe"
    Then I am shown "Type y (or press Enter) to edit it again, or n to leave it as it was."
    When I press "n"
    Then I am shown "Nothing written: commitment 'un-report-on-sco-cooperation' stays a draft, as it was."
    When I press "q"
    Then the review ends with "Nothing written; 3 drafts left to review."
    And "un-report-on-sco-cooperation" is still a draft

  Scenario: A draft enters the database only once accepted; a draft excluded in review was never a commitment
    Given the shipped commitments file
    And the SCO Secretariat's press release on the Bishkek meeting of the Council of Ministers of Foreign Affairs, drafted with --write as "cfm-press-2019"
    When I run "sco-tracker run --as-of 2019-06-20"
    Then the exit code is 0
    And the output contains "Synced commitments.yaml: 25 added; 25 status history entries recorded."
    And the output contains "25 commitments"
    When I review the drafts of "cfm-press-2019" in the terminal
    And I press "a"
    And I press "x"
    And I choose the reason "other" and note "The RATS's standing task, restated: not a new undertaking"
    And I press "q"
    Then the review ends with "2 decisions written; 6 drafts left to review."
    When I run "sco-tracker run --as-of 2019-06-20"
    Then the exit code is 0
    And the output contains "Synced commitments.yaml: 1 added; 1 status history entry recorded."
    And the output does not contain "archived"
    When I run "sco-tracker status hold-next-meeting-council-russian-federation --as-of 2019-06-20"
    Then the exit code is 0
    And the output matches "planned +set without a dated update +recorded"
    When I run "sco-tracker status instruct-sco-secretariat-prepare-report-work"
    Then the exit code is 2
    And the output contains "'instruct-sco-secretariat-prepare-report-work' is a draft in commitments/cfm-press-2019.yaml, not a commitment yet: review it ('sco-tracker review')"
