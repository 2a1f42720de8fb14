"""Shared fixtures and the Gherkin steps that many features use.

Fixture projects are copies of the frozen test data (tests/data/beijing: commitments.yaml and
sources/, copied once from the analysts' live file) in tmp_path, so a test may edit them freely
and an analyst's edit of the live file changes no test. "The shipped commitments file" in the
features is this frozen copy; only tests/test_live_file.py reads the live file.

Commands run either in-process through `sco_tracker.cli.app.main` (fast) or as real processes
(`python -m sco_tracker`) where the process itself matters.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

ROOT = Path(__file__).resolve().parent.parent
#: The frozen copy of the Beijing commitments and their source texts (see its README.md).
DATA = ROOT / "tests" / "data" / "beijing"
#: The frozen commitments file; tests read it, never the live ROOT / "commitments.yaml".
FROZEN_FILE = DATA / "commitments.yaml"
#: The frozen source texts.
FROZEN_SOURCES = DATA / "sources"
#: The Beijing communiqué's text in the frozen copy.
BEIJING_TEXT = FROZEN_SOURCES / "sco-security-council-secretaries-2018-05-22-beijing.txt"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def benchmark_generator() -> Any:
    """benchmarks/generate.py as a module (the benchmarks are scripts, not a package)."""
    name = "bench_generate"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "generate.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of the frozen commitments.yaml and its sources, in a fresh folder."""
    shutil.copy(FROZEN_FILE, tmp_path / "commitments.yaml")
    shutil.copytree(FROZEN_SOURCES, tmp_path / "sources")
    return tmp_path


def run_cli(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> Result:
    """Run sco-tracker as a real process, as a user would."""
    full_env = {**os.environ, **(env or {})}
    full_env.setdefault("PYTHONUNBUFFERED", "1")
    proc = subprocess.run(
        [sys.executable, "-m", "sco_tracker", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli(project_dir: Path):  # type: ignore[no-untyped-def]
    """cli(*args) runs sco-tracker in the fixture project folder."""

    def _run(*args: str, env: dict[str, str] | None = None) -> Result:
        return run_cli(list(args), project_dir, env)

    return _run


@pytest.fixture
def smtp() -> Any:
    """A real SMTP server on 127.0.0.1 that keeps what it receives (notify_servers.py)."""
    from notify_servers import SmtpServer

    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def hook() -> Any:
    """A real HTTP server on 127.0.0.1 standing for a chat webhook (notify_servers.py)."""
    from notify_servers import HookServer

    server = HookServer()
    yield server
    server.close()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace old with new in a file; fail loudly if old is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


#: The status of the youth action programme and the note after it, in the frozen file: where
#: the tests change its status (its adoption at Qingdao is not confirmed, so it is 'planned').
YOUTH_PROGRAMME = (
    "    status: planned\n    notes: No verified record of its adoption at Qingdao yet."
)


def set_youth_programme(folder: Path, status: str) -> None:
    """Give the youth action programme another status (or an invalid word), keeping its note."""
    edit(
        folder / "commitments.yaml",
        YOUTH_PROGRAMME,
        YOUTH_PROGRAMME.replace("status: planned", f"status: {status}"),
    )


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The line number (from 1) of the occurrence-th line containing needle."""
    seen = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return n
    raise AssertionError(f"{needle!r} not found in {path}")


# --- Steps shared by the features --------------------------------------------------------------


@given("the shipped commitments file", target_fixture="workdir")
def shipped_file(project_dir: Path) -> Path:
    return project_dir


@when(parsers.parse('I run "{command}"'), target_fixture="result")
def run_command(workdir: Path, command: str) -> Result:
    args = shlex.split(command)
    assert args[0] == "sco-tracker"
    return run_cli(args[1:], workdir)


@when('I run the "Next:" command it printed', target_fixture="result")
def run_next(workdir: Path, result: Result) -> Result:
    found = re.findall(r"^Next: (.+)$", result.output, re.MULTILINE)
    assert found, result.output
    return run_command(workdir, found[-1])


@when(
    parsers.parse('I run the "Next:" command it printed, with {day} in place of YYYY-MM-DD'),
    target_fixture="result",
)
def run_next_dated(workdir: Path, result: Result, day: str) -> Result:
    found = re.findall(r"^Next: (.+)$", result.output, re.MULTILINE)
    assert found and "YYYY-MM-DD" in found[-1], result.output
    return run_command(workdir, found[-1].replace("YYYY-MM-DD", day))


@given("the date of the 14th meeting of the Security Council Secretaries is not yet known")
def meeting_undated(workdir: Path) -> None:
    edit(
        workdir / "commitments.yaml",
        "    title: 14th meeting of the SCO Security Council Secretaries\n    date: 2019-05-15\n",
        "    title: 14th meeting of the SCO Security Council Secretaries\n",
    )


@given(parsers.parse("the youth action programme is due {due}"))
def youth_programme_due(workdir: Path, due: str) -> None:
    """Another due date for the youth action programme (planned, due at the Qingdao summit)."""
    anchor = "    due: qingdao-summit\n    status: planned\n"
    edit(workdir / "commitments.yaml", anchor, anchor.replace("qingdao-summit", due))


@then("the commitments file is unchanged")
def commitments_unchanged(workdir: Path) -> None:
    """The scenario's commitments.yaml is still the frozen file it started from."""
    assert (workdir / "commitments.yaml").read_text(encoding="utf-8") == FROZEN_FILE.read_text(
        encoding="utf-8"
    )


@then(parsers.parse("the exit code is {code:d}"))
def exit_code_is(result: Result, code: int) -> None:
    assert result.exit_code == code, result.output


@then(parsers.parse('the output contains "{text}"'))
def output_contains(result: Result, text: str) -> None:
    assert text in result.output, result.output


@then(parsers.parse('the output does not contain "{text}"'))
def output_lacks(result: Result, text: str) -> None:
    assert text not in result.output, result.output


@then("no traceback is printed")
def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output, result.output


@then(parsers.re(r'the output matches "(?P<pattern>.+)"'))
def output_matches(result: Result, pattern: str) -> None:
    assert re.search(pattern, result.output, re.MULTILINE), result.output


# --- Database backend: SQLite or PostgreSQL (see tests/dbbackend.py) --------------------------
from dbbackend import (  # noqa: E402,F401
    _database_backend,
    _pg_schemas,
    db_url,
    pg_url,
    pytest_configure,
    pytest_report_header,
    pytest_terminal_summary,
)
