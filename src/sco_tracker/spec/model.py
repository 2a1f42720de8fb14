"""The commitments.yaml format as typed, documented fields (pydantic v2).

This module checks the shape of each entry (keys, types, formats); the field types are in
fields.py. Rules that span entries (references, cycles, quotes against the source text) live
in rules.py.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field

from sco_tracker.spec.fields import (
    CHECKED,
    FAST,
    SLUG,
    CadenceText,
    Day,
    Due,
    DurationText,
    NativeFirst,
    ParagraphRef,
    Score,
    Slug,
    Text,
    Trigger,
    Whole,
)
from sco_tracker.spec.notify_settings import Notify, WebURL
from sco_tracker.spec.vocabulary import ID_MAX_LENGTH, Status

__all__ = ["CHECKED", "FAST", "ID_MAX_LENGTH", "SLUG", "NativeFirst", "Status"]


class Kind(str, Enum):
    deliverable = "deliverable"
    continuous = "continuous"


class ExclusionReason(str, Enum):
    praise_of_past_event = "praise_of_past_event"
    description_of_situation = "description_of_situation"
    procedural = "procedural"
    attendance = "attendance"
    other = "other"


class PartyKind(str, Enum):
    member_state = "member_state"
    sco_body = "sco_body"
    observer_state = "observer_state"
    dialogue_partner = "dialogue_partner"
    state = "state"
    international_organization = "international_organization"
    body = "body"
    group_of_states = "group_of_states"
    other = "other"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, use_enum_values=False)


class Schedule(_Strict):
    check: Trigger = Field(
        "0 6 * * *",
        description=(
            "When to re-read, validate, sync and check. Crontab or 'every N minutes|hours|days'."
        ),
    )
    report: Trigger = Field("0 7 * * mon", description="When to check and write the reports.")
    misfire_grace: DurationText = Field(
        "1 day",
        description="How late a missed run may still be caught up at start-up, e.g. '1 day'.",
    )
    digest: Trigger | None = Field(
        None,
        description=(
            "When to send the digest of everything open (settings.notify), e.g. '0 8 * * mon'."
        ),
    )


class AssessmentWindow(_Strict):
    """A named period to which compliance scores belong: an interim and a final report, or one per presidency."""  # noqa: E501 (the schema's description)

    id: Slug
    title: str | None = Field(
        None, description="E.g. 'Interim: to the presidency handover at the Qingdao summit'."
    )
    start: Day
    end: Day
    sources: list[Slug] = Field(
        default_factory=list,
        description=(
            "The ids of the sources whose commitments this window scores; leave out to cover "
            "every source."
        ),
    )

    def covers(self, source_id: str) -> bool:
        """Does this window score the commitments of that source (by its list, not by date)?"""
        return not self.sources or source_id in self.sources


class Settings(_Strict):
    title: Text | None = Field(
        None,
        description=(
            "The name of this tracker, for the reports' title and the calendar's name, e.g. "
            "'SCO and UN commitments on security'. Default: the titles of the sources shown."
        ),
    )
    timezone: str = Field(
        "UTC", description="IANA timezone for 'today' and for the schedule, e.g. Asia/Shanghai."
    )
    due_soon_days: Whole = Field(
        14, ge=0, le=36500, description="A due date within this many days is 'due soon'."
    )
    stale_after_days: Whole = Field(
        90,
        ge=1,
        le=36500,
        description="An open commitment with no update for this long is 'stale'.",
    )
    reports_dir: str = Field(
        "reports", description="Where reports are written, relative to this file."
    )
    database: str | None = Field(
        None, description="SQLAlchemy URL. Default: an SQLite file beside this file."
    )
    templates_dir: str | None = Field(
        None, description="A folder of templates that override the built-in ones."
    )
    schedule: Schedule = Field(default_factory=Schedule)
    site_url: WebURL | None = Field(
        None, description="Where the reports are published; links in notifications point there."
    )
    notify: Notify = Field(
        default_factory=Notify, description="E-mail and webhooks after each check."
    )
    assessment_windows: list[AssessmentWindow] = Field(
        default_factory=list,
        description=(
            "Named periods (id, start, end) to which compliance scores belong, e.g. interim "
            "and final."
        ),
    )


class Party(_Strict):
    id: Slug
    name: Text
    kind: PartyKind = Field(
        description=(
            "member_state, sco_body (RATS, the Secretariat), observer_state, "
            "dialogue_partner, state, international_organization (the United Nations), body "
            "(an organ or body of an organisation: the UN Secretary-General), group_of_states "
            "or other."
        )
    )
    draft: bool = Field(
        False,
        description="Proposed by 'sco-tracker draft' and not yet reviewed; remove once reviewed.",
    )


class Source(_Strict):
    id: Slug
    title: Text
    date: Day = Field(
        description=(
            "The date the document was adopted or issued (YYYY-MM-DD); 'sco-tracker draft' and "
            "'import' take it from the document."
        )
    )
    place: str | None = None
    url: str | None = Field(None, description="Where the document is published.")
    text: str | None = Field(
        None, description="The text, one paragraph per line, as a path under sources/."
    )


class Event(_Strict):
    id: Slug
    title: Text
    date: Day | None = Field(
        None, description="YYYY-MM-DD, or leave out while the date is not known."
    )
    place: str | None = None
    source: str | None = Field(None, description="Where the date was announced or confirmed.")


class Update(_Strict):
    date: Day
    status: Status | None = Field(None, description="The status from this date on, if it changed.")
    note: Text
    source: str | None = Field(None, description="A link to the evidence.")
    draft: bool = Field(
        False,
        description=(
            "Proposed by 'sco-tracker draft' (a later document reports on this commitment) and "
            "not yet reviewed: the checks leave it out; remove once reviewed."
        ),
    )


class Assessment(_Strict):
    """One member's compliance with one commitment in one window, with the evidence.

    A party with no assessment in a window is 'not assessed', which is not the same as -1.
    """

    party: Slug = Field(description="The party scored; one of the commitment's parties.")
    score: Score
    window: Slug = Field(
        description="The id of an assessment window in settings.assessment_windows."
    )
    date: Day = Field(description="The date of the evidence.")
    note: str | None = Field(
        None, description="What the party did or did not do; required for n/a."
    )
    source: str | None = Field(
        None, description="A link to the evidence; required for -1, 0 and +1."
    )


class Commitment(_Strict):
    id: Slug
    title: Text = Field(
        description="A short imperative, e.g. 'Adopt the 2019-2021 cooperation programme'."
    )
    source: Slug
    paragraph: ParagraphRef | None = Field(
        None,
        description=(
            "The line of the source text, from 1 (one paragraph per line), or the document's "
            'own paragraph number in quotes ("5", "annex 13", "13 (a)"). Required when the '
            "source has a local text."
        ),
    )
    quote: Text = Field(description="Verbatim excerpt of that paragraph.")
    theme: Text
    parties: list[Slug] = Field(
        min_length=1, description="The parties that made it: party ids or party_groups ids."
    )
    addressees: list[Text] = Field(
        default_factory=list,
        description=(
            "Who is asked to act, apart from the parties: party ids (or party_groups ids) or "
            "plain names, e.g. 'UN Secretary-General'."
        ),
    )
    lead: Slug | None = None
    strength: Text = Field(
        description=(
            "The wording the sides used: agreed, called for, supported, noted the importance of..."
        )
    )
    kind: Kind
    due: Due | None = Field(
        None, description="Required for a deliverable; 'unspecified' when the document gives none."
    )
    review_every: CadenceText | None = Field(
        None, description="Required for a continuous commitment, e.g. 'every 6 months'."
    )
    status: Status
    depends_on: list[Slug] = Field(default_factory=list)
    updates: list[Update] = Field(default_factory=list)
    notes: str | None = Field(None, description="Free text for analysts.")
    draft: bool = Field(
        False,
        description="Proposed by 'sco-tracker draft' and not yet reviewed; remove once reviewed.",
    )
    restates: Slug | None = Field(
        None,
        description=(
            "The id of an earlier commitment (maybe from an earlier source) that this one restates."
        ),
    )
    assessments: list[Assessment] = Field(
        default_factory=list,
        description="Per-member compliance scores, each in a window, with evidence.",
    )
    # _line: the line of the source text that `paragraph` names, set by validation for a label.
    # _draft_updates: the updates marked `draft: true`, with their place in the file's list (set
    # by validation, which leaves them out of `updates`: nothing downstream counts them).
    # Slots, not pydantic PrivateAttrs: those cost a Python call per entry as it is built
    # (20 ms at 10,000 commitments); unset until validation sets them.
    __slots__ = ("_draft_updates", "_line")
    if TYPE_CHECKING:  # not at run time: pydantic would make these PrivateAttrs
        _line: int | None
        _draft_updates: list[tuple[int, Update]]

    @property
    def draft_updates(self) -> list[tuple[int, Update]]:
        """(index in the file's `updates` list, update) of the updates awaiting review."""
        return getattr(self, "_draft_updates", [])

    @property
    def line(self) -> int | None:
        """The line of the source text the paragraph is: `paragraph` itself when it is a line
        number, else the line of the document's paragraph number (None without a local text)."""
        if isinstance(self.paragraph, int):
            return self.paragraph
        return getattr(self, "_line", None)


class Exclusion(_Strict):
    """A sentence (or a whole paragraph) of a source that the analyst decided is not a commitment."""  # noqa: E501 (the schema's description)

    source: Slug
    paragraph: ParagraphRef = Field(
        description=(
            "The line of the source text, from 1, or the document's own paragraph number in "
            'quotes ("5", "annex 13").'
        )
    )
    quote: Text | None = Field(
        None,
        description=(
            "Verbatim words narrowing the exclusion to the sentence that holds them; leave "
            "out to exclude the whole paragraph."
        ),
    )
    reason: ExclusionReason = Field(
        description=(
            "praise_of_past_event, description_of_situation, procedural, attendance or other "
            "(with a note)."
        )
    )
    note: str | None = Field(None, description="Why; required when the reason is 'other'.")
    draft: bool = Field(
        False,
        description="Proposed by 'sco-tracker draft' and not yet reviewed; remove once reviewed.",
    )
    __slots__ = ("_line",)  # see Commitment
    if TYPE_CHECKING:
        _line: int | None

    @property
    def line(self) -> int | None:
        """The line of the source text the excluded paragraph is (see Commitment.line)."""
        if isinstance(self.paragraph, int):
            return self.paragraph
        return getattr(self, "_line", None)


class Quoted(BaseModel):
    """Where an entry's quote is: its source, paragraph and quote, read alone (the other keys
    ignored) when another field of the entry has a mistake, so that its quote is still checked."""

    model_config = ConfigDict(extra="ignore")
    source: Slug
    paragraph: ParagraphRef | None = None
    quote: Text | None = None


def set_line(entry: Commitment | Exclusion, line: int | None) -> None:
    """Set an entry's `_line` slot (validation does, for a paragraph label). Directly: the
    BaseModel.__setattr__ of a name that is no field takes several microseconds, per entry."""
    object.__setattr__(entry, "_line", line)


GroupMembers = Annotated[list[Slug], Field(min_length=1)]


class PartyGroupsSection(_Strict):
    """The party_groups section alone (validated before the commitments that use it)."""

    party_groups: dict[Slug, GroupMembers] = Field(
        default_factory=dict,
        description=(
            "Named groups of parties, usable wherever a list of parties is: group id -> party "
            "ids (or other group ids), e.g. sco-members: [china, india, ...]."
        ),
    )


class CommitmentsFile(_Strict):
    """commitments.yaml, or a file it includes (which has no settings and no include).

    parties, sources and commitments are required of the project as a whole (validate says
    when one is missing), so that this one schema serves both kinds of file."""

    # Never validated whole (validation shapes each section and entry with its own model):
    # built only when asked for its JSON Schema (spec/schema.py), not on every import.
    model_config = ConfigDict(defer_build=True)

    settings: Settings = Field(
        default_factory=Settings,
        description="The project's settings: in commitments.yaml only, never in an included file.",
    )
    include: list[str] = Field(
        default_factory=list,
        description=(
            "Other files that hold entries of this project (commitments.yaml only): paths or "
            "patterns relative to this file, inside the project, such as 'commitments/*.yaml'. "
            "An included file holds parties, party_groups, sources, events, commitments and "
            "exclusions."
        ),
    )
    parties: list[Party] = Field(default_factory=list)
    party_groups: dict[Slug, GroupMembers] = Field(
        default_factory=dict,
        description=(
            "Named groups of parties, usable wherever a list of parties is: group id -> party "
            "ids (or other group ids), e.g. sco-members: [china, india, ...]."
        ),
    )
    sources: list[Source] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(
        default_factory=list,
        description="Sentences decided not to be commitments, with the reason.",
    )


SECTIONS: dict[str, type[BaseModel]] = {
    "parties": Party,
    "sources": Source,
    "events": Event,
    "commitments": Commitment,
}
