"""Atomic file writes: a file is either the old one or the new one, never half-written."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Self, TextIO


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


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace one file atomically (text is written as UTF-8)."""
    with StagedFiles() as staged:
        staged.write(path, data)
        staged.commit()


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
