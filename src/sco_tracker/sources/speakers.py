"""Who speaks in a document, and which of the file's parties its words name (sco-tracker draft).

The speaker is named once at the top: the body of a resolution ("The General Assembly,") or
the "we" of a declaration ("We, the Heads of State or Government of the ASEAN Member States,").
When the speaker is the member states of an organisation, or their heads of state or
government, ministers or leaders, the grammar says so whatever the organisation: "the member
states of X", "the States Members of X", "the X member states", "the X countries", "the
Ministers of Foreign Affairs of the X countries", "the X Foreign Ministers", "the Heads of State
and Government of X". Such a speaker is

- the file's party group named after X ("brics-members" for "the BRICS countries"), if it has
  one;
- else the file's member states, when X is the file's own organisation: the one whose bodies
  the file tracks (the organisation that its `sco_body` parties' names start with: "SCO" for
  "SCO Secretariat"), else the organisation the file names most, if one is named more than
  the others (as a party of kind `international_organization`, or at the start of its other
  bodies' names: "ASEAN" for "ASEAN Secretariat"); an acronym and the name it stands for are
  one organisation ("SCO", "Shanghai Cooperation Organisation"; "ASEAN", "Association of
  Southeast Asian Nations");
- the state itself when X is a state of the file ("the Government of Kazakhstan").

Anything else (an organ, "the Council of Foreign Ministers"; another organisation's members,
"the States Members of the United Nations" in a file of the SCO; a file that names no
organisation) is proposed as a new draft party, for the analyst to review.

A text names a party by its name, without a leading article or a parenthesised acronym; by the
acronym ("RATS"); by its id's words; and, for a long name, without the organisation it starts
with ("Regional Anti-Terrorist Structure" for "SCO Regional Anti-Terrorist Structure",
"Peace and Security Council" for "AU Peace and Security Council"): a leading acronym in
capitals, or the name of an organisation of the file. What is left keeps at least two words: "the
Secretariat" or "the Commission" alone may be any organisation's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sco_tracker.sources.proposals import slugify

#: The kinds of party that are states.
STATE_KINDS = frozenset({"member_state", "observer_state", "dialogue_partner", "state"})
#: The kinds of party that are an organisation's bodies, or the organisation itself.
_ORGAN_KINDS = frozenset({"sco_body", "body", "international_organization", "other"})


@dataclass
class PartyStub:
    """A party the drafts name that the file does not have yet (the document's speaker)."""

    id: str
    name: str
    kind: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "draft": True}


@dataclass
class Speakers:
    """Who the document's "we" / "the sides" / implicit subject stands for."""

    parties: list[str]
    group: str | None = None  # a party group id, when the speakers are a group
    new: PartyStub | None = None  # the speaker, proposed as a new party
    #: Nobody is named as speaking: the file's member States are taken as the speakers.
    guessed: bool = False


# --- The names of the file's parties ------------------------------------------------------------

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
#: A leading acronym in capitals: "SCO", "ASEAN", "AU" (never "SCO-Afghanistan ...").
_LEADING_ACRONYM = re.compile(r"^([A-Z][A-Z0-9&]{1,9})\s+(?=\S)")


def _plain_name(name: str) -> str:
    """The name without its parenthesised acronym or a leading article."""
    return " ".join(_ARTICLE.sub("", re.sub(r"\s*\(.*?\)", "", name)).split())


def _organisation_at_start(name: str, organisations: list[str]) -> str | None:
    """The organisation a name starts with: an organisation of the file ("African Union
    Commission") or an acronym in capitals ("AU Peace and Security Council")."""
    for org in organisations:  # longest first
        if name.casefold().startswith(org.casefold() + " ") and len(name) > len(org) + 1:
            return name[: len(org)]
    m = _LEADING_ACRONYM.match(name)
    return m.group(1) if m else None


