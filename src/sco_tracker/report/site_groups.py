"""Which commitments each page of the site lists: per source, per party, per theme.

The one place these lists are computed. A party's page lists what `--party` shows
(tracking/selection.py decides which parties a commitment belongs to); the lists are made in
one pass over the commitments rather than one filtering per party. Pure functions of the
commitments the report shows (drafts and later sources already left out).
"""

from __future__ import annotations

from collections import defaultdict

from sco_tracker.spec.model import Commitment, Exclusion
from sco_tracker.spec.project import Project
from sco_tracker.tracking.selection import Selection


def by_source(project: Project, commitments: list[Commitment]) -> dict[str, list[Commitment]]:
    """Each source's commitments in the order of the document (by line, then as in the file)."""
    out: dict[str, list[Commitment]] = defaultdict(list)
    for c in commitments:
        out[c.source].append(c)
    for items in out.values():
        items.sort(key=_order)
    return dict(out)


def parties_of(project: Project, c: Commitment) -> list[str]:
    """The parties a commitment belongs to as `--party` sees it (tracking/selection.py): its
    parties, then its addressees that are parties (a group as its members)."""
    names = Selection(groups=project.party_groups).names(c)
    extra = sorted(n for n in names if n in project.parties and n not in c.parties)
    return [*dict.fromkeys(c.parties), *extra]


def by_party(project: Project, commitments: list[Commitment]) -> dict[str, list[Commitment]]:
    """Each party's commitments, in file order: those it made, and those that ask it to act
    (as `--party` selects them)."""
    out: dict[str, list[Commitment]] = defaultdict(list)
    for c in commitments:
        for p in parties_of(project, c):
            out[p].append(c)
    return dict(out)


def by_theme(commitments: list[Commitment]) -> dict[str, list[Commitment]]:
    out: dict[str, list[Commitment]] = defaultdict(list)
    for c in commitments:
        out[c.theme].append(c)
    return dict(out)


def exclusions_by_source(project: Project) -> dict[str, list[Exclusion]]:
    """Each source's reviewed exclusions (not drafts), in the order of the document."""
    out: dict[str, list[Exclusion]] = defaultdict(list)
    for x in project.exclusions:
        if not x.draft:
            out[x.source].append(x)
    for items in out.values():
        items.sort(key=_order)
    return dict(out)


def _order(item: Commitment | Exclusion) -> tuple[int, str]:
    line = item.line
    return (line if line is not None else 1 << 30, str(item.paragraph or ""))
