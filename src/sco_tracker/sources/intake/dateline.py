"""The front of a press release: its letterhead, its label, its headline and its dateline.

A press release (the SCO's, ASEAN's, the African Union's, a ministry's) opens with the
organisation's letterhead, often a label ("PRESS RELEASE", "Press Release No. 12", "Joint
Press Statement", "For immediate release"), then the headline, which is its title, then the
first paragraph, which starts with the dateline: where and when it was issued ("BEIJING, 22 May
2018 —", "Bishkek, 14 June 2019:", "Addis Ababa, Ethiopia, 3 March 2021 -", "Johannesburg,
August 24, 2023 –"). A dateline may also stand on a line of its own.

`front(paragraphs)` finds the dateline among the first paragraphs and reads the lines above it:
the label and everything above the label (the letterhead) are not the title; without a label, a
first line that names an organisation ("ASEAN Secretariat", "Ministry of Foreign Affairs of
...") when a headline follows is the letterhead. Dates alone, reference numbers, addresses,
links and contacts are skipped. The rules name no document: they are the conventions of news
releases (the dateline of the wire services, the labels of press offices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sco_tracker.spec.dates import MONTHS

#: How far down the dateline may be (letterhead, label, headline, a subtitle, a date line...).
FIRST = 10

_MONTH = "(?i:" + "|".join(MONTHS) + ")"
_WEEKDAY = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+"
_WORD = r"[A-Z][\w.'’-]*"
_LINK = r"(?:\s+(?:de|da|do|du|des|del|al|el|es|la|le|of|upon|on)\s+|\s+|-)"
_PLACE = rf"(?P<place>{_WORD}(?:{_LINK}{_WORD}){{0,3}}(?:,\s*{_WORD}(?:\s+{_WORD}){{0,2}})?)"
_DATE = (
    rf"(?P<date>(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<d3>\d{1,2})[./](?P<m3>\d{1,2})[./](?P<y3>\d{4}))"
)
#: "BEIJING, 22 May 2018 —" opening a paragraph, or "Bishkek, 14 June 2019" as a line of its own.
_DATELINE = re.compile(
    rf"^{_PLACE},\s+(?:{_WEEKDAY})?{_DATE}(?:\s*(?:[-–—]{{1,2}}|:)\s*(?=\S)|\s*\.?$)"
)
#: A press office's label: "PRESS RELEASE", "Press Release No. 12/2019", "Joint Press
#: Statement", "NEWS RELEASE – For immediate release".
_LABEL = re.compile(
    r"^(?:(?:joint|final|official)\s+)?(?:press|news|media)\s+(?:release|statement|"
    r"communiqu[ée]|briefing|note|info(?:rmation)?)s?\b(?:\s*(?:no\.?|nr\.?|n°|number|#)?\s*"
    r"[\w/.-]*\d[\w/.-]*)?[\s:.,–—-]*(?:for\s+immediate\s+release)?[\s.]*$"
    r"|^(?:for\s+immediate\s+release|embargoed\b.*|release\s+no\.?\s*\S+)$",
    re.IGNORECASE,
)
#: Lines of the masthead that are neither the title nor the letterhead's name.
_SKIP = re.compile(
    r"^(?:no\.?\s*\d[\w/.-]*|ref(?:erence)?\.?\s*:?.*|(?:tel|phone|fax|e-?mail|contact)\b.*|"
    r"(?:https?://|www\.)\S*|\S+@\S+|page\s+\d+.*)$",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(rf"^(?:{_WEEKDAY})?(?:{_DATE})\.?$")
#: The words that make a line a letterhead (the name of an organisation or an office).
_ORGANISATION = re.compile(
    r"\b(?:organi[sz]ation|secretariat|ministry|union|nations|association|commission|office|"
    r"embassy|mission|department|government|agency|institute|committee|centre|center|bureau|"
    r"presidency|council|community|forum|bank)\b",
    re.IGNORECASE,
)

#: Words a headline has and a name does not: prepositions of place and time, an infinitive.
_HEADLINE_WORDS = re.compile(r"\b(?:to|in|at|on|with|from|by|over|after|ahead)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Front:
    """What the front of the document says: its title, where and when it was issued, and the
    dateline's paragraph (index) and text as written."""

    title: str | None
    place: str | None
    date: date | None
    index: int
    dateline: str


def front(paragraphs: list[str]) -> Front | None:
    """The front of a press release (see the module's docstring), or None without a dateline."""
    for i, para in enumerate(paragraphs[:FIRST]):
        m = _DATELINE.match(para)
        if m is None or _DATE_ONLY.match(para.strip()):
            continue  # no dateline, or a date alone ("Tuesday, 3 March 2020")
        day = _day(m)
        if day is None:
            continue
        place = _place(m.group("place"))
        return Front(_title(paragraphs[:i]), place, day, i, m.group(0).strip(" -–—:"))
    return None


#: What each kind of masthead line is, as an exclusion's note says it (`sco-tracker draft`).
MASTHEAD_NOTES = {
    "letterhead": "The letterhead: the name of who issued the document, not an undertaking.",
    "label": "The press office's label, not an undertaking.",
    "title": "The document's title, not an undertaking.",
    "dateline": "The dateline: where and when the document was issued, not an undertaking.",
}


def is_label(line: str) -> bool:
    """A press office's label ("PRESS RELEASE", "Joint Press Statement", "Press Release No.
    12"): it says what kind of document this is, never what it is about."""
    return bool(_LABEL.match(" ".join(line.split())))


