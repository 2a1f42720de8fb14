"""Atomic file writes: a file is either the old one or the new one, never half-written.

A target that is a link is written through it: the new version replaces the file the link
points at (the temporary file is made beside that file), so a commitments.yaml linked to a
shared file keeps the link and the shared file gets the change. A device, a named pipe or a
folder is never replaced. The new version keeps the permissions (and, where the process may
set it, the owner) of the file it replaces.

Temporary files are named .NAME.PID.XXXXXXXX.tmp; one left by a process that no longer exists
(killed with kill -9, say) is removed the next time the same file is written.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Self, TextIO

from sco_tracker.paths import Outside, confine, kind_of, real
from sco_tracker.problems import UserError

#: What to do about a file that cannot be written, by errno ("{elsewhere}" is filled in).
_FIXES = {
    errno.EACCES: "you may not write there: make the folder writable, or {elsewhere}",
    errno.EPERM: "you may not write there: make the folder writable, or {elsewhere}",
    errno.EROFS: "the disk is read-only: {elsewhere}",
    errno.ENOSPC: "the disk is full: free some space, or {elsewhere}",
    errno.EDQUOT: "your disk quota is used up: free some space, or {elsewhere}",
    errno.EFBIG: "the file is larger than this system allows: raise the limit, or {elsewhere}",
    errno.ENOTDIR: "a file stands where a folder should be: move it away, or {elsewhere}",
    errno.EEXIST: "a file stands where a folder should be: move it away, or {elsewhere}",
    errno.ENOENT: "the folder cannot be created there: check the path, or {elsewhere}",
    errno.EISDIR: "a folder stands where the file should be: move it away, or {elsewhere}",
}


def cannot_write(
    path: str | os.PathLike[str],
    exc: OSError,
    what: str = "",
    elsewhere: str = "choose another place",
) -> UserError:
    """A clean message for a file that could not be written: which file, why, and the fix."""
    reason = exc.strerror or str(exc)
    fix = _FIXES.get(exc.errno or 0, "check the path, or {elsewhere}").format(elsewhere=elsewhere)
    name = str(exc.filename) if exc.filename else ""
    # The temporary file a write goes through says nothing more than the target does.
    detail = f" ({name})" if name and name != str(path) and not name.endswith(".tmp") else ""
    label = f"{what} " if what else ""
    return UserError(f"cannot write {label}{path}: {reason}{detail}; {fix}")


#: For tests: "POINT:FOLDER" makes the process stop at POINT until FOLDER/release exists.
TEST_PAUSE_ENV = "SCO_TRACKER_TEST_HOOK_PAUSE"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Read once, at import (before any scheduler thread): os.umask can only be read by setting it.
UMASK = _umask()


def test_pause(point: str) -> None:
    """Stop here while a test holds us (SCO_TRACKER_TEST_HOOK_PAUSE=POINT:FOLDER)."""
    value = os.environ.get(TEST_PAUSE_ENV)
    if not value or not value.startswith(point + ":"):
        return
    folder = value[len(point) + 1 :]
    Path(folder, "paused").write_text(str(os.getpid()))
    deadline = time.monotonic() + 600
    while not Path(folder, "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def file_mode(target: Path) -> int:
    """The permissions for a new version of target: those of the file it replaces, or what the
    user's umask gives a new file (rw-r--r-- usually). A temporary file alone would be private."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~UMASK


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    elsewhere: str = "choose another place",
    *,
    roots: Sequence[str] | None = None,
    pause: str = "commit",
    follow: bool = True,
) -> None:
    """Replace one file atomically (text is written as UTF-8). roots: see StagedFiles; pause:
    the test_pause point just before the file is put in place; follow=False: a link at path is
    replaced, never written through (for files the tool generates: a link there was planted).

    A file that cannot be written (a read-only or full disk, a missing folder) raises a
    UserError that names it and says what to do; the old file stays as it was."""
    try:
        with StagedFiles(roots=roots) as staged:
            staged.write(path, data, follow=follow)
            staged.commit(pause)
    except OSError as exc:
        raise cannot_write(path, exc, elsewhere=elsewhere) from None


def writable_target(path: Path, roots: Sequence[str] | None = None, *, follow: bool = True) -> Path:
    """The file a write to path replaces: path itself, or the file its links lead to (with
    follow=False, a link at path is itself replaced; its folder's links are still followed).
    Refuses (UserError) a device, a named pipe or a folder, and, when roots are given, a file
    outside them."""
    if not follow:
        target = Path(writable_parent(path, roots)) / path.name
    elif roots is not None:
        try:
            target = Path(confine(path, roots))
        except Outside as exc:
            raise _leads_outside(path, exc) from None
    else:
        target = Path(real(path))
    try:
        st = os.stat(target) if follow else os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(st.st_mode):
        return target
    kind = kind_of(st.st_mode)
    if kind is not None:
        raise UserError(
            f"{path} is {kind}, not a regular file; sco-tracker writes only regular files, so "
            "nothing was written. Name another file (or '-' to print, where the command allows it)"
        )
    return target


