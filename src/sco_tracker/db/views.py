"""What check and status print: plain data (for --json) and text tables. Pure functions.

The JSON shapes are documented in README.md ("Database" section); keep them stable.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from tabulate import tabulate

from sco_tracker.db.history import REDRAFTED, REMOVED_FROM_UNKNOWN
from sco_tracker.db.store import CommitmentRow, StatusHistoryRow
from sco_tracker.db.sync import CheckRecord
from sco_tracker.encoding import one_line
from sco_tracker.sources.paragraphs import canonical, labels
from sco_tracker.spec.dates import day_label, moment_label
from sco_tracker.spec.project import Project
from sco_tracker.spec.vocabulary import plural
from sco_tracker.spec.vocabulary import plural as plural_of
from sco_tracker.tracking.checks import FINDING_KINDS, Evaluation
from sco_tracker.tracking.selection import EVERYTHING, Selection


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def due_dict(project: Project, ev: Evaluation) -> dict[str, Any]:
    return {"value": ev.commitment.due, "label": ev.due.label(), "end": _iso(ev.due.end)}


def commitment_summary(project: Project, ev: Evaluation) -> dict[str, Any]:
    c = ev.commitment
    return {
        "id": c.id,
        "title": c.title,
        "theme": c.theme,
        "kind": c.kind.value,
        "status": ev.status.value,
        "due": due_dict(project, ev),
        "review_every": c.review_every,
        "source_id": c.source,
        "parties": c.parties,
        "addressees": c.addressees,
        "last_update": _iso(ev.last_update.date) if ev.last_update else None,
        "findings": [
            {"kind": f.kind.value, "message": f.message, "days": f.days} for f in ev.findings
        ],
    }


def status_table_data(
    project: Project,
    evaluations: list[Evaluation],
    as_of: date,
    selection: Selection = EVERYTHING,
) -> dict[str, Any]:
    """The status table as data; evaluations are those of the selection already."""
    counts = dict.fromkeys(FINDING_KINDS, 0)
    for ev in evaluations:
        for f in ev.findings:
            counts[f.kind.value] += 1
    return {
        "as_of": as_of.isoformat(),
        "filter": selection.as_dict(),
        "commitments": [commitment_summary(project, ev) for ev in evaluations],
        "counts": counts,
        "sources_without_commitments": [
            s.id for s in selection.without_commitments(project, as_of)
        ],
    }


def history_dict(h: StatusHistoryRow) -> dict[str, Any]:
    return {
        "event": h.event,
        "status": h.status,
        "effective_date": _iso(h.effective_date),
        "observed_at": _iso(h.observed_at),
        "source": h.source,
        "note": h.note,
    }


def commitment_detail(
    project: Project,
    ev: Evaluation | None,
    row: CommitmentRow | None,
    history: list[StatusHistoryRow],
    as_of: date,
) -> dict[str, Any]:
    """One commitment: what the file says (as of the date), its quote and paragraph, its history."""
    if ev is not None:
        c = ev.commitment
        data = commitment_summary(project, ev)
        updates = ev.updates
        data.update(
            {
                "archived": False,
                "archived_at": None,
                "archived_from": None,
                "source": _source(project, c.source),
                "paragraph": c.paragraph,
                "paragraph_label": project.place(c.source, c.paragraph),
                "quote": c.quote,
                "paragraph_text": _paragraph(project, c.source, c.line),
                "parties": c.parties,
                "addressees": c.addressees,
                "lead": c.lead,
                "strength": c.strength,
                "depends_on": c.depends_on,
                "notes": c.notes,
                "updates": [
                    {
                        "date": _iso(u.date),
                        "status": u.status.value if u.status else None,
                        "note": u.note,
                        "source": u.source,
                    }
                    for u in updates
                ],
            }
        )
    else:
        assert row is not None
        stored = row.data
        data = {
            "id": row.id,
            "title": stored.get("title"),
            "theme": stored.get("theme"),
            "kind": stored.get("kind"),
            "status": row.status,
            "due": {"value": stored.get("due"), "label": None, "end": None},
            "review_every": stored.get("review_every"),
            "last_update": None,
            "findings": [],
            "archived": row.archived_at is not None,
            "archived_at": _iso(row.archived_at),
            "archived_from": row.file if row.archived_at is not None else None,
            "source": _source(project, stored.get("source", "")),
            "paragraph": stored.get("paragraph"),
            "paragraph_label": project.place(stored.get("source", ""), stored.get("paragraph")),
            "quote": stored.get("quote"),
            "paragraph_text": _paragraph(
                project, stored.get("source", ""), stored.get("paragraph")
            ),
            "parties": stored.get("parties", []),
            "addressees": stored.get("addressees", []),
            "lead": stored.get("lead"),
            "strength": stored.get("strength"),
            "depends_on": stored.get("depends_on", []),
            "notes": stored.get("notes"),
            "updates": stored.get("updates", []),
        }
    data["history"] = [history_dict(h) for h in history]
    return {"as_of": as_of.isoformat(), "commitment": data}


def _source(project: Project, sid: str) -> dict[str, Any]:
    s = project.sources.get(sid)
    if s is None:
        return {"id": sid, "title": None, "date": None, "url": None}
    return {"id": s.id, "title": s.title, "date": _iso(s.date), "url": s.url}


def _paragraph(project: Project, sid: str, n: int | str | None) -> str | None:
    """The text of a paragraph: n a line of the source text, or the document's own number."""
    paras = project.paragraphs.get(sid)
    if paras is None or n is None:
        return None
    if isinstance(n, str):
        found = labels(paras).get(canonical(n))
        if found is None:
            return None
        n = found
    if not 1 <= n <= len(paras):
        return None
    return paras[n - 1]


