"""Schedule triggers as analysts write them: a crontab string or 'every N units'.

The one parser of settings.schedule: validate checks a schedule with parse_trigger, and the
scheduler (schedule/daemon.py) runs the trigger it returns. APScheduler is imported only
inside parse_trigger.

    "0 6 * * mon"        every Monday at 06:00 (minute hour day-of-month month day-of-week)
    "every 6 hours"      every six hours from the daemon's start
    "every 30 seconds"   for tests and demonstrations

Times are wall-clock times in settings.timezone.

APScheduler 3's helpers (apscheduler.util, which every trigger imports) import asyncio for one
function, iscoroutinefunction, which only the scheduler calls (when a job is added). Importing
asyncio costs a validation about 13 ms of its ~0.2 s, so _import_triggers lets apscheduler.util
find, for that one name, a function that imports the real asyncio when first called and
delegates to it: the triggers and the scheduler run APScheduler's own code, unchanged, and
asyncio is imported only by whoever uses it (schedule/daemon.py imports the scheduler, which
imports asyncio itself, before any trigger is made).
"""

from __future__ import annotations

import sys
import types
from datetime import tzinfo
from typing import Any

from sco_tracker.spec.dates import CLOCK_UNITS, Amount, clock_span, parse_amount


def _iscoroutinefunction(func: Any) -> bool:
    """asyncio.iscoroutinefunction, with asyncio imported on the first call."""
    import asyncio  # noqa: PLC0415 - the real one: the stand-in left sys.modules at once

    return asyncio.iscoroutinefunction(func)


def _import_triggers() -> None:
    """Import apscheduler.util without importing asyncio (see the module's docstring)."""
    if "apscheduler.util" in sys.modules or "asyncio" in sys.modules:
        return
    stand_in = types.ModuleType("asyncio", "only while apscheduler.util is imported")
    stand_in.iscoroutinefunction = _iscoroutinefunction  # type: ignore[attr-defined]
    sys.modules["asyncio"] = stand_in
    try:
        import apscheduler.util  # noqa: F401, PLC0415 - only to parse
    finally:
        if sys.modules.get("asyncio") is stand_in:
            del sys.modules["asyncio"]


def _interval(text: str) -> Amount | None:
    a = parse_amount(text)
    return a if a is not None and a.every and a.unit in CLOCK_UNITS else None


def parse_trigger(text: str, timezone: tzinfo | str) -> Any:
    """An APScheduler trigger for text. Raises ValueError with a message for an analyst.

    validate parses the schedule with this same function, so what it accepts the scheduler
    runs."""
    if not isinstance(text, str):
        raise ValueError(
            f"expected a crontab string such as '0 6 * * mon' or 'every 6 hours', got {text!r}"
        )
    interval = _interval(text)
    if interval is not None:
        if interval.count < 1:
            raise ValueError(f"'{text}': the interval must be at least 1")
        clock_span(interval, text)  # refuses an interval too long for the calendar
        _import_triggers()
        from apscheduler.triggers.interval import IntervalTrigger  # noqa: PLC0415 - only to parse

        return IntervalTrigger(timezone=timezone, **{interval.unit + "s": interval.count})
    fields = text.split()
    if len(fields) != 5:
        raise ValueError(
            f"'{text}' is not a schedule: use a crontab string with 5 fields "
            "(minute hour day-of-month month day-of-week, e.g. '0 6 * * mon') "
            "or 'every N seconds|minutes|hours|days'"
        )
    _import_triggers()
    from apscheduler.triggers.cron import CronTrigger  # noqa: PLC0415 - only to parse

    try:
        return CronTrigger.from_crontab(text, timezone=timezone)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a valid crontab string: {exc}") from None


def describe(text: str) -> str:
    """A short human description used in logs and `schedule --list`."""
    interval = _interval(text)
    if interval is not None:
        n, unit = interval.count, interval.unit
        return f"every {n} {unit}{'s' if n != 1 else ''}"
    return f"cron '{text.strip()}'"
