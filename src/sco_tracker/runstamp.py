"""Nothing changed, nothing to do: the fingerprint of the last complete `sco-tracker run`.

A run reads commitments.yaml, the source texts it names, the templates and the database, and
writes the database and the reports. When none of these has changed since the last run on the
same day, another run would record the same check and write the same reports, so `run` says
so and stops ("no work repeated when nothing changed"). `run --force` does the whole job anyway.

The fingerprint is kept in .sco-tracker-cache/run.json beside commitments.yaml:
- the SHA-256 of commitments.yaml and of every source text it names, the tool's version and
  code, and the day (in settings.timezone) the run was for;
- the name, size and modification time of every template file;
- the database's state: its migration, and the number and time of its latest sync and latest
  check. Every command that writes the database (sync, check, run, report, the scheduler, by
  anyone sharing it) records a sync or a check, so any such write changes the state; reading
  it (status, the scheduler's heartbeat) does not;
- the size and modification time of every file the run wrote into the reports folder: a report
  deleted or edited by hand is written again.

Runs with --as-of, or with SCO_TRACKER_NO_CACHE set, always do the whole job. A database URL
given with --db or SCO_TRACKER_DB must be the one the last run used. A URL that holds a password
is never written to the cache (only its hash is), so it has to be given again that way.
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
VERSION = 2
TEMPLATES = Path(__file__).parent / "templates"


def _path(file: str) -> Path:
    return Path(file).resolve().parent / CACHE_DIR / RUN_FILE


def _stat(path: str | os.PathLike[str]) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


_STATE = (
    "SELECT (SELECT max(version_num) FROM alembic_version),"
    " (SELECT max(id) FROM sync_runs), (SELECT max(run_at) FROM sync_runs),"
    " (SELECT max(id) FROM check_runs), (SELECT max(run_at) FROM check_runs)"
)


def database_state(url: str) -> list[str] | None:
    """The migration and the latest sync and check of the database at url; None when it cannot be read."""
    try:
        if url.startswith("sqlite:///"):
            import sqlite3
            from contextlib import closing
            from urllib.parse import quote

            path = url.removeprefix("sqlite:///").split("?", 1)[0]
            if not path or path == ":memory:" or not os.path.exists(path):
                return None
            # Read-only and without SQLAlchemy: this is the whole cost of a run with nothing to do.
            with closing(sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, timeout=5)) as conn:
                row = conn.execute(_STATE).fetchone()
        else:
            from sqlalchemy import create_engine, text

            engine = create_engine(url)
            try:
                with engine.connect() as conn:
                    row = tuple(conn.execute(text(_STATE)).one())
            finally:
                engine.dispose()
    except Exception:  # noqa: BLE001 - no answer, no shortcut: the run does the whole job
        return None
    return [str(v) for v in row]


def _templates(folders: list[str]) -> dict[str, list[int] | None]:
    found: dict[str, list[int] | None] = {}
    for folder in folders:
        for p in sorted(Path(folder).glob("*.j2")):
            found[str(p)] = _stat(p)
    return found


def _has_password(url: str) -> bool:
    from sqlalchemy.engine import make_url

    return make_url(url).password is not None


def _url_hash(url: str) -> str:
    import hashlib

    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def remember(
    file: str, project: Project, day: date, database: str, given: bool, templates_dir: str | None, written: list[Path], lines: list[str]
) -> None:
    """Record a complete run of file as of day (today) on the database at URL `database`.

    given: whether the URL came from --db or SCO_TRACKER_DB (else from the file, or the default).

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
            "database": None if _has_password(database) else database,
            "database_sha256": _url_hash(database),
            "database_given": given,
            "database_state": database_state(database),
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


def applies(as_of: object) -> bool:
    """Whether a run with these options is today's run, which may be remembered."""
    return as_of is None and not os.environ.get(NO_CACHE_ENV)


def unchanged(file: str, db: str | None = None) -> list[str] | None:
    """The lines recorded by the last run when nothing it depends on has changed since, else None.

    db: the database URL given with --db or SCO_TRACKER_DB, if any (else the last run's, which
    came from the same commitments.yaml).
    """
    try:
        entry = json.loads(_path(file).read_text(encoding="utf-8"))
        if entry.get("version") != VERSION or entry["file"] != str(Path(file).resolve()):
            return None
        if not entry["day_starts"] <= time.time() < entry["day_ends"]:
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
        given = db or os.environ.get("SCO_TRACKER_DB")
        if bool(given) != entry["database_given"]:
            return None  # this time another database than the file's, or the other way round
        url = given or entry["database"]
        if not url or _url_hash(url) != entry["database_sha256"]:
            return None
        # Last, as the dearest: a query (on PostgreSQL, a connection).
        if entry["database_state"] is None or entry["database_state"] != database_state(url):
            return None
        return [str(line) for line in entry["lines"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
