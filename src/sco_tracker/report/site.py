"""The site beside the report: which pages there are and what each shows.

`site_pages(project, as_of, context, evaluations, history)` is a pure function: the same
inputs give the same pages. Each Page carries its data (site_views.Record) and the text its
content key is the digest of (site_write.py adds the templates and the code): its data
written out. A list page's is its head and the digest of each row it lists, computed once
per commitment, so keying 10,000 pages costs one serialisation of each commitment's data.

The pages (paths inside reports_dir/site/, stable from one report to the next):
    index.html            every commitment, with filters and search (inline data and script)
    c/ID.html             one commitment: quote, paragraph, updates, history, scores, chain
    party/ID.html         what one party committed to, and its compliance scores per window
    source/ID.html        every undertaking of one document in order, with the exclusions
    theme/SLUG.html       the commitments of one theme
    site.css              the stylesheet of every page (print rules included)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
from markupsafe import Markup

from sco_tracker.report.model import FINDING_LABELS, STATUS_LABELS, STATUS_ORDER, ReportContext
from sco_tracker.report.site_groups import (
    by_party,
    by_source,
    by_theme,
    exclusions_by_source,
    parties_of,
)
from sco_tracker.report.site_views import (
    COMMITMENTS,
    PARTIES,
    SOURCES,
    THEMES,
    Record,
    commitment_record,
    exclusion_record,
    page_path,
    row_record,
    score_records,
    theme_slugs,
)
from sco_tracker.spec.dates import day_label
from sco_tracker.spec.project import Project
from sco_tracker.tracking.checks import FINDING_KINDS, Evaluation
from sco_tracker.tracking.compliance import compliance, ordered_windows

SITE_DIR = "site"
STYLESHEET = "site.css"
TEMPLATES = {
    "index": "site/index.html.j2",
    COMMITMENTS: "site/commitment.html.j2",
    PARTIES: "site/party.html.j2",
    SOURCES: "site/source.html.j2",
    THEMES: "site/theme.html.j2",
    "css": "site/site.css.j2",
}
#: Templates every page uses besides its own (their digest is part of every key).
SHARED_TEMPLATES = ("site/_layout.html.j2",)


@dataclass(frozen=True)
class Page:
    #: Inside the site folder, '/'-separated: 'index.html', 'c/ID.html', ...
    path: str
    template: str
    data: Record
    #: What the content key is the digest of (the page's data written out)...
    material: bytes
    #: ... then these texts as UTF-8, one after the other (the index's inline data, 30 MB at
    #: 100,000 commitments, in its pieces: never joined or encoded whole).
    material_texts: Sequence[str] = ()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _material(value: Any) -> bytes:
    """What a page's key is the digest of: its data as JSON (strings, numbers, None, lists and
    dicts only, so the same data is always the same text). orjson: a tenth of the time of the
    standard library's encoder, which cost 0.4 s of CPU for the pages of 10,000 commitments.
    orjson refuses a whole number beyond 64 bits (validate bounds those it knows of): such data
    is written out by the standard library instead."""
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return _dumps(value).encode()


def script_json(value: Any) -> Markup:
    """JSON to put inside <script type="application/json">: '<', '>' and '&' (and the two
    line separators JavaScript once refused) as \\u escapes, so no text of the file can end
    the element ('</script>'), open a comment or be read as markup."""
    return Markup(_script_escaped(_dumps(value)))


def _script_escaped(text: str) -> str:
    """script_json's escapes, each of one character: a text escaped in parts is the same."""
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


class ScriptJSON:
    """script_json's text kept in pieces (a row of the index each: small objects, which fit in
    the memory the site's lists let go), joined only when a template shows it whole
    ({{ data_json }} in a template of the user's own); the built-in index writes the pieces
    one after the other (data_json.pieces)."""

    def __init__(self, pieces: list[Markup]) -> None:
        self.pieces = pieces

    def __html__(self) -> str:
        return "".join(self.pieces)

    def __str__(self) -> str:
        return self.__html__()

    def __len__(self) -> int:
        return sum(map(len, self.pieces))


#: The encoder of _dumps, made once for the index's many rows.
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def script_json_rows(head: dict[str, Any], rows: Iterable[list[Any]]) -> ScriptJSON:
    """script_json({**head, "rows": [*rows]}), the same text, in pieces: a row each, so that
    the rows of 100,000 commitments are never built, nor written out, all at once."""
    start = _dumps(head)
    pieces = [Markup(_script_escaped(start[:-1] + (',"rows":[' if head else '"rows":[')))]
    encode = _ROW_ENCODER.encode
    for row in rows:
        text = _script_escaped(encode(row))
        pieces.append(Markup("," + text if len(pieces) > 1 else text))
    pieces.append(Markup("]}"))
    return ScriptJSON(pieces)


