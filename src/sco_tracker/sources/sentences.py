"""Split a paragraph of diplomatic prose into sentences, keeping exact character offsets.

Written for communiqués rather than taken from a general library (pysbd was tried: it is
unmaintained since 2021, rewrites the text internally so its character offsets have been
wrong in known cases, and splits "para. 3"). Offsets matter here: a commitment's quote is
mapped onto the sentence that holds it.

A sentence ends at '.', '!', '?' or '…' (with any closing quotes or brackets after it) that
is followed by white space and then a capital letter, a digit or an opening quote or bracket,
unless
- the full stop belongs to an abbreviation ("No.", "Art.", "para.", "Mr.", "e.g.", "Feb."),
- it follows a single capital letter (an initial: "V. Putin") or a dotted acronym ("U.N."),
- it is inside brackets: "(Moscow, 3 April 2018)" and "(see para. 3. above)" never split,
- it follows a paragraph number ("5. Requests ..."): the number belongs to its paragraph.
Dates ("9 June 2017", "21.05.2018", "3-4 May 2018") carry no sentence-ending full stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words (lower case, without the final full stop) after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "nr",
        "art",
        "arts",
        "para",
        "paras",
        "p",
        "pp",
        "vol",
        "vols",
        "ch",
        "chap",
        "sec",
        "sect",
        "fig",
        "ed",
        "eds",
        "mr",
        "mrs",
        "ms",
        "messrs",
        "dr",
        "prof",
        "st",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "adm",
        "amb",
        "hon",
        "rev",
        "sr",
        "jr",
        "e.g",
        "i.e",
        "cf",
        "vs",
        "viz",
        "al",
        "approx",
        "ca",
        "incl",
        "excl",
        "resp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "dept",
        "govt",
        "inc",
        "ltd",
        "co",
        "corp",
        "est",
    ]
)

_END = ".!?…"
_CLOSE = "\"'”’)]}»"
_OPEN_BRACKETS = "([{"
_CLOSE_BRACKETS = ")]}"
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph: text[start:end] of the paragraph, without surrounding spaces."""

    index: int  # from 1 within its paragraph
    start: int
    end: int
    text: str


def split(paragraph: str) -> list[Sentence]:
    """The sentences of one paragraph, in order, with their offsets in the paragraph."""
    bounds: list[tuple[int, int]] = []
    depth = 0
    start = 0
    n = len(paragraph)
    i = 0
    while i < n:
        ch = paragraph[i]
        if ch in _OPEN_BRACKETS:
            depth += 1
        elif ch in _CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif ch in _END and depth == 0:
            j = i + 1
            while j < n and paragraph[j] in _END:  # "?!", "..."
                j += 1
            k = j
            while k < n and paragraph[k] in _CLOSE:
                k += 1
            m = k
            while m < n and paragraph[m].isspace():
                m += 1
            if m > k and m < n and _starts_sentence(paragraph[m]) and not _no_break(paragraph, i):
                bounds.append((start, k))
                start = m
                i = m
                continue
            i = j
            continue
        i += 1
    bounds.append((start, n))
    sentences: list[Sentence] = []
    for s, e in bounds:
        while s < e and paragraph[s].isspace():
            s += 1
        while e > s and paragraph[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append(Sentence(len(sentences) + 1, s, e, paragraph[s:e]))
    return sentences


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘([«"


def _no_break(text: str, i: int) -> bool:
    """True when the full stop at i belongs to an abbreviation, an initial or an acronym."""
    if text[i] != ".":
        return False
    m = _WORD_BEFORE.search(text, 0, i)
    if not m:
        return False
    word = m.group(1)
    before = text[: m.start()].rstrip()
    if word.isdigit() and len(word) <= 3 and (not before or before[-1] in ".;:"):
        return True  # a paragraph number: "5. Requests ...", "... in this regard. 31. We ..."
    if word.lower() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "V. Putin"
        return True
    # "U.N", "U.S.A"
    return "." in word and all(len(part) <= 2 for part in word.split("."))


def sentence_at(sentences: list[Sentence], start: int, end: int) -> list[Sentence]:
    """The sentences that the span [start, end) of the paragraph overlaps."""
    return [s for s in sentences if s.start < end and start < s.end]
