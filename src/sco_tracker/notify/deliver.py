"""The whole notification job: plan the news as deliveries, claim each, send it, record it.

notify():      after a check: the news of the latest check as of a date, to each subscriber.
send_digest(): everything open, to each subscriber (settings.schedule.digest).
send_tests():  a test message to each channel, recorded nowhere.

Planning happens in one write transaction (the writers' lock), so two runs at once, or two
analysts sharing a database, plan each piece of news once. Sending is per delivery: claimed
first (see log.py), so a failure, a kill or a second process never sends a message twice, and
one failing channel never stops the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from sco_tracker.db.store import Store, open_store, utcnow
from sco_tracker.notify import log, render
from sco_tracker.notify.channels import ChannelError, send_email, send_webhook
from sco_tracker.notify.news import Item, News, digest_items, gather, matches
from sco_tracker.problems import UserError
from sco_tracker.report.render import templates_dir
from sco_tracker.spec.notify_settings import Subscription, Webhook, shown_url, url_key
from sco_tracker.spec.project import Project

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sco_tracker.tracking.checks import Evaluation


@dataclass
class Attempt:
    channel: str
    #: the e-mail address, or the webhook as people see it (Webhook.shown): never its URL
    recipient: str
    items: int
    #: sent | pending (a retry will follow) | failed (given up) | planned (dry run)
    outcome: str
    detail: str
    kind: str = "news"
    next_attempt_at: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "recipient": self.recipient,
            "kind": self.kind,
            "items": self.items,
            "outcome": self.outcome,
            "detail": self.detail,
            "next_attempt_at": self.next_attempt_at.isoformat() if self.next_attempt_at else None,
        }


@dataclass
class Report:
    as_of: date
    check_run: int | None
    planned: int = 0
    news_items: int = 0
    attempts: list[Attempt] = field(default_factory=list)
    pending: int = 0
    dry_run: bool = False
    #: what was planned (or would be, with --dry-run): (channel, recipient as shown, items)
    plans: list[tuple[str, str, list[Item]]] = field(default_factory=list)
    #: each planned message as its recipient reads it: (subject or None, text)
    messages: list[tuple[str | None, str]] = field(default_factory=list)
    #: the news waiting for a subscriber without a name that followed its corrected address
    followed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """'notifications: 2 sent, 1 waiting for a retry': each delivery counted once."""
        sent = sum(1 for a in self.attempts if a.outcome == "sent")
        given_up = sum(1 for a in self.attempts if a.outcome == "failed")
        text = f"notifications: {sent} sent"
        if self.pending:
            text += f", {self.pending} waiting for a retry"
        if given_up:
            text += f", {given_up} given up"
        return text


#: What a delivery whose address is gone from the settings adds.
NAME_IT = (
    " (news waiting for a subscriber follows its corrected address when it has a 'name:', or,"
    " without one, when a single new address took the place of a single old one; give each"
    " subscriber a name)"
)


def subscribers(project: Project) -> list[tuple[str, str, Subscription]]:
    notify = project.settings.notify
    found: list[tuple[str, str, Subscription]] = []
    if notify.email is not None:
        found += [("email", r.address, r) for r in notify.email.to]
    found += [("webhook", w.url, w) for w in notify.webhooks]
    return found


def subscriber(recipient: str, sub: Subscription) -> str:
    """Whom news is told to, whatever their address: 'name:Afghanistan desk' for a subscription
    with a name (validate refuses a name given twice), else its address or URL. The delivery
    log keys what it told by this (hashed into its keys, never kept as it is: see
    `recorded`), so correcting a named subscriber's address neither loses the news waiting for
    it nor sends again what it was told."""
    name = getattr(sub, "name", None)
    return f"name:{name}" if name else recipient


def recorded(channel: str, recipient: str, sub: Subscription) -> str:
    """Whom the delivery log says a delivery is for (notify_deliveries.subscriber): the
    subscriber, with a webhook's URL, which holds its secret token, replaced by its
    fingerprint ('webhook:' and spec.notify_settings.url_key)."""
    who = subscriber(recipient, sub)
    return f"webhook:{url_key(recipient)}" if channel == "webhook" and who == recipient else who


def shown(channel: str, recipient: str, sub: Subscription) -> str:
    """A subscriber as people see it: an e-mail's address; a webhook's name, else its scheme
    and host ('https://hooks.slack.com/…'), never its URL."""
    if channel == "webhook":
        return sub.shown if isinstance(sub, Webhook) else shown_url(recipient)
    return recipient


def without_url(text: str, hook: Webhook) -> str:
    """A message about a webhook with its URL (or the path and query of it, where the secret
    token is) replaced by the webhook as people see it."""
    text = text.replace(hook.url, hook.shown)
    tail = hook.url.split("://", 1)[-1].partition("/")[2]
    return text.replace("/" + tail, "/…") if len(tail) > 1 else text


def _templates(project: Project) -> str | None:
    return templates_dir(project)


def _payload(
    project: Project,
    channel: str,
    recipient: str,
    key: str,
    event: str,
    as_of: date,
    run_id: int | None,
    items: list[Item],
    sub: Subscription | None = None,
) -> dict[str, Any]:
    tdir = _templates(project)
    hook = sub if isinstance(sub, Webhook) else None
    if hook is None:
        hook = next((w for w in project.settings.notify.webhooks if w.url == recipient), None)
    # A webhook's URL often holds its token: the message names the hook, never its URL.
    label = recipient if channel == "email" else (hook.name if hook and hook.name else "")
    vars_ = render.variables(event, as_of, run_id, items, project.settings.site_url, label)
    if channel == "email":
        email = project.settings.notify.email
        assert email is not None
        domain = email.sender.rpartition("@")[2]
        payload = render.email_payload(vars_, tdir, f"<{key[:40]}.{event}@{domain}>")
        # what the message says, kept to say it again to a corrected address (follow_subscribers)
        return {**payload, "variables": vars_}
    assert hook is not None
    return render.webhook_payload(vars_, tdir, hook.format.value, key)


def _plan(
    s: Session, project: Project, event: str, as_of: date, run_id: int | None, items: list[Item]
) -> list[log.Planned]:
    planned = []
    for channel, recipient, sub in subscribers(project):
        mine = [i for i in items if matches(sub, i)]
        who = subscriber(recipient, sub)
        # News: once per (subscriber, commitment, what, check run where it was new). Whether a
        # status change is news at all is news.gather's (the net change since the last news).
        # Digest: once per (subscriber, commitment, day).
        keys = {
            (
                log.digest(event, channel, who, i.commitment, as_of)
                if event == "digest"
                else log.digest(event, channel, who, i.commitment, i.detail, i.check_run)
            ): i
            for i in mine
        }
        known = log.known_item_keys(s, list(keys))
        fresh = {k: i for k, i in keys.items() if k not in known}
        if not fresh:
            continue
        key = log.digest(event, channel, who, run_id, as_of, *sorted(fresh))
        chosen = list(fresh.values())
        payload = _payload(project, channel, recipient, key, event, as_of, run_id, chosen, sub)
        planned.append(
            log.Planned(
                key=key,
                channel=channel,
                recipient=shown(channel, recipient, sub),
                recipient_key=url_key(recipient) if channel == "webhook" else None,
                kind=event,
                check_run_id=run_id,
                as_of=as_of,
                payload=payload,
                items=[(k, i.commitment, i.what) for k, i in fresh.items()],
                news=chosen,
                subscriber=recorded(channel, recipient, sub),
            )
        )
    return planned


def follow_subscribers(store: Store, project: Project, now: datetime) -> None:
    """A delivery not sent yet (waiting for a retry, or given up) to a named subscriber whose
    address (or URL) is no longer the one it was planned for goes to the address in the file
    now, at once and with all its attempts again: the message is the same (an e-mail says it
    again to the new address). One already sent stays as it was: it is never sent again."""
    current = {(c, recorded(c, r, sub)): (r, sub) for c, r, sub in subscribers(project)}
    tdir = _templates(project)
    with store.write() as s:
        query = select(log.DeliveryRow).where(
            log.DeliveryRow.state.in_(("pending", "failed")),
            log.DeliveryRow.subscriber.is_not(None),
        )
        for row in s.scalars(query):
            found = current.get((row.channel, str(row.subscriber)))
            if found is None:
                continue
            address, sub = found
            if row.channel == "webhook":
                if url_key(address) == row.recipient_key:
                    continue
                row.recipient_key = url_key(address)
                address = shown(row.channel, address, sub)
            elif address == row.recipient:
                continue
            if row.channel == "email":
                said = row.payload.get("variables")
                if not isinstance(said, dict):
                    continue  # planned before the message was kept: it cannot be said again
                said = {**said, "recipient": address}
                payload = render.email_payload(said, tdir, str(row.payload["message_id"]))
                row.payload = {**payload, "variables": said}
                row.last_error = f"the address was corrected from {row.recipient} to {address}"
            else:
                row.last_error = "the webhook's address was corrected"
            row.recipient = address
            if row.state == "failed":
                row.attempts = 0
            row.state, row.next_attempt_at = "pending", now


def follow_corrections(store: Store, project: Project) -> list[str]:
    """The news waiting for a subscriber without a name whose address is gone from the settings
    (still to be sent: news given up stays given up, so that an address added later never gets
    what was given up before it came) goes to the one that took its place, when unambiguous: on
    that channel, it is for one address gone, and one address (without a name) of the settings
    had no news planned up to then. Its deliveries become the new address's (follow_subscribers
    sends them there); what it says of each. Otherwise it is given up when sent (NAME_IT)."""
    current: dict[str, set[str]] = {}
    unnamed: dict[str, list[str]] = {}
    for channel, recipient, sub in subscribers(project):
        who = recorded(channel, recipient, sub)  # as the delivery log knows it
        current.setdefault(channel, set()).add(who)
        if subscriber(recipient, sub) == recipient:
            unnamed.setdefault(channel, []).append(who)
    said: list[str] = []
    with store.write() as s:
        waiting = s.scalars(
            select(log.DeliveryRow).where(
                log.DeliveryRow.state == "pending",
                log.DeliveryRow.subscriber.is_not(None),
            )
        )
        gone: dict[str, list[log.DeliveryRow]] = {}
        for row in waiting:
            who = str(row.subscriber)
            if not who.startswith("name:") and who not in current.get(row.channel, set()):
                gone.setdefault(row.channel, []).append(row)
        for channel, rows in gone.items():
            old = {str(r.subscriber) for r in rows}
            since = min(r.created_at for r in rows)
            new = [
                who
                for who in unnamed.get(channel, [])
                if s.scalar(
                    select(func.count())
                    .select_from(log.DeliveryRow)
                    .where(
                        log.DeliveryRow.channel == channel,
                        log.DeliveryRow.subscriber == who,
                        log.DeliveryRow.created_at <= since,
                    )
                )
                == 0
            ]
            if len(old) != 1 or len(new) != 1:
                continue
            for row in rows:
                row.subscriber = new[0]
            said.append(
                f"The news waiting for {old.pop()} goes to {new[0]}, the address written in "
                "its place in settings.notify.email.to."
                if channel == "email"
                else "The news waiting for a webhook no longer in settings.notify.webhooks goes "
                "to the webhook written in its place."
            )
    return said


def _report(report: Report, planned: list[log.Planned]) -> None:
    """What is planned, item by item: the very items each message holds."""
    report.planned = len(planned)
    report.plans = [(p.channel, p.recipient, list(p.news)) for p in planned]
    report.messages = [_readable(p.payload) for p in planned]


def _readable(payload: dict[str, Any]) -> tuple[str | None, str]:
    """A message as its recipient reads it: an e-mail's subject and text, a webhook's text."""
    if "subject" in payload:
        return payload["subject"], payload["text"]
    body = json.loads(payload["body"])
    return None, body["text"]


def notify(
    store: Store,
    project: Project,
    as_of: date,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    retry_now: bool = False,
) -> Report:
    """Plan the news of the latest check as of that date, then send what is due."""
    now = now or utcnow()
    opened = store.session() if dry_run else store.write()
    with opened as s:
        news: News | None = gather(s, project, as_of)
        report = Report(as_of, news.run_id if news else None, dry_run=dry_run)
        if news is not None:
            report.news_items = len(news.items)
            planned = _plan(s, project, "news", news.as_of, news.run_id, news.items)
            _report(report, planned)
            if not dry_run:
                log.insert_planned(s, planned, now)
                log.mark(s, news.runs, now)
                log.tell(s, news.told, news.run_id, now)
    if dry_run:
        report.pending = len(log.due_ids(store, now, ignore_backoff=True))
        return report
    send_pending(store, project, report, now=now, retry_now=retry_now)
    return report


def send_digest(
    store: Store,
    project: Project,
    evaluations: list[Evaluation],
    as_of: date,
    run_id: int | None,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
) -> Report:
    """Everything open as of that date, to each subscriber; once per day and recipient."""
    now = now or utcnow()
    items = digest_items(project, evaluations, as_of, run_id or 0)
    report = Report(as_of, run_id, dry_run=dry_run)
    report.news_items = len(items)
    opened = store.session() if dry_run else store.write()
    with opened as s:
        planned = _plan(s, project, "digest", as_of, run_id, items)
        _report(report, planned)
        if not dry_run:
            log.insert_planned(s, planned, now)
    if not dry_run:
        send_pending(store, project, report, now=now)
    return report


def send_pending(
    store: Store,
    project: Project,
    report: Report,
    *,
    now: datetime | None = None,
    retry_now: bool = False,
) -> None:
    """Send every delivery that is due (new ones, and retries whose time has come)."""
    now = now or utcnow()
    log.recover(store, now)
    report.followed += follow_corrections(store, project)
    follow_subscribers(store, project, now)
    for delivery_id in log.due_ids(store, now, ignore_backoff=retry_now):
        row = log.claim(store, delivery_id, now)
        if row is None:
            continue  # another process has it
        error, detail, final = _send(project, row)
        state = log.finish(store, row.id, error, final=final)
        attempt = Attempt(
            row.channel,
            row.recipient,
            _count_items(store, row.id),
            state,
            detail if error is None else error,
            row.kind,
        )
        if state == "pending":
            with store.session() as s:
                again = s.get(log.DeliveryRow, row.id)
                attempt.next_attempt_at = again.next_attempt_at if again else None
        report.attempts.append(attempt)
    report.pending = len(log.due_ids(store, now, ignore_backoff=True))


def _count_items(store: Store, delivery_id: int) -> int:
    with store.session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(log.ItemRow)
                .where(log.ItemRow.delivery_id == delivery_id)
            )
            or 0
        )


def _send(project: Project, row: log.DeliveryRow) -> tuple[str | None, str, bool]:
    """(error or None, what the server said, whether the error is final)."""
    notify = project.settings.notify
    try:
        if row.channel == "email":
            email = notify.email
            if email is None or row.recipient not in {r.address for r in email.to}:
                return (
                    f"not sent: {row.recipient} is no longer in settings.notify.email.to{NAME_IT}",
                    "",
                    True,
                )
            return None, send_email(email, row.recipient, row.payload), False
        hook = next((w for w in notify.webhooks if url_key(w.url) == row.recipient_key), None)
        if hook is None:
            return (
                f"not sent: this webhook is no longer in settings.notify.webhooks{NAME_IT}",
                "",
                True,
            )
        try:
            return None, send_webhook(hook, row.payload, row.key, row.kind), False
        except Exception as exc:  # noqa: BLE001 - whatever it says, never with the URL
            said = str(exc) if isinstance(exc, ChannelError) else f"{type(exc).__name__}: {exc}"
            return without_url(said, hook), "", False
    except ChannelError as exc:
        return str(exc), "", False
    except Exception as exc:  # noqa: BLE001 - a failing channel never stops the others
        return f"{type(exc).__name__}: {exc}", "", False


def send_tests(project: Project) -> list[Attempt]:
    """A test message to each channel (each address, each webhook); nothing is recorded."""
    today, results = datetime.now(UTC).date(), []
    for channel, recipient, sub in subscribers(project):
        key = log.digest("test", channel, recipient, datetime.now(UTC).isoformat())
        payload = _payload(project, channel, recipient, key, "test", today, None, [], sub)
        who = shown(channel, recipient, sub)
        try:
            if channel == "email":
                assert project.settings.notify.email is not None
                said = send_email(project.settings.notify.email, recipient, payload)
            else:
                assert isinstance(sub, Webhook)
                said = send_webhook(sub, payload, key, "test")
            results.append(Attempt(channel, who, 0, "sent", said, "test"))
        except Exception as exc:  # noqa: BLE001 - a failing channel never stops the others
            said = str(exc) if isinstance(exc, ChannelError) else f"{type(exc).__name__}: {exc}"
            said = without_url(said, sub) if isinstance(sub, Webhook) else said
            results.append(Attempt(channel, who, 0, "failed", said, "test"))
    return results


def after_check(store: Store | None, url: str | None, project: Project, as_of: date) -> str | None:
    """Send the news of the check that just ran. Never raises: a failing channel, or a broken
    template, never stops the check or the reports; the summary says what happened."""
    if not project.settings.notify.configured:
        return None
    try:
        if store is None:
            assert url is not None
            with open_store(url) as opened:
                return notify(opened, project, as_of).summary()
        return notify(store, project, as_of).summary()
    except UserError as exc:
        details = "; ".join(str(p) for p in exc.problems)
        return f"notifications not sent: {exc.message}" + (f" ({details})" if details else "")
    except Exception as exc:  # noqa: BLE001 - the check and the reports are done: say it, go on
        return f"notifications not sent: {type(exc).__name__}: {exc}"
