"""The field types of the format (ids, dates, dues, cadences, scores, paragraphs), each a
pydantic type with its message for an analyst and its JSON Schema; model.py builds the entries
from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, GetCoreSchemaHandler, WithJsonSchema
from pydantic_core import CoreSchema
from pydantic_core import core_schema as cs

from sco_tracker.spec.codes import INVALID_ID, INVALID_SCHEDULE, OUT_OF_RANGE, CodedValueError
from sco_tracker.spec.dates import (
    CADENCE_LIMITS,
    CLOCK_UNITS,
    in_range,
    parse_cadence,
    parse_day,
    parse_duration,
    parse_period,
)
from sco_tracker.spec.schedules import parse_trigger
from sco_tracker.spec.vocabulary import ID_MAX_LENGTH, SCORE_WORDS, SCORES, UNSPECIFIED

#: An id. Match it with SLUG.fullmatch: '$' would also match before a final newline.
SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


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


_DUE_FORMS = (
    "expected a date (2018-05-31), a month (2018-05), a year (2018), an event id, or "
    f"'{UNSPECIFIED}' when the document gives no date, got "
)


def _due(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"{_DUE_FORMS}{value!r}")
    if parse_period(value) is not None:  # raises for impossible dates
        return value
    if SLUG.fullmatch(value):
        return _slug(value)
    raise ValueError(f"{_DUE_FORMS}'{value}'")


#: The highest line number a paragraph may name (a text of a million paragraphs; larger numbers
#: would overflow the 64-bit integers of the database and of the site's keys).
PARAGRAPH_MAX = 1_000_000


def _paragraph(value: Any) -> int | str:
    """A line of the source text (a whole number, from 1) or the document's own paragraph
    number as printed, in quotes ("5", "annex 13", "13 (a)")."""
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got yes/no ({str(value).lower()})")
    if isinstance(value, int):
        if value < 1:
            raise CodedValueError(f"'paragraph' must be at least 1, got {value}", OUT_OF_RANGE)
        if value > PARAGRAPH_MAX:
            raise CodedValueError(
                f"'paragraph' must be at most {PARAGRAPH_MAX:,} (a line of the source text), "
                f'got {value}; for the document\'s own numbering, quote it: "{value}"',
                OUT_OF_RANGE,
            )
        return value
    if isinstance(value, str):
        if not value.strip():
            raise ValueError(
                "'paragraph' is empty: give the line number, or the document's own paragraph "
                'number in quotes ("5", "annex 13")'
            )
        return value.strip()
    raise ValueError(
        "'paragraph' should be a line number or the document's own paragraph number in quotes "
        f'("5", "annex 13"), got {value!r}'
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
ParagraphRef = Annotated[
    int | str,
    BeforeValidator(_paragraph),
    # a line number: almost every paragraph
    NativeFirst(cs.int_schema(ge=1, le=PARAGRAPH_MAX, strict=True)),
    WithJsonSchema(
        {
            "description": (
                "The line of the source text (a whole number, from 1), or the document's own "
                'paragraph number as printed, in quotes: "5", "annex 13", "13 (a)".'
            ),
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": PARAGRAPH_MAX},
                {"type": "string", "minLength": 1},
            ],
        }
    ),
]
Due = Annotated[
    str,
    BeforeValidator(_due),
    NativeFirst(_FAST_DUE),
    WithJsonSchema(
        {
            "description": (
                "YYYY-MM-DD, YYYY-MM (end of that month), YYYY (end of that year), an event id, "
                "or 'unspecified' when the document gives no date"
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
