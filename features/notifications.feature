Feature: Telling people what is new after each check
  So that a desk officer hears of a missed deadline the day the tracker sees it, without
  reading every report, the tracker sends the news of each check by e-mail and to the team's
  chat: once, and to each person only the part they asked for.

  Background:
    Given the shipped commitments file
    And a mail server and a chat webhook that keep what they receive
    And the tracker sends its news by e-mail to the desk and to the chat

  Scenario: The news of a check goes out once
    When I check progress as of 2018-06-15 and send the news
    Then the desk receives one e-mail naming "qingdao-drug-abuse-concept" and "qingdao-youth-action-programme" as overdue
    And the chat receives one message naming the same two commitments
    When I send the news as of 2018-06-15 again
    Then the output says there is nothing new to send
    And nobody receives anything more

  Scenario: An overdue commitment due by the end of a year is told in a sentence
    Given the youth action programme is due 2020
    When I check progress as of 2026-12-01 and send the news
    Then the last e-mail says "due by the end of 2020, 2161 days ago"
    And the last e-mail does not say "past due"

  Scenario: A commitment due at a meeting that has no date yet is news with no date to be measured by
    Given the date of the 14th meeting of the Security Council Secretaries is not yet known
    When I check progress as of 2018-06-15 and send the news
    Then the desk's e-mail is titled "SCO tracker, check as of 15 June 2018: 2 overdue, 1 with no date to be measured by"
    And the last e-mail says "the date of the 14th meeting of the SCO Security Council Secretaries is not yet known"
    And the chat's message names "next-secretaries-meeting-kyrgyzstan" as "undated"

  Scenario: The Afghanistan desk officer gets the Afghanistan news, and only that
    Given the Afghanistan desk officer asked for the news of the theme "Afghanistan" only
    And the tracker checked progress as of 2018-05-20
    When I check progress as of 2018-06-01 and send the news
    Then the Afghanistan desk officer receives one e-mail
    And it says that the Contact Group meeting in Beijing, planned in Moscow, is now fulfilled
    And it quotes the update "met in Beijing at the level of deputy foreign ministers"
    And it does not mention the Qingdao summit documents due soon
    And the desk's e-mail names the Qingdao summit documents due soon

  Scenario: A mail server that is down delays the e-mail but not the chat message
    Given the mail server is down
    When I check progress as of 2018-06-15 and send the news
    Then the chat receives one message naming the same two commitments
    And the output says the e-mail to the desk was not sent and will be retried
    And "sco-tracker runs" lists the e-mail waiting for a retry
    When the mail server is back and I send the news again with --retry-now
    Then the desk receives one e-mail naming "qingdao-drug-abuse-concept" and "qingdao-youth-action-programme" as overdue
    And the chat has still received one message

  Scenario: A status change written after the news went out is in the next news, once
    When I check progress as of 2018-06-15 and send the news
    And I record that "qingdao-youth-action-programme" was fulfilled on 2018-06-10, "adopted at the Qingdao summit"
    And I check progress as of 2018-06-15 and send the news
    Then the desk receives a second e-mail saying "status planned → fulfilled on 10 June 2018"
    And it quotes the update "adopted at the Qingdao summit"
    When I check progress as of 2018-06-15 and send the news
    Then the output says there is nothing new to send
    And the desk has received 2 e-mails

  Scenario: News waiting for the desk's chat reaches it once its mistyped address is corrected
    Given the chat webhook is named "desk chat" and its address is mistyped
    When I check progress as of 2018-06-15 and send the news
    Then the output says the chat message was not sent and will be retried
    And the output says "cannot reach the webhook at 127.0.0.1: the server refused the connection"
    And the output does not say "Errno"
    And the desk receives one e-mail naming "qingdao-drug-abuse-concept" and "qingdao-youth-action-programme" as overdue
    When I correct the chat's address and send the news as of 2018-06-15 again
    Then the chat receives one message naming the same two commitments
    And the desk has received 1 e-mail
    When I send the news as of 2018-06-15 again
    Then the output says there is nothing new to send
    And nobody receives anything more

  Scenario: News waiting for the desk officer follows the desk's corrected e-mail address
    Given the desk's address is written "dsek@example.org", named "Qingdao desk"
    And the mail server is down
    When I check progress as of 2018-06-15 and send the news
    Then the chat receives one message naming the same two commitments
    When the desk's address is corrected to "desk@example.org"
    And the mail server is back and I send the news again with --retry-now
    Then the desk receives one e-mail naming "qingdao-drug-abuse-concept" and "qingdao-youth-action-programme" as overdue
    And the last e-mail says "Sent by sco-tracker to desk@example.org."
    And nothing was sent to "dsek@example.org"
    And the chat has still received one message

  Scenario: News waiting for a chat with no name follows its corrected address
    Given the chat webhook's address is mistyped
    When I check progress as of 2018-06-15 and send the news
    And I correct the chat's address and send the news as of 2018-06-15 again with --retry-now
    Then the output says "The news waiting for a webhook no longer in settings.notify.webhooks goes to the webhook written in its place."
    And the chat receives one message naming the same two commitments

  Scenario: News waiting for a desk officer with no name follows the desk's corrected e-mail address
    Given the desk's address is written "dsek@example.org", without a name
    And the mail server is down
    When I check progress as of 2018-06-15 and send the news
    And the desk's address is corrected to "desk@example.org"
    And the mail server is back and I send the news again with --retry-now
    Then the output says "The news waiting for dsek@example.org goes to desk@example.org, the address written in its place in settings.notify.email.to."
    And the desk receives one e-mail naming "qingdao-drug-abuse-concept" and "qingdao-youth-action-programme" as overdue
    And the last e-mail says "Sent by sco-tracker to desk@example.org."
    And nothing was sent to "dsek@example.org"

  Scenario: Two addresses with no name corrected at once: their waiting news is given up, and the output says so
    Given the desk's address is written "dsek@example.org" and the Afghanistan desk's "afghanistan.dsek@example.org", both without a name
    And the mail server is down
    When I check progress as of 2018-06-15 and send the news
    And both addresses are corrected, to "desk@example.org" and "afghanistan.desk@example.org"
    And the mail server is back and I try to send the news again with --retry-now
    Then the output says "NOT sent to dsek@example.org (email): not sent: dsek@example.org is no longer in settings.notify.email.to (news waiting for a subscriber follows its corrected address when it has a 'name:', or, without one, when a single new address took the place of a single old one; give each subscriber a name). Given up: see 'sco-tracker runs'."
    And the output says "NOT sent to afghanistan.dsek@example.org (email)"
    And nothing was sent to "desk@example.org"

  Scenario: News given up stays given up: an address added to the settings later never receives it
    Given the desk's address is written "desk@example.org" and the Afghanistan desk's "afghanistan.desk@example.org", both without a name
    And the mail server is down
    When I check progress as of 2018-06-15 and send the news
    And the e-mail addresses of the settings become "desk@example.org"
    And the mail server is back and I try to send the news again with --retry-now
    Then the output says "NOT sent to afghanistan.desk@example.org (email)"
    When the e-mail addresses of the settings become "desk@example.org, new.officer@example.org"
    And I send the news as of 2018-06-15 again
    Then nothing was sent to "new.officer@example.org"

  Scenario: A webhook's secret address is never shown
    Given the chat webhook's address holds its secret token, as a Slack address does
    And the chat answers with an error for now
    When I check progress as of 2018-06-15 and send the news
    Then the output says the chat message was not sent, naming the chat by its server only
    And "sco-tracker runs" and "sco-tracker runs --json" name the chat by its server only
    And neither the output nor the list of runs shows the secret token
    And the tracker's database does not hold the secret token
    When the chat is back and I send the news again with --retry-now
    Then the chat receives one message naming the same two commitments
    And neither the output nor the list of runs shows the secret token

  Scenario: A named webhook is shown by its name, never by its secret address
    Given the chat webhook's address holds its secret token, as a Slack address does
    And the chat webhook is named "SCO-Afghanistan Contact Group chat"
    When I check progress as of 2018-06-15 and send the news
    Then the output says "Sent news to SCO-Afghanistan Contact Group chat (webhook)"
    And neither the output nor the list of runs shows the secret token

  Scenario: A mistake in a webhook's secret address is pointed at, not repeated
    Given the chat webhook's address holds its secret token and a space
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output matches "commitments.yaml:\d+:\d+: the webhook's address contains a space; encode it as %20"
    And what validate printed does not show the secret token

  Scenario: Two subscribers with the same name are refused
    Given the desk's address is written "desk@example.org", named "desk chat"
    And the chat webhook is named "desk chat" and its address is mistyped
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output matches "commitments.yaml:\d+:\d+: the name 'desk chat' is already the name of e-mail recipient 1 in settings.notify: give each subscriber a name of its own"

  Scenario: A desk that names an event where a document goes is told which documents there are
    Given the Afghanistan desk officer asked for the news of the document "qingdao-summit" only
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "unknown source 'qingdao-summit'; the sources are: beijing-2018-05-22, moscow-2017-10-11"

  Scenario: A status change taken back before the news went out is not news
    When I check progress as of 2018-06-15 and send the news
    And I record that "qingdao-youth-action-programme" was fulfilled on 2018-06-10, "Mistaken entry."
    And I check progress as of 2018-06-15
    And I take that update out of the commitments file again
    And I check progress as of 2018-06-15
    And I preview the news as of 2018-06-15
    Then the preview says there is nothing new to send
    When I send the news as of 2018-06-15 again
    Then the output says there is nothing new to send
    And nobody receives anything more

  Scenario: A status change taken back after it was sent is news: the status is back
    When I check progress as of 2018-06-15 and send the news
    And I record that "qingdao-youth-action-programme" was fulfilled on 2018-06-10, "Mistaken entry."
    And I check progress as of 2018-06-15 and send the news
    And I take that update out of the commitments file again
    And I check progress as of 2018-06-15 and send the news
    Then the desk has received 3 e-mails
    And the last e-mail says "status fulfilled → planned (the update of 10 June 2018 that made it fulfilled was taken out of the file)"
    And the last e-mail does not say "Mistaken entry."

  Scenario: The preview of the news is exactly what is sent, with the same count
    When I check progress as of 2018-06-15 and send the news
    And I record that "qingdao-youth-action-programme" was fulfilled on 2018-06-10, "adopted at the Qingdao summit"
    And I record that "qingdao-youth-action-programme" was in progress on 2018-06-12, "the programme is being redrafted"
    And I check progress as of 2018-06-15
    And I preview the news as of 2018-06-15
    And I send the news as of 2018-06-15 again
    Then the preview lists for the chat exactly the items the chat received, and says how many
    And the preview says "qingdao-youth-action-programme [status changed]: status planned → in progress on 12 June 2018"
    And the preview does not say "status_changed"
    And the last e-mail says "status planned → in progress on 12 June 2018"

  Scenario: The preview shows each message in full, as its recipient then reads it
    When I check progress as of 2018-06-15
    And I preview the news in full as of 2018-06-15
    And I send the news as of 2018-06-15 again
    Then the preview shows the desk's e-mail, its subject and its text, exactly as the desk received it
    And the preview shows the chat's message exactly as the chat received it
    And the preview says "----- the email message to desk@example.org -----"

  Scenario: Statuses in the news are written in words, as in the reports
    Given the tracker checked progress as of 2018-05-20
    When I check progress as of 2018-06-15 and send the news
    Then the last e-mail says "Status: in progress."
    And the last e-mail says "Status: fulfilled (was planned)."
    And the last e-mail does not say "in_progress"

  Scenario: A commitment added to the file is announced as a new commitment
    Given the commitment to hold the next meeting in the Kyrgyz Republic is not in the file yet
    When I check progress as of 2018-06-15 and send the news
    And I add the commitment to hold the next meeting in the Kyrgyz Republic to the file
    And I check progress as of 2018-06-15 and send the news
    Then the desk has received 2 e-mails
    And the last e-mail says "[new commitment]"
    And the last e-mail says "new commitment, planned, due at the 14th meeting of the SCO Security Council Secretaries (15 May 2019)"
    And the last e-mail does not say "status changed"

  Scenario: An ongoing commitment added to the file is announced with how often it is reviewed
    Given the commitment to urge a political settlement in Afghanistan is not in the file yet
    When I check progress as of 2018-06-15 and send the news
    And I add the commitment to urge a political settlement in Afghanistan to the file
    And I check progress as of 2018-06-15
    And I preview the news as of 2018-06-15
    And I send the news as of 2018-06-15 again
    Then the preview says "afghanistan-political-settlement [new commitment]: new commitment, planned, ongoing, reviewed every year"
    And the preview does not say "new_commitment"
    And the last e-mail says "Due: ongoing, reviewed every year."
    And the last e-mail does not say "no due date"

  Scenario: One e-mail that could not be sent is counted once after a run
    Given the mail server is down
    When I run the whole job for today
    Then the output contains "Notifications: 1 sent, 1 waiting for a retry."

  Scenario: The list of runs for scripts holds the notifications waiting for a retry
    Given the mail server is down
    When I check progress as of 2018-06-15 and send the news
    Then "sco-tracker runs --json" lists the e-mail waiting for a retry, as "sco-tracker runs" does

  Scenario: The help of notify says what its date does
    When I run "sco-tracker notify --help"
    Then the output contains "Send the news of the latest check as of this date"
    And the output does not contain "Check (and report)"
