Feature: Editing commitments.yaml
  As an analyst who keeps the commitments of the SCO Security Council Secretaries in
  commitments.yaml, I want "sco-tracker validate" to tell me exactly where I made a
  mistake, in words I understand, so that I can fix the file without reading Python.

  Every problem is printed as FILE:LINE:COL: message. The exit code is 0 when the file is
  valid and 1 when it has problems.

  Scenario: The shipped file is valid
    Given the shipped commitments file
    When I run "sco-tracker validate"
    Then the exit code is 0
    And the summary is one line that starts with "commitments.yaml: valid. 25 commitments"
    And the only warning is "the quote cannot be verified: source 'moscow-2017-10-11' has no local text" at the line with "quote: in early 2018"
    And no traceback is printed

  Scenario Outline: A mistake in a commitment is reported at its line
    Given the shipped commitments file
    When in commitment "<commitment>" I change "<old>" to "<new>"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "<message>" at the line with "<at>" in that commitment
    And no traceback is printed

    Examples: the shape of an entry
      | commitment                          | old                  | new                     | at                          | message                                                                                    |
      | next-secretaries-meeting-kyrgyzstan | lead: kyrgyzstan     | leader: kyrgyzstan      | leader: kyrgyzstan          | unknown key 'leader' (did you mean 'lead'?)                                                |
      | afghanistan-contact-group-beijing   | theme: Afghanistan   | topic: Afghanistan      | id: afghanistan-contact     | missing required field 'theme'                                                             |
      | afghanistan-contact-group-beijing   | paragraph: 22        | paragraph: twenty-two   | paragraph: twenty-two       | source 'beijing-2018-05-22' does not number its paragraphs, so there is no paragraph 'twenty-two' |
      | afghanistan-contact-group-beijing   | date: 2018-05-28     | date: 2018-02-30        | date: 2018-02-30            | impossible date 2018-02-30: February 2018 has 28 days                                      |
      | qingdao-drug-abuse-concept          | status: in_progress  | status: underway        | status: underway            | unknown status 'underway'; expected one of: planned, in_progress, fulfilled                |

    Examples: references to other entries
      | commitment                          | old                        | new                        | at                         | message                                                                  |
      | next-secretaries-meeting-kyrgyzstan | source: beijing-2018-05-22 | source: beijing-2018-05-21 | source: beijing-2018-05-21 | unknown source 'beijing-2018-05-21' (did you mean 'beijing-2018-05-22'?) |
      | next-secretaries-meeting-kyrgyzstan | due: nsc-secretaries-14    | due: nsc-secretaries-15    | due: nsc-secretaries-15    | unknown event 'nsc-secretaries-15' (did you mean 'nsc-secretaries-14'?)  |
      | next-secretaries-meeting-kyrgyzstan | lead: kyrgyzstan           | lead: kyrgystan            | lead: kyrgystan            | unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?)                   |
      | qingdao-youth-action-programme      | status: planned            | status: planned\n    depends_on: [qingdao-youth-joint-apeal] | depends_on:  | unknown commitment 'qingdao-youth-joint-apeal' (did you mean 'qingdao-youth-joint-appeal'?) |

    Examples: the words of the communiqué
      | commitment           | old                                      | new                                               | at                 | message                                                                                      |
      | syria-geneva-process | paragraph: 24                            | paragraph: 36                                     | paragraph: 36      | paragraph 36 is out of range: source 'beijing-2018-05-22' has 35 paragraphs                  |
      | syria-geneva-process | paragraph: 24                            | paragraph: 25                                     | quote:             | the quote is not in paragraph 25 of source 'beijing-2018-05-22'; it is in paragraph 24       |
      | border-control       | quote: agreed to continue                | quote: agreed to continue strictly                | quote:             | the quote is not in paragraph 28 of source 'beijing-2018-05-22'                              |

    Examples: the dated evidence
      | commitment                        | old                | new                | at                 | message                                                                                            |
      | afghanistan-contact-group-beijing | date: 2019-04-19   | date: 2099-04-19   | date: 2099-04-19   | update dated 2099-04-19 is in the future                                                           |
      | afghanistan-contact-group-beijing | date: 2019-04-19   | date: 2018-05-01   | date: 2018-05-01   | the update of 2018-05-01 is listed after the one of 2018-05-28: list updates oldest first                |
      | afghanistan-contact-group-beijing | status: fulfilled  | status: in_progress | status: in_progress | status 'in_progress' disagrees with the latest update that sets one (2018-05-28: fulfilled)     |

  Scenario: A warning is listed with the problems, in the order of the file
    Given the shipped commitments file
    When in commitment "next-secretaries-meeting-kyrgyzstan" I change "lead: kyrgyzstan" to "lead: kyrgystan"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "warning: the quote cannot be verified: source 'moscow-2017-10-11' has no local text" at the line with "quote: in early 2018"
    And the output reports "unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?)" at the line with "lead: kyrgystan"
    And the problems and warnings are listed in the order of their lines

  Scenario: A misspelt required key is reported once, at the key as written
    Given the shipped commitments file
    When in commitment "border-control" I change "strength: agreed" to "strenght: agreed"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "unknown key 'strenght' (did you mean 'strength'?)" at the line with "strenght: agreed" in that commitment
    And the output does not contain "missing required field 'strength'"
    And the output contains "commitments.yaml: 1 problem found."
    And no traceback is printed

  Scenario: A misspelt paragraph is reported once, even though the document has a local text
    The Beijing communiqué has its text under sources/, so a commitment quoting it must say
    which paragraph; the misspelt key is that paragraph, and one message says so.
    Given the shipped commitments file
    When in commitment "border-control" I change "paragraph: 28" to "paragraf: 28"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "unknown key 'paragraf' (did you mean 'paragraph'?)" at the line with "paragraf: 28" in that commitment
    And the output does not contain "missing required field 'paragraph'"
    And the output contains "commitments.yaml: 1 problem found."
    And no traceback is printed

  Scenario: A wrong quote is reported even when another field of the same commitment has a mistake
    Given the shipped commitments file
    When in commitment "border-control" I change "quote: agreed to continue" to "quote: agreed to continue strictly"
    And in commitment "border-control" I change "status: planned" to "status: done"
    And in commitment "border-control" I change "strength: agreed" to "strenght: agreed"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "the quote is not in paragraph 28 of source 'beijing-2018-05-22'" at the line with "quote:" in that commitment
    And the output reports "unknown status 'done'" at the line with "status: done" in that commitment
    And the output reports "unknown key 'strenght' (did you mean 'strength'?)" at the line with "strenght: agreed" in that commitment
    And the output contains "commitments.yaml: 3 problems found."
    And no traceback is printed

  Scenario: A YAML syntax error is reported where the parser stopped
    Given the shipped commitments file
    When I change "title: Qingdao summit" to "title: Qingdao summit: 18th meeting of the Heads of State" in the file
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "YAML syntax error: mapping values are not allowed in this context; if the text itself has ': ' in it, put the whole value in quotes" at the line with "title: Qingdao summit: 18th"
    And no traceback is printed

  Scenario: A quote opened and never closed is traced back to the line that opened it
    Given the shipped commitments file
    When I change "title: Qingdao summit" to "title: 'Qingdao summit" in the file
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output says that the line with "title: 'Qingdao summit" opens a quote that it does not close
    And no traceback is printed

  Scenario: A key given twice in one entry is reported at the second one
    Given the shipped commitments file
    When in commitment "qingdao-drug-abuse-concept" I change "theme: Drugs" to "theme: Drugs\n    theme: Narcotics"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "duplicate key 'theme' (first given at line" at the line with "theme: Narcotics" in that commitment
    And no traceback is printed

  Scenario: Two commitments with the same id
    Given the shipped commitments file
    When in commitment "exchange-information-on-accomplices" I change "id: exchange-information-on-accomplices" to "id: border-control"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "duplicate id 'border-control' (first used at line" at the 2nd line with "- id: border-control"
    And no traceback is printed

  Scenario: Two commitments that wait for each other
    Given the shipped commitments file
    When in commitment "qingdao-youth-joint-appeal" I change "status: fulfilled" to "status: fulfilled\n    depends_on: [qingdao-youth-action-programme]"
    And in commitment "qingdao-youth-action-programme" I change "status: planned" to "status: planned\n    depends_on: [qingdao-youth-joint-appeal]"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "dependency cycle: qingdao-youth-joint-appeal -> qingdao-youth-action-programme -> qingdao-youth-joint-appeal" at the line with "depends_on:" in that commitment
    And no traceback is printed

  Scenario: Every mistake is listed, not just the first
    Given the shipped commitments file
    When in commitment "next-secretaries-meeting-kyrgyzstan" I change "lead: kyrgyzstan" to "lead: kyrgystan"
    And in commitment "next-secretaries-meeting-kyrgyzstan" I change "status: fulfilled" to "status: done"
    And I run "sco-tracker validate"
    Then the exit code is 1
    And the output reports "unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?)" at the line with "lead: kyrgystan" in that commitment
    And the output reports "unknown status 'done'" at the line with "status: done" in that commitment
    And the output contains "commitments.yaml: 2 problems found."
    And no traceback is printed
