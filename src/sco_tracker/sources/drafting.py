"""A first reading of a new document: commitment stubs and exclusion stubs (sco-tracker draft).

Each undertaking that undertakings.clauses finds in a sentence gets a commitment stub: its
clause as the verbatim quote, its paragraph, the strength as written (in the present), a title
in the imperative, a theme (the document's heading above it, else a keyword, else the previous
theme), the parties the subject stands for, the addressees asked to act, a due from the text
(or `unspecified`) and why it was proposed. Every sentence without one gets an exclusion stub with a
guessed reason. Every stub is marked `draft: true` for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sco_tracker.sources.intake.dateline import MASTHEAD_NOTES, front, masthead
from sco_tracker.sources.intake.dates import document_date
from sco_tracker.sources.linking import UpdateStub
from sco_tracker.sources.paragraphs import labels
from sco_tracker.sources.proposals import (
    _MONTH,
    EventStub,
    guess_due,
    guess_theme,
    is_theme_heading,
    kind_of,
    recurrence,
    situation_place,
    slugify,
)
from sco_tracker.sources.sentences import split
from sco_tracker.sources.speakers import Names, PartyStub, Speakers, speakers_of_text
from sco_tracker.sources.text import paragraphs
from sco_tracker.sources.titles import title_of
from sco_tracker.sources.undertakings import Clause, clauses
from sco_tracker.spec.vocabulary import DRAFT_EXCLUSION_NOTE

__all__ = ["Draft", "EventStub", "draft", "guess_due", "guess_theme", "slugify"]

#: (reason, pattern) for the sentences without undertaking language.
REASONS: list[tuple[str, str]] = [
    (
        "attendance",
        (
            r"\battended\b|\bwas attended by\b|\bdelegations? (?:was|were) led\b|\bmet "
            r"with\b|\btook part\b|\bparticipated\b|\bwelcomed (?:the )?delegat"
        ),
    ),
    (
        "praise_of_past_event",
        (
            r"\bpraised\b|\bcommended\b|\bpositively assessed\b|\bhighly "
            r"(?:appreciated|assessed)\b|\bhigh assessment\b|\bwelcomed\b|\bnoted the "
            r"(?:results|outcome)\b|\bimportance of the "
            r"results\b|\(\w[\w\s-]*,\s*\d{1,2}(?:-\d{1,2})?\s+"
        )
        + _MONTH
        + r"\s+\d{4}\)",
    ),
    (
        "procedural",
        (
            r"\bwas held\b|\btook place\b|\bwas chaired\b|\bchaired "
            r"by\b|\batmosphere\b|\bprotocol\b|\bwas "
            r"signed\b|\bsigned\b|\bthanked\b|\bhospitality\b|\breports?\b|\bexchanged "
            r"views\b|\bdiscussed\b|\bfocused on\b|\bagenda\b"
        ),
    ),
    (
        "description_of_situation",
        (
            r"\bstated\b|\bnoted that\b|\bstressed that\b|\bit was "
            r"stressed\b|\bthreat|\bchallenge|\bsituation\b|\bis\b|\bare\b|\bwas\b|\bwere\b|"
            r"\bhave\b|\bhas\b"
        ),
    ),
]


@dataclass
class CommitmentStub:
    id: str
    title: str
    source: str
    paragraph: int | str
    quote: str
    theme: str
    parties: list[str]
    strength: str
    kind: str
    due: str | None = None
    review_every: str | None = None
    lead: str | None = None
    sentence: int = 1
    addressees: list[str] = field(default_factory=list)
    why: str = ""
    restates: str | None = None  # an earlier commitment it restates (sources/linking.py)
    restates_why: str = ""

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "paragraph": self.paragraph,
            "quote": self.quote,
            "theme": self.theme,
            "parties": list(self.parties),
        }
        if self.lead:
            d["lead"] = self.lead
        d["strength"] = self.strength
        d["kind"] = self.kind
        if self.addressees:
            d["addressees"] = list(self.addressees)
        if self.due is not None:
            d["due"] = self.due
        if self.review_every is not None:
            d["review_every"] = self.review_every
        d["status"] = "planned"
        d["draft"] = True
        if self.restates is not None:
            d["restates"] = self.restates
        return d


@dataclass
class ExclusionStub:
    source: str
    paragraph: int | str
    quote: str | None
    reason: str
    note: str | None = None
    sentence: int = 1

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"source": self.source, "paragraph": self.paragraph}
        if self.quote is not None:
            d["quote"] = self.quote
        d["reason"] = self.reason
        if self.note:
            d["note"] = self.note
        d["draft"] = True
        return d


@dataclass
class Draft:
    source_id: str
    commitments: list[CommitmentStub] = field(default_factory=list)
    exclusions: list[ExclusionStub] = field(default_factory=list)
    events: list[EventStub] = field(default_factory=list)
    #: group id -> parties, for groups the drafts name that the project does not have yet
    party_groups: dict[str, list[str]] = field(default_factory=dict)
    #: the parties the drafts name that the project does not have yet (marked draft)
    parties: list[PartyStub] = field(default_factory=list)
    #: who the document's "we" / "the sides" / implicit subject stands for
    speakers: list[str] = field(default_factory=list)
    #: dated updates proposed for earlier commitments it reports on (sources/linking.py)
    updates: list[UpdateStub] = field(default_factory=list)
    #: nobody is named as speaking in the text: the speakers are the file's member States
    speakers_guessed: bool = False


def guess_reason(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    for reason, pattern in REASONS:
        if re.search(pattern, sentence, re.IGNORECASE):
            return reason
    return "other"


_COLLECTIVE = re.compile(r"^(?:we|they|the\s+sides|the\s+parties|both\s+sides)$", re.IGNORECASE)


def parties_of(clause: Clause, speakers: Speakers, names: Names) -> list[str]:
    """The parties that make the undertaking: those the subject names, else the speakers."""
    if clause.subject and not _COLLECTIVE.match(clause.subject):
        named = names.named(clause.subject)
        if named:
            return named
    return list(speakers.parties)


def addressees_of(clause: Clause, names: Names) -> list[str]:
    """Who is asked to act: a party id when the file has it, else the name as written."""
    out: list[str] = []
    asked, i = list(clause.addressees), 0
    while i < len(asked):
        # a name with "and" in it ("Conference on Interaction and Confidence-Building ..."),
        # split in two by the grammar, is one party
        j = next(
            (j for j in range(len(asked), i + 1, -1) if names.exactly(" and ".join(asked[i:j]))),
            i + 1,
        )
        who, i = " and ".join(asked[i:j]), j
        exact = names.exactly(who)
        ids = [exact] if exact else names.named(who)
        out.extend(ids if exact or (len(ids) == 1 and len(who.split()) <= 4) else [who])
    return out


def draft(
    text: str,
    source_id: str,
    *,
    parties: dict[str, str],
    events: dict[str, str | None] | None = None,
    taken_ids: set[str] | None = None,
    party_names: dict[str, str] | None = None,
    party_groups: dict[str, list[str]] | None = None,
    title: str | None = None,
) -> Draft:
    """Stubs for every sentence of the text (one paragraph per line).

    parties: party id -> kind, as in the project; party_names: party id -> name; party_groups:
    group id -> party ids; events: event id -> place; taken_ids: the commitment ids in use;
    title: the document's title (the theme where no heading or keyword gives one).
    """
    events = dict(events or {})
    taken = set(taken_ids or ())
    names = Names(dict(party_names or {}), parties)
    speakers = speakers_of_text(paragraphs(text), parties, dict(party_groups or {}), names)
    result = Draft(source_id, speakers=list(speakers.parties), speakers_guessed=speakers.guessed)
    if speakers.new is not None:
        result.parties.append(speakers.new)
    theme: str | None = None
    places: list[str] = []  # the places of the situations spoken of so far (themes)
    heading: str | None = None  # the document's own heading over what follows, when it has one
    lines = paragraphs(text)
    doc_title = _document_title(lines, title)
    # Cite the document's own number where it prints one ("5", "13 (a)"), else the line.
    cite: dict[int, int | str] = {n: label for label, n in labels(lines).items()}
    # the letterhead, the label, the title and the dateline: neither themes nor undertakings
    top = masthead(lines, title or doc_title)
    for n, para in enumerate(lines, start=1):
        where = cite.get(n, n)
        if n - 1 in top:
            kind = MASTHEAD_NOTES[top[n - 1]]
            result.exclusions.append(ExclusionStub(source_id, where, None, "procedural", kind))
            continue
        if is_theme_heading(para, title or doc_title):
            heading = " ".join(para.split())
        sentences = split(para)
        for s in sentences:
            found = clauses(s.text)
            place = situation_place(s.text)  # a place the document speaks of: a theme
            if place and place not in places:
                places.append(place)
            if not found:
                reason, note = _why_not(s.text)
                quote = " ".join(s.text.split()) if len(sentences) > 1 else None
                result.exclusions.append(
                    ExclusionStub(source_id, where, quote, reason, note, s.index)
                )
                continue
            # the document's headings say what its parts are about; the keyword map guesses
            # only for a text without them
            theme = heading or guess_theme(s.text, theme or doc_title, places)
            for c in found:
                result.commitments.append(
                    _stub(
                        c,
                        s.text,
                        s.index,
                        where,
                        source_id,
                        theme,
                        speakers,
                        names,
                        events,
                        taken,
                        result,
                    )
                )
    return result


def _stub(
    c: Clause,
    sentence: str,
    index: int,
    paragraph: int | str,
    source_id: str,
    theme: str,
    speakers: Speakers,
    names: Names,
    events: dict[str, str | None],
    taken: set[str],
    result: Draft,
) -> CommitmentStub:
    due, new_event = guess_due(c.text, events)
    if due is None:
        due, new_event = guess_due(sentence, events)
    if new_event is not None:
        events[new_event.id] = new_event.place
        result.events.append(new_event)
    kind = kind_of(c, due)
    review = None if kind == "deliverable" else "1 year"
    why = c.why
    every = recurrence(c.text)
    if every is not None:  # "by 30 April annually": no one-off due date; reviewed as often
        kind, review = "continuous", every
        why += (
            f"; recurring (every {every.removeprefix('1 ')}): drafted as continuous, "
            f"review_every {every}, not a one-off due date"
        )
    title = title_of(c)
    base = slugify(title)
    cid, k = base, 2
    while cid in taken:
        cid, k = f"{base}-{k}", k + 1
    taken.add(cid)
    who = parties_of(c, speakers, names)
    return CommitmentStub(
        id=cid,
        title=title,
        source=source_id,
        paragraph=paragraph,
        quote=" ".join(c.text.split()),  # no-break spaces as plain ones: quotes forgive spacing
        theme=theme,
        parties=who,
        strength=c.strength,
        kind=kind,
        due=due if kind == "deliverable" else None,
        review_every=review,
        lead=_lead(c.text, who, names.names),
        sentence=index,
        addressees=addressees_of(c, names),
        why=why,
    )


_TITLE_LINE = re.compile(r"^\s*\d{1,3}/\d{1,4}\.\s+(\S.*)$")


def _document_title(lines: list[str], given: str | None) -> str | None:
    """The title given, when it reads as one (not a symbol like 'A/RES/80/16'), else the one
    printed under the resolution's number ("80/16. Open-ended ...")."""
    if given and " " in given.strip():
        return " ".join(given.split()).rstrip(" :;,")
    for line in lines[:15]:
        m = _TITLE_LINE.match(line)
        if m:
            return " ".join(m.group(1).split()).rstrip(" :;,")
    return None


