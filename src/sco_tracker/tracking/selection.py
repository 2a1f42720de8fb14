"""What a view shows: the commitments of some sources (`--source`), or of some parties and
addressees (`--party`). Pure functions of a Project; the commands, the reports and the site
use them alike.

A commitment belongs to the source it quotes (its `source:`); an update citing another
document does not move it. A source with no commitments (a document that only announced a
meeting, say) is still a source that can be shown: it shows as having none.

A party matches a commitment when it is one of its parties (party groups are expanded by
validation) or one of its addressees (an addressee written as a group id stands for the
group's members). A group id given to `--party` stands for each of its members; an
addressee written as a plain name ("UN Secretary-General") is matched by that name, in any
letter case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sco_tracker.problems import UserError, did_you_mean
from sco_tracker.spec.model import Commitment, Source
from sco_tracker.spec.project import Project
from sco_tracker.spec.vocabulary import listing
from sco_tracker.tracking.checks import Evaluation

__all__ = [
    "EVERYTHING",
    "Selection",
    "addressee_names",
    "select",
    "view_title",
]


@dataclass(frozen=True)
class Selection:
    """Which commitments are shown. Empty tuples: no filter of that kind."""

    #: Source ids, as given (each one known).
    sources: tuple[str, ...] = ()
    #: Party ids, group ids or addressee names, as given (each one known).
    parties: tuple[str, ...] = ()
    #: What a commitment's parties or addressees must include one of (case-folded).
    match: frozenset[str] = field(default=frozenset(), repr=False)
    #: group id -> its party ids (to expand addressees written as a group).
    groups: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def everything(self) -> bool:
        """No filter at all: the whole file is shown."""
        return not self.sources and not self.parties

    def keeps(self, c: Commitment) -> bool:
        if self.sources and c.source not in self.sources:
            return False
        if self.parties:
            return not self.match.isdisjoint(self.names(c))
        return True

    def names(self, c: Commitment) -> set[str]:
        """The commitment's parties and addressees, groups expanded, case-folded."""
        out = {p.casefold() for p in c.parties}
        for a in c.addressees:
            out.update(m.casefold() for m in self.groups.get(a, [a]))
        return out

    def commitments(self, items: Iterable[Commitment]) -> list[Commitment]:
        return [c for c in items if self.keeps(c)]

    def evaluations(self, items: Iterable[Evaluation]) -> list[Evaluation]:
        return [ev for ev in items if self.keeps(ev.commitment)]

    def kept_ids(self, project: Project) -> set[str]:
        return {c.id for c in project.commitments if self.keeps(c)}

    def shown_sources(self, project: Project, as_of: date | None = None) -> list[Source]:
        """The sources this view shows, by date: the ones chosen (or all of the file), issued by
        as_of; with a party filter, only those with a commitment of that party."""
        chosen = [project.sources[s] for s in self.sources] or list(project.sources.values())
        if as_of is not None:
            chosen = [s for s in chosen if s.date <= as_of]
        if self.parties:
            used = {c.source for c in project.commitments if self.keeps(c)}
            chosen = [s for s in chosen if s.id in used]
        return sorted(chosen, key=lambda s: (s.date, s.id))

    @property
    def slug(self) -> str:
        """A folder name for this view's reports: 'beijing-2018-05-22', 'party-india',
        'beijing-2018-05-22+party-india'; '' for the whole file."""
        parts = [*self.sources, *(f"party-{_slug(p)}" for p in self.parties)]
        return "+".join(parts)

    def describe(self) -> str:
        """For people: "source 'beijing-2018-05-22'; party 'india'" ('' for the whole file)."""
        bits = []
        if self.sources:
            bits.append(_plural("source", self.sources))
        if self.parties:
            bits.append(_plural("party", self.parties, "parties"))
        return "; ".join(bits)

    def as_dict(self) -> dict[str, list[str]]:
        """For --json: {"sources": [...], "parties": [...]} (empty lists: no filter)."""
        return {"sources": list(self.sources), "parties": list(self.parties)}

    def drafts(self, project: Project, as_of: date) -> list[Commitment]:
        """The draft commitments awaiting review in this view, of sources issued by as_of (the
        checks and reports leave them out until 'sco-tracker review' decides on them)."""
        return [
            c
            for c in project.commitments
            if c.draft and project.sources[c.source].date <= as_of and self.keeps(c)
        ]

    def without_commitments(self, project: Project, as_of: date) -> list[Source]:
        """The sources chosen with --source that have no commitment to show as of that date (a
        document that only announced a meeting, or one not drafted yet)."""
        shown = {c.source for c in project.commitments if not c.draft and self.keeps(c)}
        return [s for s in self.shown_sources(project, as_of) if self.sources and s.id not in shown]


