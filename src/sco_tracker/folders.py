"""A folder built anew beside its target and swapped in whole (the site's thousands of pages on
a new date): see FreshFolder. fileio.py has the file-by-file atomic writes."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Self

from sco_tracker.fileio import UMASK, pid_alive, writable_parent


class FreshFolder:
    """A folder built anew beside its target, then put in its place whole: for the site,
    whose thousands of small pages are all rewritten when the as-of date changes.

    The new folder is made with mkdtemp (private, empty, so nothing can be linked into it);
    each file is created in it with O_EXCL, so none of StagedFiles' per-file work (following
    links, confinement, a temporary name) is needed. Each new file and folder takes the
    permissions and the group of the one it replaces (or, for a new one, of its folder in the
    old tree). A file not yet written can be hard-linked from the folder it replaces
    (link_from_old) when its content is unchanged.

    commit(ours) first carries into the new folder everything of the old one that was not
    written anew and is not named in ours (the files the caller owns and may drop): a file
    someone put there, a folder, a link (as a link) survive the swap. It then moves the old
    folder aside, the new one into place, and removes the old one; until then the target is as
    it was, and a failure (or discard) removes the new folder. Between the two moves (two
    renames, microseconds apart) the folder is absent: a reader finds no page, never half a
    site.

    Only a target that is missing, or a real folder (not a link, not a mount point), can be
    built this way (usable()); it is confined to roots like every write.
    """

    def __init__(self, target: Path, roots: Sequence[str] | None = None) -> None:
        self.target = target
        parent = Path(writable_parent(target, roots))
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_folders(parent, target.name)
        self.folder = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=parent)
        )
        self._old = os.fspath(target)
        self._made: set[str] = set()
        #: The folders ('/'-separated, '' the top) that the old tree does not have: their files
        #: are new, with no old file to take permissions from (10,000 lookups saved on a first
        #: site).
        self._new_folders: set[str] = set() if os.path.isdir(self._old) else {""}
        #: The names written (or linked) into the new folder, in order.
        self._names: list[str] = []
        self._like(self._old, os.fspath(self.folder), 0o777)

    @staticmethod
    def usable(target: Path) -> bool:
        try:
            return stat.S_ISDIR(os.lstat(target).st_mode) and not os.path.ismount(target)
        except FileNotFoundError:
            return True
        except OSError:
            return False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if kind is not None:
            self.discard()

    def _like(self, old: str, new: str, default: int, fd: int | None = None) -> None:
        """Give new (or the open fd) the permissions and group of old, when old is there and
        of the same kind; else leave what the umask and the folder gave it."""
        try:
            st = os.lstat(old)
        except OSError:
            if fd is None:  # a folder of our own: mkdtemp made it private
                os.chmod(new, default & ~UMASK)
            return
        if stat.S_ISDIR(st.st_mode) != (fd is None) or stat.S_ISLNK(st.st_mode):
            if fd is None:
                os.chmod(new, default & ~UMASK)
            return
        mode = stat.S_IMODE(st.st_mode)
        if fd is None:
            with suppress(OSError):  # only a member of the group (or root) may give it
                os.chown(new, -1, st.st_gid)
            os.chmod(new, mode)
            return
        # a page: only what differs from what a new file gets (10,000 pages, two calls each)
        if st.st_gid != os.getegid():
            with suppress(OSError):
                os.fchown(fd, -1, st.st_gid)
        if mode != default & ~UMASK:
            os.fchmod(fd, mode)

    def _path(self, name: str) -> str:
        """The path in the new folder of a '/'-separated relative name (its folders made)."""
        parent, _, _ = name.rpartition("/")
        if parent and parent not in self._made:
            self._path(parent)  # its own parent first
            folder = os.path.join(self.folder, parent)
            os.mkdir(folder)
            old = os.path.join(self._old, parent)
            self._like(old, folder, 0o777)
            if not os.path.isdir(old):
                self._new_folders.add(parent)
            self._made.add(parent)
        return os.path.join(self.folder, name)

    def write(self, name: str, data: bytes | Iterable[bytes]) -> None:
        """Create the file name (relative, '/'-separated) holding data (or its pieces, written
        as they come). Not flushed to the disk: for derived pages that are rewritten when their
        recorded size no longer matches. A failure (a full disk) names the file in the target,
        never the private folder."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(self._path(name), flags, 0o666)
            self._names.append(name)
            try:
                if name.rpartition("/")[0] not in self._new_folders:
                    self._like(os.path.join(self._old, name), "", 0o666, fd)
                for piece in (data,) if isinstance(data, bytes) else data:
                    view = memoryview(piece)
                    while view:
                        view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, os.path.join(self._old, name)) from None

    def link_from_old(self, name: str, size: int) -> bool:
        """Hard-link the old folder's file name into the new one, when it is a regular file of
        that size; False (write it instead) when it is not, or the link cannot be made."""
        old = os.path.join(self._old, name)
        try:
            st = os.lstat(old)
            if not stat.S_ISREG(st.st_mode) or st.st_size != size:
                return False
            os.link(old, self._path(name), follow_symlinks=False)
        except OSError:
            return False
        self._names.append(name)
        return True

    def commit(self, ours: Iterable[str] = (), last: str = "") -> None:
        """Put the new folder in place, with what is not ours carried over from the old one
        (ours: '/'-separated names the caller may drop, e.g. the pages of deleted entries; last:
        the file that describes the others, put last should the files go in one by one)."""
        aside = None
        if os.path.lexists(self.target):
            try:
                _carry(self._old, os.fspath(self.folder), "", set(ours))
            except OSError:  # what the old folder holds cannot all be carried: the new files
                self._replace_in_place(last)  # go into it instead, one by one, each atomically
                return
            # an empty folder of our own, which the rename replaces (a folder onto an empty one)
            aside = tempfile.mkdtemp(
                prefix=f".{self.target.name}.{os.getpid()}.",
                suffix=".old.tmp",
                dir=self.folder.parent,
            )
            os.rename(self.target, aside)
        try:
            os.rename(self.folder, self.target)
        except OSError:
            if aside is not None:
                os.rename(aside, self.target)
            raise
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)

    def _replace_in_place(self, last: str) -> None:
        """Each new file moved onto its old one (a link replaced, never followed), `last` (the
        keys describing the others) removed first and put last; then the new folder removed.
        For an old folder holding what cannot be carried: a folder of someone else's that is
        read-only, a file that may be neither linked nor read, a mount point."""
        parents = {n.rpartition("/")[0] for n in self._names} - {""}
        for parent in parents:  # never through a link (it could lead out of the project)
            if os.path.islink(os.path.join(self._old, parent)):
                raise OSError(errno.ELOOP, "a link where a folder of the site is", parent)
        if last:
            with suppress(FileNotFoundError):
                os.unlink(os.path.join(self._old, last))
        names = [n for n in self._names if n != last] + [n for n in self._names if n == last]
        for name in names:
            parent, _, _ = name.rpartition("/")
            if parent and not os.path.isdir(os.path.join(self._old, parent)):
                os.mkdir(os.path.join(self._old, parent))
            os.replace(os.path.join(self.folder, name), os.path.join(self._old, name))
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def restore_set_aside(target: Path, roots: Sequence[str] | None = None) -> None:
    """A run killed between commit's two renames left no target and the old folder aside:
    put it back (it may hold files that are no one's copy but its own)."""
    if os.path.lexists(target):
        return
    parent = Path(writable_parent(target, roots))
    pattern = re.compile(r"\." + re.escape(target.name) + r"\.(\d+)\.[a-z0-9_]{8}\.old\.tmp\Z")
    with suppress(OSError):
        for entry in sorted(
            os.scandir(parent), key=lambda e: -e.stat(follow_symlinks=False).st_mtime
        ):
            m = pattern.match(entry.name)
            if m and entry.is_dir(follow_symlinks=False) and not pid_alive(int(m.group(1))):
                os.rename(entry.path, target)
                return


