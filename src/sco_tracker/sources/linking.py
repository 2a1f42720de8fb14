"""Links from a new document to the commitments already tracked (part of `sco-tracker draft`).

Two kinds of link, both proposals for review, each with the evidence that made it:

- **restates**: a proposed commitment (an undertaking clause of the new document) says again
  what an earlier commitment said: the proposal carries `restates: <earlier id>`.
- **reports on**: a sentence of the new document reports on what an earlier commitment
  promised ("noted the results of the meeting ... (Moscow, 11 October 2017)", "welcomed the
  adoption of ...", "praised the holding of ...", "... was held in ...", "adopted ..."): the
  draft proposes a dated update of that commitment, citing the new source.

Only commitments of a source dated before the new one, or on the same day (a press release of
the meeting restates its communiqué: the same undertaking, not to be tracked twice), can be
restated or reported on. The
evidence, weighed the same way for any document:

- shared content words between the new text and the earlier commitment's act (its title and
  quote, without the words of the occasion it is due at, unless the act is to hold that
  occasion), each word weighted by how rare it is among the texts compared (the new
  document's sentences and the tracked commitments): "Afghanistan" counts more than
  "cooperation" where every paragraph speaks of cooperation;
- the meeting or document named: a date written out in the sentence ("Moscow, 11 October
  2017") that is the earlier source's date or the date of the event the commitment is due at,
  with its place; the title of the earlier source;
- the same parties (a restatement is made by the same parties; a report is by them, or names
  their meeting);
- no conflicting place: "the next meeting in Bishkek" does not restate or report on "the next
  meeting in Beijing";
- a report on a commitment to hold an occasion names that occasion. The words any meeting is
  reported in (meeting, session, held, next, 13th, the place, the year, the host, the
  organisation) are shared by every meeting held there that year: "The 13th meeting of the
  Security Council Secretaries of the SCO Member States was held in Beijing on 21-22 May 2018,
  chaired by ... China" shares six of the ten words of "hold the SCO-Afghanistan Contact
  Group's next meeting in Beijing in early 2018, as China proposed", and is another meeting.
  The occasion's name is what the act holds ("the SCO-Afghanistan Contact Group's next
  meeting", up to its place, time or purpose) without the words of any occasion, numbers,
  places and who meets ("of the Member States"): SCO, Afghanistan, Contact, Group
  (linkwords.occasion_held). A report shares at least half of them, weighted as the others
  (THRESHOLDS["names"]): the organisation's name, repeated by most texts, weighs least and
  cannot name an occasion alone. An occasion without a name ("the next meeting") asks nothing.

The thresholds are in THRESHOLDS, with the reason for each; README gives the figures measured on
the development set (benchmarks/links.py, labels in tests/data/links/labels.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from sco_tracker.sources.linkwords import (
    Weights,
    Words,
    dated_spans,
    occasion_held,
    places_named,
    read,
    stem,
)
from sco_tracker.sources.paragraphs import place as place_name
from sco_tracker.spec.dates import MONTHS

#: Coverage thresholds (the share of the earlier commitment's weighted act words that the new
#: text shares, from 0 to 1). Why these values:
#: - RESTATES 0.5: a restatement says at least half of what the earlier act said in the same
#:   words (the rest is new dates, new places, a changed verb); below that the two only share
#:   a theme ("counter terrorism").
#: - RESTATES_NAMED 0.3: when the sentence also names the earlier meeting or document, a third
#:   of the words is enough, the name being the stronger evidence.
#: - REPORTS 0.5: a report names at least half of the act it reports on, as a restatement
#:   does ("the programme ... against terrorism, separatism and extremism adopted in
#:   Qingdao"); the words it shares by chance with other commitments stay below a third on
#:   the development set (at 0.4 a first false link appears: a meeting of other officials
#:   "held in Beijing" in 2018).
#: - REPORTS_NAMED 0.25: the report names the commitment's meeting or document and shares some
#:   of its words (the Contact Group, the programme), so that a meeting's results are linked to
#:   the commitments of that meeting the sentence speaks of, not to all of them.
#: - NAMES 0.5 (of the weighted words of the name of the occasion a commitment holds): a report
#:   calls the occasion by most of its name, perhaps without the organisation's ("the Security
#:   Council Secretaries" for "Secretaries of Security Councils of SCO Member-States"); another
#:   meeting of the organisation shares at most the organisation's name, which weighs least.
THRESHOLDS = {
    "restates": 0.5,
    "restates_named": 0.3,
    "reports": 0.5,
    "reports_named": 0.25,
    "names": 0.5,
}

#: The phrases of a sentence that report on something done. The group is what is reported on.
_PRAISE = re.compile(
    r"\b(?:(?:noted|welcomed|praised|commended|appreciated|hailed|assessed|reviewed|took\s+note"
    r"\s+of|noted\s+with\s+satisfaction|expressed\s+satisfaction\s+with|positively\s+assessed|"
    r"highly\s+(?:appreciated|assessed))\s+(?:the\s+)?(?:results?|outcomes?|holding|adoption|"
    r"signing|entry\s+into\s+force|launch|implementation|completion|approval|success|"
    r"significance|progress)\s+(?:of|in)\b|(?:welcomed|praised|noted|commended)\s+(?:the\s+)?"
    r"(?:fact\s+that|efforts\s+to))(?P<object>.*)",
    re.IGNORECASE,
)
#: A past act stated plainly: the whole segment is what is reported on.
_PAST_ACT = re.compile(
    r"\b(?:met|was\s+held|were\s+held|took\s+place|was\s+convened|convened|was\s+adopted|were"
    r"\s+adopted|adopted|approved|was\s+approved|signed|was\s+signed|issued|launched|"
    r"entered\s+into\s+force|was\s+established|were\s+established|heard\s+(?:a\s+)?reports?|"
    r"hosted|was\s+hosted)\b",
    re.IGNORECASE,
)
#: Where a reported object ends: another reporting verb after "and" ("... and supported plans").
_OBJECT_END = re.compile(r";|,?\s+and\s+(?:\w+ly\s+)?\w+ed\b(?!\s+(?:by|in|at|on)\b)")
#: The occasion an act is due at, as a text words it ("during the upcoming meeting of the SCO
#: Council of Heads of State in Qingdao", "at the Qingdao summit").
_OCCASION = re.compile(
    r"\b(?:at|during|on\s+the\s+(?:sidelines|occasion)\s+of)\s+(?:the\s+)?(?:upcoming\s+|next\s+)?"
    r"[^,;.]*?\b(?:summit|meeting|session|conference|congress|forum)\b[^,;.]*",
    re.IGNORECASE,
)
#: The verbs of a report that an event was held: "met" reports "hold the meeting".
_HELD = re.compile(r"^(?:met|was held|were held|took place|convened|was convened|hosted)$", re.I)
#: The verbs of a report that a document was adopted: "issued the Joint Appeal" reports "pass
#: a joint appeal".
_ADOPTED = re.compile(r"^(?:(?:was|were)\s+)?(?:adopted|approved|signed|issued)$", re.I)
#: How far (in characters) from a date its place may be written: "(Moscow, 11 October 2017)",
#: "the 27 March 2018 Tashkent international conference".
_NEAR = 40
_HOLD = re.compile(r"^\s*(?:hold|host|convene|organi[sz]e)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Tracked:
    """An earlier commitment as the linker reads it."""

    id: str
    title: str
    quote: str
    parties: frozenset[str]
    source: str
    source_title: str
    source_date: date
    source_place: str | None = None
    event_title: str | None = None  # the event it is due at
    event_place: str | None = None
    event_date: date | None = None


@dataclass
class Link:
    """One proposed link: kind 'restates' or 'reports', the earlier commitment, why."""

    kind: str
    target: str
    score: float
    why: str
    paragraph: int | str = 0
    sentence: str = ""  # the sentence of the new document (for a report: the update's note)
    segment: str = ""  # what is reported on


def _place_words(place: str | None) -> set[str]:
    return {p.strip().casefold() for p in (place or "").split(",") if p.strip()}


def _conflict(mine: set[str], theirs: set[str]) -> bool:
    """Both name where it happens, and no place of one is (part of) a place of the other."""
    if not mine or not theirs:
        return False
    return not any(a in b or b in a for a in mine for b in theirs)


@dataclass
class _Target:
    t: Tracked
    act: Words  # the words of the act
    places: set[str]
    name: dict[str, str]  # the act holds an occasion: the words of its name (else none)

    @classmethod
    def of(cls, t: Tracked) -> _Target:
        act = read(f"{t.title} {t.quote}")
        if t.event_title and not _HOLD.match(t.title):  # the occasion is not the act
            act = read(_OCCASION.sub(" ", f"{t.title}. {t.quote}"))
            occasion = set(read(f"{t.event_title} {t.event_place or ''}").words)
            occasion |= {stem(w) for w in ("summit", "meeting")}
            act.words = {s: w for s, w in act.words.items() if s not in occasion}
            act.order = [s for s in act.order if s not in occasion]
        places = places_named(f"{t.title} {t.quote}") | _place_words(t.event_place)
        name: dict[str, str] = {}
        if _HOLD.match(t.title):  # the occasion's name, as the title and the quote word it
            where = places | _place_words(t.source_place)
            name = occasion_held(t.title, where) | occasion_held(t.quote, where)
        return cls(t, act, places, name)


def _named_meeting(sentence: str, t: Tracked) -> str | None:
    """How the sentence names the commitment's meeting or document, if it does: its date
    written out, with its place beside it when the place is known ("(Moscow, 11 October
    2017)", "signed 9 June 2017 in Astana"), or its title."""
    spans = dated_spans(sentence)
    low = sentence.casefold()
    for when, place, what in (
        (t.source_date, t.source_place, f"source '{t.source}'"),
        (t.event_date, t.event_place, "the event it is due at"),
    ):
        towns = sorted(_place_words(place))
        for day, start, end in spans:
            if day != when:
                continue
            near = low[max(0, start - _NEAR) : end + _NEAR]
            at = next((p for p in towns if p in near), None)
            if towns and at is None:
                continue  # the same day, somewhere else
            shown = f"{at.title()}, " if at else ""
            return f"names {what}: {shown}{when.day} {_month(when)} {when.year}"
    title = read(t.source_title)
    if len(title.words) >= 3 and len(set(title.words) & set(read(sentence).words)) >= 0.8 * len(
        title.words
    ):
        return f"names source '{t.source}' by its title"
    return None


