"""Links from a new document to the commitments already tracked (sources/linking.py), and the
draft updates they propose (model, validation, checks, review), on real examples."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from sco_tracker.sources.draftfile import draft_beside, sentences_of
from sco_tracker.sources.linking import NewDocument, Tracked, link, segments
from sco_tracker.sources.linkwords import dates_named, occasion_held, occasion_name, stem
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


def test_only_a_commitment_of_that_day_or_earlier_is_linked() -> None:
    stub, updates = _beijing(
        _Stub("supported plans to hold the Group's next meeting in May 2018 in Beijing", 22),
        moscow_plan(date(2018, 5, 23)),  # the day after: not earlier
    )
    assert stub.restates is None and updates == []
    # the same day (a press release of the meeting beside its communiqué): the same undertaking
    stub, _ = _beijing(
        _Stub("supported plans to hold the Group's next meeting in May 2018 in Beijing", 22),
        moscow_plan(date(2018, 5, 22)),
    )
    assert stub.restates == "afghanistan-contact-group-beijing-2018-plan"


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


# -- a report on a commitment to hold an occasion names that occasion -------------------------
ASEAN = frozenset(
    ["brunei", "cambodia", "indonesia", "laos", "malaysia", "myanmar", "philippines", "thailand"]
)
AU = frozenset(["algeria", "egypt", "ethiopia", "kenya", "nigeria", "senegal", "south-africa"])


def _plan(id_: str, title: str, parties: frozenset[str], day: date, place: str) -> Tracked:
    return Tracked(id_, title, "in 2024", parties, "earlier", "An earlier statement", day, place)


@dataclass(frozen=True)
class _Case:
    plan: Tracked
    #: a press release whose first sentence reports another meeting held in the same place
    #: and year, and its date
    release: tuple[str, ...]
    released: date
    held: str  # a sentence reporting the planned meeting itself
    on: date


CASES = {
    "SCO": _Case(
        moscow_plan(),
        (
            (
                "The 13th meeting of the Security Council Secretaries of the SCO Member States was"
                " held in Beijing on 21-22 May 2018, chaired by the Minister of Public Security of"
                " China."
            ),
            (
                "The sides agreed to hold the next meeting of the Security Council Secretaries in"
                " the Kyrgyz Republic in 2019."
            ),
            "The sides called for an action programme on countering drug trafficking by 2020.",
            (
                "The meeting was attended by the heads of delegations of India, Kazakhstan, China,"
                " Kyrgyzstan, Pakistan, Russia, Tajikistan and Uzbekistan."
            ),
        ),
        date(2018, 5, 22),
        "The meeting of the SCO-Afghanistan Contact Group was held in Beijing on 28 May 2018.",
        date(2018, 5, 28),
    ),
    "ASEAN": _Case(
        _plan(
            "asean-china-working-group-vientiane-2024",
            "Hold the ASEAN-China Working Group's next meeting in Vientiane in 2024, as Laos"
            " proposed",
            ASEAN,
            date(2023, 9, 5),
            "Jakarta, Indonesia",
        ),
        (
            (
                "The 57th ASEAN Foreign Ministers' Meeting was held in Vientiane on 24-26 July"
                " 2024, chaired by the Minister for Foreign Affairs of Laos."
            ),
            "The ministers agreed to convene their next meeting in Malaysia in 2025.",
            "They called for the early conclusion of a code of conduct in the South China Sea.",
            "The meeting was attended by the foreign ministers of the ASEAN member states.",
        ),
        date(2024, 7, 26),
        "The ASEAN-China Working Group met in Vientiane on 12 March 2024.",
        date(2024, 3, 12),
    ),
    "AU": _Case(
        _plan(
            "au-sudan-contact-group-addis-2024",
            "Hold the AU Sudan Contact Group's next meeting in Addis Ababa in 2024, as Ethiopia"
            " proposed",
            AU,
            date(2023, 11, 10),
            "Addis Ababa, Ethiopia",
        ),
        (
            (
                "The 37th Ordinary Session of the Assembly of the AU was held in Addis Ababa on"
                " 17-18 February 2024, hosted by Ethiopia."
            ),
            "The Assembly decided to hold its next ordinary session in Addis Ababa in 2025.",
            "It called on the member states to ratify the protocol on free movement of persons.",
            "The session was attended by the heads of state and government of the AU.",
        ),
        date(2024, 2, 18),
        "The meeting of the AU Sudan Contact Group was held in Addis Ababa on 4 March 2024.",
        date(2024, 3, 4),
    ),
}


def _reports(plan: Tracked, sentences: tuple[str, ...], day: date) -> list[str]:
    doc = NewDocument("press-release", day, None, plan.parties, tuple(enumerate(sentences, 1)))
    return [u.why for u in link(doc, [], [plan])]


@pytest.mark.parametrize("organisation", sorted(CASES))
def test_another_meeting_held_in_the_same_place_and_year_reports_on_no_plan(
    organisation: str,
) -> None:
    """The words of any meeting (meeting, held, the place, the year, the organisation, the
    host) do not make a report on a plan to hold a meeting that has a name of its own."""
    case = CASES[organisation]
    assert _reports(case.plan, case.release, case.released) == []


@pytest.mark.parametrize("organisation", sorted(CASES))
def test_the_planned_meeting_held_reports_on_the_plan(organisation: str) -> None:
    case = CASES[organisation]
    [why] = _reports(case.plan, (case.held, *case.release[1:]), case.on)
    assert why.startswith(f"reports on '{case.plan.id}'") and "names the occasion: " in why


def test_the_words_that_name_an_occasion() -> None:
    plan = "Hold the SCO-Afghanistan Contact Group's next meeting in Beijing in early 2018, as"
    assert sorted(occasion_held(plan, ["Beijing"]).values()) == [
        "Afghanistan",
        "Contact",
        "Group's",
        "SCO",
    ]
    sudan = "to convene the AU Contact Group on Sudan on 4 March 2024 in Addis Ababa"
    assert sorted(occasion_held(sudan).values()) == ["AU", "Contact", "Group", "Sudan"]
    assert occasion_held("agreed to continue the consultations") == {}
    secretaries = "the next meeting of Secretaries of Security Councils of SCO Member-States"
    assert sorted(occasion_name(secretaries).values()) == [
        "Councils",
        "SCO",
        "Secretaries",
        "Security",
    ]
    assert occasion_name("the 14th regular session in Bishkek in 2019", ["Bishkek"]) == {}


def test_the_next_secretaries_meeting_held_in_bishkek_reports_on_the_plan_to_hold_it() -> None:
    project = load_project(str(DATA / "beijing" / "commitments.yaml"))
    held = "The next meeting of the Security Council Secretaries was held in Bishkek in 2019.\n"
    result = draft_beside(project, held, "bishkek-2019-05-15", date(2019, 5, 15))
    assert [u.commitment for u in result.updates] == ["next-secretaries-meeting-kyrgyzstan"]
    assert "names the occasion: Security, Council, Secretaries" in result.updates[0].why
