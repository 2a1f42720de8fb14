"""Dates as analysts write them: a day, a month, a year, or an event, and the end of each period."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_EVERY = re.compile(r"^\s*(?:every\s+)?(\d+)\s+(day|week|month|year)s?\s*$", re.IGNORECASE)

Precision = Literal["day", "month", "year"]


def parse_day(text: str) -> date:
    """A YYYY-MM-DD date. Raises ValueError with a message for an analyst."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        try:  # the common case, in C; anything odd goes the long way for its message
            return date.fromisoformat(text)
        except ValueError:
            pass
    m = _DAY.match(text.strip())
    if not m:
        raise ValueError(f"expected a date written YYYY-MM-DD, got '{text}'")
    year, month, day = (int(g) for g in m.groups())
    return _checked(year, month, day, text)


def _checked(year: int, month: int, day: int, text: str) -> date:
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

    def __str__(self) -> str:
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        return str(self.start.year)


def parse_period(text: str | int) -> Period | None:
    """A Period for 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'; None when text is none of these forms.

    Raises ValueError for a date of the right form that cannot exist (2018-02-30, 2018-13).
    """
    s = str(text).strip()
    if _DAY.match(s):
        return Period(parse_day(s), "day")
    m = _MONTH.match(s)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"impossible month {s}: there is no month {month}")
        return Period(date(year, month, 1), "month")
    if _YEAR.match(s):
        return Period(date(int(s), 1, 1), "year")
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
        return f"every {self.count} {self.unit}{'s' if self.count != 1 else ''}"


def parse_cadence(text: str) -> Cadence:
    m = _EVERY.match(str(text))
    if not m or int(m.group(1)) < 1:
        raise ValueError(
            "expected a cadence such as 'every 6 months', 'every 2 weeks' or 'every 90 days', "
            f"got '{text}'"
        )
    return Cadence(int(m.group(1)), m.group(2).lower())  # type: ignore[arg-type]


_DURATION = re.compile(r"^\s*(\d+)\s+(second|minute|hour|day|week)s?\s*$", re.IGNORECASE)


def parse_duration(text: str) -> timedelta:
    """'1 day', '12 hours', '30 minutes' as a timedelta."""
    m = _DURATION.match(str(text))
    if not m:
        raise ValueError(
            f"expected a duration such as '1 day', '12 hours' or '30 minutes', got '{text}'"
        )
    return timedelta(**{m.group(2).lower() + "s": int(m.group(1))})