def _month(d: date) -> str:
    return next(name for name, n in MONTHS.items() if n == d.month).capitalize()


def _runs(a: list[str], b: list[str]) -> list[list[str]]:
    """The runs of two or more stems that a and b share, longest first."""
    found: list[list[str]] = []
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            if k >= 2 and not any(_within(a[i : i + k], r) for r in found):
                found.append(a[i : i + k])
    return sorted(found, key=len, reverse=True)


def _within(run: list[str], other: list[str]) -> bool:
    return " ".join(run) in " ".join(other)


@dataclass
class _Match:
    score: float
    shared: list[str]
    runs: list[list[str]]


def _match(text: Words, target: _Target, w: Weights, *, both: bool) -> _Match:
    """The share of the target's weighted act words the text holds (both: of the shorter)."""
    shared = [s for s in target.act.words if s in text.words]
    denominator = w.total(target.act.words)
    if both:
        denominator = min(denominator, w.total(text.words))
    score = w.total(shared) / denominator if denominator else 0.0
    return _Match(score, shared, _runs(text.order, target.act.order))


def _why(m: _Match, text: Words, extra: list[str]) -> str:
    words = ", ".join(text.words.get(s, s) for s in m.shared)
    parts = [f"shared words: {words}" if words else "no shared words"]
    if m.runs:
        run = " ".join(text.words.get(s, s) for s in m.runs[0])
        parts.append(f"word run '{run}'")
    return "; ".join(parts + extra) + f" (score {m.score:.2f})"


