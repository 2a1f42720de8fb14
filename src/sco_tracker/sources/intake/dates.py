"""The date of a document: from its metadata, its dateline, its adoption line, or its first
paragraphs."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from sco_tracker.spec.dates import MONTHS

if TYPE_CHECKING:
    from sco_tracker.sources.intake.dateline import Front

_MONTH = "(" + "|".join(MONTHS) + ")"
_DAY = re.compile(
    rf"\b(\d{{1,2}})(?:\s*[-–]\s*(\d{{1,2}}))?\s+{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE
)
#: "Resolution adopted by the General Assembly on", "Adopted by the Security Council at its
#: 9999th meeting, on", "Done at Qingdao on": a line of its own that dates the document, opening
#: with the act or with the kind of document it is (not "the Convention adopted on 8 December
#: 2005" inside a preambular paragraph, nor "Kazakhstan signed on 15 June 2001 ..." in a text).
_ADOPTED = re.compile(
    r"^(?:(?i:resolution|decision|declaration|statement|communiqu[eé]|report|agreement|"
    r"convention|treaty|protocol|charter|memorandum|programme|program|plan|text|document)\s+)?"
    r"(?i:adopted|signed|issued|done)\b[^.]{0,80}?\bon\s+(?=\d)"
)


def _first(text: str) -> date | None:
    for m in _DAY.finditer(text):
        day = int(m.group(2) or m.group(1))
        try:
            return date(int(m.group(4)), MONTHS[m.group(3).lower()], day)
        except ValueError:
            continue
    return None


def iso(value: object) -> date | None:
    """A date written YYYY-MM-DD (as in front matter), or None."""
    if isinstance(value, date):
        return value
    m = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", str(value or ""))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def document_date(
    metadata_date: object, paragraphs: list[str], front: Front | None = None
) -> tuple[date | None, str]:
    """(the date, where it was found); (None, '') when the document names none.

    What the document prints comes first: a press release's dateline (front), then the line
    that dates it ("Resolution adopted by the General Assembly on 1 December 2025", "Done at
    Qingdao on 10 June 2018"). The metadata (a library record's or a PDF's date, often the day
    it was distributed or the file made: 5 December for a resolution adopted on the 1st) only
    when the text prints neither, then the last date of the first paragraphs."""
    if front is not None and front.date is not None:
        return front.date, f"the dateline '{front.dateline}'"
    for para in paragraphs[:20] + paragraphs[-5:]:
        m = _ADOPTED.search(para)
        if m:
            found = _first(para[m.end() :])
            if found:
                return found, f"'{para[m.start() : m.end() + 20].strip()}...'"
    found = iso(metadata_date)
    if found:
        return found, "the metadata"
    for para in paragraphs[:3]:
        found = _last(para)
        if found:
            return found, "the first paragraphs"
    return None, ""


def _last(text: str) -> date | None:
    """The last date in text ("held in Beijing on 21-22 May 2018" -> 2018-05-22)."""
    found = None
    for m in _DAY.finditer(text):
        day = _first(m.group(0))
        found = day or found
    return found
