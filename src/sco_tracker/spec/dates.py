"""Dates as analysts write them: a day, a month, a year, or an event, and the end of each period."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from sco_tracker.spec.codes import OUT_OF_RANGE, CodedValueError

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
#: English month names, lower case -> 1..12, for dates written out in documents ("21 May 2018").
MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_YEAR = re.compile(r"^(\d{4})$")

#: The years a date may fall in. Every date the tracker works out from one (the day a due date
#: becomes "due soon", the next review after a cadence of up to 100 years, the span of a
#: report's timeline) then stays within the calendar Python, the databases and iCalendar know.
FIRST_YEAR, LAST_YEAR = 1900, 2999

Precision = Literal["day", "month", "year"]


def parse_day(text: str) -> date:
    """A YYYY-MM-DD date. Raises ValueError with a message for an analyst."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        try:  # the common case, in C; anything odd goes the long way for its message
            parsed = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return in_range(parsed, text)
    m = _DAY.match(text.strip())
    if not m:
        raise ValueError(f"expected a date written YYYY-MM-DD, got '{text}'")
    year, month, day = (int(g) for g in m.groups())
    return _checked(year, month, day, text)


def in_range(d: date, text: str | None = None) -> date:
    """d itself, or ValueError when its year is outside FIRST_YEAR..LAST_YEAR."""
    if not FIRST_YEAR <= d.year <= LAST_YEAR:
        raise CodedValueError(
            f"the date {text or d.isoformat()} is out of range: "
            f"use a date from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31",
            OUT_OF_RANGE,
        )
    return d


def _checked(year: int, month: int, day: int, text: str) -> date:
    in_range(date(max(year, 1), 1, 1), text)
    if not 1 <= month <= 12:
        raise ValueError(f"impossible date {text}: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"impossible date {text}: {calendar.month_name[month]} {year} has {last} days"
        )
    return date(year, month, day)


@dataclass(frozen=True)
class Period:
    """A day, a month or a year. A deadline given as a period means its last day."""

    start: date
    precision: Precision

    @property
    def end(self) -> date:
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            last = calendar.monthrange(self.start.year, self.start.month)[1]
            return self.start.replace(day=last)
        return self.start.replace(month=12, day=31)

    def label(self) -> str:
        """'31 May 2018', 'May 2018' or '2018'."""
        return _label(self.start, self.precision)

    def deadline(self) -> str:
        """The period as a deadline in a sentence: 'by 31 May 2018', 'by the end of May 2018',
        'by the end of 2018'."""
        label = self.label()
        return f"by {label}" if self.precision == "day" else f"by the end of {label}"

    def __str__(self) -> str:
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        return str(self.start.year)


@lru_cache(maxsize=65536, typed=True)
def parse_period(text: str | int) -> Period | None:
    """A Period for 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'; None when text is none of these forms.

    Raises ValueError for a date of the right form that cannot exist (2018-02-30, 2018-13).
    Remembered (a Period is immutable): validation, the checks and the reports ask for the same
    few thousand due dates of 10,000 commitments again and again.
    """
    s = str(text).strip()
    if _DAY.match(s):
        return Period(parse_day(s), "day")
    m = _MONTH.match(s)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"impossible month {s}: there is no month {month}")
        return Period(in_range(date(max(year, 1), month, 1), s), "month")
    if _YEAR.match(s):
        return Period(in_range(date(max(int(s), 1), 1, 1), s), "year")
    return None


@lru_cache(maxsize=65536)
def _label(start: date, precision: Precision) -> str:
    # Remembered: a report at 10,000 commitments asks for the same few thousand labels many times.
    if precision == "day":
        return f"{start.day} {calendar.month_name[start.month]} {start.year}"
    if precision == "month":
        return f"{calendar.month_name[start.month]} {start.year}"
    return str(start.year)


def day_label(d: date) -> str:
    """'31 May 2018'."""
    return _label(d, "day")


