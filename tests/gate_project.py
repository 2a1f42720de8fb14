"""A copy of the shipped project for tests/test_validation_gate.py, without conftest.py.

`copy_project` makes a fresh copy of the frozen test data (tests/data/beijing: commitments.yaml
and sources/, never the live file at the root) in a folder; `change` edits it
(failing loudly when the text to replace is not there); `sco` runs sco-tracker there as a real
process, with the SQLite file beside commitments.yaml and no cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The frozen copy the tests start from (see tests/data/beijing/README.md), not the live file.
DATA = ROOT / "tests" / "data" / "beijing"


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def copy_project(folder: Path) -> Path:
    shutil.copy(DATA / "commitments.yaml", folder / "commitments.yaml")
    shutil.copytree(DATA / "sources", folder / "sources")
    return folder


def change(folder: Path, old: str, new: str) -> None:
    path = folder / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_with(folder: Path, needle: str) -> int:
    for n, line in enumerate(
        (folder / "commitments.yaml").read_text(encoding="utf-8").splitlines(), 1
    ):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in commitments.yaml")


def sco(folder: Path, *args: str) -> Ran:
    env = {k: v for k, v in os.environ.items() if k != "SCO_TRACKER_DB"}
    env["SCO_TRACKER_NO_CACHE"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "sco_tracker", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Ran(proc.returncode, proc.stdout, proc.stderr)
