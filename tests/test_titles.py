"""Drafted titles are instructions: they open with a verb in the imperative, whatever the clause
opens with (an infinitive, a gerund, a noun of action, "the need for", a pronoun).

The sentences are written for these tests in the styles of SCO information reports, ASEAN and
BRICS joint statements, African Union communiqués and UN resolutions; none is taken from the
development documents (tests/data/corpus).
"""

from __future__ import annotations

import re

import pytest

from sco_tracker.sources.drafting import draft
from sco_tracker.sources.nominals import NOMINAL_ACT, NOMINAL_VERBS
from sco_tracker.sources.verbforms import verb_of

PARTIES = {"sco": "organization"}


def titles(text: str) -> list[str]:
    return [c.title for c in draft(text, "test-statement", parties=PARTIES).commitments]


#: (sentence, the title drafted from it)
CASES = [
    # an act announced in the passive is done; a readiness to act is the act
    (
        "The next meeting of the Council of Heads of Government will be held in Dushanbe in 2026.",
        "Hold the next meeting of the Council of Heads of Government in Dushanbe in 2026",
    ),
    (
        "We look forward to the 12th BRICS Youth Summit to be convened in Brasilia in 2025.",
        "Convene the 12th BRICS Youth Summit in Brasilia in 2025",
    ),
    (
        "The member States expressed their readiness to hold joint border exercises in 2027.",
        "Hold joint border exercises in 2027",
    ),
    # an infinitive loses its "to"; "to" as a preposition never starts a title
    (
        "The Ministers agreed to convene the next ASEAN Regional Forum in Vientiane in 2026.",
        "Convene the next ASEAN Regional Forum in Vientiane in 2026",
    ),
    (
        (
            "3. Requests the Chairperson of the Commission:\n"
            "(a) To submit a report on the implementation of the present decision by March 2027;"
        ),
        "Submit a report on the implementation of the present decision by March 2027",
    ),
    (
        (
            "The leaders called for ensuring equitable access of developing countries to digital"
            " markets."
        ),
        "Call for ensuring equitable access of developing countries to digital markets",
    ),
    (
        "1. Promoting fair access of small farmers to regional markets and credit;",
        "Promote fair access of small farmers to regional markets and credit",
    ),
    # "the need for", "the importance of": the act they name
    (
        "The sides noted the need for the adoption of a joint plan against cybercrime.",
        "Adopt a joint plan against cybercrime",
    ),
    (
        (
            "The heads of delegation stressed the importance of establishing a regional early"
            " warning centre."
        ),
        "Establish a regional early warning centre",
    ),
    (
        "The parties pointed out the importance of joining efforts to curb drug trafficking.",
        "Join efforts to curb drug trafficking",
    ),
    (
        (
            "The Council underlined the need for swiftly deploying the observer mission to the"
            " border region."
        ),
        "Swiftly deploy the observer mission to the border region",
    ),
    # a noun of action becomes its verb
    (
        "The sides supported the holding of its next meeting in Bishkek.",
        "Hold its next meeting in Bishkek",
    ),
    (
        "The Ministers agreed on the early signing of the agreement on customs cooperation.",
        "Sign the agreement on customs cooperation",
    ),
    (
        (
            "5. Reiterates its request to the Chairperson of the Commission to report on the"
            " mission every six months;"
        ),
        "Request the Chairperson of the Commission to report on the mission every six months",
    ),
    # "our commitment to", "We will", "We are committed to"
    (
        "We reaffirm our commitment to strengthening the New Development Bank.",
        "Strengthen the New Development Bank",
    ),
    (
        "We will expand trade in local currencies among BRICS countries.",
        "Expand trade in local currencies among BRICS countries",
    ),
    (
        "We are committed to its timely ratification by all member States.",
        "Commit to its timely ratification by all member States",
    ),
    # a verb that asks others to act keeps them; an aside before the infinitive goes
    (
        (
            "The Assembly requested the Commission to prepare a roadmap for the African Continental"
            " Free Trade Area."
        ),
        "Request the Commission to prepare a roadmap for the African Continental Free Trade Area",
    ),
    (
        (
            "7. Decides, in view of the situation in the region, to extend the mandate of the"
            " mission until 31 December 2027;"
        ),
        "Extend the mandate of the mission until 31 December 2027",
    ),
]


@pytest.mark.parametrize(("text", "title"), CASES, ids=[t for _, t in CASES])
def test_a_title_is_the_act_as_an_instruction(text: str, title: str) -> None:
    assert title in titles(text + "\n")


#: What a title never opens with: an infinitive's "to", a determiner, a pronoun.
NOT_A_VERB = re.compile(r"^(?:To|The|A|An|Its|Their|Our|This|These|Those|It|They|We)\b")


@pytest.mark.parametrize(
    "text",
    [
        # "to" after a noun is a preposition ("access to", "with regard to")
        "They reaffirmed their rejection of double standards with regard to terrorist groups.",
        "The Ministers welcomed the convening of the next ASEAN Summit in Kuala Lumpur.",
        "We look forward to the elaboration of a regional strategy on migration by the Commission.",
        (
            "The sides noted the importance of passing a joint appeal to young people at the"
            " upcoming summit."
        ),
        # a list item cut after its verb: the item's verb is put back
        (
            "4. Encourages Member States to continue:\n(a) Achieving food security and well-being"
            " for all;"
        ),
    ],
)
def test_no_title_opens_with_to_a_determiner_or_a_pronoun(text: str) -> None:
    found = titles(text + "\n")
    assert found
    for title in found:
        assert not NOT_A_VERB.match(title), title
        first = title.split()[0].lower().strip(",")
        assert not first.endswith("ing") or verb_of(first) is None, title


def test_a_gerund_that_is_a_noun_is_no_verb() -> None:
    assert verb_of("passing") == "pass"
    assert verb_of("realizing") == "realize"
    assert verb_of("peacebuilding") is None
    assert verb_of("capacity-building") is None


def test_every_noun_of_action_names_a_verb_the_grammar_reads() -> None:
    for noun, verb in NOMINAL_VERBS.items():
        assert NOMINAL_ACT.match(f"the {noun} of the plan"), noun
        assert verb.isalpha() and verb.islower(), verb
