"""Undertaking language: the wording by which the sides commit themselves to future action.

Used by `coverage` (an undecided sentence with such wording is likely a missed commitment),
by `validate --strict` and by `draft` (which proposes a commitment for each such sentence and
takes its strength from the verb).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ = r"\s+"  # words in the sources are separated by spaces or no-break spaces

#: (pattern, strength). The first pattern that matches gives the strength, so more specific
#: wordings come before general ones.
_CUES: list[tuple[str, str]] = [
    (rf"\bsupported{_}(?:the{_})?plans?{_}to\b", "supported plans"),
    (rf"\bagreed{_}(?:to|on|upon|that)\b", "agreed"),
    (rf"\bdecided{_}to\b", "decided"),
    (rf"\b(?:committed|pledged)(?:{_}themselves)?{_}to\b", "committed to"),
    (rf"\bundertook{_}to\b", "undertook to"),
    (rf"\breaffirmed{_}the{_}need{_}(?:for|to)\b", "reaffirmed the need for"),
    (rf"\breaffirmed{_}the{_}importance{_}of\b", "reaffirmed the importance of"),
    (r"\breaffirmed\b", "reaffirmed"),
    (rf"\bnoted{_}the{_}need{_}to\b", "noted the need to"),
    (rf"\bnoted{_}the{_}need{_}for\b", "noted the need for"),
    (rf"\bnoted{_}the{_}(?:importance|necessity){_}of\b", "noted the importance of"),
    (rf"\bnoted{_}the{_}significance{_}of\b", "noted the significance of"),
    (
        rf"\bpointed{_}out{_}the{_}(?:importance|need|necessity|significance){_}(?:of|for|to)\b",
        "pointed out the importance of",
    ),
    (
        rf"\b(?:stressed|underlined|underscored|emphasi[sz]ed){_}the{_}(?:importance|need|necessity){_}(?:of|for|to)\b",
        "stressed the need for",
    ),
    (rf"\bcall(?:ed|s)?{_}(?:for|on|upon)\b", "called for"),
    (r"\burged\b", "urged"),
    (r"\badvocated\b", "advocated"),
    (
        rf"\bexpressed{_}(?:their{_}|its{_})?(?:readiness|willingness|determination|intention){_}to\b",
        "expressed readiness to",
    ),
    (rf"\bintend(?:s|ed)?{_}to\b", "intend to"),
    (r"\bwill\b", "will"),
    (r"\bshall\b", "shall"),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), s) for p, s in _CUES]

#: Wordings that look like undertakings but are not: a passive "are called on to" describes a
#: document's purpose; "the importance of the results of" praises an event that took place.
_NOT_UNDERTAKING = [
    re.compile(rf"\b(?:is|are|was|were|be|been){_}called{_}(?:on|upon)\b", re.IGNORECASE),
    re.compile(
        rf"\b(?:importance|significance){_}of{_}the{_}(?:results|outcome)s?{_}of\b", re.IGNORECASE
    ),
]


@dataclass(frozen=True)
class Cue:
    """Undertaking wording found in a sentence."""

    strength: str  # the normalised wording, e.g. "noted the importance of"
    words: str  # the words as they stand in the sentence
    start: int
    end: int


def find_cue(sentence: str) -> Cue | None:
    """The first undertaking wording in the sentence (the earliest in the text), if any."""
    spans: list[tuple[int, int]] = [
        (m.start(), m.end()) for rx in _NOT_UNDERTAKING for m in rx.finditer(sentence)
    ]
    best: Cue | None = None
    for rx, strength in _COMPILED:
        for m in rx.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in spans):
                continue
            if best is None or m.start() < best.start:
                words = re.sub(r"\s+", " ", m.group(0))
                best = Cue(strength, words, m.start(), m.end())
            break
    return best


def has_undertaking(sentence: str) -> bool:
    return find_cue(sentence) is not None
