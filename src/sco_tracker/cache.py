"""The one cache: work not repeated when nothing it depends on has changed.

Four entries live in .sco-tracker-cache/ beside commitments.yaml, all safe to delete:

validate.json: the result of the last successful `sco-tracker validate FILE`. The key is the
SHA-256 of commitments.yaml, of every file it includes (and the list of files its `include:`
patterns match now: a file added to a folder a pattern covers is a change) and of every source
text it names, the tool's version and code,
today's date (future-dated updates depend on it), the SHA-256 of every template in
settings.templates_dir (validate compiles them), and whether the reports folder is a folder, a
file or not there yet (validate checks it can be written). A hit prints the same warnings and
summary as a full validation; anything else (no cache, a change, an invalid file, options) runs
the full validation.

run.json: the fingerprint of the last complete `sco-tracker run`. A run reads
commitments.yaml, the source texts it names, the templates and the database, and writes the
database and the reports. When none of these has changed since the last run on the same day,
another run would record the same check and write the same reports, so `run` says so and
stops. `run --force` does the whole job anyway. The fingerprint holds:
- the SHA-256 of commitments.yaml, of every file it includes (and the list of files its
  `include:` patterns match now), of every source text it names, the tool's version and
  code, and the day (in settings.timezone) the run was for;
- the SHA-256 of every template the report's Jinja loader can see (the user's templates_dir,
  sub-folders included, and the built-in ones);
- the database's state: its migration, and the number and time of its latest sync and latest
  check. Every command that writes the database records a sync or a check, so any such write
  changes the state; reading it does not. A notification waiting for a retry (or left half
  sent) is work to do: while there is one, the shortcut never applies;
- the size and modification time of every file the run wrote into the reports folder: a report
  deleted or edited by hand is written again.

entries.json (written by validation, spec/entrycache.py): the SHA-256 of the text of each
commitment that validated cleanly, with the tool's stamp and a fingerprint of the project-level
inputs of its checks; such a commitment's own checks are not run again while both hold.

content-hashes.json (written by sync, db/sync_plan.ContentHashes): each commitment's
content_hash as stored in the database, with the SHA-256 of the commitment's pydantic JSON dump
and the tool's version and code. A sync uses a remembered hash only for a commitment whose dump
has that digest now, so that it does not dump and hash every commitment to find the few that
changed.

Runs with --as-of, or with SCO_TRACKER_NO_CACHE set, always do the whole job. A database URL
given with --db or SCO_TRACKER_DB must be the one the last run used. A URL that holds a password
is never written to the cache (only its hash is), so it has to be given again that way.

This module imports neither click, PyYAML nor pydantic: a cache hit costs only the hashing.
Its module-level imports are the few a cache hit needs (hashlib, json, os, sys, time): a warm
`validate` is a Python start-up, these imports and the hashing, so pathlib, typing, zoneinfo,
sqlite3 and urllib (about 8 ms together) are imported by the functions that use them.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time

from sco_tracker import __version__
from sco_tracker.paths import (
    Outside,
    confine,
    open_regular,
    project_root,
    project_roots,
    read_regular,
    real_files,
)

TYPE_CHECKING = False  # typing itself costs milliseconds of a cache hit
if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date
    from pathlib import Path
    from typing import Any

    from sco_tracker.spec.project import Project
    from sco_tracker.spec.validation import ValidationResult

CACHE_DIR = ".sco-tracker-cache"
NO_CACHE_ENV = "SCO_TRACKER_NO_CACHE"
VALIDATE_FILE = "validate.json"
VALIDATE_VERSION = 5  # 5: included files; summary and warnings stored as shown


# -- shared ---------------------------------------------------------------------------------


def sha256_file(
    path: str | os.PathLike[str], roots: list[str] | None = None, *, resolved: bool = False
) -> str:
    """The file's SHA-256; OSError for anything but a regular file (inside roots, if given).

    resolved: path is already its real path (paths.real_files)."""
    # Unbuffered reads of 1 MiB: hashlib.file_digest allocates a 256 KiB buffer per file, which
    # is most of the cost for the hundreds of small source texts a cache hit hashes.
    h = hashlib.sha256()
    with open(open_regular(path, roots=roots, resolved=resolved), "rb", buffering=0) as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def tool_stamp() -> str:
    """The version and the code of the installed sco_tracker (path, size, mtime of each module).

    Walked with os.scandir on strings: this runs on every cache hit, and pathlib's rglob costs
    several milliseconds more for the package's hundred modules."""
    parts = [__version__, sys.version]
    folders = [os.path.dirname(os.path.abspath(__file__))]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for e in entries:
            if e.is_dir(follow_symlinks=False) and e.name != "__pycache__":
                folders.append(e.path)
            elif e.name.endswith(".py"):
                st = e.stat()
                parts.append(f"{e.path}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _folder(file: str) -> str:
    """The cache folder, in the project; OSError if it leads out of the project (a link)."""
    root = project_root(file)
    try:
        return confine(os.path.join(root, CACHE_DIR), [root])
    except Outside:
        raise OSError(f"{CACHE_DIR} leads outside the project") from None


def _digests(file: str, rels: list[str]) -> Iterator[str]:
    """The SHA-256 of each file (relative to file's folder), one by one."""
    base, roots = os.path.dirname(os.path.abspath(file)), project_roots(file)
    for path in real_files([os.path.join(base, rel) for rel in rels]):
        yield sha256_file(path, roots, resolved=True)


def _source_digests(file: str, project: Project) -> dict[str, str]:
    rels = [os.path.join("sources", s.text) for s in project.sources.values() if s.text is not None]
    return dict(zip(rels, _digests(file, rels), strict=True))


def _sources_unchanged(file: str, digests: dict[str, str]) -> bool:
    return all(a == b for a, b in zip(_digests(file, list(digests)), digests.values(), strict=True))


def _included(project: Project) -> dict[str, Any]:
    """The files commitments.yaml includes: the entries of `include:` and each file's SHA-256."""
    return {"entries": list(project.include), "files": dict(project.included)}


def _included_unchanged(file: str, included: dict[str, Any]) -> bool:
    """The patterns of `include:` still match the same files, and none of them changed."""
    if not included["entries"] and not included["files"]:
        return True
    # the patterns' module only for a project that includes files: a hit stays cheap
    from sco_tracker.spec import includes  # noqa: PLC0415

    if includes.fingerprint(file, included["entries"]) != list(included["files"]):
        return False  # a file added to (or removed from) what a pattern matches
    root = project_root(file)
    return all(
        sha256_file(os.path.join(root, name), [root]) == digest
        for name, digest in included["files"].items()
    )


def _day_bounds(day: date, timezone: str) -> tuple[float, float]:
    # Only when a cache is written: a hit compares the stored bounds with time.time()
    from datetime import datetime, timedelta  # noqa: PLC0415
    from datetime import time as clock  # noqa: PLC0415
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    tz = ZoneInfo(timezone)
    return (
        datetime.combine(day, clock(0), tz).timestamp(),
        datetime.combine(day + timedelta(days=1), clock(0), tz).timestamp(),
    )


def _write(file: str, name: str, data: object, pause: str = "commit") -> None:
    # fileio only when the cache is written: a warm `validate` only reads it
    from sco_tracker.fileio import write_atomic  # noqa: PLC0415

    folder = _folder(file)
    os.makedirs(folder, exist_ok=True)
    roots = [folder]  # a file of the cache that is a link out of it is never written
    ignore = os.path.join(folder, ".gitignore")
    if not os.path.lexists(ignore):
        note = "# written by sco-tracker: a cache, safe to delete\n*\n"
        write_atomic(ignore, note, roots=roots, pause=pause, follow=False)
    text = json.dumps(data, ensure_ascii=False)
    write_atomic(os.path.join(folder, name), text, roots=roots, pause=pause, follow=False)


#: A cache file larger than this is ignored (it would be rebuilt).
CACHE_MAX_BYTES = 256 * 1024 * 1024


def _read(file: str, name: str) -> Any:
    """A cache file's JSON, or None (missing, damaged, not a regular file, out of the project)."""
    try:
        folder = _folder(file)
        raw = read_regular(os.path.join(folder, name), limit=CACHE_MAX_BYTES, roots=[folder])
        return json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: nested too deep for json
        return None


# -- the validation cache -------------------------------------------------------------------


def cached_validation(file: str) -> dict[str, Any] | None:
    """The cached result for file when every part of its key still holds, else None."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    data = _read(file, VALIDATE_FILE)
    if not isinstance(data, dict) or data.get("version") != VALIDATE_VERSION:
        return None
    try:
        entry = data["entries"][file]
        if not entry["day_starts"] <= time.time() < entry["day_ends"]:
            return None
        if entry["stamp"] != tool_stamp() or sha256_file(file) != entry["file_sha256"]:
            return None
        if not _sources_unchanged(file, entry["sources"]):
            return None
        if not _included_unchanged(file, entry["included"]):
            return None
        if _kind(entry["reports_path"]) != entry["reports_kind"]:
            return None
        if entry["template_folders"] and entry["templates"] != template_digests(
            entry["template_folders"]
        ):
            return None
        return dict(entry)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # damaged: a miss
        return None


def _kind(path: str) -> str:
    return "folder" if os.path.isdir(path) else "other" if os.path.lexists(path) else "none"


def remember_validation(file: str, file_sha256: str, result: ValidationResult, day: date) -> None:
    """Store a successful validation of file, whose content hashed to file_sha256 before it was
    read, as of day in the project's timezone. Never fails: a cache is optional."""
    try:
        project = result.project
        if project is None or result.problems or os.environ.get(NO_CACHE_ENV):
            return
        if sha256_file(file) != file_sha256 or not _included_unchanged(file, _included(project)):
            return  # a file changed while it was being validated
        from pathlib import Path  # noqa: PLC0415 - see the module's docstring

        from sco_tracker.encoding import shown  # noqa: PLC0415

        starts, ends = _day_bounds(day, project.settings.timezone)
        base = Path(file).resolve().parent
        folders = (
            [str((base / project.settings.templates_dir).resolve())]
            if project.settings.templates_dir
            else []
        )
        reports = str(base / project.settings.reports_dir)
        entry = {
            "stamp": tool_stamp(),
            "file_sha256": file_sha256,
            "template_folders": folders,
            "templates": template_digests(folders) if folders else {},
            "reports_path": reports,
            "reports_kind": _kind(reports),
            "sources": _source_digests(file, project),
            "included": _included(project),
            "day_starts": starts,
            "day_ends": ends,
            # As the terminal shows them (encoding.shown), so that a hit prints them without
            # importing re and the vocabulary.
            "summary": shown(result.summary),
            "warnings": [shown(str(w)) for w in result.warnings],
        }
        data = _read(file, VALIDATE_FILE)
        entries = (
            data.get("entries", {})
            if isinstance(data, dict) and data.get("version") == VALIDATE_VERSION
            else {}
        )
        entries[file] = entry
        _write(file, VALIDATE_FILE, {"version": VALIDATE_VERSION, "entries": entries})
    except Exception:  # noqa: BLE001 - an unwritable folder just means no cache
        pass


# -- the run shortcut -------------------------------------------------------------------------


RUN_FILE = "run.json"
RUN_VERSION = 6
#: The built-in templates (a str: pathlib is not imported on a cache hit).
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report", "templates")


def _stat(path: str | os.PathLike[str]) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


_STATE = (
    "SELECT (SELECT max(version_num) FROM alembic_version),"
    " (SELECT max(id) FROM sync_runs), (SELECT max(run_at) FROM sync_runs),"
    " (SELECT max(id) FROM check_runs), (SELECT max(run_at) FROM check_runs),"
    " (SELECT count(*) FROM notify_deliveries WHERE state IN ('pending', 'sending'))"
)


def database_state(url: str) -> list[str] | None:
    """The migration and the latest sync and check of the database at url; None when it cannot be
    read."""
    try:
        if url.startswith("sqlite:///"):
            path = url.removeprefix("sqlite:///").split("?", 1)[0]
            if not path or path == ":memory:" or not os.path.exists(path):
                return None
            # Read-only and without SQLAlchemy: this is the whole cost of a run with nothing to do.
            import sqlite3  # noqa: PLC0415 - see the module's docstring
            from urllib.parse import quote  # noqa: PLC0415

            lite = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, timeout=5)
            try:
                row = lite.execute(_STATE).fetchone()
            finally:
                lite.close()
        else:
            # SQLAlchemy only for a server database: SQLite is read with sqlite3 above
            from sqlalchemy import create_engine, text  # noqa: PLC0415

            engine = create_engine(url)
            try:
                with engine.connect() as conn:
                    row = tuple(conn.execute(text(_STATE)).one())
            finally:
                engine.dispose()
    except Exception:  # noqa: BLE001 - no answer, no shortcut: the run does the whole job
        return None
    return [str(v) for v in row]


