"""The delivery log: every notification, what it holds and how its delivery went.

Tables (db/deliveries.py, migrations 0004 to 0007):
- notify_deliveries: one message to one recipient (an e-mail address, or a webhook), for one
  subscriber (`subscriber`, migration 0006: the subscription's name when it has one, else its
  address). Its `key` is unique: the same message is never planned twice. A webhook's URL is
  never kept (it holds the chat service's secret token, and the database may be shared):
  `recipient` is the webhook as people see it (its name, else 'https://host/…'), and
  `recipient_key` (migration 0007) its fingerprint, the SHA-256 of its URL, by which a delivery
  finds its webhook in the settings; an unnamed webhook's `subscriber` is 'webhook:' and that
  fingerprint.
  State: pending -> sending -> sent, or back to pending with a later next_attempt_at after a
  failure, or failed after MAX_ATTEMPTS. One not sent (pending, failed) to a subscriber whose
  address was corrected since goes to the new address (deliver.follow_subscribers).
- notify_items: what a delivery tells, one row per (subscriber, commitment, finding, check run),
  with a unique key: a piece of news goes to a subscriber once, whoever plans it, and whatever
  its address is by then.
- notify_marks: the check runs whose news has been planned, so a later notify starts after them.
- notify_told (migration 0005): each commitment's status as the last news told it, so the next
  news tells the net change since (a change undone before the news went out is not news).

Exactly once, as far as a sender can: a delivery is claimed in the database (pending -> sending,
in a write transaction) before it is sent, and marked sent after the server accepted it. A
process killed between the two leaves it `sending`; the next run takes it back (its process is
gone, or the claim is older than CLAIM_TIMEOUT) and sends it again. So the one message a server
accepted in the instant of a kill may arrive twice; no other.
"""

from __future__ import annotations

import hashlib
import os
import socket
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sco_tracker.db.deliveries import DeliveryRow, ItemRow, MarkRow, ToldRow
from sco_tracker.db.store import Store, utcnow

MAX_ATTEMPTS = 8
#: A claim older than this is taken back even when its process cannot be checked (another host).
CLAIM_TIMEOUT = timedelta(minutes=15)
OPEN_STATES = ("pending", "sending")
__all__ = ["DeliveryRow", "ItemRow", "MarkRow", "ToldRow"]

#: What the news tells of a commitment's status: (status or None, date of its update or None).
Told = tuple[str | None, date | None]


def digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Planned:
    """A delivery to create: its items' keys decide whether anything in it is still news."""

    key: str
    channel: str
    #: the e-mail address, or the webhook as people see it (never its URL: see recipient_key)
    recipient: str
    kind: str
    check_run_id: int | None
    as_of: date
    payload: dict[str, Any]
    items: list[tuple[str, str, str]]  # (item key, commitment id, what)
    #: the pieces of news the message holds, in its order (what a dry run shows)
    news: list[Any] = field(default_factory=list)
    #: whom it is for: deliver.recorded (the subscription's name, else its address or the
    #: webhook's fingerprint)
    subscriber: str | None = None
    #: a webhook's fingerprint (spec.notify_settings.url_key): which webhook it goes to
    recipient_key: str | None = None


