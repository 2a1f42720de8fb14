"""Steps for features/validation_gate.feature (shared steps are in conftest.py)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then

from conftest import Result, run_cli

scenarios("validation_gate.feature")

TEMPLATES_AFTER = "  reports_dir: reports\n"


def _edit(workdir: Path, old: str, new: str) -> None:
    path = workdir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _counts(workdir: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(workdir / "sco-tracker.db")) as conn:
        syncs = conn.execute("SELECT count(*) FROM sync_runs").fetchone()[0]
        checks = conn.execute("SELECT count(*) FROM check_runs").fetchone()[0]
    return int(syncs), int(checks)


def _reports(workdir: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.name: (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted((workdir / "reports").rglob("*"))  # the site's pages too
        if p.is_file()
    }


@given("the database is the SQLite file beside the commitments file")
def sqlite_beside(monkeypatch: pytest.MonkeyPatch) -> None:
    # On the PostgreSQL test backend SCO_TRACKER_DB points elsewhere: these steps read the file.
    monkeypatch.delenv("SCO_TRACKER_DB", raising=False)
    monkeypatch.delenv("SCO_TRACKER_NO_CACHE", raising=False)


@given(parsers.parse('the daily check is scheduled at "{schedule}"'))
def daily_check(workdir: Path, schedule: str) -> None:
    _edit(workdir, 'check: "0 6 * * *"', f'check: "{schedule}"')


@then(parsers.parse('the schedule is reported at its line: "{message}"'))
def schedule_reported(workdir: Path, result: Result, message: str) -> None:
    lines = (workdir / "commitments.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith("check:"))
    assert f"commitments.yaml:{line}:12: {message}" in result.stderr, result.output


@given(parsers.parse('"sco-tracker run" has written today\'s reports'), target_fixture="before")
def first_run(workdir: Path) -> dict[str, object]:
    result = run_cli(["run"], workdir)
    assert result.exit_code == 0, result.output
    return {"counts": _counts(workdir), "reports": _reports(workdir)}


@given(parsers.parse('the settings name a templates folder "{name}" that does not exist'))
def missing_templates(workdir: Path, name: str) -> None:
    assert not (workdir / name).exists()
    _edit(workdir, TEMPLATES_AFTER, f"{TEMPLATES_AFTER}  templates_dir: {name}\n")


@then("the database has no new sync and no new check")
def no_new_sync(workdir: Path, before: dict[str, object]) -> None:
    assert _counts(workdir) == before["counts"]


@then("the reports were left as they were")
def reports_untouched(workdir: Path, before: dict[str, object]) -> None:
    assert _reports(workdir) == before["reports"]


@given(parsers.parse('my templates folder has a Markdown report that includes "{part}"'))
def report_with_include(workdir: Path, part: str) -> None:
    folder = workdir / "my-templates"
    (folder / part).parent.mkdir(parents=True)
    (folder / "report.md.j2").write_text(
        f'# SCO commitments as of {{{{ as_of_label }}}}\n\n{{% include "{part}" %}}',
        encoding="utf-8",
    )
    _edit(workdir, TEMPLATES_AFTER, f"{TEMPLATES_AFTER}  templates_dir: my-templates\n")


@given(parsers.parse('my templates folder has a Markdown report that says "{text}"'))
def report_that_says(workdir: Path, text: str) -> None:
    folder = workdir / "my-templates"
    folder.mkdir(exist_ok=True)
    (folder / "report.md.j2").write_text(text + "\n", encoding="utf-8")
    _edit(workdir, TEMPLATES_AFTER, f"{TEMPLATES_AFTER}  templates_dir: my-templates\n")


@given(parsers.parse('the footer says "{text}"'))
@given(parsers.parse('the footer now says "{text}"'))
def footer_says(workdir: Path, text: str) -> None:
    (workdir / "my-templates" / "parts" / "footer.md.j2").write_text(text + "\n", encoding="utf-8")


@then(parsers.parse('today\'s Markdown report ends with "{text}"'))
def report_ends_with(workdir: Path, text: str) -> None:
    dated = [
        p for p in (workdir / "reports").glob("*.md") if p.name not in ("latest.md", "index.md")
    ]
    assert len(dated) == 1, dated
    assert dated[0].read_text(encoding="utf-8").rstrip().endswith(text)


@given(parsers.parse('the settings name the database "{url}"'))
def database_setting(workdir: Path, url: str) -> None:
    _edit(workdir, TEMPLATES_AFTER, f'{TEMPLATES_AFTER}  database: "{url}"\n')


@then(parsers.parse('the database setting is reported at its line: "{message}"'))
def database_reported(workdir: Path, result: Result, message: str) -> None:
    lines = (workdir / "commitments.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith("database:"))
    at = f"commitments.yaml:{line}:13: "
    reported = [text for text in result.stderr.splitlines() if text.startswith(at)]
    assert len(reported) == 1 and message in reported[0], result.output
