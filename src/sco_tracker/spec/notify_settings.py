"""settings.notify in commitments.yaml: where the news of each check goes (e-mail, webhooks),
and who gets which part of it (subscriptions). Shapes only; cross-checks against the parties
and sources are in `cross_check`, called by project.py.

Credentials are never in the file: the SMTP password is $SCO_TRACKER_SMTP_PASSWORD and the
webhook secret $SCO_TRACKER_WEBHOOK_SECRET, under those fixed names only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from sco_tracker.problems import did_you_mean
from sco_tracker.spec import codes
from sco_tracker.spec.vocabulary import listing

PASSWORD_ENV = "SCO_TRACKER_SMTP_PASSWORD"
SECRET_ENV = "SCO_TRACKER_WEBHOOK_SECRET"
ALLOWED_HOSTS_ENV = "SCO_TRACKER_NOTIFY_ALLOWED_HOSTS"

#: What a subscription can ask for: the kinds of finding (tracking.checks.FINDING_KINDS),
#: status changes and new commitments.
WHAT = (
    "overdue",
    "due_soon",
    "undated",
    "stale",
    "blocked",
    "unsupported",
    "slipped",
    "status_changed",
    "new_commitment",
)

_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDRESS = re.compile(rf"^{_LOCAL}@{_LABEL}(?:\.{_LABEL})*$")
HOST = re.compile(rf"^(?:{_LABEL}(?:\.{_LABEL})*|\[?[0-9A-Fa-f:.]+\]?)$")


def _no_line_breaks(value: str, what: str) -> None:
    if "\r" in value or "\n" in value:
        raise ValueError(f"{what} {value!r} contains a line break; write it on one line")


def check_address(value: Any) -> str:
    """A bare e-mail address such as desk@example.org (no display name, no line breaks)."""
    if not isinstance(value, str):
        raise ValueError(f"expected an e-mail address such as desk@example.org, got {value!r}")
    _no_line_breaks(value, "the address")
    if not ADDRESS.match(value):
        raise ValueError(
            f"'{value}' is not an e-mail address: "
            "write it as name@example.org, without a display name"
        )
    return value


def check_web_url(value: Any) -> str:
    """An http(s) URL with a host and no user name or password in it."""
    return _web_url(value, secret=False)


def check_hook_url(value: Any) -> str:
    """A webhook's URL, checked as check_web_url, whose messages never repeat it: its path or
    query usually holds the chat service's secret token (the message's FILE:LINE:COL says
    where it is)."""
    return _web_url(value, secret=True)


def _web_url(value: Any, *, secret: bool) -> str:
    if not isinstance(value, str):
        got = "" if secret else f", got {value!r}"
        raise ValueError(f"expected a web address such as https://example.org/{got}")
    it = "the webhook's address" if secret else f"the URL '{value}'"
    if secret and ("\r" in value or "\n" in value):
        raise ValueError(f"{it} contains a line break; write it on one line")
    _no_line_breaks(value, "the URL")
    if any(ch.isspace() for ch in value):
        raise ValueError(f"{it} contains a space; encode it as %20")
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - a port out of range (99999) raises here, not when sending
    except ValueError:  # a malformed or out-of-range port, or IPv6 address
        host = None
    if host is None or parts.scheme not in ("http", "https"):
        it = "the webhook's address" if secret else f"'{value}'"
        raise ValueError(
            f"{it} is not an http(s) URL: write it as https://host/path (a port, if any, from"
            " 1 to 65535)"
        )
    if secret and not value.isascii():
        raise ValueError(
            f"{it} holds a character that is not plain ASCII: write it percent-encoded, as the"
            " chat service gives it ('é' is %C3%A9)"
        )
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            f"the URL for {host} carries a user name or password: credentials come from "
            f"the environment ({SECRET_ENV}), never from this file"
        )
    return value


def shown_url(url: str) -> str:
    """A web address as it may be shown to people: its scheme and host (and port), with the
    path and query, where chat services put a webhook's secret token, left out:
    'https://hooks.slack.com/…'."""
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


def url_key(url: str) -> str:
    """The fingerprint by which the delivery log knows a webhook (SHA-256 of its URL), so that
    the URL itself, and the secret in it, is never kept in the database."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _host(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a host name such as smtp.example.org, got {value!r}")
    _no_line_breaks(value, "the host")
    if not HOST.match(value):
        raise ValueError(f"'{value}' is not a host name such as smtp.example.org")
    return value


def _recipient(value: Any) -> Any:
    return {"address": check_address(value)} if isinstance(value, str) else value


Address = Annotated[str, BeforeValidator(check_address), WithJsonSchema({"type": "string"})]
WebURL = Annotated[
    str,
    BeforeValidator(check_web_url),
    WithJsonSchema({"type": "string", "pattern": "^https?://"}),
]
HookURL = Annotated[
    str,
    BeforeValidator(check_hook_url),
    WithJsonSchema({"type": "string", "pattern": "^https?://"}),
]
Host = Annotated[str, BeforeValidator(_host), WithJsonSchema({"type": "string"})]


class What(str, Enum):
    overdue = "overdue"
    due_soon = "due_soon"
    undated = "undated"
    stale = "stale"
    blocked = "blocked"
    unsupported = "unsupported"
    slipped = "slipped"
    status_changed = "status_changed"
    new_commitment = "new_commitment"


class Security(str, Enum):
    starttls = "starttls"
    tls = "tls"
    none = "none"


class WebhookFormat(str, Enum):
    json = "json"
    text = "text"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, populate_by_name=True)


def _refuse_credentials(data: Any, keys: Iterable[str], env: str, what: str) -> Any:
    if isinstance(data, dict):
        for key in data:
            if isinstance(key, str) and any(key.startswith(k) for k in keys):
                raise ValueError(
                    f"'{key}' cannot be set in commitments.yaml: the {what} is read only from "
                    f"the environment variable {env}"
                )
    return data


