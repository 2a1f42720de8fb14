"""The document's own paragraph numbers, addressees, party groups, `due: unspecified` and the
review decisions, on the made-up UN resolution added to a copy of the frozen file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import edit, line_of
from sco_tracker.cli.app import cli
from sco_tracker.problems import InvalidFile, UserError
from sco_tracker.sources.paragraphs import canonical, labels, nearest, shown
from sco_tracker.sources.text import paragraphs
from sco_tracker.spec import codes, reviewing
from sco_tracker.spec.project import load_project
from sco_tracker.spec.validation import validate_file
from sco_tracker.tracking.checks import FindingKind, evaluate
from un_resolution import CONSULT, REPORT, SOURCE, TERRORISM, TEXT, add_resolution

TODAY = date(2025, 1, 1)


@pytest.fixture
def un_dir(project_dir: Path) -> Path:
    add_resolution(project_dir)
    return project_dir


@pytest.fixture
def drafts_dir(project_dir: Path) -> Path:
    add_resolution(project_dir, draft=True)
    return project_dir


def problems(folder: Path, code: codes.Code) -> list[str]:
    result = validate_file(str(folder / "commitments.yaml"), today=TODAY)
    return [str(p) for p in result.problems + result.warnings if p.code == code.code]


# -- the document's own paragraph numbers ---------------------------------------------------------
def test_labels_of_a_resolution_with_sub_paragraphs_and_an_annex() -> None:
    found = labels(paragraphs(TEXT.read_text(encoding="utf-8")))
    assert found == {
        "1": 5,
        "2": 6,
        "3": 7,
        "3 (a)": 8,
        "3 (b)": 9,
        "4": 10,
        "5": 11,
        "6": 12,
        "annex 1": 15,
        "annex 2": 16,
    }


def test_roman_sub_sub_paragraphs_and_letter_i() -> None:
    lines = ["1. Decides:", "(a) to", "(i) first", "(ii) second", "(b) then"]
    assert labels(lines) == {"1": 1, "1 (a)": 2, "1 (a) (i)": 3, "1 (a) (ii)": 4, "1 (b)": 5}
    letters = ["2. Asks:", *[f"({c}) item" for c in "abcdefghij"]]
    assert labels(letters)["2 (i)"] == 10  # (i) after (h) is a letter, not a roman one


def test_a_sentence_that_starts_with_a_year_is_not_numbered() -> None:
    assert labels(["2018 was a year of cooperation.", "Annex to the report"]) == {}


@pytest.mark.parametrize(
    ("written", "canon", "label"),
    [
        ("5", "5", "paragraph 5"),
        ("5.", "5", "paragraph 5"),
        ("paragraph 5", "5", "paragraph 5"),
        ("Annex 13(a)", "annex 13 (a)", "annex paragraph 13 (a)"),
        ("annex paragraph 13", "annex 13", "annex paragraph 13"),
        ("Annex ii 4", "annex II 4", "annex II paragraph 4"),
    ],
)
def test_how_labels_are_written_and_shown(written: str, canon: str, label: str) -> None:
    assert (canonical(written), shown(written)) == (canon, label)


def test_nearest_labels_are_nearest_in_number_within_the_same_part() -> None:
    known = {"1": 1, "2": 2, "annex 1": 4, "annex 2": 5}
    assert nearest("annex 5", known)[:2] == ["annex 2", "annex 1"]
    assert nearest("9", known)[:2] == ["2", "1"]


def test_a_label_resolves_to_its_line(un_dir: Path) -> None:
    project = load_project(un_dir / "commitments.yaml", today=TODAY)
    report = project.commitment(REPORT)
    assert report is not None
    assert (report.paragraph, report.line) == ("5", 11)
    assert project.place(report.source, report.paragraph) == "paragraph 5"
    consult = project.commitment(CONSULT)
    assert consult is not None
    assert project.place(consult.source, consult.paragraph) == "annex paragraph 2"


def test_a_line_is_named_by_its_printed_number_or_as_a_line(un_dir: Path) -> None:
    """One name per place: in a resolution that numbers its paragraphs, an unnumbered line (the
    preamble) is "line N" and a numbered one its own number; a document that numbers none
    calls its lines paragraphs."""
    project = load_project(un_dir / "commitments.yaml", today=TODAY)
    report = project.commitment(REPORT)
    assert report is not None
    assert project.place(report.source, 11) == "paragraph 5"
    assert project.place(report.source, 1) == "line 1"
    assert project.place(report.source, "1") == "paragraph 1"
    beijing = next(c for c in project.commitments if c.source == "beijing-2018-05-22")
    assert project.place(beijing.source, 28) == "paragraph 28"
    assert project.place("no-such-source", 3) == "paragraph 3"
    assert project.place(report.source, None) is None


def test_a_quote_under_the_wrong_label_points_at_the_line_of_the_text(un_dir: Path) -> None:
    edit(un_dir / "commitments.yaml", 'paragraph: "annex 2"', 'paragraph: "annex 1"')
    [message] = problems(un_dir, codes.QUOTE_MISMATCH)
    assert message.endswith(
        "the quote is not in annex paragraph 1 of source 'un-sco-cooperation-2019' "
        "(sources/un-sco-cooperation-resolution-TEST-DATA.txt:15); it is in annex paragraph 2 "
        "(line 16)"
    )


def test_an_exclusion_may_name_a_label(un_dir: Path) -> None:
    text = (un_dir / "commitments.yaml").read_text(encoding="utf-8")
    (un_dir / "commitments.yaml").write_text(
        text + '  - {source: un-sco-cooperation-2019, paragraph: "6", reason: procedural}\n'
        '  - {source: un-sco-cooperation-2019, paragraph: "7", reason: procedural}\n',
        encoding="utf-8",
    )
    [message] = problems(un_dir, codes.UNKNOWN_PARAGRAPH)
    assert "has no paragraph numbered '7'; the nearest are: '6', '5'" in message
    line = line_of(un_dir / "commitments.yaml", 'paragraph: "7"')
    assert f"commitments.yaml:{line}:" in message


# -- addressees, party groups --------------------------------------------------------------------
def test_an_addressee_close_to_a_party_id_is_a_warning(un_dir: Path) -> None:
    edit(
        un_dir / "commitments.yaml",
        "addressees: [un-secretary-general]",
        "addressees: [un-secretary-generel, UN Secretariat]",
    )
    [message] = problems(un_dir, codes.ADDRESSEE_LIKE_PARTY)
    assert "warning: addressee 'un-secretary-generel' is not a party id but is close to " in message


def test_a_group_is_expanded_in_parties_and_in_assessments(un_dir: Path) -> None:
    path = un_dir / "commitments.yaml"
    edit(
        path,
        "    review_every: 1 year\n    status: in_progress\n",
        "    review_every: 1 year\n    status: in_progress\n    assessments:\n"
        "      - {party: sco-members, score: 0, window: final-2019, date: 2019-06-10, "
        "source: https://example.org/evidence}\n",
    )
    project = load_project(path, today=TODAY)
    c = project.commitment(TERRORISM)
    assert c is not None
    assert len(c.parties) == 8 and "sco-members" not in c.parties
    assert sorted(a.party for a in c.assessments) == sorted(c.parties)


def test_a_group_scored_on_a_commitment_of_other_parties(un_dir: Path) -> None:
    edit(
        un_dir / "commitments.yaml",
        "    due: unspecified\n    status: planned\n",
        "    due: unspecified\n    status: planned\n    assessments:\n"
        "      - {party: sco-members, score: n/a, window: final-2019, date: 2018-06-10, "
        "note: not theirs}\n",
    )
    found = problems(un_dir, codes.ASSESSED_NON_PARTY)
    assert found and "'china' (of group 'sco-members') is not among the parties" in found[0]


def test_the_lead_must_be_among_the_expanded_parties(un_dir: Path) -> None:
    edit(
        un_dir / "commitments.yaml",
        "    parties: [sco-members]\n",
        "    parties: [sco-members]\n    lead: russia\n",
    )
    assert problems(un_dir, codes.LEAD_NOT_PARTY) == []
    edit(un_dir / "commitments.yaml", "    lead: russia\n", "    lead: un\n")
    assert len(problems(un_dir, codes.LEAD_NOT_PARTY)) == 1


# -- due: unspecified ------------------------------------------------------------------------------
def test_unspecified_is_undated_with_its_reason_and_never_overdue(un_dir: Path) -> None:
    project = load_project(un_dir / "commitments.yaml", today=TODAY)
    [ev] = [e for e in evaluate(project, date(2030, 1, 1)) if e.id == REPORT]
    assert ev.due.end is None and ev.due.unspecified
    assert [(f.kind, f.message) for f in ev.findings] == [
        (FindingKind.undated, "the document gives no date"),
        (
            FindingKind.stale,
            f"no update for {(date(2030, 1, 1) - date(2019, 12, 12)).days} days (since 2019-12-12)",
        ),
    ]


# -- the review decisions --------------------------------------------------------------------------
def _draft(folder: Path, key: str) -> reviewing.Draft:
    project = load_project(folder / "commitments.yaml", today=TODAY)
    return next(d for d in reviewing.drafts(project, SOURCE) if d.key[0] == key)


def test_accepting_removes_only_the_draft_line(drafts_dir: Path) -> None:
    path = drafts_dir / "commitments.yaml"
    before = path.read_text(encoding="utf-8")
    reviewing.accept(path, _draft(drafts_dir, REPORT))
    after = path.read_text(encoding="utf-8")
    assert len(after.splitlines()) == len(before.splitlines()) - 1
    assert after == before.replace(
        "    status: planned\n    draft: true\n", "    status: planned\n", 1
    )


def test_an_edit_outside_the_entry_is_refused(drafts_dir: Path) -> None:
    path = drafts_dir / "commitments.yaml"
    before = path.read_text(encoding="utf-8")
    draft = _draft(drafts_dir, REPORT)
    text = reviewing.entry_text(path, draft)
    with pytest.raises(InvalidFile) as caught:
        reviewing.replace(path, draft, text.replace("due: unspecified", "due: soon-ish"))
    assert "unknown event 'soon-ish'" in str(caught.value.problems)
    with pytest.raises(UserError, match="one mapping of keys to values"):
        reviewing.replace(path, draft, "- just a list\n")
    assert path.read_text(encoding="utf-8") == before


def test_review_without_an_editor_says_how_to_set_one(
    drafts_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(drafts_dir)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    result = CliRunner().invoke(cli, ["review", "--source", SOURCE], input="e\nq\n")
    assert result.exit_code == 0, result.output
    assert "Set $EDITOR" in result.output
    assert "Nothing written; 3 drafts left to review." in result.output


def test_review_of_an_unknown_source(drafts_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(drafts_dir)
    result = CliRunner().invoke(cli, ["review", "--source", "un-sco-cooperation-2018"])
    assert isinstance(result.exception, UserError)
    assert "did you mean 'un-sco-cooperation-2019'" in result.exception.message


def test_a_draft_exclusion_confirmed_with_another_reason(
    drafts_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = drafts_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + '  - {source: un-sco-cooperation-2019, paragraph: "1", reason: procedural,'
        " draft: true}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(drafts_dir)
    # skip the three commitments, then exclude the exclusion as praise, with a note
    result = CliRunner().invoke(
        cli, ["review", "--source", SOURCE], input="s\ns\ns\nx\n1\nIt praises past work\n"
    )
    assert result.exit_code == 0, result.output
    assert (
        "Draft 4 of 4: exclusion (procedural), source 'un-sco-cooperation-2019', paragraph 1"
        in result.output
    )
    project = load_project(path, today=TODAY)
    [x] = [x for x in project.exclusions if x.source == SOURCE]
    assert (x.reason.value, x.note, x.draft) == (
        "praise_of_past_event",
        "It praises past work",
        False,
    )
