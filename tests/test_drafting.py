"""draft: one proposal per undertaking (undertakings.clauses), in every diplomatic style."""

from __future__ import annotations

import pytest

from conftest import BEIJING_TEXT, FROZEN_FILE, ROOT
from sco_tracker.sources.drafting import draft, guess_due, guess_source_date
from sco_tracker.sources.evaluation import evaluate, minimal_reading, read_labels
from sco_tracker.sources.sentences import split
from sco_tracker.sources.text import paragraphs
from sco_tracker.sources.undertakings import clauses
from sco_tracker.spec.project import load_project

BEIJING = "beijing-2018-05-22"
LABELS = ROOT / "tests" / "data" / "labels"
MEMBERS = ["china", "india", "kazakhstan", "kyrgyzstan", "pakistan", "russia", "tajikistan"]
MEMBERS.append("uzbekistan")


def beijing_draft():  # type: ignore[no-untyped-def]
    project = load_project(FROZEN_FILE)
    text = BEIJING_TEXT.read_text(encoding="utf-8")
    result = draft(
        text,
        "beijing-redraft",
        parties={k: v.kind.value for k, v in project.parties.items()},
        party_names={k: v.name for k, v in project.parties.items()},
        events={k: v.place for k, v in project.events.items()},
    )
    curated = [c for c in project.commitments if c.source == BEIJING]
    return project, result, curated


def test_beijing_recall_and_precision_against_the_curated_commitments() -> None:
    _, result, curated = beijing_draft()
    assert len(curated) == 24
    score = evaluate(read_labels(LABELS / f"{BEIJING}.yaml").undertakings, result.commitments)
    # Measured: 22 of 24 found, 22 proposals all right. Missed: "as well as an action
    # programme ..." (paragraph 15, a noun phrase after "the importance of") and "drafting
    # universal regulations ..." (paragraph 30, a second gerund after "called for").
    assert score.recall >= 0.9, [m.text for m in score.missed]
    assert score.precision >= 0.9, [p.quote for p in score.false_proposals]


#: Floors, measured on the minimal reading of the corpus (benchmarks/drafting.py prints the
#: figures): they catch a regression, they are not the targets.
FLOORS = {
    "A_RES_80_5": (0.88, 0.80),
    "A_RES_80_9": (0.95, 0.85),
    "A_RES_80_11": (0.90, 0.85),
    "A_RES_80_12": (0.90, 0.90),
    "A_RES_80_16": (1.0, 1.0),
    "A_RES_80_36": (0.90, 0.95),
}


@pytest.mark.parametrize("doc", sorted(FLOORS))
def test_corpus_recall_and_precision_do_not_fall(doc: str) -> None:
    labels = read_labels(LABELS / f"{doc}.yaml")
    text = minimal_reading((ROOT / labels.source).read_text(encoding="utf-8"))
    score = evaluate(labels.undertakings, draft(text, doc, parties={}).commitments)
    recall, precision = FLOORS[doc]
    assert score.recall >= recall, [m.text for m in score.missed]
    assert score.precision >= precision, [p.quote for p in score.false_proposals]


def test_every_undertaking_a_proposal_and_every_other_sentence_an_exclusion() -> None:
    _, result, _ = beijing_draft()
    text = BEIJING_TEXT.read_text(encoding="utf-8")
    sentences = [s for para in paragraphs(text) for s in split(para)]
    expected = sum(len(clauses(s.text)) for s in sentences)
    assert len(result.commitments) == expected
    assert len(result.exclusions) == sum(1 for s in sentences if not clauses(s.text))


def test_paragraph_28_gives_four_proposals_each_quoting_its_own_infinitive() -> None:
    _, result, _ = beijing_draft()
    quotes = [c.quote for c in result.commitments if c.paragraph == 28]
    assert len(quotes) == 4
    assert quotes[0].startswith("The sides agreed to continue maintaining effective border")
    assert quotes[1].startswith("to exchange information on suspected accomplices")
    assert quotes[3].startswith("to prevent the movements of foreign terrorist fighters")
    assert {c.strength for c in result.commitments if c.paragraph == 28} == {"agree to"}


def test_strengths_are_written_in_the_present() -> None:
    _, result, _ = beijing_draft()
    strengths = {c.strength for c in result.commitments}
    assert "call for" in strengths and "agree to" in strengths
    assert not any(s.split()[0].endswith("ed") for s in strengths), strengths


