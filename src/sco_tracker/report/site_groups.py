"""Which commitments each page of the site lists: per source, per party, per theme.

The one place these lists are computed, so that the per-source and per-party views of the
command line (a pure filtering function, when it lands) can replace them here alone. Pure
functions of the commitments the report shows (drafts and later sources already left out).
"""

from __future__ import annotations

from collections import defaultdict

from sco_tracker.spec.model import Commitment, Exclusion
from sco_tracker.spec.project import Project


def by_source(project: Project, commitments: list[Commitment]) -> dict[str, list[Commitment]]:
    """Each source's commitments in the order of the document (by line, then as in the file)."""
    out: dict[str, list[Commitment]] = defaultdict(list)
    for c in commitments:
        out[c.source].append(c)
    for items in out.values():
        items.sort(key=_order)
    return dict(out)


def by_party(commitments: list[Commitment]) -> dict[str, list[Commitment]]:
    """Each party's commitments: those it made (it is one of the parties), in file order."""
    out: dict[str, list[Commitment]] = defaultdict(list)
    for c in commitments:
        for p in dict.fromkeys(c.parties):
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
