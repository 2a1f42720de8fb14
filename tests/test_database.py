"""The database: migrations, sync, check runs, concurrency and crash safety.

Every test runs on the backend chosen by SCO_TRACKER_TEST_DB (tests/dbbackend.py); the
tests that compare SQLite and PostgreSQL need a server (pg_url fixture).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conftest import ROOT, YOUTH_PROGRAMME, Result, edit, run_cli
from dbbackend import BACKEND, execute, snapshot, table_rows

YOUTH = "qingdao-youth-action-programme"
ADOPTED_AT_QINGDAO = """    status: fulfilled
    updates:
      - date: 2018-06-10
        status: fulfilled
        note: Adopted at the Qingdao summit.
        source: http://eng.sectsco.org/20180610/443942.html
    notes: No verified record of its adoption at Qingdao yet."""


def count(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output, result.output
    return result


def record_youth_adoption(project_dir: Path) -> None:
    edit(project_dir / "commitments.yaml", YOUTH_PROGRAMME, ADOPTED_AT_QINGDAO)


# --- migrations -------------------------------------------------------------------------------


def test_first_use_creates_the_database_at_the_latest_revision(cli, db_url, project_dir):
    from sco_tracker.db.store import head_revision

    if BACKEND == "sqlite":
        assert not (project_dir / "sco-tracker.db").exists()
    out = ok(cli("sync"))
    assert "Synced commitments.yaml: 25 added; 25 status history entries recorded." in out.stdout
    if BACKEND == "sqlite":
        assert (project_dir / "sco-tracker.db").exists()
    assert (
        ok(cli("db", "current"))
        .stdout.strip()
        .endswith(f"revision {head_revision()} (this version needs {head_revision()}): up to date.")
    )
    assert count(db_url, "SELECT count(*) FROM commitments") == 25


def test_the_newest_migration_is_the_one_the_quick_check_expects(cli, db_url):
    """ensure_current compares with HEAD_REVISION without loading Alembic: they must agree."""
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    from sco_tracker.db.store import HEAD_REVISION, head_revision, open_store

    assert head_revision() == HEAD_REVISION
    open_store(db_url).close()
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == HEAD_REVISION
    finally:
        engine.dispose()
    store = open_store(db_url)
    try:
        assert store.revision() == HEAD_REVISION
    finally:
        store.close()


def test_the_tables_match_the_migrations_and_the_scheduler_table_is_left_alone(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from sco_tracker.db.store import Base, include_object, open_store

    with open_store(db_url) as store:
        with store.engine.begin() as conn:
            conn.execute(
                text(
                    "CREATE TABLE apscheduler_jobs (id VARCHAR(191) PRIMARY KEY, next_run_time "
                    "FLOAT)"
                )
            )
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == []
        # Upgrading again changes nothing and keeps the scheduler's table.
        assert store.upgrade() == ("0008", "0008")
    assert "apscheduler_jobs" in table_rows(db_url)


def test_a_database_made_by_the_first_migration_upgrades_with_all_its_history(
    cli, db_url, project_dir
):
    from sco_tracker.db.store import Store

    store = Store(db_url)
    assert store.upgrade("0001") == (None, "0001")
    with store.engine.begin() as conn:  # what version 0001 of sco-tracker wrote
        conn.execute(
            text(
                "INSERT INTO sync_runs (run_at, file, added, changed, archived, restored, "
                "history_entries) VALUES ('2018-06-01 09:00:00', 'commitments.yaml', 1, 0, 0, 0, "
                "2)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO commitments (id, data, content_hash, status, first_seen, "
                "changed_at, archived_at) VALUES (:id, :data, 'old', 'planned', '2018-06-01 "
                "09:00:00', '2018-06-01 09:00:00', NULL)"
            ),
            {"id": YOUTH, "data": json.dumps({"id": YOUTH, "title": "old title"})},
        )
        conn.execute(
            text(
                "INSERT INTO status_history (commitment_id, event, status, effective_date, "
                "observed_at, source, note, sync_run_id) VALUES (:c, 'status', 'planned', "
                "'2018-05-22', '2018-06-01 09:00:00', NULL, 'seen in 2018', 1), (:c, 'status', "
                "'in_progress', '2018-05-30', '2018-06-01 09:00:00', 'http://example.org/e', "
                "'drafting', 1)"
            ),
            {"c": YOUTH},
        )
    store.close()
    before = table_rows(db_url)

    old = cli("sync")
    assert old.exit_code == 2, old.output
    assert "is at revision 0001; this version of sco-tracker needs 0008" in old.stderr
    assert "sco-tracker db upgrade" in old.stderr
    assert table_rows(db_url) == before  # refused without touching anything

    assert "upgraded from 0001 to revision 0008" in ok(cli("db", "upgrade")).stdout
    after = table_rows(db_url)
    assert after["status_history"] == before["status_history"]
    assert [r[:7] for r in after["commitments"]] == before["commitments"]
    assert {r[7] for r in after["commitments"]} == {None}  # the new file, not known yet
    assert [r[:8] for r in after["sync_runs"]] == before[
        "sync_runs"
    ]  # plus the new, empty file_hash
    assert after["sync_runs"][0][8] is None
    assert after["check_runs"] == [] and after["findings"] == []

    ok(cli("sync"))
    detail = json.loads(ok(cli("status", YOUTH, "--json")).stdout)["commitment"]
    notes = [h["note"] for h in detail["history"]]
    assert notes[:2] == ["seen in 2018", "drafting"]
    assert detail["history"][1]["effective_date"] == "2018-05-30"


# --- sync -------------------------------------------------------------------------------------


def test_a_second_sync_with_nothing_changed_writes_nothing(cli, db_url):
    ok(cli("sync"))
    before = snapshot(db_url)
    rows = table_rows(db_url)
    out = ok(cli("sync"))
    assert (
        out.stdout.strip()
        == "No changes: the database already matches commitments.yaml (25 commitments)."
    )
    assert snapshot(db_url) == before
    assert table_rows(db_url) == rows


def test_a_broken_file_leaves_the_database_byte_identical(cli, db_url, project_dir):
    ok(cli("sync"))
    ok(cli("check", "--as-of", "2018-06-15"))
    before = snapshot(db_url)
    edit(
        project_dir / "commitments.yaml",
        "    status: planned\n    notes: No verified",
        "    status: adopted\n    notes: No verified",
    )
    edit(project_dir / "commitments.yaml", "due: 2018-05\n", "due: 2018-02-30\n")
    validate = cli("validate")
    assert validate.exit_code == 1
    for command in (["sync"], ["check", "--as-of", "2018-06-15"], ["status"], ["run"]):
        result = cli(*command)
        assert result.exit_code == 1, result.output
        assert result.stderr == validate.stderr, command
        assert "Traceback" not in result.output
        assert snapshot(db_url) == before, command


def test_a_broken_file_on_first_use_creates_no_database(cli, project_dir, db_url):
    edit(project_dir / "commitments.yaml", "due: 2018-05\n", "due: 2018-02-30\n")
    assert cli("sync").exit_code == 1
    if BACKEND == "sqlite":
        assert not (project_dir / "sco-tracker.db").exists()
    else:
        assert table_rows(db_url) == {}


def test_a_removed_commitment_is_archived_with_its_history_and_can_come_back(
    cli, db_url, project_dir
):
    ok(cli("sync"))
    path = project_dir / "commitments.yaml"
    original = path.read_text(encoding="utf-8")
    # The exact entry: its id is also the start of afghanistan-contact-group-beijing-2018-plan.
    start = original.index("  - id: afghanistan-contact-group-beijing\n")
    end = original.index("  - id: next-secretaries-meeting-kyrgyzstan")
    path.write_text(original[:start] + original[end:], encoding="utf-8")

    out = ok(cli("sync"))
    assert "1 archived; 1 status history entry recorded." in out.stdout
    assert count(db_url, "SELECT count(*) FROM commitments") == 25  # archived, not deleted
    assert count(db_url, "SELECT count(*) FROM commitments WHERE archived_at IS NULL") == 24
    detail = json.loads(ok(cli("status", "afghanistan-contact-group-beijing", "--json")).stdout)[
        "commitment"
    ]
    assert detail["archived"] is True and detail["archived_at"]
    assert [(h["event"], h["status"], h["effective_date"]) for h in detail["history"]] == [
        ("status", "fulfilled", "2018-05-28"),
        ("archived", "fulfilled", None),
    ]
    text_out = ok(cli("status", "afghanistan-contact-group-beijing")).stdout
    assert "ARCHIVED: removed from commitments.yaml" in text_out
    assert "supported plans to hold the Group's next meeting in May 2018 in Beijing" in text_out
    # It is not in the table of current commitments.
    table = json.loads(ok(cli("status", "--json", "--as-of", "2018-06-15")).stdout)
    assert "afghanistan-contact-group-beijing" not in [c["id"] for c in table["commitments"]]

    path.write_text(original, encoding="utf-8")
    assert "1 restored" in ok(cli("sync")).stdout
    detail = json.loads(ok(cli("status", "afghanistan-contact-group-beijing", "--json")).stdout)[
        "commitment"
    ]
    assert detail["archived"] is False
    assert [h["event"] for h in detail["history"]] == ["status", "archived", "restored"]


def test_a_commitment_removed_before_its_file_was_known_names_no_file(cli, db_url, project_dir):
    """A database synced before migration 0006 does not know the file of each commitment: one
    removed before the next sync says 'removed from the tracker's files', never a file it
    may not have been in; the others' files are noted by that sync, saying nothing of it."""
    ok(cli("sync"))
    execute(db_url, "UPDATE commitments SET file = NULL")
    path = project_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: afghanistan-contact-group-beijing\n")
    end = text.index("  - id: next-secretaries-meeting-kyrgyzstan")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert "Synced commitments.yaml: 1 archived; 1 status history entry" in ok(cli("sync")).stdout
    assert count(db_url, "SELECT count(*) FROM commitments WHERE file IS NULL") == 1
    out = ok(cli("status", "afghanistan-contact-group-beijing")).stdout
    assert "ARCHIVED: removed from the tracker's files (archived " in out
    assert "removed from commitments.yaml" not in out
    detail = json.loads(ok(cli("status", "afghanistan-contact-group-beijing", "--json")).stdout)
    assert detail["commitment"]["archived_from"] is None
    assert "No changes" in ok(cli("sync")).stdout


