"""Schedule triggers as analysts write them: a crontab string or 'every N units'.

    "0 6 * * mon"        every Monday at 06:00 (minute hour day-of-month month day-of-week)
    "every 6 hours"      every six hours from the daemon's start
    "every 30 seconds"   for tests and demonstrations

Times are wall-clock times in settings.timezone.
"""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

_EVERY = re.compile(r"^\s*every\s+(\d+)\s+(second|minute|hour|day|week)s?\s*$", re.IGNORECASE)


def parse_trigger(text: str, timezone: tzinfo | str) -> Any:
    """An APScheduler trigger for text. Raises ValueError with a message for an analyst."""

    m = _EVERY.match(text)
    if m:
        count = int(m.group(1))
        if count < 1:
            raise ValueError(f"'{text}': the interval must be at least 1")
        return IntervalTrigger(timezone=timezone, **{m.group(2).lower() + "s": count})
    fields = text.split()
    if len(fields) != 5:
        raise ValueError(
            f"'{text}' is not a schedule: use a crontab string with 5 fields "
            "(minute hour day-of-month month day-of-week, e.g. '0 6 * * mon') "
            "or 'every N seconds|minutes|hours|days'"
        )
    try:
        return CronTrigger.from_crontab(text, timezone=timezone)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a valid crontab string: {exc}") from None


def describe(text: str) -> str:
    """A short human description used in logs and `schedule --list`."""
    m = _EVERY.match(text)
    if m:
        n, unit = int(m.group(1)), m.group(2).lower()
        return f"every {n} {unit}{'s' if n != 1 else ''}"
    return f"cron '{text.strip()}'"
