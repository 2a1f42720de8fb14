"""compliance.py: the grid, exact averages, restatement chains, the CSV and the report partials."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import jinja2
import pytest

from conftest import FROZEN_FILE
from sco_tracker.problems import InvalidFile
from sco_tracker.spec.project import load_project
from sco_tracker.tracking.checks import evaluate
from sco_tracker.tracking.compliance import compliance, percent
from sco_tracker.tracking.compliance_output import to_csv, to_text
from sco_tracker.tracking.restatements import restatement_chains

TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "sco_tracker" / "report" / "templates"
TODAY = date(2020, 1, 1)

SMALL = """\
settings:
  assessment_windows:
    - {id: final, title: Final report, start: 2018-05-22, end: 2019-06-13}
    - {id: interim, title: Interim report, start: 2018-05-22, end: 2018-06-10}
parties:
  - {id: china, name: China, kind: member_state}
  - {id: india, name: India, kind: member_state}
  - {id: russia, name: Russia, kind: member_state}
  - {id: rats, name: RATS, kind: sco_body}
sources:
  - {id: moscow, title: Moscow <meeting>, date: 2017-10-11}
  - {id: beijing, title: Beijing | meeting, date: 2018-05-22}
commitments:
  - id: plan
    title: Meet in Beijing in early 2018
    source: moscow
    quote: in early 2018
    theme: Afghanistan
    parties: [china, india, russia]
    strength: welcomed
    kind: deliverable
    due: 2018-03
    status: planned
  - id: meeting
    title: Meet in Beijing <script>alert(1)</script> | May
    source: beijing
    quote: in May 2018
    theme: Afghanistan
    parties: [china, india, russia]
    strength: supported
    kind: deliverable
    due: 2018-05
    status: planned
    restates: plan
    assessments:
      - {party: china, score: +1, window: interim, date: 2018-05-28, source: "https://example.org/a?x=1&y=2", note: hosted}
      - {party: india, score: 0, window: interim, date: 2018-05-28, source: "https://example.org/b"}
      - {party: china, score: +1, window: final, date: 2018-05-28, source: "https://example.org/a"}
      - {party: india, score: +1, window: final, date: 2018-06-20, source: "https://example.org/b"}
      - {party: russia, score: -1, window: final, date: 2018-06-20, source: "javascript:alert(1)"}
  - id: rats-report
    title: Report to the Secretaries
    source: beijing
    quote: report
    theme: Counter-terrorism
    parties: [rats, india]
    strength: agreed
    kind: deliverable
    due: 2019
    status: planned
    assessments:
      - {party: rats, score: +1, window: final, date: 2019-05-15, source: "https://example.org/c"}
      - {party: india, score: n/a, window: final, date: 2019-05-15, note: India is not a member of RATS's council here}
"""  # noqa: E501 (flow mappings written out on one line, as in a real file)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "commitments.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_grid_and_exact_averages(small: Path) -> None:
    # final: meeting: china +1, india +1, russia -1; rats-report: rats +1, india n/a; plan: none.
    report = compliance(load_project(small, today=TODAY), today=TODAY)
    assert report.window is not None and report.window.id == "final"  # the latest by end date
    assert report.previous_window is not None and report.previous_window.id == "interim"
    assert [m for m, _ in report.members] == [
        "china",
        "india",
        "russia",
        "rats",
    ]  # member states first
    by = {s.party_id: s for s in report.summaries}
    assert by["china"].average == 1 and by["india"].average == 1 and by["russia"].average == -1
    assert by["rats"].average == 1
    # interim: china +1, india 0 -> changes 0 and +1; russia had nothing in the interim window.
    assert by["china"].change == 0 and by["india"].change == 1 and by["russia"].change is None
    rows = {r.id: r for r in report.rows}
    assert rows["meeting"].average == Fraction(1, 3)
    assert percent(rows["meeting"].average) == Fraction(200, 3)  # (1/3 + 1) / 2 x 100
    assert rows["rats-report"].average == 1  # n/a left out
    assert rows["plan"].average is None and rows["plan"].not_assessed == 3
    assert report.overall == Fraction(1 + 1 - 1 + 1, 4)
    assert percent(report.overall) == Fraction(75)
    # cells: plan 3 + meeting 3 + rats-report 2 = 8; scored 4, n/a 1, not assessed 3
    assert (report.cells, len(report.scores), report.not_applicable, report.not_assessed) == (
        8,
        4,
        1,
        3,
    )
    states = [c.state for c in rows["rats-report"].cells]
    assert states == ["not_party", "n/a", "not_party", "scored"]


def test_interim_window_and_as_of(small: Path) -> None:
    project = load_project(small, today=TODAY)
    interim = compliance(project, "interim", today=TODAY)
    assert interim.previous_window is None
    assert {s.party_id: s.average for s in interim.summaries}["india"] == 0
    # As of 2018-06-01 the final window's later scores are not yet there, and it is the latest
    # begun.
    early = compliance(project, today=date(2018, 6, 1))
    assert early.window is not None and early.window.id == "final"
    assert {s.party_id: s.average for s in early.summaries} == {
        "china": 1,
        "india": None,
        "russia": None,
        "rats": None,
    }


def test_restatement_chain_and_slipped_finding(small: Path) -> None:
    project = load_project(small, today=TODAY)
    (chain,) = restatement_chains(project)
    assert [s.commitment.id for s in chain.steps] == ["plan", "meeting"]
    assert chain.steps[0].movement == "first promised"
    assert chain.steps[1].moved_days == 61 and chain.steps[1].movement == "slipped 61 days later"
    assert chain.slipped
    slipped = [
        f for ev in evaluate(project, TODAY) for f in ev.findings if f.kind.value == "slipped"
    ]
    assert [(f.commitment_id, f.days) for f in slipped] == [("meeting", 61)]


def test_csv_reads_back(small: Path) -> None:
    report = compliance(load_project(small, today=TODAY), today=TODAY)
    rows = list(csv.reader(io.StringIO(to_csv(report), newline="")))
    assert rows[0] == [
        "commitment",
        "title",
        "China",
        "India",
        "Russia",
        "RATS",
        "average",
        "percent",
        "not assessed",
    ]
    body = {r[0]: r for r in rows[1:]}
    assert body["meeting"][1] == "Meet in Beijing <script>alert(1)</script> | May"
    assert body["meeting"][2:9] == ["1", "1", "-1", "not a party", "0.3333", "66.67", "0"]
    assert body["plan"][2:9] == ["not assessed"] * 3 + ["not a party", "", "", "3"]
    assert body["rats-report"][2:6] == ["not a party", "n/a", "not a party", "1"]
    assert body["average (-1..+1)"][2:7] == ["1", "1", "-1", "1", "0.5"]
    assert body["percent"][2:8] == ["100", "100", "0", "100", "", "75"]
    assert body["change since interim"][2:6] == ["0", "1", "", ""]


def test_text_table_keeps_not_assessed_apart_from_minus_one(small: Path) -> None:
    text = to_text(compliance(load_project(small, today=TODAY), today=TODAY))
    assert re.search(r"^plan +\. +\. +\. +x +- +-$", text, re.MULTILINE), text
    assert re.search(r"^meeting +\+1 +\+1 +-1 +x +\+0\.33 +66\.7%$", text, re.MULTILINE), text
    assert "Overall: +0.50 (75.0%) from 4 scored cells; 3 of 8 cells not assessed; 1 n/a." in text
    assert (
        "restated on 2018-05-22 (beijing) as meeting, due May 2018: slipped 61 days later" in text
    )


def _env() -> jinja2.Environment:
    # The same settings as the report Environment: autoescape for *.html.j2 only, strict.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def test_markdown_partial(small: Path) -> None:
    ctx = compliance(load_project(small, today=TODAY), today=TODAY).as_dict()
    md = _env().get_template("_compliance.md.j2").render(compliance=ctx)
    assert "| Commitment | China | India | Russia | RATS | Average | Percent |" in md
    assert (
        "| Meet in Beijing &lt;script&gt;alert(1)&lt;/script&gt; \\| May (`meeting`) | +1 | "
        "+1 | -1 |  | +0.33 | 66.7% |"
    ) in md
    assert "| Meet in Beijing in early 2018 (`plan`) | · | · | · |  | – | – |" in md
    assert "| **Average** | +1.00 | +1.00 | -1.00 | +1.00 | **+0.50** | |" in md
    assert "| **Percent** | 100.0% | 100.0% | 0.0% | 100.0% | | **75.0%** |" in md
    assert "| **Change since Interim report** | 0.00 | +1.00 | – | – | | |" in md
    assert "3 of 8 cells not assessed, 1 n/a." in md
    assert "- **China**, Meet in Beijing" in md and "[evidence](<https://example.org/a>)" in md
    assert (
        "(evidence: javascript:alert(1))" in md and "](javascript" not in md
    )  # not a web link: text, never a link
    assert (
        "first promised on 2017-10-11 in Moscow &lt;meeting&gt;, due March 2018. **Slipped.**" in md
    )
    assert (
        "Restated on 2018-05-22 in Beijing \\| meeting (`meeting`), due May 2018: **slipped "
        "61 days later**."
    ) in md


def test_a_large_report_lists_only_the_assessed_rows_and_counts_the_rest(small: Path) -> None:
    """Above 60 commitments the reports leave out the grid rows with nothing scored."""
    report = compliance(load_project(small, today=TODAY), today=TODAY)
    full, short = report.as_dict(), report.as_dict(unassessed_rows=False)
    assert [r["commitment"] for r in full["rows"]] == ["plan", "meeting", "rats-report"] and full[
        "rows_left_out"
    ] == 0
    assert [r["commitment"] for r in short["rows"]] == ["meeting", "rats-report"] and short[
        "rows_left_out"
    ] == 1
    assert (
        short["overall"] == full["overall"] and short["members_summary"] == full["members_summary"]
    )  # still every cell
    md = _env().get_template("_compliance.md.j2").render(compliance=short)
    assert (
        "1 commitment with no score in this window is not listed; `sco-tracker compliance "
        "--csv` gives the whole grid."
    ) in md
    assert "(`plan`)" not in md.split("## Restated commitments")[0]
    html = _env().get_template("_compliance.html.j2").render(compliance=short)
    assert "1 commitment with no score in this window is not listed;" in html


def test_html_partial_is_escaped_and_coloured(small: Path) -> None:
    ctx = compliance(load_project(small, today=TODAY), today=TODAY).as_dict()
    html = _env().get_template("_compliance.html.j2").render(compliance=ctx)
    assert "<script>alert(1)</script>" not in html
    assert "Meet in Beijing &lt;script&gt;alert(1)&lt;/script&gt; | May" in html
    assert (
        '<td class="score s-plus" title="China: +1 (2018-05-28)"><a '
        'href="https://example.org/a" rel="noopener noreferrer">+1</a></td>'
    ) in html
    assert (
        '<td class="score s-minus" title="Russia: -1 (2018-06-20)">-1</td>' in html
    )  # javascript: link not linked
    assert 'href="javascript' not in html
    assert '<td class="score s-not-assessed" title="China: not assessed">·</td>' in html
    assert (
        '<td class="score s-na" title="India: not applicable: India is not a member of '
        'RATS&#39;s council here">n/a</td>'
    ) in html
    assert "<strong>3</strong> of 8 cells not assessed, 1 n/a." in html
    assert '<span class="slipped">slipped 61 days later</span>' in html


def test_partials_without_windows(tmp_path: Path) -> None:
    without_settings = SMALL[SMALL.index("parties:\n") :]
    path = tmp_path / "commitments.yaml"
    path.write_text(without_settings, encoding="utf-8")
    problems = _problems(path)
    assert any(
        (
            "unknown assessment window 'interim': define it under settings.assessment_windows "
            "(id, start, end)"
        )
        in p
        for p in problems
    ), problems
    path.write_text(
        re.sub(r"    assessments:\n(      - .*\n)+", "", without_settings), encoding="utf-8"
    )
    report = compliance(load_project(path, today=TODAY), today=TODAY)
    assert report.window is None
    env = _env()
    md = env.get_template("_compliance.md.j2").render(compliance=report.as_dict())
    html = env.get_template("_compliance.html.j2").render(compliance=report.as_dict())
    assert "No assessment windows are defined" in md and "No assessment windows are defined" in html
    assert "## Restated commitments" in md and "<h2>Restated commitments</h2>" in html


def _problems(path: Path) -> list[str]:
    with pytest.raises(InvalidFile) as exc:
        load_project(path, today=TODAY)
    return [str(p) for p in exc.value.problems]


def test_window_rules(small: Path) -> None:
    small.write_text(
        SMALL.replace(
            "{id: interim, title: Interim report, start: 2018-05-22, end: 2018-06-10}",
            "{id: final, start: 2018-06-10, end: 2018-05-22}",
        ),
        encoding="utf-8",
    )
    problems = _problems(small)
    assert any(
        re.match(
            r"^.*commitments\.yaml:4:\d+: duplicate assessment window id 'final' \(first used at "
            r"line 3\)$",
            p,
        )
        for p in problems
    ), problems


def test_window_ending_before_it_starts(small: Path) -> None:
    small.write_text(
        SMALL.replace("start: 2018-05-22, end: 2018-06-10", "start: 2018-06-10, end: 2018-05-22"),
        encoding="utf-8",
    )
    problems = _problems(small)
    assert any(
        re.match(
            r"^.*commitments\.yaml:4:\d+: assessment window 'interim' ends \(2018-05-22\) before "
            r"it starts \(2018-06-10\)$",
            p,
        )
        for p in problems
    ), problems


def test_restating_itself(small: Path) -> None:
    small.write_text(SMALL.replace("restates: plan", "restates: meeting"), encoding="utf-8")
    line = SMALL.splitlines().index("    restates: plan") + 1
    problems = _problems(small)
    assert any(
        re.match(rf"^.*commitments\.yaml:{line}:15: commitment 'meeting' restates itself$", p)
        for p in problems
    ), problems


def test_every_shipped_score_cites_a_source() -> None:
    project = load_project(FROZEN_FILE)
    scored = [(c.id, a) for c in project.commitments for a in c.assessments]
    assert len(scored) == 5
    for cid, a in scored:
        assert a.score == "n/a" or (a.source or "").startswith("http"), (cid, a)


def test_a_party_filter_keeps_only_that_members_column() -> None:
    from sco_tracker.tracking.selection import select

    project = load_project(FROZEN_FILE)
    report = compliance(
        project,
        "final-2019",
        today=date(2019, 6, 13),
        selection=select(project, parties=["kyrgyzstan"]),
    )
    assert report.members == [("kyrgyzstan", "Kyrgyzstan")]
    assert [m.party_id for m in report.summaries] == ["kyrgyzstan"]
    assert all(r.parties <= {"kyrgyzstan"} for r in report.rows)
    assert report.scores == [1]
