Feature: Drafting the documents of any organisation
  The analysts who follow the SCO also follow ASEAN, the African Union and BRICS. Their summit
  declarations and ministers' communiqués say who speaks ("We, the Heads of State or Government
  of the ASEAN Member States"), name the organisation's bodies with or without its name ("the
  Peace and Security Council" for the AU Peace and Security Council), set deadlines at the
  next summit and speak of the situation in a country. `sco-tracker draft` reads them as it
  reads the SCO's. The documents below are written for the tests in each organisation's style;
  they are not real documents.

  Scenario: An ASEAN statement speaks for the ASEAN member states of the tracker
    Given a tracker of these parties:
      | id                | name                                                       | kind         |
      | indonesia         | Indonesia                                                  | member_state |
      | malaysia          | Malaysia                                                   | member_state |
      | viet-nam          | Viet Nam                                                   | member_state |
      | asean-secretariat | ASEAN Secretariat                                          | body         |
      | aichr             | ASEAN Intergovernmental Commission on Human Rights (AICHR) | body         |
    And the document "asean.txt":
      """
      Chairman's Statement of the 46th ASEAN Summit
      Kuala Lumpur, 26 May 2025
      1. We, the Heads of State or Government of the Member States of the Association of Southeast Asian Nations (ASEAN), met in Kuala Lumpur on 26 May 2025.
      2. We agreed to review the implementation of the ASEAN Community Vision 2045 at the 47th ASEAN Summit in Kuala Lumpur.
      3. We tasked the Intergovernmental Commission on Human Rights to prepare a report on the rights of migrant workers.
      4. We urged all parties to implement the Five-Point Consensus to resolve the situation in Myanmar.
      """
    When I run "sco-tracker draft asean.txt --source-id asean-46 --date 2025-05-26"
    Then the exit code is 0
    And the proposal quoting "We agreed to review the implementation" is made by "indonesia, malaysia, viet-nam"
    And the draft proposes no new party
    And the proposal quoting "We agreed to review the implementation" is due at "kuala-lumpur-summit"
    And the output contains "title: Kuala Lumpur summit"
    And the proposal quoting "We tasked the Intergovernmental Commission" asks "aichr" to act
    And the proposal quoting "We urged all parties" has the theme "Myanmar"
    When I run "sco-tracker draft asean.txt --source-id asean-46 --date 2025-05-26 --write"
    Then the exit code is 0
    When I run "sco-tracker validate"
    Then the exit code is 0

  Scenario: An African Union declaration: the leaders of the member states speak, the Peace and Security Council is asked to act
    Given a tracker of these parties:
      | id            | name                                            | kind                       |
      | ethiopia      | Ethiopia                                        | member_state               |
      | kenya         | Kenya                                           | member_state               |
      | nigeria       | Nigeria                                         | member_state               |
      | african-union | African Union (AU)                              | international_organization |
      | psc           | African Union Peace and Security Council (PSC)  | body                       |
    And the document "au.txt":
      """
      Declaration of the Assembly of the African Union
      Addis Ababa, 16 February 2025
      1. We, the leaders of the member states of the African Union, met in Addis Ababa on 15-16 February 2025.
      2. We requested the Peace and Security Council to submit a report on the ceasefire to the session of the Assembly of Heads of State and Government in Addis Ababa.
      3. We called for an end to the conflict in the Sudan through dialogue.
      """
    When I run "sco-tracker draft au.txt --source-id au-38 --date 2025-02-16"
    Then the exit code is 0
    And the proposal quoting "We requested the Peace and Security Council" is made by "ethiopia, kenya, nigeria"
    And the draft proposes no new party
    And the proposal quoting "We requested the Peace and Security Council" asks "psc" to act
    And the proposal quoting "We requested the Peace and Security Council" is due at "addis-ababa-summit"
    And the proposal quoting "We called for an end to the conflict" has the theme "Sudan"

  Scenario: BRICS ministers speak for the tracker's group of the BRICS countries
    Given a tracker of these parties:
      | id           | name         | kind         |
      | brazil       | Brazil       | member_state |
      | india        | India        | member_state |
      | south-africa | South Africa | member_state |
    And the party group "brics-members" of "brazil, india, south-africa"
    And the document "brics.txt":
      """
      Joint Statement of the BRICS Ministers of Foreign Affairs
      Rio de Janeiro, 29 April 2025
      1. We, the Ministers of Foreign Affairs of the BRICS countries, met in Rio de Janeiro on 28-29 April 2025.
      2. We agreed to present our recommendations on the reform of the multilateral system at the 17th BRICS Summit in Rio de Janeiro.
      """
    When I run "sco-tracker draft brics.txt --source-id brics-fm-2025 --date 2025-04-29"
    Then the exit code is 0
    And the proposal quoting "We agreed to present our recommendations" is made by "brics-members"
    And the draft proposes no new party
    And the proposal quoting "We agreed to present our recommendations" is due at "rio-de-janeiro-summit"

  Scenario: The Heads of State of the SCO member states speak for the eight member states
    Given the shipped commitments file
    And the document "astana.txt":
      """
      Astana Declaration of the Council of Heads of State
      Astana, 4 July 2024
      1. We, the Heads of State of the SCO member states, met in Astana on 4 July 2024.
      2. We agreed to hold the next meeting of the Council of Heads of State in the People's Republic of China in 2025.
      """
    When I run "sco-tracker draft astana.txt --source-id astana-2024 --date 2024-07-04"
    Then the exit code is 0
    And the proposal quoting "We agreed to hold the next meeting" is made by "china, india, kazakhstan, kyrgyzstan, pakistan, russia, tajikistan, uzbekistan"
    And the draft proposes no new party

  Scenario: One state, or an organ of the SCO, is not all the member states
    Given the shipped commitments file
    And the document "kazakhstan.txt":
      """
      Statement of the Government of Kazakhstan
      Astana, 5 July 2024
      1. We, the Government of Kazakhstan, hosted the meeting of the SCO Council of Heads of State in Astana on 4 July 2024.
      2. We agreed to host an international conference on regional connectivity in Astana in 2025.
      """
    And the document "cmfa.txt":
      """
      Communiqué of the Council of Ministers of Foreign Affairs
      Astana, 21 May 2024
      1. We, the Council of Ministers of Foreign Affairs of the SCO member states, met in Astana on 21 May 2024.
      2. We agreed to hold the next meeting of the Council in the Kyrgyz Republic in 2025.
      """
    When I run "sco-tracker draft kazakhstan.txt --source-id kazakhstan-2024 --date 2024-07-05"
    Then the exit code is 0
    And the proposal quoting "We agreed to host an international conference" is made by "kazakhstan"
    And the draft proposes no new party
    When I run "sco-tracker draft cmfa.txt --source-id cmfa-2024 --date 2024-05-21"
    Then the exit code is 0
    And the draft proposes the new party "Council of Ministers of Foreign Affairs of the SCO member states"
    And the proposal quoting "We agreed to hold the next meeting of the Council" is made by "council-ministers-foreign-affairs-sco-member"

  Scenario: A tracker of one state's statement is counted in words: one source, one party
    Given a tracker of these parties:
      | id         | name       | kind         |
      | kazakhstan | Kazakhstan | member_state |
    And the document "statement.txt":
      """
      Joint statement of Kazakhstan
      Astana, 21 May 2024
      The Government of Kazakhstan will host the next meeting of the Council in Astana in 2025.
      """
    When I run "sco-tracker draft statement.txt --source-id astana-2024 --write"
    And I run "sco-tracker validate"
    Then the exit code is 0
    And the output contains "valid. 1 commitment (1 deliverable, 0 continuous; 1 draft awaiting review) from 1 source, 1 party, 0 events, in 2 files."