EVERYTHING = Selection()


def unknown_source(project: Project, sid: str) -> UserError:
    """The refusal of a --source the file does not have, with the nearest id and the ids."""
    return UserError(
        f"unknown source '{sid}'{did_you_mean(sid, project.sources)}; the sources are: "
        f"{listing(project.sources)}"
    )


def select(project: Project, sources: Sequence[str] = (), parties: Sequence[str] = ()) -> Selection:
    """The selection of those sources and parties; an unknown one is a UserError (exit 2) that
    lists the known ones."""
    src = tuple(dict.fromkeys(sources))
    for sid in src:
        if sid not in project.sources:
            raise unknown_source(project, sid)
    chosen = tuple(dict.fromkeys(parties))
    match: set[str] = set()
    names = addressee_names(project)
    for pid in chosen:
        if pid in project.parties:
            match.add(pid.casefold())
        elif pid in project.party_groups:
            match.update(m.casefold() for m in project.party_groups[pid])
        elif pid.casefold() in names:
            match.add(pid.casefold())
        else:
            known = [*project.parties, *project.party_groups]
            plain = sorted(n for n in names.values() if n not in known)
            raise UserError(
                f"unknown party '{pid}'{did_you_mean(pid, [*known, *plain])}; give a party id "
                f"({', '.join(project.parties) or 'none'})"
                + (
                    f", a group id ({', '.join(project.party_groups)})"
                    if project.party_groups
                    else ""
                )
                + (f" or an addressee named in the file ({', '.join(plain)})" if plain else "")
            )
    return Selection(src, chosen, frozenset(match), dict(project.party_groups))


def addressee_names(project: Project) -> dict[str, str]:
    """Every addressee written in the file: case-folded -> as first written."""
    out: dict[str, str] = {}
    for c in project.commitments:
        for a in c.addressees:
            out.setdefault(a.casefold(), a)
    return out


def view_title(
    project: Project, selection: Selection = EVERYTHING, as_of: date | None = None
) -> str:
    """The title of a report or calendar: settings.title, else the titles of the sources shown;
    a view of some sources names them after settings.title, a view of some parties names
    those. The sources are named the main one first: by the number of commitments the view
    shows from each (drafts aside), then in the order of the file."""
    shown = selection.shown_sources(project, as_of) if selection.sources else []
    titles = _titles(_main_first(project, selection, shown))
    base = project.settings.title
    if base is None:
        everything = selection.shown_sources(project, as_of) if not selection.sources else shown
        if not everything:  # nothing issued yet: every source of the file
            everything = list(project.sources.values())
        base = _titles(_main_first(project, selection, everything)) or "Commitments"
    elif titles:
        base = f"{base}: {titles}"
    if selection.parties:
        names = [project.parties[p].name if p in project.parties else p for p in selection.parties]
        base = f"{base} ({'party' if len(names) == 1 else 'parties'}: {', '.join(names)})"
    return base


def _titles(sources: list[Source]) -> str:
    """The titles of up to two documents; of more, the main one's and how many others (the
    title of a tracker of twenty documents is not twenty titles long: settings.title names
    it)."""
    if len(sources) <= 2:
        return "; ".join(s.title for s in sources)
    return f"{sources[0].title}; and {len(sources) - 1} other documents"


def _main_first(project: Project, selection: Selection, sources: list[Source]) -> list[Source]:
    """The sources, the one most commitments of the view quote first, then in file order."""
    quoted = Counter(c.source for c in project.commitments if not c.draft and selection.keeps(c))
    order = {sid: i for i, sid in enumerate(project.sources)}
    return sorted(sources, key=lambda s: (-quoted[s.id], order[s.id]))


def _plural(word: str, items: Sequence[str], many: str | None = None) -> str:
    label = word if len(items) == 1 else (many or word + "s")
    return f"{label} " + ", ".join(f"'{i}'" for i in items)


def _slug(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in text.casefold()).strip("-")
    while "--" in out:
        out = out.replace("--", "-")
    return out or "x"
