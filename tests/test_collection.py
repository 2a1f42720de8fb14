"""`pytest` and `python -m pytest` must collect the same tests.

`python -m pytest` puts the current folder on sys.path and the `pytest` script does not, so a
test that imports `tests.conftest` or a helper module could be collected by one and fail to
import under the other. pyproject.toml's `pythonpath = [".", "tests"]` makes them equal; this
test runs both collections, as a developer would type them, and compares the node ids.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

COLLECT = ["--collect-only", "-q", "-p", "no:cacheprovider"]


def _node_ids(command: list[str]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # as in a fresh shell
    proc = subprocess.run(
        command + COLLECT, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ids = [line for line in proc.stdout.splitlines() if "::" in line]
    assert ids, proc.stdout
    return ids


@pytest.mark.slow
def test_pytest_and_python_dash_m_pytest_collect_the_same_tests() -> None:
    script = Path(sys.executable).parent / "pytest"
    assert script.exists(), f"no pytest script beside {sys.executable}"
    plain = _node_ids([str(script)])
    module = _node_ids([sys.executable, "-m", "pytest"])
    assert plain == module
    assert (
        "tests/test_collection.py::test_pytest_and_python_dash_m_pytest_collect_the_same_tests"
        in plain
    )
