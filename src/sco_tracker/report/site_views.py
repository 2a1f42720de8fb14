"""The data of each page of the site, as plain records (JSON-able dicts read by attribute).

Pure functions of the report's views (context.py), the project and the status history rows
the caller read from the database. Every value is a string, a number, None, a list or a
Record, so a page's content key (site.py) is the digest of its data as JSON. Links to the
outside come only from safe_url (encoding.web_url); links inside the site are built from ids,
which are slugs (spec/fields.SLUG: a-z, 0-9, '_', '.', '-', never starting with '.').
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sco_tracker.report.model import STATUS_LABELS, CommitmentView, UpdateView, safe_url
from sco_tracker.spec.dates import day_label
from sco_tracker.spec.model import Assessment, AssessmentWindow, Commitment, Exclusion
from sco_tracker.spec.project import Project

#: The site's folders, one per kind of page (their names are part of the stable URLs).
COMMITMENTS, PARTIES, SOURCES, THEMES = "c", "party", "source", "theme"

EXCLUSION_LABELS = {
    "praise_of_past_event": "praise of a past event",
    "description_of_situation": "description of the situation",
    "procedural": "procedural",
    "attendance": "attendance",
    "other": "other",
}
#: The event of a history row; an archived or restored one's note names the file
#: ("removed from commitments/moscow-2017-10-11.yaml", db/history.py).
HISTORY_EVENTS = {
    "status": "status",
    "archived": "archived",
    "restored": "restored",
}


class Record(dict[str, Any]):
    """A dict a template reads by attribute (c.title) as well as by key; a missing key is an
    AttributeError, so StrictUndefined still catches a typo in a template."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def page_path(kind: str, ident: str) -> str:
    """The path of a page inside the site, e.g. 'c/qingdao-youth-action-programme.html'."""
    return f"{kind}/{ident}.html"


def theme_slugs(names: Iterable[str]) -> dict[str, str]:
    """A stable file name for each theme: its words in lower case joined by '-', numbered
    (in the order of the names) when two themes would get the same one."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names), key=lambda n: (n.casefold(), n)):
        base = "-".join(
            "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in name.lower()).split()
        )
        base = base[:80].strip("-") or "theme"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[name] = slug
    return out


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def update_record(u: UpdateView) -> Record:
    return Record(
        date=u.date.isoformat(),
        date_label=u.date_label,
        status=u.status,
        status_label=u.status_label,
        note=u.note,
        url=u.url,
        source_text=u.source_text if u.url is None else None,
    )


def row_record(v: CommitmentView, theme_slug: str) -> Record:
    """A commitment as one row of a list (the index, a party's, a source's or a theme's page)."""
    return Record(
        id=v.id,
        title=v.title,
        href=page_path(COMMITMENTS, v.id),
        theme=v.theme,
        theme_href=page_path(THEMES, theme_slug),
        kind=v.kind,
        status=v.status,
        status_label=v.status_label,
        due_label=v.due_label,
        due_phrase=v.due_phrase,
        due_date=_iso(v.due_date),
        findings=[Record(kind=f.kind, label=f.label, message=f.message) for f in v.findings],
        lead=v.lead,
        paragraph_label=v.paragraph_label,
    )


def history_record(row: dict[str, Any]) -> Record:
    """One row of the status history as the database keeps it (db/views.history_dict)."""
    event = str(row.get("event") or "")
    status = str(row.get("status") or "")
    effective = _as_date(row.get("effective_date"))
    observed = _as_date(row.get("observed_at"))
    source = row.get("source")
    url = safe_url(source) if isinstance(source, str) else None
    return Record(
        event=HISTORY_EVENTS.get(event, event),
        status=status,
        status_label=STATUS_LABELS.get(status, status),
        effective_label=day_label(effective) if effective else "no date given",
        observed_label=day_label(observed) if observed else "",
        note=row.get("note") if isinstance(row.get("note"), str) else None,
        url=url,
        source_text=source if isinstance(source, str) and url is None else None,
    )


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            return None
    return None


def score_text(score: int | str) -> str:
    if isinstance(score, int):
        return f"+{score}" if score > 0 else str(score)
    return str(score)


def score_records(
    project: Project,
    assessments: list[Assessment],
    windows: dict[str, AssessmentWindow],
    as_of: date,
) -> list[Record]:
    """The per-member scores of one commitment dated on or before as_of, window by window."""
    order = {w: i for i, w in enumerate(windows)}
    out = []
    for a in sorted(
        (a for a in assessments if a.date <= as_of),
        key=lambda a: (order.get(a.window, len(order)), a.date),
    ):
        w = windows.get(a.window)
        url = safe_url(a.source)
        out.append(
            Record(
                window=a.window,
                window_title=(w.title or w.id) if w else a.window,
                party=a.party,
                party_name=project.parties[a.party].name if a.party in project.parties else a.party,
                party_href=page_path(PARTIES, a.party),
                score=score_text(a.score),
                date_label=day_label(a.date),
                note=a.note,
                url=url,
                source_text=a.source if url is None else None,
            )
        )
    return out


def paragraph_text(project: Project, c: Commitment | Exclusion) -> str | None:
    """The whole paragraph of the source text the entry cites (None without a local text)."""
    lines = project.paragraphs.get(c.source)
    line = c.line
    if lines is None or line is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1]