@dataclass
class UpdateStub:
    """A dated update proposed for an earlier commitment that the new document reports on."""

    commitment: str
    date: date
    note: str
    source: str | None
    why: str

    def as_dict(self) -> dict[str, object]:
        # A date object of its own: ruamel.yaml writes a shared one as an anchor and alias.
        d: dict[str, object] = {"date": date.fromordinal(self.date.toordinal()), "note": self.note}
        if self.source:
            d["source"] = self.source
        d["draft"] = True
        return d


@dataclass(frozen=True)
class NewDocument:
    """The document being drafted, as the linker needs it."""

    id: str
    date: date
    url: str | None
    speakers: frozenset[str]  # the parties its "we" / "the sides" stand for (groups expanded)
    #: (paragraph as cited, sentence) for every sentence, in order
    sentences: tuple[tuple[int | str, str], ...]
    numbers: Mapping[int, str] = field(default_factory=dict)  # its own, by line: for the notes


class Proposal(Protocol):
    """What the linker reads of a proposed commitment and writes back (drafting's stubs)."""

    id: str
    quote: str
    paragraph: int | str
    parties: list[str]
    restates: str | None
    restates_why: str


def segments(sentence: str) -> list[tuple[str, str]]:
    """(how it reports, what it reports on) for each part of the sentence that reports on
    something done; none when it reports nothing."""
    found: list[tuple[str, str]] = []
    for m in _PRAISE.finditer(sentence):
        obj = m.group("object")
        end = _OBJECT_END.search(obj)
        obj = obj[: end.start()] if end else obj
        verb = " ".join(sentence[m.start() : m.start("object")].split())
        found.append((verb, obj.strip(" ,.")))
    if found:
        return found
    for part in sentence.split(";"):
        act = _PAST_ACT.search(part)
        if act is not None:
            found.append((" ".join(act.group(0).split()), part.strip(" ,.")))
    return found


