"""One name per place of a document: in a resolution that numbers its paragraphs, a line
without a printed number (the masthead, the preamble) is "line N" and a numbered paragraph is
"paragraph N", in review, validate, the reports and the site alike (Project.place)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from conftest import run_cli
from resolution_drafts import SOURCE, import_and_draft
from sco_tracker.spec.project import load_project
from sco_tracker.spec.reviewing import drafts
from site_helpers import write_site


@pytest.fixture
def drafted(project_dir: Path) -> Path:
    return import_and_draft(project_dir)


def _one_line_each(pairs: list[tuple[str, int | None]]) -> dict[str, set[int | None]]:
    lines: dict[str, set[int | None]] = defaultdict(set)
    for label, line in pairs:
        lines[label].add(line)
    return {label: found for label, found in lines.items() if len(found) > 1}


def test_review_names_an_unnumbered_line_as_a_line(drafted: Path) -> None:
    project = load_project(drafted.parent.parent / "commitments.yaml")
    pending = drafts(project, SOURCE)
    labels = [
        (d.label or "", d.entry.line) for d in pending if d.section in ("commitments", "exclusions")
    ]
    assert _one_line_each(labels) == {}, "one label names two places"
    by_label = dict(labels)
    assert by_label["line 1"] == 1  # the masthead
    assert by_label["paragraph 1"] == 24  # operative paragraph 1
    masthead = next(d for d in pending if d.section == "exclusions" and d.entry.line == 1)
    assert masthead.where == f"source '{SOURCE}', line 1"


def test_the_site_s_source_page_names_each_place_once(drafted: Path) -> None:
    text = drafted.read_text(encoding="utf-8")
    drafted.write_text(text.replace("    draft: true\n", ""), encoding="utf-8")
    write_site(drafted.parent.parent, date(2026, 1, 10))  # after the resolution's date
    page = drafted.parent.parent / "reports" / "site" / "source" / f"{SOURCE}.html"
    shown = re.findall(r"<tr[^>]*><td>([^<]*)</td>", page.read_text(encoding="utf-8"))
    assert shown[:3] == ["line 1", "line 2", "line 3"]
    assert "paragraph 1" in shown and "line 24" not in shown
    project = load_project(drafted.parent.parent / "commitments.yaml")
    entries = [e for e in [*project.exclusions, *project.commitments] if e.source == SOURCE]
    places = [(project.place(e.source, e.paragraph) or "", e.line) for e in entries]
    assert _one_line_each(places) == {}


def test_validate_names_the_line_of_a_misplaced_quote_by_its_printed_number(
    drafted: Path,
) -> None:
    """A quote of operative paragraph 2 cited by the line of the masthead: validate says where
    it is, by the number the resolution prints."""
    text = drafted.read_text(encoding="utf-8")
    cited = "    paragraph: '2'\n    quote: Encourages the Secretary-General"
    assert cited in text
    drafted.write_text(
        text.replace(cited, "    paragraph: 1\n    quote: Encourages the Secretary-General"),
        encoding="utf-8",
    )
    done = run_cli(["validate"], drafted.parent.parent)
    assert done.exit_code == 1
    assert f"the quote is not in line 1 of source '{SOURCE}'; it is in paragraph 2 (line 25)" in (
        done.output
    )
