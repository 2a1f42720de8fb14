"""Nothing changed, nothing to do: the fingerprint of the last complete `sco-tracker run`.

A run reads commitments.yaml, the source texts it names, the templates and the database, and
writes the database and the reports. When none of these has changed since the last run on the
same day, another run would record the same check and write the same reports, so `run` says
so and stops ("no work repeated when nothing changed"). `run --force` does the whole job anyway.

The fingerprint is kept in .sco-tracker-cache/run.json beside commitments.yaml:
- the SHA-256 of commitments.yaml and of every source text it names, the tool's version and
  code, and the day (in settings.timezone) the run was for;
- the name, size and modification time of every template file;
- the size and modification time of the SQLite database file and of its write-ahead log, taken
  after the run closed the database: any later write by any command changes them;
- the same for every file the run wrote into the reports folder: a report deleted or edited by
  hand is written again.

Only an SQLite database file can be fingerprinted this way. A PostgreSQL database is shared by
a team and can change without a trace here, so runs against it always do the whole job; so do
runs with --as-of or --db, or with SCO_TRACKER_DB or SCO_TRACKER_NO_CACHE set.
"""

from __future__ import annotations

import json
import os
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sco_tracker.fastpath import CACHE_DIR, NO_CACHE_ENV, sha256_file, tool_stamp

if TYPE_CHECKING:
    from sco_tracker.project import Project

RUN_FILE = "run.json"
VERSION = 1
TEMPLATES = Path(__file__).parent / "templates"


def _path(file: str) -> Path:
    return Path(file).resolve().parent / CACHE_DIR / RUN_FILE


def _stat(path: str | os.PathLike[str]) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _database_files(database: str) -> dict[str, list[int] | None]:
    """The database file and its write-ahead log. An empty log (a reader opened the database
    and has not closed it yet) holds nothing: the content is all in the database file."""
    wal = _stat(database + "-wal")
    return {"database": _stat(database), "wal": wal if wal and wal[0] else None}


def _templates(folders: list[str]) -> dict[str, list[int] | None]:
    found: dict[str, list[int] | None] = {}
    for folder in folders:
        for p in sorted(Path(folder).glob("*.j2")):
            found[str(p)] = _stat(p)
    return found


def sqlite_file(url: str) -> str | None:
    """The database file of an SQLite URL, else None (PostgreSQL, or SQLite in memory)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return str(Path(parsed.database).resolve())


def remember(file: str, project: Project, day: date, database: str, templates_dir: str | None, written: list[Path], lines: list[str]) -> None:
    """Record a complete run of file as of day (today), after its database was closed.

    lines: what to say when the next run finds nothing changed. Never fails: it is a cache.
    """
    try:
        if sha256_file(file) != project.content_sha256:
            return  # the file changed while the run read it
        base = Path(file).resolve().parent
        sources = {}
        for s in project.sources.values():
            if s.text is not None:
                rel = os.path.join("sources", s.text)
                sources[rel] = sha256_file(base / rel)
        tz = ZoneInfo(project.settings.timezone)
        folders = [str(TEMPLATES)] + ([templates_dir] if templates_dir else [])
        entry = {
            "version": VERSION,
            "file": str(Path(file).resolve()),
            "stamp": tool_stamp(),
            "file_sha256": project.content_sha256,
            "sources": sources,
            "day_starts": datetime.combine(day, clock(0), tz).timestamp(),
            "day_ends": datetime.combine(day + timedelta(days=1), clock(0), tz).timestamp(),
            "template_folders": folders,
            "templates": _templates(folders),
            "database": database,
            "database_files": _database_files(database),
            "outputs": {str(Path(p).resolve()): _stat(p) for p in written},
            "lines": lines,
        }
        path = _path(file)
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by sco-tracker: a cache, safe to delete\n*\n", encoding="utf-8")
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001, S110 - an unwritable folder just means no shortcut
        pass


def applies(db: str | None, as_of: object) -> bool:
    """Whether a run with these options is today's run on the file's own database."""
    return db is None and as_of is None and not os.environ.get("SCO_TRACKER_DB") and not os.environ.get(NO_CACHE_ENV)


def unchanged(file: str) -> list[str] | None:
    """The lines recorded by the last run when nothing it depends on has changed since, else None."""
    try:
        entry = json.loads(_path(file).read_text(encoding="utf-8"))
        if entry.get("version") != VERSION or entry["file"] != str(Path(file).resolve()):
            return None
        if not entry["day_starts"] <= time.time() < entry["day_ends"]:
            return None
        if entry["database_files"] != _database_files(entry["database"]):
            return None
        if any(_stat(p) != st for p, st in entry["outputs"].items()):
            return None
        if entry["templates"] != _templates(entry["template_folders"]):
            return None
        if entry["stamp"] != tool_stamp() or sha256_file(file) != entry["file_sha256"]:
            return None
        base = Path(file).resolve().parent
        if any(sha256_file(base / rel) != digest for rel, digest in entry["sources"].items()):
            return None
        return [str(line) for line in entry["lines"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