def _why_not(sentence: str) -> tuple[str, str | None]:
    """The reason (and note) proposed for a sentence that holds no undertaking."""
    text = sentence.rstrip()
    if text.endswith(","):
        return "other", (
            "A preambular paragraph (or the body's name): it gives the reasons for the acts "
            "that follow and holds no undertaking."
        )
    reason = guess_reason(sentence)
    if reason == "other":
        return reason, DRAFT_EXCLUSION_NOTE
    return reason, None


def _lead(text: str, parties: list[str], names: dict[str, str]) -> str | None:
    """A meeting to be held in a party's country makes that party the lead."""
    if len(parties) < 2 or not re.search(r"\b(hold|host|convene|organi[sz]e)\b", text, re.I):
        return None
    for pid in parties:
        name = names.get(pid)
        if name and re.search(rf"\bin\s+(?:the\s+)?{re.escape(name)}\b", text):
            return pid
    return None


def guess_source_date(text: str) -> date | None:
    """The document's date as `import` finds it: a press release's dateline ("BEIJING, 22 May
    2018 —"), a line that dates the document ("Resolution adopted by the General Assembly on 1
    December 2025"), else the last date of its first paragraphs ("held in Beijing on 21-22 May
    2018" -> 2018-05-22)."""
    lines = paragraphs(text) if text.strip() else []
    return document_date(None, lines, front(lines))[0]
