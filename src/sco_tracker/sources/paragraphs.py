"""A document's own paragraph numbers ("5", "annex 13", "13 (a)"), found in its text.

A source text holds one paragraph per line. Where the document numbers its paragraphs, the
line starts with the number as printed ("5. Requests the Secretary-General ..."); a lettered
sub-paragraph is its own line starting "(a) ..." after its parent (and "(i) ..." under a
lettered one); a heading line "Annex" (or "Annex I") starts the annex's own numbering.
Pure functions of the lines: no file is read here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping

#: "5. Requests ..." or "5 . Requests": a number, a full stop, then the text (or nothing).
_NUMBERED = re.compile(r"^\s*(\d{1,4})\s?\.(?:\s|$)")
#: "(a) ..." or "(iv) ...".
_LETTERED = re.compile(r"^\s*\(([a-z]{1,5})\)(?:\s|$)")
#: A heading "Annex", "ANNEX II", "Annex to resolution 73/1" (short: a heading, not a sentence).
_ANNEX = re.compile(r"^\s*annex\b\s*([IVXLC]+\b|\d+\b|[A-Z]\b)?", re.IGNORECASE)
_ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")
_HEADING_MAX = 80


def labels(lines: list[str]) -> dict[str, int]:
    """The document's own paragraph labels -> line number (from 1), in canonical form
    ("5", "13 (a)", "13 (a) (ii)", "annex 13", "annex II 4"). The first line with a label wins."""
    found: dict[str, int] = {}
    prefix = ""
    parent: str | None = None  # the numbered paragraph that lettered lines belong to
    letter: str | None = None  # the current lettered sub-paragraph, for (i), (ii) under it
    for n, line in enumerate(lines, start=1):
        heading = _ANNEX.match(line)
        if heading and len(line.strip()) <= _HEADING_MAX and not _NUMBERED.match(line):
            designator = heading.group(1)
            prefix = "annex" + (f" {designator.upper()}" if designator else "")
            parent = letter = None
            continue
        numbered = _NUMBERED.match(line)
        if numbered:
            parent = f"{prefix} {int(numbered.group(1))}".strip()
            letter = None
            found.setdefault(parent, n)
            continue
        lettered = _LETTERED.match(line)
        if lettered and parent is not None:
            mark = lettered.group(1)
            single = letter is not None and len(letter) == len(mark) == 1
            follows = single and ord(mark) == ord(str(letter)) + 1
            if letter is not None and _ROMAN.match(mark) and not (len(mark) == 1 and follows):
                found.setdefault(f"{parent} ({letter}) ({mark})", n)
            elif len(mark) <= 2:
                letter = mark
                found.setdefault(f"{parent} ({mark})", n)
    return found


_SPACES = re.compile(r"\s+")
_MARK = re.compile(r"\s*\(\s*([A-Za-z]+)\s*\)")


def canonical(label: str) -> str:
    """The form labels() uses: 'Annex 13(a)' -> 'annex 13 (a)', 'paragraph 5' -> '5',
    'annex paragraph 13' -> 'annex 13', 'para. 5.' -> '5'."""
    text = _SPACES.sub(" ", label.strip())
    text = re.sub(r"(?:\bparagraphs?\b|\bparas?\b\.?|¶)\s*", "", text, flags=re.IGNORECASE).strip()
    text = _MARK.sub(lambda m: f" ({m.group(1).lower()})", text).strip()
    text = re.sub(r"^(\d+)\.(?=\s|$)", r"\1", text)
    tokens = _SPACES.sub(" ", text).strip().split(" ")
    if tokens and tokens[0].lower() == "annex":
        tokens[0] = "annex"
        if len(tokens) >= 3 and not tokens[1][:1].isdigit() and not tokens[1].startswith("("):
            tokens[1] = tokens[1].upper()
    text = " ".join(tokens)
    return _SPACES.sub(" ", text).strip()


def shown(label: str) -> str:
    """How reports name a labelled paragraph: 'paragraph 5', 'annex paragraph 13',
    'paragraph 13 (a)'."""
    text = canonical(label)
    if text.startswith("annex"):
        rest = text.partition(" ")[2]
        parts = rest.split(" ", 1)
        if parts and parts[0] and not parts[0][0].isdigit() and len(parts) == 2:
            return f"annex {parts[0]} paragraph {parts[1]}"
        return f"annex paragraph {rest}" if rest else "annex"
    return f"paragraph {text}"


def numbers_by_line(lines: list[str]) -> dict[int, str]:
    """The document's own paragraph labels by line (from 1): empty where it numbers none."""
    return {n: label for label, n in labels(lines).items()}


def place(paragraph: int | str, numbers: Mapping[int, str] | None) -> str:
    """THE name of a place in a source, wherever a person reads it (review, validate, coverage,
    the reports, the site, status): the document's own number as it prints it ("paragraph 5",
    "annex paragraph 13"); a line of the text (a whole number) where the document numbers its
    paragraphs (numbers: numbers_by_line of its text) by its number when the line has one,
    else as "line 11"; where the document numbers none (or its text is not known), its lines
    are its paragraphs: "paragraph 28"."""
    if isinstance(paragraph, str):
        return shown(paragraph)
    if not numbers:
        return f"paragraph {paragraph}"
    label = numbers.get(paragraph)
    return shown(label) if label is not None else f"line {paragraph}"


def line_namer(lines: list[str]) -> Callable[[int], str]:
    """How messages name line n of a source (see place)."""
    numbers = numbers_by_line(lines)
    return lambda n: place(n, numbers)


def nearest(label: str, known: dict[str, int], most: int = 5) -> list[str]:
    """The labels most like label (for an error message), nearest first: by number when the
    label has one (in the same part of the document first), else by spelling."""
    want = canonical(label)
    number = re.match(r"^((?:annex(?: \S+)? )?)(\d+)", want)
    if number and known:
        part, target = number.group(1), int(number.group(2))

        def distance(k: str) -> tuple[int, int, int]:
            m = re.match(r"^((?:annex(?: \S+)? )?)(\d+)", k)
            if m is None:
                return (2, 0, 0)
            return (0 if m.group(1) == part else 1, abs(int(m.group(2)) - target), len(k))

        return sorted(known, key=distance)[:most]
    return difflib.get_close_matches(want, list(known), n=most, cutoff=0.3) or list(known)[:most]
