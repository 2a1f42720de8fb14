"""The validation cache (sco_tracker/cache.py): validate answered without click, PyYAML or pydantic.

Nothing here measures time: the benchmark does (benchmarks/run.py). These tests pin that the
fast answers are exactly the slow ones, and that the cache is missed whenever its key changes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import edit, run_cli

CACHE = Path(".sco-tracker-cache") / "validate.json"


#: Standard-library modules a cache hit does without (a warm validate is mostly start-up).
_NOT_ON_A_HIT = ("pathlib", "typing", "zoneinfo", "sqlite3", "urllib.parse", "datetime")


def _modules_after_fast(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> dict[str, object]:
    """Run the cached-validate shortcut in a fresh interpreter: did it answer, and what did it
    import?"""
    code = (
        "import json, sys\nfrom sco_tracker import cli\ndone = "
        f"cli._cached_validate({args!r})\nprint(json.dumps({{'done': done, 'click': 'click' in "
        "sys.modules, 'pydantic': 'pydantic' in sys.modules, 'yaml': 'yaml' in sys.modules, "
        f"'stdlib': sorted(m for m in {_NOT_ON_A_HIT!r} if m in sys.modules)}}))\n"
    )
    import os

    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_a_second_validation_of_the_same_file_comes_from_the_cache_and_says_the_same(
    project_dir: Path,
) -> None:
    first = run_cli(["validate"], project_dir)
    assert first.exit_code == 0 and "valid. 25 commitments" in first.stdout
    assert (project_dir / CACHE).exists()
    assert (project_dir / ".sco-tracker-cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert _modules_after_fast(["validate"], project_dir) == {
        "done": True,
        "click": False,
        "pydantic": False,
        "yaml": False,
        "stdlib": [],
    }
    second = run_cli(["validate"], project_dir)
    assert (second.exit_code, second.stdout, second.stderr) == (
        first.exit_code,
        first.stdout,
        first.stderr,
    )
    assert "warning: the quote cannot be verified" in second.stderr


def test_an_edit_to_the_file_misses_the_cache(project_dir: Path) -> None:
    assert run_cli(["validate"], project_dir).exit_code == 0
    edit(project_dir / "commitments.yaml", "    status: in_progress\n", "    status: in_progres\n")
    assert _modules_after_fast(["validate"], project_dir)["done"] is False
    again = run_cli(["validate"], project_dir)
    assert again.exit_code == 1
    assert "unknown status 'in_progres'" in again.stderr


def test_an_edit_to_a_source_text_misses_the_cache(project_dir: Path) -> None:
    assert run_cli(["validate"], project_dir).exit_code == 0
    source = next((project_dir / "sources").glob("*.txt"))
    source.write_text(
        source.read_text(encoding="utf-8").replace("terrorism", "terror", 1), encoding="utf-8"
    )
    assert _modules_after_fast(["validate"], project_dir)["done"] is False


def test_a_new_day_misses_the_cache(project_dir: Path) -> None:
    assert run_cli(["validate"], project_dir).exit_code == 0
    path = project_dir / CACHE
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["entries"]["commitments.yaml"]
    entry["day_starts"], entry["day_ends"] = (
        entry["day_starts"] - 86400,
        entry["day_ends"] - 86400,
    )  # "yesterday"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _modules_after_fast(["validate"], project_dir)["done"] is False


def test_an_invalid_file_is_never_cached(project_dir: Path) -> None:
    edit(project_dir / "commitments.yaml", "    status: in_progress\n", "    status: in_progres\n")
    assert run_cli(["validate"], project_dir).exit_code == 1
    assert not (project_dir / CACHE).exists()
    assert run_cli(["validate"], project_dir).exit_code == 1


def test_the_cache_can_be_switched_off(project_dir: Path) -> None:
    off = {"SCO_TRACKER_NO_CACHE": "1"}
    assert run_cli(["validate"], project_dir, env=off).exit_code == 0
    assert not (project_dir / CACHE).exists()


def test_options_go_through_click(project_dir: Path) -> None:
    assert run_cli(["validate"], project_dir).exit_code == 0
    assert _modules_after_fast(["validate", "--json"], project_dir)["done"] is False
    out = run_cli(["validate", "--json"], project_dir)
    assert json.loads(out.stdout)["valid"] is True


def test_a_damaged_cache_is_a_miss_never_a_crash(project_dir: Path) -> None:
    first = run_cli(["validate"], project_dir)
    assert first.exit_code == 0
    key = str((project_dir / "commitments.yaml").resolve())
    version = json.loads((project_dir / CACHE).read_text(encoding="utf-8"))["version"]
    for damaged in (
        [],
        {"version": version, "entries": []},
        {"version": version, "entries": {key: []}},
        {"version": version, "entries": {key: {"day_starts": "soon"}}},
    ):
        (project_dir / CACHE).write_text(json.dumps(damaged), encoding="utf-8")
        assert _modules_after_fast(["validate"], project_dir)["done"] is False
        again = run_cli(["validate"], project_dir)
        assert (again.exit_code, again.stdout) == (0, first.stdout), again.stderr
        assert "Traceback" not in again.stderr


def test_a_cache_file_that_is_a_link_is_replaced_never_written_through(
    project_dir: Path,
) -> None:
    """A link planted at .sco-tracker-cache/validate.json (the folder can be forced into git)
    would have had the cache overwrite commitments.yaml with JSON."""
    before = (project_dir / "commitments.yaml").read_bytes()
    (project_dir / CACHE.parent).mkdir()
    (project_dir / CACHE).symlink_to(Path("..") / "commitments.yaml")
    r = run_cli(["validate"], project_dir)
    assert r.exit_code == 0, r.stderr
    assert (project_dir / "commitments.yaml").read_bytes() == before
    assert not (project_dir / CACHE).is_symlink()
    assert json.loads((project_dir / CACHE).read_text(encoding="utf-8"))["entries"]
