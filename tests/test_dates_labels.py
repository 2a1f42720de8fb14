"""Dates and times as the analysts read them (spec/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from sco_tracker.spec.dates import day_label, moment_label


def test_a_day_is_written_out() -> None:
    assert day_label(date(2018, 6, 10)) == "10 June 2018"


@pytest.mark.parametrize(
    "stamp, label",
    [
        ("2026-12-01T18:03:20+00:00", "1 December 2026, 18:03 UTC"),
        ("2018-05-22T09:05:00+05:30", "22 May 2018, 09:05 UTC+05:30"),
        ("2018-05-22T23:59:59-04:00", "22 May 2018, 23:59 UTC-04:00"),
        ("2018-05-22T09:05:00", "22 May 2018, 09:05"),  # no zone recorded: none invented
        ("not a time", "not a time"),  # anything else is shown as it is
    ],
)
def test_a_moment_is_written_out_with_its_zone(stamp: str, label: str) -> None:
    assert moment_label(stamp) == label
