"""ReportContext and its pieces: the typed data a report template receives (and nothing else).

Built by context.build_context; the labels and safe_url are shared with the calendar and the
template filters.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sco_tracker.encoding import web_url
from sco_tracker.spec.model import Status

STATUS_ORDER = [s.value for s in Status]
STATUS_LABELS = {
    "planned": "Planned",
    "in_progress": "In progress",
    "fulfilled": "Fulfilled",
    "partially_fulfilled": "Partially fulfilled",
    "not_fulfilled": "Not fulfilled",
    "dropped": "Dropped",
}
FINDING_LABELS = {
    "overdue": "Overdue",
    "due_soon": "Due soon",
    "undated": "Undated",
    "stale": "Stale",
    "blocked": "Blocked",
    "unsupported": "Unsupported",
    "slipped": "Slipped",
}
#: The link if it is a web or mail link (the allow-list is spec/vocabulary.LINK_SCHEMES, which
#: validate warns by), percent-encoded so it stays one link: a newline, a space or a bracket in
#: it cannot end it (sco_tracker.encoding.web_url). None otherwise (javascript:, data:, ...).
safe_url = web_url


# -- the pieces ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceView:
    id: str
    title: str
    date: date
    date_label: str
    place: str | None
    url: str | None


@dataclass(frozen=True)
class UpdateView:
    date: date
    date_label: str
    status: str | None
    status_label: str | None
    note: str
    url: str | None
    #: The source link as written, shown as text when it is not a safe web link.
    source_text: str | None


@dataclass(frozen=True)
class FindingView:
    kind: str
    label: str
    message: str
    days: int | None


@dataclass(frozen=True)
class CommitmentView:
    id: str
    title: str
    theme: str
    kind: str
    strength: str
    parties: list[str]
    lead: str | None
    #: Who is asked to act apart from the parties (party names, or names as written).
    addressees: list[str]
    #: 'by 31 May 2018'... as a label; 'ongoing, reviewed every year' for an ongoing one.
    due_label: str
    #: In a sentence: 'due 31 May 2018', 'ongoing, reviewed every year' (never 'due ongoing').
    due_phrase: str
    due_date: date | None
    #: Why it has no due date: 'unspecified' (the document gives none) or 'event' (the event it
    #: is due at has no date yet), the keys of vocabulary.UNDATED_REASONS; None otherwise.
    due_undated: str | None
    status: str
    status_label: str
    findings: list[FindingView]
    updates: list[UpdateView]
    latest_update: UpdateView | None
    #: The latest update (on or before the as-of date) that set the current status: the evidence
    #: that it was done, often older than the latest update.
    status_evidence: UpdateView | None
    source: SourceView
    #: As written: a line of the source text, or the document's own number ("5", "annex 13").
    paragraph: int | str | None
    #: Project.place: "paragraph 5", "annex paragraph 13", "line 11" (a line without a printed
    #: number), "paragraph 12" (a document that numbers none); None without a paragraph.
    paragraph_label: str | None
    quote: str
    notes: str | None
    review_every: str | None
    last_review: date | None
    last_review_label: str
    next_review_label: str | None
    days_overdue: int | None
    days_left: int | None
    attention: bool

    @property
    def finding_kinds(self) -> list[str]:
        return [f.kind for f in self.findings]


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class Fulfilment:
    due: int
    fulfilled: int
    partially_fulfilled: int
    #: fulfilled / due, between 0 and 1; None when nothing is due yet.
    rate: float | None
    #: '3 of 5 due commitments fulfilled (60%)': the counts and the rate.
    label: str
    #: '3 of 5 due commitments fulfilled': the counts alone, beside the rate shown as a figure
    #: (the HTML report's card), so that the rate is not given twice.
    counts: str

    @property
    def percent(self) -> float | None:
        return None if self.rate is None else round(100 * self.rate, 1)


@dataclass(frozen=True)
class StatusChange:
    commitment: CommitmentView
    before: str | None
    before_label: str
    after: str
    after_label: str
    evidence: list[UpdateView]


@dataclass(frozen=True)
class FindingChange:
    commitment_id: str
    title: str
    kind: str
    label: str
    message: str


@dataclass(frozen=True)
class Changes:
    previous_as_of: date
    previous_as_of_label: str
    status_changes: list[StatusChange]
    new_findings: list[FindingChange]
    resolved_findings: list[FindingChange]

    @property
    def empty(self) -> bool:
        return not (self.status_changes or self.new_findings or self.resolved_findings)


@dataclass(frozen=True)
class Theme:
    name: str
    anchor: str
    commitments: list[CommitmentView]
    attention: list[CommitmentView]
    others: list[CommitmentView]
    #: The theme's page in the site, relative to the report ("site/theme/drugs.html").
    href: str = ""


@dataclass(frozen=True)
class SourceGroup:
    """The commitments of one source, by theme: the report is grouped so when it shows more
    than one source. A source with no commitments has no themes."""

    source: SourceView
    anchor: str
    themes: list[Theme]
    total: int


@dataclass(frozen=True)
class TimelinePoint:
    x: float
    y: float
    r: float
    status: str
    count: int
    date_label: str
    title: str
    href: str
    #: True when one of the commitments at this point is overdue.
    late: bool


@dataclass(frozen=True)
class TimelineTick:
    x: float
    label: str


@dataclass(frozen=True)
class TimelineLane:
    y: float
    status: str
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    left: int
    right: int
    points: list[TimelinePoint]
    ticks: list[TimelineTick]
    lanes: list[TimelineLane]
    as_of_x: float
    as_of_label: str
    #: The deliverables with no date, left off the timeline...
    undated: int
    description: str
    #: ... and the sentence that says which and why ("Not on the timeline: 1 deliverable for
    #: which the document gives no date; 2 due at an event without a date."), or "".
    left_off: str = ""


@dataclass(frozen=True)
class PreviousReport:
    """What the previous report showed, as kept in the reports manifest."""

    as_of: date
    statuses: dict[str, str]
    findings: dict[str, list[str]]


@dataclass(frozen=True)
class ReportContext:
    """Everything a report template receives: these fields, nothing more."""

    title: str
    as_of: date
    as_of_label: str
    generated_at: datetime
    generated_label: str
    sources: list[SourceView]
    total: int
    due_soon_days: int
    status_counts: list[Count]
    finding_counts: list[Count]
    fulfilment: Fulfilment
    overdue: list[CommitmentView]
    due_soon: list[CommitmentView]
    undated: list[CommitmentView]
    changes: Changes | None
    themes: list[Theme]
    continuous: list[CommitmentView]
    timeline: Timeline
    collapse: bool
    status_labels: dict[str, str]
    #: The per-member compliance grid and restatement chains
    #: (compliance.ComplianceReport.as_dict()).
    compliance: dict[str, Any]
    #: When the last successful progress check ran, for the footer ("" when unknown).
    last_check: str
    #: Draft commitments ('sco-tracker draft', not yet reviewed): left out of every count.
    drafts_awaiting_review: int = 0
    #: The commitments by source, then theme, when the report shows more than one source
    #: (empty when it shows one: `themes` is the whole report then).
    source_groups: list[SourceGroup] = field(default_factory=list)
    #: What the report is narrowed to, for people ("source 'x'; party 'y'"), or "".
    view: str = ""
    #: The site beside the report, relative to it ("site/"); None when there is none.
    site: str | None = None
    #: A report at scale (more than context.BRIEF_ABOVE commitments, with the site): it lists
    #: what needs attention in full and links every other commitment into the site.
    brief: bool = False
    #: In a brief report, every theme over the whole report (one row each, its page's link).
    all_themes: list[Theme] = field(default_factory=list)

    def template_vars(self) -> dict[str, Any]:
        """The variables a template sees: exactly the fields above (shallow, not copied)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def snapshot(self) -> dict[str, Any]:
        """What this report showed, for the manifest: statuses and findings per commitment."""
        statuses: dict[str, str] = {}
        findings: dict[str, list[str]] = {}
        for theme in self.themes:
            for c in theme.commitments:
                statuses[c.id] = c.status
                if c.findings:
                    findings[c.id] = c.finding_kinds
        return {"statuses": statuses, "findings": findings}
