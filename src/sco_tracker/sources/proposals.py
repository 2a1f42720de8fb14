"""What a proposal says besides its quote: theme, due, kind and parties (its title is
titles.py's).

Pure functions of the clause (undertakings.Clause), its sentence and the document; used by
drafting.draft.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sco_tracker.sources import patterns as pt
from sco_tracker.sources.intake.dateline import is_label
from sco_tracker.sources.undertakings import Clause
from sco_tracker.sources.verbforms import present_of
from sco_tracker.spec.dates import MONTHS

_MONTH = "(" + "|".join(m.capitalize() for m in MONTHS) + ")"
_S = r"\s+"


class EventStub:
    def __init__(self, id: str, title: str, place: str | None = None) -> None:
        self.id, self.title, self.place = id, title, place


#: A situation, a conflict or a crisis in a place: the place is the theme ("the situation in
#: Afghanistan", "the conflict in the Sudan", "the crisis in Ukraine", "the peace process in the
#: Democratic Republic of the Congo"), whatever the organisation. The place ends the phrase or
#: comes before a word of grammar, never before a noun ("the situation in the SCO region").
_SITUATION = re.compile(
    r"\b(?:situation|conflict|crisis|crises|settlement|peace\s+process|war|hostilities|ceasefire|"
    r"violence|tensions)\s+(?:in\s+and\s+around|in|on|around)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w'-]+(?:\s+(?:(?:of|the|and|de)\s+)*[A-Z][\w'-]+)*)"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|but|by|through|with|in|on|at|to|for|of|is|was|are|were|"
    r"remains?|has|have|had|as|which|that|under|via|since|from|including|within|without|"
    r"would|will|shall|must|can|could|should|may)\b)"
)

#: (theme, pattern): the first that matches the sentence names its theme.
THEMES: list[tuple[str, str]] = [
    ("Youth and the prevention of extremism", r"\byoung\b|\byouth\b"),
    ("Drugs", r"\bdrugs?\b|\bnarcotic"),
    ("", ""),  # here: the place of a situation, a conflict or a crisis (_SITUATION)
    ("Non-proliferation", r"\bnuclear|\bweapons? of mass destruction|\bchemical weapons"),
    (
        "Information security",
        (
            r"\binformation security\b|\binternet\b|\binformation and communications? "
            r"technolog|\bmedia\b|\bcyber"
        ),
    ),
    ("Operational cooperation", r"\bborder\b|\bexchange information\b|\bfighters\b"),
    ("Counter-terrorism", r"\bterroris|\bextremis|\bseparatis"),
    ("Security architecture", r"\bsecurity architecture\b|\barchitecture\b"),
    ("Economy and connectivity", r"\beconom|\btrade\b|\btransport|\bconnectivity\b|\benergy\b"),
    ("Institutional", r"\bmeeting\b|\bsummit\b|\bsecretariat\b|\bpresidency\b"),
]


_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TENS = ["twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]
_ORDINALS: dict[str, int] = {w: i for i, w in enumerate(_UNITS, start=1)}
_ORDINALS.update(
    {
        "tenth": 10,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
    }
)
for _t, _stem in enumerate(_TENS, start=2):
    _ORDINALS[_stem + "ieth"] = 10 * _t
    _tens_word = (_stem + "y").replace("fort", "forty").replace("fortyy", "forty")
    for _u, _unit in enumerate(_UNITS, start=1):
        _ORDINALS[f"{_tens_word}-{_unit}"] = 10 * _t + _u
#: "at its eighty-first session": a session of a UN body (the Nth opens in September of 1945+N).
_SESSION = re.compile(r"\bits\s+([a-z]+(?:-[a-z]+)?)\s+session\b", re.I)


def slugify(text: str, max_words: int = 6) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    stop = {
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "in",
        "on",
        "for",
        "at",
        "by",
        "with",
        "this",
        "its",
        "their",
        "our",
    }
    kept = [w for w in words if w not in stop][:max_words] or ["commitment"]
    return "-".join(kept)


def is_heading(line: str) -> bool:
    """A heading line of the source text: short, no final punctuation, not a numbered paragraph."""
    text = line.strip()
    if not text or len(text) > 90 or text[-1] in ".;:,)" or re.match(r"^\d", text):
        return False
    words = text.split()
    return (
        1 <= len(words) <= 12
        and text[0].isupper()
        and not re.search(r"\b(?:we|they)\b", text, re.I)
    )


#: Lines of a document's masthead that look like headings but are not themes: the dating
#: line, the symbol and session lines, the distribution line, the organisation's name.
_MASTHEAD = re.compile(
    r"^(?:Resolution adopted by\b|Decision adopted by\b|\d+(?:st|nd|rd|th) plenary meeting\b"
    r"|\d{1,3}/\d{1,4}\.(?:\s|$)|[A-Z]{1,10}(?:/[A-Z0-9.\-]+){2,6}\.?$|United Nations$"
    r"|.*\bDistr\.|[A-Z][a-z]+(?:-[a-z]+)? session\b|Agenda item\b|Annex(?:es)?\b|\["
    r"|The (?:General Assembly|Security Council)\b)"
)


#: A dateline: a date, with the place before it ("Astana, 21 May 2024", "Beijing, 21-22 May
#: 2018", "New York, June 5, 2025"): where and when, not what the paragraphs are about.
_DATELINE = re.compile(
    rf"^(?:[^,]{{1,60}},\s*){{0,3}}(?:(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?{_S})?{_MONTH}"
    rf"|{_MONTH}{_S}\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?,?){_S}\d{{4}}$"
)


def is_theme_heading(line: str, title: str | None = None) -> bool:
    """A heading that names the theme of what follows: not a masthead line, not a press
    office's label (intake/dateline.py's, which also finds a press release's letterhead for
    `draft`), not a dateline, not the title."""
    text = " ".join(line.split())
    if not is_heading(text) or _MASTHEAD.match(text) or _DATELINE.match(text) or is_label(text):
        return False
    plain = text.casefold().rstrip(" :")
    return not (title and plain and " ".join(title.split()).casefold().startswith(plain))


def situation_place(sentence: str) -> str | None:
    """The place of the situation, conflict or crisis the sentence speaks of, if any."""
    m = _SITUATION.search(" ".join(sentence.split()))
    return m.group("place") if m else None


def guess_theme(sentence: str, previous: str | None = None, places: Sequence[str] = ()) -> str:
    """The theme of the keyword map that the sentence names, else the previous theme.

    places: the places of situations the document spoke of before; a sentence that names one
    ("the SCO-Afghanistan Contact Group" after "the situation in Afghanistan") has it for its
    theme, as a situation's place would be."""
    sentence = " ".join(sentence.split())
    for theme, pattern in THEMES:
        if not pattern:
            place = situation_place(sentence) or next(
                (p for p in places if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", sentence)), None
            )
            if place:
                return place
        elif re.search(pattern, sentence, re.IGNORECASE):
            return theme
    return previous or "General"


#: A place as written: "Qingdao", "Kuala Lumpur", "Rio de Janeiro", "the Russian Federation".
_PLACE = r"(?:the\s+)?(?P<place>[A-Z][\w'-]+(?:\s+(?:(?:de|da|do|del|of|the)\s+)*[A-Z][\w'-]+)*)"
#: A summit of any organisation: "the upcoming SCO summit in Qingdao", "the 47th ASEAN Summit
#: in Kuala Lumpur", "the meeting of the SCO Council of Heads of State in Bishkek", "the session
#: of the Assembly of Heads of State and Government in Addis Ababa".
_SUMMIT = re.compile(
    r"\b(?:(?i:summit)|(?:meeting|session)\s+of\s+the\s+(?:[A-Z][\w-]*\s+){0,3}?"
    r"(?:Council|Assembly|Conference|Meeting)\s+of\s+(?:the\s+)?Heads\s+of\s+State"
    r"(?:\s+(?:and|or)\s+Government)?)"
    rf"{_S}in{_S}{_PLACE}"
)


def guess_due(sentence: str, events: dict[str, str | None]) -> tuple[str | None, EventStub | None]:
    """(due, new event) from the dates and events in the sentence.

    events maps known event ids to their place. "in May 2018" -> 2018-05; "by 31 December 2019"
    -> 2019-12-31; "in 2019" or "by the end of 2019" -> 2019; "at the upcoming summit in
    Qingdao" -> the event qingdao-summit (proposed as a new event, date to define, if unknown).
    """
    m = re.search(
        rf"\b(?:by|before|until|no later than|on){_S}(\d{{1,2}}){_S}{_MONTH}{_S}(\d{{4}})\b",
        sentence,
    )
    if m:
        day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3))
        try:
            return date(year, month, day).isoformat(), None
        except ValueError:
            pass
    m = re.search(
        rf"\b(?:in|by|before|until|during){_S}(?:early{_S}|mid-|late{_S}|"
        rf"the{_S}end{_S}of{_S})?{_MONTH}{_S}(\d{{4}})\b",
        sentence,
    )
    if m:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}", None
    m = re.search(
        rf"\b(?:in|by|before|until|during){_S}(?:the{_S}end{_S}of{_S})?(\d{{4}})\b(?!\s*-)",
        sentence,
    )
    if m:
        return m.group(1), None
    m = _SESSION.search(sentence)
    if m and m.group(1).lower() in _ORDINALS:
        return f"{1945 + _ORDINALS[m.group(1).lower()]:04d}-09", None
    m = _SUMMIT.search(sentence)
    if m:
        place = " ".join(m.group("place").split())
        event_id = f"{slugify(place, 3)}-summit"
        if event_id in events:
            return event_id, None
        for eid, eplace in events.items():
            if eplace and place.lower() in eplace.lower() and "summit" in eid:
                return eid, None
        return event_id, EventStub(event_id, f"{place} summit", place)
    return None, None