class Names:
    """The file's parties as a text names them, and the organisation the file is about."""

    def __init__(self, names: dict[str, str], kinds: dict[str, str] | None = None) -> None:
        self.names = dict(names)
        self.kinds = dict(kinds or {})
        #: the names and acronyms of the organisations that are parties of the file
        self.organisations = sorted(
            {
                form
                for pid, name in self.names.items()
                if self.kinds.get(pid) == "international_organization"
                for form in (_plain_name(name), *re.findall(r"\(([^()]+)\)", name))
                if form
            },
            key=len,
            reverse=True,
        )
        self.forms = {pid: self._forms(pid, name) for pid, name in self.names.items()}
        self._folded = {pid: {f.casefold() for f in forms} for pid, forms in self.forms.items()}
        self._patterns = {
            pid: re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                + r")(?![\w-])",
                re.IGNORECASE,
            )
            for pid, forms in self.forms.items()
        }

    def _forms(self, pid: str, name: str) -> set[str]:
        plain = _plain_name(name)
        forms = {name, plain, pid.replace("-", " "), *re.findall(r"\(([^()]+)\)", name)}
        org = _organisation_at_start(plain, self.organisations)
        rest = plain[len(org) :].strip() if org else ""
        if org and len(rest.split()) >= 2:  # "Secretariat" alone may be any organisation's
            forms.add(rest)  # "Peace and Security Council"
            # "AU Peace and Security Council" for "African Union Peace and Security Council"
            forms.update(f"{o} {rest}" for o in self.organisations if same_organisation(o, org))
        return {f for f in forms if f}

    def named(self, words: str) -> list[str]:
        """The parties of the file that the words name ("Russia and China")."""
        return sorted(pid for pid, pattern in self._patterns.items() if pattern.search(words))

    def exactly(self, words: str) -> str | None:
        """The party whose name the words are, a leading article aside ("the RATS")."""
        plain = " ".join(_ARTICLE.sub("", words.strip()).split()).casefold()
        return next((pid for pid, forms in self._folded.items() if plain in forms), None)

    def home(self) -> list[str]:
        """The names of the organisation whose member states the file's `member_state` parties
        are: the one its `sco_body` parties' names start with, else the one it names most (as
        a party, or at the start of its bodies' names); none when the file does not say."""
        own = [
            org
            for pid, name in self.names.items()
            if self.kinds.get(pid) == "sco_body"
            for org in [_organisation_at_start(_plain_name(name), self.organisations)]
            if org
        ]
        if own:
            return own + [
                o for o in self.organisations if any(same_organisation(o, x) for x in own)
            ]
        named: list[list[str]] = []  # the organisations named, each with its names
        for org in [
            *self.organisations,
            *(
                _organisation_at_start(_plain_name(name), self.organisations)
                for pid, name in self.names.items()
                if self.kinds.get(pid) in _ORGAN_KINDS
            ),
        ]:
            if not org:
                continue
            same = next((n for n in named if same_organisation(n[0], org)), None)
            if same is None:
                named.append([org])
            else:
                same.append(org)
        named.sort(key=len, reverse=True)
        # the organisation named most (its bodies, itself), if one is named more than the others
        if named and (len(named) == 1 or len(named[0]) > len(named[1])):
            return named[0]
        return []


