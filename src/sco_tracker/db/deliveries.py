"""The tables of the notifications' delivery log (migrations 0004, 0005, 0006, 0007);
sco_tracker.notify.log reads and writes them. Part of store.Base's metadata, so the migrations
and the tables are compared as one."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sco_tracker.db.store import Base, UTCDateTime
from sco_tracker.spec.vocabulary import ID_MAX_LENGTH


class DeliveryRow(Base):
    """One message to one recipient, and how its delivery went."""

    __tablename__ = "notify_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    #: email | webhook
    channel: Mapped[str] = mapped_column(String(20))
    #: The e-mail address it goes to; for a webhook, the webhook as people see it (its name,
    #: else 'https://host/…'), never its URL: the URL holds the chat service's secret token
    #: (migration 0007 took the URLs out).
    recipient: Mapped[str] = mapped_column(Text)
    #: A webhook's fingerprint (spec.notify_settings.url_key, the SHA-256 of its URL): which
    #: webhook of the settings it goes to, and whether its address was corrected since
    #: (migration 0007). None for an e-mail.
    recipient_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: Whom it is for (notify.deliver.recorded: 'name:NAME' for a subscription with a name,
    #: else an e-mail's address or 'webhook:' and a webhook's fingerprint); None for a delivery
    #: planned before migration 0006.
    subscriber: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: news | digest
    kind: Mapped[str] = mapped_column(String(20))
    check_run_id: Mapped[int | None] = mapped_column(ForeignKey("check_runs.id"), nullable=True)
    as_of: Mapped[date] = mapped_column(Date)
    #: The message as rendered when planned (subject, text, html, body): a retry sends the same.
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: pending | sending | sent | failed
    state: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ItemRow(Base):
    """One piece of news in a delivery: (recipient, commitment, finding, check run), once."""

    __tablename__ = "notify_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("notify_deliveries.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64), unique=True)
    commitment_id: Mapped[str] = mapped_column(String(200))
    #: a finding kind, or status_changed
    what: Mapped[str] = mapped_column(String(60))


class MarkRow(Base):
    """A check run whose news has been planned."""

    __tablename__ = "notify_marks"

    check_run_id: Mapped[int] = mapped_column(ForeignKey("check_runs.id"), primary_key=True)
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ToldRow(Base):
    """What the news last told of a commitment's status (migration 0005): the next news tells
    the net change since, so a change undone before it went out is not news."""

    __tablename__ = "notify_told"

    commitment_id: Mapped[str] = mapped_column(String(ID_MAX_LENGTH), primary_key=True)
    #: The status as of the news' date; None when the commitment's document came after that date.
    status: Mapped[str | None] = mapped_column(String(40), nullable=True)
    #: The date of the dated update that gave that status; None when the file gave it.
    effective_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    check_run_id: Mapped[int | None] = mapped_column(ForeignKey("check_runs.id"), nullable=True)
    told_at: Mapped[datetime] = mapped_column(UTCDateTime)
