"""clauses(sentence): the undertakings of a sentence, read from its grammar."""

from __future__ import annotations

import pytest

from sco_tracker.sources.apposition import read_past
from sco_tracker.sources.proposals import is_theme_heading
from sco_tracker.sources.undertakings import clauses


def texts(sentence: str) -> list[str]:
    return [c.text for c in clauses(sentence)]


@pytest.mark.parametrize(
    ("sentence", "strength"),
    [
        ("The sides agreed to hold joint anti-terrorist exercises in 2019.", "agree to"),
        ("They called for intensifying practical cooperation in information security.", "call for"),
        ("We strongly commit ourselves to the full implementation of the Programme.", "commit to"),
        ("We will promote multi-stakeholder partnerships.", "will"),
        ("We invite multilateral development banks to increase investment.", "invite"),
        ("We request the Secretary-General to ensure the follow-up of the Programme.", "request"),
        (
            "We reaffirm our commitment to address the factors of vulnerability.",
            "reaffirm the commitment to",
        ),
        ("3. Calls upon all Member States to implement the Programme of Action;", "calls upon"),
        (
            "5. Requests the Secretary-General to submit a report at its eighty-first session;",
            "requests",
        ),
        (
            (
                "4. Also decides to include in the provisional agenda of its eighty-first "
                "session the item entitled “Developments”."
            ),
            "decides to",
        ),
    ],
)
def test_an_undertaking_in_each_style(sentence: str, strength: str) -> None:
    (clause,) = clauses(sentence)
    assert clause.strength == strength
    assert sentence[clause.start : clause.end] == clause.text


@pytest.mark.parametrize(
    "sentence",
    [
        "These challenges seriously threaten security and call for elaborating joint approaches.",
        "The sides praised the results of the conference (Dushanbe, 3-4 May 2018).",
        "The parties welcomed the measures agreed upon at the meeting.",
        "Noting with concern the increase in trafficking in persons,",
        (
            "Recalling its resolution 75/240 of 31 December 2020, in which it called upon all "
            "States to act,"
        ),
        "5. Stresses the importance of peace and security in the region;",
        "We stress the need to intensify international and regional cooperation.",
        "1. Decides to endorse the final report of the open-ended working group;",
        "Both documents are called on to prevent young people from joining terrorist groups.",
    ],
)
def test_no_undertaking(sentence: str) -> None:
    assert clauses(sentence) == []


def test_a_list_of_infinitives_gives_one_clause_each() -> None:
    sentence = (
        "The sides agreed to continue maintaining effective border control, to exchange "
        "information on suspected accomplices, to investigate the crimes of terrorist "
        "organisations and to prevent the movements of foreign terrorist fighters."
    )
    assert texts(sentence) == [
        "The sides agreed to continue maintaining effective border control",
        "to exchange information on suspected accomplices",
        "to investigate the crimes of terrorist organisations",
        "to prevent the movements of foreign terrorist fighters",
    ]
    assert {c.verb for c in clauses(sentence)} == {"agreed"}


def test_a_list_of_deliverables_gives_one_clause_each() -> None:
    sentence = (
        "We commit to supporting landlocked developing countries by establishing a transit "
        "fund, creating a digital connectivity platform and exploring new financing instruments."
    )
    assert texts(sentence)[1:] == [
        "creating a digital connectivity platform",
        "exploring new financing instruments",
    ]


def test_a_coordinated_verb_keeps_the_subject_and_another_subject_ends_the_clause() -> None:
    sentence = (
        "We welcome the Sevilla Commitment, and call for its timely implementation, and we "
        "look forward to the next summit."
    )
    (clause,) = clauses(sentence)
    assert clause.text == "call for its timely implementation"
    assert clause.subject == "We"


def test_addressees_are_who_is_asked_to_act() -> None:
    (clause,) = clauses("They urged the international community to expand cooperation.")
    assert clause.addressees == ("the international community",)
    assert "subject 'They'" in clause.why and "verb 'urged'" in clause.why


def test_items_of_an_operative_list() -> None:
    assert texts("(a) To continue the practice of sending an annual note verbale;") == [
        "To continue the practice of sending an annual note verbale"
    ]
    assert texts("Taking effective measures to eradicate forced labour;") == [
        "Taking effective measures to eradicate forced labour"
    ]