def _carry(old: str, new: str, prefix: str, ours: set[str]) -> None:
    """Into the new tree, everything of the old one it lacks and that is not ours: files and
    links hard-linked (a link stays a link, never followed; copied where a hard link cannot
    be made), folders made with the old one's permissions and walked in turn."""
    with os.scandir(old) as entries:
        for entry in entries:
            name = prefix + entry.name
            there = os.path.join(new, entry.name)
            if entry.is_dir(follow_symlinks=False):
                if os.path.ismount(entry.path):  # never copied, never removed with the old
                    raise OSError(errno.EXDEV, "a mount point in the folder", entry.path)
                if not os.path.lexists(there):
                    os.mkdir(there)
                    shutil.copystat(entry.path, there, follow_symlinks=False)
                if os.path.isdir(there) and not os.path.islink(there):
                    _carry(entry.path, there, name + "/", ours)
            elif name not in ours and not os.path.lexists(there):
                try:
                    os.link(entry.path, there, follow_symlinks=False)
                except OSError:
                    shutil.copy2(entry.path, there, follow_symlinks=False)


def _remove_stale_folders(parent: Path, name: str) -> None:
    """Remove the new or set-aside folders for name left by processes that no longer exist."""
    # mkdtemp's names: the prefix, 8 characters of its alphabet, the suffix
    pattern = re.compile(r"\." + re.escape(name) + r"\.(\d+)\.[a-z0-9_]{8}(?:\.old)?\.tmp\Z")
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for entry in names:
        m = pattern.match(entry)
        if m and int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))):
            path = parent / entry
            if stat.S_ISDIR(os.lstat(path).st_mode):
                shutil.rmtree(path, ignore_errors=True)
