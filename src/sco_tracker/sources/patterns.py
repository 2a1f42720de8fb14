"""The patterns by which undertakings.clauses reads a sentence: markers, subjects, the ends of
clauses and the places where a list of undertakings is cut. No document's words."""

from __future__ import annotations

import re

from sco_tracker.sources import grammar as g

MARKER = re.compile(
    r"^\s*(?:(?:\d{1,3}|[A-Z]|[ivxlc]{1,5})[.)]\s+)?(?:\((?:[a-z]{1,2}|[ivxlc]{1,5}|\d{1,3})\)\s+)*"
)
ADVERBS_END = re.compile(rf"(?:^|(?<=[\s,;]))(?:{g.ADVERB_RUN})$", re.IGNORECASE)
COPULA_END = re.compile(
    r"\b(?:are|remain|were|is|stand|stay)\s+(?:(?:also|further|fully|firmly|strongly|"
    r"deeply|all)\s+)*$",
    re.IGNORECASE,
)
WE_END = re.compile(r"(?:^|[^\w-])we\s*$", re.IGNORECASE)
COORD_END = re.compile(r"(?:(?:[,;]\s*)?\b(?:and|or|as\s+well\s+as)|;)\s*$", re.IGNORECASE)
TO_INF = re.compile(r"\bto\s+(\w[\w-]*)")
SPLIT_INF = re.compile(
    r"(?:[,;]\s*(?:and\s+|or\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:(?:also|further)\s+)?"
    r"(?=to\s+(\w[\w-]*))",
    re.IGNORECASE,
)
SPLIT_BARE = re.compile(
    r"(?:,\s*(?:and\s+)?|;\s*(?:and\s+)?|\s+and\s+)(?:(?:also|further)\s+)?(?=([a-z][\w-]*)\s)",
    re.IGNORECASE,
)
SPLIT_GERUND = re.compile(r"(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?=([a-z][\w-]*ing)\s)")
#: A subject that is a proper name at the start of the sentence ("Russia and China", "The SCO
#: Regional Anti-Terrorist Structure"): the parties named are the speakers.
PROPER_SUBJECT = re.compile(
    r"(?:The\s+)?(?:[A-Z][\w'-]*\s+(?:(?:and|of|the|for|on)\s+)*)*[A-Z][\w'-]*\s*$"
)
GERUND_HEAD = re.compile(
    r"\s*(?:(?:ourselves|themselves)\s+)?(?:(?:to|for|on|upon)\s+)?(?:(?:the|its|their|our)\s+"
    r"(?:\w+\s+){0,2}?(?:need|importance|necessity|significance)\s+(?:of|for)\s+)?"
    r"(?:\w+ly\s+)?(\w+)",
    re.IGNORECASE,
)
TRIM = " \t,;:.-–—"

NEW_SUBJECT = re.compile(r"[,;]\s*(?:and\s+|but\s+|while\s+)?(?:we|they)\s+[a-z]", re.I)
SUBITEM = re.compile(r"(?<=[;:])\s+(?:and\s+|or\s+)?(?=\((?:[a-z]{1,2}|[ivx]{1,4})\)\s)")

ITEM_HEAD = re.compile(
    r"(?:To\s+(?P<inf>[a-z][\w-]*)|(?P<ger>[A-Z][a-z-]+ing)|(?P<bare>[A-Z][a-z]+)(?=\s+[a-z]))\b"
)

WE_START = re.compile(r"(?:[A-Z][^,;]{0,200}?,\s*)?we\b", re.IGNORECASE)
OPERATIVE_START = re.compile(rf"(?:{g.ADVERB_RUN})([A-Z]?[a-z]+s)\b", re.IGNORECASE)

OBJECT = re.compile(
    r"^\s*(?:(?:upon|on)\s+)?(?P<who>(?:(?!\bto\b)[^;:()]){2,140}?)\s*,?\s+to\s+(?:\w+)",
    re.IGNORECASE,
)
#: Where a phrase of purpose starts (an addressee ends before it), the "to" that ends one (no
#: undertaking of its own), and a purpose set off by commas (left out of a title).
PURPOSE_START = re.compile(rf"(?:^|[\s,;(])(?:{g.PURPOSE})\b", re.IGNORECASE)
PURPOSE_TO_END = re.compile(rf"\b(?:{g.PURPOSE_TO})\s+$", re.IGNORECASE)
PURPOSE_ASIDE = re.compile(rf",\s*(?:{g.PURPOSE})\b[^,;:()]*,\s*", re.IGNORECASE)
PRONOUNS = frozenset(["them", "it", "him", "her", "us", "all", "those", "these"])


#: Words that make what follows a clause inside another one ("We recalled that ... we agreed").
SUBORDINATE = re.compile(
    r"\b(?:that|which|who|whom|whose|where|whereby|when|while|whilst|as|since|after|before|"
    r"because|if|once|until|though|although|unless|whether)\b",
    re.IGNORECASE,
)


def opens_main_clause(sentence: str, at: int) -> bool:
    """Whether the subject at `at` opens a main clause of the sentence: at its start, after
    another main clause ("..., and we urged ..."), or after an opening phrase and its comma
    ("In this regard, we agreed ...") that holds no word of a clause inside another one ("We
    recalled that in 2019 we agreed ...": an earlier act)."""
    body = MARKER.match(sentence)
    before = sentence[body.end() if body else 0 : at].strip()
    if not before or re.search(r"(?:[,;]\s*(?:and|but)|;)$", before):
        return True  # "..., and we urged ...": a main clause of its own
    return before.endswith(",") and not SUBORDINATE.search(before)
