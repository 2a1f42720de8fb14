"""What a sync would change: the commitments of the file compared with those in the database.

plan_sync reads the stored ids, content hashes and archive marks, and sorts the file's
commitments into added, changed and restored, and the stored ones missing from the file into
archived. It writes nothing to the database.

Drafts (`draft: true`, proposed by 'sco-tracker draft' and not yet reviewed) are not
commitments: the database never holds them. A draft is added, with its status history, by the
first sync after the analyst accepts it; a draft removed from the file was never there. A
stored commitment that the file marks as a draft again is no longer tracked: it is archived.

ContentHashes gives each commitment's content_hash (the SHA-256 of its JSON dump with sorted
keys, as stored in the database), computed at most once per sync and remembered across syncs
in .sco-tracker-cache/content-hashes.json (see sco_tracker.cache). The remembered hash of a
commitment is used only when its quick digest, the SHA-256 of pydantic's model_dump_json (about
a fifth of the cost of model_dump plus sorted json.dumps), is the one remembered with it, and
the file was written by the same tool (version and code): the same JSON dump, the same content,
the same content_hash. Anything else (no file, a damaged file, another tool, a changed
commitment, SCO_TRACKER_NO_CACHE) computes the hash the long way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sco_tracker import cache
from sco_tracker.db.rows import read_rows
from sco_tracker.db.store import CommitmentRow
from sco_tracker.spec.model import Commitment
from sco_tracker.spec.multifile import entry_files
from sco_tracker.spec.project import Project


def content_hash(c: Commitment, dump: dict[str, Any] | None = None) -> str:
    """dump: c.model_dump(mode="json") when the caller has it already."""
    data = c.model_dump(mode="json") if dump is None else dump
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def quick_digest(c: Commitment) -> str:
    return hashlib.sha256(c.model_dump_json().encode()).hexdigest()


HASHES_FILE = "content-hashes.json"


class ContentHashes:
    """The content_hash of each commitment of one project, remembered across syncs."""

    def __init__(self, project: Project) -> None:
        self.hashes: dict[str, str] = {}
        self._file = os.fspath(project.path)
        self._enabled = not os.environ.get(cache.NO_CACHE_ENV)
        self._stamp = ""
        self._remembered: dict[str, list[str]] | None = None
        self._digests: dict[str, str] = {}
        self._computed = False

    def _load(self) -> dict[str, list[str]]:
        if self._remembered is None:
            self._remembered = {}
            if self._enabled:
                self._stamp = cache.tool_stamp()
                data = cache._read(self._file, HASHES_FILE)
                if isinstance(data, dict) and data.get("tool") == self._stamp:
                    found = data.get("hashes")
                    self._remembered = found if isinstance(found, dict) else {}
        return self._remembered

    def of(self, c: Commitment, dump: dict[str, Any] | None = None) -> str:
        """c's content_hash; dump: c.model_dump(mode="json") when the caller has it."""
        known = self.hashes.get(c.id)
        if known is not None:
            return known
        if self._enabled:
            digest = self._digests[c.id] = quick_digest(c)
            pair = self._load().get(c.id)
            if isinstance(pair, list) and len(pair) == 2 and pair[0] == digest:
                self.hashes[c.id] = known = str(pair[1])
                return known
        self.hashes[c.id] = known = content_hash(c, dump)
        self._computed = True
        return known

    def save(self) -> None:
        """Remember the hashes of this sync's commitments, when any was computed the long way."""
        if not (self._enabled and self._computed):
            return
        self._load()
        pairs = {cid: [d, self.hashes[cid]] for cid, d in self._digests.items()}
        with contextlib.suppress(OSError):  # a cache that cannot be written is only a cache
            # a test_pause point of its own: tests that hold a command at "commit" mean the
            # files the analyst sees (the reports, commitments.yaml), not this cache
            data = {"tool": self._stamp, "hashes": pairs}
            cache._write(self._file, HASHES_FILE, data, pause="content-hashes")


def file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass
class SyncPlan:
    """Commitment ids, each list in the file's order (archived: in the database's order)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    #: Unchanged, but now in another file (a split, an entry moved by hand).
    moved: list[str] = field(default_factory=list)
    #: Unchanged, in a file the database did not know yet (synced before migration 0006).
    located: list[str] = field(default_factory=list)
    #: The file that holds each commitment of the project (db: commitments.file).
    files: dict[str, str] = field(default_factory=dict)
    #: The file each archived commitment was last seen in, when the database knows it.
    archived_from: dict[str, str] = field(default_factory=dict)
    #: The file that holds each draft of the project (not tracked: see the module's doc).
    drafts: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.changed
            or self.archived
            or self.restored
            or self.moved
            or self.located
        )

    @property
    def touched(self) -> list[str]:
        """The commitments already in the database that this sync changes, sorted."""
        return sorted(set(self.changed) | set(self.restored) | set(self.archived))

    @property
    def upserting(self) -> list[str]:
        """The commitments whose row is written from the file, sorted."""
        return sorted(set(self.added) | set(self.changed) | set(self.restored))

    @property
    def brought_in(self) -> list[str]:
        """Added, then restored, then the other changed ones: the order history is recorded in."""
        return (
            self.added + list(self.restored) + [x for x in self.changed if x not in self.restored]
        )


def plan_sync(session: Session, project: Project, hashes: ContentHashes) -> SyncPlan:
    """Compare the project with the database; `hashes` keeps content hashes across calls."""
    # Whether archived, not when: the database compares, so that 10,000 timestamps are not
    # turned into datetimes one by one (UTCDateTime) only to be tested against None.
    archived = CommitmentRow.archived_at.is_not(None).label("archived")
    query = select(CommitmentRow.id, CommitmentRow.content_hash, archived, CommitmentRow.file)
    existing = {cid: (stored, was, f) for cid, stored, was, f in read_rows(session, query)}
    where = entry_files(project.positions, "commitments", len(project.commitments))
    plan = SyncPlan()
    tracked = []
    for c, name in zip(project.commitments, where, strict=True):
        if c.draft:
            plan.drafts[c.id] = name
        else:
            plan.files[c.id] = name
            tracked.append(c)
    for c in tracked:
        if c.id not in existing:
            plan.added.append(c.id)
            continue
        old_hash, was_archived, old_file = existing[c.id]
        if was_archived:
            plan.restored.append(c.id)
        if old_hash != hashes.of(c):
            plan.changed.append(c.id)
        elif not was_archived and old_file != plan.files[c.id]:
            (plan.located if old_file is None else plan.moved).append(c.id)
    in_file = plan.files
    for cid, (_, was_archived, old_file) in existing.items():
        if cid not in in_file and not was_archived:
            plan.archived.append(cid)
            if old_file is not None:
                plan.archived_from[cid] = old_file
    return plan
