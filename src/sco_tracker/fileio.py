"""Atomic file writes: a file is either the old one or the new one, never half-written."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Self, TextIO

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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Read once, at import (before any scheduler thread): os.umask can only be read by setting it.
_UMASK = _umask()


def file_mode(target: Path) -> int:
    """The permissions for a new version of target: those of the file it replaces, or what the
    user's umask gives a new file (rw-r--r-- usually). A temporary file alone would be private."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, elsewhere: str = "choose another place"
) -> None:
    """Replace one file atomically (text is written as UTF-8).

    A file that cannot be written (a read-only or full disk, a missing folder) raises a
    UserError that names it and says what to do; the old file stays as it was."""
    try:
        with StagedFiles() as staged:
            staged.write(path, data)
            staged.commit()
    except OSError as exc:
        raise cannot_write(path, exc, elsewhere=elsewhere) from None


class StagedFiles:
    """Files written in full beside their targets, then put in place together.

    Each file is written to a temporary file in the target's folder (so a large report is
    streamed, never held in memory whole). commit() then replaces the targets one by one, each
    atomically, in the order they were staged; until then every target is as it was, and a
    failure discards the temporary files.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[str, Path]] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if kind is not None:
            self.discard()

    def _temp(self, target: Path) -> tuple[int, str]:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self._staged.append((tmp, target))
        os.fchmod(fd, file_mode(target))
        return fd, tmp

    @contextmanager
    def open(self, path: str | os.PathLike[str]) -> Iterator[TextIO]:
        """A text file to write the new content of path into (UTF-8)."""
        fd, _ = self._temp(Path(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())

    def write(self, path: str | os.PathLike[str], data: str | bytes) -> None:
        if isinstance(data, str):
            with self.open(path) as fh:
                fh.write(data)
            return
        fd, _ = self._temp(Path(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    def copy(self, staged: str | os.PathLike[str], path: str | os.PathLike[str]) -> None:
        """Stage for path the same content as already staged for another target."""
        source = next(tmp for tmp, target in self._staged if target == Path(staged))
        fd, tmp = self._temp(Path(path))
        os.close(fd)
        shutil.copyfile(source, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())

    @property
    def targets(self) -> list[Path]:
        return [target for _, target in self._staged]

    def commit(self) -> None:
        for tmp, target in self._staged:
            os.replace(tmp, target)
        self._staged = []

    def discard(self) -> None:
        for tmp, _ in self._staged:
            with suppress(FileNotFoundError):
                os.unlink(tmp)
        self._staged = []
