"""What a report shows, as typed data: built by one pure function of the project and a date.

`build_context(project, as_of, generated_at, previous)` turns the checks into a
ReportContext (its types are in model.py). Templates receive exactly the fields of
ReportContext (and nothing else), so a template can be rewritten by a user without reading
Python, and a typo in a template fails loudly (StrictUndefined).

Definitions used in every report:

- A commitment is *due* as of a date when it is a deliverable whose deadline (the last day
  of its due period, or its event's date) is on or before that date.
- The *fulfilment rate* is the number of due commitments whose status is `fulfilled`,
  divided by the number of due commitments. Partially fulfilled ones are counted and shown
  beside it but do not count as fulfilled. With no commitment due, there is no rate.
- *What changed* compares this report with the previous one (the report with the latest
  as-of date before this one): statuses that differ, with the dated updates recorded
  between the two as-of dates as evidence, and findings that are new or resolved.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from sco_tracker.report.model import (
    FINDING_LABELS,
    STATUS_LABELS,
    STATUS_ORDER,
    Changes,
    CommitmentView,
    Count,
    FindingChange,
    FindingView,
    Fulfilment,
    PreviousReport,
    ReportContext,
    SourceGroup,
    SourceView,
    StatusChange,
    Theme,
    Timeline,
    TimelineLane,
    TimelinePoint,
    TimelineTick,
    UpdateView,
    safe_url,
)
from sco_tracker.report.site_views import THEMES, page_path, theme_slugs
from sco_tracker.spec.dates import day_label, parse_cadence
from sco_tracker.spec.model import Kind, Status, Update
from sco_tracker.spec.project import Project
from sco_tracker.spec.vocabulary import UNDATED_COUNTED, plural
from sco_tracker.tracking.checks import (
    FINDING_KINDS,
    Evaluation,
    FindingKind,
    drafts_awaiting_review,
    evaluate,
)
from sco_tracker.tracking.compliance import compliance
from sco_tracker.tracking.selection import EVERYTHING, Selection, view_title

#: Above this many commitments, the HTML report collapses what needs no attention.
COLLAPSE_ABOVE = 60
#: Above this many commitments (and with the site beside it), the report lists what needs
#: attention (overdue, due soon, undated, what changed) in full and links the rest into the
#: site: at 500 the full report is about 1 MB of HTML, at 10,000 it would be 17 MB.
BRIEF_ABOVE = 500


# -- building ----------------------------------------------------------------------------------


def build_context(
    project: Project,
    as_of: date,
    generated_at: datetime,
    previous: PreviousReport | None = None,
    last_check: str = "",
    evaluations: list[Evaluation] | None = None,
    selection: Selection = EVERYTHING,
    site: str | None = None,
) -> ReportContext:
    """The report as of a date. Pure: the same inputs give the same context.

    evaluations: evaluate(project, as_of) when the caller has it already (run does).
    selection: the sources and parties shown (tracking/selection.py); by default the whole file.
    site: the site beside the report, relative to it ("site/"), when there is one.
    """

    if evaluations is None:
        evaluations = evaluate(project, as_of)
    evaluations = selection.evaluations(evaluations)
    source_views = {sid: _source_view(project, sid) for sid in project.sources}
    views = [_commitment_view(project, ev, source_views) for ev in evaluations]
    total = len(views)
    collapse = total > COLLAPSE_ABOVE

    status_counter = Counter(v.status for v in views)
    status_counts = [
        Count(s, STATUS_LABELS[s], status_counter[s], _pct(status_counter[s], total))
        for s in STATUS_ORDER
    ]
    finding_counter = Counter(k for v in views for k in set(v.finding_kinds))
    finding_counts = [
        Count(k, FINDING_LABELS[k], finding_counter[k], _pct(finding_counter[k], total))
        for k in FINDING_KINDS
    ]

    overdue = sorted(
        (v for v in views if v.days_overdue is not None),
        key=lambda v: (-(v.days_overdue or 0), v.id),
    )
    due_soon = sorted(
        (v for v in views if v.days_left is not None), key=lambda v: (v.days_left or 0, v.id)
    )
    undated = [v for v in views if "undated" in v.finding_kinds]
    continuous = [v for v in views if v.kind == Kind.continuous.value]

    # The sources shown: those chosen (or every one), issued by the as-of date, and any other
    # whose commitments are shown; by date.
    source_ids = [s.id for s in selection.shown_sources(project, as_of)]
    for sid in sorted(
        {v.source.id for v in views} - set(source_ids), key=lambda s: (project.sources[s].date, s)
    ):
        source_ids.append(sid)
    source_ids.sort(key=lambda s: (project.sources[s].date, s))
    sources = [source_views[sid] for sid in source_ids]
    used: set[str] = set()
    pages = _theme_pages(views, site)
    source_groups: list[SourceGroup] = []
    if len(sources) > 1:  # one group per source, its themes inside; the themes in that order
        themes = []
        of_source: dict[str, list[CommitmentView]] = {}
        for v in views:  # in one pass: a scan of every view per source is quadratic
            of_source.setdefault(v.source.id, []).append(v)
        for sv in sources:
            mine = of_source.get(sv.id, [])
            group_themes = _themes(mine, used, pages)
            themes.extend(group_themes)
            anchor = _anchor(sv.id, used, "source-")
            source_groups.append(SourceGroup(sv, anchor, group_themes, len(mine)))
    else:
        themes = _themes(views, used, pages)
    title = view_title(project, selection, as_of)
    brief = site is not None and total > BRIEF_ABOVE

    return ReportContext(
        title=title,
        as_of=as_of,
        as_of_label=day_label(as_of),
        generated_at=generated_at,
        generated_label=_time_label(generated_at),
        sources=sources,
        total=total,
        due_soon_days=project.settings.due_soon_days,
        status_counts=status_counts,
        finding_counts=finding_counts,
        fulfilment=_fulfilment(views, as_of),
        overdue=overdue,
        due_soon=due_soon,
        undated=undated,
        changes=_changes(views, evaluations, previous, as_of) if previous is not None else None,
        themes=themes,
        continuous=continuous,
        timeline=_timeline(views, as_of),
        collapse=collapse,
        status_labels=dict(STATUS_LABELS),
        # A large report lists only the assessed rows of the grid; `sco-tracker compliance` gives
        # all.
        compliance=compliance(project, today=as_of, selection=selection).as_dict(
            unassessed_rows=not collapse
        ),
        last_check=last_check,
        drafts_awaiting_review=drafts_awaiting_review(project, as_of)
        if selection.everything
        else sum(
            1
            for c in project.commitments
            if c.draft and selection.keeps(c) and project.sources[c.source].date <= as_of
        ),
        source_groups=source_groups,
        view=selection.describe(),
        site=site,
        brief=brief,
        all_themes=_themes(views, set(), pages) if brief else [],
    )


def _theme_pages(views: list[CommitmentView], site: str | None) -> dict[str, str]:
    """Each theme's page in the site, relative to the report ({} without a site)."""
    if site is None:
        return {}
    slugs = theme_slugs(v.theme for v in views)
    return {name: f"{site}{page_path(THEMES, slug)}" for name, slug in slugs.items()}


