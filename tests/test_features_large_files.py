"""Steps for features/large_files.feature (shared steps are in conftest.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from pytest_bdd import given, scenarios, then

from conftest import ROOT, Result, run_cli

scenarios("large_files.feature")

FINDING_KINDS = ("overdue", "due soon", "undated", "stale", "blocked", "unsupported", "slipped")


@given("a commitments file of 200 commitments from several communiqués", target_fixture="workdir")
def generated_file(tmp_path: Path) -> Path:
    folder = tmp_path / "many"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate.py"),
            "200",
            str(folder),
            "--seed",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return folder


def _findings(workdir: Path) -> dict[str, list[str]]:
    """Commitment id -> its findings' kinds, from `status --json` (which records nothing)."""
    result = run_cli(["status", "--json"], workdir)
    assert result.exit_code == 0, result.output
    return {
        c["id"]: [f["kind"] for f in c["findings"]]
        for c in json.loads(result.stdout)["commitments"]
        if c["findings"]
    }


@then("the terminal lists 50 findings and says how many more the reports list")
def fifty_shown(result: Result, workdir: Path) -> None:
    total = sum(len(kinds) for kinds in _findings(workdir).values())
    assert total > 50
    rows = [
        line
        for line in result.stdout.splitlines()
        if line.startswith(FINDING_KINDS) and line.rstrip().endswith(" new")
    ]
    assert len(rows) == 50, result.stdout
    assert f"... and {total - 50:,} more findings: the reports list them all." in result.stdout


@then("the Markdown report names every commitment that has a finding")
def all_in_markdown(workdir: Path) -> None:
    report = (workdir / "reports" / "latest.md").read_text(encoding="utf-8")
    missing = [cid for cid in _findings(workdir) if f'<a id="{cid}"></a>' not in report]
    assert not missing


@then("the HTML report folds away the commitments that are neither overdue nor due soon")
def folded(workdir: Path) -> None:
    html = (workdir / "reports" / "latest.html").read_text(encoding="utf-8")
    summaries = re.findall(
        r"<details>\s*<summary>(\d+) commitments? not overdue or due soon</summary>", html
    )
    assert summaries, "no folded section"
    assert "<details open>" not in html
