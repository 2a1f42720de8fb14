Feature: Recording what happened from the command line
  The analyst records "the summit adopted it on 10 June" with one command instead of a hand
  edit that may break the file. The file keeps its comments and layout, and a change that
  would make it invalid is refused.

  Scenario: An update leaves the comments intact
    Given the shipped commitments file
    When I run "sco-tracker update qingdao-youth-action-programme --status fulfilled --date 2018-06-10 --note 'Adopted at the Qingdao summit.' --source http://eng.sectsco.org/20180610/443942.html"
    Then the exit code is 0
    And the commitments file keeps every line it had, except its status line
    And the output contains "added the update of 2018-06-10 to 'qingdao-youth-action-programme'"
    And the output contains "Run 'sco-tracker run' to bring the database and the reports up to date."
    And the comment "# --- Meetings -----" is still in the file
    When I run "sco-tracker validate"
    Then the exit code is 0

  Scenario: Evidence that is not a web link is recorded, with the warning validate gives
    Given the shipped commitments file
    When I run "sco-tracker update qingdao-youth-action-programme --status fulfilled --date 2018-06-10 --note 'Adopted at the Qingdao summit.' --source 'javascript:alert(1)'"
    Then the exit code is 0
    And the output contains "added the update of 2018-06-10 to 'qingdao-youth-action-programme'"
    And the output contains "warning: 'javascript:alert(1)' is not a web or mail link (http://, https://, mailto:): the reports show it as plain text, not as a link"

  Scenario: A status of fulfilled with no evidence is recorded, with the finding the check will give
    Given the shipped commitments file
    When I run "sco-tracker update qingdao-youth-action-programme --status fulfilled --date 2018-06-10 --note 'Adopted at the Qingdao summit.'"
    Then the exit code is 0
    And the output contains "warning: the check will list it as unsupported: marked fulfilled without a dated update that cites a source; add --source with a link to the evidence"

  Scenario: A status of fulfilled already backed by evidence needs no source again
    Given the shipped commitments file
    When I run "sco-tracker update qingdao-counter-terrorism-programme --date 2019-06-14 --note 'Its implementation was reviewed at the Bishkek summit.'"
    Then the exit code is 0
    And the output does not contain "warning"

  Scenario: An update keeps who may read and write commitments.yaml
    Given the shipped commitments file
    And commitments.yaml may be read and written by its owner, and read by the group only
    When I run "sco-tracker update qingdao-youth-action-programme --note 'Reported in preparation.' --date 2018-06-05"
    Then the exit code is 0
    And commitments.yaml may still be read and written by its owner, and read by the group only

  Scenario Outline: Evidence that is not a link is recorded with the fix, and does not count as evidence
    The analyst typed the address without https://, wrote where the evidence is in words, or
    copied a placeholder. The update is recorded, but validate and the update say where and
    what to write instead, and the check still lists the programme as unsupported.
    Given the shipped commitments file
    When I run "sco-tracker update qingdao-youth-action-programme --status fulfilled --date 2018-06-10 --note 'Adopted at the Qingdao summit.' --source '<source>'"
    Then the exit code is 0
    And the output contains "commitments.yaml:122:17: warning: '<source>' <warning>"
    And the output contains "the check does not count it as evidence"
    And the output contains "warning: the check will list it as unsupported: marked fulfilled, but the source of its update of 2018-06-10 ('<source>') is not a link to the evidence; give --source a link to the evidence"
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the output contains "commitments.yaml:122:17: warning: '<source>' <warning>"
    When I run "sco-tracker check --as-of 2018-07-01"
    Then the output matches "unsupported +qingdao-youth-action-programme +marked fulfilled, but the source of its update of 2018-06-10"

    Examples:
      | source                          | warning |
      | www.sectsco.org/x               | is not a link: write the address with https:// ('https://www.sectsco.org/x') |
      | see the Qingdao declaration     | is not a link: give the address of the page or document (https://...) and say what it is in the note |
      | https://address-of-the-evidence | is not a web address: what follows https:// names no site |

  Scenario: Evidence with a real address counts
    Given the shipped commitments file
    When I run "sco-tracker update qingdao-youth-action-programme --status fulfilled --date 2018-06-10 --note 'Adopted at the Qingdao summit.' --source https://www.sectsco.org/x"
    Then the exit code is 0
    And the output does not contain "warning"
    When I run "sco-tracker check --as-of 2018-07-01"
    Then the output does not contain "qingdao-youth-action-programme"

  Scenario Outline: A mistake typed in an update is a usage error that names the option
    Given the shipped commitments file
    When I run "sco-tracker update afghanistan-contact-group-beijing <options>"
    Then the exit code is 2
    And the output contains "<message>"
    And the output does not contain "line numbers are those of the file"
    And the commitments file is unchanged

    Examples:
      | options | message |
      | --date 2099-05-01 --note 'A note from the future.' | --date: 2099-05-01 is in the future (today is |
      | --date 2018-06-10 --note '' | --note: the text is empty: say what happened, in a sentence |

  Scenario: Evidence found late is recorded in date order
    The drug-abuse concept already has the update of 17 May 2018 (the heads of the anti-drug
    authorities agreed to submit it). A report of 1 May 2018 found afterwards goes before it,
    and the commitment keeps the status the later update set.
    Given the shipped commitments file
    When I run "sco-tracker update qingdao-drug-abuse-concept --status planned --date 2018-05-01 --note 'The draft concept was circulated to the member states.' --source https://example.org/x"
    Then the exit code is 0
    And the output contains "added the update of 2018-05-01 to 'qingdao-drug-abuse-concept'"
    And the commitments file keeps every line it had, adding only lines
    And the updates of "qingdao-drug-abuse-concept" are dated 2018-05-01, 2018-05-17
    And the comment "# --- Meetings -----" is still in the file
    When I run "sco-tracker validate"
    Then the exit code is 0
    When I run "sco-tracker update qingdao-drug-abuse-concept --date 2018-05-17 --note 'Reported the same day.'"
    Then the exit code is 0
    And the updates of "qingdao-drug-abuse-concept" are dated 2018-05-01, 2018-05-17, 2018-05-17

  Scenario: An update of an unknown commitment is refused with a suggestion
    Given the shipped commitments file
    When I run "sco-tracker update iran-jcpao --note 'x'"
    Then the exit code is 2
    And the output contains "unknown commitment 'iran-jcpao' (did you mean 'iran-jcpoa'?)"
    And the commitments file is unchanged

  Scenario: An update is refused while another edit holds the lock
    Given the shipped commitments file
    And another edit of the commitments file is in progress
    When I run "sco-tracker update iran-jcpoa --date 2019-01-01 --note 'x'"
    Then the exit code is 2
    And the output contains "another edit is in progress"
    And the commitments file is unchanged

  Scenario: An update killed midway does not block the next one
    Given the shipped commitments file
    And an earlier update was killed with kill -9 while it held the lock
    When I run "sco-tracker update qingdao-youth-action-programme --note 'Reported in preparation.' --date 2018-06-05"
    Then the exit code is 0
    And the output contains "added the update of 2018-06-05 to 'qingdao-youth-action-programme'"

  Scenario: A compliance score recorded from the command line
    Given the shipped commitments file
    When I run "sco-tracker assess qingdao-youth-joint-appeal --party china --score +1 --window interim-2018 --date 2018-06-10 --note 'As host of the summit that issued the appeal.' --source http://eng.sectsco.org/20180610/443942.html"
    Then the exit code is 0
    And the output contains "scored china +1 on 'qingdao-youth-joint-appeal' in window 'interim-2018'"
    And the commitments file keeps every line it had, adding only lines
    When I run "sco-tracker compliance --window interim-2018 --csv"
    Then the output contains "Pass a joint appeal by the SCO heads of state to young people at the Qingdao summit,1,not assessed"

  Scenario: A score whose evidence is not a web link is recorded, with the warning validate gives
    Given the shipped commitments file
    When I run "sco-tracker assess qingdao-youth-joint-appeal --party china --score +1 --window interim-2018 --date 2018-06-10 --note 'As host of the summit that issued the appeal.' --source 'ftp://example.org/appeal.txt'"
    Then the exit code is 0
    And the output contains "warning: 'ftp://example.org/appeal.txt' is not a web or mail link (http://, https://, mailto:): the reports show it as plain text, not as a link"

  Scenario: A score without evidence is refused and the file is unchanged
    Given the shipped commitments file
    When I run "sco-tracker assess qingdao-youth-joint-appeal --party pakistan --score -1 --window interim-2018 --date 2018-06-10 --note 'No evidence given.'"
    Then the exit code is 2
    And the output contains "--source: a score of -1 needs a link to the evidence (--source URL)"
    And the commitments file is unchanged

  Scenario Outline: A mistake typed in an assessment on the command line is a usage error that names the option
    Given the shipped commitments file
    When I run "sco-tracker assess next-secretaries-meeting-kyrgyzstan <options> --note 'Hosted and chaired the meeting.' --source http://eng.sectsco.org/"
    Then the exit code is 2
    And the output contains "<message>"
    And the output does not contain "line numbers are those of the file"
    And the output does not contain "list it under 'parties:'"
    And the commitments file is unchanged

    Examples:
      | options | message |
      | --party kyrgystan --score +1 --window final-2019 --date 2019-05-15 | --party: unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?) |
      | --party rats --score +1 --window final-2019 --date 2019-05-15 | --party: 'rats' is not a party to 'next-secretaries-meeting-kyrgyzstan'; its parties are: china, india |
      | --party kyrgyzstan --score +1 --window final2019 --date 2019-05-15 | --window: unknown window 'final2019' (did you mean 'final-2019'?) |
      | --party kyrgyzstan --score +1 --window interim-2018 --date 2019-05-15 | --date: the evidence is dated 2019-05-15, after the end of window 'interim-2018' (2018-06-10) |
      | --party kyrgyzstan --score +2 --window final-2019 --date 2019-05-15 | Invalid value for '--score': '+2' is not one of |
      | --party kyrgyzstan --score +1 --window final-2019 --date 2099-05-15 | --date: 2099-05-15 is in the future (today is |
      | --party kyrgyzstan --score +1 --window final-2019 --date 2019-05-15 | --window: 'kyrgyzstan' already has a score in window 'final-2019' on 'next-secretaries-meeting-kyrgyzstan' (+1, 2019-05-15): one score per party per window |

  Scenario: A status typed wrong is a usage error with a suggestion
    Given the shipped commitments file
    When I run "sco-tracker update next-secretaries-meeting-kyrgyzstan --status fulfiled --date 2019-05-15 --note 'Held in Bishkek.'"
    Then the exit code is 2
    And the output contains "Invalid value for '--status'"
    And the output contains "(did you mean 'fulfilled'?)"
    And the commitments file is unchanged