@pytest.mark.parametrize(
    ("sentence", "undertaking"),
    [
        ("The parties stressed the importance of peace.", False),
        ("The parties stressed the importance of regional stability for development.", False),
        ("The parties stressed the importance of peace to the region.", False),
        ("The sides noted the importance of passing the draft convention.", True),
        ("They noted the importance of continued efforts to pass the convention.", True),
        ("The sides stressed the importance of universal ratification of the conventions.", True),
    ],
)
def test_the_importance_of_a_state_is_a_desideratum_of_an_act_an_undertaking(
    sentence: str, undertaking: bool
) -> None:
    """'Stresses the importance of peace' is a general desideratum (G7 Research Group rules);
    the importance of passing, ratifying or continued efforts to act names an act."""
    assert bool(clauses(sentence)) is undertaking


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # a communiqué that records its own meeting in the first person and the past tense
        (
            "We agreed to convene the next ASEAN Regional Forum in Kuala Lumpur in 2025.",
            ["We agreed to convene the next ASEAN Regional Forum in Kuala Lumpur in 2025"],
        ),
        (
            "In this regard, we decided to establish a BRICS working group on food security.",
            ["we decided to establish a BRICS working group on food security"],
        ),
        (
            "We tasked the Permanent Representatives Committee to draft a road map by June 2025.",
            ["We tasked the Permanent Representatives Committee to draft a road map by June 2025"],
        ),
        (
            "We mandated the African Union Commission to convene a high-level retreat in 2026.",
            ["We mandated the African Union Commission to convene a high-level retreat in 2026"],
        ),
        (
            "We welcomed the report of the Chair and agreed to hold a review conference in 2027.",
            ["agreed to hold a review conference in 2027"],
        ),
        (
            "We will support the peace process, and we urged all parties to cease hostilities.",
            [
                "We will support the peace process",
                "we urged all parties to cease hostilities",
            ],
        ),
        # an earlier act, inside another clause: not an undertaking of this meeting
        ("We recalled that in 2015 we agreed to strengthen maritime cooperation.", []),
        (
            "As we committed in Ufa, we will deepen cooperation on energy.",
            ["we will deepen cooperation on energy"],
        ),
        ("The road map, which we agreed to adopt in 2023, remains our guide.", []),
        ("We thanked the Government of Malaysia for its hospitality.", []),
    ],
)
def test_the_first_person_in_the_past_is_an_undertaking_only_in_the_main_clause(
    sentence: str, found: list[str]
) -> None:
    assert texts(sentence) == found


@pytest.mark.parametrize(
    ("line", "theme"),
    [
        ("Astana, 21 May 2024", False),
        ("Vientiane, Lao PDR, 25 July 2024", False),
        ("Beijing, 21-22 May 2018", False),
        ("New York, June 5, 2025", False),
        ("Addis Ababa, February 2025", False),
        ("Security and counter-terrorism", True),
        ("Cooperation on connectivity until 2030", True),
    ],
)
def test_a_dateline_is_not_a_theme(line: str, theme: bool) -> None:
    assert is_theme_heading(line, "Joint Communiqué") is theme


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # a declaration in the present: the member States speak in the third person
        (
            "The member States support the proposal to hold a forum of SCO think tanks in 2025.",
            ["The member States support the proposal to hold a forum of SCO think tanks in 2025"],
        ),
        (
            "The member States consider it important to adopt the Programme for 2025-2027.",
            ["The member States consider it important to adopt the Programme for 2025-2027"],
        ),
        (
            "The Heads of State deem it necessary to convene an extraordinary meeting in 2026.",
            ["The Heads of State deem it necessary to convene an extraordinary meeting in 2026"],
        ),
        (
            "The member States stand for the settlement of the conflict through dialogue.",
            ["The member States stand for the settlement of the conflict through dialogue"],
        ),
        # not who speaks, or a name that holds a verb
        ("The new funds help the member States support their farmers.", []),
        ("The member States that support the initiative are listed in the annex.", []),
        ("The Peacebuilding Support Office publishes an annual report.", []),
    ],
)
def test_a_declaration_in_the_present_speaks_through_its_member_states(
    sentence: str, found: list[str]
) -> None:
    assert texts(sentence) == found


QINGDAO = "We, the Heads of State of the SCO member states, agreed to adopt the Qingdao programme"


@pytest.mark.parametrize(
    ("sentence", "quote", "verb"),
    [
        (
            f"{QINGDAO}.",
            QINGDAO,
            "agreed",
        ),
        ("We, the leaders, will hold the next summit in Bishkek.", None, "will"),
        (
            (
                "The sides, having met in Beijing on 22 May 2018, agreed to hold the next meeting"
                " in the Kyrgyz Republic."
            ),
            None,
            "agreed",
        ),
        (
            "2. They, in particular, called for a political settlement in Afghanistan.",
            None,
            "called",
        ),
    ],
)
def test_words_between_the_subject_and_its_verb_are_read_past(
    sentence: str, quote: str | None, verb: str
) -> None:
    (c,) = clauses(sentence)
    assert c.text == sentence[c.start : c.end]  # the clause as written, asides and all
    assert c.verb.split()[0] == verb
    assert " ".join(c.read.split()).startswith(f"{c.subject} {c.verb}")  # "We agreed to adopt"
    if quote is not None:
        assert c.text == quote


@pytest.mark.parametrize(
    "sentence",
    [
        "We recalled that in 2019 we agreed to strengthen cooperation.",  # an earlier act
        "We, the Heads of State of the SCO member states, met in Qingdao on 10 June 2018.",
        "The sides, Russia and China, noted the results of the meeting in Moscow.",
        "Recalling, in that regard, the decision of the Council,",  # preambular
    ],
)
def test_reading_past_an_aside_makes_no_undertaking_of_what_is_none(sentence: str) -> None:
    assert clauses(sentence) == []


def test_a_sentence_without_an_aside_is_read_as_it_is() -> None:
    plain = "We agreed to hold the next meeting in Bishkek."
    assert read_past(plain) is plain
    aside = "We, the leaders, agreed to hold the next meeting in Bishkek."
    read = read_past(aside)
    assert len(read) == len(aside) and " ".join(read.split()) == plain