def template_digests(folders: list[str]) -> dict[str, str | None]:
    """The SHA-256 of every template the report's loaders can see in these folders, sub-folders
    included (an `{% include "parts/row.html.j2" %}` counts): every file below each folder,
    links not followed, as Jinja's FileSystemLoader lists them (tests/test_cache_templates.py
    checks the two agree). Walked here without importing Jinja2, which costs more than the walk.
    """
    found: dict[str, str | None] = {}
    for folder in folders:
        for here, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(here, name)
                try:
                    found[path] = sha256_file(path)
                except OSError:
                    found[path] = None
    return found


def _has_password(url: str) -> bool:
    from urllib.parse import urlsplit  # noqa: PLC0415 - see the module's docstring

    return bool(urlsplit(url).password)


def _url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def remember(
    file: str,
    project: Project,
    day: date,
    database: str,
    given: bool,
    templates_dir: str | None,
    written: list[Path],
    lines: list[str],
) -> None:
    """Record a complete run of file as of day (today) on the database at URL `database`.

    given: whether the URL came from --db or SCO_TRACKER_DB (else from the file, or the default).

    lines: what to say when the next run finds nothing changed. Never fails: it is a cache.
    """
    try:
        from pathlib import Path  # noqa: PLC0415 - see the module's docstring

        main_sha256 = project.main_sha256 or project.content_sha256
        if sha256_file(file) != main_sha256 or not _included_unchanged(file, _included(project)):
            return  # a file changed while the run read it
        folders = [TEMPLATES] + ([templates_dir] if templates_dir else [])
        starts, ends = _day_bounds(day, project.settings.timezone)
        entry = {
            "version": RUN_VERSION,
            "file": os.path.realpath(file),
            "stamp": tool_stamp(),
            "file_sha256": main_sha256,
            "sources": _source_digests(file, project),
            "included": _included(project),
            "day_starts": starts,
            "day_ends": ends,
            "template_folders": folders,
            "templates": template_digests(folders),
            "database": None if _has_password(database) else database,
            "database_sha256": _url_hash(database),
            "database_given": given,
            "database_state": database_state(database),
            "outputs": {str(Path(p).resolve()): _stat(p) for p in written},
            "lines": lines,
        }
        _write(file, RUN_FILE, entry)
    except Exception:  # noqa: BLE001 - an unwritable folder just means no shortcut
        pass