_NUMBERS = "one two three four five six seven eight nine ten eleven twelve"
_COUNTS = {w: n for n, w in enumerate(_NUMBERS.split(), start=1)}
_COUNT = r"(\d{1,2}|" + "|".join(_COUNTS) + ")"
_UNIT = r"(year|month|week)s?"
#: Adverbs of frequency that are also adjectives ("a yearly report"): only as adverbs, at the
#: end of a clause or before a preposition or conjunction.
_AS_ADVERB = (
    r"(?=\s*(?:[,;.:)]|$|(?:and|or|by|on|in|at|to|from|until|before|after|thereafter|"
    r"through|throughout|during|starting|beginning)\b))"
)
#: (pattern, cadence): a deadline or an action that comes back, with how often.
_RECURRING: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:every|each){_S}{_COUNT}{_S}{_UNIT}\b", re.I), ""),
    (re.compile(rf"\b(?:every|each){_S}(?:other{_S})?{_UNIT}\b", re.I), ""),
    (re.compile(r"\b(?:annually|once\s+a\s+year)\b", re.I), "1 year"),
    (re.compile(r"\b(?:biennially|every\s+second\s+year)\b", re.I), "2 years"),
    (re.compile(r"\b(?:semi-?annually|twice\s+a\s+year|twice\s+yearly)\b", re.I), "6 months"),
    (re.compile(rf"\b(?:yearly){_AS_ADVERB}", re.I), "1 year"),
    (re.compile(rf"\b(?:quarterly){_AS_ADVERB}", re.I), "3 months"),
    (re.compile(rf"\b(?:monthly){_AS_ADVERB}", re.I), "1 month"),
    (re.compile(rf"\b(?:weekly){_AS_ADVERB}", re.I), "1 week"),
    (re.compile(r"\bon\s+an?\s+(annual|yearly|biennial|quarterly|monthly)\s+basis\b", re.I), ""),
]
_BASIS = {
    "annual": "1 year",
    "yearly": "1 year",
    "biennial": "2 years",
    "quarterly": "3 months",
    "monthly": "1 month",
}


