"""Steps for features/other_documents.feature (shared steps are in conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_bdd import given, parsers, scenarios, then

from conftest import Result, edit
from report_pages import parse_html, squeeze
from un_resolution import MEMBERS, REPORT, add_resolution

scenarios("other_documents.feature")


@given(
    "the made-up UN resolution on cooperation with the SCO, with its commitments",
    target_fixture="workdir",
)
def un_resolution(workdir: Path) -> Path:
    add_resolution(workdir)
    return workdir


@given(parsers.parse('the request to the Secretary-General is cited as paragraph "{label}"'))
def cite_request_as(workdir: Path, label: str) -> None:
    edit(workdir / "commitments.yaml", 'paragraph: "5"', f'paragraph: "{label}"')


@given(parsers.parse('the group "{group}" lists "{member}"'))
def group_lists(workdir: Path, group: str, member: str) -> None:
    edit(workdir / "commitments.yaml", f"  {group}: [", f"  {group}: [{member}, ")


@then(parsers.parse('"{cid}" has the finding "{kind}" because "{reason}"'))
def finding_because(result: Result, cid: str, kind: str, reason: str) -> None:
    data = json.loads(result.stdout)
    found = [(f["kind"], f["message"]) for f in data["findings"] if f["commitment"] == cid]
    assert (kind, reason) in found, found


@then(parsers.parse('no due date was invented for "{cid}"'))
def no_invented_date(workdir: Path, result: Result, cid: str) -> None:
    data = json.loads(result.stdout)
    assert not [f for f in data["findings"] if f["commitment"] == cid and f["kind"] == "overdue"]
    assert cid == REPORT
    text = (workdir / "commitments.yaml").read_text(encoding="utf-8")
    entry = text[text.index(f"  - id: {cid}\n") :].split("\n  - id: ", 1)[0]
    assert "    due: unspecified\n" in entry, entry


@then(parsers.parse('the parties of "{cid}" are the eight SCO member states'))
def parties_are_members(result: Result, cid: str) -> None:
    data = json.loads(result.stdout)["commitment"]
    assert data["id"] == cid
    assert data["parties"] == [*MEMBERS, "uzbekistan"], data["parties"]


@then(
    parsers.parse('in the report of {as_of} "{title}" shows "{first}" and "{second}"'),
)
def report_shows(workdir: Path, as_of: str, title: str, first: str, second: str) -> None:
    md = (workdir / "reports" / f"{as_of}.md").read_text(encoding="utf-8")
    entry = md[md.index(f"</a>{title}") :].split("\n#### ", 1)[0].replace("**", "")
    html = parse_html((workdir / "reports" / f"{as_of}.html").read_text(encoding="utf-8"))
    rows = [squeeze(tr.text()) for tr in html.iter("tr") if title in squeeze(tr.text())]
    assert rows, f"no row titled {title!r} in the HTML report"
    for text in (first, second):
        assert text in entry, entry
        assert any(text in row for row in rows), rows