def shown_record(record: CheckRecord, kept: set[str] | None) -> CheckRecord:
    """The check run as recorded, with only the findings of the commitments kept (None: all)."""
    if kept is None:
        return record
    findings = [f for f in record.findings if f.commitment_id in kept]
    return replace(record, findings=findings)


def check_dict(
    record: CheckRecord,
    evaluations: list[Evaluation],
    file: str,
    selection: Selection = EVERYTHING,
) -> dict[str, Any]:
    """The check as data; record and evaluations are those of the selection already
    (shown_record)."""
    counts = dict.fromkeys(FINDING_KINDS, 0)
    for f in record.current:
        counts[f.kind] += 1
    return {
        "file": file,
        "filter": selection.as_dict(),
        "as_of": record.as_of.isoformat(),
        "check_run": {
            "id": record.run_id,
            "run_at": _iso(record.run_at),
            "previous_run": record.previous_run_id,
        },
        "commitments": len(evaluations),
        "counts": counts,
        "findings": [
            {
                "commitment": f.commitment_id,
                "kind": f.kind,
                "message": f.message,
                "days": f.days,
                "state": f.state,
            }
            for f in record.findings
        ],
    }


# --- text -------------------------------------------------------------------------------------


def status_table(
    project: Project,
    evaluations: list[Evaluation],
    as_of: date,
    selection: Selection = EVERYTHING,
) -> str:
    rows = []
    for ev in evaluations:
        due = (
            ev.due.label()
            if ev.commitment.due
            else (f"review {ev.commitment.review_every}" if ev.commitment.review_every else "")
        )
        rows.append(
            [
                ev.id,
                ev.status.value.replace("_", " "),
                due,
                ", ".join(k.replace("_", " ") for k in ev.finding_kinds),
            ]
        )
    table = tabulate(rows, headers=["commitment", "status", "due", "findings"], tablefmt="simple")
    n = sum(len(ev.findings) for ev in evaluations)
    scope = f" ({one_line(selection.describe())})" if not selection.everything else ""
    head = (
        f"Status as of {day_label(as_of)}{scope}: {plural(len(evaluations), 'commitment')}, "
        f"{plural(n, 'finding')}."
    )
    empty = selection.without_commitments(project, as_of)
    drafts = Counter(c.source for c in selection.drafts(project, as_of))
    notes = "".join(
        f"\nSource '{one_line(s.id)}' ({one_line(s.title)}): no commitments tracked from it"
        + (
            f"; {plural(drafts[s.id], 'draft')} {'awaits' if drafts[s.id] == 1 else 'await'} "
            f"review ('sco-tracker review --source {one_line(s.id)}')."
            if drafts[s.id]
            else "."
        )
        for s in empty
    )
    return f"{head}{notes}\n\n{table}" if rows else f"{head}{notes}"


def check_text(
    record: CheckRecord, evaluations: list[Evaluation], limit: int | None = None, scope: str = ""
) -> str:
    """The check for people: a summary line, the findings (the first `limit` of them), what was
    resolved."""

    current = record.current
    against = (
        f"compared with check run {record.previous_run_id}"
        if record.previous_run_id
        else "no earlier check to compare with"
    )
    plural = "s" if len(current) != 1 else ""
    lines = [
        (
            f"Check as of {day_label(record.as_of)} (check run {record.run_id}, {against}): "
            f"{plural_of(len(evaluations), 'commitment')}, {len(current)} finding{plural}."
        )
    ]
    if scope:
        lines.append(f"Shown: {one_line(scope)} only; the check run covers the whole file.")
    if current:
        shown = sorted(current, key=_order)[:limit]
        rows = [[f.kind.replace("_", " "), f.commitment_id, f.message, f.state] for f in shown]
        # Only the id column can ever look like a number: the others always hold words, so
        # tabulate need not try to parse them (a third of its time at 10,000 commitments).
        lines += [
            "",
            tabulate(
                rows,
                headers=["finding", "commitment", "details", "since last check"],
                tablefmt="simple",
                disable_numparse=[0, 2, 3],
            ),
        ]
        if len(shown) < len(current):
            lines.append(
                f"... and {len(current) - len(shown):,} more findings: the reports list them all."
            )
    if record.resolved:
        resolved = sorted(record.resolved, key=_order)[:limit]
        rows = [[f.kind.replace("_", " "), f.commitment_id, f.message] for f in resolved]
        lines += [
            "",
            "Resolved since the last check:",
            tabulate(
                rows,
                headers=["finding", "commitment", "was"],
                tablefmt="simple",
                disable_numparse=[0, 2],
            ),
        ]
        if len(resolved) < len(record.resolved):
            lines.append(
                f"... and {len(record.resolved) - len(resolved):,} more resolved findings."
            )
    return "\n".join(lines)