def test_every_proposal_says_why_it_was_made() -> None:
    _, result, _ = beijing_draft()
    assert all("subject" in c.why and "verb" in c.why for c in result.commitments)


def test_parties_are_the_speakers_unless_the_subject_names_some() -> None:
    parties = {**dict.fromkeys(MEMBERS, "member_state"), "rats": "sco_body"}
    names = {p: p.capitalize() for p in MEMBERS}
    names["rats"] = "SCO Regional Anti-Terrorist Structure (RATS)"
    result = draft(
        "The sides agreed to meet in May 2019. Russia and China agreed to exchange data. The SCO "
        "Regional Anti-Terrorist Structure will report.\n",
        "x",
        parties=parties,
        party_names=names,
    )
    assert [s.parties for s in result.commitments] == [MEMBERS, ["china", "russia"], ["rats"]]


def test_a_general_assembly_resolution_speaks_for_the_assembly_as_a_new_draft_party() -> None:
    text = (
        "United Nations\n"
        "The General Assembly,\n"
        "Recalling its resolution 75/240 of 31 December 2020,\n"
        "1. Requests the Secretary-General to submit a report to the General Assembly at its "
        "eighty-first session;\n"
    )
    members = {"china": "member_state", "india": "member_state"}
    result = draft(text, "x", parties=members)
    (c,) = result.commitments
    assert c.parties == ["united-nations-general-assembly"]
    assert result.party_groups == {}  # no group guessed from the file's other parties
    assert [p.as_dict() for p in result.parties] == [
        {
            "id": "united-nations-general-assembly",
            "name": "United Nations General Assembly",
            "kind": "body",
            "draft": True,
        }
    ]
    assert c.addressees == ["the Secretary-General"]
    assert c.strength == "requests"
    assert (c.kind, c.due) == ("deliverable", "2026-09")


def test_the_speaker_already_in_the_file_is_used() -> None:
    text = (
        "The General Assembly,\n1. Requests the Secretary-General to submit a report to the"
        " General Assembly at its eighty-first session;\n"
    )
    parties = {"china": "member_state", "unga": "body"}
    names = {"china": "China", "unga": "General Assembly"}
    result = draft(text, "x", parties=parties, party_names=names)
    assert result.parties == []
    assert [c.parties for c in result.commitments] == [["unga"]]


def test_we_the_states_members_is_a_new_group_of_states() -> None:
    text = (
        "1. We, the States Members of the United Nations, welcome the fifteenth anniversary.\n"
        "2. We commit to eradicate poverty in all its forms.\n"
    )
    result = draft(text, "x", parties={"china": "member_state"})
    assert [(p.id, p.name, p.kind) for p in result.parties] == [
        ("states-members-united-nations", "States Members of the United Nations", "group_of_states")
    ]
    assert result.commitments[0].parties == ["states-members-united-nations"]


def test_themes_come_from_the_document_headings() -> None:
    text = (
        "Poverty eradication\n"
        "We commit to eradicate poverty in all its forms.\n"
        "We will strengthen social protection systems.\n"
    )
    result = draft(text, "x", parties={})
    assert [c.theme for c in result.commitments] == ["Poverty eradication"] * 2


def test_a_heading_wins_over_the_keywords_of_its_sentences_and_a_dateline_is_none() -> None:
    # "economic" and "summit" are keywords of themes; the document's own heading says better
    text = (
        "Kazan Declaration\n"
        "Kazan, 23 October 2024\n"
        "Strengthening multilateralism\n"
        "We commit to strengthening our economic and financial cooperation.\n"
        "We agree to hold the next summit in Brazil in 2025.\n"
    )
    result = draft(text, "x", parties={}, title="Kazan Declaration")
    assert [c.theme for c in result.commitments] == ["Strengthening multilateralism"] * 2
    without = draft("We agree to hold the next summit in Brazil in 2025.\n", "x", parties={})
    assert [c.theme for c in without.commitments] == ["Institutional"]


