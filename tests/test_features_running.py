"""Steps for features/running.feature (shared steps are in conftest.py)."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then

from conftest import run_cli, set_youth_programme

scenarios("running.feature")


def _check_runs(workdir: Path) -> int:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(workdir / "sco-tracker.db")) as conn:
        return int(conn.execute("SELECT count(*) FROM check_runs").fetchone()[0])


def _reports(workdir: Path) -> dict[str, tuple[int, bytes]]:
    """Every file in reports/ with its modification time and content."""
    reports = workdir / "reports"
    return {
        str(p.relative_to(reports)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(reports.rglob("*"))
        if p.is_file()
    }


@given("the database is the SQLite file beside commitments.yaml")
def sqlite_beside(monkeypatch: pytest.MonkeyPatch) -> None:
    # On the PostgreSQL test backend SCO_TRACKER_DB points elsewhere: this feature is about the
    # file.
    monkeypatch.delenv("SCO_TRACKER_DB", raising=False)


@given(parsers.parse('"sco-tracker run" has run once today'), target_fixture="before")
def first_run(workdir: Path) -> dict[str, object]:
    result = run_cli(["run"], workdir)
    assert result.exit_code == 0, result.output
    assert "Nothing changed" not in result.output
    return {"check_runs": _check_runs(workdir), "reports": _reports(workdir)}


@given(parsers.parse('"{command}" has run'))
def other_command(workdir: Path, command: str) -> None:
    args = command.split()
    assert args[0] == "sco-tracker"
    result = run_cli(args[1:], workdir)
    assert result.exit_code == 0, result.output


@given("the youth action programme is marked in progress")
def youth_in_progress(workdir: Path) -> None:
    set_youth_programme(workdir, "in_progress")


@given(parsers.parse('a commitment\'s status is misspelt as "{word}"'))
def misspelt_status(workdir: Path, word: str) -> None:
    set_youth_programme(workdir, word)


@given("the HTML report of today is deleted")
def delete_html(workdir: Path) -> None:
    dated = [
        p
        for p in (workdir / "reports").glob("*.html")
        if p.name not in ("latest.html", "index.html")
    ]
    assert len(dated) == 1, dated
    dated[0].unlink()


@then("the HTML report of today exists")
def html_exists(workdir: Path, before: dict[str, object]) -> None:
    dated = [
        n
        for n in before["reports"]
        if n.endswith(".html") and n not in ("latest.html", "index.html")
    ]  # type: ignore[attr-defined]
    assert dated and all((workdir / "reports" / n).is_file() for n in dated)


@then("no new check was recorded in the database")
def no_new_check(workdir: Path, before: dict[str, object]) -> None:
    assert _check_runs(workdir) == before["check_runs"]


@then("a new check was recorded in the database")
def new_check(workdir: Path, before: dict[str, object]) -> None:
    assert _check_runs(workdir) > before["check_runs"]  # type: ignore[operator]


@then("the reports were not written again")
def reports_untouched(workdir: Path, before: dict[str, object]) -> None:
    assert _reports(workdir) == before["reports"]


def test_on_a_shared_postgresql_database_a_colleagues_check_makes_the_next_run_do_the_whole_job(
    project_dir: Path, pg_url: str
) -> None:
    """The team database's latest sync and check are its fingerprint: a run by anyone changes it."""
    env = {"SCO_TRACKER_DB": pg_url}
    first = run_cli(["run"], project_dir, env=env)
    assert first.exit_code == 0, first.output
    assert "written to" in first.output
    again = run_cli(["run"], project_dir, env=env)
    assert again.exit_code == 0, again.output
    assert "Nothing changed since the last run" in again.output
    colleague = run_cli(["check", "--as-of", "2018-06-15"], project_dir, env=env)
    assert colleague.exit_code == 0, colleague.output
    after = run_cli(["run"], project_dir, env=env)
    assert after.exit_code == 0, after.output
    assert "Nothing changed" not in after.output
    assert "written to" in after.output
    elsewhere = run_cli(
        ["run"], project_dir
    )  # the SQLite file beside commitments.yaml: another database
    assert "Nothing changed" not in elsewhere.output


def test_the_terminal_shows_the_first_findings_and_counts_the_rest(project_dir: Path) -> None:
    """A check with many findings prints the most urgent ones; the reports hold them all."""
    from datetime import date, datetime

    from sco_tracker.db.sync import CheckRecord, StoredFinding
    from sco_tracker.db.views import check_text
    from sco_tracker.spec.project import load_project
    from sco_tracker.tracking.checks import evaluate

    as_of = date(2026, 11, 27)
    evaluations = evaluate(load_project(project_dir / "commitments.yaml"), as_of)
    stored = [
        StoredFinding(f.commitment_id, f.kind.value, f.message, f.days, "new")
        for ev in evaluations
        for f in ev.findings
    ]
    assert len(stored) > 5
    record = CheckRecord(1, datetime(2026, 11, 27, tzinfo=UTC), as_of, None, stored)

    text = check_text(record, evaluations, limit=5)
    assert f"... and {len(stored) - 5:,} more findings: the reports list them all." in text
    rows = [line for line in text.splitlines() if line.endswith(" new")]
    assert len(rows) == 5
    assert "more findings" not in check_text(record, evaluations)  # `check` itself prints every one


def test_a_password_in_the_database_url_is_never_written_to_the_cache(
    project_dir: Path, pg_url: str
) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_url).set(password="s3cret-pw").render_as_string(hide_password=False)
    first = run_cli(["run", "--db", url], project_dir)
    assert first.exit_code == 0, first.output
    cache = (project_dir / ".sco-tracker-cache" / "run.json").read_text(encoding="utf-8")
    assert "s3cret-pw" not in cache
    again = run_cli(
        ["run", "--db", url], project_dir
    )  # the same URL given again: recognised by its hash
    assert "Nothing changed since the last run" in again.output, again.output
