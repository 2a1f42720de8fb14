"""Writes that lose nothing: through links, never over devices, one at a time (OS locks that
die with their process), no temporary files left by a killed run, no run left "running" by a
killed scheduler, and no database password in the scheduler's job table."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from pause_helpers import Held
from scheduler_helpers import Daemon, pretend_downtime, set_schedule

UPDATE = ["update", "qingdao-youth-action-programme", "--date", "2018-06-05", "--note", "Reported."]


def _shared_file(project: Path, shared_dir: Path) -> Path:
    """commitments.yaml moved to a shared folder, the project keeping a link to it."""
    shared = shared_dir / "commitments.yaml"
    (project / "commitments.yaml").rename(shared)
    (project / "commitments.yaml").symlink_to(shared)
    return shared


# --- 2. writes go through links, never over a device ---------------------------------------------


def test_an_update_through_a_link_reaches_the_shared_file(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    shared_dir = tmp_path_factory.mktemp("team-share")
    shared = _shared_file(project_dir, shared_dir)
    shared.chmod(0o664)
    r = run_cli(UPDATE, project_dir)
    assert r.exit_code == 0, r.output
    link = project_dir / "commitments.yaml"
    assert link.is_symlink() and link.resolve() == shared
    assert "Reported." in shared.read_text(encoding="utf-8")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    # the temporary file was made beside the shared file, and none is left anywhere
    assert not [p for p in shared_dir.iterdir() if p.name.endswith(".tmp")]
    assert not [p for p in project_dir.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_an_update_keeps_the_owner_of_the_file(project_dir: Path) -> None:
    path = project_dir / "commitments.yaml"
    os.chown(path, 4321, 4321)
    assert run_cli(UPDATE, project_dir).exit_code == 0
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (4321, 4321)
    assert "Reported." in path.read_text(encoding="utf-8")


def test_a_calendar_is_never_written_over_a_named_pipe(project_dir: Path) -> None:
    fifo = project_dir / "feed.ics"
    os.mkfifo(fifo)
    r = run_cli(["calendar", "-o", str(fifo)], project_dir)
    assert r.exit_code == 2, r.output
    assert "is a named pipe, not a regular file" in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_calendar_is_never_written_over_a_device(project_dir: Path) -> None:
    null = project_dir / "null"  # a device node of the test's own, like /dev/null
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    r = run_cli(["calendar", "-o", str(null)], project_dir)
    assert r.exit_code == 2, r.output
    assert "is a device, not a regular file" in r.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    # and through a link to it
    (project_dir / "link.ics").symlink_to(null)
    assert run_cli(["calendar", "-o", "link.ics"], project_dir).exit_code == 2
    assert stat.S_ISCHR(os.lstat(null).st_mode)


# --- 4. lost work and stale state ---------------------------------------------------------------


def test_two_reports_at_once_both_stay_in_the_manifest(project_dir: Path, tmp_path: Path) -> None:
    import json

    first = Held(["report", "--as-of", "2018-06-01"], project_dir, "commit", tmp_path / "held")
    second = subprocess.Popen(
        [sys.executable, "-m", "sco_tracker", "report", "--as-of", "2018-06-15"],
        cwd=project_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            second.wait(timeout=3)  # it waits for the first one's lock
        rc, out = first.release()
        assert rc == 0, out
        assert second.wait(timeout=120) == 0
    finally:
        if second.poll() is None:
            second.kill()
        assert second.stdout is not None
        second.stdout.close()
    manifest = json.loads((project_dir / "reports" / "reports.json").read_text(encoding="utf-8"))
    assert [r["as_of"] for r in manifest["reports"]] == ["2018-06-01", "2018-06-15"]
    index = (project_dir / "reports" / "index.md").read_text(encoding="utf-8")
    assert "2018-06-01" in index and "2018-06-15" in index


@pytest.mark.parametrize(
    "killed",
    [
        UPDATE,
        [
            "assess",
            "qingdao-youth-joint-appeal",
            "--party",
            "india",
            "--score",
            "0",
            "--window",
            "interim-2018",
            "--date",
            "2018-06-10",
            "--note",
            "Partly.",
            "--source",
            "https://example.org/evidence",
        ],
        ["draft", "new.txt", "--source-id", "tashkent-2016", "--write"],
    ],
    ids=["update", "assess", "draft"],
)
def test_an_edit_killed_with_kill_9_does_not_block_the_next(
    project_dir: Path, tmp_path: Path, killed: list[str]
) -> None:
    (project_dir / "new.txt").write_text(
        "Tashkent Declaration, 24 June 2016.\nThe Member States will hold a forum in 2017.\n",
        encoding="utf-8",
    )
    before = (project_dir / "commitments.yaml").read_bytes()
    held = Held(killed, project_dir, "edit", tmp_path / "held")
    assert held.kill() == -signal.SIGKILL
    assert (project_dir / "commitments.yaml").read_bytes() == before
    r = run_cli(UPDATE, project_dir, timeout=60)
    assert r.exit_code == 0, r.output
    assert "Reported." in (project_dir / "commitments.yaml").read_text(encoding="utf-8")


HOLD_THE_EDIT_LOCK = """
import time
from pathlib import Path
from sco_tracker.spec.yamledit import file_lock
with file_lock(Path("commitments.yaml")):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_a_lock_left_by_a_process_killed_while_editing_blocks_nothing(project_dir: Path) -> None:
    """A real process takes the edit lock and dies by kill -9 while holding it."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            HOLD_THE_EDIT_LOCK,
        ],
        cwd=project_dir,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout:
            holder.stdout.close()
    assert holder.returncode == -signal.SIGKILL
    r = run_cli(UPDATE, project_dir, timeout=60)
    assert r.exit_code == 0, r.output


def test_a_lock_file_that_is_a_link_is_refused_not_truncated(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    victim = tmp_path_factory.mktemp("outside") / "important.txt"
    victim.write_text("keep me\n")
    (project_dir / "reports").mkdir()
    (project_dir / "reports" / ".reports.json.lock").symlink_to(victim)
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 2, r.output
    assert "is a link, not the lock file" in r.stderr
    assert victim.read_text() == "keep me\n"


def _interrupted_runs(url: str) -> list[tuple[str, str]]:
    from dbbackend import table_rows

    return [(r[1], r[4]) for r in table_rows(url)["job_runs"]]


@pytest.mark.slow
def test_a_run_killed_with_its_scheduler_is_marked_interrupted_at_the_next_start(
    project_dir: Path, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from sco_tracker.db.sync import TEST_HOOK_ENV

    set_schedule(project_dir, "every 1 hours", "every 1 hours")
    first = Daemon(project_dir, "first")
    first.wait_for_log("scheduler started")
    first.stop(signal.SIGKILL)
    pretend_downtime(db_url, "check", timedelta(minutes=5))
    hold = tmp_path / "hold"
    hold.mkdir()
    monkeypatch.setenv(TEST_HOOK_ENV, str(hold))
    second = Daemon(project_dir, "second")  # catches up the check run, held inside its sync
    second.wait_for((hold / "paused").exists, "the check run to be held in its sync")
    assert ("check", "running") in _interrupted_runs(db_url)
    second.stop(signal.SIGKILL)
    monkeypatch.delenv(TEST_HOOK_ENV)
    third = Daemon(project_dir, "third")
    third.wait_for_log("was interrupted")
    assert ("check", "interrupted") in _interrupted_runs(db_url)
    assert ("check", "running") not in _interrupted_runs(db_url)
    assert third.stop() == 0
    runs = run_cli(["runs"], project_dir)
    assert "interrupted" in runs.stdout, runs.output


# --- 5. no database password in the job table ----------------------------------------------------


def _job_rows(url: str) -> list[tuple[str, bytes]]:
    from dbbackend import table_rows

    return [(r[0], bytes(r[2])) for r in table_rows(url)["apscheduler_jobs"]]


def _stored_kwargs(url: str) -> dict[str, dict[str, object]]:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    from sco_tracker.db.store import open_store

    with open_store(url) as store:
        jobstore = SQLAlchemyJobStore(engine=store.engine, tablename="apscheduler_jobs")
        jobstore.start(BackgroundScheduler(timezone="UTC"), "default")
        return {job.id: dict(job.kwargs) for job in jobstore.get_all_jobs()}


def test_the_job_table_holds_no_database_url(project_dir: Path, db_url: str) -> None:
    set_schedule(project_dir, "every 1 hours", "every 1 hours")
    daemon = Daemon(project_dir)
    daemon.wait_for_log("scheduler started")
    assert daemon.stop() == 0
    kwargs = _stored_kwargs(db_url)
    file = str((project_dir / "commitments.yaml").resolve())
    assert kwargs == {"check": {"file": file}, "report": {"file": file}}


@pytest.mark.postgres
def test_a_postgresql_password_never_reaches_the_job_table(
    project_dir: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    secret = "s3cret-Passw0rd"
    url = make_url(pg_url).set(password=secret).render_as_string(hide_password=False)
    set_schedule(project_dir, "every 1 hours", "every 1 seconds")
    monkeypatch.setenv("SCO_TRACKER_DB", url)  # the daemon inherits the environment
    daemon = Daemon(project_dir)
    daemon.wait_for_log("report run: ok")
    assert daemon.stop() == 0
    rows = _job_rows(pg_url)
    assert sorted(job for job, _ in rows) == ["check", "report"]
    for job, state in rows:
        assert secret.encode() not in state, job
        # No URL at all: neither its scheme nor its host and port (a lone "@" byte can be part
        # of the pickled next run time, so it proves nothing).
        parts = make_url(pg_url)
        for piece in ("postgresql+psycopg://", f"{parts.host}:{parts.port}", parts.database or "-"):
            assert piece.encode() not in state, (job, piece)
    assert secret not in daemon.log


def test_jobs_stored_with_a_database_url_still_load_and_are_replaced(
    project_dir: Path, db_url: str
) -> None:
    """Rows written by an older version carry the URL in their arguments: they load, and the
    next start replaces them with rows that do not."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    from sco_tracker.db.store import open_store
    from sco_tracker.schedule.daemon import planned_jobs
    from sco_tracker.spec.project import load_project

    set_schedule(project_dir, "every 1 hours", "every 1 hours")
    file = str((project_dir / "commitments.yaml").resolve())
    project = load_project(file)
    assert run_cli(["db", "upgrade"], project_dir).exit_code == 0
    with open_store(db_url) as store:
        scheduler = BackgroundScheduler(timezone="UTC")
        scheduler.add_jobstore(
            SQLAlchemyJobStore(engine=store.engine, tablename="apscheduler_jobs"), "default"
        )
        scheduler.start(paused=True)
        for job in planned_jobs(project):
            old_ref = "sco_tracker.jobs:" + job.ref.rsplit(":", 1)[1]  # the older stable path
            scheduler.add_job(
                old_ref, job.trigger, id=job.id, name=job.name, kwargs={"file": file, "db": db_url}
            )
        scheduler.shutdown(wait=False)
    assert _stored_kwargs(db_url)["check"] == {"file": file, "db": db_url}
    # an old row still runs as it is
    from sco_tracker.jobs import check_job

    assert check_job(file=file, db=db_url) is True
    daemon = Daemon(project_dir)
    daemon.wait_for_log("scheduler started")
    assert daemon.stop() == 0
    assert _stored_kwargs(db_url) == {"check": {"file": file}, "report": {"file": file}}
