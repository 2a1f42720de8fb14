"""draft reads the documents of any organisation as it reads the SCO's: who speaks ("We, the
Heads of State or Government of the ASEAN Member States"), the names of an organisation's
bodies ("the Peace and Security Council" for the "AU Peace and Security Council"), the summit
a text is due at and the theme of a situation. The sentences are written for the tests in the
style of each organisation's documents."""

from __future__ import annotations

import pytest

from sco_tracker.sources.drafting import Draft, draft, guess_due, guess_theme

# --- Four files, each tracking an organisation's member states -------------------------------

SCO = {
    "kinds": {
        "china": "member_state",
        "kazakhstan": "member_state",
        "russia": "member_state",
        "sco-secretariat": "sco_body",
    },
    "names": {
        "china": "China",
        "kazakhstan": "Kazakhstan",
        "russia": "Russia",
        "sco-secretariat": "SCO Secretariat",
    },
    "groups": {},
}
ASEAN = {
    "kinds": {
        "indonesia": "member_state",
        "malaysia": "member_state",
        "viet-nam": "member_state",
        "asean-secretariat": "body",
        "aichr": "body",
    },
    "names": {
        "indonesia": "Indonesia",
        "malaysia": "Malaysia",
        "viet-nam": "Viet Nam",
        "asean-secretariat": "ASEAN Secretariat",
        "aichr": "ASEAN Intergovernmental Commission on Human Rights (AICHR)",
    },
    "groups": {},
}
AU = {
    "kinds": {
        "ethiopia": "member_state",
        "kenya": "member_state",
        "nigeria": "member_state",
        "african-union": "international_organization",
        "au-commission": "body",
        "psc": "body",
    },
    "names": {
        "ethiopia": "Ethiopia",
        "kenya": "Kenya",
        "nigeria": "Nigeria",
        "african-union": "African Union (AU)",
        "au-commission": "African Union Commission (AUC)",
        "psc": "African Union Peace and Security Council (PSC)",
    },
    "groups": {},
}
BRICS = {
    "kinds": {"brazil": "member_state", "india": "member_state", "south-africa": "member_state"},
    "names": {"brazil": "Brazil", "india": "India", "south-africa": "South Africa"},
    "groups": {"brics-members": ["brazil", "india", "south-africa"]},
}
FILES = {"sco": SCO, "asean": ASEAN, "au": AU, "brics": BRICS}


def members(file: dict) -> list[str]:  # type: ignore[type-arg]
    return [p for p, kind in file["kinds"].items() if kind == "member_state"]


def drafted(file: dict, text: str) -> Draft:  # type: ignore[type-arg]
    return draft(
        text,
        "x",
        parties=file["kinds"],
        party_names=file["names"],
        party_groups=file["groups"],
    )


AGREED = "2. We agreed to hold the next meeting in 2026.\n"


@pytest.mark.parametrize(
    ("org", "opening"),
    [
        ("sco", "We, the Heads of State of the SCO member states, met in Astana on 4 July 2024."),
        (
            "sco",
            (
                "We, the Ministers of Foreign Affairs of the member States of the Shanghai "
                "Cooperation Organisation, met in Astana on 21 May 2024."
            ),
        ),
        (
            "asean",
            (
                "We, the Heads of State or Government of the Member States of the Association of "
                "Southeast Asian Nations (ASEAN), met in Kuala Lumpur on 26 May 2025."
            ),
        ),
        (
            "asean",
            (
                "We, the Heads of State or Government of the ASEAN Member States, met in Vientiane "
                "on 9 October 2024."
            ),
        ),
        ("asean", "We, the ASEAN Foreign Ministers, met in Kuala Lumpur on 8 July 2025."),
        (
            "au",
            (
                "We, the leaders of the member states of the African Union, met in Addis Ababa on "
                "15 February 2025."
            ),
        ),
        (
            "au",
            (
                "We, the Heads of State and Government of the African Union, met in Malabo on 28 "
                "May 2022."
            ),
        ),
        (
            "au",
            (
                "We, the Heads of State and Government of the AU member states, met in Addis Ababa "
                "on 15 February 2025."
            ),
        ),
    ],
)
def test_the_member_states_of_the_files_organisation_speak_for_its_member_states(
    org: str, opening: str
) -> None:
    file = FILES[org]
    result = drafted(file, f"1. {opening}\n{AGREED}")
    (c,) = result.commitments
    assert c.parties == members(file)
    assert result.parties == []  # no new party proposed for the speaker
    assert not result.speakers_guessed  # the text names who speaks