def _order(f: Any) -> tuple[int, int, str]:
    """By kind; the most overdue first and the soonest due first, as the reports list them."""
    days = f.days or 0
    by_days = -days if f.kind == "overdue" else days if f.kind == "due_soon" else 0
    return (FINDING_KINDS.index(f.kind), by_days, f.commitment_id)


def detail_text(detail: dict[str, Any]) -> str:
    c = detail["commitment"]
    # Text from the file goes on one line each: a line break in a title cannot fake a line.
    out = [f"{c['id']}: {one_line(c['title'])}"]
    if c["archived"]:
        why = f"removed from {c['archived_from'] or REMOVED_FROM_UNKNOWN}"
        last = next((h for h in reversed(c["history"]) if h["event"] == "archived"), None)
        if last is not None and str(last["note"] or "").startswith(REDRAFTED):
            why = str(last["note"])  # in the file again, as a draft to review
        out.append(
            f"ARCHIVED: {why} (archived {moment_label(str(c['archived_at']))}); shown from the"
            " database."
        )
    out.append(f"  status as of {_day(detail['as_of'])}: {c['status'].replace('_', ' ')}")
    if c["due"]["label"]:
        out.append(f"  due: {c['due']['label']}")
    if c["review_every"]:
        out.append(f"  review: every {c['review_every'].removeprefix('every ')}")
    out.append(
        f'  theme: {one_line(c["theme"])}; wording: "{one_line(c["strength"])}"; '
        f"parties: {one_line(', '.join(c['parties']))}"
        + (f"; lead: {one_line(c['lead'])}" if c["lead"] else "")
    )
    if c.get("addressees"):
        out.append(f"  asked to act: {one_line(', '.join(c['addressees']))}")
    for f in c["findings"]:
        out.append(f"  finding: {f['kind'].replace('_', ' ')}: {one_line(f['message'])}")
    src = c["source"]
    out.append("")
    # A source without a local text has no paragraph numbers.
    where = f", {one_line(c['paragraph_label'])}" if c.get("paragraph_label") else ""
    out.append(f"Quote ({one_line(src['title'] or src['id'])}, {src['date'] or ''}{where}):")
    out.append(
        textwrap.fill(f"\u201c{c['quote']}\u201d", 96, initial_indent="  ", subsequent_indent="  ")
    )
    if c["paragraph_text"]:
        out.append("Paragraph:")
        out.append(
            textwrap.fill(c["paragraph_text"], 96, initial_indent="  ", subsequent_indent="  ")
        )
    out.append("")
    if c["updates"]:
        out.append("Updates:")
        for u in c["updates"]:
            status = f" [{u['status'].replace('_', ' ')}]" if u.get("status") else ""
            out.append(
                textwrap.fill(
                    f"{u['date']}{status} {u['note']}",
                    96,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
            if u.get("source"):
                out.append(f"    evidence: {one_line(u['source'])}")
    else:
        out.append("Updates: none recorded.")
    out.append("")
    out.append("Status history (from the database):")
    if not c["history"]:
        out.append("  none yet: run 'sco-tracker sync'.")
    for h in c["history"]:
        if h["event"] != "status":  # archived, restored: which file, in its note
            effective = one_line(h["note"] or "")
        elif h["effective_date"]:
            effective = f"effective {_day(h['effective_date'])}"
        else:
            effective = "set without a dated update"
        what = (
            h["status"].replace("_", " ")
            if h["event"] == "status"
            else f"{h['event']} ({h['status'].replace('_', ' ')})"
        )
        out.append(f"  {what:<24} {effective:<26} recorded {moment_label(str(h['observed_at']))}")
        if h["source"]:
            out.append(f"  {'':<24} evidence: {h['source']}")
    return "\n".join(out)


def _day(value: object) -> str:
    """A date of the database ('2018-06-10', or a date) as '10 June 2018'."""
    try:
        return day_label(value if isinstance(value, date) else date.fromisoformat(str(value)))
    except ValueError:
        return str(value)
