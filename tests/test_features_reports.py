"""Binds features/reports.feature: the status reports as an analyst reads them."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pytest_bdd import given, parsers, scenarios, then

from conftest import edit, run_cli
from report_pages import html_section, md_rows, md_section, md_text, parse_html, squeeze

scenarios("reports.feature")

INJECTED = "<script>alert('x')</script>"


def _report(workdir: Path, as_of: str, fmt: str) -> str:
    path = workdir / "reports" / f"{as_of}.{fmt}"
    assert path.exists(), (
        f"{path} was not written; reports/ holds "
        f"{sorted(p.name for p in (workdir / 'reports').glob('*'))}"
    )
    return path.read_text(encoding="utf-8")


def _latest_as_of(workdir: Path) -> str:
    manifest = json.loads((workdir / "reports" / "reports.json").read_text(encoding="utf-8"))
    return manifest["reports"][-1]["as_of"]


def _both(workdir: Path) -> tuple[str, str]:
    as_of = _latest_as_of(workdir)
    return _report(workdir, as_of, "md"), _report(workdir, as_of, "html")


def _html_commitment_row(html: str, title: str) -> str:
    doc = parse_html(html)
    rows = [tr for tr in doc.iter("tr") if "commitment" in (tr.attrs.get("class") or "").split()]
    row = next((tr for tr in rows if title in squeeze(tr.text())), None)
    assert row is not None, f"no commitment row titled {title!r} in the HTML report"
    return squeeze(row.text())


def _md_commitment_block(md: str, title: str) -> str:
    lines = md.splitlines()
    start = next(
        (i for i, line in enumerate(lines) if line.startswith("#### ") and title in md_text(line)),
        None,
    )
    assert start is not None, f"no commitment heading {title!r} in the Markdown report"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return "\n".join(lines[start:end])


@then(parsers.parse("the report as of {as_of} exists in Markdown and HTML"))
def report_exists(workdir: Path, as_of: str) -> None:
    for fmt in ("md", "html"):
        assert (workdir / "reports" / f"{as_of}.{fmt}").stat().st_size > 0
        assert (workdir / "reports" / f"latest.{fmt}").read_bytes() == (
            workdir / "reports" / f"{as_of}.{fmt}"
        ).read_bytes()


@then(parsers.parse('in both formats "{title}" is shown as {status}'))
def shown_as(workdir: Path, title: str, status: str) -> None:
    md, html = _both(workdir)
    assert f"**{status}**" in _md_commitment_block(md, title)
    row = parse_html(html)
    text = _html_commitment_row(html, title)
    assert status in text, text
    assert row is not None


@then(parsers.parse('in both formats its evidence "{note}" is shown with its source "{url}"'))
def evidence_shown(workdir: Path, note: str, url: str) -> None:
    md, html = _both(workdir)
    block = next(b for b in md.split("#### ") if note in md_text(b))
    assert f"({url})" in block, block
    doc = parse_html(html)
    row = next(tr for tr in doc.iter("tr") if note in squeeze(tr.text()) and tr.attrs.get("id"))
    assert any(a.attrs.get("href") == url for a in row.iter("a")), squeeze(row.text())


def _section_rows(
    workdir: Path, md_heading: str, html_id: str
) -> tuple[list[list[str]], list[list[str]]]:
    md, html = _both(workdir)
    return md_rows(md_section(md, md_heading)), html_section(parse_html(html), html_id).rows()


@then(
    parsers.parse('in both formats "{title}" shows its status set by the update of {day} "{note}"')
)
def status_set_by(workdir: Path, title: str, day: str, note: str) -> None:
    md, html = _both(workdir)
    line = next(
        (
            ln
            for ln in _md_commitment_block(md, title).splitlines()
            if ln.startswith("- **Status set by:**")
        ),
        "",
    )
    assert day in line and note in md_text(line), _md_commitment_block(md, title)
    text = _html_commitment_row(html, title)
    assert f"Status set by: {day}" in text and note in text, text


@then(parsers.parse('in both formats the status change of "{title}" cites "{note}"'))
def change_cites(workdir: Path, title: str, note: str) -> None:
    md, html = _both(workdir)
    md_part = md_section(md, "What changed").split("### Status changes", 1)[1].split("### ", 1)[0]
    for rows in (md_rows(md_part), html_section(parse_html(html), "status-changes").rows()):
        row = next((r for r in rows if r[0] == title), None)
        assert row is not None and note in row[3], rows


@then(parsers.parse("in both formats the due-soon section lists:"))
def due_soon_lists(workdir: Path, datatable: list[list[str]]) -> None:
    expected = [[row[1], row[0]] for row in datatable[1:]]
    for rows in _section_rows(workdir, "Due soon", "due-soon"):
        assert sorted([r[0], r[1]] for r in rows) == sorted(expected), rows


@then(parsers.parse("in both formats the overdue section lists:"))
def overdue_lists(workdir: Path, datatable: list[list[str]]) -> None:
    expected = [[row[1], row[0]] for row in datatable[1:]]
    for rows in _section_rows(workdir, "Overdue", "overdue"):
        assert [[r[0], r[1]] for r in rows] == expected, rows


@then(parsers.parse('in both formats the overdue section says "{text}"'))
def overdue_says(workdir: Path, text: str) -> None:
    md, html = _both(workdir)
    assert text in md_section(md, "Overdue")
    assert text in squeeze(html_section(parse_html(html), "overdue").text())


@then(parsers.parse('in both formats the summary says "{text}"'))
def summary_says(workdir: Path, text: str) -> None:
    md, html = _both(workdir)
    assert text in md_section(md, "Summary")
    assert text in squeeze(html_section(parse_html(html), "summary").text())


@then(parsers.parse('the Markdown summary says "{text}"'))
def md_summary_says(workdir: Path, text: str) -> None:
    md, _ = _both(workdir)
    assert text in md_section(md, "Summary")


@then(parsers.parse('the HTML summary\'s fulfilment card reads "{text}"'))
def fulfilment_card(workdir: Path, text: str) -> None:
    """The whole card, word for word: the big figure, then its label, the figure not again."""
    _, html = _both(workdir)
    rate = html_section(parse_html(html), "fulfilment-rate")
    card = rate.parent
    assert card is not None
    parts = [squeeze(c.text()) for c in card.children if not isinstance(c, str)]
    assert " ".join(parts) == text


def _titles(path: Path) -> tuple[str, str]:
    """The title of a page: its Markdown heading, its HTML <title> (the same words)."""
    md = path.with_suffix(".md").read_text(encoding="utf-8").splitlines()[0]
    assert md.startswith("# "), md
    doc = parse_html(path.with_suffix(".html").read_text(encoding="utf-8"))
    title = next(doc.iter("title"))
    return md_text(md.removeprefix("# ")), squeeze(title.text())


@then(parsers.parse('in both formats the latest report is titled "{title}"'))
def latest_titled(workdir: Path, title: str) -> None:
    assert _titles(workdir / "reports" / "latest.md") == (title, title)


@then(parsers.parse('in both formats the list of reports is titled "{title}"'))
def index_titled(workdir: Path, title: str) -> None:
    assert _titles(workdir / "reports" / "index.md") == (title, title)


@then(parsers.parse('the report as of {as_of} is titled "{title}"'))
def report_titled(workdir: Path, as_of: str, title: str) -> None:
    assert _titles(workdir / "reports" / f"{as_of}.md") == (title, title)


@then(parsers.parse('in both formats "{text}" is shown'))
def both_show(workdir: Path, text: str) -> None:
    md, html = _both(workdir)
    assert text in md_text(md)
    assert text in squeeze(parse_html(html).text())


@then(parsers.parse('in both formats the report as of {as_of} compares with "{previous}"'))
def compares_with(workdir: Path, as_of: str, previous: str) -> None:
    md, html = _report(workdir, as_of, "md"), _report(workdir, as_of, "html")
    assert f"Compared with the report as of {previous}." in md_section(md, "What changed")
    assert f"Compared with the report as of {previous}." in squeeze(
        html_section(parse_html(html), "changes").text()
    )


@then(parsers.parse("in both formats the status changes are:"))
def status_changes(workdir: Path, datatable: list[list[str]]) -> None:
    md, html = _both(workdir)
    md_changes = md_section(md, "What changed")
    md_part = md_changes.split("### Status changes", 1)[1].split("### ", 1)[0]
    for rows in (md_rows(md_part), html_section(parse_html(html), "status-changes").rows()):
        assert len(rows) == len(datatable) - 1, rows
        for (title, before, now, evidence), row in zip(
            datatable[1:], sorted(rows, key=lambda r: r[0]), strict=True
        ):
            assert row[0] == title and row[1] == before and row[2] == now, row
            assert "10 June 2018" in row[3] and evidence in row[3], row


@then(parsers.parse('in both formats the new findings are "{kind}" for "{title}"'))
def new_findings(workdir: Path, kind: str, title: str) -> None:
    md, html = _both(workdir)
    md_part = md_section(md, "What changed").split("### New findings", 1)[1].split("### ", 1)[0]
    for rows in (md_rows(md_part), html_section(parse_html(html), "new-findings").rows()):
        assert [r[0] for r in rows if r[1] == kind] and title in [
            r[0] for r in rows if r[1] == kind
        ], rows


@then(
    parsers.re(
        r"the index lists the reports as of (?P<dates>[0-9-]+(?: and [0-9-]+)*)(?:, newest "
        r"first| only)"
    )
)
def index_lists(workdir: Path, dates: str) -> None:
    wanted = dates.split(" and ")
    doc = parse_html((workdir / "reports" / "index.html").read_text(encoding="utf-8"))
    hrefs = [a.attrs.get("href") for a in doc.iter("a") if a.attrs.get("href") != "latest.html"]
    assert hrefs == [f"{d}.html" for d in wanted], hrefs
    md = (workdir / "reports" / "index.md").read_text(encoding="utf-8")
    assert re.findall(r"\]\(([0-9-]+)\.md\)", md) == wanted, md
    manifest = json.loads((workdir / "reports" / "reports.json").read_text(encoding="utf-8"))
    assert [r["as_of"] for r in manifest["reports"]] == sorted(wanted)


# -- injection -----------------------------------------------------------------------------------

INJECTED_FIELDS = {
    # (old text in the shipped file, new text): every kind of text a report shows
    "party name": (
        "{id: china, name: China,",
        "{id: china, name: \"China <script>alert('x')</script>\",",
    ),
    "source title": (
        (
            "    title: Information report on the 13th meeting of the SCO Security Council "
            "Secretaries\n"
        ),
        "    title: \"Information report <script>alert('x')</script>\"\n",
    ),
    "source place": (
        "    place: Beijing, China\n",
        "    place: \"Beijing <script>alert('x')</script>\"\n",
    ),
    "source url": (
        "    url: http://eng.sectsco.org/20180522/431989.html\n",
        "    url: \"javascript:alert('x')\"\n",
    ),
    "event title": (
        "    title: Qingdao summit\n",
        "    title: \"Qingdao summit <script>alert('x')</script>\"\n",
    ),
    "title": (
        "    title: Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018\n",
        "    title: \"Hold the next Contact Group meeting <script>alert('x')</script>\"\n",
    ),
    "theme": (
        "    theme: Afghanistan\n",
        "    theme: \"Afghanistan <script>alert('x')</script>\"\n",
    ),
    "strength": (
        "    strength: supported plans\n",
        "    strength: \"supported plans <script>alert('x')</script>\"\n",
    ),
    "update note": (
        (
            "        note: The SCO-Afghanistan Contact Group met in Beijing at the level of "
            "deputy foreign ministers.\n"
        ),
        "        note: \"Met <script>alert('x')</script> | pipe\\nsecond line\"\n",
    ),
    "update source": (
        "        source: http://www.news.tj/tj/node/255130\n",
        "        source: \"javascript:alert('x')\"\n",
    ),
    "notes": (
        "    notes: No verified record of its adoption at Qingdao yet.\n",
        "    notes: \"No record <script>alert('x')</script>\"\n",
    ),
    "quote": (
        "    quote: supported plans to hold the Group's next meeting in May 2018 in Beijing\n",
        "    quote: \"next meeting <script>alert('x')</script>\"\n",
    ),
}


@given(
    parsers.parse(
        'every kind of text in the commitments file holds "{markup}" and a "javascript:" link'
    )
)
def inject_everywhere(workdir: Path, markup: str) -> None:
    assert markup == INJECTED
    for old, new in INJECTED_FIELDS.values():
        # Every occurrence: the Beijing commitment and the Moscow one it restates share their
        # theme and update, and the update's link is also the evidence of their assessments.
        edit(workdir / "commitments.yaml", old, new, count=-1)
    # The quote must be the communiqué's words: put the markup into the source text as well.
    text = workdir / "sources" / "sco-security-council-secretaries-2018-05-22-beijing.txt"
    edit(text, "Beijing.\n", f"Beijing, next meeting {INJECTED}.\n", count=1)


@then(
    parsers.parse(
        'the HTML report shows "{markup}" as text in every field and has no script of its own '
        "but one"
    )
)
def html_shows_text(workdir: Path, markup: str) -> None:
    html = _report(workdir, "2018-06-15", "html")
    doc = parse_html(html)
    scripts = list(doc.iter("script"))
    assert len(scripts) == 1 and "alert" not in scripts[0].text(), [s.text() for s in scripts]
    text = squeeze(doc.text())
    for label in (
        "China",
        "Information report",
        "Beijing",
        "Qingdao summit",
        "Hold the next Contact Group meeting",
        "Afghanistan",
        "supported plans",
        "Met",
        "No record",
        "next meeting",
    ):
        assert f"{label} {markup}" in text, f"{label!r} with the markup as text not found"
    assert "Met <script>alert('x')</script> | pipe second line" in text


@then(parsers.parse('the HTML report links nowhere with "{scheme}"'))
def html_no_js_links(workdir: Path, scheme: str) -> None:
    doc = parse_html(_report(workdir, "2018-06-15", "html"))
    for node in doc.iter():
        for name, value in node.attrs.items():
            assert not (value or "").strip().lower().startswith(scheme), (node.tag, name, value)
    assert "(source: javascript:alert('x'))" in squeeze(doc.text())


@then(parsers.parse('the Markdown report holds no raw "{tag}" and no "{scheme}" link'))
def md_safe(workdir: Path, tag: str, scheme: str) -> None:
    md = _report(workdir, "2018-06-15", "md")
    assert tag not in md
    assert f"]({scheme}" not in md and f"]( {scheme}" not in md
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in md
    block = _md_commitment_block(md, "Hold the next Contact Group meeting")
    assert "Met &lt;script&gt;alert('x')&lt;/script&gt; \\| pipe<br>second line" in block, block


@then(
    parsers.parse('{name} holds one all-day event, on {day}, for "{cid}"'),
    target_fixture="calendar_event",
)
def the_only_event(workdir: Path, name: str, day: str, cid: str) -> Any:
    from datetime import datetime

    events = list(Calendar.from_ical((workdir / name).read_bytes()).walk("VEVENT"))
    assert [str(e["uid"]).split(".")[0] for e in events] == [cid]
    assert events[0].decoded("dtstart") == datetime.strptime(day, "%d %B %Y").date()
    return events[0]


@then(parsers.parse('its description cites "{citation}"'))
def description_cites(calendar_event: Any, citation: str) -> None:
    description = str(calendar_event["description"])
    assert citation in description.splitlines(), description
    assert "paragraph" not in description, description


@then(parsers.parse("{name} holds one all-day event per open dated commitment as of {as_of}"))
def calendar_events(workdir: Path, name: str, as_of: str) -> None:
    from datetime import date

    from sco_tracker.spec.project import load_project
    from sco_tracker.tracking.checks import evaluate

    cal = Calendar.from_ical((workdir / name).read_bytes())
    events = list(cal.walk("VEVENT"))
    project = load_project(workdir / "commitments.yaml")
    expected = {
        ev.id: ev.due.end
        for ev in evaluate(project, date.fromisoformat(as_of))
        if ev.status.is_open and ev.due.end
    }
    assert len(expected) == 5
    got = {str(e["uid"]).split(".")[0]: e.decoded("dtstart") for e in events}
    assert got == expected
    assert all(type(e.decoded("dtstart")) is date for e in events)


@given("new files are readable by everyone on this machine")
def usual_umask(request: pytest.FixtureRequest) -> None:
    # The usual umask (022); sco-tracker runs as a child process and inherits it.
    old = os.umask(0o022)
    request.addfinalizer(lambda: os.umask(old))


@then("every file in the reports folder can be read by everyone")
def reports_readable(workdir: Path) -> None:
    reports = workdir / "reports"
    written = sorted(p for p in reports.rglob("*") if p.is_file())  # the site's pages too
    assert len(written) >= 6
    modes = {str(p.relative_to(reports)): oct(stat.S_IMODE(p.stat().st_mode)) for p in written}
    assert set(modes.values()) == {"0o644"}, modes
    folders = {
        str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in reports.rglob("*") if p.is_dir()
    }
    assert set(folders.values()) <= {"0o755"}, folders


def _manifest(workdir: Path) -> dict[str, Any]:
    return json.loads((workdir / "reports" / "reports.json").read_text(encoding="utf-8"))


@given(
    parsers.parse(
        "the report as of {as_of} was written by an earlier version, which kept its statuses in "
        "the list of reports"
    )
)
def written_by_an_earlier_version(workdir: Path, as_of: str) -> None:
    """Earlier versions kept each report's statuses and findings inside reports.json itself."""
    result = run_cli(["report", "--as-of", as_of], workdir)
    assert result.exit_code == 0, result.output
    kept = workdir / "reports" / "snapshots" / f"{as_of}.json"
    snapshot = json.loads(kept.read_text(encoding="utf-8"))
    kept.unlink()
    manifest = _manifest(workdir)
    (entry,) = [r for r in manifest["reports"] if r["as_of"] == as_of]
    entry["statuses"], entry["findings"] = snapshot["statuses"], snapshot["findings"]
    assert entry["statuses"], snapshot  # the frozen file has commitments: a real snapshot
    (workdir / "reports" / "reports.json").write_text(json.dumps(manifest), encoding="utf-8")