def test_the_members_of_an_organisation_named_by_a_party_group_are_that_group() -> None:
    text = (
        "1. We, the Ministers of Foreign Affairs of the BRICS countries, met in Rio de Janeiro"
        f" on 28 April 2025.\n{AGREED}"
    )
    result = drafted(BRICS, text)
    (c,) = result.commitments
    assert c.parties == ["brics-members"]
    assert result.parties == []


@pytest.mark.parametrize(
    ("org", "opening", "party"),
    [
        # a single state named is that state, not all the members
        ("sco", "We, the Government of Kazakhstan, met in Astana on 4 July 2024.", "kazakhstan"),
        ("asean", "We, the Government of Viet Nam, met in Hanoi on 4 July 2024.", "viet-nam"),
    ],
)
def test_a_single_state_named_as_the_speaker_is_that_state(
    org: str, opening: str, party: str
) -> None:
    result = drafted(FILES[org], f"1. {opening}\n{AGREED}")
    (c,) = result.commitments
    assert c.parties == [party]
    assert result.parties == []


@pytest.mark.parametrize(
    ("org", "opening", "new"),
    [
        # an organ of the organisation is not its members
        (
            "sco",
            "We, the Council of Foreign Ministers, met in Astana on 21 May 2024.",
            "council-foreign-ministers",
        ),
        (
            "sco",
            (
                "We, the Council of Ministers of Foreign Affairs of the SCO member states, met in "
                "Astana on 21 May 2024."
            ),
            "council-ministers-foreign-affairs-sco-member",
        ),
        (
            "au",
            (
                "We, the Executive Council of the African Union, met in Addis Ababa on 12 February"
                " 2025."
            ),
            "executive-council-african-union",
        ),
        # another organisation's members are not the file's
        (
            "sco",
            (
                "We, the States Members of the United Nations, gathered in New York on 22 September"
                " 2025."
            ),
            "states-members-united-nations",
        ),
        (
            "asean",
            "We, the Heads of State of the SCO member states, met in Astana on 4 July 2024.",
            "heads-state-sco-member-states",
        ),
    ],
)
def test_an_organ_or_another_organisations_members_is_a_new_draft_party(
    org: str, opening: str, new: str
) -> None:
    file = FILES[org]
    result = drafted(file, f"1. {opening}\n{AGREED}")
    (c,) = result.commitments
    assert c.parties == [new]
    assert [p.id for p in result.parties] == [new]


def test_the_files_organisation_is_the_one_it_names_most() -> None:
    """An ASEAN file that also asks the UN Secretary-General to act is still ASEAN's; a file
    that names two organisations as often is neither's."""
    asean = {
        "kinds": {**ASEAN["kinds"], "unsg": "body"},
        "names": {**ASEAN["names"], "unsg": "UN Secretary-General"},
        "groups": {},
    }
    opening = "1. We, the ASEAN Foreign Ministers, met in Kuala Lumpur on 8 July 2025.\n"
    (c,) = drafted(asean, opening + AGREED).commitments
    assert c.parties == members(ASEAN)
    both = {
        "kinds": {"indonesia": "member_state", "a": "body", "b": "body"},
        "names": {"indonesia": "Indonesia", "a": "ASEAN Secretariat", "b": "UN Secretariat"},
        "groups": {},
    }
    result = drafted(both, opening + AGREED)
    assert [p.id for p in result.parties] == ["asean-foreign-ministers"]


def test_without_an_organisation_in_the_file_the_speaker_is_a_new_group_of_states() -> None:
    file = {"kinds": {"china": "member_state"}, "names": {"china": "China"}, "groups": {}}
    result = drafted(file, f"1. We, the BRICS leaders, met in Kazan on 23 October 2024.\n{AGREED}")
    assert [p.id for p in result.parties] == ["brics-leaders"]


# --- An organisation's bodies, named without the organisation --------------------------------


@pytest.mark.parametrize(
    ("org", "sentence", "addressees"),
    [
        (
            "asean",
            "We tasked the Intergovernmental Commission on Human Rights to prepare a report.",
            ["aichr"],
        ),
        (
            "asean",
            "We tasked the ASEAN Intergovernmental Commission on Human Rights to report.",
            ["aichr"],
        ),
        ("asean", "We tasked the AICHR to prepare a report.", ["aichr"]),
        (
            "au",
            "We requested the Peace and Security Council to monitor the ceasefire.",
            ["psc"],
        ),
        ("au", "We requested the AU Peace and Security Council to report.", ["psc"]),
        ("au", "We requested the African Union Commission to report.", ["au-commission"]),
        # a name of two words keeps its organisation: "the Secretariat" may be anyone's
        ("asean", "We requested the Secretariat to prepare a report.", ["the Secretariat"]),
        ("au", "We requested the Commission to prepare a report.", ["the Commission"]),
    ],
)
def test_a_body_is_named_without_its_organisations_name(
    org: str, sentence: str, addressees: list[str]
) -> None:
    (c,) = drafted(FILES[org], sentence).commitments
    assert c.addressees == addressees


