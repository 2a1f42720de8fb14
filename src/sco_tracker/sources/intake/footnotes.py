"""Footnotes: the notes at the end (or the foot of the pages) and their markers in the text.

The notes are read where an extraction puts them: Markdown definitions `[^6]: text` (with
indented continuation lines), after an optional `---` rule. The markers are found in order,
since a document numbers its footnotes as they appear: `[^6]`, a number stuck to a word or to
punctuation ("Agreement,7 the", "2024,1", "Development.2"), a number stuck to a year
("2024–203412" for 2034 and footnote 12) or, for a note known to exist, a number standing
alone where no number can be read ("the Copenhagen Declaration 1 and their").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sco_tracker.spec.dates import MONTHS

_DEFINITION = re.compile(r"^\[\^(\d{1,4})\]:\s?(.*)$")
_RULE = re.compile(r"^\s*(?:-{3,}|_{3,}|\*{3,})\s*$")

#: Words after which a number is part of the text (a paragraph, a date, a quantity).
_NUMBER_WORDS = frozenset(
    [
        "paragraph",
        "paragraphs",
        "para",
        "paras",
        "article",
        "articles",
        "principle",
        "principles",
        "goal",
        "goals",
        "target",
        "targets",
        "chapter",
        "chapters",
        "annex",
        "annexes",
        "section",
        "sections",
        "rule",
        "rules",
        "item",
        "items",
        "decision",
        "decisions",
        "resolution",
        "resolutions",
        "page",
        "pages",
        "vol",
        "vols",
        "no",
        "nos",
        "part",
        "parts",
        "point",
        "points",
        "step",
        "steps",
        "phase",
        "phases",
        "level",
        "levels",
        "option",
        "options",
        "grade",
        "table",
        "figure",
        "box",
        "protocol",
        "recommendation",
        "recommendations",
        "session",
        "meeting",
        "and",
        "or",
        "to",
        "from",
        "the",
        "of",
        "than",
        "by",
        "in",
        "at",
        "on",
        "for",
        "with",
        "some",
        "about",
        "over",
        "under",
        "least",
        "nearly",
        "around",
        "almost",
        "approximately",
        "only",
        "every",
        "each",
        "first",
        "last",
        "top",
        "per",
        "between",
        *MONTHS,
    ]
)
#: Words after a number that make it a quantity, not a footnote.
_UNIT_WORDS = frozenset(
    [
        "per",
        "percent",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "thousand",
        "hundred",
        "times",
        "years",
        "year",
        "months",
        "month",
        "weeks",
        "week",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "countries",
        "states",
        "members",
        "member",
        "persons",
        "people",
        "women",
        "men",
        "children",
        "participants",
        "parties",
        "cases",
        "km",
        "kilometres",
        "metres",
        "tons",
        "tonnes",
        "degrees",
    ]
)


@dataclass
class Notes:
    """The footnotes found at the end: number -> text, and the lines left."""

    notes: dict[int, str]
    lines: list[str]


def take_definitions(lines: list[str]) -> Notes:
    """Remove the footnote definitions (and a rule line right before them) from the lines."""
    notes: dict[int, str] = {}
    kept: list[str] = []
    current: int | None = None
    for line in lines:
        m = _DEFINITION.match(line)
        if m:
            current = int(m.group(1))
            notes[current] = m.group(2).strip()
            while kept and (not kept[-1].strip() or _RULE.match(kept[-1])):
                kept.pop()  # the rule and blank lines before the notes
            continue
        if current is not None and (line.startswith(("    ", "\t")) and line.strip()):
            notes[current] = f"{notes[current]} {line.strip()}"
            continue
        if current is not None and not line.strip():
            continue
        current = None
        kept.append(line)
    return Notes(notes, kept)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    replacement: str


def _candidates(text: str, n: int, known: bool) -> list[_Hit]:
    """Where footnote n's marker may stand in text, best guesses only."""
    num = str(n)
    hits: list[_Hit] = []
    for m in re.finditer(rf"\s?\[\^{num}\]", text):
        hits.append(_Hit(m.start(), m.end(), ""))
    # stuck to punctuation or to a word: "Agreement,7 the", "peace,1", "Development.2 2."
    for m in re.finditer(rf"(?<=[A-Za-z\)”\"’.,;:])(?<![A-Z]{{2}})({num})(?=[\s,;.:)]|$)", text):
        before = text[: m.start()]
        if re.search(r"\d\.$", before) and not re.search(r"\d{4}\.$", before):
            continue  # 1.5 - a number, not a marker; "in 2024.3" is a year and a marker
        if re.search(r"\d,$", before) and len(num) == 3:
            continue  # 3,000
        if re.search(r"[/\-][\w.]*$", before) or re.search(r"\b[A-Z]+\d*$", before):
            continue  # A/RES/80, COVID-19, UN80, G20
        if re.search(r"[a-z]$", before) and not re.search(r"[a-z]{3}$", before):
            continue
        hits.append(_Hit(m.start(), m.end(), ""))
    # stuck to a year: "2024– 203412"
    for m in re.finditer(rf"\b((?:19|20)\d\d)({num})\b", text):
        hits.append(_Hit(m.start(2), m.end(2), ""))
    if known:
        # standing alone, where no number can be read
        for m in re.finditer(rf"(?<=[A-Za-z,;:.)”\"’])(\s+)({num})(?=(\s+)(\S+)|\s*$)", text):
            words = text[max(0, m.start() - 30) : m.start()].split()
            prev = words[-1].casefold() if words else ""
            nxt = (m.group(4) or "").casefold().strip(",.;:()")
            if prev.strip("()") in _NUMBER_WORDS or nxt in _UNIT_WORDS:
                continue  # "principle 7 thereof", "over 1 billion"; "Principles. 13" is a marker
            follow = m.group(4) or ""
            after_stop = text[: m.start()].endswith((".", ";", ":"))
            if follow and not (
                follow[:1].islower() or follow[:1] in ",;:.)" or m.group(3) != " " or after_stop
            ):
                continue  # "Decade 2024 2034", "Agenda 2063 We": not a marker
            if follow[:1].isdigit():
                continue
            hits.append(_Hit(m.start(), m.end(), ""))
    return sorted(hits, key=lambda h: h.start)


def remove_markers(paras: list[str], notes: dict[int, str]) -> tuple[list[str], int, list[int]]:
    """The paragraphs with the markers taken out; how many; the known notes not found."""
    known = bool(notes)
    numbers = sorted(notes) if known else list(range(1, 1000))
    out = list(paras)
    where = (0, 0)  # paragraph, offset: markers come in order
    removed = 0
    missing: list[int] = []
    for n in numbers:
        found = _find_from(out, where, n, known)
        if found is None:
            if known:
                missing.append(n)
                continue
            break  # without notes, only an unbroken run 1, 2, 3 ... is taken as markers
        p, hit = found
        text = out[p]
        out[p] = text[: hit.start] + hit.replacement + text[hit.end :]
        where = (p, hit.start)
        removed += 1
    return [_tidy(p) for p in out], removed, missing


def _find_from(
    paras: list[str], where: tuple[int, int], n: int, known: bool
) -> tuple[int, _Hit] | None:
    p0, offset = where
    for p in range(p0, len(paras)):
        start = offset if p == p0 else 0
        for hit in _candidates(paras[p], n, known):
            if hit.start >= start:
                return p, hit
    return None


def _tidy(text: str) -> str:
    """Spaces left by a removed marker: none before punctuation, one between words."""
    return re.sub(r"[ \t]{2,}", " ", text).strip()