def moment_label(value: str) -> str:
    """An ISO timestamp as people read it: '1 December 2026, 18:03 UTC' (or 'UTC+05:00'); the
    text as it is when it is not one."""
    try:
        t = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    offset = t.utcoffset()
    if offset is None:
        zone = ""
    elif not offset:
        zone = " UTC"
    else:
        z = t.strftime("%z")  # "+0500"
        zone = f" UTC{z[:3]}:{z[3:5]}"
    return f"{day_label(t.date())}, {t:%H:%M}{zone}"


@dataclass(frozen=True)
class Cadence:
    """How often a continuous commitment should be reviewed: 'every 3 months', '90 days'."""

    count: int
    unit: Literal["day", "week", "month", "year"]

    def after(self, d: date) -> date:
        if self.unit == "day":
            return d + timedelta(days=self.count)
        if self.unit == "week":
            return d + timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "year" else 1)
        y, m = divmod(d.month - 1 + months, 12)
        year, month = d.year + y, m + 1
        return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))

    def __str__(self) -> str:
        """'every year', 'every 6 months', 'every 2 weeks'."""
        return f"every {self.unit}" if self.count == 1 else f"every {self.count} {self.unit}s"


#: The one grammar of the "N units" phrases: a cadence ('every 6 months'), a duration
#: ('12 hours') and an interval schedule ('every 6 hours'). The unit may be plural.
_AMOUNT = re.compile(r"^\s*(every\s+)?(\d+)\s+([a-z]+?)s?\s*\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    every: bool
    count: int
    unit: str


@lru_cache(maxsize=1024)
def parse_amount(text: str) -> Amount | None:
    """'every 6 months' -> Amount(True, 6, 'month'); '12 hours' -> Amount(False, 12, 'hour');
    None when text is not "[every] N unit(s)". The caller checks the unit and the range."""
    m = _AMOUNT.match(str(text))
    if m is None or not m.group(2).isascii():
        return None
    return Amount(m.group(1) is not None, int(m.group(2)), m.group(3).lower())


#: The longest cadence in each unit: 100 years.
CADENCE_LIMITS = {"day": 36500, "week": 5200, "month": 1200, "year": 100}


@lru_cache(maxsize=1024)
def parse_cadence(text: str) -> Cadence:
    a = parse_amount(text)
    if a is None or a.unit not in CADENCE_LIMITS or a.count < 1:
        raise ValueError(
            "expected a cadence such as 'every 6 months', 'every 2 weeks' or 'every 90 days', "
            f"got '{text}'"
        )
    if a.count > CADENCE_LIMITS[a.unit]:
        raise CodedValueError(
            f"the cadence '{text}' is too long: at most 100 years "
            "(1200 months, 5200 weeks or 36500 days)",
            OUT_OF_RANGE,
        )
    return Cadence(a.count, a.unit)  # type: ignore[arg-type]


#: The units of a duration and of an interval schedule, and the longest of either.
CLOCK_UNITS = ("second", "minute", "hour", "day", "week")
LONGEST_SPAN = timedelta(days=366)


def clock_span(a: Amount, text: str) -> timedelta:
    """The timedelta of an amount in CLOCK_UNITS, or ValueError beyond LONGEST_SPAN."""
    limit = int(LONGEST_SPAN / timedelta(**{a.unit + "s": 1}))
    if a.count > limit:
        raise CodedValueError(
            f"'{text}' is too long: at most {LONGEST_SPAN.days} days ({limit} {a.unit}s)",
            OUT_OF_RANGE,
        )
    return timedelta(**{a.unit + "s": a.count})


def parse_duration(text: str) -> timedelta:
    """'1 day', '12 hours', '30 minutes' as a timedelta (at most LONGEST_SPAN)."""
    a = parse_amount(text)
    if a is None or a.every or a.unit not in CLOCK_UNITS:
        raise ValueError(
            f"expected a duration such as '1 day', '12 hours' or '30 minutes', got '{text}'"
        )
    return clock_span(a, text)
