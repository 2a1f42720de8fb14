"""What is news for a check run, and who asked for which part of it.

The news of the latest check as of a date R tells what changed since the last news, net:
- every finding current in R that was *new* in R or in an earlier run not yet notified, and
  was not already current at the last check notified (a finding that went away and came back
  before the news went out is not news);
- each commitment whose status as of R differs from the one the last news told (recorded in
  notify_told): a status change undone before the news went out is not news; a change back
  after it was told is (and says when the update behind the old status was taken out);
- each commitment the last news did not know (added to the file, or a draft accepted since):
  announced as a new commitment.
Before any news, what was told is what the status history held at the first check of the
chain (the first news of all tells the findings only).

Drafts (`draft: true`, not reviewed yet) are not commitments yet: never news.

Each item carries what a reader needs: the commitment's title, due date, the communiqué's words
and a link to the commitment in the report. Reading only: deliver.py decides and records.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from sco_tracker.db.store import CheckRun, FindingRow, StatusHistoryRow, latest_check_run
from sco_tracker.notify import log
from sco_tracker.notify.log import MarkRow, Told, marked_runs
from sco_tracker.report.model import STATUS_LABELS
from sco_tracker.spec.dates import day_label
from sco_tracker.spec.notify_settings import Subscription
from sco_tracker.spec.project import Project, status_on
from sco_tracker.tracking.checks import due_phrase

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sco_tracker.spec.model import Commitment, Update
    from sco_tracker.tracking.checks import Evaluation

#: How far back a notify looks for check runs not yet notified.
MAX_CHAIN = 200
#: The order of the items in a message.
ORDER = (
    "new_commitment",
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
            return f"status_changed:{self.previous_status}:{self.status}:{self.effective_date}"
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
    #: Each commitment's status as this news tells it (recorded once planned; empty for a look
    #: at a date earlier than the last news').
    told: dict[str, Told] = field(default_factory=dict)


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


def status_words(status: str) -> str:
    """A status as the terminal and the reports name it: 'in progress', 'not fulfilled'."""
    return STATUS_LABELS.get(status, status).lower()


def gather(session: Session, project: Project, as_of: date) -> News | None:
    """The news of the latest check as of that date; None when there is no check yet."""
    latest = latest_check_run(session, as_of)
    if latest is None:
        return None
    chain: list[CheckRun] = []
    notified: CheckRun | None = None
    current: CheckRun | None = latest
    while current is not None and len(chain) < MAX_CHAIN:
        if marked_runs(session, [current.id]):
            notified = current
            break
        chain.append(current)
        current = (
            session.get(CheckRun, current.previous_run_id) if current.previous_run_id else None
        )
    news = News(latest.id, latest.as_of, [r.id for r in chain], [])
    if not chain:
        return news  # already notified
    told_findings: set[tuple[str, str]] = set()
    if notified is not None:  # what the last news told, still true: not news again
        told_findings = {
            (cid, kind)
            for cid, kind in session.execute(
                select(FindingRow.commitment_id, FindingRow.kind).where(
                    FindingRow.check_run_id == notified.id, FindingRow.state != "resolved"
                )
            )
        }
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
        if c is None or (cid, kind) not in new_in or (cid, kind) in told_findings:
            continue
        items.append(_item(project, c, latest.as_of, new_in[(cid, kind)], kind, message))
    first = chain[-1] if notified is None and len(chain) > 1 else None
    now_told = told_now(project, latest.as_of)
    last = last_news(session)
    items += status_news(session, project, latest, now_told, first, last)
    if last is None or latest.as_of >= last[0]:
        news.told = now_told  # what this news tells; not for a look at an earlier date
    news.items = _sort(items)
    return news


def last_news(session: Session) -> tuple[date, datetime] | None:
    """The latest as-of date a news was for, and when the last news was planned."""
    row = session.execute(
        select(func.max(CheckRun.as_of), func.max(MarkRow.marked_at)).join(
            MarkRow, MarkRow.check_run_id == CheckRun.id
        )
    ).one()
    return None if row[0] is None else (row[0], row[1])


def _in_effect(c: Commitment, as_of: date) -> Update | None:
    """The dated update that gives the commitment its status on that date, if one does."""
    return next((u for u in reversed(c.updates) if u.status is not None and u.date <= as_of), None)


def told_now(project: Project, as_of: date) -> dict[str, Told]:
    """Each commitment's status as of that date, as the news tells it (None: its document
    came after that date); drafts are not commitments yet."""
    out: dict[str, Told] = {}
    for c in project.commitments:
        if c.draft:
            continue
        if project.sources[c.source].date > as_of:
            out[c.id] = (None, None)
            continue
        update = _in_effect(c, as_of)
        out[c.id] = (status_on(c, as_of).value, update.date if update else None)
    return out


def status_news(
    session: Session,
    project: Project,
    latest: CheckRun,
    now_told: dict[str, Told],
    first: CheckRun | None,
    last: tuple[date, datetime] | None,
) -> list[Item]:
    """The net change of each commitment's status since the last news: a change undone before
    the news went out is not news; a commitment the last news did not know is announced new.

    What the last news told is read from the delivery log (notify_told). Before any news, or
    for a look at an earlier date, it is what the status history held then: at the first check
    of the chain (as of its date), or when the last news was planned (as of this date).
    last: last_news(session)."""
    told = log.told(session)
    history: dict[str, Told] | None = None
    if last is not None and latest.as_of >= last[0] and told:
        when: tuple[datetime, date] | None = None
    elif last is not None:
        told, when = {}, (last[1], min(latest.as_of, last[0]))
    else:
        told, when = {}, (first.run_at, first.as_of) if first else None
    items = []
    for c in project.commitments:
        after = now_told.get(c.id)
        if after is None or after[0] is None:
            continue  # a draft, or its document came after this date
        if c.id in told:
            before = told[c.id]
            if before[0] is None:
                continue  # its document came after the last news' date: its findings tell
        elif told:
            items.append(_new_item(project, c, latest))
            continue
        elif when is None:
            continue  # the first news of all: its findings tell
        else:
            if history is None:
                history = recorded_statuses(session, *when)
            if c.id not in history:
                items.append(_new_item(project, c, latest))
                continue
            if project.sources[c.source].date > when[1]:
                continue
            before = history[c.id]
        if before[0] != after[0]:
            items.append(_change_item(project, c, latest, before, after))
    return items


def _new_item(project: Project, c: Commitment, latest: CheckRun) -> Item:
    status = status_on(c, latest.as_of).value
    return _item(
        project,
        c,
        latest.as_of,
        latest.id,
        "new_commitment",
        f"new commitment, {status_words(status)}, {due_phrase(project.due(c))}",
        status=status,
    )


def _change_item(
    project: Project, c: Commitment, latest: CheckRun, before: Told, after: Told
) -> Item:
    was, now = str(before[0]), str(after[0])
    update = _in_effect(c, latest.as_of)
    message = f"status {status_words(was)} → {status_words(now)}"
    if update is not None:
        message += f" on {day_label(update.date)}"
    taken_out = before[1] is not None and not any(
        u.date == before[1] and u.status is not None and u.status.value == was for u in c.updates
    )
    if taken_out:
        assert before[1] is not None
        message += (
            f" (the update of {day_label(before[1])} that made it {status_words(was)} "
            "was taken out of the file)"
        )
    elif update is None:
        message += " (set in the file, without a dated update)"
    return _item(
        project,
        c,
        latest.as_of,
        latest.id,
        "status_changed",
        message,
        status=now,
        previous_status=was,
        effective_date=update.date.isoformat() if update else None,
        note=update.note if update else None,
    )


def recorded_statuses(session: Session, by: datetime, as_of: date) -> dict[str, Told]:
    """Each commitment's status on a date as the status history held it at a time: the rows
    observed by then (a status without a dated update stands alone; otherwise the latest dated
    one in effect on that date, planned before the first)."""
    rows: dict[str, list[StatusHistoryRow]] = {}
    for row in session.scalars(
        select(StatusHistoryRow)
        .where(StatusHistoryRow.event == "status", StatusHistoryRow.observed_at <= by)
        .order_by(StatusHistoryRow.id)
    ):
        if row.effective_date is None:
            rows[row.commitment_id] = [row]  # the file's status: the dated ones were removed
        else:
            rows.setdefault(row.commitment_id, []).append(row)
    out: dict[str, Told] = {}
    for cid, found in rows.items():
        if found[-1].effective_date is None:
            out[cid] = (found[-1].status, None)
            continue
        dated = [r for r in found if r.effective_date is not None and r.effective_date <= as_of]
        if not dated:
            out[cid] = ("planned", None)
            continue
        best = max(dated, key=lambda r: (r.effective_date or as_of, r.id))
        out[cid] = (best.status, best.effective_date)
    return out


def digest_items(
    project: Project, evaluations: list[Evaluation], as_of: date, run_id: int
) -> list[Item]:
    """Everything open as of the evaluations' date, one item per commitment."""
    items = []
    for ev in evaluations:
        if not ev.status.is_open:
            continue
        kinds = tuple(f.kind.value for f in ev.findings)
        message = "; ".join(f.message for f in ev.findings) or (
            f"{status_words(ev.status.value)}, no finding"
        )
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
