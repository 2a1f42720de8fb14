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

from sco_tracker.sources.intake.dateline import MASTHEAD_NOTES, masthead
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
    slugify,
)
from sco_tracker.sources.proposals import (
    guess_source_date as _source_date,
)
from sco_tracker.sources.sentences import split
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


#: The speakers of a resolution: the body named once at its top ("The General Assembly,").
_BODY = re.compile(
    r"^\s*The\s+((?:General\s+Assembly|Security\s+Council|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}))"
    r"\s*,?\s*$"
)
#: Or the "we" of a declaration: "We, the Heads of State and Government ..., " /
#: "1. We, the States Members of the United Nations,".
_WE = re.compile(r"^\s*(?:\d{1,3}\.\s+)?We,\s+(?:the\s+)?([^,;]{3,120}?)\s*,")
_UN_HEADER = re.compile(r"^\s*United Nations\b")


@dataclass
class PartyStub:
    """A party the drafts name that the file does not have yet (the document's speaker)."""

    id: str
    name: str
    kind: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "draft": True}


@dataclass
class _Speakers:
    """Who the document's "we" / "the sides" / implicit subject stands for."""

    parties: list[str]
    group: str | None = None  # a party group id, when the speakers are a group
    new: PartyStub | None = None  # the speaker, proposed as a new party
    #: Nobody is named as speaking: the file's member States are taken as the speakers.
    guessed: bool = False


def _speaker_name(lines: list[str]) -> tuple[str, str] | None:
    """The speaker named at the top of the document, as written, and its kind."""
    un = any(_UN_HEADER.match(line) for line in lines[:5])
    for line in lines[:60]:
        body = _BODY.match(line)
        if body and re.search(r"\b(?:Assembly|Council)\b", body.group(1)):
            name = " ".join(body.group(1).split())
            if un and not name.startswith("United Nations"):
                name = f"United Nations {name}"
            return name, "body"
        we = _WE.match(line)
        if we:
            name = " ".join(we.group(1).split())
            states = re.search(r"\bStates\b|\bHeads of State\b", name)
            return name, "group_of_states" if states else "body"
    return None


def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.casefold().removeprefix("the ")).strip()


def _speakers(
    text: str, known: dict[str, str], groups: dict[str, list[str]], names: dict[str, str]
) -> _Speakers:
    members = [pid for pid, kind in known.items() if kind == "member_state"]
    found = _speaker_name(paragraphs(text))
    if found is not None:
        name, kind = found
        if members and re.search(r"\bSCO\b|Shanghai Cooperation Organi[sz]ation", name):
            return _Speakers(members)  # "We, the Heads of State of the SCO member states"
        want = {_plain(name), _plain(name.removeprefix("United Nations "))}
        for pid in known:
            if _plain(names.get(pid, "")) in want or _plain(pid) in want:
                return _Speakers([pid])
        for gid in groups:
            if _plain(gid) in want:
                return _Speakers([gid], gid)
        stub = PartyStub(slugify(name), name, kind)
        return _Speakers([stub.id], new=stub)
    for gid, ids in groups.items():
        if sorted(ids) == sorted(members):
            return _Speakers([gid], gid, guessed=True)
    return _Speakers(members, guessed=bool(members))


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _forms(pid: str, name: str) -> set[str]:
    """The ways a text names a party: its name, without a leading article or the
    parenthesised acronym ("SCO Regional Anti-Terrorist Structure (RATS)" -> "SCO Regional
    Anti-Terrorist Structure"), without "SCO" for a long name, the acronym itself ("RATS") and
    its id's words."""
    plain = _ARTICLE.sub("", re.sub(r"\s*\(.*?\)", "", name)).strip()
    short = re.sub(r"^(?:SCO\s+)", "", plain) if len(plain.split()) > 2 else plain
    acronyms = re.findall(r"\(([^()]+)\)", name)
    return {f for f in {name, plain, short, pid.replace("-", " "), *acronyms} if f}


def _named(subject: str, names: dict[str, str]) -> list[str]:
    """The parties of the file that a subject names ("Russia and China")."""
    found: list[tuple[int, str]] = []
    for pid, name in names.items():
        for word in sorted(_forms(pid, name), key=len, reverse=True):
            m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", subject, re.IGNORECASE)
            if m:
                found.append((m.start(), pid))
                break
    return sorted({pid for _, pid in found})


def _exactly(who: str, names: dict[str, str]) -> str | None:
    """The party whose name the words are, a leading article aside ("the SCO Regional
    Anti-Terrorist Structure", "the RATS")."""
    plain = " ".join(_ARTICLE.sub("", who.strip()).split()).casefold()
    for pid, name in names.items():
        if plain in {f.casefold() for f in _forms(pid, name)}:
            return pid
    return None


_COLLECTIVE = re.compile(r"^(?:we|they|the\s+sides|the\s+parties|both\s+sides)$", re.IGNORECASE)


def parties_of(clause: Clause, speakers: _Speakers, names: dict[str, str]) -> list[str]:
    """The parties that make the undertaking: those the subject names, else the speakers."""
    if clause.subject and not _COLLECTIVE.match(clause.subject):
        named = _named(clause.subject, names)
        if named:
            return named
    return list(speakers.parties)


def addressees_of(clause: Clause, names: dict[str, str]) -> list[str]:
    """Who is asked to act: a party id when the file has it, else the name as written."""
    out: list[str] = []
    asked, i = list(clause.addressees), 0
    while i < len(asked):
        # a name with "and" in it ("Conference on Interaction and Confidence-Building ..."),
        # split in two by the grammar, is one party
        j = next(
            (j for j in range(len(asked), i + 1, -1) if _exactly(" and ".join(asked[i:j]), names)),
            i + 1,
        )
        who, i = " and ".join(asked[i:j]), j
        exact = _exactly(who, names)
        ids = [exact] if exact else _named(who, names)
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
    names = dict(party_names or {})
    speakers = _speakers(text, parties, dict(party_groups or {}), names)
    result = Draft(source_id, speakers=list(speakers.parties), speakers_guessed=speakers.guessed)
    if speakers.new is not None:
        result.parties.append(speakers.new)
    theme: str | None = None
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
            if not found:
                reason, note = _why_not(s.text)
                quote = " ".join(s.text.split()) if len(sentences) > 1 else None
                result.exclusions.append(
                    ExclusionStub(source_id, where, quote, reason, note, s.index)
                )
                continue
            # the document's headings say what its parts are about; the keyword map guesses
            # only for a text without them
            theme = heading or guess_theme(s.text, theme or doc_title)
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
    speakers: _Speakers,
    names: dict[str, str],
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
        lead=_lead(c.text, who, names),
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
    """The last date named in the first paragraph ("on 21-22 May 2018" -> 2018-05-22)."""
    first = paragraphs(text)[0] if text.strip() else ""
    return _source_date(first)