def chain_record(chain: dict[str, Any] | None, current: str) -> Record | None:
    """A restatement chain (compliance.Chain.as_dict) as the commitment page shows it."""
    if chain is None:
        return None
    steps = [
        Record(
            id=s["commitment"],
            title=s["title"],
            href=page_path(COMMITMENTS, s["commitment"]),
            source_title=s["source_title"],
            promised_label=day_label(date.fromisoformat(s["promised_on"])),
            due_label=s["due_label"],
            due_phrase=s["due_phrase"],
            movement=s["movement"],
            slipped=s["slipped"],
            current=s["commitment"] == current,
        )
        for s in chain["steps"]
    ]
    return Record(slipped=chain["slipped"], steps=steps)


def commitment_record(
    project: Project,
    v: CommitmentView,
    row: Record,
    c: Commitment,
    history: list[dict[str, Any]],
    chain: dict[str, Any] | None,
    scores: list[Record],
    titles: dict[str, str],
) -> Record:
    """Everything the page of one commitment shows (row: its row_record)."""
    return Record(
        row,
        strength=v.strength,
        parties=[party_ref(p, name) for p, name in zip(c.parties, v.parties, strict=True)],
        addressees=v.addressees,
        source=Record(
            id=v.source.id,
            title=v.source.title,
            date_label=v.source.date_label,
            place=v.source.place,
            url=v.source.url,
            href=page_path(SOURCES, v.source.id),
        ),
        quote=v.quote,
        paragraph_text=paragraph_text(project, c),
        notes=v.notes,
        review_every=v.review_every,
        last_review_label=v.last_review_label,
        next_review_label=v.next_review_label,
        updates=[update_record(u) for u in v.updates],
        history=[history_record(h) for h in history],
        scores=scores,
        chain=chain_record(chain, c.id),
        depends_on=[
            Record(id=d, title=titles.get(d, d), href=page_path(COMMITMENTS, d))
            for d in c.depends_on
        ],
    )


@lru_cache(maxsize=4096)
def party_ref(pid: str, name: str) -> Record:
    """A link to a party's page (one shared record per party: templates never change it)."""
    return Record(id=pid, name=name, href=page_path(PARTIES, pid))


def exclusion_record(project: Project, x: Exclusion) -> Record:
    return Record(
        paragraph_label=project.place(x.source, x.paragraph),
        line=x.line,
        quote=x.quote,
        paragraph_text=paragraph_text(project, x) if x.quote is None else None,
        reason=EXCLUSION_LABELS.get(x.reason.value, x.reason.value),
        note=x.note,
    )