def acronym_of(short: str, name: str) -> bool:
    """Whether the capitals are an acronym of the name: each of its capitalised words gives its
    initial, and may give more of its letters in order ("ASEAN": Association of SouthEast Asian
    Nations; "SCO": Shanghai Cooperation Organisation)."""
    letters = short.casefold()
    words = [w.casefold() for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()]
    if not short.isupper() or not letters.isalpha() or len(words) < 2:
        return False

    def fits(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        if i == len(letters) or letters[i] != words[j][0]:
            return False
        for k in range(i + 1, len(letters) + 1):  # letters[i+1:k] taken from inside words[j]
            if _subsequence(letters[i + 1 : k], words[j][1:]) and fits(k, j + 1):
                return True
        return False

    return fits(0, 0)


def _subsequence(part: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in part)


def same_organisation(a: str, b: str) -> bool:
    """Two names of one organisation: the same words, or an acronym and its name."""
    x, y = " ".join(_plain_name(a).split()), " ".join(_plain_name(b).split())
    return x.casefold() == y.casefold() or acronym_of(x, y) or acronym_of(y, x)


# --- Who speaks -------------------------------------------------------------------------------

#: The speakers of a resolution: the body named once at its top ("The General Assembly,").
_BODY = re.compile(
    r"^\s*The\s+((?:General\s+Assembly|Security\s+Council|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}))"
    r"\s*,?\s*$"
)
#: Or the "we" of a declaration: "We, the Heads of State and Government ..., " /
#: "1. We, the States Members of the United Nations,".
_WE = re.compile(r"^\s*(?:\d{1,3}\.\s+)?We,\s+(?:the\s+)?([^,;]{3,120}?)\s*,")
_UN_HEADER = re.compile(r"^\s*United Nations\b")

#: Who speaks for states: their heads of state or government, ministers, leaders.
_HEAD = (
    r"(?i:heads?\s+of\s+(?:state|government)s?(?:\s+(?:and|or)\s+(?:of\s+)?government)?"
    r"|heads?\s+of\s+delegations?|(?:foreign\s+|prime\s+)?ministers?"
    r"(?:\s+(?:of|for|responsible\s+for)\s+(?-i:[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*))?"
    r"|leaders|presidents|representatives|delegations|governments?)"
)
#: The members of an organisation: "member states", "Member States", "States Members", ...
_MEMBERS = (
    r"(?i:member[\s-]+(?:states|countries|nations)|states\s+members|members|countries|states)"
)
#: A proper name: "SCO", "African Union", "Association of Southeast Asian Nations".
_PROPER = r"[A-Z][\w'’.&-]*(?:\s+(?:(?:of|and|for|the|de)\s+)*[A-Z0-9][\w'’.&-]*)*"
_OF = r"\s+of\s+(?:the\s+)?"
#: How a speaker is the members of an organisation, or speaks for a state: the group `org`
#: is the organisation (or the state) as written.
_SPEAKING_FOR: list[re.Pattern[str]] = [
    # "the member States of the SCO", "the leaders of the member states of the African Union"
    re.compile(rf"^(?:{_HEAD}{_OF})?{_MEMBERS}{_OF}(?P<org>{_PROPER})$"),
    # "the SCO member states", "the Ministers of Foreign Affairs of the BRICS countries"
    re.compile(rf"^(?:{_HEAD}{_OF})?(?P<org>{_PROPER}?)\s+{_MEMBERS}$"),
    # "the BRICS leaders", "the ASEAN Foreign Ministers"
    re.compile(rf"^(?P<org>{_PROPER}?)\s+{_HEAD}$"),
    # "the Heads of State and Government of the African Union", "the Government of Kazakhstan"
    re.compile(rf"^{_HEAD}{_OF}(?P<org>{_PROPER})$"),
]
#: The words of a party group's id that say it is a group of members ("brics-members").
_GROUP_WORDS = frozenset({"members", "member", "states", "countries", "group", "all"})


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


def _speaking_for(name: str) -> list[str] | None:
    """The names of the organisation (or state) whose members the speaker is, as written
    with its acronym ("Association of Southeast Asian Nations", "ASEAN"), or None."""
    plain = _plain_name(name)
    for pattern in _SPEAKING_FOR:
        m = pattern.match(plain)
        if m and m.group("org"):
            return [m.group("org"), *re.findall(r"\(([^()]+)\)", name)]
    return None


def _speakers_of(
    orgs: list[str], members: list[str], groups: dict[str, list[str]], names: Names
) -> Speakers | None:
    """The speakers when they are the members of an organisation (or a state): see the
    module's docstring."""
    for org in orgs:
        states = [names.exactly(part) for part in re.split(r",\s*|\s+and\s+", org)]
        if states and all(s and names.kinds.get(s) in STATE_KINDS for s in states):
            return Speakers([s for s in states if s])
    for gid in groups:
        words = [w for w in gid.split("-") if w not in _GROUP_WORDS]
        named = " ".join(words)  # "brics", "african union", "au" (as an acronym: "AU")
        if words and any(
            same_organisation(named, org) or same_organisation(named.upper(), org) for org in orgs
        ):
            return Speakers([gid], gid)
    home = names.home()
    if members and any(same_organisation(org, h) for org in orgs for h in home):
        return Speakers(list(members))
    return None


def speakers_of_text(
    lines: list[str], known: dict[str, str], groups: dict[str, list[str]], names: Names
) -> Speakers:
    """Who the document's "we", "the sides" and implicit subject stand for."""
    members = [pid for pid, kind in known.items() if kind == "member_state"]
    found = _speaker_name(lines)
    if found is not None:
        name, kind = found
        exact = names.exactly(name)
        if exact is not None:
            return Speakers([exact])
        want = {_plain(name), _plain(name.removeprefix("United Nations "))}
        for pid in known:
            if _plain(names.names.get(pid, "")) in want or _plain(pid) in want:
                return Speakers([pid])
        for gid in groups:
            if _plain(gid) in want:
                return Speakers([gid], gid)
        orgs = _speaking_for(name)
        if orgs:
            who = _speakers_of(orgs, members, groups, names)
            if who is not None:
                return who
        stub = PartyStub(slugify(name), name, kind)
        return Speakers([stub.id], new=stub)
    for gid, ids in groups.items():
        if sorted(ids) == sorted(members):
            return Speakers([gid], gid, guessed=True)
    return Speakers(members, guessed=bool(members))