def known_item_keys(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(session.scalars(select(ItemRow.key).where(ItemRow.key.in_(chunk))))
    return found


def insert_planned(s: Session, planned: list[Planned], now: datetime) -> list[int]:
    """Create the deliveries (inside the caller's write transaction); returns their ids."""
    ids = []
    for p in planned:
        if s.scalar(select(DeliveryRow.id).where(DeliveryRow.key == p.key)) is not None:
            continue
        row = DeliveryRow(
            key=p.key,
            channel=p.channel,
            recipient=p.recipient,
            recipient_key=p.recipient_key,
            subscriber=p.subscriber,
            kind=p.kind,
            check_run_id=p.check_run_id,
            as_of=p.as_of,
            payload=p.payload,
            state="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        s.add(row)
        s.flush()
        s.add_all(
            ItemRow(delivery_id=row.id, key=k, commitment_id=c, what=w) for k, c, w in p.items
        )
        ids.append(row.id)
    s.flush()
    return ids


def mark(s: Session, run_ids: list[int], now: datetime) -> None:
    marked = set(s.scalars(select(MarkRow.check_run_id).where(MarkRow.check_run_id.in_(run_ids))))
    s.add_all(MarkRow(check_run_id=r, marked_at=now) for r in run_ids if r not in marked)


def marked_runs(session: Session, run_ids: list[int]) -> set[int]:
    return set(
        session.scalars(select(MarkRow.check_run_id).where(MarkRow.check_run_id.in_(run_ids)))
    )


def told(session: Session) -> dict[str, Told]:
    """Each commitment's status as the last news told it (empty before the first news)."""
    rows = session.execute(select(ToldRow.commitment_id, ToldRow.status, ToldRow.effective_date))
    return {cid: (status, when) for cid, status, when in rows}


def tell(s: Session, now_told: dict[str, Told], run_id: int | None, now: datetime) -> None:
    """Remember what this news tells (inside the caller's write transaction): only the rows
    that differ from what the last news told are written."""
    before = told(s)
    for cid, (status, when) in now_told.items():
        if cid not in before:
            s.add(
                ToldRow(
                    commitment_id=cid,
                    status=status,
                    effective_date=when,
                    check_run_id=run_id,
                    told_at=now,
                )
            )
        elif before[cid] != (status, when):
            row = s.get(ToldRow, cid)
            assert row is not None
            row.status, row.effective_date, row.check_run_id, row.told_at = (
                status,
                when,
                run_id,
                now,
            )
    s.flush()


def _alive(claimed_by: str | None) -> bool:
    """Whether the process that claimed a delivery may still be sending it."""
    if not claimed_by or ":" not in claimed_by:
        return False
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname():
        return True  # cannot tell: CLAIM_TIMEOUT decides
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, ValueError):
        return False
    except PermissionError:
        return True
    return True


def recover(store: Store, now: datetime | None = None) -> list[int]:
    """Take back the deliveries left `sending` by a process that died (or a claim too old)."""
    now = now or utcnow()
    taken: list[int] = []
    with store.write() as s:
        for row in s.scalars(select(DeliveryRow).where(DeliveryRow.state == "sending")):
            stale = row.claimed_at is None or now - row.claimed_at > CLAIM_TIMEOUT
            if stale or not _alive(row.claimed_by):
                row.state = "pending"
                row.next_attempt_at = now
                row.last_error = (
                    f"interrupted while sending (claimed by {row.claimed_by}); sent again"
                )
                taken.append(row.id)
    return taken


def due_ids(store: Store, now: datetime, *, ignore_backoff: bool = False) -> list[int]:
    with store.session() as s:
        query = select(DeliveryRow.id).where(DeliveryRow.state == "pending")
        if not ignore_backoff:
            query = query.where(DeliveryRow.next_attempt_at <= now)
        return list(s.scalars(query.order_by(DeliveryRow.id)))


def claim(store: Store, delivery_id: int, now: datetime) -> DeliveryRow | None:
    """Pending -> sending for this process; None when another process has it (or it is done)."""
    with store.write() as s:
        done = s.execute(
            update(DeliveryRow)
            .where(DeliveryRow.id == delivery_id, DeliveryRow.state == "pending")
            .values(
                state="sending",
                claimed_at=now,
                claimed_by=me(),
                attempts=DeliveryRow.attempts + 1,
            )
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            return None
        return s.get(DeliveryRow, delivery_id)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, ... minutes after the n-th failed attempt, at most 6 hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), timedelta(hours=6))


def finish(
    store: Store,
    delivery_id: int,
    error: str | None,
    now: datetime | None = None,
    *,
    final: bool = False,
) -> str:
    """Record the outcome of an attempt; the new state (sent, pending or failed)."""
    now = now or utcnow()
    with store.write() as s:
        row = s.get(DeliveryRow, delivery_id)
        assert row is not None
        if error is None:
            row.state, row.sent_at, row.last_error = "sent", now, None
        elif final or row.attempts >= MAX_ATTEMPTS:
            row.state, row.last_error = "failed", error
        else:
            row.state, row.last_error = "pending", error
            row.next_attempt_at = now + backoff(row.attempts)
        row.claimed_at = row.claimed_by = None
        return row.state


def open_deliveries(store: Store) -> list[DeliveryRow]:
    """Deliveries waiting for a retry or failed for good, newest first."""
    with store.session() as s:
        return list(
            s.scalars(
                select(DeliveryRow)
                .where(DeliveryRow.state.in_(("pending", "sending", "failed")))
                .order_by(DeliveryRow.id.desc())
            )
        )
