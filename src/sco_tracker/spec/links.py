"""Links in commitments.yaml: a url or source that is not a link the reports will follow.

The reports, the calendar and the compliance table show as links only what passes
vocabulary.link (http:// or https:// and a site's address, mailto: and a mail address); the
checks count as evidence only an update whose source passes it. validate warns about anything
else written where a link belongs, with the fix: an address written without https://
('www.sectsco.org/x'), a link of another kind (javascript:, data:, ftp://), a host that names
no site ('https://address-of-the-evidence'), a citation where a link to the evidence belongs.
An event's `source` may be a citation ("announced at the Secretaries' meeting"): it is warned
about only when it is written like an address.
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
#: A web address written without its scheme: www.sectsco.org/x, eng.sectsco.org, //host.org/x.
_BARE_ADDRESS = re.compile(
    r"^(?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::[0-9]+)?(?:[/?#]\S*)?$", re.IGNORECASE
)
#: A mail address written without mailto:.
_BARE_MAIL = re.compile(r"^[^\s@:/]+@(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)

#: What the check makes of an update whose source is not a link.
NOT_EVIDENCE = "the check does not count it as evidence"


def check_links(
    checker: Checker,
    sections: dict[str, list[tuple[int, Any]]],
    remembered: set[int] | frozenset[int] = frozenset(),
) -> None:
    """Warn about a url or source that is not a link the reports will show as one.

    remembered: commitments known to have no such link (spec/entrycache.py), not read again."""
    found: list[tuple[Path, str | None, str]] = []
    for i, s in sections["sources"]:
        found.append((("sources", i, "url"), s.url, "url"))
    for i, e in sections["events"]:
        found.append((("events", i, "source"), e.source, "event"))
    for i, c in sections["commitments"]:
        if i in remembered:
            continue
        for j, u in enumerate(c.updates):
            found.append((("commitments", i, "updates", j, "source"), u.source, "update"))
        for j, a in enumerate(c.assessments):
            found.append((("commitments", i, "assessments", j, "source"), a.source, "score"))
    for path, value, what in found:
        message = not_a_link(value, what)
        if message is not None:
            checker.warn(codes.NOT_A_LINK, path, message)


def not_a_link(value: str | None, what: str = "url") -> str | None:
    """The warning for a url or source that is not a web or mail link (vocabulary.link), with
    the fix, or None. what: 'url' (a source's url), 'update' (an update's evidence: the check
    does not count it), 'score' (an assessment's evidence), 'event' (an event's source, which
    may be a citation: warned about only when it is written like an address)."""
    if not value or not value.strip() or link(value) is not None:
        return None
    text = value.strip()
    shown = f"'{text[:60]}{'...' if len(text) > 60 else ''}'"
    plain = "the reports show it as plain text, not as a link"
    if what == "update":
        plain = f"{plain}, and {NOT_EVIDENCE}"
    if _BARE_ADDRESS.match(text):
        fixed = "https:" + text if text.startswith("//") else "https://" + text
        return f"{shown} is not a link: write the address with https:// ('{fixed[:80]}'); {plain}"
    if _BARE_MAIL.match(text):
        return (
            f"{shown} is not a link: write a mail address with mailto: ('mailto:{text}'); {plain}"
        )
    if text.lower().startswith(("http://", "https://")):
        return (
            f"{shown} is not a web address: what follows {text.split('//')[0]}// names no site "
            f"(a site's address has a dot, as in eng.sectsco.org); give the real address of the "
            f"page or document; {plain}"
        )
    if _LOOKS_LIKE_A_LINK.match(text):
        return f"{shown} is not a web or mail link ({', '.join(LINK_SCHEMES)}): {plain}"
    if what == "event":
        return None  # where the date was announced, in words
    return (
        f"{shown} is not a link: give the address of the page or document (https://...) and "
        f"say what it is in the note; {plain}"
    )
