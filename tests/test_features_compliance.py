"""Binds features/compliance.feature."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then

from conftest import Result, line_of

scenarios("compliance.feature")


# --- Editing the fixture commitments.yaml ------------------------------------------------------


def _block(lines: list[str], cid: str) -> tuple[int, int]:
    """(first, end) line indexes of a commitment's entry: from '  - id:' to its blank line."""
    start = next(i for i, line in enumerate(lines) if line.rstrip("\n") == f"  - id: {cid}")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    return start, end


def add_assessment(path: Path, cid: str, item: str) -> None:
    """Append '- item' to the commitment's assessments list (creating the list if needed)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start, end = _block(lines, cid)
    has_list = any(line.rstrip("\n") == "    assessments:" for line in lines[start:end])
    new = ([] if has_list else ["    assessments:\n"]) + [f"      - {item}\n"]
    if has_list:
        # assessments is the last key of the shipped entries that have it
        assert lines[end - 1].startswith("      "), lines[end - 1]
    lines[end:end] = new
    path.write_text("".join(lines), encoding="utf-8")


def set_key(path: Path, cid: str, key: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start, end = _block(lines, cid)
    at = next((i for i in range(start, end) if lines[i].startswith(f"    {key}:")), None)
    if at is None:
        lines.insert(start + 1, f"    {key}: {value}\n")
    else:
        lines[at] = f"    {key}: {value}\n"
    path.write_text("".join(lines), encoding="utf-8")


@given(
    parsers.parse(
        'an analyst scores {name} {score} on "{cid}" in window "{window}", citing "{url}"'
    )
)
def score_one(workdir: Path, name: str, score: str, cid: str, window: str, url: str) -> None:
    add_assessment(
        workdir / "commitments.yaml",
        cid,
        f"{{party: {name.lower()}, score: {score}, window: {window}, date: 2019-01-15, source: "
        f'"{url}"}}',
    )


@given("these scores, each citing its evidence:")
def scores_table(workdir: Path, datatable: list[list[str]]) -> None:
    head, *rows = datatable
    for row in rows:
        r = dict(zip(head, row, strict=True))
        note = ', note: "not applicable to it"' if r["score"] == "n/a" else ""
        add_assessment(
            workdir / "commitments.yaml",
            r["commitment"],
            f"{{party: {r['party']}, score: {r['score']}, window: {r['window']}, date: "
            f'{r["date"]}, source: "https://example.org/evidence"{note}}}',
        )


@given(
    parsers.parse('an analyst adds to "{cid}" the assessment {item}'), target_fixture="marked_line"
)
def add_one(workdir: Path, cid: str, item: str) -> int:
    path = workdir / "commitments.yaml"
    add_assessment(path, cid, item)
    return line_of(path, f"- {item}")


@given(parsers.parse('the due date of "{cid}" is changed to "{due}"'))
def change_due(workdir: Path, cid: str, due: str) -> None:
    set_key(workdir / "commitments.yaml", cid, "due", due)


@given(parsers.parse('"{cid}" is marked as restating "{other}"'))
def mark_restating(workdir: Path, cid: str, other: str) -> None:
    set_key(workdir / "commitments.yaml", cid, "restates", other)


# --- Reading the JSON grid ---------------------------------------------------------------------


def grid(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def member(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(m for m in data["members_summary"] if m["name"] == name)


@then(parsers.parse('the {name} cell of "{cid}" reads "{text}"'))
def cell_reads(result: Result, name: str, cid: str, text: str) -> None:
    data = grid(result)
    k = [m["name"] for m in data["members"]].index(name)
    row = next(r for r in data["rows"] if r["commitment"] == cid)
    assert row["cells"][k]["text"] == text, row["cells"][k]
    if text == "not assessed":
        assert row["cells"][k]["score"] is None and row["cells"][k]["state"] == "not_assessed"


@then(parsers.re(r"(?P<name>\w+)'s average is (?P<avg>-?[\d.]+) \((?P<pct>[\d.]+)%\)"))
def member_average(result: Result, name: str, avg: str, pct: str) -> None:
    m = member(grid(result), name)
    assert m["average"] == float(avg), m
    assert m["percent"] == float(pct), m


@then(parsers.parse("{name} has no average"))
def member_no_average(result: Result, name: str) -> None:
    m = member(grid(result), name)
    assert m["average"] is None and m["percent"] is None and m["scored"] == 0, m


@then(parsers.re(r"(?P<name>\w+)'s change since the previous window is (?P<change>-?[\d.]+)"))
def member_change(result: Result, name: str, change: str) -> None:
    m = member(grid(result), name)
    assert m["change"] == float(change), m


@then(parsers.re(r'the average of "(?P<cid>[^"]+)" is (?P<avg>-?[\d.]+) \((?P<pct>[\d.]+)%\)'))
def commitment_average(result: Result, cid: str, avg: str, pct: str) -> None:
    row = next(r for r in grid(result)["rows"] if r["commitment"] == cid)
    assert (row["average"], row["percent"]) == (float(avg), float(pct)), row


@then(parsers.re(r"the overall average is (?P<avg>-?[\d.]+) \((?P<pct>[\d.]+)%\)"))
def overall_average(result: Result, avg: str, pct: str) -> None:
    o = grid(result)["overall"]
    assert (o["average"], o["percent"]) == (float(avg), float(pct)), o


@then(parsers.parse("{n:d} cells are not assessed"))
def count_not_assessed(result: Result, n: int) -> None:
    data = grid(result)
    assert data["overall"]["not_assessed"] == n, data["overall"]
    assert sum(1 for r in data["rows"] for c in r["cells"] if c["state"] == "not_assessed") == n


# --- Restatements and the slipped check ----------------------------------------------------------


def _findings(workdir: Path, day: str) -> list[Any]:
    from sco_tracker.spec.project import load_project
    from sco_tracker.tracking.checks import evaluate

    project = load_project(workdir / "commitments.yaml")
    return [
        f
        for ev in evaluate(project, date.fromisoformat(day))
        for f in ev.findings
        if f.kind.value == "slipped"
    ]


@then(parsers.parse('the progress check on {day} finds "{cid}" slipped by {days:d} days'))
def finds_slipped(workdir: Path, day: str, cid: str, days: int) -> None:
    found = _findings(workdir, day)
    assert [(f.commitment_id, f.days) for f in found] == [(cid, days)], found
    assert (
        "later than March 2018 in 'afghanistan-contact-group-beijing-2018-plan'" in found[0].message
    )


@then(parsers.parse("the progress check on {day} finds nothing slipped"))
def finds_no_slip(workdir: Path, day: str) -> None:
    assert _findings(workdir, day) == []


# --- Validation messages -----------------------------------------------------------------------


@then(parsers.parse('the output points at the added assessment with "{message}"'))
def points_at_added(result: Result, marked_line: int, message: str) -> None:
    pattern = rf"^commitments\.yaml:{marked_line}:\d+: .*{re.escape(message)}"
    assert re.search(pattern, result.output, re.MULTILINE), result.output


@then(parsers.parse('the output points at the restates of "{cid}" with "{message}"'))
def points_at_restates(workdir: Path, result: Result, cid: str, message: str) -> None:
    path = workdir / "commitments.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {cid}")
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("    restates:")) + 1
    pattern = rf"^commitments\.yaml:{at}:\d+: .*{re.escape(message)}"
    assert re.search(pattern, result.output, re.MULTILINE), result.output


# --- The CSV, read as a spreadsheet would
# ----------------------------------------------------------


def table(result: Result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout, newline="")))


@then(parsers.parse('the CSV has the header "{header}"'))
def csv_header(result: Result, header: str) -> None:
    assert table(result)[0] == header.split(", ")


@then(parsers.parse('the CSV has {n:d} commitment rows, then the rows "{a}", "{b}" and "{c}"'))
def csv_rows(result: Result, n: int, a: str, b: str, c: str) -> None:
    rows = table(result)
    width = len(rows[0])
    assert all(len(r) == width for r in rows), [len(r) for r in rows]
    body = rows[1:]
    assert len(body) == n + 3
    assert [r[0] for r in body[n:]] == [a, b, c]
    assert all(re.match(r"^[a-z0-9][a-z0-9_.-]*$", r[0]) for r in body[:n])


@then(parsers.re(r'in the CSV the (?P<name>\w+) cell of "(?P<first>[^"]+)" is "(?P<text>[^"]*)"'))
def csv_cell(result: Result, name: str, first: str, text: str) -> None:
    rows = table(result)
    k = rows[0].index(name)
    row = next(r for r in rows if r[0] == first)
    assert row[k] == text, row
