"""The delivery log no longer keeps webhook URLs: a webhook is known by a fingerprint.

A webhook's URL usually holds the chat service's secret token (Slack's, Teams', Mattermost's,
Discord's, '?token=...'), and the database file may be shared with a team. The URL was kept
only to know which webhook a delivery goes to; a fingerprint (the SHA-256 of the URL, which the
tracker compares with the URLs in the settings) does that as well.

notify_deliveries.recipient_key (new): a webhook's fingerprint. For each webhook row,
recipient becomes the webhook as people see it (its name, else 'https://host/…'), subscriber
'webhook:' and the fingerprint when it was the URL (a named one stays 'name:NAME'), and the URL
is taken out of last_error. The news waiting for a webhook still goes to it: the fingerprint
matches its URL in the settings. The functions below are copies, frozen as this migration
needs them (spec.notify_settings.url_key and shown_url).

On SQLite the old values are overwritten with zeros (secure_delete). PostgreSQL keeps the old
row versions until it reuses their space: `VACUUM FULL notify_deliveries` rewrites the table
without them.

Downgrade drops the fingerprints; the URLs cannot come back, so an older sco-tracker gives up
what is still waiting for a webhook ("no longer in settings.notify.webhooks").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _shown(url: str) -> str:
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return "a web address"
    if not parts.scheme or not host:
        return "a web address"
    where = f"[{host}]" if ":" in host else host
    if port is not None:
        where += f":{port}"
    rest = parts.path not in ("", "/") or parts.query or parts.fragment
    return f"{parts.scheme}://{where}/" + ("…" if rest else "")


def _without(text: str | None, url: str, shown: str) -> str | None:
    if text is None:
        return None
    text = text.replace(url, shown)
    tail = url.split("://", 1)[-1].partition("/")[2]
    return text.replace("/" + tail, "/…") if len(tail) > 1 else text


def upgrade() -> None:
    # A nullable column is added in place (SQLite's ADD COLUMN too): no table is copied.
    op.add_column("notify_deliveries", sa.Column("recipient_key", sa.String(64), nullable=True))
    deliveries = sa.table(
        "notify_deliveries",
        sa.column("id", sa.Integer),
        sa.column("channel", sa.String),
        sa.column("recipient", sa.Text),
        sa.column("recipient_key", sa.String),
        sa.column("subscriber", sa.Text),
        sa.column("last_error", sa.Text),
    )
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # the old values are overwritten with zeros, not left on the file's free space
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    rows = conn.execute(
        sa.select(
            deliveries.c.id,
            deliveries.c.recipient,
            deliveries.c.subscriber,
            deliveries.c.last_error,
        ).where(deliveries.c.channel == "webhook")
    ).all()
    for row_id, url, subscriber, last_error in rows:
        key = _key(url)
        named = subscriber is not None and subscriber.startswith("name:")
        shown = subscriber.removeprefix("name:") if named else _shown(url)
        conn.execute(
            sa.update(deliveries)
            .where(deliveries.c.id == row_id)
            .values(
                recipient=shown,
                recipient_key=key,
                subscriber=f"webhook:{key}" if subscriber == url else subscriber,
                last_error=_without(last_error, url, shown),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("notify_deliveries") as batch:
        batch.drop_column("recipient_key")