def _themes(
    views: list[CommitmentView], used: set[str], pages: dict[str, str] | None = None
) -> list[Theme]:
    by_theme: dict[str, list[CommitmentView]] = defaultdict(list)
    for v in views:
        by_theme[v.theme].append(v)
    themes = []
    for name in sorted(by_theme, key=str.casefold):
        items = by_theme[name]
        themes.append(
            Theme(
                name=name,
                anchor=_anchor(name, used),
                commitments=items,
                attention=[v for v in items if v.attention],
                others=[v for v in items if not v.attention],
                href=(pages or {}).get(name, ""),
            )
        )
    return themes


def _pct(n: int, total: int) -> float:
    return round(100.0 * n / total, 1) if total else 0.0


def _anchor(name: str, used: set[str], prefix: str = "theme-") -> str:
    base = prefix + ("".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") or "x")
    while "--" in base:
        base = base.replace("--", "-")
    anchor, n = base, 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor


def _time_label(t: datetime) -> str:
    zone = t.tzname() or ""
    return f"{day_label(t.date())}, {t:%H:%M} {zone}".strip()


def _source_view(project: Project, sid: str) -> SourceView:
    s = project.sources[sid]
    return SourceView(s.id, s.title, s.date, day_label(s.date), s.place, safe_url(s.url))


def _update_view(u: Update) -> UpdateView:
    status = u.status.value if u.status is not None else None
    return UpdateView(
        date=u.date,
        date_label=day_label(u.date),
        status=status,
        status_label=STATUS_LABELS[status] if status else None,
        note=u.note,
        url=safe_url(u.source),
        source_text=u.source,
    )


def _commitment_view(
    project: Project, ev: Evaluation, sources: dict[str, SourceView]
) -> CommitmentView:
    c = ev.commitment
    names = [project.parties[p].name if p in project.parties else p for p in c.parties]
    lead = project.parties[c.lead].name if c.lead and c.lead in project.parties else c.lead
    updates = [_update_view(u) for u in ev.updates]
    findings = [
        FindingView(f.kind.value, FINDING_LABELS[f.kind.value], f.message, f.days)
        for f in ev.findings
    ]
    kinds = {f.kind for f in ev.findings}
    days_overdue = next((f.days for f in ev.findings if f.kind == FindingKind.overdue), None)
    days_left = next((f.days for f in ev.findings if f.kind == FindingKind.due_soon), None)

    last_review: date | None = None
    last_review_label = ""
    next_review_label: str | None = None
    if c.kind == Kind.continuous:
        last_review = ev.last_update.date if ev.last_update else None
        since = last_review or project.sources[c.source].date
        last_review_label = (
            day_label(last_review) if last_review else f"none since the source ({day_label(since)})"
        )
        if c.review_every:
            next_review_label = day_label(parse_cadence(c.review_every).after(since))

    return CommitmentView(
        id=c.id,
        title=c.title,
        theme=c.theme,
        kind=c.kind.value,
        strength=c.strength,
        parties=names,
        lead=lead,
        addressees=[project.parties[a].name if a in project.parties else a for a in c.addressees],
        due_label=ev.due.label(),
        due_phrase=ev.due.phrase(),
        due_date=ev.due.end,
        due_undated=ev.due.undated_case,
        status=ev.status.value,
        status_label=STATUS_LABELS[ev.status.value],
        findings=findings,
        updates=updates,
        latest_update=updates[-1] if updates else None,
        status_evidence=next(
            (
                view
                for u, view in zip(reversed(ev.updates), reversed(updates), strict=True)
                if u.status is ev.status
            ),
            None,
        ),
        source=sources[c.source],
        paragraph=c.paragraph,
        paragraph_label=project.place(c.source, c.paragraph),
        quote=c.quote,
        notes=c.notes,
        review_every=str(parse_cadence(c.review_every)) if c.review_every else None,
        last_review=last_review,
        last_review_label=last_review_label,
        next_review_label=next_review_label,
        days_overdue=days_overdue,
        days_left=days_left,
        attention=bool(kinds & {FindingKind.overdue, FindingKind.due_soon}),
    )


def _fulfilment(views: list[CommitmentView], as_of: date) -> Fulfilment:
    due = [
        v
        for v in views
        if v.kind == Kind.deliverable.value and v.due_date is not None and v.due_date <= as_of
    ]
    fulfilled = sum(1 for v in due if v.status == Status.fulfilled.value)
    partial = sum(1 for v in due if v.status == Status.partially_fulfilled.value)
    if not due:
        nothing = "no commitment was due yet"
        return Fulfilment(0, 0, 0, None, nothing, nothing)
    rate = fulfilled / len(due)
    counts = f"{fulfilled} of {len(due)} due commitments fulfilled"
    return Fulfilment(len(due), fulfilled, partial, rate, f"{counts} ({rate:.0%})", counts)


def _changes(
    views: list[CommitmentView],
    evaluations: list[Evaluation],
    previous: PreviousReport,
    as_of: date,
) -> Changes:
    by_id = {v.id: v for v in views}
    status_changes = []
    for ev in evaluations:
        v = by_id[ev.id]
        before = previous.statuses.get(v.id)
        if before == v.status:
            continue
        evidence = [_update_view(u) for u in ev.updates if previous.as_of < u.date <= as_of]
        if not evidence and v.status_evidence is not None:
            # Recorded since the previous report, but dated before it: still the evidence.
            evidence = [v.status_evidence]
        status_changes.append(
            StatusChange(
                commitment=v,
                before=before,
                before_label=STATUS_LABELS.get(before, before)
                if before
                else "not in the previous report",
                after=v.status,
                after_label=v.status_label,
                evidence=evidence,
            )
        )
    now = {(v.id, f.kind): f for v in views for f in v.findings}
    then = {(cid, kind) for cid, kinds in previous.findings.items() for kind in kinds}
    new_findings = [
        FindingChange(cid, by_id[cid].title, kind, FINDING_LABELS.get(kind, kind), f.message)
        for (cid, kind), f in now.items()
        if (cid, kind) not in then
    ]
    resolved = []
    for cid, kind in sorted(then - set(now)):
        title = by_id[cid].title if cid in by_id else cid
        status = by_id[cid].status_label.lower() if cid in by_id else "no longer tracked"
        resolved.append(
            FindingChange(cid, title, kind, FINDING_LABELS.get(kind, kind), f"now {status}")
        )
    return Changes(
        previous.as_of, day_label(previous.as_of), status_changes, new_findings, resolved
    )


# -- timeline ----------------------------------------------------------------------------------

_T_WIDTH, _T_LEFT, _T_RIGHT, _T_TOP, _T_LANE = 960, 150, 30, 34, 34


def _timeline(views: list[CommitmentView], as_of: date) -> Timeline:
    dated = [v for v in views if v.kind == Kind.deliverable.value and v.due_date is not None]
    undated = [v for v in views if v.kind == Kind.deliverable.value and v.due_date is None]
    days = [v.due_date for v in dated if v.due_date is not None] + [as_of]
    start, end = min(days), max(days)
    span = max((end - start).days, 28)
    pad = max(3, span // 20)
    # Padded, but never past the first or the last day a date can hold (1 January of year 1,
    # 31 December 9999): a due date at either end must not make the report fail.
    start = start - timedelta(days=min(pad, (start - date.min).days))
    end = start + timedelta(days=min(span + 2 * pad, (date.max - start).days))
    total_days = (end - start).days
    inner = _T_WIDTH - _T_LEFT - _T_RIGHT

    def x_of(d: date) -> float:
        return round(_T_LEFT + inner * (d - start).days / total_days, 1)

    statuses = [s for s in STATUS_ORDER if any(v.status == s for v in dated)] or ["planned"]
    lanes = [
        TimelineLane(_T_TOP + _T_LANE * i + _T_LANE / 2, s, STATUS_LABELS[s])
        for i, s in enumerate(statuses)
    ]
    lane_y = {lane.status: lane.y for lane in lanes}

    groups: dict[tuple[date, str], list[CommitmentView]] = defaultdict(list)
    for v in dated:
        groups[(v.due_date, v.status)].append(v)  # type: ignore[index]
    points = []
    for (d, status), items in sorted(groups.items()):
        n = len(items)
        names = "; ".join(f"{v.title} ({v.id})" for v in items[:5]) + (
            f"; and {n - 5} more" if n > 5 else ""
        )
        points.append(
            TimelinePoint(
                x=x_of(d),
                y=lane_y[status],
                r=round(min(5 + 2.5 * math.sqrt(n - 1), 15), 1),
                status=status,
                count=n,
                date_label=day_label(d),
                title=(
                    f"{day_label(d)} · {STATUS_LABELS[status]} · {n} "
                    f"commitment{'s' if n != 1 else ''}: {names}"
                ),
                href="#" + items[0].id,
                late=any(v.days_overdue is not None for v in items),
            )
        )
    ticks = [TimelineTick(x_of(t), label) for t, label in _ticks(start, end)]
    height = _T_TOP + _T_LANE * len(lanes) + 28
    description = (
        f"Due dates of {len(dated)} dated deliverables from {day_label(start)} to "
        f"{day_label(end)}, one row per status, with the as-of date {day_label(as_of)} marked."
    )
    return Timeline(
        _T_WIDTH,
        height,
        _T_LEFT,
        _T_WIDTH - _T_RIGHT,
        points,
        ticks,
        lanes,
        x_of(as_of),
        day_label(as_of),
        len(undated),
        description,
        _left_off(undated),
    )


def _left_off(undated: list[CommitmentView]) -> str:
    """'Not on the timeline: 1 deliverable for which the document gives no date; 2 due at an
    event without a date.' (each case in its own words), or '' when every deliverable is dated."""
    parts: list[str] = []
    for case, words in UNDATED_COUNTED.items():
        n = sum(1 for v in undated if v.due_undated == case)
        if n:
            parts.append(f"{n if parts else plural(n, 'deliverable')} {words}")
    return f"Not on the timeline: {'; '.join(parts)}." if parts else ""


def _ticks(start: date, end: date) -> list[tuple[date, str]]:
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 42:  # years: every one, or every few when the span is centuries (at most ~20)
        every = max(1, months // 12 // 20)
        first = start.year + (0 if (start.month, start.day) == (1, 1) else 1)
        first += -first % every
        return [(date(y, 1, 1), str(y)) for y in range(first, end.year + 1, every)]
    step = 1 if months <= 14 else 3
    d = date(start.year, start.month, 1)
    out = []
    while d <= end:
        if d >= start and (d.month - 1) % step == 0:
            out.append((d, d.strftime("%b %Y")))
        y, m = divmod(d.month, 12)
        if d.year + y > date.max.year:
            break
        d = date(d.year + y, m + 1, 1)
    return out