def site_pages(
    project: Project,
    as_of: date,
    context: ReportContext,
    evaluations: list[Evaluation],
    history: dict[str, list[dict[str, Any]]] | None = None,
    *,
    report_name: str = "latest.html",
) -> Iterator[Page]:
    """Every page of the site as of a date, one at a time (each commitment's page is made
    when it is asked for and can be let go once written). history: the status history rows
    from the database, per commitment id (db/views.history_dict), oldest first."""
    history = history or {}
    site_url = project.settings.site_url
    views = {v.id: v for t in context.themes for v in t.commitments}
    commitments = [ev.commitment for ev in evaluations]
    slugs = theme_slugs(c.theme for c in commitments)
    windows = {w.id: w for w in ordered_windows(project)}
    chains = {
        s["commitment"]: chain for chain in context.compliance["chains"] for s in chain["steps"]
    }
    titles = {c.id: c.title for c in commitments}

    def common(path: str, title: str) -> dict[str, Any]:
        depth = path.count("/")
        root = "../" * depth
        return {
            "page_title": title,
            "as_of": as_of.isoformat(),
            "as_of_label": context.as_of_label,
            "root": root,
            "report_href": f"{root}../{report_name}",
            "canonical": f"{site_url.rstrip('/')}/{SITE_DIR}/{path}" if site_url else None,
        }

    rows: dict[str, Record] = {}
    row_json: dict[str, str] = {}
    for c in commitments:
        v = views[c.id]
        row = rows[c.id] = row_record(v, slugs[c.theme])
        # A list page's key holds the digest of each row it lists, not the row itself: 15
        # party pages of 5,000 rows each would otherwise hash 45 MB on every run.
        row_json[c.id] = hashlib.blake2b(_material(row), digest_size=16).hexdigest()
        path = row["href"]  # page_path(COMMITMENTS, c.id), made once
        data = Record(
            common(path, c.title),
            commitment=commitment_record(
                project,
                v,
                row,
                c,
                [h for h in history.get(c.id, []) if _effective_by(h, as_of)],
                chains.get(c.id),
                score_records(project, c.assessments, windows, as_of),
                titles,
            ),
        )
        yield Page(path, TEMPLATES[COMMITMENTS], data, _material(data))

    def listing(
        path: str, kind: str, head: dict[str, Any], ids: list[str], keyed: dict[str, Any]
    ) -> Page:
        """A page listing commitments; keyed: what its head shows, with the rows it repeats
        named by id (their JSON is in the material once)."""
        data = Record(head, commitments=[rows[i] for i in ids])
        material = _material(keyed) + "".join("\n" + row_json[i] for i in ids).encode()
        return Page(path, TEMPLATES[kind], data, material)

    scores_by_window = _party_scores(project, as_of)
    for pid, items in sorted(by_party(project, commitments).items()):
        party = project.parties.get(pid)
        name = party.name if party else pid
        path = page_path(PARTIES, pid)
        head = {
            **common(path, f"What {name} committed to"),
            "party": Record(
                id=pid, name=name, kind=party.kind.value.replace("_", " ") if party else ""
            ),
            "windows": [Record(s) for s in scores_by_window.get(pid, [])],
        }
        yield listing(path, PARTIES, head, [c.id for c in items], head)

    exclusions = exclusions_by_source(project)
    for sid, items in sorted(by_source(project, commitments).items()):
        s = context_source(context, sid)
        path = page_path(SOURCES, sid)
        excluded = [exclusion_record(project, x) for x in exclusions.get(sid, [])]
        entries = [
            Record(kind="commitment", line=c.line, commitment=rows[c.id], quote=c.quote)
            for c in items
        ] + [Record(kind="exclusion", exclusion=x, line=x["line"]) for x in excluded]
        entries.sort(key=lambda e: e["line"] if e["line"] is not None else 1 << 30)
        head = {
            **common(path, s["title"]),
            "source": s,
            "entries": entries,
            "excluded": len(excluded),
        }
        keyed = {
            **head,
            "entries": [
                {**e, "commitment": e["commitment"]["id"]} if "commitment" in e else e
                for e in entries
            ],
        }
        yield listing(path, SOURCES, head, [c.id for c in items], keyed)

    for name, items in sorted(by_theme(commitments).items(), key=lambda kv: slugs[kv[0]]):
        path = page_path(THEMES, slugs[name])
        head = {**common(path, name), "theme": Record(name=name, slug=slugs[name])}
        yield listing(path, THEMES, head, [c.id for c in items], head)

    # Every list is written: its rows (with the HTML site_row keeps in each) go before the
    # index is made, the page with the most data (at 100,000 commitments, 160 MB less held).
    rows.clear()
    row_json.clear()
    yield _index(project, context, commitments, slugs, common("index.html", ""))


