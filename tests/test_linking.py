"""Links from a new document to the commitments already tracked (sources/linking.py), and the
draft updates they propose (model, validation, checks, review), on real examples."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sco_tracker.sources.draftfile import draft_beside, sentences_of
from sco_tracker.sources.linking import NewDocument, Tracked, link, segments
from sco_tracker.sources.linkwords import dates_named, stem
from sco_tracker.spec.project import load_project
from sco_tracker.spec.reviewing import accept, drafts, drop
from sco_tracker.spec.validation import validate_file
from sco_tracker.tracking.checks import evaluate

DATA = Path(__file__).resolve().parent / "data"
BEIJING = DATA / "beijing" / "sources" / "sco-security-council-secretaries-2018-05-22-beijing.txt"
MEMBERS = frozenset(
    ["china", "india", "kazakhstan", "kyrgyzstan", "pakistan", "russia", "tajikistan", "uzbekistan"]
)
PARAGRAPH_22 = (
    "They noted the results of the meeting of the SCO-Afghanistan Contact Group (Moscow, 11"
    " October 2017) and supported plans to hold the Group's next meeting in May 2018 in Beijing."
)


def moscow_plan(day: date = date(2017, 10, 11)) -> Tracked:
    return Tracked(
        "afghanistan-contact-group-beijing-2018-plan",
        "Hold the SCO-Afghanistan Contact Group's next meeting in Beijing in early 2018, as China"
        " proposed",
        "in early 2018",
        MEMBERS,
        "moscow-2017-10-11",
        "SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office",
        day,
        "Moscow, Russia",
    )


class _Stub:
    def __init__(self, quote: str, paragraph: int) -> None:
        self.id, self.quote, self.paragraph = "p", quote, paragraph
        self.parties = sorted(MEMBERS)
        self.restates: str | None = None
        self.restates_why = ""


def _beijing(stub: _Stub, plan: Tracked) -> tuple[_Stub, list[object]]:
    doc = NewDocument("beijing-2018-05-22", date(2018, 5, 22), None, MEMBERS, ((22, PARAGRAPH_22),))
    updates = link(doc, [stub], [plan])
    return stub, list(updates)


def test_paragraph_22_restates_the_moscow_plan_and_reports_on_its_meeting() -> None:
    stub, updates = _beijing(
        _Stub("supported plans to hold the Group's next meeting in May 2018 in Beijing", 22),
        moscow_plan(),
    )
    assert stub.restates == "afghanistan-contact-group-beijing-2018-plan"
    assert "names source 'moscow-2017-10-11': Moscow, 11 October 2017" in stub.restates_why
    assert "Beijing" in stub.restates_why and "the same parties" in stub.restates_why
    [update] = updates
    assert update.commitment == "afghanistan-contact-group-beijing-2018-plan"  # type: ignore[attr-defined]
    assert update.date == date(2018, 5, 22)  # type: ignore[attr-defined]
    assert "'noted the results of'" in update.why  # type: ignore[attr-defined]
    assert update.as_dict()["draft"] is True  # type: ignore[attr-defined]


def test_only_an_earlier_commitment_is_linked() -> None:
    stub, updates = _beijing(
        _Stub("supported plans to hold the Group's next meeting in May 2018 in Beijing", 22),
        moscow_plan(date(2018, 5, 22)),  # the same day: not earlier
    )
    assert stub.restates is None and updates == []


def test_the_same_day_in_another_place_names_no_meeting() -> None:
    other = (
        "They noted the results of the meeting of the SCO-Afghanistan Contact Group (Dushanbe,"
        " 11 October 2017) and supported plans to hold the Group's next meeting in May 2018 in"
        " Beijing."
    )
    doc = NewDocument("beijing-2018-05-22", date(2018, 5, 22), None, MEMBERS, ((22, other),))
    stub = _Stub("supported plans to hold the Group's next meeting in May 2018 in Beijing", 22)
    link(doc, [stub], [moscow_plan()])
    assert stub.restates == "afghanistan-contact-group-beijing-2018-plan"  # by its words alone
    assert "names source" not in stub.restates_why


def test_a_plan_to_meet_elsewhere_restates_nothing() -> None:
    stub, _ = _beijing(
        _Stub("supported plans to hold the Group's next meeting in October 2019 in Moscow", 22),
        moscow_plan(),
    )
    assert stub.restates is None


def test_what_a_sentence_reports_on() -> None:
    assert segments(PARAGRAPH_22) == [
        (
            "noted the results of",
            "the meeting of the SCO-Afghanistan Contact Group (Moscow, 11 October 2017)",
        )
    ]
    assert segments("They agreed to hold the next meeting in the Kyrgyz Republic.") == []
    assert dates_named("(Dushanbe, 3-4 May 2018)") == [date(2018, 5, 3), date(2018, 5, 4)]
    assert {stem(w) for w in ("meeting", "meetings", "met")} == {"meet"}
    assert {stem(w) for w in ("approval", "approved", "adopted", "passing")} == {"adopt"}


def test_the_beijing_draft_beside_the_moscow_plan(tmp_path: Path) -> None:
    shutil.copy(DATA / "links" / "moscow-2017.yaml", tmp_path / "commitments.yaml")
    project = load_project(str(tmp_path / "commitments.yaml"))
    text = BEIJING.read_text(encoding="utf-8")
    result = draft_beside(project, text, "beijing-2018-05-22", date(2018, 5, 22))
    linked = [(c.paragraph, c.restates) for c in result.commitments if c.restates]
    assert linked == [(22, "afghanistan-contact-group-beijing-2018-plan")]
    assert [u.commitment for u in result.updates] == ["afghanistan-contact-group-beijing-2018-plan"]
    assert (22, PARAGRAPH_22) in [(n, " ".join(s.split())) for n, s in sentences_of(text)]


# -- draft updates in the file -----------------------------------------------------------------
DRAFT_UPDATE = """    status: planned
    updates:
      # why: reports on it
      - date: 2018-05-22
        status: fulfilled
        note: "In 'beijing-2018-05-22' (paragraph 22): the results of the Moscow meeting were noted"
        draft: true
