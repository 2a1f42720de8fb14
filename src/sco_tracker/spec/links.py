"""Links in commitments.yaml: a url or source written as a link the reports will not follow.

The reports, the calendar and the compliance table show as links only what passes
vocabulary.link (http://, https://, mailto:). Anything else is shown as text, never followed:
validate warns about what looks like a link of another kind (javascript:, data:, ftp://).
"""

from __future__ import annotations

import re
from typing import Any

from sco_tracker.spec import codes
from sco_tracker.spec.shape import Checker
from sco_tracker.spec.vocabulary import LINK_SCHEMES, link
from sco_tracker.spec.yamlfile import Path

#: Text that starts like a link: a scheme, a colon and no space (javascript:..., ftp://...).
_LOOKS_LIKE_A_LINK = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*:\S")


def check_links(
    checker: Checker,
    sections: dict[str, list[tuple[int, Any]]],
    remembered: set[int] | frozenset[int] = frozenset(),
) -> None:
    """Warn about a url or source that starts like a link the reports will not show as one.

    remembered: commitments known to have no such link (spec/entrycache.py), not read again."""
    found: list[tuple[Path, str | None]] = []
    for i, s in sections["sources"]:
        found.append((("sources", i, "url"), s.url))
    for i, e in sections["events"]:
        found.append((("events", i, "source"), e.source))
    for i, c in sections["commitments"]:
        if i in remembered:
            continue
        for j, u in enumerate(c.updates):
            found.append((("commitments", i, "updates", j, "source"), u.source))
        for j, a in enumerate(c.assessments):
            found.append((("commitments", i, "assessments", j, "source"), a.source))
    for path, value in found:
        message = not_a_link(value)
        if message is not None:
            checker.warn(codes.NOT_A_LINK, path, message)


def not_a_link(value: str | None) -> str | None:
    """The warning for a url or source that starts like a link the reports will not show as
    one (javascript:, data:, ftp://), or None."""
    if value and link(value) is None and _LOOKS_LIKE_A_LINK.match(value):
        return (
            f"'{value[:60]}' is not a web or mail link ({', '.join(LINK_SCHEMES)}): "
            "the reports show it as plain text, not as a link"
        )
    return None
