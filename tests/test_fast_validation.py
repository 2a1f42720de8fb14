"""What makes `sco-tracker validate` fast must not change what it says.

The compiled shortcuts (model.NativeFirst) before the Python validators of ids, dates, dues
and cadences may only take values the Python validators accept, with the same result, and
every refusal must keep the message and the FILE:LINE:COL the analyst saw before (those
refusals are rows of the mistakes table, tests/validation_mistakes.py: "a party id with a
capital", "a number for an id", "a list for the lead", "30 February in a due", "an update date
without leading zeros", "a review every 0 months").
"""

from __future__ import annotations

import typing
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import TypeAdapter, ValidationError
from pydantic_core import SchemaValidator

from mistake_table import TODAY, Edit
from sco_tracker.spec import fields, model
from sco_tracker.spec.validation import validate_file

TYPES = {
    "Slug": model.Slug,
    "Day": model.Day,
    "Due": model.Due,
    "CadenceText": model.CadenceText,
    "ParagraphRef": fields.ParagraphRef,
}


def _split(tp: Any) -> tuple[SchemaValidator, TypeAdapter[Any]]:
    """(the shortcut alone, the type with only the validators written before the shortcut)."""
    base, *metadata = typing.get_args(tp)
    k = next(i for i, m in enumerate(metadata) if isinstance(m, model.NativeFirst))
    careful = Annotated[(base, *metadata[:k])] if k else base  # type: ignore[valid-type]
    return SchemaValidator(metadata[k].fast), TypeAdapter(careful)


def _corpus() -> list[Any]:
    values: list[Any] = [
        "qingdao-summit",
        "a",
        "0",
        "9-x",
        "a.b_c-d",
        "Qingdao",
        "qingdao summit",
        "qingdao-summit\n",
        "-x",
        "_x",
        ".x",
        "",
        " ",
        "x\u00e9",
        "\u0661\u0662",
        "every 6 months",
        "every 1 year",
        "6 months",
        "every 0 months",
        "Every 6 Months",
        "every  6 months",
        " every 6 months",
        "every 6 months ",
        "every 06 weeks",
        "every 6 fortnights",
        "yearly",
        "2018",
        "0999",
        "0000",
        "2018-05",
        "2018-00",
        "2018-13",
        "2018-5",
        "2018-05-22",
        "2018-5-22",
        " 2018-05-22",
        "2018-05-22 ",
        "2018-05-22\n",
        "2018-05-22T00:00:00",
        "2018-05-22 00:00",
        "20180522",
        "2018/05/22",
        "\u0662\u0660\u0661\u0668-\u0660\u0665-\u0662\u0662",
        "2018-02-29",
        "2020-02-29",
        "1900-02-29",
        "2000-02-29",
        "0001-01-01",
        "9999-12-31",
        "2018-04-31",
        "2018-12-32",
        "2018-06-00",
        2018,
        0,
        -1,
        1,
        2018.0,
        1.5,
        True,
        False,
        None,
        [],
        {},
        ["x"],
        date(2018, 5, 22),
    ]
    for year in (1999, 2018, 2020, 2100):
        for month in range(14):
            for day in range(33):
                values.append(f"{year:04d}-{month:02d}-{day:02d}")
            values.append(f"{year:04d}-{month:02d}")
    for n in ("0", "1", "2", "6", "12", "90", "007"):
        for unit in (
            "day",
            "days",
            "week",
            "weeks",
            "month",
            "months",
            "year",
            "years",
            "hour",
            "Months",
        ):
            values += [f"every {n} {unit}", f"{n} {unit}", f"every{n} {unit}"]
    values += list(range(-3, 60))  # paragraph numbers (lines), and a few that are not
    start = date(2017, 12, 25)
    values += [(start + timedelta(days=n)).isoformat() for n in range(800)]
    return values


@pytest.mark.parametrize("name", TYPES)
def test_the_shortcut_only_takes_what_the_validator_takes(name: str) -> None:
    fast, careful = _split(TYPES[name])
    taken = 0
    for value in _corpus():
        try:
            quick = fast.validate_python(value)
        except ValidationError:
            continue
        taken += 1
        slow = careful.validate_python(value)  # raises if the shortcut took too much
        assert (type(quick), quick) == (type(slow), slow), (name, value)
    assert taken > 10, f"the {name} shortcut takes almost nothing: it would not save any time"


@pytest.mark.parametrize(
    ("name", "common"),
    [
        ("Slug", "qingdao-summit"),
        ("Day", "2018-05-22"),
        ("Due", "qingdao-summit"),
        ("Due", "2018-05"),
        ("Due", "2018-05-22"),
        ("CadenceText", "every 6 months"),
    ],
)
def test_the_shortcut_takes_the_common_forms(name: str, common: str) -> None:
    fast, _ = _split(TYPES[name])
    fast.validate_python(common)


@pytest.fixture
def yaml_file(project_dir: Path) -> Path:
    return project_dir / "commitments.yaml"


def test_forms_only_the_python_validator_takes_are_still_valid(yaml_file: Path) -> None:
    folder = yaml_file.parent
    Edit(
        "date: 2018-05-28", "date: ' 2018-05-28'", within="afghanistan-contact-group-beijing"
    ).apply(folder)
    Edit("review_every: 1 year", "review_every: Every 12 Months", within="border-control").apply(
        folder
    )
    result = validate_file(str(yaml_file), today=TODAY)
    assert result.ok, result.problems
    assert result.project is not None
    c = result.project.commitment("afghanistan-contact-group-beijing")
    assert c is not None and c.updates[0].date == date(2018, 5, 28)


def test_loading_leaves_the_cycle_collector_as_it_was(project_dir: Path) -> None:
    import gc

    from sco_tracker.spec.project import load_project

    assert gc.isenabled()
    load_project(project_dir / "commitments.yaml", today=TODAY)
    assert gc.isenabled()
    gc.disable()
    try:
        load_project(project_dir / "commitments.yaml", today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()