def link(
    doc: NewDocument,
    proposals: list[Proposal],
    tracked: list[Tracked],
    groups: dict[str, list[str]] | None = None,
) -> list[UpdateStub]:
    """Set `restates` (and why) on the proposals that restate an earlier commitment; the updates
    proposed for the earlier commitments the document reports on."""
    groups = groups or {}
    earlier = [_Target.of(t) for t in tracked if t.source_date <= doc.date]
    if not earlier:
        return []
    texts = [read(s) for _, s in doc.sentences]
    pool = _Pool(earlier, Weights([*texts, *(t.act for t in earlier)]))
    sentence_of = _sentence_finder(doc)
    #: (target, sentence) -> the quote restating it: a report that holds that very clause is
    #: the restatement, already linked ("noted the significance of ... the approval of a
    #: programme at the upcoming summit").
    restating: dict[tuple[str, str], str] = {}
    for p in proposals:
        sentence = sentence_of(p)
        best = _restated(p, sentence, pool, groups)
        if best is not None:
            p.restates, p.restates_why = best.target, best.why
            restating[(best.target, sentence)] = " ".join(p.quote.split())
    updates: list[UpdateStub] = []
    seen: set[tuple[str, str]] = set()
    for where, sentence in doc.sentences:
        for verb, obj in segments(sentence):
            for found in _reported(doc, sentence, verb, obj, pool):
                quote = restating.get((found.target, sentence))
                if (found.target, sentence) in seen or (quote and quote in " ".join(obj.split())):
                    continue
                seen.add((found.target, sentence))
                cite = place_name(where, doc.numbers)
                note = f"In '{doc.id}' ({cite}): \u201c{' '.join(sentence.split())}\u201d"
                updates.append(UpdateStub(found.target, doc.date, note, doc.url, found.why))
    return updates


def _sentence_finder(doc: NewDocument) -> Callable[[Proposal], str]:
    def find(p: Proposal) -> str:
        quote = " ".join(p.quote.split())
        for where, sentence in doc.sentences:
            if where == p.paragraph and quote in " ".join(sentence.split()):
                return sentence
        return p.quote

    return find


def _expand(parties: Iterable[str], groups: dict[str, list[str]]) -> set[str]:
    out: set[str] = set()
    for p in parties:
        out |= (
            _expand(groups[p], {k: v for k, v in groups.items() if k != p}) if p in groups else {p}
        )
    return out


