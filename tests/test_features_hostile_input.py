"""Binds features/hostile_input.feature."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from icalendar import Calendar
from markdown_it import MarkdownIt
from pytest_bdd import given, parsers, scenarios, then

from conftest import Result, edit, run_cli

scenarios("hostile_input.feature")

BEIJING_URL = "http://eng.sectsco.org/20180522/431989.html"
MOSCOW_URL = (
    "http://www.app.com.pk/scocg-on-afghanistan-unanimously-supports-measures-for-"
    "strengthening-interaction-between-afghanistan-and-sco-countries/"
)
MOSCOW_PLAN_TITLE = (
    "title: Hold the SCO-Afghanistan Contact Group's next meeting in Beijing in early 2018, "
    "as China proposed"
)


def _unescape(text: str) -> str:
    """The \\r and \\n a scenario writes, as the characters."""
    return text.replace("\\r", "\r").replace("\\n", "\n")


@given(
    parsers.parse(
        "the link of the Beijing information report is followed by a line break, "
        '"{heading}", a tracking image and a "javascript:" link'
    )
)
def hostile_link(workdir: Path, heading: str) -> None:
    url = f"{BEIJING_URL}\n{heading}\n![t](http://track.example/p.png) [c](javascript:alert(1))"
    edit(workdir / "commitments.yaml", f"    url: {BEIJING_URL}", f"    url: {json.dumps(url)}")


def _tokens(text: str) -> list:  # type: ignore[type-arg]
    flat = []
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


@then(
    parsers.parse(
        'the Markdown report as of {as_of} has no heading "{heading}", no image and no '
        '"{scheme}" link'
    )
)
def md_has_no_injection(workdir: Path, as_of: str, heading: str, scheme: str) -> None:
    tokens = _tokens((workdir / "reports" / f"{as_of}.md").read_text(encoding="utf-8"))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings and not [h for h in headings if heading in h], headings
    assert not [t for t in tokens if t.type == "image"]
    hrefs = [str(t.attrs["href"]) for t in tokens if t.type == "link_open"]
    assert not [h for h in hrefs if h.lower().startswith(scheme)], hrefs


@then("every link there to the Beijing information report is the whole link, percent-encoded")
def md_one_link(workdir: Path) -> None:
    tokens = _tokens((workdir / "reports" / "2018-06-01.md").read_text(encoding="utf-8"))
    hrefs = {str(t.attrs["href"]) for t in tokens if t.type == "link_open"}
    beijing = {h for h in hrefs if h.startswith(BEIJING_URL)}
    assert beijing == {
        BEIJING_URL
        + "%0A#%20Injected%20heading%0A!%5Bt%5D%28http://track.example/p.png%29"
        + "%20%5Bc%5D%28javascript:alert%281%29%29"
    }, beijing


@given(parsers.parse('China is named "{name}" in the parties'))
def china_named(workdir: Path, name: str) -> None:
    edit(
        workdir / "commitments.yaml",
        "{id: china, name: China,",
        f"{{id: china, name: {json.dumps(name)},",
    )


def _csv(result: Result) -> list[list[str]]:
    return list(csv.reader(io.StringIO(result.stdout)))


@then(parsers.parse('the CSV column of China is headed "{header}"'))
def csv_header(result: Result, header: str) -> None:
    assert _csv(result)[0][2] == header


@then(parsers.parse('China\'s score on "{cid}" is still the number {score:d}'))
def csv_score(result: Result, cid: str, score: int) -> None:
    rows = {r[0]: r for r in _csv(result)[1:]}
    assert rows[cid][2] == str(score)


@given(parsers.parse('the Moscow plan for the Contact Group is titled "{title}"'))
def moscow_title(workdir: Path, title: str) -> None:
    edit(workdir / "commitments.yaml", MOSCOW_PLAN_TITLE, f"title: {json.dumps(_unescape(title))}")


@then(parsers.parse('the calendar holds one event, titled "{title}", and no line "{line}"'))
def one_event(result: Result, title: str, line: str) -> None:
    events = list(Calendar.from_ical(result.stdout).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == [_unescape(title)]
    assert line not in result.stdout.splitlines()


@given("the database beside it is a damaged file")
def damaged_database(workdir: Path) -> None:
    url = f"sqlite:///{workdir / 'sco-tracker.db'}"
    assert run_cli(["sync", "--db", url], workdir).exit_code == 0
    for side in ("sco-tracker.db-wal", "sco-tracker.db-shm"):
        (workdir / side).unlink(missing_ok=True)
    data = (workdir / "sco-tracker.db").read_bytes()
    (workdir / "sco-tracker.db").write_bytes(data[: len(data) // 3])
    assert re.match(rb"SQLite format 3", data)


@given(parsers.parse('the link of the Moscow report is followed by "{tail}"'))
def moscow_link(workdir: Path, tail: str) -> None:
    url = MOSCOW_URL + _unescape(tail)
    edit(workdir / "commitments.yaml", f"    url: {MOSCOW_URL}", f"    url: {json.dumps(url)}")


@then(parsers.parse('no line of the calendar starts with "{prefix}"'))
def no_line_starts(result: Result, prefix: str) -> None:
    assert not [line for line in result.stdout.splitlines() if line.startswith(prefix)]
