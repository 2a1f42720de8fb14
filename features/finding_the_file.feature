Feature: Finding commitments.yaml
  As an analyst I run sco-tracker in the folder that holds commitments.yaml, or name the file
  with -f (or set SCO_TRACKER_FILE). When I run a command somewhere else by mistake, every
  command tells me the same thing, as "sco-tracker validate" does: where to run it, or how to
  name the file. It is not a problem in my data (exit code 1) but a command used in the wrong
  place (exit code 2), and nothing is written in that folder.

  Scenario Outline: "<command>" in a folder without commitments.yaml says where to run it
    Given a folder without commitments.yaml
    When I run "<command>"
    Then the exit code is 2
    And the output contains "commitments.yaml: no such file. Run sco-tracker in the folder that holds commitments.yaml, or give the path:"
    And the output contains "-f path/to/commitments.yaml (or set SCO_TRACKER_FILE)"
    And the output does not contain "problem found"
    And nothing was written in the folder

    Examples:
      | command                                                                                     |
      | sco-tracker validate                                                                        |
      | sco-tracker validate --strict                                                               |
      | sco-tracker run                                                                             |
      | sco-tracker report                                                                          |
      | sco-tracker check --as-of 2018-06-15                                                        |
      | sco-tracker status                                                                          |
      | sco-tracker status next-secretaries-meeting-kyrgyzstan                                      |
      | sco-tracker calendar                                                                        |
      | sco-tracker coverage                                                                        |
      | sco-tracker compliance                                                                      |
      | sco-tracker sync                                                                            |
      | sco-tracker notify --dry-run                                                                |
      | sco-tracker review                                                                          |
      | sco-tracker split                                                                           |
      | sco-tracker schedule --list                                                                 |
      | sco-tracker update next-secretaries-meeting-kyrgyzstan --note "Bishkek confirmed the dates." |
      | sco-tracker assess afghanistan-contact-group-beijing --party india --score 1 --window final-2019 --note "Attended." |
      | sco-tracker draft qingdao.txt --source-id qingdao-2018-06-10                                |

  Scenario: The message names the command I ran
    Given a folder without commitments.yaml
    When I run "sco-tracker status --source beijing-2018-05-22"
    Then the exit code is 2
    And the output contains "or give the path: sco-tracker status -f path/to/commitments.yaml"

  Scenario Outline: validate takes the file as every other command does: "<command>"
    Given the shipped commitments file, renamed "beijing.yaml"
    When I run "<command>"
    Then the exit code is 0
    And the output contains "beijing.yaml: valid. 25 commitments"

    Examples:
      | command                                                  |
      | sco-tracker validate -f beijing.yaml                     |
      | sco-tracker validate --file beijing.yaml                 |
      | sco-tracker validate beijing.yaml                        |
      | sco-tracker validate beijing.yaml -f beijing.yaml        |
      | sco-tracker validate --strict -f beijing.yaml            |

  Scenario: SCO_TRACKER_FILE names the file for validate too, once for the session
    Given the shipped commitments file, renamed "beijing.yaml"
    And SCO_TRACKER_FILE is "beijing.yaml"
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the output contains "beijing.yaml: valid. 25 commitments"

  Scenario: The file named on the command line beats SCO_TRACKER_FILE
    Given the shipped commitments file, renamed "beijing.yaml"
    And SCO_TRACKER_FILE is "qingdao.yaml"
    When I run "sco-tracker validate beijing.yaml"
    Then the exit code is 0
    And the output contains "beijing.yaml: valid. 25 commitments"

  Scenario: Two different files for validate is a usage error
    Given the shipped commitments file, renamed "beijing.yaml"
    When I run "sco-tracker validate qingdao.yaml -f beijing.yaml"
    Then the exit code is 2
    And the output contains "two files given: qingdao.yaml and -f beijing.yaml. Give one"
    And the output does not contain "valid."

  Scenario: SCO_TRACKER_FILE is read even just after commitments.yaml was found valid
    Given the shipped commitments file
    And "sco-tracker validate" has run there
    And a copy of it as "qingdao.yaml" with the youth action programme's status misspelt as "fulfiled"
    And SCO_TRACKER_FILE is "qingdao.yaml"
    When I run "sco-tracker validate"
    Then the exit code is 1
    And the output contains "qingdao.yaml:"
    And the output contains "fulfiled"