def recurrence(text: str) -> str | None:
    """How often the text says its action or deadline comes back, as a `review_every`
    ("by 30 April annually" -> "1 year", "every two years" -> "2 years", "twice a year" ->
    "6 months"), or None for a one-off ("by 30 April 2027", "the annual report")."""
    text = " ".join(text.split())
    for pattern, cadence in _RECURRING:
        m = pattern.search(text)
        if m is None:
            continue
        if cadence:
            return cadence
        groups = [g.lower() for g in m.groups() if g]
        if groups[0] in _BASIS:
            return _BASIS[groups[0]]
        if len(groups) == 2:  # every N units
            count = int(groups[0]) if groups[0].isdigit() else _COUNTS[groups[0]]
            if count < 1:
                continue
            unit = groups[1]
        else:  # every unit; every other unit
            count, unit = (2 if "other" in m.group(0).lower() else 1), groups[0]
        return f"{count} {unit}{'s' if count != 1 else ''}"
    return None


#: The verbs of one-off actions: a clause with one of them is a deliverable.
_ONE_OFF = frozenset(
    [
        "hold",
        "host",
        "convene",
        "organize",
        "organise",
        "establish",
        "create",
        "adopt",
        "approve",
        "submit",
        "report",
        "include",
        "draft",
        "prepare",
        "elaborate",
        "ratify",
        "accede",
        "sign",
        "launch",
        "set",
        "publish",
        "present",
        "pass",
        "conclude",
        "finalize",
        "finalise",
        "appoint",
        "elect",
        "complete",
    ]
)


def kind_of(clause: Clause, due: str | None) -> str:
    """deliverable (a one-off output or event) or continuous."""
    if due is not None and due != "unspecified":
        return "deliverable"
    text = pt.PURPOSE_ASIDE.sub(" ", clause.text)  # "..., with a view to ...,": why, not what
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    for w in words[:12]:
        if w in _ONE_OFF or (w.endswith("ing") and present_of(w) in _ONE_OFF):
            return "deliverable"
    return "continuous"


#: Words a shortened title must not end with ("... ICTs in…").
_DANGLING = frozenset(
    re.findall(
        r"\w+",
        "a an the of and or nor to for in on at by with from into its their our this that these"
        " those as than including such between among within under over through against towards",
    )
)


def shorten(text: str, limit: int) -> str:
    """The text, or its first words up to limit characters and "…": cut between words, never
    after 'in', 'of' or 'the' nor inside a word; a text within the limit is kept whole."""
    if len(text) <= limit:
        return text
    words = text[: limit - 1].split(" ")
    if len(text) > limit - 1 and text[limit - 1] != " ":
        words.pop()  # a word cut in the middle
    while len(words) > 1 and (words[-1].casefold() in _DANGLING or not words[-1].strip(",;:")):
        words.pop()
    return " ".join(words).rstrip(" ,;:") + "…"
