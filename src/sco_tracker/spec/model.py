"""The commitments.yaml format as typed, documented fields (pydantic v2).

This module checks the shape of each entry (keys, types, formats). Rules that span entries
(references, cycles, quotes against the source text) live in rules.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    WithJsonSchema,
)
from pydantic_core import CoreSchema
from pydantic_core import core_schema as cs

from sco_tracker.spec.codes import INVALID_ID, INVALID_SCHEDULE, CodedValueError
from sco_tracker.spec.dates import (
    CADENCE_LIMITS,
    CLOCK_UNITS,
    in_range,
    parse_cadence,
    parse_day,
    parse_duration,
    parse_period,
)
from sco_tracker.spec.notify_settings import Notify, WebURL
from sco_tracker.spec.schedules import parse_trigger
from sco_tracker.spec.vocabulary import ID_MAX_LENGTH, SCORE_WORDS, SCORES, Status

#: An id. Match it with SLUG.fullmatch: '$' would also match before a final newline.
SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


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
    other = "other"


def _day(value: Any) -> date:
    if isinstance(value, date):
        return in_range(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")
    return parse_day(value)


def _slug(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected an id such as 'qingdao-summit', got {value!r}")
    if not SLUG.fullmatch(value):
        raise CodedValueError(
            f"{value!r} is not a valid id: use lower-case letters, digits, '-', '_' or '.', "
            "starting with a letter or digit",
            INVALID_ID,
        )
    if len(value) > ID_MAX_LENGTH:
        raise CodedValueError(
            f"the id '{value[:40]}...' is {len(value)} characters long: "
            f"an id has at most {ID_MAX_LENGTH}",
            INVALID_ID,
        )
    return value


def _due(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(
            "expected a date (2018-05-31), a month (2018-05), a year (2018) or an event id, got "
            f"{value!r}"
        )
    if parse_period(value) is not None:  # raises for impossible dates
        return value
    if SLUG.fullmatch(value):
        return _slug(value)
    raise ValueError(
        "expected a date (2018-05-31), a month (2018-05), a year (2018) or an event id, got "
        f"'{value}'"
    )


def _whole(value: Any) -> Any:
    """A whole number; yes/no is not one (pydantic would read yes as 1)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got yes/no ({str(value).lower()})")
    return value


def _cadence(value: Any) -> str:
    parse_cadence(str(value))
    return str(value)


def _duration(value: Any) -> str:
    parse_duration(str(value))
    return str(value)


def _trigger(value: Any) -> str:
    """A schedule the scheduler accepts: checked with the scheduler's own parser."""
    try:
        parse_trigger(value, "UTC")  # the timezone changes when it fires, not whether it can
    except ValueError as exc:
        raise CodedValueError(str(exc), INVALID_SCHEDULE) from None
    return str(value)


#: Labels of the two branches a NativeFirst type tries (they appear in pydantic's error locations;
#: project.py drops the errors of the FAST branch and the CHECKED label).
FAST = "<fast>"
CHECKED = "<checked>"


@dataclass(frozen=True, eq=False)
class NativeFirst:
    """A shortcut in pydantic-core (compiled) before the Python validators of a field type.

    `fast` must accept only values that the validators written before it in the Annotated[...]
    accept, and give the same result for them (tests/test_fast_validation.py checks this). It
    takes the common, well-formed values without calling Python; anything it refuses goes
    to the Python validators, which decide and give the message the analyst reads, exactly
    as they would without the shortcut.
    """

    fast: CoreSchema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return cs.union_schema(
            [(self.fast, FAST), (handler(source), CHECKED)], mode="left_to_right"
        )


def _text_matching(pattern: str) -> CoreSchema:
    return cs.str_schema(pattern=pattern, strict=True)


#: A year within dates.FIRST_YEAR..LAST_YEAR (1900 to 2999).
_FAST_YEAR = "(?:19|2[0-9])[0-9]{2}"
#: A well-formed ISO day such as 2018-05-22 (pydantic-core rejects impossible ones like 2018-02-30).
_FAST_DAY = cs.chain_schema(
    [_text_matching(rf"^{_FAST_YEAR}-[0-9]{{2}}-[0-9]{{2}}$"), cs.date_schema()]
)
#: An event id that starts with a letter, or a year, month or day that certainly exists
#: (days 29 to 31, and years out of range, are left to _due).
_FAST_DUE = cs.str_schema(
    pattern=rf"^(?:[a-z][a-z0-9_.-]*|{_FAST_YEAR}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|1[0-9]|2[0-8]))?)?)$",
    max_length=ID_MAX_LENGTH,
    strict=True,
)
#: Up to 99 of a unit: within every limit of dates.CADENCE_LIMITS.
_CADENCE_UNITS = "|".join(CADENCE_LIMITS)
_FAST_CADENCE = _text_matching(rf"^(?:every )?[1-9][0-9]? (?:{_CADENCE_UNITS})s?$")