def test_a_body_of_another_organisation_party_is_named_without_it() -> None:
    kinds = {"china": "member_state", "un": "international_organization", "unodc": "body"}
    names = {
        "china": "China",
        "un": "United Nations (UN)",
        "unodc": "United Nations Office on Drugs and Crime (UNODC)",
    }
    file = {"kinds": kinds, "names": names, "groups": {}}
    (c,) = drafted(file, "We invited the Office on Drugs and Crime to assist.").commitments
    assert c.addressees == ["unodc"]
    (c,) = drafted(file, "The Office on Drugs and Crime will report.").commitments
    assert c.parties == ["unodc"]


def test_a_body_named_as_the_subject_makes_the_undertaking() -> None:
    (c,) = drafted(
        ASEAN, "The Intergovernmental Commission on Human Rights will report annually."
    ).commitments
    assert c.parties == ["aichr"]


# --- The summit a text is due at ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "event", "title"),
    [
        (
            "We agreed to adopt the Community Vision at the 46th ASEAN Summit in Kuala Lumpur.",
            "kuala-lumpur-summit",
            "Kuala Lumpur summit",
        ),
        (
            "We agreed to review it at the next BRICS Summit in Rio de Janeiro.",
            "rio-de-janeiro-summit",
            "Rio de Janeiro summit",
        ),
        (
            (
                "We requested the Commission to submit the report to the session of the "
                "Assembly of Heads of State and Government in Addis Ababa."
            ),
            "addis-ababa-summit",
            "Addis Ababa summit",
        ),
        (
            "to adopt it at the meeting of the SCO Council of Heads of State in Bishkek",
            "bishkek-summit",
            "Bishkek summit",
        ),
        (
            "to adopt it at the upcoming summit in the Russian Federation",
            "russian-federation-summit",
            "Russian Federation summit",
        ),
    ],
)
def test_a_summit_of_any_organisation_is_an_event_to_be_due_at(
    sentence: str, event: str, title: str
) -> None:
    due, new = guess_due(sentence, {})
    assert due == event
    assert new is not None and new.title == title


def test_a_known_summit_is_found_by_its_place() -> None:
    events = {"kl-2025": None, "asean-summit-46": "Kuala Lumpur, Malaysia"}
    assert guess_due("at the 46th ASEAN Summit in Kuala Lumpur", events) == (
        "asean-summit-46",
        None,
    )


# --- The theme of a situation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "theme"),
    [
        (
            (
                "We urged all parties to implement the Five-Point Consensus to resolve the "
                "situation in Myanmar."
            ),
            "Myanmar",
        ),
        ("We called for an end to the conflict in the Sudan through dialogue.", "Sudan"),
        (
            (
                "They urged the international community to resolve the situation in Afghanistan by "
                "political means."
            ),
            "Afghanistan",
        ),
        (
            (
                "Demands a political settlement of the crisis in Ukraine in accordance with the "
                "Charter."
            ),
            "Ukraine",
        ),
        (
            "We support the peace process in the Democratic Republic of the Congo.",
            "Democratic Republic of the Congo",
        ),
        # a region of the organisation is no place of a situation
        ("We will improve the security situation in the SCO region.", None),
    ],
)
def test_the_theme_of_a_situation_is_its_place(sentence: str, theme: str | None) -> None:
    found = guess_theme(sentence, "General")
    if theme is None:
        assert found not in {"Afghanistan", "Regional conflicts", "SCO"}, found
    else:
        assert found == theme


def test_a_place_that_is_a_theme_of_the_document_stays_the_theme_of_what_names_it() -> None:
    text = (
        "1. We urged all parties to resolve the situation in Myanmar through dialogue.\n"
        "2. We agreed to convene a meeting on terrorism in the region.\n"
        "3. We agreed to hold a meeting on the humanitarian needs of the people of Myanmar.\n"
        "4. They supported plans to hold the next meeting of the SCO-Afghanistan Contact Group.\n"
    )
    result = draft(text, "x", parties={})
    assert [c.theme for c in result.commitments] == [
        "Myanmar",
        "Counter-terrorism",
        "Myanmar",
        "Institutional",  # no situation in Afghanistan is named before
    ]
    again = draft(
        "1. They urged all parties to resolve the situation in Afghanistan by political means.\n"
        "2. They supported plans to hold the next meeting of the SCO-Afghanistan Contact Group.\n",
        "x",
        parties={},
    )
    assert [c.theme for c in again.commitments] == ["Afghanistan", "Afghanistan"]