class _Pool:
    """The earlier commitments, with an index from each word to those whose act holds it: a
    text is compared only with the commitments it shares words with, and only those whose
    score can reach the lowest threshold are compared word run by word run."""

    def __init__(self, targets: list[_Target], w: Weights) -> None:
        self.w = w
        self.targets = targets
        self.totals = [w.total(t.act.words) for t in targets]
        self.index: dict[str, list[int]] = {}
        for i, t in enumerate(targets):
            for s in t.act.words:
                self.index.setdefault(s, []).append(i)

    def near(self, text: Words, *, both: bool, floor: float) -> list[tuple[_Target, float]]:
        """(target, score) for the targets whose score (see _match) is at least floor."""
        shared: dict[int, float] = {}
        for s in text.words:
            weight = self.w.of(s)
            for i in self.index.get(s, ()):
                shared[i] = shared.get(i, 0.0) + weight
        mine = self.w.total(text.words) if both else 0.0
        out: list[tuple[_Target, float]] = []
        for i in sorted(shared):
            denominator = min(self.totals[i], mine) if both else self.totals[i]
            score = shared[i] / denominator if denominator else 0.0
            if score >= floor:
                out.append((self.targets[i], score))
        return out


def _restated(p: Proposal, sentence: str, pool: _Pool, groups: dict[str, list[str]]) -> Link | None:
    clause = read(p.quote)
    mine = _expand(p.parties, groups)
    where = places_named(p.quote)
    best: Link | None = None
    floor = min(THRESHOLDS["restates"], THRESHOLDS["restates_named"])
    for target, _ in pool.near(clause, both=True, floor=floor):
        t = target.t
        if not mine & _expand(t.parties, groups) or _conflict(where, target.places):
            continue
        m = _match(clause, target, pool.w, both=True)
        named = _named_meeting(sentence, t)
        need = THRESHOLDS["restates_named" if named else "restates"]
        if m.score < need:
            continue
        extra = [named] if named else []
        extra.append("the same parties")
        why = f"restates '{t.id}' of source '{t.source}' ({t.source_date}): " + _why(
            m, clause, extra
        )
        rank = m.score + (1.0 if named else 0.0)
        if best is None or rank > best.score:
            best = Link("restates", t.id, rank, why, p.paragraph, sentence)
    return best


def _reported(doc: NewDocument, sentence: str, verb: str, obj: str, pool: _Pool) -> list[Link]:
    seg = read(obj)
    if _HELD.match(verb):
        seg.words.setdefault("hold", verb)
    if _ADOPTED.match(verb):
        seg.words.setdefault("adopt", verb)
    where = places_named(obj)
    found: list[Link] = []
    floor = min(THRESHOLDS["reports"], THRESHOLDS["reports_named"])
    held = bool(_HELD.match(verb) or re.search(r"\b(?:holding|results?|outcomes?)\b", verb, re.I))
    for target, _ in pool.near(seg, both=False, floor=floor):
        t = target.t
        named = _named_meeting(obj, t) or (_held_event(obj, target) if held else None)
        if not (named or doc.speakers & t.parties) or _conflict(where, target.places):
            continue
        m = _match(seg, target, pool.w, both=False)
        if m.score < THRESHOLDS["reports_named" if named else "reports"]:
            continue
        occasion = _names_occasion(seg, target, pool.w)
        if occasion is None:
            continue
        extra = [e for e in (named, occasion) if e]
        why = f"reports on '{t.id}' ('{verb}'): " + _why(m, seg, extra)
        found.append(Link("reports", t.id, m.score, why, 0, sentence, obj))
    return found


def _names_occasion(seg: Words, target: _Target, w: Weights) -> str | None:
    """How the report names the occasion the commitment holds (THRESHOLDS["names"]): None
    when it does not, "" when the commitment holds nothing with a name of its own."""
    if not target.name:
        return ""
    got = [s for s in target.name if s in seg.words]
    if w.total(got) < THRESHOLDS["names"] * w.total(target.name):
        return None
    return "names the occasion: " + ", ".join(seg.words[s] for s in got)


def _held_event(obj: str, target: _Target) -> str | None:
    """A commitment to hold an event is reported on where the event is named as held (or its
    holding, its results praised): "the 14th Meeting of Security Council Secretaries ... took
    place in Bishkek" reports on "hold the next meeting of the Secretaries in the Kyrgyz
    Republic", due at that meeting."""
    t = target.t
    if not t.event_title or not _HOLD.match(t.title):
        return None
    title = read(t.event_title)
    got = set(title.words) & set(read(obj).words)
    if len(title.words) >= 2 and len(got) >= 0.6 * len(title.words):
        return f"names the event it is due at ('{t.event_title}')"
    return None
