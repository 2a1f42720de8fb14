"""Progress checks: pure functions of a project and an as-of date.

An as-of date in the past reproduces the past: a commitment's status on a date comes from
the updates dated up to that date, and anything dated later is invisible. A commitment
whose source is dated after the as-of date did not exist yet and is left out. A draft
(`draft: true`, proposed by 'sco-tracker draft' and not yet reviewed) is not a commitment yet:
it is left out too, of the findings and so of the reports' counts and the notifications.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from sco_tracker.encoding import one_line
from sco_tracker.spec.dates import parse_cadence
from sco_tracker.spec.dues import ResolvedDue
from sco_tracker.spec.model import Commitment, Kind, Status, Update
from sco_tracker.spec.project import Project, status_on
from sco_tracker.spec.vocabulary import FINDING_KINDS, FindingKind, link, plural

__all__ = [
    "FINDING_KINDS",
    "Evaluation",
    "Finding",
    "FindingKind",
    "deadline",
    "drafts_awaiting_review",
    "due_soon_message",
    "evaluate",
    "overdue_message",
]


@dataclass(frozen=True)
class Finding:
    commitment_id: str
    kind: FindingKind
    message: str
    #: overdue: days past due; due_soon: days left; stale: days since the last update;
    #: slipped: days the due date moved later than in the commitment restated.
    days: int | None = None


@dataclass
class Evaluation:
    """One commitment as of a date: its status then, its deadline and what the checks found."""

    commitment: Commitment
    status: Status
    due: ResolvedDue
    updates: list[Update]
    findings: list[Finding] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.commitment.id

    @property
    def last_update(self) -> Update | None:
        return self.updates[-1] if self.updates else None

    @property
    def finding_kinds(self) -> list[str]:
        return [f.kind.value for f in self.findings]


def evaluate(project: Project, as_of: date) -> list[Evaluation]:
    """Every commitment that existed on as_of, with its status and findings on that date."""
    visible = [
        c for c in project.commitments if not c.draft and project.sources[c.source].date <= as_of
    ]
    statuses = {c.id: status_on(c, as_of) for c in visible}
    settings = project.settings
    result = []
    for c in visible:
        status = statuses[c.id]
        updates = [u for u in c.updates if u.date <= as_of]
        ev = Evaluation(c, status, project.due(c), updates)
        ev.findings = list(
            _findings(
                project, ev, as_of, statuses, settings.due_soon_days, settings.stale_after_days
            )
        )
        result.append(ev)
    return result


def deadline(due: ResolvedDue) -> str:
    """A due date as a deadline in a sentence, the one wording of the findings, the reports,
    the site, `status` and the notifications: 'by 31 May 2018', 'by the end of May 2018', 'by
    the end of 2018', 'at the Qingdao summit (10 June 2018)' (an undated due: its label)."""
    return due.period.deadline() if due.period is not None else due.label()


def due_phrase(due: ResolvedDue) -> str:
    """The due date in a sentence, as a deadline: 'due by the end of 2020', 'due at the Qingdao
    summit (10 June 2018)', 'ongoing, reviewed every year', 'no due date'."""
    return due.label() if due.dateless else f"due {deadline(due)}"


def overdue_message(due: ResolvedDue, days: int) -> str:
    """'due by the end of 2020, 2161 days ago (over 5 years)', 'due at the Qingdao summit (10
    June 2018), 5 days ago'."""
    return f"due {deadline(due)}, {plural(days, 'day')} ago{_span(days)}"


def _span(days: int) -> str:
    """A long delay in the words a reader counts in: ' (about 3 months)', ' (over 5 years)'."""
    if days < 60:
        return ""
    if days < 365:
        return f" (about {plural(round(days / 30.44), 'month')})"
    years = int(days // 365.25)
    return " (over a year)" if years < 2 else f" (over {years} years)"


def due_soon_message(due: ResolvedDue, days: int) -> str:
    """'due by 31 May 2018, in 9 days', 'due at the Qingdao summit (10 June 2018), today'."""
    return f"due {deadline(due)}, {'today' if days == 0 else 'in ' + plural(days, 'day')}"


def drafts_awaiting_review(project: Project, as_of: date) -> int:
    """How many draft commitments of sources issued by as_of the checks leave out."""
    return sum(
        1 for c in project.commitments if c.draft and project.sources[c.source].date <= as_of
    )


def _findings(
    project: Project,
    ev: Evaluation,
    as_of: date,
    statuses: dict[str, Status],
    due_soon_days: int,
    stale_after_days: int,
) -> Iterator[Finding]:
    c, status = ev.commitment, ev.status
    end = ev.due.end
    if status.is_open:
        if end is not None and as_of > end and c.kind == Kind.deliverable:
            days = (as_of - end).days
            yield Finding(c.id, FindingKind.overdue, overdue_message(ev.due, days), days)
        elif end is not None and 0 <= (end - as_of).days <= due_soon_days:
            days = (end - as_of).days
            yield Finding(c.id, FindingKind.due_soon, due_soon_message(ev.due, days), days)
        reason = ev.due.undated_reason()  # one kind, its reasons in vocabulary.UNDATED_REASONS
        if reason is not None:
            yield Finding(c.id, FindingKind.undated, reason)
        since = ev.last_update.date if ev.last_update else project.sources[c.source].date
        quiet = (as_of - since).days
        if c.kind == Kind.continuous and c.review_every:
            cadence = parse_cadence(c.review_every)
            if as_of > cadence.after(since):
                yield Finding(
                    c.id, FindingKind.stale, f"not reviewed since {since} (review {cadence})", quiet
                )
        elif quiet > stale_after_days:
            yield Finding(
                c.id, FindingKind.stale, f"no update for {quiet} days (since {since})", quiet
            )
        waiting = [d for d in c.depends_on if statuses.get(d) != Status.fulfilled]
        if waiting:
            yield Finding(c.id, FindingKind.blocked, "waiting for " + ", ".join(waiting))
    if c.restates is not None:
        earlier = project.commitment(c.restates)
        earlier_due = project.due(earlier) if earlier is not None else None
        if (
            earlier_due is not None
            and end is not None
            and earlier_due.end is not None
            and end > earlier_due.end
        ):
            days = (end - earlier_due.end).days
            yield Finding(
                c.id,
                FindingKind.slipped,
                f"due {ev.due.label()}, {days} day{'s' if days != 1 else ''} later than "
                f"{earlier_due.label()} in '{c.restates}', which it restates",
                days,
            )
    if status in (Status.fulfilled, Status.partially_fulfilled):
        setting = [u for u in ev.updates if u.status == status]
        if not any(link(u.source) for u in setting):
            cited = next((u for u in reversed(setting) if (u.source or "").strip()), None)
            yield Finding(
                c.id,
                FindingKind.unsupported,
                f"marked {status.value} without a dated update that cites a source"
                if cited is None
                else f"marked {status.value}, but the source of its update of {cited.date} "
                f"('{one_line((cited.source or '').strip()[:60])}') is not a link to the "
                "evidence",
            )