def _effective_by(row: dict[str, Any], as_of: date) -> bool:
    """A history row that took effect on or before as_of (or whose date is not known)."""
    d = row.get("effective_date")
    return not isinstance(d, date) or d <= as_of


def context_source(context: ReportContext, sid: str) -> Record:
    s = next(s for s in context.sources if s.id == sid)
    return Record(
        id=s.id,
        title=s.title,
        date=s.date.isoformat(),
        date_label=s.date_label,
        place=s.place,
        url=s.url,
        href=page_path(SOURCES, s.id),
    )


def _party_scores(project: Project, as_of: date) -> dict[str, list[dict[str, Any]]]:
    """Each party's compliance scores per assessment window, as of the date."""
    out: dict[str, list[dict[str, Any]]] = {}
    for w in ordered_windows(project):
        grid = compliance(project, w.id, today=as_of)
        for m in grid.as_dict(unassessed_rows=False)["members_summary"]:
            out.setdefault(m["party"], []).append(
                {
                    "window": w.id,
                    "title": w.title or w.id,
                    "period": f"{day_label(w.start)} to {day_label(w.end)}",
                    "average_text": m["average_text"],
                    "percent_text": m["percent_text"],
                    "scored": m["scored"],
                    "not_assessed": m["not_assessed"],
                    "change_text": m["change_text"],
                }
            )
    return out


def _index(
    project: Project,
    context: ReportContext,
    commitments: list[Any],
    slugs: dict[str, str],
    head: dict[str, Any],
) -> Page:
    """The index: counts, the lists of parties, sources and themes, and every commitment as
    compact rows for the filters (one JSON array per commitment), by the date of its source
    (context.sources is by date), then in the order of the file."""
    views = {v.id: v for t in context.themes for v in t.commitments}
    themes = sorted(slugs, key=lambda n: slugs[n])
    theme_at = {n: i for i, n in enumerate(themes)}
    source_ids = [s.id for s in context.sources]
    source_at = {s: i for i, s in enumerate(source_ids)}
    of = {c.id: parties_of(project, c) for c in commitments}
    party_ids = sorted({p for c in commitments for p in of[c.id]})
    party_at = {p: i for i, p in enumerate(party_ids)}
    party_names = [project.parties[p].name if p in project.parties else p for p in party_ids]
    encoded = script_json_rows(
        {
            "statuses": [[s, STATUS_LABELS[s]] for s in STATUS_ORDER],
            "findings": [[k, FINDING_LABELS[k]] for k in FINDING_KINDS],
            "themes": [[n, slugs[n]] for n in themes],
            "sources": [[s.id, s.title, s.date_label] for s in context.sources],
            "parties": [[p, n] for p, n in zip(party_ids, party_names, strict=True)],
        },
        (
            [
                c.id,
                c.title,
                views[c.id].status,
                views[c.id].finding_kinds,
                theme_at[c.theme],
                source_at[c.source],
                [party_at[p] for p in of[c.id]],
                views[c.id].due_label,
                _iso_or_blank(views[c.id].due_date),
                c.quote,
            ]
            # by their source's date (then the file's order), as the report lists them
            for c in sorted(commitments, key=lambda c: source_at[c.source])
        ),
    )
    record = Record(
        head,
        page_title="Commitments",
        total=len(commitments),
        data_json=encoded,
        statuses=[Record(key=c.key, label=c.label, count=c.count) for c in context.status_counts],
        findings=[Record(key=c.key, label=c.label, count=c.count) for c in context.finding_counts],
        parties=[
            Record(id=p, name=n, href=page_path(PARTIES, p))
            for p, n in zip(party_ids, party_names, strict=True)
        ],
        sources=[
            Record(id=s.id, title=s.title, date_label=s.date_label, href=page_path(SOURCES, s.id))
            for s in context.sources
        ],
        themes=[Record(name=n, slug=slugs[n], href=page_path(THEMES, slugs[n])) for n in themes],
        fulfilment=context.fulfilment.label,
    )
    head = {k: v for k, v in record.items() if k != "data_json"}
    return Page("index.html", TEMPLATES["index"], record, _material(head) + b"\n", encoded.pieces)


def _iso_or_blank(d: date | None) -> str:
    return d.isoformat() if d is not None else ""


def stylesheet_page() -> Page:
    """site.css: no data, so its key changes with the templates and the code only."""
    return Page(STYLESHEET, TEMPLATES["css"], Record(), b"")