class Subscription(_Strict):
    """Limits: a message holds only the news that matches every limit given (any of each list)."""

    kinds: list[What] = Field(
        default_factory=list,
        description="Finding kinds (overdue, due_soon, ...), status_changed and new_commitment; "
        "empty: all.",
    )
    themes: list[str] = Field(default_factory=list, description="Commitment themes; empty: all.")
    sources: list[str] = Field(default_factory=list, description="Source ids; empty: all.")
    parties: list[str] = Field(
        default_factory=list, description="Party ids, any of the commitment's; empty: all."
    )
    leads: list[str] = Field(default_factory=list, description="Lead party ids; empty: all.")


#: What a subscription's `name` does, for the schema (both channels).
NAME_DOC = (
    "A name of its own, e.g. 'Afghanistan desk': news waiting for this subscriber follows the "
    "name, so it still arrives after its address is corrected."
)


class Recipient(Subscription):
    address: Address = Field(description="desk@example.org")
    name: str | None = Field(None, description=NAME_DOC)


Recipients = Annotated[list[Annotated[Recipient, BeforeValidator(_recipient)]], Field(min_length=1)]


class EmailChannel(_Strict):
    host: Host
    port: int | None = Field(
        None, ge=1, le=65535, description="Default 587 (starttls), 465 (tls) or 25 (none)."
    )
    security: Security = Field(Security.starttls, description="starttls, tls or none.")
    user: str | None = Field(None, description=f"SMTP login; the password is ${PASSWORD_ENV}.")
    sender: Address = Field(alias="from", description="The From address.")
    to: Recipients = Field(
        description="Addresses, each a text or a mapping with address and limits (themes, ...)."
    )
    timeout_seconds: int = Field(30, ge=1, le=600, description="Give up on a server this slow.")

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        return _refuse_credentials(data, ("password", "pass"), PASSWORD_ENV, "SMTP password")

    @property
    def effective_port(self) -> int:
        if self.port is not None:
            return self.port
        return {Security.starttls: 587, Security.tls: 465, Security.none: 25}[self.security]


class Webhook(Subscription):
    url: HookURL
    format: WebhookFormat = Field(
        WebhookFormat.json, description='json (sco-tracker\'s, versioned) or text ({"text": ...}).'
    )
    name: str | None = Field(
        None, description="A label for messages, e.g. 'desk chat'. " + NAME_DOC.split(": ", 1)[1]
    )
    timeout_seconds: int = Field(30, ge=1, le=600, description="Give up on a server this slow.")

    @model_validator(mode="before")
    @classmethod
    def _no_secret(cls, data: Any) -> Any:
        return _refuse_credentials(data, ("secret", "token"), SECRET_ENV, "webhook secret")

    @property
    def shown(self) -> str:
        """The webhook as people see it, wherever the tracker names it: its name, else its
        scheme and host ('https://hooks.slack.com/…'); never its URL, which holds its token."""
        return self.name or shown_url(self.url)


class Notify(_Strict):
    """Who is told, after each check, what is new: e-mail and chat webhooks."""

    email: EmailChannel | None = None
    webhooks: list[Webhook] = Field(default_factory=list)

    @property
    def configured(self) -> bool:
        return self.email is not None or bool(self.webhooks)


def subscriptions(notify: Notify) -> Iterator[tuple[tuple[Any, ...], Subscription]]:
    """Each subscription with its path under settings.notify."""
    if notify.email is not None:
        for i, r in enumerate(notify.email.to):
            yield ("email", "to", i), r
    for i, w in enumerate(notify.webhooks):
        yield ("webhooks", i), w


def cross_check(
    notify: Notify, parties: set[str], sources: set[str], themes: set[str]
) -> Iterator[tuple[codes.Code, tuple[Any, ...], str, bool]]:
    """(code, path under settings.notify, message, is_error) for each limit that names nothing
    known: an unknown party or source is an error, a theme no commitment has a warning; and a
    subscriber's name given twice, an error (the news waiting for each follows its name)."""
    named: dict[str, tuple[Any, ...]] = {}
    for path, sub in subscriptions(notify):
        name = getattr(sub, "name", None)
        if name is not None:
            first = named.setdefault(name, path)
            if first is not path:
                where = (
                    f"e-mail recipient {first[-1] + 1}"
                    if first[0] == "email"
                    else (f"webhook {first[-1] + 1}")
                )
                yield (
                    codes.DUPLICATE_SUBSCRIBER,
                    (*path, "name"),
                    (
                        f"the name '{name}' is already the name of {where} in settings.notify: "
                        "give each subscriber a name of its own"
                    ),
                    True,
                )
    for path, sub in subscriptions(notify):
        for key, known, what, code in (
            ("sources", sources, "source", codes.UNKNOWN_REFERENCE),
            ("parties", parties, "party", codes.UNKNOWN_PARTY),
            ("leads", parties, "party", codes.UNKNOWN_PARTY),
        ):
            many = "parties" if what == "party" else "sources"
            for j, value in enumerate(getattr(sub, key)):
                if value not in known:
                    hint = did_you_mean(value, sorted(known))
                    message = f"unknown {what} '{value}'{hint}; the {many} are: "
                    yield code, (*path, key, j), message + listing(sorted(known)), True
        for j, theme in enumerate(sub.themes):
            if theme not in themes:
                yield (
                    codes.NOTIFY_LIMIT_NOTHING,
                    (*path, "themes", j),
                    (
                        f"no commitment has the theme '{theme}'"
                        f"{did_you_mean(theme, sorted(themes))}: this limit lets nothing through"
                    ),
                    False,
                )
