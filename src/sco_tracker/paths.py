"""Where sco-tracker may read and write, and how it opens the files it reads.

commitments.yaml, the source texts, the templates and the reports folder come through git from
many people, so nothing in them may send the tool outside the project:

- the project is the folder of commitments.yaml as named (a commitments.yaml that is a link to a
  shared file does not move it); links inside the project are followed, but only while they
  stay inside it;
- a folder the user names on the command line (--out, -o, --db) is the user's choice; so are
  the folders listed in SCO_TRACKER_ALLOW_DIRS. A setting in the shared file never widens this;
- every file read is opened as a regular file of bounded size (never a FIFO, a device or
  /proc), without blocking, and read to at most its limit plus one byte.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False  # a warm `validate` reads files through this module: typing costs ms
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

#: Folders outside the project that settings may point at (separated by os.pathsep).
ALLOW_ENV = "SCO_TRACKER_ALLOW_DIRS"

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class Unreadable(OSError):
    """A file that may not be read: reason says why, in the analyst's words."""

    def __init__(self, reason: str, size: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        #: The size found, when the reason is that the file is too large.
        self.size = size


class Outside(Exception):
    """A path that leads outside every allowed folder."""

    def __init__(self, path: str, real: str) -> None:
        super().__init__(path)
        self.path = path
        self.real = real


def kind_of(mode: int) -> str | None:
    """What a non-regular file is ('a named pipe', ...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def real(path: str | os.PathLike[str]) -> str:
    """The absolute path with every link followed (for a missing file, as far as it exists)."""
    return os.path.realpath(os.path.abspath(path))


def real_files(paths: Iterable[str]) -> list[str]:
    """real() of each path, each folder resolved once: a path whose last part is not a link is
    its folder's real path joined with its name (one lstat instead of one per part of the
    path, for the hundreds of source texts a cache check opens)."""
    folders: dict[str, str] = {}
    found = []
    for path in paths:
        folder, name = os.path.split(os.path.abspath(path))
        if folder not in folders:
            folders[folder] = real(folder)
        target = os.path.join(folders[folder], name)
        if not name or os.path.islink(target):
            target = real(target)
        found.append(target)
    return found


def project_root(file: str | os.PathLike[str]) -> str:
    """The project folder: the folder of commitments.yaml as named, links in it followed."""
    return real(os.path.dirname(os.path.abspath(file)))


def allowed_dirs() -> list[str]:
    """The folders outside the project that SCO_TRACKER_ALLOW_DIRS opens up."""
    value = os.environ.get(ALLOW_ENV, "")
    return [real(p) for p in value.split(os.pathsep) if p.strip()]


def project_roots(
    file: str | os.PathLike[str], named: Iterable[str | os.PathLike[str]] = ()
) -> list[str]:
    """Where a command on this project may read and write: the project, the folders named on
    the command line, and those in SCO_TRACKER_ALLOW_DIRS."""
    return [project_root(file), *(real(p) for p in named), *allowed_dirs()]


def is_inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def confine(path: str | os.PathLike[str], roots: Sequence[str]) -> str:
    """The real path of path (links followed), or Outside when it is in none of roots."""
    target = real(path)
    if not any(is_inside(target, root) for root in roots):
        raise Outside(os.fspath(path), target)
    return target


def open_regular(
    path: str | os.PathLike[str],
    *,
    roots: Sequence[str] | None = None,
    limit: int | None = None,
    resolved: bool = False,
) -> int:
    """An open descriptor of path, which must be a regular file (links followed, inside roots
    when given, at most limit bytes when given). Raises Unreadable, or FileNotFoundError.

    resolved: path is already its real path (from real or real_files)."""
    target = os.fspath(path) if resolved else real(path)
    if roots is not None and not any(is_inside(target, root) for root in roots):
        raise Unreadable("it is a link that leads outside the project folder")
    st = os.stat(target)  # never opened before we know what it is: a FIFO would block
    kind = kind_of(st.st_mode)
    if kind is not None:
        raise Unreadable(_not_regular(kind))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == getattr(os, "ELOOP", None) or "symbolic link" in str(exc):
            raise Unreadable("it was replaced by a link while being opened") from None
        raise
    try:
        st = os.fstat(fd)
        kind = kind_of(st.st_mode)
        if kind is not None:
            raise Unreadable(_not_regular(kind))
        if limit is not None and st.st_size > limit:
            raise Unreadable(
                f"the file is too large ({_size(st.st_size)}); the limit is {_size(limit)}",
                st.st_size,
            )
    except BaseException:
        os.close(fd)
        raise
    return fd


def _not_regular(kind: str) -> str:
    if kind == "a folder":
        return "this is a folder, not a file"
    return f"it is {kind}, not a regular file"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:,.1f} MB"
    return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n} bytes"


def read_regular(
    path: str | os.PathLike[str], *, limit: int, roots: Sequence[str] | None = None
) -> bytes:
    """The bytes of a regular file (see open_regular), read to at most limit + 1 bytes: a file
    that grows past limit while being read is refused as too large."""
    fd = open_regular(path, roots=roots, limit=limit)
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise Unreadable(f"the file is too large (more than {_size(limit)})", len(data))
    return data


def output_roots(project: Any, out: str | os.PathLike[str] | None = None) -> list[str]:
    """Where the reports of this run may be written: the project, the folder named with --out
    and those in SCO_TRACKER_ALLOW_DIRS. settings.reports_dir outside them is refused
    (UserError pointing at the setting): a shared file never sends the reports elsewhere."""
    roots = project_roots(project.path, [out] if out is not None else [])
    if out is None:
        check_setting_inside(project, ("settings", "reports_dir"), "reports folder", roots)
    return roots


def check_setting_inside(project: Any, key: tuple[str, ...], what: str, roots: list[str]) -> None:
    """Refuse a folder setting (relative to commitments.yaml) that leads outside roots."""
    # problems (dataclasses, difflib) only on this path: a warm `validate` reads files here
    from sco_tracker.problems import UserError  # noqa: PLC0415

    value = project.settings
    for k in key[1:]:
        value = getattr(value, k)
    try:
        confine(project.base_dir / str(value), roots)
    except Outside as exc:
        raise UserError(
            f"the {what} is outside the project folder",
            [
                project.positions.problem(
                    key,
                    f"{what} '{value}' leads outside the project folder {roots[0]} (to "
                    f"{exc.real}); sco-tracker does not read or write there on a setting in "
                    f"{project.path.name}. "
                    f"Name the folder on the command line, or list it in {ALLOW_ENV}",
                )
            ],
        ) from None


def sqlite_file(url: str) -> str | None:
    """The file of an SQLite database URL (sqlite:///x.db, sqlite+pysqlite:////abs/x.db,
    sqlite:///file:x.db?uri=true), or None for another database or one in memory."""
    scheme, sep, rest = url.partition(":///")
    if not sep or scheme.split("+", 1)[0] != "sqlite":
        return None
    db = rest.split("?", 1)[0]
    if db.startswith("file:"):
        db = db[len("file:") :]
    return db if db and db != ":memory:" else None


#: The databases sco-tracker works with (the backend of a URL: 'postgresql' of
#: postgresql+psycopg://...).
DATABASES = ("sqlite", "postgresql")


def unsupported_database(url: str) -> str | None:
    """Why the URL names a database sco-tracker does not work with (MySQL, Oracle...), or None
    (also for a text that is not a URL: opening it says what is wrong)."""
    scheme, sep, _ = url.partition("://")
    return unsupported_backend(scheme.split("+", 1)[0].lower()) if sep else None


def unsupported_backend(backend: str) -> str | None:
    """Why a database backend ('mysql' of mysql+pymysql://...) is not one sco-tracker works
    with, or None."""
    if not backend or backend in DATABASES:
        return None
    return (
        f"unsupported database '{backend}': sco-tracker works with SQLite"
        " (sqlite:///sco-tracker.db) and PostgreSQL (postgresql+psycopg://user@host/dbname) only"
    )


def database_outside_project(url: str, file: str | os.PathLike[str], what: str) -> str | None:
    """Why an SQLite file named by the shared file (or the default one, when it is a link) may
    not be used: it leads outside the project. None when it is inside, or not an SQLite file."""
    db = sqlite_file(url)
    if db is None:
        return None
    roots = project_roots(file)
    try:
        confine(db, roots)
    except Outside as exc:
        return (
            f"{what} '{url}' leads outside the project folder {roots[0]} (to {exc.real}); "
            "sco-tracker does not create or change a database file there on a setting in "
            f"{os.path.basename(file)}. Give it with --db or SCO_TRACKER_DB, or list its folder "
            f"in {ALLOW_ENV}"
        )
    return None


def database_inside_project(url: str, file: str | os.PathLike[str], what: str) -> None:
    """Refuse (UserError) an SQLite file outside the project: a database named by the shared
    file never creates or changes a file elsewhere (see database_outside_project)."""
    from sco_tracker.problems import UserError  # noqa: PLC0415 - see check_setting_inside

    why = database_outside_project(url, file, what)
    if why is not None:
        raise UserError(why)