def test_due_from_dates_and_events() -> None:
    assert guess_due(
        "supported plans to hold the Group's next meeting in May 2018 in Beijing", {}
    ) == ("2018-05", None)
    assert guess_due("agreed to report by 31 December 2019", {})[0] == "2019-12-31"
    assert guess_due("agreed to act in 2019", {})[0] == "2019"
    assert guess_due("to halve poverty by 2030", {})[0] == "2030"
    assert guess_due("at its eighty-first session", {})[0] == "2026-09"
    due, event = guess_due(
        "noted the importance of passing it at the upcoming SCO summit in Qingdao", {}
    )
    assert due == "qingdao-summit" and event is not None and event.title == "Qingdao summit"
    assert guess_due(
        "at the upcoming SCO summit in Qingdao", {"qingdao-summit": "Qingdao, China"}
    ) == ("qingdao-summit", None)
    assert guess_due("for 2019-2021", {}) == (None, None)


def test_source_date_from_the_first_paragraph() -> None:
    text = BEIJING_TEXT.read_text(encoding="utf-8")
    assert str(guess_source_date(text)) == "2018-05-22"


def test_passive_called_on_and_praise_of_results_are_not_undertakings() -> None:
    assert clauses("Both documents are called on to prevent young people from joining.") == []
    assert clauses("They noted the importance of the results of the Congress in Sochi.") == []
    assert clauses("They noted the importance of passing a joint appeal.") != []


def test_a_resolution_masthead_is_no_theme_and_titles_are_cut_between_words() -> None:
    from tests.conftest import ROOT

    from sco_tracker.sources.intake import take

    text = take(ROOT / "tests" / "data" / "corpus" / "A_RES_80_16.md").text
    title = "Open-ended Working Group on Security of and in the Use of ICTs 2021-2025"
    result = draft(text, "a-res-80-16", parties={}, title=title)
    assert result.commitments
    themes = {c.theme for c in result.commitments}
    assert themes == {title}, themes
    for c in result.commitments:
        assert len(c.title) <= 160
        if c.title.endswith("…"):
            last = c.title[:-1].rsplit(" ", 1)[-1]
            assert last not in ("in", "of", "the", "and", "to"), c.title


def test_shorten_keeps_short_titles_and_cuts_between_words() -> None:
    from sco_tracker.sources.proposals import shorten

    short = "Hold the next meeting of the Council of Heads of State in the Kyrgyz Republic in 2019"
    assert shorten(short, 160) == short
    long = "Support the SCO-Afghanistan Contact Group " + "in its work on security " * 8
    cut = shorten(long.strip(), 120)
    assert cut.endswith("…") and len(cut) <= 120
    assert long.startswith(cut[:-1]) and long[len(cut) - 1] == " "
    assert cut[:-1].rsplit(" ", 1)[-1] not in ("in", "its", "on")


# --- Who is asked to act: the file's party, an article or an acronym aside ---------------------

_BODIES = {
    "rats": "SCO Regional Anti-Terrorist Structure (RATS)",
    "cica": "The Conference on Interaction and Confidence-Building Measures in Asia (CICA)",
    "sco-secretariat": "SCO Secretariat",
}


@pytest.mark.parametrize(
    ("sentence", "addressees"),
    [
        ("We called on the SCO Regional Anti-Terrorist Structure to step up its work.", ["rats"]),
        ("We requested the RATS to prepare a report on foreign terrorist fighters.", ["rats"]),
        ("We invited the Regional Anti-Terrorist Structure to hold an exercise.", ["rats"]),
        (
            (
                "We called on the Conference on Interaction and Confidence-Building Measures in"
                " Asia to continue its dialogue."
            ),
            ["cica"],
        ),
        ("We invited CICA to continue its dialogue.", ["cica"]),
        ("We instructed the SCO Secretariat to prepare a report.", ["sco-secretariat"]),
        (
            (
                "We called on the experts of the Regional Anti-Terrorist Structure and their"
                " partners to meet."
            ),
            ["the experts of the Regional Anti-Terrorist Structure and their partners"],
        ),
    ],
)
def test_addressees_are_the_files_parties(sentence: str, addressees: list[str]) -> None:
    from sco_tracker.sources.drafting import draft

    members = {"china": "member_state", "russia": "member_state"}
    kinds = {**members, **dict.fromkeys(_BODIES, "sco_body")}
    result = draft(sentence, "x", parties=kinds, party_names=_BODIES)
    (stub,) = result.commitments
    assert stub.addressees == addressees