@contextmanager
def os_lock(path: Path, *, wait: float, busy: str) -> Iterator[None]:
    """Hold an OS lock (filelock) on path for the block: it dies with the process, so a killed
    command never leaves a lock that blocks the next one. The lock file itself stays, empty.
    After wait seconds, UserError(busy). A lock path that is a link or not a regular file is
    refused rather than opened (it could truncate the file it leads to)."""
    # filelock only when a lock is taken: its import costs 40 ms that `validate` does without
    from filelock import FileLock, Timeout  # noqa: PLC0415

    try:
        st = os.lstat(path)
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
            raise UserError(
                f"{path} is {'a link' if stat.S_ISLNK(st.st_mode) else kind_of(st.st_mode)}, "
                "not the lock file sco-tracker keeps there; remove it and try again. "
                "Nothing was written."
            )
    lock = FileLock(path, timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise UserError(busy + ". Nothing was written.") from None
    try:
        yield
    finally:
        lock.release()


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def remove_stale_temps(target: Path, *, any_name: bool = False) -> None:
    """Remove the temporary files for target left by processes that no longer exist
    (any_name: those of every file of target's folder)."""
    name = r".+" if any_name else re.escape(target.name)
    pattern = re.compile(r"\." + name + r"\.(\d+)\.[^.]+\.tmp\Z")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        m = pattern.match(name)
        if m and int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))):
            with suppress(OSError):
                os.unlink(target.parent / name)


class StagedFiles:
    """Files written in full beside their targets, then put in place together.

    Each file is written to a temporary file in the target's folder (so a large report is
    streamed, never held in memory whole). commit() then replaces the targets one by one, each
    atomically, in the order they were staged; until then every target is as it was, and a
    failure discards the temporary files.

    roots: when given, every target (its links followed) must lie inside one of these folders.
    """

    def __init__(self, roots: Sequence[str] | None = None) -> None:
        self._roots = roots
        #: (temporary file, target as named, the file actually replaced)
        self._staged: list[tuple[str, Path, Path]] = []
        #: Folders already made and swept of stale temporary files (many files, one folder).
        self._ready: set[Path] = set()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if kind is not None:
            self.discard()

    def _temp(self, named: Path, follow: bool = True) -> tuple[int, str]:
        if named.parent not in self._ready:
            named.parent.mkdir(parents=True, exist_ok=True)
        target = writable_target(named, self._roots, follow=follow)
        if target.parent not in self._ready:
            remove_stale_temps(target, any_name=True)
            self._ready.add(target.parent)
            self._ready.add(named.parent)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
        self._staged.append((tmp, named, target))
        try:
            st: os.stat_result | None = os.stat(target) if follow else os.lstat(target)
        except OSError:
            st = None
        if st is not None and stat.S_ISLNK(st.st_mode):
            st = None  # a link that is replaced, not written through: a new file's permissions
        os.fchmod(fd, stat.S_IMODE(st.st_mode) if st else 0o666 & ~UMASK)
        if st is not None and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
            try:
                os.fchown(fd, st.st_uid, st.st_gid)
            except OSError:  # only root may give a file away; the group may still be ours
                with suppress(OSError):
                    os.fchown(fd, -1, st.st_gid)
        return fd, tmp

    @contextmanager
    def open(self, path: str | os.PathLike[str], *, follow: bool = True) -> Iterator[TextIO]:
        """A text file to write the new content of path into (UTF-8); follow: see write()."""
        fd, _ = self._temp(Path(path), follow)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())

    def write(
        self,
        path: str | os.PathLike[str],
        data: str | bytes | Iterable[bytes],
        *,
        durable: bool = True,
        follow: bool = True,
    ) -> None:
        """Stage data (text as UTF-8) for path. durable=False skips the flush to the disk: for
        the many small pages of the site, which are derived and rewritten when their recorded
        size no longer matches (a page emptied by a power cut is rewritten on the next run);
        the replacement is still atomic (no reader sees a half-written page). follow=False:
        a link at path is replaced by the file, never written through (the site's pages: a
        link there was planted, and could lead to commitments.yaml). data may come in pieces
        (bytes), written as they come."""
        if isinstance(data, str):
            if durable:
                with self.open(path, follow=follow) as fh:
                    fh.write(data)
                return
            data = data.encode("utf-8")
        fd, _ = self._temp(Path(path), follow)
        with os.fdopen(fd, "wb") as fh:
            for piece in (data,) if isinstance(data, bytes) else data:
                fh.write(piece)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())

    def copy(
        self, staged: str | os.PathLike[str], path: str | os.PathLike[str], *, follow: bool = True
    ) -> None:
        """Stage for path the same content as already staged for another target."""
        source = next(tmp for tmp, named, _ in self._staged if named == Path(staged))
        fd, tmp = self._temp(Path(path), follow)
        os.close(fd)
        shutil.copyfile(source, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())

    @property
    def targets(self) -> list[Path]:
        return [named for _, named, _ in self._staged]

    def commit(self, pause: str = "commit") -> None:
        test_pause(pause)
        for tmp, _, target in self._staged:
            os.replace(tmp, target)
        self._staged = []

    def discard(self) -> None:
        for tmp, _, _ in self._staged:
            with suppress(FileNotFoundError):
                os.unlink(tmp)
        self._staged = []


def writable_parent(target: Path, roots: Sequence[str] | None) -> str:
    """The real folder target is in, refused (UserError) when it is outside roots."""
    if roots is None:
        return real(target.parent)
    try:
        return confine(target.parent, roots)
    except Outside as exc:
        raise _leads_outside(target, exc) from None


def _leads_outside(path: str | os.PathLike[str], exc: Outside) -> UserError:
    return UserError(
        f"{path} leads outside the project folder (to {exc.real}); nothing was written. "
        "sco-tracker writes outside the project only into a folder named on the command "
        "line or in SCO_TRACKER_ALLOW_DIRS"
    )
