"""Trigger parsing, tested against next fire times (no waiting)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from sco_tracker.schedule.triggers import describe, parse_trigger

UTC = ZoneInfo("UTC")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_weekly_crontab_fires_next_monday_at_six() -> None:
    trigger = parse_trigger("0 6 * * mon", UTC)
    now = datetime(2018, 6, 13, 12, 0, tzinfo=UTC)  # a Wednesday
    assert trigger.get_next_fire_time(None, now) == datetime(2018, 6, 18, 6, 0, tzinfo=UTC)


def test_crontab_is_evaluated_in_the_settings_timezone() -> None:
    trigger = parse_trigger("0 6 * * *", SHANGHAI)
    now = datetime(2018, 6, 13, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai
    nxt = trigger.get_next_fire_time(None, now)
    assert nxt == datetime(2018, 6, 14, 6, 0, tzinfo=SHANGHAI)
    assert nxt.astimezone(UTC) == datetime(2018, 6, 13, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("every 30 seconds", 30),
        ("every 5 minutes", 300),
        ("every 6 hours", 21600),
        ("every 1 day", 86400),
        ("Every 2 Days", 172800),
    ],
)
def test_every_n_units_is_an_interval(text: str, seconds: int) -> None:
    trigger = parse_trigger(text, UTC)
    now = datetime(2018, 6, 13, 12, 0, tzinfo=UTC)
    first = trigger.get_next_fire_time(None, now)
    second = trigger.get_next_fire_time(first, first)
    assert (second - first).total_seconds() == seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tomorrow", "not a schedule"),
        ("0 6 * *", "not a schedule"),
        ("0 25 * * *", "not a valid crontab string"),
        ("every 0 hours", "at least 1"),
    ],
)
def test_bad_schedules_are_explained(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_trigger(text, UTC)


def test_describe() -> None:
    assert describe("every 1 hours") == "every 1 hour"
    assert describe("0 6 * * mon") == "cron '0 6 * * mon'"