@then("the list of reports holds no commitment's status")
def manifest_holds_no_status(workdir: Path) -> None:
    manifest = _manifest(workdir)
    assert manifest["reports"], manifest
    for r in manifest["reports"]:
        assert "statuses" not in r and "findings" not in r, r
    text = (workdir / "reports" / "reports.json").read_text(encoding="utf-8")
    assert "qingdao-youth-action-programme" not in text, text


@then(
    parsers.re(
        r"what the reports as of (?P<dates>[0-9-]+(?:(?:, | and )[0-9-]+)*) showed is kept in "
        r"reports/snapshots/"
    )
)
def snapshots_kept(workdir: Path, dates: str) -> None:
    wanted = re.split(r", | and ", dates)
    folder = workdir / "reports" / "snapshots"
    assert sorted(p.name for p in folder.iterdir()) == [f"{d}.json" for d in sorted(wanted)]
    for d in wanted:
        snapshot = json.loads((folder / f"{d}.json").read_text(encoding="utf-8"))
        assert snapshot["as_of"] == d, snapshot
        # what that report showed: the youth action programme, planned, is in every one
        assert snapshot["statuses"]["qingdao-youth-action-programme"] == "planned", snapshot


@given(
    parsers.parse(
        'the drug-abuse concept is recorded with "due: unspecified", as if the communiqué gave'
        " no date"
    )
)
def concept_unspecified(workdir: Path) -> None:
    edit(
        workdir / "commitments.yaml",
        "    kind: deliverable\n    due: qingdao-summit\n    status: in_progress\n",
        "    kind: deliverable\n    due: unspecified\n    status: in_progress\n",
    )


@then(parsers.parse('the HTML report says "{text}"'))
def html_says(workdir: Path, text: str) -> None:
    html = _report(workdir, _latest_as_of(workdir), "html")
    assert text in squeeze(parse_html(html).text()), text


@then(parsers.parse('the HTML report does not say "{text}"'))
def html_does_not_say(workdir: Path, text: str) -> None:
    html = _report(workdir, _latest_as_of(workdir), "html")
    assert text not in squeeze(parse_html(html).text()), text
