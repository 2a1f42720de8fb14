Feature: Status reports
  As an analyst following the SCO Security Council Secretaries' Beijing undertakings,
  I want a dated status report in Markdown and in HTML,
  so that readers who never open commitments.yaml see what was promised, what is overdue,
  what is coming up and what changed, each claim traced to the communiqué's own words.

  Background:
    Given the shipped commitments file

  Scenario: Before the Qingdao summit the Contact Group meeting is done and the summit documents are due soon
    When I run "sco-tracker report --as-of 2018-06-01"
    Then the exit code is 0
    And no traceback is printed
    And the report as of 2018-06-01 exists in Markdown and HTML
    And in both formats "Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018" is shown as Fulfilled
    And in both formats its evidence "The SCO-Afghanistan Contact Group met in Beijing at the level of deputy foreign ministers." is shown with its source "http://www.news.tj/tj/node/255130"
    And in both formats the due-soon section lists:
      | commitment                                                                                                            | days left |
      | Approve the 2019-2021 cooperation programme against terrorism, separatism and extremism at the Qingdao summit         | 9         |
      | Pass a joint appeal by the SCO heads of state to young people at the Qingdao summit                                   | 9         |
      | Pass an action programme to implement the joint appeal to young people at the Qingdao summit                          | 9         |
      | Submit an SCO concept on preventing the abuse of narcotic drugs and psychotropic substances to the Qingdao summit     | 9         |
    And in both formats the overdue section says "Nothing is overdue."

  Scenario: After the Qingdao summit the documents nobody has seen adopted are overdue
    When I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 0
    And in both formats the overdue section lists:
      | commitment                                                                                                            | days overdue |
      | Submit an SCO concept on preventing the abuse of narcotic drugs and psychotropic substances to the Qingdao summit     | 5            |
      | Pass an action programme to implement the joint appeal to young people at the Qingdao summit                          | 5            |
    And in both formats the summary says "3 of 5 due commitments fulfilled"
    And in both formats "at the Qingdao summit (10 June 2018)" is shown

  Scenario: The list of reports bears the title of the latest report, even after a report of an earlier date
    When I run "sco-tracker report --as-of 2018-06-15"
    And I run "sco-tracker report --as-of 2017-12-01"
    Then the exit code is 0
    And in both formats the latest report is titled "Information report on the 13th meeting of the SCO Security Council Secretaries; SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office as of 15 June 2018"
    And in both formats the list of reports is titled "Status reports: Information report on the 13th meeting of the SCO Security Council Secretaries; SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office"
    And the report as of 2017-12-01 is titled "SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office as of 1 December 2017"

  Scenario: The summary gives the fulfilment rate once
    When I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 0
    And the Markdown summary says "Fulfilment: **3 of 5 due commitments fulfilled (60%)**."
    And the HTML summary's fulfilment card reads "60% fulfilment rate: 3 of 5 due commitments fulfilled"

  Scenario: The timeline says which deliverables it leaves out, and why each has no date
    Given the drug-abuse concept is recorded with "due: unspecified", as if the communiqué gave no date
    And the date of the 14th meeting of the Security Council Secretaries is not yet known
    When I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 0
    And the HTML report says "Not on the timeline: 1 deliverable for which the document gives no date; 1 due at an event without a date."
    And the HTML report does not say "undated event"

  Scenario: A second report shows what changed since the first
    When I run "sco-tracker report --as-of 2018-06-01"
    And I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 0
    And in both formats the report as of 2018-06-15 compares with "1 June 2018"
    And in both formats the status changes are:
      | commitment                                                                                                        | before  | now       | evidence                                                    |
      | Approve the 2019-2021 cooperation programme against terrorism, separatism and extremism at the Qingdao summit     | Planned | Fulfilled | Adopted at the Qingdao summit as the Programme of cooperation |
      | Pass a joint appeal by the SCO heads of state to young people at the Qingdao summit                               | Planned | Fulfilled | The heads of state issued the Joint Appeal to Youth in Qingdao. |
    And in both formats the new findings are "Overdue" for "Pass an action programme to implement the joint appeal to young people at the Qingdao summit"
    And the index lists the reports as of 2018-06-15 and 2018-06-01, newest first

  Scenario: What each report showed is kept in a file of its own, so a year of daily reports stays quick
    When I run "sco-tracker report --as-of 2018-06-01"
    And I run "sco-tracker report --as-of 2018-06-15"
    And I run "sco-tracker report --as-of 2018-06-10"
    Then the exit code is 0
    And the list of reports holds no commitment's status
    And what the reports as of 2018-06-01, 2018-06-10 and 2018-06-15 showed is kept in reports/snapshots/
    And in both formats the report as of 2018-06-10 compares with "1 June 2018"
    And in both formats the report as of 2018-06-15 compares with "1 June 2018"

  Scenario: Reports written by an earlier version still say what changed
    Given the report as of 2018-06-01 was written by an earlier version, which kept its statuses in the list of reports
    When I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 0
    And in both formats the report as of 2018-06-15 compares with "1 June 2018"
    And in both formats the new findings are "Overdue" for "Pass an action programme to implement the joint appeal to young people at the Qingdao summit"
    And the list of reports holds no commitment's status
    And what the reports as of 2018-06-01 and 2018-06-15 showed is kept in reports/snapshots/

  Scenario: A year on, a fulfilled commitment shows the update that fulfilled it as well as its latest news
    When I run "sco-tracker report --as-of 2019-06-01"
    Then the exit code is 0
    And in both formats "Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018" shows its status set by the update of 28 May 2018 "The SCO-Afghanistan Contact Group met in Beijing at the level of deputy foreign ministers."

  Scenario: Evidence recorded after a report, but dated before it, still backs the change in the next report
    When I run "sco-tracker report --as-of 2018-06-15"
    And I run "sco-tracker update qingdao-youth-action-programme --status fulfilled --date 2018-06-10 --note 'Adopted at the Qingdao summit.' --source https://example.org/qingdao-youth"
    And I run "sco-tracker report --as-of 2018-06-20"
    Then the exit code is 0
    And in both formats the status change of "Pass an action programme to implement the joint appeal to young people at the Qingdao summit" cites "Adopted at the Qingdao summit."

  Scenario: Everyone on the team can read the reports
    Given new files are readable by everyone on this machine
    When I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 0
    And every file in the reports folder can be read by everyone

  Scenario: Running the report again for the same date replaces it
    When I run "sco-tracker report --as-of 2018-06-15"
    And I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 0
    And the index lists the reports as of 2018-06-15 only

  Scenario: Markup typed into any field is shown as text, never run
    Given every kind of text in the commitments file holds "<script>alert('x')</script>" and a "javascript:" link
    When I run "sco-tracker report --as-of 2018-06-15"
    Then the exit code is 0
    And the HTML report shows "<script>alert('x')</script>" as text in every field and has no script of its own but one
    And the HTML report links nowhere with "javascript:"
    And the Markdown report holds no raw "<script" and no "javascript:" link

  Scenario: A mistyped date is refused with a clear message
    When I run "sco-tracker report --as-of 2018-06-31"
    Then the exit code is 2
    And the output contains "impossible date 2018-06-31: June 2018 has 30 days"
    And no traceback is printed

  Scenario: The deadlines calendar holds the open commitments
    When I run "sco-tracker calendar --as-of 2018-06-01 -o deadlines.ics"
    Then the exit code is 0
    And deadlines.ics holds one all-day event per open dated commitment as of 2018-06-01

  Scenario: In January 2018 the calendar holds the Moscow plan, cited without a paragraph number
    When I run "sco-tracker calendar --as-of 2018-01-01 -o deadlines.ics"
    Then the exit code is 0
    And deadlines.ics holds one all-day event, on 31 December 2018, for "afghanistan-contact-group-beijing-2018-plan"
    And its description cites "SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office, 2017-10-11 (welcomed the Chinese proposal):"
