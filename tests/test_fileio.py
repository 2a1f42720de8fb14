"""Atomic writes keep the permissions people expect (a temporary file alone would be private)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sco_tracker.fileio import write_atomic


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_permissions_of_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        import importlib

        from sco_tracker import fileio

        importlib.reload(fileio)  # the umask is read at import
        fileio.write_atomic(tmp_path / "report.md", "# report\n")
    finally:
        os.umask(old)
        importlib.reload(fileio)
    assert _mode(tmp_path / "report.md") == 0o644


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "commitments.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert _mode(target) == 0o640


def test_reports_are_readable_by_the_team(cli, project_dir: Path) -> None:  # type: ignore[no-untyped-def]
    old = os.umask(0o022)  # the usual umask; sco-tracker runs as a child process and inherits it
    try:
        result = cli("report", "--as-of", "2018-06-15")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    written = sorted(p for p in (project_dir / "reports").rglob("*") if p.is_file())
    assert len(written) >= 6
    for path in written:
        assert _mode(path) == 0o644, f"{path.name} is {oct(_mode(path))}"
