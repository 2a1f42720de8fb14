"""Restatement chains: a commitment first promised in one document and restated in later ones.

Pure functions of a Project: each step says when the commitment was promised or restated, in
which document, and how far its due date moved from the commitment it restates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sco_tracker.spec.dues import ResolvedDue
from sco_tracker.spec.model import Commitment
from sco_tracker.spec.project import Project


@dataclass
class ChainStep:
    commitment: Commitment
    source_id: str
    source_title: str
    promised_on: date
    due: ResolvedDue
    #: Days the due date moved from the commitment restated: > 0 later (slipped), < 0 earlier.
    moved_days: int | None
    is_first: bool = False

    @property
    def movement(self) -> str:
        if self.is_first:
            return "first promised"
        if self.moved_days is None:
            return "due date cannot be compared (one of them has no known date)"
        if self.moved_days > 0:
            return f"slipped {self.moved_days} day{'s' if self.moved_days != 1 else ''} later"
        if self.moved_days < 0:
            n = -self.moved_days
            return f"moved {n} day{'s' if n != 1 else ''} earlier"
        return "due date unchanged"

    def as_dict(self) -> dict[str, Any]:
        return {
            "commitment": self.commitment.id,
            "title": self.commitment.title,
            "source": self.source_id,
            "source_title": self.source_title,
            "promised_on": self.promised_on.isoformat(),
            "quote": self.commitment.quote,
            "due": self.commitment.due,
            "due_label": self.due.label(),
            "due_phrase": self.due.phrase(),
            "due_end": self.due.end.isoformat() if self.due.end else None,
            "moved_days": self.moved_days,
            "slipped": bool(self.moved_days and self.moved_days > 0),
            "movement": self.movement,
        }


@dataclass
class Chain:
    """A commitment first promised in one document and restated in later ones, oldest first."""

    steps: list[ChainStep]

    @property
    def first(self) -> ChainStep:
        return self.steps[0]

    @property
    def slipped(self) -> bool:
        return any(s.moved_days is not None and s.moved_days > 0 for s in self.steps)

    def as_dict(self) -> dict[str, Any]:
        return {
            "first": self.first.commitment.id,
            "promised_on": self.first.promised_on.isoformat(),
            "first_due": self.first.due.label(),
            "slipped": self.slipped,
            "steps": [s.as_dict() for s in self.steps],
        }


def restated_due_change(project: Project, c: Commitment) -> int | None:
    """Days the due date moved from the commitment c restates to c (> 0: slipped); None if not
    comparable."""
    if c.restates is None:
        return None
    earlier = project.commitment(c.restates)
    if earlier is None:
        return None
    mine, theirs = project.due(c).end, project.due(earlier).end
    if mine is None or theirs is None:
        return None
    return (mine - theirs).days


def restatement_chains(project: Project) -> list[Chain]:
    """Every chain of restatements, from what was promised first to the latest restatement.

    A commitment restated by two later ones appears once, with both restatements after it in
    the order of their sources' dates.
    """
    restated_by: dict[str, list[Commitment]] = {}
    for c in project.commitments:
        if c.restates is not None:
            restated_by.setdefault(c.restates, []).append(c)
    roots = [c for c in project.commitments if c.restates is None and c.id in restated_by]
    chains = []
    for root in roots:
        ordered: list[Commitment] = []
        frontier = [root]
        while frontier:
            node = frontier.pop(0)
            ordered.append(node)
            frontier.extend(restated_by.get(node.id, []))
        ordered.sort(key=lambda c: project.sources[c.source].date)
        steps = []
        for n, c in enumerate(ordered):
            src = project.sources[c.source]
            moved = restated_due_change(project, c) if n else None
            steps.append(
                ChainStep(c, src.id, src.title, src.date, project.due(c), moved, is_first=n == 0)
            )
        chains.append(Chain(steps))
    return chains
