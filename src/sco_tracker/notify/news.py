"""What is news for a check run, and who asked for which part of it.

The news of the latest check as of a date R is, since the last check run already notified (or
since the first check, when none was):
- every finding current in R that was *new* in R or in an earlier run not yet notified;
- every status change, from the dated updates, between that earlier run's as-of date and R's;
- every status change the database recorded (status_history, at each sync) since that earlier
  run was made, dated up to R's as-of date: an update dated in the past but written after the
  last notified check is news once, at the next notify.

Drafts (`draft: true`, not reviewed yet) are not commitments yet: never news.

Each item carries what a reader needs: the commitment's title, due date, the communiqué's words
and a link to the commitment in the report. Reading only: deliver.py decides and records.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sco_tracker.db.store import CheckRun, FindingRow, StatusHistoryRow, latest_check_run
from sco_tracker.notify.log import marked_runs
from sco_tracker.spec.dates import day_label
from sco_tracker.spec.notify_settings import Subscription
from sco_tracker.spec.project import Project, status_on

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sco_tracker.spec.model import Commitment
    from sco_tracker.tracking.checks import Evaluation

#: How far back a notify looks for check runs not yet notified.
MAX_CHAIN = 200
#: The order of the items in a message.
ORDER = (
    "status_changed",
    "overdue",
    "slipped",
    "due_soon",
    "undated",
    "blocked",
    "stale",
    "unsupported",
)


@dataclass(frozen=True)
class Item:
    commitment: str
    what: str
    message: str
    #: The check run this piece of news belongs to (where the finding was new).
    check_run: int
    title: str
    theme: str
    source: str
    source_title: str
    parties: tuple[str, ...]
    lead: str | None
    quote: str
    due: str
    due_date: str | None
    status: str
    previous_status: str | None
    link: str
    #: status_changed: the date of the update, and its note.
    effective_date: str | None = None
    note: str | None = None
    #: digest: every finding of the commitment.
    findings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def detail(self) -> str:
        """What distinguishes this piece of news from another on the same commitment."""
        if self.what == "status_changed":
            return f"status_changed:{self.status}:{self.effective_date}"
        return self.what

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["parties"] = list(self.parties)
        data["findings"] = list(self.findings)
        return data


@dataclass
class News:
    run_id: int
    as_of: date
    #: The runs whose news this is (R first); marked as notified once planned.
    runs: list[int]
    items: list[Item]


def link(project: Project, as_of: date, commitment_id: str) -> str:
    """The commitment in the report as of that date: under settings.site_url when it is set."""
    page = f"{as_of.isoformat()}.html#{commitment_id}"
    site = project.settings.site_url
    return f"{site.rstrip('/')}/{page}" if site else page


def _item(
    project: Project,
    c: Commitment,
    as_of: date,
    run_id: int,
    what: str,
    message: str,
    **extra: Any,
) -> Item:
    due = project.due(c)
    source = project.sources.get(c.source)
    return Item(
        commitment=c.id,
        what=what,
        message=message,
        check_run=run_id,
        title=c.title,
        theme=c.theme,
        source=c.source,
        source_title=source.title if source else c.source,
        parties=tuple(c.parties),
        lead=c.lead,
        quote=c.quote,
        due=due.label(),
        due_date=due.end.isoformat() if due.end else None,
        status=extra.pop("status", None) or status_on(c, as_of).value,
        previous_status=extra.pop("previous_status", None),
        link=link(project, as_of, c.id),
        **extra,
    )


def _sort(items: list[Item]) -> list[Item]:
    rank = {w: i for i, w in enumerate(ORDER)}
    return sorted(items, key=lambda i: (rank.get(i.what, len(ORDER)), i.commitment))


def gather(session: Session, project: Project, as_of: date) -> News | None:
    """The news of the latest check as of that date; None when there is no check yet."""
    latest = latest_check_run(session, as_of)
    if latest is None:
        return None
    chain: list[CheckRun] = []
    base: CheckRun | None = None
    current: CheckRun | None = latest
    while current is not None and len(chain) < MAX_CHAIN:
        if marked_runs(session, [current.id]):
            base = current
            break
        chain.append(current)
        current = (
            session.get(CheckRun, current.previous_run_id) if current.previous_run_id else None
        )
    news = News(latest.id, latest.as_of, [r.id for r in chain], [])
    if not chain:
        return news  # already notified
    if base is None and len(chain) > 1:
        base = chain[-1]  # never notified: the news since the first check

    new_in: dict[tuple[str, str], int] = {}
    for cid, kind, run in session.execute(
        select(FindingRow.commitment_id, FindingRow.kind, FindingRow.check_run_id).where(
            FindingRow.check_run_id.in_(news.runs), FindingRow.state == "new"
        )
    ):
        new_in[(cid, kind)] = max(run, new_in.get((cid, kind), 0))
    items: list[Item] = []
    for cid, kind, message in session.execute(
        select(FindingRow.commitment_id, FindingRow.kind, FindingRow.message).where(
            FindingRow.check_run_id == latest.id, FindingRow.state != "resolved"
        )
    ):
        c = project.commitment(cid)
        if c is None or (cid, kind) not in new_in:
            continue
        items.append(_item(project, c, latest.as_of, new_in[(cid, kind)], kind, message))
    changes: list[Item] = []
    if base is not None:
        changes += status_changes(project, base.as_of, latest.as_of, latest.id)
    since = base.run_at if base is not None else _first_check_at(session)
    if since is not None:
        changes += recorded_changes(session, project, since, latest)
    seen: set[tuple[str, str]] = set()
    for item in changes:
        if (item.commitment, item.detail) not in seen:
            seen.add((item.commitment, item.detail))
            items.append(item)
    news.items = _sort(items)
    return news


def _first_check_at(session: Session) -> datetime | None:
    return session.execute(select(CheckRun.run_at).order_by(CheckRun.id).limit(1)).scalar()


def recorded_changes(
    session: Session, project: Project, since: datetime, latest: CheckRun
) -> list[Item]:
    """The status changes the syncs recorded after `since` and by the latest check, dated by
    its as-of date. The rows of the sync that first brought a commitment in are its starting
    history, observed with or before the first check: not changes."""
    items = []
    rows = session.scalars(
        select(StatusHistoryRow)
        .where(
            StatusHistoryRow.event == "status",
            StatusHistoryRow.observed_at > since,
            StatusHistoryRow.observed_at <= latest.run_at,
        )
        .order_by(StatusHistoryRow.id)
    )
    for row in rows:
        c = project.commitment(row.commitment_id)
        if c is None or c.draft or project.sources[c.source].date > latest.as_of:
            continue
        when = row.effective_date
        if when is not None and when > latest.as_of:
            continue  # not yet in effect as of that date
        before = status_on(c, when - timedelta(days=1)).value if when else None
        if before == row.status:
            continue
        label = f" on {day_label(when)}" if when else ""
        items.append(
            _item(
                project,
                c,
                latest.as_of,
                latest.id,
                "status_changed",
                f"status {before or 'changed'} → {row.status}{label}",
                status=row.status,
                previous_status=before,
                effective_date=when.isoformat() if when else None,
                note=row.note,
            )
        )
    return items


def status_changes(project: Project, since: date, as_of: date, run_id: int) -> list[Item]:
    """The commitments whose status on as_of differs from the one on since (dated updates)."""
    items = []
    for c in project.commitments:
        if c.draft or project.sources[c.source].date > since:
            continue  # not reviewed yet, or did not exist yet then: new, not changed
        before, after = status_on(c, since), status_on(c, as_of)
        if before == after:
            continue
        update = next(
            (u for u in reversed(c.updates) if u.date <= as_of and u.status == after), None
        )
        when = f" on {day_label(update.date)}" if update else ""
        items.append(
            _item(
                project,
                c,
                as_of,
                run_id,
                "status_changed",
                f"status {before.value} → {after.value}{when}",
                status=after.value,
                previous_status=before.value,
                effective_date=update.date.isoformat() if update else None,
                note=update.note if update else None,
            )
        )
    return items


def digest_items(
    project: Project, evaluations: list[Evaluation], as_of: date, run_id: int
) -> list[Item]:
    """Everything open as of the evaluations' date, one item per commitment."""
    items = []
    for ev in evaluations:
        if not ev.status.is_open:
            continue
        kinds = tuple(f.kind.value for f in ev.findings)
        message = "; ".join(f.message for f in ev.findings) or f"{ev.status.value}, no finding"
        items.append(
            _item(
                project,
                ev.commitment,
                as_of,
                run_id,
                kinds[0] if kinds else "open",
                message,
                status=ev.status.value,
                findings=kinds,
            )
        )
    return _sort(items)


def matches(sub: Subscription, item: Item) -> bool:
    """Whether a subscription lets this item through: every limit given, any value of each."""
    kinds = {k.value for k in sub.kinds}
    if kinds and not ({item.what, *item.findings} & kinds):
        return False
    if sub.themes and item.theme not in sub.themes:
        return False
    if sub.sources and item.source not in sub.sources:
        return False
    if sub.parties and not set(item.parties) & set(sub.parties):
        return False
    return not (sub.leads and item.lead not in sub.leads)
