"""draft against the curated commitments of the Beijing communiqué: recall and precision."""

from __future__ import annotations

from conftest import BEIJING_TEXT, FROZEN_FILE
from sco_tracker.sources.drafting import draft, guess_due, guess_source_date, recall_precision
from sco_tracker.sources.undertakings import find_cue
from sco_tracker.spec.project import load_project

BEIJING = "beijing-2018-05-22"


def beijing_draft():  # type: ignore[no-untyped-def]
    project = load_project(FROZEN_FILE)
    text = BEIJING_TEXT.read_text(encoding="utf-8")
    result = draft(
        text,
        "beijing-redraft",
        parties={k: v.kind.value for k, v in project.parties.items()},
        events={k: v.place for k, v in project.events.items()},
    )
    curated = [c for c in project.commitments if c.source == BEIJING]
    return project, result, curated


def test_recall_of_the_curated_commitments_is_at_least_90_percent() -> None:
    project, result, curated = beijing_draft()
    figures = recall_precision(result.commitments, curated, project.paragraphs[BEIJING])
    assert len(curated) == 24
    assert figures["recall"] >= 0.90, figures["missed"]
    # Measured on 2026-11-27: 24 of 24 recalled; 19 of 20 stubs correct. The false stub is
    # paragraph 8, sentence 5 ("These challenges ... call for elaborating joint ... approaches"),
    # whose subject is the challenges, not the sides.
    assert figures["recalled"] == 24
    assert figures["precision"] >= 0.9
    assert [p for p, _, _ in figures["false_stubs"]] == [8]


def test_every_sentence_gets_exactly_one_stub() -> None:
    _, result, _ = beijing_draft()
    assert len(result.commitments) + len(result.exclusions) == 48


def test_strength_theme_and_due_agree_with_the_curated_commitments() -> None:
    from sco_tracker.sources.sentences import sentence_at, split
    from sco_tracker.sources.text import locate

    project, result, curated = beijing_draft()
    paras = project.paragraphs[BEIJING]
    same = {"strength": 0, "theme": 0, "due": 0}
    for c in curated:
        para = paras[c.paragraph - 1]
        index = sentence_at(split(para), *locate(c.quote, para))[0].index  # type: ignore[misc]
        stub = next(
            s for s in result.commitments if (s.paragraph, s.sentence) == (c.paragraph, index)
        )
        same["strength"] += stub.strength == c.strength
        same["theme"] += stub.theme == c.theme
        same["due"] += stub.due == c.due
    # Measured: 24, 24 and 23 of 24; the due of the next Secretaries' meeting ("in the Kyrgyz
    # Republic", no date or summit named) is not guessed.
    assert same == {"strength": 24, "theme": 24, "due": 23}


def test_parties_default_to_all_members_and_named_states_narrow_them() -> None:
    members = dict.fromkeys(
        [
            "china",
            "india",
            "kazakhstan",
            "kyrgyzstan",
            "pakistan",
            "russia",
            "tajikistan",
            "uzbekistan",
        ],
        "member_state",
    )
    parties = {**members, "rats": "sco_body"}
    result = draft(
        "The sides agreed to meet. Russia and China agreed to exchange data. The SCO Regional "
        "Anti-Terrorist Structure will report.\n",
        "x",
        parties=parties,
    )
    assert [s.parties for s in result.commitments] == [list(members), ["china", "russia"], ["rats"]]


def test_due_from_dates_and_events() -> None:
    assert guess_due(
        "supported plans to hold the Group's next meeting in May 2018 in Beijing", {}
    ) == ("2018-05", None)
    assert guess_due("agreed to report by 31 December 2019", {})[0] == "2019-12-31"
    assert guess_due("agreed to act in 2019", {})[0] == "2019"
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
    assert find_cue("Both documents are called on to prevent young people from joining.") is None
    assert find_cue("They noted the importance of the results of the Congress in Sochi.") is None
    assert find_cue("They noted the importance of passing a joint appeal.") is not None
