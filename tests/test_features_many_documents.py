"""Binds features/many_documents.feature: the Beijing communiqué and General Assembly
resolution 80/16 side by side (tests/many_documents.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then

from conftest import Result, edit
from many_documents import (
    BEIJING,
    MOSCOW,
    UN,
    UN_MEMBERS,
    add_source_without_commitments,
    add_un_resolution,
    remove_un_window,
)

scenarios("many_documents.feature")


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _sources_of(workdir: Path) -> dict[str, str]:
    """commitment id -> source id, from the file (read back through the library)."""
    from sco_tracker.spec.project import load_project

    project = load_project(workdir / "commitments.yaml")
    return {c.id: c.source for c in project.commitments}


# --- Given ------------------------------------------------------------------------------------


@given(
    "resolution 80/16 of the General Assembly on ICT security, taken in beside the Beijing "
    "communiqué",
    target_fixture="workdir",
)
def with_resolution(workdir: Path) -> Path:
    add_un_resolution(workdir)
    return workdir


@given("resolution 80/16 has no assessment window of its own")
def without_un_window(workdir: Path) -> None:
    remove_un_window(workdir)


@given(parsers.parse('the tracker is titled "{title}"'))
def titled(workdir: Path, title: str) -> None:
    edit(workdir / "commitments.yaml", "settings:\n", f'settings:\n  title: "{title}"\n')


@given("the announcement of the 14th meeting in Bishkek is a source with no commitments")
def announcement(workdir: Path) -> None:
    add_source_without_commitments(workdir)


@given(parsers.parse('the SCO\'s two windows cover only "{first}" and "{second}"'))
def windows_cover_two(workdir: Path, first: str, second: str) -> None:
    for end in ("2018-06-10", "2019-06-13"):
        edit(
            workdir / "commitments.yaml",
            f"      end: {end}\n",
            f"      end: {end}\n      sources: [{first}, {second}]\n",
        )


@given(parsers.parse('the window "{window}" covers "{source}"'))
def window_covers(workdir: Path, window: str, source: str) -> None:
    assert window == "un-2026"
    edit(workdir / "commitments.yaml", f"      sources: [{UN}]\n", f"      sources: [{source}]\n")


# --- Then: status and check -------------------------------------------------------------------


@then(parsers.parse('every commitment listed comes from "{first}" or "{second}"'))
def listed_from(workdir: Path, result: Result, first: str, second: str) -> None:
    data = _json(result)
    assert data["filter"] == {"sources": [first, second], "parties": []}
    sources = {c["source_id"] for c in data["commitments"]}
    assert sources == {first, second}, sources
    everything = _sources_of(workdir)
    expected = sorted(cid for cid, sid in everything.items() if sid in (first, second))
    assert sorted(c["id"] for c in data["commitments"]) == expected


@then(parsers.parse('the commitments listed include "{cid}"'))
def listed_include(result: Result, cid: str) -> None:
    assert cid in [c["id"] for c in _json(result)["commitments"]]


@then(parsers.parse('every commitment listed has "{party}" among its parties'))
def listed_party(result: Result, party: str) -> None:
    data = _json(result)
    assert data["commitments"]
    for c in data["commitments"]:
        assert party in c["parties"], c


@then(parsers.parse('only findings of "{source}" are listed'))
def findings_of(workdir: Path, result: Result, source: str) -> None:
    data = _json(result)
    sources = _sources_of(workdir)
    assert data["findings"], data
    assert {sources[f["commitment"]] for f in data["findings"]} == {source}
    assert data["commitments"] == sum(1 for s in sources.values() if s == source)
    assert data["counts"]["undated"] == sum(1 for f in data["findings"] if f["kind"] == "undated")


@then(parsers.parse('the finding "{kind}" of "{cid}" is "{state}"'))
def finding_state(result: Result, kind: str, cid: str, state: str) -> None:
    data = _json(result)
    found = [f["state"] for f in data["findings"] if f["commitment"] == cid and f["kind"] == kind]
    assert found == [state], data["findings"]


# --- Then: reports ----------------------------------------------------------------------------


def _section(md: str, heading: str) -> str:
    lines = md.splitlines()
    start = lines.index("## " + heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start + 1 : end])


@then(parsers.parse('the report of {as_of} has the section "{heading}" with "{text}"'))
def report_section(workdir: Path, as_of: str, heading: str, text: str) -> None:
    md = (workdir / "reports" / f"{as_of}.md").read_text(encoding="utf-8")
    assert text in _section(md, heading)
    html = (workdir / "reports" / f"{as_of}.html").read_text(encoding="utf-8")
    assert f'class="source">{heading.split(": commitments by theme")[0]}' in html.replace(
        "&#39;", "'"
    )


@then(parsers.parse('in that report "{theme}" of the resolution does not list "{title}"'))
def theme_of_resolution(workdir: Path, theme: str, title: str) -> None:
    md = (workdir / "reports" / "2026-02-01.md").read_text(encoding="utf-8")
    heading = (
        "Open-ended Working Group on Security of and in the Use of Information and "
        "Communications Technologies 2021-2025: commitments by theme"
    )
    part = _section(md, heading)
    assert f"### {theme}" in part
    assert "Support the Global Mechanism on ICT security from 2026" in part
    assert title not in part


def _report(workdir: Path, name: str) -> str:
    return (workdir / "reports" / name).read_text(encoding="utf-8")


@then(parsers.parse('the report "{name}" is titled "{title}"'))
def report_titled(workdir: Path, name: str, title: str) -> None:
    assert _report(workdir, name).splitlines()[0] == f"# {title}"


@then(parsers.parse('the report "{name}" does not mention "{text}"'))
def report_lacks(workdir: Path, name: str, text: str) -> None:
    assert text not in _report(workdir, name)


@then(parsers.parse('the report "{name}" shows "{text}"'))
def report_has(workdir: Path, name: str, text: str) -> None:
    assert text in _report(workdir, name).replace("**", "")


@then(parsers.parse('there is no report "{name}" of the whole file'))
def no_whole_report(workdir: Path, name: str) -> None:
    assert not (workdir / "reports" / name).exists()


# --- Then: the calendar ----------------------------------------------------------------------


def _calendar(result: Result) -> Any:
    from icalendar import Calendar

    assert result.exit_code == 0, result.output
    return Calendar.from_ical(result.stdout)


@then(parsers.parse('the calendar is named "{name}"'))
def calendar_named(result: Result, name: str) -> None:
    assert str(_calendar(result)["X-WR-CALNAME"]) == name


@then(parsers.parse('the calendar holds "{title}" and nothing of the Beijing communiqué'))
def calendar_holds(result: Result, title: str) -> None:
    events = _calendar(result).walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert title in [str(e["SUMMARY"]) for e in events]
    assert all(uid.split("@")[0].endswith(f".{UN}") for uid in uids), uids


# --- Then: compliance -------------------------------------------------------------------------


@then("the members scored are the eight SCO members, the United Kingdom and the United States")
def members_scored(result: Result) -> None:
    data = _json(result)
    assert [m["id"] for m in data["members"]] == UN_MEMBERS


@then(
    parsers.parse(
        'on "{cid}" China scores "{china}", India "{india}" and the United States is "{us}"'
    )
)
def scores_on(result: Result, cid: str, china: str, india: str, us: str) -> None:
    row = next(r for r in _json(result)["rows"] if r["commitment"] == cid)
    cells = {c["party"]: c["text"] for c in row["cells"]}
    assert (cells["china"], cells["india"], cells["united-states"]) == (china, india, us)


@then("no commitment of the Beijing communiqué is in the grid")
def no_beijing_rows(workdir: Path, result: Result) -> None:
    sources = _sources_of(workdir)
    rows = _json(result)["rows"]
    assert rows
    assert {sources[r["commitment"]] for r in rows} == {UN}
    assert {BEIJING, MOSCOW}.isdisjoint(sources[r["commitment"]] for r in rows)


@then(parsers.parse('the commitments not covered are "{first}", "{second}" and "{third}"'))
def not_covered(result: Result, first: str, second: str, third: str) -> None:
    data = _json(result)
    assert sorted(n["commitment"] for n in data["not_covered"]) == sorted([first, second, third])
    assert {n["source"] for n in data["not_covered"]} == {UN}
    assert UN not in {r["commitment"] for r in data["rows"]}


@then(parsers.parse('the CSV row of "{cid}" says "{text}" for every member'))
def csv_row(result: Result, cid: str, text: str) -> None:
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    head = rows[0]
    row = next(r for r in rows if r[0] == cid)
    members = head[2:-3]
    assert members and row[2 : 2 + len(members)] == [text] * len(members)


# --- Then: coverage ---------------------------------------------------------------------------


@then(parsers.parse('coverage is reported for "{first}" and "{second}" only'))
def coverage_for(result: Result, first: str, second: str) -> None:
    data = _json(result)
    assert [s["source"] for s in data["sources"]] == [first, second]