def masthead(paragraphs: list[str], title: str | None = None) -> dict[int, str]:
    """The lines (0-based index -> kind) at the top of a press release that are not its text:
    the letterhead, the label, the title (the headline, or the title given) and a dateline
    standing on a line of its own (one opening a paragraph is part of that paragraph). A
    document with neither a dateline nor a label among its first lines has none of these but
    its title line."""
    given = " ".join((title or "").split()).casefold().rstrip(" .:")
    found = front(paragraphs)
    top = paragraphs[: found.index if found else FIRST]
    labels = [i for i, line in enumerate(top) if is_label(line)]
    kinds: dict[int, str] = {}
    if found is None and not labels:
        for i, line in enumerate(paragraphs[:FIRST]):
            plain = " ".join(line.split()).casefold().rstrip(" .:")
            if given and plain == given and _headline_like(line):
                return {i: "title"}
        return {}
    if found is None:  # a label, no dateline: the front ends at the first sentence
        end = next((i for i, x in enumerate(top) if not _headline_like(x)), len(top))
        top = top[:end]
    after = [" ".join(x.split()) for x in top[labels[-1] + 1 :]] if labels else []
    headline = (found.title if found else " ".join(x for x in after if x)) or ""
    headline = headline.casefold()
    named = [i for i, x in enumerate(top) if x.strip() and not _SKIP.match(x.strip())]
    for i in named:
        plain = " ".join(top[i].split()).casefold().rstrip(" .:")
        if i in labels:
            kinds[i] = "label"
        elif plain and (plain == given or _part_of(plain, headline)):
            kinds[i] = "title"  # the headline, also a line of one wrapped over two
        elif labels and i < labels[-1]:
            kinds[i] = "letterhead"  # everything above the label
        elif not labels and i == named[0] and _letterhead(" ".join(top[i].split())):
            kinds[i] = "letterhead"
        elif _DATE_ONLY.match(top[i].strip()):
            kinds[i] = "dateline"
    if found is not None and found.dateline.rstrip(". ") == paragraphs[found.index].strip(" -–—:."):
        kinds[found.index] = "dateline"  # the dateline on a line of its own
    return kinds


def _part_of(line: str, headline: str) -> bool:
    """The line is the headline, or its first or last part (a headline wrapped in two)."""
    headline = headline.rstrip(" .:")
    return bool(headline) and (
        line == headline
        or (len(line.split()) >= 2 and (headline.startswith(line) or headline.endswith(line)))
    )


def heading_title(paragraphs: list[str]) -> str | None:
    """The title of a document that prints it as its first line, a heading above the text
    ("Statement of the Ministers of Foreign Affairs"): the front's headline when it is a press
    release, else the first of the short lines above the first sentence that is no label, date,
    reference or (followed by another such line) letterhead. None when the text starts with a
    sentence."""
    found = front(paragraphs)
    if found is not None:
        return found.title
    lines: list[str] = []
    for line in paragraphs[:FIRST]:
        if not _headline_like(line) or len(line.split()) > 20:
            break
        text = " ".join(line.split())
        if text and not (is_label(text) or _SKIP.match(text) or _DATE_ONLY.match(text)):
            lines.append(text)
    if len(lines) == len(paragraphs[:FIRST]):
        return None  # no sentence follows: a list of names or headings, not a title over text
    if len(lines) > 1 and _letterhead(lines[0]):
        lines = lines[1:]
    return lines[0].rstrip(" .:") if lines and lines[0][:1].isupper() else None


def _day(m: re.Match[str]) -> date | None:
    try:
        if m.group("d1"):
            return date(int(m.group("y1")), MONTHS[m.group("m1").lower()], int(m.group("d1")))
        if m.group("d2"):
            return date(int(m.group("y2")), MONTHS[m.group("m2").lower()], int(m.group("d2")))
        return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except ValueError:
        return None


def _place(text: str) -> str:
    """The place as people write it: "BEIJING" -> "Beijing", "ADDIS ABABA, Ethiopia" ->
    "Addis Ababa, Ethiopia"; a place in mixed case is kept."""
    words = text.split()
    if any(w.isupper() and len(w) > 1 for w in words):
        return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in words)
    return " ".join(words)


def _title(lines: list[str]) -> str | None:
    """The headline among the lines above the dateline."""
    labels = [i for i, line in enumerate(lines) if _LABEL.match(line.strip())]
    start = labels[-1] + 1 if labels else 0  # the label and the letterhead above it
    candidates = [
        " ".join(line.split())
        for line in lines[start:]
        if line.strip()
        and not _LABEL.match(line.strip())
        and not _SKIP.match(line.strip())
        and not _DATE_ONLY.match(line.strip())
        and _headline_like(line)
    ]
    if not labels and len(candidates) > 1 and _letterhead(candidates[0]):
        candidates = candidates[1:]
    if not candidates and labels:
        # the headline above the label ("SCO leaders meet in Astana / Press release")
        above = [" ".join(x.split()) for x in lines[: labels[0]] if x.strip()]
        candidates = [x for x in above if not _letterhead(x)][-1:]
    return candidates[0].rstrip(" .:") if candidates else None


def _headline_like(line: str) -> bool:
    """A headline is short and is no sentence of the text (a dateline closing a short text
    has paragraphs above it, not a headline)."""
    return len(line.split()) <= 30 and not line.rstrip().endswith((".", ";", ","))


def _letterhead(line: str) -> bool:
    """A short line naming an organisation ("Ministry of Foreign Affairs of the Kyrgyz
    Republic"), not a headline ("SCO Council of Foreign Ministers meets in Astana")."""
    words = line.split()
    return (
        len(words) <= 12
        and bool(_ORGANISATION.search(line))
        and not line.endswith(".")
        and not _HEADLINE_WORDS.search(line)
    )