Day = Annotated[
    date,
    BeforeValidator(_day),
    NativeFirst(_FAST_DAY),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
Slug = Annotated[
    str,
    BeforeValidator(_slug),
    NativeFirst(cs.str_schema(pattern=SLUG.pattern, max_length=ID_MAX_LENGTH, strict=True)),
    WithJsonSchema({"type": "string", "pattern": SLUG.pattern, "maxLength": ID_MAX_LENGTH}),
]
Due = Annotated[
    str,
    BeforeValidator(_due),
    NativeFirst(_FAST_DUE),
    WithJsonSchema(
        {
            "description": (
                "YYYY-MM-DD, YYYY-MM (end of that month), YYYY (end of that year), or an event id"
            ),
            "anyOf": [{"type": "string"}, {"type": "integer", "minimum": 1900, "maximum": 2999}],
        }
    ),
]
CadenceText = Annotated[
    str,
    BeforeValidator(_cadence),
    NativeFirst(_FAST_CADENCE),
    WithJsonSchema({"type": "string", "pattern": rf"^(every\s+)?\d+\s+({_CADENCE_UNITS})s?$"}),
]
DurationText = Annotated[
    str,
    BeforeValidator(_duration),
    WithJsonSchema({"type": "string", "pattern": rf"^\d+\s+({'|'.join(CLOCK_UNITS)})s?$"}),
]
Trigger = Annotated[str, BeforeValidator(_trigger), WithJsonSchema({"type": "string"})]


def _score(value: Any) -> int | str:
    """-1, 0, +1 or 'n/a'. YAML reads +1 and -1 as numbers; '+1' in quotes is accepted too."""
    if isinstance(value, bool):
        raise ValueError(f"score {str(value).lower()} is outside the scale: use -1, 0, +1 or n/a")
    if isinstance(value, int) and value in SCORES:
        return value
    if isinstance(value, str) and value.strip().lower() in SCORE_WORDS:
        return SCORE_WORDS[value.strip().lower()]
    shown = value if not isinstance(value, str) else f"'{value}'"
    raise ValueError(
        f"score {shown} is outside the scale: use -1 (no compliance), 0 (partial, work under way), "
        "+1 (full compliance) or n/a (not applicable)"
    )


Score = Annotated[
    int | str,
    BeforeValidator(_score),
    WithJsonSchema(
        {
            "description": (
                "-1 no compliance or action against it, 0 partial or under way, +1 full "
                "compliance, n/a not applicable"
            ),
            "anyOf": [
                {"type": "integer", "enum": [-1, 0, 1]},
                {"type": "string", "enum": ["+1", "-1", "0", "n/a"]},
            ],
        }
    ),
]
Text = Annotated[str, Field(min_length=1)]
Whole = Annotated[int, BeforeValidator(_whole)]


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


class Settings(_Strict):
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
            "dialogue_partner or other."
        )
    )


class Source(_Strict):
    id: Slug
    title: Text
    date: Day
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
    paragraph: Whole | None = Field(
        None,
        ge=1,
        description=(
            "Paragraph number in the source, from 1, one paragraph per line. Required when "
            "the source has a local text."
        ),
    )
    quote: Text = Field(description="Verbatim excerpt of that paragraph.")
    theme: Text
    parties: list[Slug] = Field(min_length=1)
    lead: Slug | None = None
    strength: Text = Field(
        description=(
            "The wording the sides used: agreed, called for, supported, noted the importance of..."
        )
    )
    kind: Kind
    due: Due | None = Field(None, description="Required for a deliverable.")
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


class Exclusion(_Strict):
    """A sentence (or a whole paragraph) of a source that the analyst decided is not a commitment."""  # noqa: E501 (the schema's description)

    source: Slug
    paragraph: int = Field(
        ge=1, description="Paragraph number in the source, from 1, one paragraph per line."
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


class CommitmentsFile(_Strict):
    """The whole of commitments.yaml."""

    settings: Settings = Field(default_factory=Settings)
    parties: list[Party]
    sources: list[Source]
    events: list[Event] = Field(default_factory=list)
    commitments: list[Commitment]
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
