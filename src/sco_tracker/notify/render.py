"""The messages, rendered from Jinja templates in a sandbox.

Templates (built-in in sco_tracker/notify/templates/, each overridable by a file of the same
name in settings.templates_dir, as the report templates are):
    notify_subject.txt.j2   the e-mail subject (one line; line breaks are folded away)
    notify.txt.j2           the plain text: the e-mail's text part, the chat message, "text"
    notify.html.j2          the e-mail's HTML part (autoescaped)
Variables: event (news, digest or test), as_of, as_of_label, check_run, items (each with
commitment, what, message, title, due, status, previous_status, quote, link, ...), counts
(what -> number), site_url, recipient. Filters: `what` (an item's kind in words), `status` (a
status in words, as the reports write it: "in progress"), `plural`.

The webhook JSON (format json) is not a template: it is the documented, versioned shape below.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from sco_tracker.notify.news import Item, status_words
from sco_tracker.problems import Problem, UserError
from sco_tracker.report.compiled import BuiltinBytecodeCache
from sco_tracker.report.sandbox import escaping
from sco_tracker.spec.dates import day_label
from sco_tracker.spec.vocabulary import plural

#: The webhook JSON shape; a change that breaks a reader raises it.
SCHEMA = "sco-tracker.notification"
SCHEMA_VERSION = 1
#: The templates autoescaped (by the end of their names).
_AUTOESCAPED = ("html", "htm", "html.j2", "htm.j2")
WHAT_LABELS = {
    "new_commitment": "new commitment",
    "status_changed": "status changed",
    "overdue": "overdue",
    "slipped": "slipped",
    "due_soon": "due soon",
    "undated": "with no date to be measured by",
    "blocked": "blocked",
    "stale": "stale",
    "unsupported": "closed without evidence",
    "open": "open",
}


@lru_cache(maxsize=8)
def environment(templates_dir: str | None) -> SandboxedEnvironment:
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(templates_dir))
    loaders.append(jinja2.PackageLoader("sco_tracker.notify", "templates"))
    options: dict[str, Any] = {
        "autoescape": escaping(_AUTOESCAPED),
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        # the built-in templates' code is kept beside them (a user's is compiled each time)
        bytecode_cache=BuiltinBytecodeCache(
            Path(__file__).parent / "templates",
            f"{SandboxedEnvironment.__name__} {_AUTOESCAPED} "
            + repr([(k, v) for k, v in options.items() if k != "autoescape"]),
        ),
        **options,
    )
    env.filters["what"] = lambda w: WHAT_LABELS.get(w, w)
    env.filters["plural"] = plural
    env.filters["status"] = status_words
    return env


def _render(name: str, variables: dict[str, Any], templates_dir: str | None) -> str:
    try:
        return environment(templates_dir).get_template(name).render(**variables)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise UserError(
            f"template {where} cannot be read",
            [Problem(where, exc.lineno or 0, 1, f"template syntax error: {exc.message}")],
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise UserError(f"template '{exc.name}' not found") from None
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError) as exc:
        raise UserError(f"template {name} failed: {exc}") from None


def variables(
    event: str,
    as_of: date,
    check_run: int | None,
    items: list[Item],
    site_url: str | None,
    recipient: str,
) -> dict[str, Any]:
    return {
        "event": event,
        "as_of": as_of.isoformat(),
        "as_of_label": day_label(as_of),
        "check_run": check_run,
        "items": [i.as_json() for i in items],
        "counts": dict(Counter(i.what for i in items)),
        "site_url": site_url,
        "recipient": recipient,
    }


def one_line(text: str) -> str:
    """A header value: no line breaks (no header injection), spaces folded, not too long."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 200 else flat[:197] + "..."


def email_payload(
    vars_: dict[str, Any], templates_dir: str | None, message_id: str
) -> dict[str, Any]:
    return {
        "subject": one_line(_render("notify_subject.txt.j2", vars_, templates_dir)),
        "text": _render("notify.txt.j2", vars_, templates_dir),
        "html": _render("notify.html.j2", vars_, templates_dir),
        "message_id": message_id,
    }


def webhook_payload(
    vars_: dict[str, Any], templates_dir: str | None, fmt: str, delivery: str
) -> dict[str, Any]:
    text = _render("notify.txt.j2", vars_, templates_dir)
    if fmt == "text":
        body: dict[str, Any] = {"text": text}
    else:
        body = {
            "schema": SCHEMA,
            "version": SCHEMA_VERSION,
            "event": vars_["event"],
            "as_of": vars_["as_of"],
            "check_run": vars_["check_run"],
            "delivery": delivery,
            "counts": vars_["counts"],
            "items": vars_["items"],
            "text": text,
        }
    return {"body": json.dumps(body, ensure_ascii=False, indent=1)}
