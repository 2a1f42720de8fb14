"""A verb of support and a nominalised action ("supported the holding of its next meeting in
Bishkek") is an undertaking: to hold the meeting. The same noun after a verb that reports
("noted the holding of the conference"), or after "welcomed" when the act is already done, is
not.

The sentences are written for these tests (SCO, ASEAN, BRICS, African Union and UN styles);
none is taken from the development documents.
"""

from __future__ import annotations

import pytest

from sco_tracker.sources.drafting import draft
from sco_tracker.sources.undertakings import clauses

#: (sentence, the strength drafted, the title drafted)
FOUND = [
    (
        (
            "We welcomed the progress of the accession talks and looked forward to the convening"
            " of the Working Group on Timor-Leste in the first half of 2026."
        ),
        "look forward to",
        "Convene the Working Group on Timor-Leste in the first half of 2026",
    ),
    (
        "The sides supported the holding of its next meeting in Bishkek.",
        "support the holding of",
        "Hold its next meeting in Bishkek",
    ),
    (
        (
            "The Ministers welcomed the convening of the next ASEAN Defence Ministers' Meeting in"
            " Manila in 2027."
        ),
        "welcome the convening of",
        "Convene the next ASEAN Defence Ministers' Meeting in Manila in 2027",
    ),
    (
        "The leaders supported the organisation of a BRICS youth forum in Kazan.",
        "support the organisation of",
        "Organise a BRICS youth forum in Kazan",
    ),
    (
        (
            "The Peace and Security Council supported the early adoption of the continental"
            " framework on early warning."
        ),
        "support the adoption of",
        "Adopt the continental framework on early warning",
    ),
    (
        (
            "The parties agreed on the signing of a memorandum of understanding between the two"
            " secretariats."
        ),
        "agree on",
        "Sign a memorandum of understanding between the two secretariats",
    ),
    (
        "We welcome the holding of the upcoming summit of the Group in Rio de Janeiro.",
        "welcome the holding of",
        "Hold the upcoming summit of the Group in Rio de Janeiro",
    ),
    (
        "They supported the establishment of a joint working group on cyber security.",
        "support the establishment of",
        "Establish a joint working group on cyber security",
    ),
]


@pytest.mark.parametrize(("text", "strength", "title"), FOUND, ids=[t for *_, t in FOUND])
def test_support_for_a_nominalised_action_is_an_undertaking(
    text: str, strength: str, title: str
) -> None:
    (found,) = clauses(text)
    assert found.strength == strength
    (stub,) = draft(text + "\n", "test", parties={}).commitments
    assert stub.title == title


@pytest.mark.parametrize(
    "text",
    [
        # reporting verbs: what was done, not what will be
        "The sides noted the holding of the conference on drug control in Dushanbe.",
        "The Ministers praised the holding of the ASEAN Youth Forum in Jakarta.",
        # "welcomed" an act already done: no next, upcoming or planned meeting
        "The Council welcomed the holding of the elections in the Republic on 12 March 2026.",
        "We welcome the adoption of the Pact for the Future.",
        "The leaders welcomed the signing of the peace agreement in Pretoria.",
        # a past event with its place and date in brackets
        "The sides supported the holding of the forum (Tashkent, 3-4 May 2018).",
        # a nominalised action that is no act of the speakers' own: a request
        "They supported its request to the Commission.",
    ],
)
def test_a_report_of_a_done_act_is_no_undertaking(text: str) -> None:
    assert clauses(text) == []


def test_support_of_plans_keeps_its_wording() -> None:
    (found,) = clauses("The sides supported plans to hold the next meeting in Astana.")
    assert found.strength == "support plans to"
    (stub,) = draft(
        "The sides supported plans to hold the next meeting in Astana.\n", "t", parties={}
    ).commitments
    assert stub.title == "Hold the next meeting in Astana"
