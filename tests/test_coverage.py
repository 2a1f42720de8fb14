"""Sentence coverage (sources/coverage.py): what a draft exclusion counts for (the analyst's
view is in features/coverage.feature)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import edit, run_cli
from sco_tracker.sources.coverage import project_coverage
from sco_tracker.spec.project import load_project

BEIJING = "beijing-2018-05-22"
#: The exclusion of paragraph 8 of the Beijing communiqué: the sides' view of the world.
PARAGRAPH_8 = "    paragraph: 8\n    reason: description_of_situation\n"


def _coverage(folder: Path) -> dict[str, object]:
    r = run_cli(["coverage", "--source", BEIJING, "--json"], folder)
    assert r.exit_code == 0, r.output
    (cov,) = json.loads(r.stdout)["sources"]
    return dict(cov)


def test_a_draft_exclusion_counts_as_excluded_but_not_as_decided(project_dir: Path) -> None:
    edit(project_dir / "commitments.yaml", PARAGRAPH_8, PARAGRAPH_8 + "    draft: true\n")
    cov = _coverage(project_dir)
    assert (cov["tracked"], cov["excluded"], cov["undecided"]) == (19, 29, 0)
    assert cov["excluded_by_drafts"] == 6
    assert cov["decided_percent"] == 87.5
    waiting = cov["excluded_by_drafts_awaiting_review"]
    assert isinstance(waiting, list)
    assert [(s["paragraph"], s["sentence"]) for s in waiting] == [(8, n) for n in range(1, 7)]
    assert {(s["state"], s["reason"], s["awaiting_review"]) for s in waiting} == {
        ("excluded", "description_of_situation", True)
    }
    edit(project_dir / "commitments.yaml", PARAGRAPH_8 + "    draft: true\n", PARAGRAPH_8)
    cov = _coverage(project_dir)
    assert (cov["excluded"], cov["excluded_by_drafts"], cov["decided_percent"]) == (29, 0, 100.0)


def test_a_draft_exclusion_of_an_undertaking_leaves_no_undertaking_unaccounted(
    project_dir: Path,
) -> None:
    """The commitment quoting paragraph 25 replaced by a draft exclusion of it: the sentence
    is excluded by the draft, awaiting review; not likely missed, and never decided."""
    path = project_dir / "commitments.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  - id: iran-jcpoa\n")
    end = start + 1
    while lines[end].startswith("    "):
        end += 1
    del lines[start:end]
    path.write_text("".join(lines), encoding="utf-8")
    edit(
        path,
        "exclusions:\n",
        "exclusions:\n  - {source: beijing-2018-05-22, paragraph: 25, reason: other, "
        "note: The sides' support of the Iran nuclear deal., draft: true}\n",
    )
    project = load_project(path)
    (cov,) = project_coverage(project, BEIJING)
    (s,) = [s for s in cov.sentences if s.paragraph == 25]
    assert (s.state, s.draft, s.reason, s.likely_missed) == ("excluded", True, "other", False)
    assert cov.decided == cov.total - 1
    assert cov.to_review == [s]
    strict = run_cli(["validate", "--strict"], project_dir)
    assert strict.exit_code == 1
    assert "exclusion of paragraph 25 of source 'beijing-2018-05-22' is a draft" in strict.output
