"""What a drafted proposal says: verbs in the present, who is asked to act, recurring deadlines.

The sentences are composed for these tests in the style of SCO decisions and UN resolutions;
none is taken from tests/data/corpus, and the verbs of the tables were chosen from ordinary
English, not from the development documents (drafting is judged on documents it never saw).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sco_tracker.sources.drafting import draft
from sco_tracker.sources.proposals import recurrence
from sco_tracker.sources.undertakings import clauses
from sco_tracker.sources.verbforms import present_of

SCO = {"sco": "organization"}


def drafted(text: str):  # type: ignore[no-untyped-def]
    return draft(text, "test-decision", parties=SCO).commitments


# -- 1. verbs in the present ------------------------------------------------------------------

#: -ing forms and their base forms: each kind of spelling change English makes.
VERBS = [
    ("achieving", "achieve"),  # a silent e dropped
    ("ascertaining", "ascertain"),  # no e to restore
    ("continuing", "continue"),
    ("taking", "take"),
    ("promoting", "promote"),
    ("making", "make"),
    ("running", "run"),  # a doubled consonant
    ("strengthening", "strengthen"),
    ("developing", "develop"),
    ("ensuring", "ensure"),
    ("combating", "combat"),
    ("referring", "refer"),
    ("committing", "commit"),
    ("hoping", "hope"),
    ("stopping", "stop"),
    ("admitting", "admit"),
    ("dying", "die"),  # ie -> y
    ("lying", "lie"),
    ("tying", "tie"),
    ("seeing", "see"),
    ("agreeing", "agree"),  # ee kept
    ("revising", "revise"),
    ("harmonizing", "harmonize"),
    ("reviving", "revive"),
    ("compelling", "compel"),
    ("controlling", "control"),
    ("travelling", "travel"),  # British doubling the lemmatizer misreads ("travell")
    ("traveling", "travel"),
    ("levelling", "level"),
    ("offering", "offer"),
    ("visiting", "visit"),
    ("opening", "open"),
    ("benefiting", "benefit"),
    ("transferring", "transfer"),
    ("occurring", "occur"),
    ("queueing", "queue"),
    # read by the lemmatizer as nouns; as the head of a list item they are verbs
    ("building", "build"),
    ("hearing", "hear"),
    ("briefing", "brief"),
    ("funding", "fund"),
    ("mapping", "map"),
    ("gathering", "gather"),
    ("forging", "forge"),
    ("scaling", "scale"),
    ("undertaking", "undertake"),
]


@pytest.mark.parametrize(("ing", "base"), VERBS)
def test_a_gerund_in_the_present(ing: str, base: str) -> None:
    assert present_of(ing) == base


@pytest.mark.parametrize("word", ["continue", "to", "bring", "sing", "thing", "string"])
def test_a_word_that_is_no_gerund_is_kept(word: str) -> None:
    assert present_of(word) == word


def test_an_unknown_gerund_falls_back_on_the_rule() -> None:
    # not in the lemmatizer's dictionary: the -ing rule (a doubled consonant undone)
    assert present_of("zorbing") == "zorb"
    assert present_of("flimming") == "flim"


@pytest.mark.parametrize(
    ("item", "title"),
    [
        (
            "Achieving a balanced and sustainable development of the region;",
            "Achieve a balanced and sustainable development of the region",
        ),
        (
            "Ascertaining the needs of the member States in the field of food security;",
            "Ascertain the needs of the member States in the field of food security",
        ),
        (
            "Combating the illicit trafficking in narcotic drugs and their precursors;",
            "Combat the illicit trafficking in narcotic drugs and the precursors",
        ),
        (
            "Running joint exercises of the competent authorities on a regular basis;",
            "Run joint exercises of the competent authorities on a regular basis",
        ),
        (
            "Promoting cultural and humanitarian exchanges among the peoples of the region.",
            "Promote cultural and humanitarian exchanges among the peoples of the region",
        ),
    ],
)
def test_the_items_of_a_list_are_titled_in_the_imperative(item: str, title: str) -> None:
    text = (
        "Decision of the Council of Ministers of Foreign Affairs of the Shanghai Cooperation "
        "Organisation\nThe Council of Ministers decided on the following priorities for the "
        f"coming year:\n{item}\n"
    )
    titles = [c.title for c in drafted(text)]
    assert title in titles, titles
    (stub,) = [c for c in drafted(text) if c.title == title]
    assert stub.strength == title.split()[0].lower()


def test_validate_and_run_never_load_the_lemmatizer(project_dir: Path) -> None:
    """Only `draft` pays for the lemmatizer: validate, validate --strict (which reads every
    clause of the sources) and run never import it."""
    code = (
        "import sys\nfrom sco_tracker.cli.app import main\n"
        "for args in (['validate'], ['validate', '--strict'], ['run']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "print('LOADED' if 'simplemma' in sys.modules else 'NOT LOADED', file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=project_dir, capture_output=True, text=True
    )
    assert proc.stderr.strip().splitlines()[-1] == "NOT LOADED", proc.stderr
    assert (project_dir / "reports").is_dir(), proc.stdout + proc.stderr  # run did run


# -- 2. purposes are not addressees -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        (
            (
                "4. Requests the Secretary-General of the Shanghai Cooperation Organisation, with "
                "a view to ensuring the timely preparation of the summit, to submit proposals to "
                "the Council of National Coordinators;"
            ),
            "the Secretary-General of the Shanghai Cooperation Organisation",
        ),
        (
            (
                "6. Invites the member States, in order to deepen regional connectivity, to "
                "exchange information on their transport corridors;"
            ),
            "the member States",
        ),
        (
            (
                "7. Encourages the Regional Anti-Terrorist Structure, so as to prevent the "
                "financing of terrorism, to strengthen its cooperation with the Eurasian Group;"
            ),
            "the Regional Anti-Terrorist Structure",
        ),
        (
            (
                "The sides urged the international community, with a view to a lasting settlement "
                "in Afghanistan, to support the work of the SCO-Afghanistan Contact Group."
            ),
            "the international community",
        ),
    ],
)
def test_a_purpose_is_not_who_is_asked_to_act(sentence: str, who: str) -> None:
    (clause,) = clauses(sentence)  # the purpose's "to" does not start an undertaking of its own
    assert clause.addressees == (who,)
    assert clause.text.rstrip(";.").endswith(sentence.rstrip(";.").split(", to ")[-1])


def test_a_purpose_is_not_the_title() -> None:
    (stub,) = drafted(
        "5. Requests the SCO Secretariat, with a view to strengthening coordination among the "
        "member States, to prepare a plan of joint events for the next meeting in the Kyrgyz "
        "Republic;\n"
    )
    assert stub.addressees == ["the SCO Secretariat"]
    assert stub.kind == "deliverable"  # "prepare" is the act, however long the purpose before it
    assert stub.title == (
        "Request the SCO Secretariat to prepare a plan of joint events for the next meeting "
        "in the Kyrgyz Republic"
    )


def test_addressees_without_a_purpose_are_as_before() -> None:
    (clause,) = clauses(
        "3. Calls upon the member States and the observer States to implement the Programme of "
        "Cooperation;"
    )
    assert clause.addressees == ("the member States", "the observer States")


# -- 3. recurring deadlines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "cadence"),
    [
        ("to submit a report by 30 April annually", "1 year"),
        ("to inform the member States every year by 1 March", "1 year"),
        ("to review the Programme each year", "1 year"),
        ("to report by 1 June of each year", "1 year"),
        ("to report on a yearly basis", "1 year"),
        ("to report by 30 April 2027 and annually thereafter", "1 year"),
        ("to hold consultations every two years", "2 years"),
        ("to hold consultations every 3 years", "3 years"),
        ("to report biennially", "2 years"),
        ("to meet twice a year", "6 months"),
        ("to meet every six months", "6 months"),
        ("to report quarterly", "3 months"),
        ("to brief the member States monthly", "1 month"),
    ],
)
def test_recurring_phrases(phrase: str, cadence: str) -> None:
    assert recurrence(phrase) == cadence


@pytest.mark.parametrize(
    "phrase",
    [
        "to submit a report by 30 April 2027",
        "to hold the next meeting in the Kyrgyz Republic in 2019",
        "to mark the anniversary of the Charter",
        "the annual report of the Secretary-General",  # a noun: what, not when
        "to continue the yearly exchange of information",
        "to halve poverty in two years",
    ],
)
def test_one_off_phrases_are_not_recurring(phrase: str) -> None:
    assert recurrence(phrase) is None


@pytest.mark.parametrize(
    ("paragraph", "cadence"),
    [
        (
            (
                "8. Requests the SCO Secretariat to submit a report on the implementation of the "
                "present decision to the Council of Ministers of Foreign Affairs by 30 April "
                "annually;"
            ),
            "1 year",
        ),
        (
            (
                "9. Requests the Regional Anti-Terrorist Structure to submit to the Council a "
                "report on its activities by 31 March 2027 and every year thereafter;"
            ),
            "1 year",
        ),
        (
            (
                "10. Decides to hold the meeting of the heads of the border services every two "
                "years;"
            ),
            "2 years",
        ),
    ],
)
def test_a_recurring_deadline_is_drafted_as_recurring(paragraph: str, cadence: str) -> None:
    (stub,) = drafted(paragraph + "\n")
    assert (stub.kind, stub.due, stub.review_every) == ("continuous", None, cadence)
    assert "recurring" in stub.why


def test_a_one_off_deadline_is_still_a_deliverable() -> None:
    (stub,) = drafted(
        "8. Requests the SCO Secretariat to submit a report on the implementation of the present "
        "decision to the Council of Ministers of Foreign Affairs by 30 April 2027;\n"
    )
    assert (stub.kind, stub.due, stub.review_every) == ("deliverable", "2027-04-30", None)
    assert "recurring" not in stub.why


# -- found on the way: a chapeau and a doubled preposition ------------------------------------


def test_a_chapeau_agreed_on_is_no_undertaking_and_what_is_agreed_on_is_the_title() -> None:
    assert (
        clauses("The member States agreed on the following priorities for the coming year:") == []
    )
    (stub,) = drafted(
        "The sides agreed on holding joint anti-terrorist exercises of the competent authorities "
        "in 2027.\n"
    )
    assert stub.title == "Hold joint anti-terrorist exercises of the competent authorities in 2027"
    assert stub.strength == "agree on"
    (stub,) = drafted("The ministers agreed upon the establishment of a working group on energy.\n")
    assert stub.title == "Establish a working group on energy"
    assert stub.strength == "agree upon"