def test_sync_writes_set_based_and_records_one_entry_per_status_change(cli, db_url, project_dir):
    ok(cli("sync"))
    record_youth_adoption(project_dir)
    out = ok(cli("sync", "--json"))
    data = json.loads(out.stdout)
    assert data["updated"] == [YOUTH] and data["history_entries"] == 1 and data["changed"] is True
    assert (
        count(db_url, "SELECT count(*) FROM status_history") == 26
    )  # 25 from the first sync, plus one
    assert count(db_url, "SELECT count(*) FROM sync_runs") == 2


# --- crashes and concurrency --------------------------------------------------------------------


def _start_sync(cwd: Path, hook: Path | None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if hook is not None:
        env["SCO_TRACKER_TEST_HOOK_SYNC_PAUSE"] = str(hook)
    return subprocess.Popen(
        [sys.executable, "-m", "sco_tracker", "sync"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(path: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"sync ended before pausing: {proc.communicate()}")
        assert time.monotonic() < deadline, "sync never reached the pause"
        time.sleep(0.05)


@pytest.mark.slow
def test_sigkill_part_way_through_a_sync_leaves_the_database_as_it_was(
    cli, db_url, project_dir, tmp_path
):
    ok(cli("sync"))
    before = table_rows(db_url)
    record_youth_adoption(project_dir)
    hook = tmp_path / "hook"
    hook.mkdir()
    proc = _start_sync(project_dir, hook)
    _wait_for(hook / "paused", proc)  # inside the transaction, every row written, not committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    if BACKEND == "sqlite":
        assert (
            count(
                db_url, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"
            )
            == 1
        )
    assert table_rows(db_url) == before  # as it was: nothing of the killed sync
    out = ok(cli("sync"))  # and a new sync brings it fully up to date
    assert "1 changed; 1 status history entry recorded." in out.stdout
    assert count(db_url, "SELECT count(*) FROM status_history") == 26
    assert (
        count(
            db_url,
            f"SELECT count(*) FROM commitments WHERE id = '{YOUTH}' AND status = 'fulfilled'",
        )
        == 1
    )


@pytest.mark.slow
def test_two_syncs_at_once_neither_corrupt_nor_duplicate(project_dir, db_url, tmp_path):
    hook = tmp_path / "hook"
    hook.mkdir()
    first = _start_sync(project_dir, hook)  # a brand-new database: both also race to create it
    _wait_for(hook / "paused", first)  # the first holds the write transaction open...
    second = _start_sync(project_dir, None)  # ...while the second starts
    time.sleep(1)
    (hook / "release").write_text("go")
    out1, err1 = first.communicate(timeout=120)
    out2, err2 = second.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, (err1, err2)
    assert "25 added" in out1
    assert (
        out2.strip()
        == "No changes: the database already matches commitments.yaml (25 commitments)."
    )
    assert count(db_url, "SELECT count(*) FROM commitments") == 25
    assert count(db_url, "SELECT count(*) FROM status_history") == 25
    assert count(db_url, "SELECT count(*) FROM sync_runs") == 1
    if BACKEND == "sqlite":
        assert (
            count(
                db_url, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"
            )
            == 1
        )


# --- check runs -------------------------------------------------------------------------------


def findings_of(result: Result) -> dict[tuple[str, str], str]:
    return {(f["commitment"], f["kind"]): f["state"] for f in json.loads(result.stdout)["findings"]}


def test_each_finding_is_new_continuing_or_resolved_against_the_previous_run(cli, db_url):
    first_run = ok(cli("check", "--as-of", "2018-06-01", "--json"))
    first = findings_of(first_run)
    assert first[(YOUTH, "due_soon")] == "new"
    second = ok(cli("check", "--as-of", "2018-06-15", "--json"))
    states = findings_of(second)
    assert states[(YOUTH, "due_soon")] == "resolved"
    assert states[(YOUTH, "overdue")] == "new"
    assert (
        json.loads(second.stdout)["check_run"]["previous_run"]
        == json.loads(first_run.stdout)["check_run"]["id"]
    )
    third = findings_of(ok(cli("check", "--as-of", "2018-06-15", "--json")))
    assert third == {
        (YOUTH, "overdue"): "continuing",
        ("qingdao-drug-abuse-concept", "overdue"): "continuing",
    }
    assert count(db_url, "SELECT count(*) FROM check_runs") == 3
    assert count(db_url, "SELECT count(*) FROM findings WHERE state = 'resolved'") == 4


def test_fail_on_gates_pipelines(cli):
    gated = cli("check", "--as-of", "2018-06-15", "--fail-on", "overdue,stale")
    assert gated.exit_code == 1, gated.output
    assert "Failing because of: overdue" in gated.stderr
    assert cli("check", "--as-of", "2018-06-15", "--fail-on", "blocked").exit_code == 0
    bad = cli("check", "--fail-on", "overdu")
    assert bad.exit_code == 2 and "did you mean 'overdue'?" in bad.stderr


# --- where the database is --------------------------------------------------------------------


def test_db_flag_beats_the_environment_which_beats_the_setting(project_dir):
    path = project_dir / "commitments.yaml"
    edit(
        path,
        "  reports_dir: reports\n",
        f"  reports_dir: reports\n  database: sqlite:///{project_dir}/setting.db\n",
    )
    env = {"SCO_TRACKER_DB": f"sqlite:///{project_dir}/env.db"}
    ok(run_cli(["sync", "--db", f"sqlite:///{project_dir}/flag.db"], project_dir, env))
    assert [p.name for p in sorted(project_dir.glob("*.db"))] == ["flag.db"]
    ok(run_cli(["sync"], project_dir, env))
    assert [p.name for p in sorted(project_dir.glob("*.db"))] == ["env.db", "flag.db"]
    ok(run_cli(["sync"], project_dir, {"SCO_TRACKER_DB": ""}))
    assert [p.name for p in sorted(project_dir.glob("*.db"))] == ["env.db", "flag.db", "setting.db"]
    assert not (project_dir / "sco-tracker.db").exists()


def test_bad_or_unreachable_databases_are_explained_without_a_traceback(cli):
    bad = cli("sync", "--db", "not a url")
    assert bad.exit_code == 2 and "'not a url' is not a database URL" in bad.stderr
    down = cli("sync", "--db", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert down.exit_code == 2
    assert "cannot use the database postgresql+psycopg://nobody@127.0.0.1:9/none" in down.stderr
    assert "Traceback" not in down.output + bad.output


def test_help_and_validate_do_not_load_the_database_libraries(project_dir):
    code = (
        "import sys\nfrom sco_tracker.cli.app import main\nfor args in (['sync', '--help'], "
        "['check', '--help'], ['status', '--help'], ['db', 'upgrade', '--help'], "
        "['validate']):\n    try:\n        main(args)\n    except SystemExit as e:\n        "
        "assert e.code == 0, (args, e.code)\nprint('LOADED' if 'sqlalchemy' in sys.modules else "
        "'NOT LOADED')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=project_dir, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("NOT LOADED")
    for cmd in ("sync", "check", "status", "db", "run"):
        assert "--help" not in ok(run_cli([cmd, "--help"], project_dir)).stdout.splitlines()[0]


# --- the same answers on SQLite and PostgreSQL ----------------------------------------------------


def _answers(project_dir: Path, url: str) -> dict[str, object]:
    def run(*args: str) -> dict[str, object]:
        data = json.loads(ok(run_cli([*args, "--db", url], project_dir)).stdout)
        return data

    check = run("check", "--as-of", "2018-06-15", "--json")
    check["check_run"] = {k: v for k, v in check["check_run"].items() if k != "run_at"}  # type: ignore[union-attr]
    status = run("status", "--json", "--as-of", "2018-06-15")
    detail = run("status", YOUTH, "--json", "--as-of", "2018-06-15")
    for h in detail["commitment"]["history"]:  # type: ignore[index]
        h.pop("observed_at")
    return {"check": check, "status": status, "detail": detail}


@pytest.mark.postgres
def test_check_and_status_give_the_same_answers_on_sqlite_and_postgresql(
    project_dir, pg_url, tmp_path
):
    on_sqlite = _answers(project_dir, f"sqlite:///{tmp_path}/compare.db")
    on_postgres = _answers(project_dir, pg_url)
    assert on_sqlite == on_postgres
    overdue = {f["commitment"] for f in on_sqlite["check"]["findings"] if f["kind"] == "overdue"}  # type: ignore[index]
    assert overdue == {YOUTH, "qingdao-drug-abuse-concept"}
    assert len(on_sqlite["status"]["commitments"]) == 25  # type: ignore[index]


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    from sco_tracker.db.store import BUSY_TIMEOUT_MS, open_store

    with open_store(f"sqlite:///{tmp_path}/t.db") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS


def test_the_migrations_ship_inside_the_package():
    import sco_tracker

    pkg = Path(sco_tracker.__file__).parent / "db" / "migrations"
    assert (pkg / "env.py").is_file()
    assert sorted(p.name for p in (pkg / "versions").glob("0*.py")) == [
        "0001_initial.py",
        "0002_check_runs.py",
        "0003_scheduler.py",
        "0004_notifications.py",
        "0005_notify_told.py",
        "0006_files_and_subscribers.py",
        "0007_webhook_urls_out.py",
        "0008_drafts_out.py",
    ]
    assert not (ROOT / "alembic.ini").exists()


def test_a_large_sync_is_written_in_batches_and_misses_none(project_dir, db_url, monkeypatch):
    """Commitments are upserted in batches (memory stays bounded at 100,000): every one arrives."""
    from sco_tracker.db import sync
    from sco_tracker.db.store import open_store
    from sco_tracker.spec.project import load_project

    monkeypatch.setattr(sync, "UPSERT_BATCH", 7)  # 25 commitments: batches of 7, 7, 7 and 4
    project = load_project(project_dir / "commitments.yaml")
    store = open_store(db_url)
    try:
        result = sync.sync_project(store, project, "commitments.yaml")
    finally:
        store.close()
    assert len(result.added) == 25
    assert count(db_url, "SELECT count(*) FROM commitments") == 25
    assert count(db_url, "SELECT count(DISTINCT content_hash) FROM commitments") == 25
