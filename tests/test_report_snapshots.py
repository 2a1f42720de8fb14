"""What each report showed, kept in reports/snapshots/DATE.json (report/manifest.py): a damaged,
missing or planted snapshot never breaks the next report, and is never read or written outside
the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from report_pages import md_section

JUNE_1 = "Compared with the report as of 1 June 2018."


def _report(project: Path, as_of: str) -> None:
    r = run_cli(["report", "--as-of", as_of, "--format", "md"], project)
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output


def _compared_with(project: Path, as_of: str) -> str:
    md = (project / "reports" / f"{as_of}.md").read_text(encoding="utf-8")
    return md_section(md, "What changed")


@pytest.mark.parametrize(
    "damage",
    [
        "not json {",
        '{"version": 1, "as_of": "2018-06-11", "statuses": {}, "findings": {}}',  # another day's
        "[1, 2, 3]",
        None,  # removed
    ],
)
def test_a_damaged_or_missing_snapshot_compares_with_the_report_before_it(
    project_dir: Path, damage: str | None
) -> None:
    _report(project_dir, "2018-06-01")
    _report(project_dir, "2018-06-10")
    kept = project_dir / "reports" / "snapshots" / "2018-06-10.json"
    if damage is None:
        kept.unlink()
    else:
        kept.write_text(damage, encoding="utf-8")
    _report(project_dir, "2018-06-15")
    assert JUNE_1 in _compared_with(project_dir, "2018-06-15")


def test_a_snapshot_that_links_outside_the_project_is_neither_read_nor_written_through(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    secret = outside / "secret.json"
    # A well-formed snapshot, so that only its being outside keeps it from being read.
    secret.write_text(
        '{"version": 1, "as_of": "2018-06-10", "statuses": {}, "findings": {}}\n', encoding="utf-8"
    )
    victim = outside / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    _report(project_dir, "2018-06-01")
    _report(project_dir, "2018-06-10")
    folder = project_dir / "reports" / "snapshots"
    (folder / "2018-06-10.json").unlink()
    (folder / "2018-06-10.json").symlink_to(secret)
    (folder / "2018-06-15.json").symlink_to(victim)
    _report(project_dir, "2018-06-15")
    assert JUNE_1 in _compared_with(project_dir, "2018-06-15")
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert not (folder / "2018-06-15.json").is_symlink()
    assert json.loads((folder / "2018-06-15.json").read_text(encoding="utf-8"))["as_of"] == (
        "2018-06-15"
    )


def test_a_snapshots_folder_that_links_outside_the_project_is_refused(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (project_dir / "reports").mkdir()
    (project_dir / "reports" / "snapshots").symlink_to(outside, target_is_directory=True)
    r = run_cli(["report", "--as-of", "2018-06-15", "--format", "md"], project_dir)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert "snapshots" in r.stderr and "outside" in r.stderr, r.stderr
    assert list(outside.iterdir()) == []
    assert not (project_dir / "reports" / "2018-06-15.md").exists()  # nothing half written


def test_the_list_of_reports_does_not_grow_with_the_commitments(project_dir: Path) -> None:
    """Each report adds a few counts to reports.json, whatever the number of commitments."""
    _report(project_dir, "2018-06-01")
    one = len((project_dir / "reports" / "reports.json").read_bytes())
    _report(project_dir, "2018-06-15")
    two = len((project_dir / "reports" / "reports.json").read_bytes())
    snapshot = len((project_dir / "reports" / "snapshots" / "2018-06-15.json").read_bytes())
    assert two - one < 400 < snapshot, (one, two, snapshot)
