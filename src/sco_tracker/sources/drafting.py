"""A first reading of a new communiqué: commitment stubs and exclusion stubs (sco-tracker draft).

For each sentence with undertaking language (undertakings.py) a commitment stub: the sentence
as the verbatim quote, its paragraph, a strength from the verb, a guessed theme, the parties
named in the sentence, a due guessed from the dates and events it names. Every other sentence
gets an exclusion stub with a guessed reason. Every stub is marked `draft: true` for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sco_tracker.sources.sentences import sentence_at, split
from sco_tracker.sources.text import locate, paragraphs
from sco_tracker.sources.undertakings import Cue, find_cue

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = "(" + "|".join(m.capitalize() for m in MONTHS) + ")"
_S = r"\s+"

#: Member states: canonical party id -> words naming them (name, adjective, capital).
MEMBER_WORDS: dict[str, list[str]] = {
    "china": ["China", "Chinese", "People's Republic of China", "PRC"],
    "india": ["India", "Indian"],
    "kazakhstan": ["Kazakhstan", "Kazakh", "Kazakhstani"],
    "kyrgyzstan": ["Kyrgyzstan", "Kyrgyz", "Kyrgyz Republic"],
    "pakistan": ["Pakistan", "Pakistani"],
    "russia": ["Russia", "Russian", "Russian Federation"],
    "tajikistan": ["Tajikistan", "Tajik"],
    "uzbekistan": ["Uzbekistan", "Uzbek"],
}
#: Places that stand for a member state when a meeting is to be held there (the host leads).
PLACES: dict[str, str] = {
    "Beijing": "china",
    "Qingdao": "china",
    "Shanghai": "china",
    "New Delhi": "india",
    "Astana": "kazakhstan",
    "Almaty": "kazakhstan",
    "Bishkek": "kyrgyzstan",
    "Cholpon-Ata": "kyrgyzstan",
    "Islamabad": "pakistan",
    "Moscow": "russia",
    "Ufa": "russia",
    "Dushanbe": "tajikistan",
    "Tashkent": "uzbekistan",
    "Samarkand": "uzbekistan",
}
#: SCO bodies: party id -> words naming them.
BODY_WORDS: dict[str, list[str]] = {
    "sco-secretariat": ["SCO Secretariat", "Secretariat", "Secretary-General", "Secretary General"],
    "rats": ["Regional Anti-Terrorist Structure", "Regional Anti-Terrorism Structure", "RATS"],
}
_COLLECTIVE = re.compile(
    r"\b(the\s+sides|they|the\s+parties|those\s+present|heads\s+of\s+delegations?|"
    r"member[\s-]+states|the\s+officials|the\s+secretaries|the\s+ministers|the\s+leaders)\b",
    re.IGNORECASE,
)

#: (theme, pattern): the first that matches the sentence names its theme.
THEMES: list[tuple[str, str]] = [
    ("Youth and the prevention of extremism", r"\byoung\b|\byouth\b"),
    ("Drugs", r"\bdrugs?\b|\bnarcotic"),
    ("Afghanistan", r"\bAfghan"),
    ("Regional conflicts", r"\bSyria|\bIran|\bUkraine|\bKorea|\bMiddle East|\bLibya|\bYemen"),
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
class EventStub:
    id: str
    title: str
    place: str | None = None


@dataclass
class CommitmentStub:
    id: str
    title: str
    source: str
    paragraph: int
    quote: str
    theme: str
    parties: list[str]
    strength: str
    kind: str
    due: str | None = None
    review_every: str | None = None
    lead: str | None = None
    sentence: int = 1

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
        if self.due is not None:
            d["due"] = self.due
        if self.review_every is not None:
            d["review_every"] = self.review_every
        d["status"] = "planned"
        d["draft"] = True
        return d


@dataclass
class ExclusionStub:
    source: str
    paragraph: int
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
    }
    kept = [w for w in words if w not in stop][:max_words] or ["commitment"]
    return "-".join(kept)


def guess_theme(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    for theme, pattern in THEMES:
        if re.search(pattern, sentence, re.IGNORECASE):
            return theme
    return "General"


def guess_reason(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    for reason, pattern in REASONS:
        if re.search(pattern, sentence, re.IGNORECASE):
            return reason
    return "other"


def _words_re(words: list[str]) -> re.Pattern[str]:
    alts = sorted(words, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
        + r")(?![\w-])"
    )


def guess_parties(sentence: str, cue: Cue, known: dict[str, str]) -> tuple[list[str], str | None]:
    """(parties, lead). known maps party ids in the project to their kind.

    The subject (the words before the undertaking wording) decides: named member states or SCO
    bodies there are the parties; a collective subject ("the sides", "they") means all members.
    A meeting to be held in a member state's capital or city makes that state the lead.
    """
    members = [pid for pid, kind in known.items() if kind == "member_state"]
    subject = sentence[: cue.start]
    named: list[str] = []
    for pid, words in {**MEMBER_WORDS, **BODY_WORDS}.items():
        if pid in known and _words_re(words).search(subject):
            named.append(pid)
    if named and not _COLLECTIVE.search(subject):
        parties = named
    else:
        parties = members + [p for p in named if p not in members]
    lead: str | None = None
    rest = sentence[cue.start :]
    if re.search(r"\b(hold|host|convene|organi[sz]e)\b", rest, re.IGNORECASE):
        for place, pid in PLACES.items():
            if re.search(rf"\bin\s+{re.escape(place)}\b", rest) and pid in parties:
                lead = pid
                break
        if lead is None:
            for pid, words in MEMBER_WORDS.items():
                if pid in parties and re.search(
                    r"\bin\s+(?:the\s+)?(?:" + "|".join(re.escape(w) for w in words) + r")\b", rest
                ):
                    lead = pid
                    break
    return parties or members, lead


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
    m = re.search(
        rf"\b(summit|meeting{_S}of{_S}the{_S}SCO{_S}Council{_S}of{_S}Heads{_S}of{_S}State)"
        rf"{_S}in{_S}([A-Z][\w-]+)",
        sentence,
    )
    if m:
        place = m.group(2)
        event_id = f"{slugify(place, 3)}-summit"
        if event_id in events:
            return event_id, None
        for eid, eplace in events.items():
            if eplace and place.lower() in eplace.lower() and "summit" in eid:
                return eid, None
        return event_id, EventStub(event_id, f"{place} summit", place)
    return None, None


def _title(sentence: str, cue: Cue) -> str:
    rest = sentence[cue.end :].strip()
    rest = re.sub(
        r"^(?:the\s+)?(?:continuation|adoption|approval)\s+of\s+", lambda m: m.group(0), rest
    )
    rest = re.sub(r"\s+", " ", rest).rstrip(".")
    if not rest:
        rest = sentence.strip().rstrip(".")
    title = rest[0].upper() + rest[1:]
    if len(title) > 100:
        title = title[:100].rsplit(" ", 1)[0] + "…"
    return title


def draft(
    text: str,
    source_id: str,
    *,
    parties: dict[str, str],
    events: dict[str, str | None] | None = None,
    taken_ids: set[str] | None = None,
) -> Draft:
    """Stubs for every sentence of the text (one paragraph per line).

    parties: party id -> kind, as in the project; events: event id -> place; taken_ids: the
    commitment ids already in use.
    """
    events = dict(events or {})
    taken = set(taken_ids or ())
    result = Draft(source_id)
    for n, para in enumerate(paragraphs(text), start=1):
        sentences = split(para)
        for s in sentences:
            cue = find_cue(s.text)
            if cue is None:
                reason = guess_reason(s.text)
                note = (
                    "Guessed by sco-tracker draft: say why this is not a commitment."
                    if reason == "other"
                    else None
                )
                quote = " ".join(s.text.split()) if len(sentences) > 1 else None
                result.exclusions.append(ExclusionStub(source_id, n, quote, reason, note, s.index))
                continue
            who, lead = guess_parties(s.text, cue, parties)
            due, new_event = guess_due(s.text, events)
            if new_event is not None:
                events[new_event.id] = new_event.place
                result.events.append(new_event)
            title = _title(s.text, cue)
            base = slugify(title)
            cid, k = base, 2
            while cid in taken:
                cid, k = f"{base}-{k}", k + 1
            taken.add(cid)
            stub = CommitmentStub(
                id=cid,
                title=title,
                source=source_id,
                paragraph=n,
                quote=" ".join(
                    s.text.split()
                ),  # no-break spaces as plain ones: quotes forgive spacing
                theme=guess_theme(s.text),
                parties=who,
                strength=cue.strength,
                kind="deliverable" if due else "continuous",
                due=due,
                review_every=None if due else "1 year",
                lead=lead,
                sentence=s.index,
            )
            result.commitments.append(stub)
    return result


def guess_source_date(text: str) -> date | None:
    """The last date named in the first paragraph ("on 21-22 May 2018" -> 2018-05-22)."""
    first = paragraphs(text)[0] if text.strip() else ""
    found = None
    for m in re.finditer(
        rf"\b(\d{{1,2}})(?:\s*[-–]\s*(\d{{1,2}}))?{_S}{_MONTH}{_S}(\d{{4}})\b", first
    ):
        day = int(m.group(2) or m.group(1))
        try:
            found = date(int(m.group(4)), MONTHS[m.group(3).lower()], day)
        except ValueError:
            continue
    return found


def recall_precision(
    stubs: list[CommitmentStub], curated: list[Any], paras: list[str]
) -> dict[str, Any]:
    """Recall: share of curated commitments whose quote's sentence a stub's quote overlaps.
    Precision: share of stubs whose sentence holds (part of) a curated commitment's quote."""

    def sentence_keys(paragraph: int, quote: str) -> set[tuple[int, int]]:
        para = paras[paragraph - 1]
        span = locate(quote, para)
        if span is None:
            return set()
        return {(paragraph, s.index) for s in sentence_at(split(para), *span)}

    stub_keys = {k for st in stubs for k in sentence_keys(st.paragraph, st.quote)}
    curated_keys = {c.id: sentence_keys(c.paragraph, c.quote) for c in curated}
    recalled = [cid for cid, keys in curated_keys.items() if keys & stub_keys]
    missed = [cid for cid in curated_keys if cid not in recalled]
    all_curated = set().union(*curated_keys.values()) if curated_keys else set()
    correct = [st for st in stubs if sentence_keys(st.paragraph, st.quote) & all_curated]
    wrong = [st for st in stubs if st not in correct]
    return {
        "curated": len(curated),
        "recalled": len(recalled),
        "recall": len(recalled) / len(curated) if curated else 1.0,
        "missed": missed,
        "stubs": len(stubs),
        "correct_stubs": len(correct),
        "precision": len(correct) / len(stubs) if stubs else 1.0,
        "false_stubs": [(st.paragraph, st.sentence, st.quote) for st in wrong],
    }
