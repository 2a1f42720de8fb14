"""Assessment windows: their order, the default one, the previous one over the same sources,
and the commitments that no window scores. Pure functions of a Project.

A window scores the commitments of the sources it names in `sources:` (every source when it
names none) that were issued by its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sco_tracker.spec.model import AssessmentWindow, Commitment
from sco_tracker.spec.project import Project
from sco_tracker.tracking.selection import EVERYTHING, Selection


@dataclass(frozen=True)
class NotCovered:
    """A commitment that no assessment window scores, and why."""

    commitment: Commitment
    reason: str

    def as_dict(self) -> dict[str, Any]:
        c = self.commitment
        return {"commitment": c.id, "title": c.title, "source": c.source, "reason": self.reason}


def ordered_windows(project: Project) -> list[AssessmentWindow]:
    """The windows in time order: by end, then start, then the order in the file."""
    ws = list(project.settings.assessment_windows)
    return sorted(ws, key=lambda w: (w.end, w.start))


def previous_window(
    windows: list[AssessmentWindow], window: AssessmentWindow | None
) -> AssessmentWindow | None:
    """The window before this one (in time order) that covers the same sources, for "change
    since": a window of the UN resolution's commitments is not compared with one of the SCO's."""
    if window is None:
        return None
    same = [w for w in windows[: windows.index(window)] if set(w.sources) == set(window.sources)]
    return same[-1] if same else None


def default_window(project: Project, today: date) -> AssessmentWindow | None:
    """The latest window that has begun by today (the first one when none has); None without
    windows."""
    ws = ordered_windows(project)
    if not ws:
        return None
    begun = [w for w in ws if w.start <= today]
    return begun[-1] if begun else ws[0]


def not_covered(
    project: Project, as_of: date, selection: Selection = EVERYTHING
) -> list[NotCovered]:
    """The commitments (existing by as_of, in the selection) that no window scores: none names
    their source, or every one that does ended before their source was issued. Empty when no
    window is defined (then nothing is scored at all, and the grid says so)."""
    windows = ordered_windows(project)
    if not windows:
        return []
    reasons: dict[str, str | None] = {}  # source id -> why no window scores it (None: one does)
    for sid, source in project.sources.items():
        covering = [w for w in windows if w.covers(sid)]
        if any(source.date <= w.end for w in covering):
            reasons[sid] = None
        elif not covering:
            reasons[sid] = f"no assessment window covers source '{sid}'"
        else:
            latest = covering[-1]
            reasons[sid] = (
                f"source '{sid}' is dated {source.date}, after the end of every window that "
                f"covers it (the latest, '{latest.id}', ends {latest.end})"
            )
    out = []
    for c in project.commitments:
        reason = reasons[c.source]
        if reason is None or c.draft or project.sources[c.source].date > as_of:
            continue
        if selection.keeps(c):
            out.append(NotCovered(c, reason))
    return out