def applies(as_of: object) -> bool:
    """Whether a run with these options is today's run, which may be remembered."""
    return as_of is None and not os.environ.get(NO_CACHE_ENV)


def unchanged(file: str, db: str | None = None) -> list[str] | None:
    """The lines recorded by the last run when nothing it depends on has changed since, else None.

    db: the database URL given with --db or SCO_TRACKER_DB, if any (else the last run's, which
    came from the same commitments.yaml).
    """
    entry = _read(file, RUN_FILE)
    try:
        if entry.get("version") != RUN_VERSION or entry["file"] != os.path.realpath(file):
            return None
        if not entry["day_starts"] <= time.time() < entry["day_ends"]:
            return None
        if any(_stat(p) != st for p, st in entry["outputs"].items()):
            return None
        if entry["templates"] != template_digests(entry["template_folders"]):
            return None
        if entry["stamp"] != tool_stamp() or sha256_file(file) != entry["file_sha256"]:
            return None
        if not _sources_unchanged(file, entry["sources"]):
            return None
        if not _included_unchanged(file, entry["included"]):
            return None
        given = db or os.environ.get("SCO_TRACKER_DB")
        if bool(given) != entry["database_given"]:
            return None  # this time another database than the file's, or the other way round
        url = given or entry["database"]
        if not url or _url_hash(url) != entry["database_sha256"]:
            return None
        # Last, as the dearest: a query (on PostgreSQL, a connection).
        state = database_state(url)
        if entry["database_state"] is None or entry["database_state"] != state:
            return None
        if state is None or state[-1] != "0":
            return None  # notifications wait for a retry: the run sends them
        return [str(line) for line in entry["lines"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
