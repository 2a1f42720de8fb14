Feature: Drafting any document, whatever its diplomatic style
  A new document comes as it comes: an SCO information report in reported speech ("The sides
  agreed to ..."), a summit declaration in the first person ("We commit ...", "We urge ..."), or
  a UN resolution, where the body is named once at the top and only the numbered operative
  paragraphs ("Requests ...", "Decides ...") are acts. The analyst asks for a first reading and
  gets one proposed commitment for each undertaking: who speaks, the verb as written, who is
  asked to act, a due date when the text gives one, and why it was proposed. The examples are
  real: the Beijing communiqué of May 2018 and two resolutions of the 80th General Assembly.

  Scenario: Reported speech: what the sides agreed or urged is proposed, praise of a past event is not
    Given the shipped commitments file
    And the Beijing communiqué as a new document "beijing.txt"
    When I run "sco-tracker draft beijing.txt --source-id beijing-redraft"
    Then the exit code is 0
    And the output contains "quote: They urged the international community to expand cooperation, with the UN's central coordinating role, for resolving the situation in Afghanistan by political means"
    And the output contains "# why: subject 'They', verb 'urged' (reported): asks for an action"
    And the proposal quoting "They urged the international community" names "the international community" as who is asked to act
    And the output contains "strength: urge"
    And the output contains "title: Hold the next meeting of Secretaries of Security Councils of SCO Member-States in the Kyrgyz Republic"
    And the output contains "reason: praise_of_past_event"
    And no proposed commitment quotes "These challenges seriously threaten"

  Scenario: A declaration: "We urge" and "We reaffirm our commitment to" are undertakings, "We reaffirm the importance" is not
    Given the shipped commitments file
    And the document "declaration-A_RES_80_9-annex-4-and-10.txt" as "declaration.txt"
    When I run "sco-tracker draft declaration.txt --source-id a-res-80-9 --date 2025-12-01 --title 'Political Declaration on trafficking in persons'"
    Then the exit code is 0
    And the output contains "quote: urge Member States that have not yet done so to consider ratifying or acceding to the Convention and the Protocol as a matter of priority"
    And the proposal quoting "urge Member States that have not yet done so" names "Member States that have not yet done so" as who is asked to act
    And the output contains "quote: We reaffirm our commitment to address the social, economic, cultural, political and other factors"
    And the output contains "strength: reaffirm the commitment to"
    And the output contains "title: Call upon Member States to enact or update national laws"
    And no proposed commitment quotes "We reaffirm the crucial importance of universal ratification"

  Scenario: A resolution: the preamble holds no undertaking, the operative paragraphs do
    Given the shipped commitments file
    And the document "resolution-A_RES_80_16.txt" as "resolution.txt"
    When I run "sco-tracker draft resolution.txt --source-id a-res-80-16 --date 2025-12-01 --title 'A/RES/80/16'"
    Then the exit code is 0
    And the output contains "2 proposed commitments"
    And the output contains "quote: Also requests the Secretary-General to provide the necessary support to establish the dedicated Global ICT Security Cooperation and Capacity-Building Portal"
    And the output contains "strength: requests"
    And the proposal quoting "Also requests the Secretary-General" names "the Secretary-General" as who is asked to act
    And the output contains "strength: decides to"
    And the output contains "title: Include the item entitled “Developments in the field of information and telecommunications in the context of international security” in the provisional agenda"
    And the output contains "due: 2026-09"
    And the output contains "it gives the reasons for the acts that follow and holds no undertaking"
    And paragraph "1" is proposed as an exclusion with the reason "procedural"
    And the output contains "paragraph: '3'"
    And no proposed commitment quotes "Recalling"
    And no proposed commitment quotes "Decides to endorse the final report"

  Scenario: Several undertakings in one sentence are several proposals
    Given the shipped commitments file
    And the Beijing communiqué as a new document "beijing.txt"
    When I run "sco-tracker draft beijing.txt --source-id beijing-redraft"
    Then the exit code is 0
    And the output contains "quote: The sides agreed to continue maintaining effective border control"
    And the output contains "quote: to exchange information on suspected accomplices in terrorist activity"
    And the output contains "quote: to investigate the crimes of transnational terrorist organisations"
    And the output contains "quote: to prevent the movements of foreign terrorist fighters and terrorist groups"
    And the output contains "# why: subject 'The sides', verb 'agreed' (reported): a to-infinitive: an action to come; item 3 of 4 in a list"

  Scenario: Removing one of the four commitments of paragraph 28 fails validate --strict
    Given the shipped commitments file
    And the commitment "investigate-transnational-terrorist-crimes" is removed
    When I run "sco-tracker validate --strict"
    Then the exit code is 1
    And the output contains "paragraph 28, sentence 1 of source 'beijing-2018-05-22' has undertaking language ('agreed')"
    And the output contains "to investigate the crimes of transnational terrorist organisations"
    When I run "sco-tracker coverage --source beijing-2018-05-22"
    Then the output contains "1 likely missed undertaking"

  Scenario: Draft exclusions decide nothing until the analyst has reviewed them
    Given the shipped commitments file
    And the document "resolution-A_RES_80_16.txt" as "resolution.txt"
    When I run "sco-tracker draft resolution.txt --source-id a-res-80-16 --date 2025-12-01 --title 'A/RES/80/16' --write"
    Then the exit code is 0
    And the output contains "draft party 'general-assembly'"
    And the commitments files do not contain "all-member-states"
    And the commitments files contain "name: General Assembly"
    And the commitments files contain "kind: body"
    When I run "sco-tracker coverage --source a-res-80-16"
    Then the output contains "0.0% decided (5 sentences excluded by a draft await review)"
    And the output does not contain "100.0% decided"
    And the output contains "line 2, sentence 1: excluded by a draft (other), awaiting review: Recalling its resolutions 75/240"
    And the output contains "paragraph 1, sentence 1: excluded by a draft (procedural), awaiting review: 1. Decides to endorse the final report"
    And the output does not contain "paragraph 5, sentence"
    When I run "sco-tracker validate --strict"
    Then the output contains "exclusion of line 1 of source 'a-res-80-16' is a draft"
    And the output contains "exclusion of paragraph 1 of source 'a-res-80-16' is a draft"
    And the output does not contain "exclusion of paragraph 5 of source 'a-res-80-16'"
    When I run "sco-tracker validate"
    Then the output contains "commitments.yaml: valid. 27 commitments (9 deliverable, 18 continuous; 2 drafts awaiting review)"

  # The decision used in the three scenarios below (tests/data/styles/made-up-sco-decision-TEST-DATA.txt)
  # is written for the tests in the style of an SCO Council of Foreign Ministers decision; it
  # is not a real SCO document.

  Scenario: The priorities of a list are titled with their verb in the imperative, spelled right
    Given the shipped commitments file
    And the document "made-up-sco-decision-TEST-DATA.txt" as "decision.txt"
    When I run "sco-tracker draft decision.txt --source-id cfm-decision-test --date 2026-11-20"
    Then the exit code is 0
    And the output contains "title: Achieve a balanced and sustainable economic development of the region"
    And the output contains "strength: achieve"
    And the output contains "title: Ascertain the needs of the member States in the field of food security"
    And the output contains "title: Combat the illicit trafficking in narcotic drugs"
    And the output does not contain "Achiev "
    And the output does not contain "Ascertaine"
    And the output does not contain "Combate"

  Scenario: "With a view to" and "in order to" say why, not who is asked to act
    Given the shipped commitments file
    And the document "made-up-sco-decision-TEST-DATA.txt" as "decision.txt"
    When I run "sco-tracker draft decision.txt --source-id cfm-decision-test --date 2026-11-20"
    Then the exit code is 0
    And the proposal quoting "Invites the SCO-Afghanistan Contact Group, in order to support" names "the SCO-Afghanistan Contact Group" as who is asked to act
    And the proposal quoting "Requests the SCO Secretariat, with a view to ensuring" names "sco-secretariat" as who is asked to act
    And the output contains "title: Request the SCO Secretariat to prepare a plan of joint events"
    And the output contains "title: Invite the SCO-Afghanistan Contact Group to meet with the representatives of the Government of Afghanistan"
    And the output does not contain "- with a view"
    And the output does not contain "- in order"

  Scenario: A report due "by 30 April annually" is tracked as recurring, not as a one-off date
    Given the shipped commitments file
    And the document "made-up-sco-decision-TEST-DATA.txt" as "decision.txt"
    When I run "sco-tracker draft decision.txt --source-id cfm-decision-test --date 2026-11-20"
    Then the exit code is 0
    And the proposal quoting "Requests the SCO Secretariat to submit a report" is continuous, reviewed "1 year", with no due date
    And the proposal quoting "Decides to hold the meeting of the heads of the border services" is continuous, reviewed "2 years", with no due date
    And the output contains "recurring (every year): drafted as continuous, review_every 1 year, not a one-off due date"
    When I run "sco-tracker draft decision.txt --source-id cfm-decision-test --date 2026-11-20 --write"
    Then the exit code is 0
    When I run "sco-tracker validate"
    Then the exit code is 0

  Scenario: A communiqué in the first person and the past tense: what the ministers agreed, decided or tasked is proposed
    # Many communiqués record the meeting's own decisions as "We agreed ...", "We tasked ...";
    # a "we agreed" inside a clause ("We recalled that in 2019 we agreed ...") is an earlier one.
    Given the shipped commitments file
    And the document "made-up-first-person-past-communique-TEST-DATA.txt" as "communique.txt"
    When I run "sco-tracker draft communique.txt --source-id cmfa-astana-2024 --date 2024-05-21 --title 'Joint Communiqué of the Council of Ministers of Foreign Affairs, Astana'"
    Then the exit code is 0
    And the output contains "6 proposed commitments"
    And the output contains "quote: We agreed to hold the next meeting of the Council in the Kyrgyz Republic in 2025"
    And the output contains "title: Hold the next meeting of the Council in the Kyrgyz Republic in 2025"
    And the output contains "quote: agreed to intensify efforts to adopt the Development Strategy of the SCO until 2035 at the summit in Astana in July 2024"
    And the output contains "quote: We tasked the SCO Secretariat to submit a report on the implementation of the Programme of Cooperation in Combating Terrorism to the next meeting of the Council"
    And the proposal quoting "We tasked the SCO Secretariat" names "sco-secretariat" as who is asked to act
    And the output contains "quote: We instructed the Regional Anti-Terrorist Structure to prepare joint counter-terrorism exercises in 2025"
    And the output contains "quote: to convene its first meeting before the end of 2024"
    And no proposed commitment quotes "we agreed to strengthen cooperation in the field of information security"
    And no proposed commitment quotes "We thanked"
    And no proposed commitment quotes "We noted with satisfaction"
    And the output does not contain "theme: Astana, 21 May 2024"
    And the output does not contain "Nobody is named as speaking"

  Scenario: Who speaks, and in what capacity, between the subject and the verb: "We, the Heads of State ..., agreed to" is what we agreed to
    # Declarations say who "we" are, or when they met, between commas before the verb.
    Given the shipped commitments file
    And the document "made-up-declarations-with-asides-TEST-DATA.txt" as "declaration.txt"
    When I run "sco-tracker draft declaration.txt --source-id asean-leaders-2024"
    Then the exit code is 0
    And the output contains "4 proposed commitments"
    And the output contains "quote: We, the Heads of State or Government of the Member States of the Association of Southeast Asian Nations, agreed to adopt the ASEAN Community Vision 2045 at the 46th ASEAN Summit"
    And the output contains "title: Adopt the ASEAN Community Vision 2045 at the 46th ASEAN Summit"
    And the output contains "quote: We, the leaders, will hold the next summit in Kuala Lumpur in 2025"
    And the output contains "quote: The Ministers, having met in Vientiane on 8 October 2024, agreed to review the work plan on transnational crime by the end of 2025"
    And the output contains "quote: The member States, in particular, called for the early conclusion of the Code of Conduct in the South China Sea"
    And no proposed commitment quotes "met in Vientiane on 9 October 2024"
    And no proposed commitment quotes "we agreed to strengthen maritime cooperation"

  Scenario: A declaration in the present: what the member States consider it important to do, support or stand for is proposed
    Given the shipped commitments file
    And the document "made-up-sco-declaration-present-TEST-DATA.txt" as "declaration.txt"
    When I run "sco-tracker draft declaration.txt --source-id bishkek-2019 --date 2019-06-14 --title 'Bishkek Declaration'"
    Then the exit code is 0
    And the output contains "3 proposed commitments"
    And the output contains "quote: The member States consider it important to adopt the Programme of Cooperation in Countering Terrorism, Separatism and Extremism for 2022-2024 at the next meeting of the Council"
    And the output contains "quote: The member States support the proposal to hold the first SCO Forum of Heads of Regions in 2020"
    And the output contains "quote: The member States stand for the political settlement of the situation in Afghanistan through dialogue under the SCO-Afghanistan Contact Group"
    And no proposed commitment quotes "has become an influential multilateral association"
    And no proposed commitment quotes "thanked the Kyrgyz Republic"
    And the output does not contain "theme: Bishkek, 14 June 2019"
    And the output contains "# Nobody is named as speaking in the text: the proposals are credited to the member States of commitments.yaml; change their 'parties' where another body speaks."

  Scenario: The document's own headings are the themes, and a meeting announced in the passive is one to hold
    Given the shipped commitments file
    And the document "made-up-statement-with-headings-TEST-DATA.txt" as "statement.txt"
    When I run "sco-tracker draft statement.txt --source-id cmfa-tashkent-2022 --date 2022-07-12 --title 'Joint Statement of the Foreign Ministers, Tashkent'"
    Then the exit code is 0
    And the output contains "3 proposed commitments"
    And the output contains "theme: Security cooperation"
    And the output does not contain "theme: Economy and connectivity"
    And the output contains "title: Hold the next meeting of the Council of Ministers of Foreign Affairs in Astana in 2023"
    And the output contains "title: Convene the SCO Forum of Heads of Regions in 2023"
