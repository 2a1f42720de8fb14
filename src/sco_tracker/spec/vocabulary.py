"""The words of the format that several parts share, defined once (standard library only, so
that the command line can list them without loading the validator).

The longest id; Status: what became of a commitment; FindingKind: what a progress check
finds; the score words: what an assessment may give; the links the reports follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum


def listing(ids: Iterable[str], most: int = 30) -> str:
    """Ids for a message: 'a, b, c', the first `most` and how many more, or 'none'."""
    ids = list(ids)
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "") if ids else "none"


def plural(n: int, word: str, many: str | None = None) -> str:
    """A count and its noun, for people: '1 commitment', '22 commitments', '2 parties' (many:
    the plural when it is not word + 's'). The templates' `plural` filter is this function."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


#: The note `draft` gives an exclusion when it cannot tell why the sentence is not a
#: commitment (reason 'other'); validate warns while it is left (SCO506, refused by --strict).
DRAFT_EXCLUSION_NOTE = "Guessed by sco-tracker draft: say why this is not a commitment."

#: The longest id: the commitments.id column of the database (db/store.py) is this wide.
ID_MAX_LENGTH = 200


class Status(str, Enum):
    planned = "planned"
    in_progress = "in_progress"
    fulfilled = "fulfilled"
    partially_fulfilled = "partially_fulfilled"
    not_fulfilled = "not_fulfilled"
    dropped = "dropped"

    @property
    def is_open(self) -> bool:
        return self in (Status.planned, Status.in_progress)


STATUSES = [s.value for s in Status]


class FindingKind(str, Enum):
    overdue = "overdue"
    due_soon = "due_soon"
    undated = "undated"
    stale = "stale"
    blocked = "blocked"
    unsupported = "unsupported"
    slipped = "slipped"


FINDING_KINDS = [k.value for k in FindingKind]

#: `due: unspecified`: a deliverable whose document gives no date. Never an event id.
UNSPECIFIED = "unspecified"

#: What each finding means, for the README and `check --help`. "undated" is one kind for both
#: ways a deliverable has no date to be measured by; UNDATED_REASONS says which.
FINDING_MEANINGS: dict[FindingKind, str] = {
    FindingKind.overdue: "an open deliverable past its due date",
    FindingKind.due_soon: "an open commitment due within settings.due_soon_days",
    FindingKind.undated: (
        "an open commitment with no date to be measured by: the document gives no date "
        f"(due: {UNSPECIFIED}), or it is due at an event whose date is not yet known"
    ),
    FindingKind.stale: "an open commitment not updated (or reviewed) for too long",
    FindingKind.blocked: "an open commitment waiting for a commitment it depends on",
    FindingKind.unsupported: "marked fulfilled without a dated update that cites a source",
    FindingKind.slipped: "due later than the earlier commitment it restates",
}

#: The reason an "undated" finding gives.
UNDATED_REASONS = {
    "unspecified": "the document gives no date",
    "event": "the date of {event} is not yet known",
}
#: The same two cases after a count ("1 deliverable ...", "2 ..."), where the event is not named:
#: the words that fit each, never "an undated event" for a document that gives no date.
UNDATED_COUNTED = {
    "unspecified": "for which the document gives no date",
    "event": "due at an event without a date",
}

#: The compliance scale of the G7/G20/BRICS Research Groups, and "not applicable".
SCORES = (-1, 0, 1, "n/a")
NOT_APPLICABLE = "n/a"
#: How a score may be written (YAML reads +1 and -1 as numbers; '+1' in quotes is fine too).
SCORE_WORDS: dict[str, int | str] = {
    "-1": -1,
    "0": 0,
    "+1": 1,
    "1": 1,
    "n/a": NOT_APPLICABLE,
    "na": NOT_APPLICABLE,
}


def score_label(score: int | str) -> str:
    """'+1', '0', '-1' or 'n/a'."""
    return "+1" if score == 1 else str(score)


#: The links the reports, the calendar and the compliance table show as links; any other
#: url (javascript:, data:, a relative path) is shown as plain text, never followed.
LINK_SCHEMES = ("http://", "https://", "mailto:")

#: A web address: http(s)://, maybe a user, then a host named with at least one dot between
#: its labels (eng.sectsco.org, 10.0.0.1) or an IPv6 address in brackets, then a port, a path,
#: a query or nothing. A host with no dot ('https://address-of-the-evidence') names no site.
_WEB = re.compile(
    r"https?://(?:[^\s/?#@]*@)?(?:[^\s/?#@:.\[\]]+(?:\.[^\s/?#@:.\[\]]+)+\.?|\[[0-9a-f:.]+\])"
    r"(?::[0-9]*)?(?:[/?#]|$)",
    re.IGNORECASE,
)
#: A mail link: mailto: and an address with a domain (mailto:press@sectsco.org).
_MAIL = re.compile(r"mailto:[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+", re.IGNORECASE)


def link(url: str | None) -> str | None:
    """The url, stripped, if it is a web or mail link (see _WEB and _MAIL); None otherwise.

    The one definition: the reports (encoding.web_url), validate's warnings (spec/links.py),
    update and assess, and the checks (what counts as evidence) all ask here."""
    if not url:
        return None
    stripped = url.strip()
    return stripped if _WEB.match(stripped) or _MAIL.match(stripped) else None
