"""Sending: e-mail by SMTP (smtplib) and webhooks by HTTP POST (urllib).

Credentials come only from the environment, under fixed names: $SCO_TRACKER_SMTP_PASSWORD (with
settings.notify.email.user) and $SCO_TRACKER_WEBHOOK_SECRET, which signs each webhook body:

    X-SCO-Tracker-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes, keyed by the secret>

When $SCO_TRACKER_NOTIFY_ALLOWED_HOSTS is set (host names, comma-separated), the password and
signed bodies go only to those hosts. A password is never sent unencrypted (security: none),
except to this machine (localhost). Every failure is a ChannelError with a sentence for the
analyst; nothing here retries (the delivery log does, on the next runs).
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import smtplib
import socket
import ssl
import urllib.error
import urllib.request
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit

from sco_tracker import __version__
from sco_tracker.spec.notify_settings import (
    ALLOWED_HOSTS_ENV,
    PASSWORD_ENV,
    SECRET_ENV,
    EmailChannel,
    Security,
    Webhook,
    check_address,
    shown_url,
)

SIGNATURE_HEADER = "X-SCO-Tracker-Signature"
DELIVERY_HEADER = "X-SCO-Tracker-Delivery"
EVENT_HEADER = "X-SCO-Tracker-Event"
LOOPBACK = ("localhost", "127.0.0.1", "::1")


class ChannelError(Exception):
    """A delivery that did not go through, in words for the analyst."""


def allowed_hosts() -> set[str] | None:
    raw = os.environ.get(ALLOWED_HOSTS_ENV)
    if raw is None or not raw.strip():
        return None
    return {h.strip().lower().strip("[]") for h in raw.split(",") if h.strip()}


def _check_allowed(host: str, what: str) -> None:
    allowed = allowed_hosts()
    if allowed is not None and host.lower().strip("[]") not in allowed:
        raise ChannelError(
            f"not sent: {what} would go to {host}, which is not in {ALLOWED_HOSTS_ENV} "
            f"({', '.join(sorted(allowed))})"
        )


def build_email(cfg: EmailChannel, to: str, payload: dict[str, Any]) -> EmailMessage:
    """The message, with headers that cannot carry a line break (policy SMTP refuses them)."""
    try:
        check_address(to)
        check_address(cfg.sender)
    except ValueError as exc:
        raise ChannelError(f"not sent: {exc}") from None
    msg = EmailMessage(policy=SMTP)
    try:
        msg["Subject"] = " ".join(str(payload["subject"]).split())
        msg["From"] = cfg.sender
        msg["To"] = to
        msg["Date"] = format_datetime(datetime.now(UTC))
        msg["Message-ID"] = str(payload["message_id"])
        msg["Auto-Submitted"] = "auto-generated"
    except ValueError as exc:  # a header with a line break
        raise ChannelError(f"not sent: a header was refused ({exc})") from None
    # Quoted-printable: 7-bit on the wire, readable by every mail reader and relay.
    msg.set_content(str(payload["text"]), charset="utf-8", cte="quoted-printable")
    msg.add_alternative(
        str(payload["html"]), subtype="html", charset="utf-8", cte="quoted-printable"
    )
    return msg


def send_email(cfg: EmailChannel, to: str, payload: dict[str, Any]) -> str:
    """Send one message to one address; what the server said. Raises ChannelError."""
    msg = build_email(cfg, to, payload)
    password = os.environ.get(PASSWORD_ENV)
    if cfg.user and not password:
        raise ChannelError(
            f"not sent: settings.notify.email.user is '{cfg.user}' but {PASSWORD_ENV} is not set"
        )
    host, port = cfg.host, cfg.effective_port
    if cfg.user:
        _check_allowed(host, "the SMTP password")
        if cfg.security == Security.none and host.lower() not in LOOPBACK:
            raise ChannelError(
                f"not sent: the SMTP password would cross the network unencrypted to {host}; "
                "use security: starttls or tls"
            )
    context = ssl.create_default_context()
    where = f"the mail server {host}:{port}"
    try:
        if cfg.security == Security.tls:
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=cfg.timeout_seconds, context=context
            )
        else:
            server = smtplib.SMTP(host, port, timeout=cfg.timeout_seconds)
        with server:
            server.ehlo()
            if cfg.security == Security.starttls:
                server.starttls(context=context)
                server.ehlo()
            if cfg.user and password:
                server.login(cfg.user, password)
            refused = server.send_message(msg, from_addr=cfg.sender, to_addrs=[to])
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()))
        raise ChannelError(f"{where} refused {to}: {code} {_said(text)}") from None
    except smtplib.SMTPAuthenticationError as exc:
        raise ChannelError(f"{where} refused the login of '{cfg.user}': {exc.smtp_code}") from None
    except smtplib.SMTPResponseException as exc:
        raise ChannelError(f"{where} said {exc.smtp_code} {_said(exc.smtp_error)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise ChannelError(
            f"{where} does not support {exc}; check settings.notify.email.security"
        ) from None
    except (TimeoutError, smtplib.SMTPServerDisconnected) as exc:
        raise ChannelError(
            f"{where} did not answer in time or hung up ({exc or 'timeout'})"
        ) from None
    except ssl.SSLError as exc:
        raise ChannelError(f"no secure connection to {where}: {exc.reason or exc}") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise ChannelError(f"cannot reach {where}: {plain(exc)}") from None
    if refused:
        raise ChannelError(f"{where} refused {', '.join(refused)}")
    return f"accepted by {where}"


#: A failure to connect in plain words (the errno's own text, "[Errno 111] Connection refused",
#: reads like code).
_PLAIN = {
    errno.ECONNREFUSED: "the server refused the connection",
    errno.ECONNRESET: "the server closed the connection",
    errno.ECONNABORTED: "the connection was cut",
    errno.EPIPE: "the server closed the connection",
    errno.ETIMEDOUT: "the server did not answer in time",
    errno.EHOSTUNREACH: "no route to the server from this machine",
    errno.EHOSTDOWN: "the server's machine is down",
    errno.ENETUNREACH: "the network of the server cannot be reached from this machine",
    errno.ENETDOWN: "this machine's network is down",
    errno.EADDRNOTAVAIL: "the address cannot be used from this machine",
}


def plain(reason: object) -> str:
    """Why a connection failed, short and in words: 'the server refused the connection', 'the
    host name is not known (check it for a typing mistake)'; else the system's own words."""
    if isinstance(reason, socket.gaierror):
        if reason.errno in (socket.EAI_AGAIN, getattr(socket, "EAI_NODATA", None)):
            return "the host name could not be looked up (is this machine online?)"
        return "the host name is not known (check it for a typing mistake)"
    if isinstance(reason, OSError):
        if reason.errno in _PLAIN:
            return _PLAIN[reason.errno]
        if reason.strerror:
            return reason.strerror[:1].lower() + reason.strerror[1:]
    return str(reason)


def _said(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could carry a signed body to another host: refuse it."""

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> None:
        # where it leads is shown as its scheme and host only: it may carry a token too
        raise urllib.error.HTTPError(
            req.full_url, code, f"redirect to {shown_url(newurl)} refused", headers, fp
        )


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def send_webhook(hook: Webhook, payload: dict[str, Any], delivery: str, event: str) -> str:
    """POST the body; what the server said. Raises ChannelError."""
    body = str(payload["body"]).encode("utf-8")
    json.loads(body)  # planned by us: always JSON
    host = urlsplit(hook.url).hostname or ""
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"sco-tracker/{__version__}",
        DELIVERY_HEADER: delivery,
        EVENT_HEADER: event,
    }
    secret = os.environ.get(SECRET_ENV)
    if secret:
        _check_allowed(host, "a signed body")
        headers[SIGNATURE_HEADER] = sign(body, secret)
    request = urllib.request.Request(hook.url, data=body, method="POST", headers=headers)
    opener = urllib.request.build_opener(_NoRedirects)
    where = f"the webhook at {host}"
    try:
        with opener.open(request, timeout=hook.timeout_seconds) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        raise ChannelError(f"{where} answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise ChannelError(f"{where} did not answer within {hook.timeout_seconds} s") from None
        raise ChannelError(f"cannot reach {where}: {plain(reason)}") from None
    except TimeoutError:
        raise ChannelError(f"{where} did not answer within {hook.timeout_seconds} s") from None
    except OSError as exc:
        raise ChannelError(f"cannot reach {where}: {plain(exc)}") from None
    if not 200 <= status < 300:
        raise ChannelError(f"{where} answered {status}")
    return f"accepted by {where} ({status})"