"""


@pytest.fixture
def with_draft_update(tmp_path: Path) -> Path:
    file = tmp_path / "commitments.yaml"
    text = (DATA / "links" / "moscow-2017.yaml").read_text(encoding="utf-8")
    file.write_text(text.replace("    status: planned\n", DRAFT_UPDATE), encoding="utf-8")
    return file


def test_a_draft_update_is_left_out_of_the_checks(with_draft_update: Path) -> None:
    project = load_project(str(with_draft_update))  # its status disagrees: no error, a draft
    [c] = project.commitments
    assert c.updates == [] and [j for j, _ in c.draft_updates] == [0]
    [ev] = evaluate(project, date(2018, 6, 1))
    assert ev.last_update is None
    result = validate_file(str(with_draft_update))
    assert result.ok
    assert any("the update of 2018-05-22" in w.message for w in result.warnings)
    assert not validate_file(str(with_draft_update), strict=True).ok


def test_review_accepts_a_draft_update(with_draft_update: Path) -> None:
    [d] = [d for d in drafts(load_project(str(with_draft_update))) if d.section == "updates"]
    assert (
        d.what == "update of 2018-05-22 to commitment 'afghanistan-contact-group-beijing-2018-plan'"
    )
    text = with_draft_update.read_text(encoding="utf-8")
    text = text.replace("    status: planned\n", "    status: fulfilled\n")
    with_draft_update.write_text(text, encoding="utf-8")  # the analyst agrees with the status
    [d] = drafts(load_project(str(with_draft_update)))
    accept(with_draft_update, d)
    [c] = load_project(str(with_draft_update)).commitments
    assert [u.date for u in c.updates] == [date(2018, 5, 22)] and c.draft_updates == []


def test_review_drops_a_draft_update(with_draft_update: Path) -> None:
    before = (DATA / "links" / "moscow-2017.yaml").read_text(encoding="utf-8")
    [d] = drafts(load_project(str(with_draft_update)))
    assert drafts(load_project(str(with_draft_update)), "moscow-2017-10-11") == []  # not its source
    drop(with_draft_update, d)
    assert with_draft_update.read_text(encoding="utf-8") == before


def test_review_in_the_cli_offers_drop_for_an_update(with_draft_update: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sco_tracker", "review"],
        cwd=with_draft_update.parent,
        input="d\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Proposed update (a later document reports on it)" in done.stdout, done.stderr
    assert "Dropped update of 2018-05-22" in done.stdout
    assert "draft: true" not in with_draft_update.read_text(encoding="utf-8")


def test_a_report_holding_the_restated_clause_is_the_restatement_only() -> None:
    p13 = (
        "The heads of delegations noted the significance of the SCO Convention on Countering"
        " Extremism, signed 9 June 2017 in Astana, and the approval of a cooperation programme to"
        " fight terrorism, separatism and extremism for 2019-2021 during the upcoming meeting of"
        " the SCO Council of Heads of State in Qingdao, the People's Republic of China."
    )
    quote = (
        "the approval of a cooperation programme to fight terrorism, separatism and extremism for"
        " 2019-2021 during the upcoming meeting of the SCO Council of Heads of State in Qingdao"
    )
    earlier = Tracked(  # the same programme, as if tracked from an earlier announcement
        "qingdao-counter-terrorism-programme",
        "Approve the 2019-2021 cooperation programme against terrorism, separatism and extremism"
        " at the Qingdao summit",
        quote,
        MEMBERS,
        "earlier",
        "An earlier announcement",
        date(2018, 5, 1),
        None,
        "Qingdao summit",
        "Qingdao, China",
    )
    doc = NewDocument("beijing-2018-05-22", date(2018, 5, 22), None, MEMBERS, ((13, p13),))
    stub = _Stub(quote, 13)
    assert link(doc, [stub], [earlier]) == []
    assert stub.restates == "qingdao-counter-terrorism-programme"
