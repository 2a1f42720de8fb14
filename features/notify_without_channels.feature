Feature: Trying the notifications before any channel is set up
  So that an analyst following the README can see what the tracker would send before giving it
  a mail server or a chat webhook, a dry run without channels says so plainly.

  Scenario: A dry run without channels says nothing would be sent, and what the news holds
    Given the shipped commitments file
    When I run "sco-tracker check --as-of 2018-06-15"
    And I run "sco-tracker notify --dry-run --as-of 2018-06-15"
    Then the exit code is 0
    And the output contains "No channel is configured in settings.notify: nothing would be sent."
    And the output contains "The news of the check as of 15 June 2018 (check run 1) has 2 items never sent before."
    When I run "sco-tracker notify --as-of 2018-06-15"
    Then the exit code is 2
    And the output contains "No channel is configured in settings.notify"
    And the output does not contain "Usage:"
    And no traceback is printed
