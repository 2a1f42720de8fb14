"""What a sync would change: the commitments of the file compared with those in the database.

plan_sync reads the stored ids, content hashes and archive marks, and sorts the file's
commitments into added, changed and restored, and the stored ones missing from the file into
archived. It writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sco_tracker.db.store import CommitmentRow
from sco_tracker.spec.model import Commitment
from sco_tracker.spec.project import Project


def content_hash(c: Commitment) -> str:
    return hashlib.sha256(
        json.dumps(c.model_dump(mode="json"), sort_keys=True).encode()
    ).hexdigest()


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

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.archived or self.restored)

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


def plan_sync(session: Session, project: Project, hashes: dict[str, str]) -> SyncPlan:
    """Compare the project with the database; `hashes` caches content hashes across calls."""
    # Whether archived, not when: the database compares, so that 10,000 timestamps are not
    # turned into datetimes one by one (UTCDateTime) only to be tested against None.
    archived = CommitmentRow.archived_at.is_not(None).label("archived")
    existing = {
        row.id: (row.content_hash, row.archived)
        for row in session.execute(select(CommitmentRow.id, CommitmentRow.content_hash, archived))
    }
    plan = SyncPlan()
    for c in project.commitments:
        if c.id not in existing:
            plan.added.append(c.id)
            continue
        old_hash, was_archived = existing[c.id]
        if was_archived:
            plan.restored.append(c.id)
        if c.id not in hashes:
            hashes[c.id] = content_hash(c)
        if old_hash != hashes[c.id]:
            plan.changed.append(c.id)
    in_file = {c.id for c in project.commitments}
    plan.archived = [
        cid
        for cid, (_, was_archived) in existing.items()
        if cid not in in_file and not was_archived
    ]
    return plan
