"""The shortcuts taken for speed give the answers the long way gives (nothing here is timed:
benchmarks/run.py and benchmarks/compare.py measure)."""

from __future__ import annotations

from datetime import date

import pytest

from sco_tracker.spec.dates import Period, parse_period
from sco_tracker.spec.model import Commitment, Exclusion


def test_a_remembered_period_is_the_period() -> None:
    first = parse_period("2018-06")
    assert first == Period(date(2018, 6, 1), "month")
    assert parse_period("2018-06") == first
    assert parse_period(" 2018 ") == Period(date(2018, 1, 1), "year")
    assert parse_period(2018) == Period(date(2018, 1, 1), "year")
    assert parse_period("at-the-summit") is None


def test_an_impossible_date_is_refused_every_time_it_is_asked() -> None:
    for _ in range(2):
        with pytest.raises(ValueError, match="2018-02-30"):
            parse_period("2018-02-30")


def test_the_line_of_a_paragraph_label_is_kept_without_a_pydantic_private_attribute() -> None:
    # A PrivateAttr costs a Python call for every entry built; the line is a slot instead.
    assert Commitment.__private_attributes__ == {}
    assert Exclusion.__private_attributes__ == {}
    c = Commitment.model_validate(
        {
            "id": "qingdao-2018-contact-group",
            "title": "Continue the SCO-Afghanistan Contact Group",
            "source": "qingdao-2018-06-10",
            "paragraph": "5",
            "quote": "continue the work of the SCO-Afghanistan Contact Group",
            "theme": "Afghanistan",
            "parties": ["china"],
            "strength": "agreed to",
            "status": "in_progress",
            "kind": "continuous",
            "review_every": "every 6 months",
        }
    )
    assert c.line is None  # validation sets it from the source text
    c._line = 14
    assert c.line == 14
    assert "_line" not in c.model_dump()
    numbered = c.model_copy(update={"paragraph": 9})
    assert numbered.line == 9
