"""Per-member compliance scores and restatement chains: pure functions of a Project.

The method is that of the G7, G20 and BRICS Research Groups: each member's compliance with
each commitment is scored -1 (no compliance, or action against it), 0 (partial, or work
under way) or +1 (full compliance), in a window (an interim or a final report). Scores are
averaged per member, per commitment and overall, and shown both on the -1..+1 scale and as
the percentage (average + 1) / 2 x 100.

Three kinds of empty cell are kept apart from each other and from -1:
- not assessed: the party made the commitment but has no score in the window;
- n/a: scored as not applicable; left out of every average;
- not a party: the party did not make the commitment; no cell at all.

Averages are computed exactly (fractions) and rounded only for display.

The restatement chains are in restatements.py, the CSV and terminal output in
compliance_output.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal

from sco_tracker.encoding import web_url
from sco_tracker.spec.model import Assessment, AssessmentWindow, Commitment, PartyKind
from sco_tracker.spec.project import Project, today_in
from sco_tracker.spec.vocabulary import NOT_APPLICABLE, score_label
from sco_tracker.tracking.restatements import Chain, restatement_chains
from sco_tracker.tracking.selection import EVERYTHING, Selection
from sco_tracker.tracking.windows import (
    NotCovered,
    default_window,
    not_covered,
    ordered_windows,
    previous_window,
)

CellState = Literal["scored", "n/a", "not_assessed", "not_party"]

#: The text of each kind of empty cell in the CSV export (and the terminal legend).
NOT_ASSESSED = "not assessed"
NOT_A_PARTY = "not a party"


def percent(avg: Fraction | None) -> Fraction | None:
    """(average + 1) / 2 x 100: -1 -> 0%, 0 -> 50%, +1 -> 100%."""
    return None if avg is None else (avg + 1) / 2 * 100


def mean(scores: list[int]) -> Fraction | None:
    return Fraction(sum(scores), len(scores)) if scores else None


def fmt_score(avg: Fraction | None) -> str:
    """'+0.25', '-1.00', '0.00'; '' when there is nothing to average."""
    if avg is None:
        return ""
    value = float(avg)
    return f"{value:+.2f}" if round(value, 2) != 0 else "0.00"


def fmt_percent(avg: Fraction | None) -> str:
    p = percent(avg)
    return "" if p is None else f"{float(p):.1f}%"


def fmt_change(change: Fraction | None) -> str:
    if change is None:
        return ""
    value = float(change)
    return f"{value:+.2f}" if round(value, 2) != 0 else "0.00"


def _num(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


@dataclass(slots=True)
class Cell:
    party_id: str
    state: CellState
    assessment: Assessment | None = None

    @property
    def score(self) -> int | None:
        if self.state == "scored" and self.assessment is not None:
            return int(self.assessment.score)
        return None

    @property
    def text(self) -> str:
        """The cell as analysts read it: '+1', '0', '-1', 'n/a', 'not assessed', 'not a party'."""
        if self.state == "scored":
            return score_label(self.score or 0)
        return {"n/a": NOT_APPLICABLE, "not_assessed": NOT_ASSESSED, "not_party": NOT_A_PARTY}[
            self.state
        ]

    def as_dict(self) -> dict[str, Any]:
        a = self.assessment
        return {
            "party": self.party_id,
            "state": self.state,
            "score": self.score,
            "text": self.text,
            "date": a.date.isoformat() if a else None,
            "note": a.note if a else None,
            "source": a.source if a else None,
            "source_url": web_url(a.source) if a else None,
        }


class Row:
    """One commitment across the members (the columns).

    by_party: the commitment's assessments in the window, by party. Most rows of a large file
    have none; their cells are made only when someone asks for them.
    """

    def __init__(
        self,
        commitment: Commitment,
        members: list[tuple[str, str]],
        by_party: dict[str, Assessment],
    ) -> None:
        self.commitment = commitment
        self.members = members
        self.by_party = by_party
        # The commitment's parties that have a column (all of them, unless --party narrows).
        self.parties = set(commitment.parties).intersection(pid for pid, _ in members)

    @property
    def id(self) -> str:
        return self.commitment.id

    @cached_property
    def cells(self) -> list[Cell]:
        cells = []
        for pid, _ in self.members:
            a = self.by_party.get(pid)
            if pid not in self.parties:
                cells.append(Cell(pid, "not_party"))
            elif a is None:
                cells.append(Cell(pid, "not_assessed"))
            else:
                cells.append(Cell(pid, "n/a" if a.score == "n/a" else "scored", a))
        return cells

    @property
    def scores(self) -> list[int]:
        if not self.by_party:
            return []
        return [c.score for c in self.cells if c.state == "scored"]  # type: ignore[misc]

    @property
    def average(self) -> Fraction | None:
        return mean(self.scores)

    @property
    def not_assessed(self) -> int:
        if not self.by_party:
            return len(self.parties)
        return sum(1 for c in self.cells if c.state == "not_assessed")

    @property
    def not_applicable(self) -> int:
        return sum(
            1 for a in self.by_party.values() if a.score == "n/a" and a.party in self.parties
        )


@dataclass
class MemberSummary:
    party_id: str
    name: str
    average: Fraction | None
    scored: int
    not_assessed: int
    previous: Fraction | None
    #: The change in the average since the previous window; None when either is missing.
    change: Fraction | None


@dataclass
class ComplianceReport:
    """The grid of one window, its averages and the restatement chains."""

    window: AssessmentWindow | None
    previous_window: AssessmentWindow | None
    windows: list[AssessmentWindow]
    members: list[tuple[str, str]]  # (party id, name), the columns
    rows: list[Row]
    summaries: list[MemberSummary]
    chains: list[Chain] = field(default_factory=list)
    #: The commitments shown that no window scores (by its sources and its end), with why.
    not_covered: list[NotCovered] = field(default_factory=list)

    @property
    def scores(self) -> list[int]:
        return [s for r in self.rows for s in r.scores]

    @property
    def overall(self) -> Fraction | None:
        """The mean of every scored cell (n/a and not assessed left out)."""
        return mean(self.scores)

    @property
    def not_assessed(self) -> int:
        return sum(r.not_assessed for r in self.rows)

    @property
    def not_applicable(self) -> int:
        return sum(r.not_applicable for r in self.rows)

    @property
    def cells(self) -> int:
        """Cells where the party made the commitment (scored, n/a or not assessed)."""
        return sum(len(r.parties) for r in self.rows)

    def as_dict(self, *, unassessed_rows: bool = True) -> dict[str, Any]:
        """Plain data for JSON and for the report templates (context key 'compliance').

        unassessed_rows=False leaves out the rows with no score and no n/a in the window (a large
        report lists only what was assessed); 'rows_left_out' counts them.
        """
        unscored: dict[
            tuple[str, str], dict[str, Any]
        ] = {}  # one shared dict per member for each empty state

        def cell(c: Cell, name: str) -> dict[str, Any]:
            if c.assessment is not None:
                return {**c.as_dict(), "name": name}
            key = (c.party_id, c.state)
            if key not in unscored:
                unscored[key] = {**c.as_dict(), "name": name}
            return unscored[key]

        scores = self.scores
        overall = mean(scores)
        rows = self.rows if unassessed_rows else [r for r in self.rows if r.by_party]

        def window(w: AssessmentWindow | None) -> dict[str, Any] | None:
            if w is None:
                return None
            return {
                "id": w.id,
                "title": w.title,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
            }

        return {
            "window": window(self.window),
            "previous_window": window(self.previous_window),
            "windows": [window(w) for w in self.windows],
            "members": [{"id": pid, "name": name} for pid, name in self.members],
            "rows": [
                {
                    "commitment": r.id,
                    "title": r.commitment.title,
                    "cells": [
                        cell(c, name) for c, (_, name) in zip(r.cells, self.members, strict=True)
                    ],
                    "average": _num(r.average),
                    "average_text": fmt_score(r.average),
                    "percent": _num(percent(r.average)),
                    "percent_text": fmt_percent(r.average),
                    "scored": len(r.scores),
                    "not_assessed": r.not_assessed,
                }
                for r in rows
            ],
            "rows_left_out": len(self.rows) - len(rows),
            "members_summary": [
                {
                    "party": m.party_id,
                    "name": m.name,
                    "average": _num(m.average),
                    "average_text": fmt_score(m.average),
                    "percent": _num(percent(m.average)),
                    "percent_text": fmt_percent(m.average),
                    "scored": m.scored,
                    "not_assessed": m.not_assessed,
                    "previous_average": _num(m.previous),
                    "change": _num(m.change),
                    "change_text": fmt_change(m.change),
                }
                for m in self.summaries
            ],
            "overall": {
                "average": _num(overall),
                "average_text": fmt_score(overall),
                "percent": _num(percent(overall)),
                "percent_text": fmt_percent(overall),
                "scored": len(scores),
                "not_assessed": self.not_assessed,
                "not_applicable": self.not_applicable,
                "cells": self.cells,
            },
            "chains": [c.as_dict() for c in self.chains],
            "not_covered": [n.as_dict() for n in self.not_covered],
        }


def _members(
    project: Project, commitments: list[Commitment], selection: Selection = EVERYTHING
) -> list[tuple[str, str]]:
    """Columns: every party to at least one of the commitments, member states first, in file
    order; with --party, only the parties chosen (a group: its members) when they have a
    column (an addressee chosen by name keeps the commitments' parties)."""
    used = {p for c in commitments for p in c.parties}
    chosen = {p for p in used if p.casefold() in selection.match}
    if chosen:
        used = chosen
    parties = [p for p in project.parties.values() if p.id in used]
    parties.sort(key=lambda p: 0 if p.kind == PartyKind.member_state else 1)
    return [(p.id, p.name) for p in parties]


def _row(
    c: Commitment, members: list[tuple[str, str]], window_id: str | None, as_of: date | None = None
) -> Row:
    by_party = {
        a.party: a
        for a in c.assessments
        if a.window == window_id and (as_of is None or a.date <= as_of)
    }
    return Row(c, members, by_party)


def _columns(
    rows: list[Row], members: list[tuple[str, str]]
) -> tuple[dict[str, list[int]], dict[str, int]]:
    """Each member's scores and count of cells not assessed, in one pass over the rows."""
    scores: dict[str, list[int]] = {pid: [] for pid, _ in members}
    unassessed = dict.fromkeys(scores, 0)
    for r in rows:
        if not r.by_party:
            for pid in r.parties:
                unassessed[pid] += 1
            continue
        for cell in r.cells:
            if cell.state == "scored":
                scores[cell.party_id].append(cell.score)  # type: ignore[arg-type]
            elif cell.state == "not_assessed":
                unassessed[cell.party_id] += 1
    return scores, unassessed


def _visible(
    project: Project,
    window: AssessmentWindow | None,
    as_of: date | None = None,
    selection: Selection = EVERYTHING,
) -> list[Commitment]:
    """Commitments of the window's sources that existed by its end (and by as_of), in the
    selection; drafts are not counted."""
    last = min(d for d in (window.end if window else None, as_of, date.max) if d is not None)
    return [
        c
        for c in project.commitments
        if not c.draft
        and project.sources[c.source].date <= last
        and (window is None or window.covers(c.source))
        and selection.keeps(c)
    ]


def member_averages(
    project: Project,
    window: AssessmentWindow | None,
    as_of: date | None = None,
    selection: Selection = EVERYTHING,
) -> dict[str, Fraction | None]:
    commitments = _visible(project, window, as_of, selection)
    members = _members(project, commitments, selection)
    rows = [_row(c, members, window.id if window else None, as_of) for c in commitments]
    scores, _ = _columns(rows, members)
    return {pid: mean(scores[pid]) for pid, _ in members}


def compliance(
    project: Project,
    window_id: str | None = None,
    *,
    today: date | None = None,
    selection: Selection = EVERYTHING,
) -> ComplianceReport:
    """The grid for a window (by default the latest that has begun by today), averages, changes and
    chains.

    today is the as-of date: scores dated after it, and commitments from later sources, are
    left out, so a report for a past date shows the grid as it was then. A window scores the
    commitments of the sources it names (all, when it names none); selection narrows the grid
    to some sources or parties (tracking/selection.py). Raises
    StopIteration for an unknown window id (the CLI checks first).
    """

    as_of = today or today_in(project.settings.timezone)
    windows = ordered_windows(project)
    if window_id is not None:
        window: AssessmentWindow | None = next(w for w in windows if w.id == window_id)
    else:
        window = default_window(project, as_of)
    previous = previous_window(windows, window)

    commitments = _visible(project, window, as_of, selection)
    members = _members(project, commitments, selection)
    rows = [_row(c, members, window.id if window else None, as_of) for c in commitments]
    before = member_averages(project, previous, as_of, selection) if previous is not None else {}
    summaries = []
    scores, unassessed = _columns(rows, members)
    for pid, name in members:
        avg = mean(scores[pid])
        prev = before.get(pid)
        change = avg - prev if avg is not None and prev is not None else None
        summaries.append(
            MemberSummary(pid, name, avg, len(scores[pid]), unassessed[pid], prev, change)
        )
    chains = restatement_chains(project)
    if not selection.everything:
        chains = [ch for ch in chains if any(selection.keeps(s.commitment) for s in ch.steps)]
    return ComplianceReport(
        window,
        previous,
        windows,
        members,
        rows,
        summaries,
        chains,
        not_covered(project, as_of, selection),
    )
