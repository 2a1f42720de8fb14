"""The words and names that sources/linking.py compares: content words (stemmed, stop words
left out), how rare each is among the texts compared, dates written out and places named."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sco_tracker.sources.grammar import DETERMINERS, FORMS, PREPOSITIONS
from sco_tracker.spec.dates import MONTHS

#: Function words, month names, and the reporting verbs in the past ("agreed", "called",
#: "noted"): how a text reports an act is no evidence of which act it is.
_STOP = frozenset(
    DETERMINERS
    | PREPOSITIONS
    | set(MONTHS)
    | {form.split()[0] for form, (_, tense) in FORMS.items() if tense == "past"}
    | {
        "to",
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "has",
        "have",
        "had",
        "will",
        "shall",
        "should",
        "would",
        "also",
        "well",
        "not",
        "there",
        "here",
        "they",
        "we",
        "he",
        "she",
        "after",
        "before",
        "during",
        "upcoming",
        "early",
        "late",
        "level",
        "proposed",
    }
)

#: Irregular forms read as their base ("met" as "meet": "the Group met" reports on "hold the
#: Group's meeting").
_IRREGULAR = {"met": "meet", "held": "hold", "took": "take", "led": "lead", "youth": "young"}
#: Stems that name the same act on a document: to approve, to pass and to adopt it.
_SAME = {"approv": "adopt", "pass": "adopt"}

_DATE = re.compile(
    r"\b(\d{1,2})(?:\s*[-\u2013]\s*(\d{1,2}))?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w'\u2019-]+)(?:\s+(?:of\s+)?[A-Z][\w'\u2019-]+)*)"
)


@dataclass
class Words:
    words: dict[str, str] = field(default_factory=dict)  # stem -> the word as first written
    order: list[str] = field(default_factory=list)  # stems in order, stop words left out


def stem(word: str) -> str:
    """A crude, consistent stem: 'meetings', 'meeting', 'met' -> 'meet'; 'approval', 'approved',
    'approve' -> 'approv'. Only ever compared with another stem made the same way."""
    w = word.casefold().replace("\u2019", "'")
    w = w.removesuffix("'s").strip("'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.isdigit() or len(w) <= 4:
        return w
    for suffix in ("ations", "ation", "ions", "ion", "ings", "ing", "ied", "ies", "ed", "es"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    else:
        for suffix in ("al", "s", "e"):
            if w.endswith(suffix) and not w.endswith("ss") and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":  # submitt -> submit
        w = w[:-1]
    w = w.removesuffix("e") if len(w) > 4 else w
    return _SAME.get(w, w)


def read(text: str) -> Words:
    """The content words of a text, stemmed, in order."""
    out = Words()
    for m in re.finditer(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?", text):
        word = m.group(0)
        low = word.casefold()
        if low in _STOP or low.removesuffix("'s") in _STOP or len(low) < 2:
            continue
        s = stem(word)
        out.words.setdefault(s, word)
        out.order.append(s)
    return out


class Weights:
    """How rare each stem is among the texts compared (inverse document frequency)."""

    def __init__(self, texts: Iterable[Words]) -> None:
        counts: dict[str, int] = {}
        n = 0
        for t in texts:
            n += 1
            for s in set(t.words):
                counts[s] = counts.get(s, 0) + 1
        self.n = max(n, 1)
        self.counts = counts

    def of(self, s: str) -> float:
        return math.log(1 + self.n / (1 + self.counts.get(s, 0)))

    def total(self, stems: Iterable[str]) -> float:
        return sum(self.of(s) for s in set(stems))


#: The words any occasion is called by, which name no occasion in particular: its kind, its
#: being held, its place in a series. "The 13th meeting ... was held in Beijing" and "hold the
#: Contact Group's next meeting in Beijing" share these words and still speak of two meetings.
_OCCASION_WORDS = (
    "meeting summit session conference congress forum round sitting talks consultations"
    " gathering event hold holding held convene convened host hosted organise organize organised"
    " organized take took taken place meet met next regular annual ordinary extraordinary"
    " informal following new first second third fourth fifth sixth seventh eighth ninth tenth"
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$")
_GENERIC = frozenset(stem(w) for w in _OCCASION_WORDS.split())
#: Who meets, said of every meeting of an organisation: "of SCO Member-States", "of the ASEAN
#: member countries" name the parties (the same for every commitment of the file), not the
#: occasion.
_MEMBERS = re.compile(r"\bmember[\s-]+(?:states?|countries|nations)\b", re.IGNORECASE)


def occasion_name(text: str, places: Iterable[str] = ()) -> dict[str, str]:
    """The words of an occasion's name as a text words it (stem -> word): its content words
    without the words of any occasion (meeting, session, summit, held, next), numbers, years
    and ordinals ("13th"), who meets ("of the Member States") and the words of the places
    given (where it is held). "the SCO-Afghanistan Contact Group's next meeting" is named by
    SCO, Afghanistan, Contact, Group; "the next meeting of Secretaries of Security Councils of
    SCO Member-States" by Secretaries, Security, Councils, SCO; "the next meeting in Bishkek in
    2019" by no word."""
    generic = _GENERIC | {stem(w) for p in places for w in re.findall(r"[\w'\u2019]+", p)}
    words = read(_MEMBERS.sub(" ", text)).words
    return {s: w for s, w in words.items() if s not in generic and not _ORDINAL.match(s)}


#: What an act of holding holds: the words after the verb, up to where its place, its time,
#: its purpose or another clause begins.
_HELD_WHAT = re.compile(
    r"\b(?:hold|host|convene|organi[sz]e)\b(?P<what>.*?)(?=\s(?:in|at|during|by|before|after|"
    r"within|as|when|where|which|with|to|from|until|no\s+later|not\s+later|on\s+(?:the\s+)?(?:\d"
    r"|(?:" + "|".join(MONTHS) + r")\b))\b|[,;:.()]|$)",
    re.IGNORECASE,
)


def occasion_held(act: str, places: Iterable[str] = ()) -> dict[str, str]:
    """The words of the name of the occasion an act holds (see occasion_name): "hold [the
    SCO-Afghanistan Contact Group's next meeting] in Beijing in early 2018, as China proposed"
    gives SCO, Afghanistan, Contact, Group; none when the act holds nothing."""
    held = _HELD_WHAT.search(act)
    return occasion_name(held.group("what"), places) if held else {}


def dates_named(text: str) -> list[date]:
    """The dates written out in a text ("11 October 2017", "3-4 May 2018" gives both days)."""
    return [d for d, _, _ in dated_spans(text)]


def dated_spans(text: str) -> list[tuple[date, int, int]]:
    """(date, start, end) of each date written out in the text."""
    found: list[tuple[date, int, int]] = []
    for m in _DATE.finditer(text):
        month, year = MONTHS[m.group(3).lower()], int(m.group(4))
        for day in (m.group(1), m.group(2)):
            if day is not None:
                try:
                    found.append((date(year, month, int(day)), m.start(), m.end()))
                except ValueError:
                    continue
    return found


def places_named(text: str) -> set[str]:
    """The places a text puts something in ("in Beijing", "in the Kyrgyz Republic")."""
    out: set[str] = set()
    for m in _PLACE.finditer(text):
        name = m.group(1)
        first = name.split()[0].casefold()
        if first in MONTHS or first in {"accordance", "particular", "order", "view"}:
            continue
        out.add(name.casefold())
    return out
