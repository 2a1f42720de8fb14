"""A broken environment gets one clean message and exit 2, never a traceback.

A damaged database file, a database made by a newer sco-tracker, a reports folder that cannot
be written (read-only, full, or a path that cannot be a folder), and a user template that fails
while it renders: each names the file and says what to do, and leaves what was there as it was.
"""

from __future__ import annotations

import ctypes
import os
import resource
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import Result, edit
from tests.dbbackend import execute

from sco_tracker.db.store import HEAD_REVISION


def run(args: list[str], cwd: Path, preexec: Callable[[], None] | None = None) -> Result:
    """sco-tracker as a real process, optionally with a limit set in the child before it starts."""
    proc = subprocess.run(
        [sys.executable, "-m", "sco_tracker", *args],
        cwd=cwd,
        env={**os.environ, "SCO_TRACKER_NO_CACHE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=preexec,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def clean_failure(result: Result, *needles: str) -> None:
    """Exit 2, no traceback, and one message (on stderr) that says each needle."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- the database ------------------------------------------------------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database, whatever its name says\n" * 200)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _pages_overwritten(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for at in range(4096, len(data), 4096):
        data[at : at + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage, _truncated, _pages_overwritten])
@pytest.mark.parametrize("command", [["status"], ["run"], ["db", "current"], ["db", "upgrade"]])
def test_a_damaged_sqlite_file_is_named_with_the_fix(
    project_dir: Path, damage: Callable[[Path], None], command: list[str]
) -> None:
    # A damaged *file* is SQLite's case: named with --db whatever the backend under test.
    db = project_dir / "sco-tracker.db"
    url = f"sqlite:///{db}"
    assert run(["sync", "--db", url], project_dir).exit_code == 0
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        side.unlink(missing_ok=True)
    damage(db)
    before = db.read_bytes()
    result = run([*command, "--db", url], project_dir)
    clean_failure(result, str(db), "damaged", "Restore it from a backup")
    assert db.read_bytes() == before


def _make_newer(project_dir: Path, url: str) -> None:
    assert run(["sync"], project_dir).exit_code == 0
    execute(url, "UPDATE alembic_version SET version_num = '0099'")


@pytest.mark.parametrize("command", [["status"], ["run"], ["db", "upgrade"]])
def test_a_database_from_a_newer_version_asks_to_upgrade_the_tool(
    project_dir: Path, db_url: str, command: list[str]
) -> None:
    _make_newer(project_dir, db_url)
    result = run(command, project_dir)
    clean_failure(result, "made by a newer version", "Upgrade sco-tracker")
    assert "'sco-tracker db upgrade' cannot help" in result.stderr


def test_db_current_says_the_database_is_newer_than_this_sco_tracker(
    project_dir: Path, db_url: str
) -> None:
    _make_newer(project_dir, db_url)
    result = run(["db", "current"], project_dir)
    assert result.exit_code == 0, result.output
    assert f"revision 0099 (this version needs {HEAD_REVISION})" in result.stdout
    assert "the database is newer than this sco-tracker" in result.stdout
    assert "upgrade sco-tracker itself" in result.stdout
    assert "needs 'sco-tracker db upgrade'" not in result.stdout


# -- the reports folder ------------------------------------------------------------------------

#: Linux capabilities that let root write where the permissions say no (see capabilities(7)).
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3
_PR_CAPBSET_DROP = 24


def _without_root_override() -> None:
    """In the child: as root, give up the capabilities that ignore file permissions (they are
    dropped from the bounding set, so the exec'd program does not get them back)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def reports(project_dir: Path) -> Path:
    """The fixture project with a first set of reports already written."""
    assert run(["run", "--as-of", "2019-01-01"], project_dir).exit_code == 0
    folder = project_dir / "reports"
    assert (folder / "2019-01-01.md").exists()
    return folder


def test_a_read_only_reports_folder(project_dir: Path, reports: Path) -> None:
    before = contents(reports)
    reports.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        result = run(["report", "--as-of", "2019-02-01"], project_dir, _without_root_override)
    finally:
        reports.chmod(0o755)
    clean_failure(
        result,
        "cannot write the reports in",
        str(reports.relative_to(project_dir)),
        "Permission denied",
        "make the folder writable, or choose another folder with --out",
    )
    assert contents(reports) == before


def _file_size_limit(limit: int) -> Callable[[], None]:
    def preexec() -> None:
        # Writing past the limit fails with EFBIG (Python ignores SIGXFSZ), as a full disk does
        # with ENOSPC: the one way to fill a disk without mounting one.
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def test_a_full_reports_folder(project_dir: Path, reports: Path) -> None:
    before = contents(reports)
    html = (reports / "2019-01-01.html").stat().st_size
    # Room for the database's small writes, not for a whole HTML report.
    result = run(
        ["report", "--as-of", "2019-02-01", "--format", "html"],
        project_dir,
        _file_size_limit(html // 2),
    )
    clean_failure(result, "cannot write the reports in", "choose another folder with --out")
    assert contents(reports) == before
    assert not [p for p in reports.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        ("a-file/reports", "Not a directory"),
        ("/proc/sco-tracker-reports", "No such file or directory"),
    ],
)
def test_out_to_a_folder_that_cannot_be_created(project_dir: Path, out: str, reason: str) -> None:
    (project_dir / "a-file").write_text("not a folder\n", encoding="utf-8")
    result = run(["report", "--as-of", "2019-01-01", "--out", out], project_dir)
    clean_failure(result, f"cannot write the reports in {out}", reason, "--out")


def test_calendar_to_a_place_that_cannot_be_written(project_dir: Path) -> None:
    (project_dir / "a-file").write_text("not a folder\n", encoding="utf-8")
    result = run(["calendar", "--as-of", "2019-01-01", "-o", "a-file/deadlines.ics"], project_dir)
    clean_failure(result, "cannot write a-file/deadlines.ics", "choose another file with --output")


# -- user templates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "line", "says"),
    [
        ("# {{ title }}\n\n{{ 1/0 }}\n", 3, "ZeroDivisionError: division by zero"),
        # (a name no template is given is refused by validate first: test_template_variables)
        ("# Report\n{{ fulfilment.no_such_field }}\n", 2, "no attribute 'no_such_field'"),
        ("# Report\n\n\n{{ themes[0].name + 1 }}\n", 4, "TypeError"),
    ],
)
def test_a_user_template_that_fails_while_rendering(
    project_dir: Path, template: str, line: int, says: str
) -> None:
    edit(
        project_dir / "commitments.yaml",
        "  reports_dir: reports\n",
        "  reports_dir: reports\n  templates_dir: my-templates\n",
    )
    (project_dir / "my-templates").mkdir()
    path = project_dir / "my-templates" / "report.md.j2"
    path.write_text(template, encoding="utf-8")
    result = run(["report", "--as-of", "2019-01-01", "--format", "md"], project_dir)
    clean_failure(result, f"template {path}")
    assert f"{path}:{line}:1: template error: " in result.stderr, result.stderr
    assert says in result.stderr
    assert not (project_dir / "reports" / "2019-01-01.md").exists()
