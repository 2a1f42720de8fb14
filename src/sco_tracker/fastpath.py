"""The console entry point, with two answers that need neither click, PyYAML nor pydantic.

`sco-tracker --help`: the help text click would print, stored in sco_tracker/_help.py for
the two widths a terminal usually gives (78 columns when the output is not a terminal or the
terminal is 80 wide; 98 when it is 100 or wider). Any other width, and click prints it.
Regenerate after changing a command's help: `python -m sco_tracker.fastpath --write-help`
(a test fails when _help.py is out of date).

`sco-tracker validate [FILE]`: the result of the last successful validation of the same
content, from FILE's folder: .sco-tracker-cache/validate.json. The key is the SHA-256 of
commitments.yaml, of every source text it names, the tool's version and code, and today's
date (future-dated updates depend on it). A hit prints the same warnings and summary as a
full validation; anything else (no cache, a change, an invalid file, options) runs the full
validation through click. SCO_TRACKER_NO_CACHE=1 turns the cache off.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself costs ~10 ms of start-up
if TYPE_CHECKING:
    from typing import Any

CACHE_DIR = ".sco-tracker-cache"
CACHE_FILE = "validate.json"
CACHE_VERSION = 1
NO_CACHE_ENV = "SCO_TRACKER_NO_CACHE"
#: click's help width is min(terminal columns, max_content_width) - 2, at least 50.
MAX_CONTENT_WIDTH = 100


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        done = _fast(args)
    except Exception:  # noqa: BLE001 - the fast path never decides a failure: click does
        done = False
    if done:
        sys.exit(0)
    from sco_tracker.cli import main as click_main

    click_main(argv)


def _fast(args: list[str]) -> bool:
    if args in (["--help"], ["-h"]):
        from sco_tracker._help import HELP

        text = HELP.get(help_width())
        if text is None:
            return False
        sys.stdout.write(text)
        sys.stdout.flush()
        return True
    if args and args[0] == "validate" and len(args) <= 2 and not any(a.startswith("-") for a in args[1:]):
        if os.environ.get(NO_CACHE_ENV):
            return False
        hit = cached_validation(args[1] if len(args) == 2 else "commitments.yaml")
        if hit is None:
            return False
        for line in hit["warnings"]:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
        sys.stdout.write(hit["summary"] + "\n")
        sys.stdout.flush()
        return True
    return False


# -- help --------------------------------------------------------------------------------------


def help_width() -> int:
    """The width click formats help at: shutil.get_terminal_size() without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return max(min(columns, MAX_CONTENT_WIDTH) - 2, 50)


def click_help(width: int) -> str:
    """What click prints for `sco-tracker --help` at a formatter width (the reference)."""
    from sco_tracker.cli import cli

    ctx = cli.make_context("sco-tracker", [], resilient_parsing=True)
    ctx.terminal_width = width
    return ctx.get_help() + "\n"


def write_help_module() -> str:
    import pprint

    from sco_tracker.fileio import write_atomic

    texts = {w: click_help(w) for w in (78, 98)}
    path = os.path.join(os.path.dirname(__file__), "_help.py")
    body = (
        '"""`sco-tracker --help` as click prints it, by formatter width. Generated: do not edit.\n\n'
        'Regenerate with `python -m sco_tracker.fastpath --write-help`.\n"""\n\n'
        f"HELP: dict[int, str] = {pprint.pformat(texts, width=100)}\n"
    )
    write_atomic(path, body)
    return path


# -- the validation cache ----------------------------------------------------------------------


def sha256_file(path: str) -> str:
    import hashlib

    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def tool_stamp() -> str:
    """The version and the code of the installed sco_tracker (name, size, mtime of each module)."""
    import hashlib

    from sco_tracker import __version__

    pkg = os.path.dirname(os.path.abspath(__file__))
    parts = [__version__, sys.version]
    for folder in (pkg, os.path.join(pkg, "commands")):
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if e.name.endswith(".py")), key=lambda e: e.name)
        for e in entries:
            st = e.stat()
            parts.append(f"{folder}/{e.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cache_path(file: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(file)), CACHE_DIR, CACHE_FILE)


def _read_cache(file: str) -> dict[str, Any]:
    import json

    try:
        with open(_cache_path(file), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("entries"), dict):
        return {}
    return data["entries"]


def cached_validation(file: str) -> dict[str, Any] | None:
    """The cached result for file when every part of its key still holds, else None."""
    import time

    entry = _read_cache(file).get(file)
    if not isinstance(entry, dict):
        return None
    now = time.time()
    if not (entry["day_starts"] <= now < entry["day_ends"]):
        return None
    if entry["stamp"] != tool_stamp():
        return None
    if sha256_file(file) != entry["file_sha256"]:
        return None
    base = os.path.dirname(os.path.abspath(file))
    for rel, digest in entry["sources"].items():
        if sha256_file(os.path.join(base, rel)) != digest:
            return None
    return entry


def remember_validation(file: str, file_sha256: str, result: Any, day: Any) -> None:
    """Store a successful validation (ValidationResult) of file, whose content hashed to file_sha256
    before it was read, as of day in the project's timezone. Never fails: a cache is optional."""
    import json
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    try:
        project = result.project
        if project is None or result.problems or os.environ.get(NO_CACHE_ENV):
            return
        if sha256_file(file) != file_sha256:
            return  # the file changed while it was being validated
        sources = {}
        for s in project.sources.values():
            if s.text is not None:
                rel = os.path.join("sources", s.text)
                sources[rel] = sha256_file(os.path.join(os.path.dirname(os.path.abspath(file)), rel))
        tz = ZoneInfo(project.settings.timezone)
        entry = {
            "stamp": tool_stamp(),
            "file_sha256": file_sha256,
            "sources": sources,
            "day": day.isoformat(),
            "day_starts": datetime.combine(day, time(0), tz).timestamp(),
            "day_ends": datetime.combine(day + timedelta(days=1), time(0), tz).timestamp(),
            "summary": result.summary,
            "warnings": [str(w) for w in result.warnings],
        }
        entries = _read_cache(file)
        entries[file] = entry
        path = _cache_path(file)
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        ignore = os.path.join(folder, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as fh:
                fh.write("# written by sco-tracker: a cache, safe to delete\n*\n")
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"version": CACHE_VERSION, "entries": entries}, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001, S110 - an unwritable folder just means no cache
        pass


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-help"]:
        print(f"wrote {write_help_module()}")
    else:
        main()
