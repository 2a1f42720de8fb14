"""Output encoding: text from commitments.yaml is shown, never acted on, in every format a report
is read in: Markdown, HTML, CSV, iCalendar and the terminal. And a committed reports.json cannot
make the index pages link anywhere but to our own report files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt
from tests.conftest import Result, edit, run_cli

from sco_tracker.encoding import csv_cell, one_line, printable, shown, web_url
from sco_tracker.report.pieces import md_escape, md_url

BEIJING_URL = "http://eng.sectsco.org/20180522/431989.html"
#: A link whose newline, if written raw, would start a heading, a tracking image and a
#: javascript: link in the Markdown report.
HOSTILE_URL = (
    BEIJING_URL + "\n# Injected heading\n![t](http://track.example/p.png) [c](javascript:alert(1))"
)
YOUTH_TITLE = (
    "title: Pass an action programme to implement the joint appeal to young people at the "
    "Qingdao summit"
)
CONTACT_GROUP_URL = (
    "http://www.app.com.pk/scocg-on-afghanistan-unanimously-supports-measures-for-"
    "strengthening-interaction-between-afghanistan-and-sco-countries/"
)


def yaml_str(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output, result.output
    return result


# -- the encoders, one by one ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (BEIJING_URL, BEIJING_URL),
        ("  https://x.example/a?b=c&d=e#f  ", "https://x.example/a?b=c&d=e#f"),
        ("https://x.example/already%20encoded", "https://x.example/already%20encoded"),
        ("http://x.example/a\nb", "http://x.example/a%0Ab"),
        ("http://x.example/a\r\nATTENDEE:x", "http://x.example/a%0D%0AATTENDEE:x"),
        ("http://x.example/a b", "http://x.example/a%20b"),
        ('http://x.example/[a]<b>"c"', "http://x.example/%5Ba%5D%3Cb%3E%22c%22"),
        ("http://x.example/\x00\x1b", "http://x.example/%00%1B"),
        ("https://x.example/Бишкек", "https://x.example/%D0%91%D0%B8%D1%88%D0%BA%D0%B5%D0%BA"),
        ("mailto:secretariat@sectsco.org", "mailto:secretariat@sectsco.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("reports/2019-01-01.md", None),
        ("", None),
        (None, None),
    ],
)
def test_web_url(url: str | None, expected: str | None) -> None:
    assert web_url(url) == expected


def test_md_url_leaves_nothing_that_ends_a_markdown_link() -> None:
    url = md_url(HOSTILE_URL)
    assert url.startswith(BEIJING_URL)
    assert not re.search(r"[\s()\[\]<>\"]", url), url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝1", "'＝1"),
        ("China", "China"),
        ("SCO-Afghanistan Contact Group", "SCO-Afghanistan Contact Group"),
        ("", ""),
    ],
)
def test_csv_cell(text: str, expected: str) -> None:
    assert csv_cell(text) == expected


def test_terminal_text_shows_control_characters_as_escapes() -> None:
    assert shown("Qingdao\x1b[2J\x07summit") == "Qingdao\\u001b[2J\\u0007summit"
    assert shown("over\rwritten") == "over\\u000dwritten"
    assert shown("two\nlines\tand a tab\r\n") == "two\nlines\tand a tab\r\n"
    assert shown("\u202egnp.exe") == "\\u202egnp.exe"
    assert shown("\x85\x9b") == "\\u0085\\u009b"
    assert one_line("a\nb\r\nc\u2028d") == "a\\u000ab\\u000d\\u000ac\\u2028d"
    assert printable("a\x00b\x1b\nc") == "a\ufffdb\ufffd\nc"


def test_markdown_text_has_no_raw_html_or_control_characters() -> None:
    assert md_escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md_escape("a\x00b\x1bc") == "a\ufffdb\ufffdc"
    assert md_escape("# not a heading\n![x](y)") == "\\# not a heading<br>!\\[x\\](y)"


# -- the outputs -------------------------------------------------------------------------------


@pytest.fixture
def hostile(project_dir: Path) -> Path:
    """The shipped file with a link holding a newline and titles that look like code."""
    f = project_dir / "commitments.yaml"
    edit(f, f"    url: {BEIJING_URL}", f"    url: {yaml_str(HOSTILE_URL)}")
    edit(
        f,
        YOUTH_TITLE,
        "title: "
        + yaml_str(
            '=HYPERLINK("http://evil.example") <script>alert(1)</script>\roverwritten \u202e'
        ),
    )
    edit(f, "{id: china, name: China,", "{id: china, name: \"=cmd|' /C calc'!A0\",")
    edit(
        f,
        f"    url: {CONTACT_GROUP_URL}",
        "    url: " + yaml_str("http://www.app.com.pk/x\r\nATTENDEE:mailto:spy@example.org"),
    )
    edit(
        f,
        "title: Hold the SCO-Afghanistan Contact Group's next meeting in Beijing in early 2018, "
        "as China proposed",
        "title: " + yaml_str("Hold the meeting\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:fake"),
    )
    ok(run_cli(["validate"], project_dir))
    return project_dir


def _md_tokens(text: str) -> list:  # type: ignore[type-arg]
    md = MarkdownIt("commonmark").enable("table")
    flat = []
    for token in md.parse(text):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


def test_a_link_with_a_newline_stays_one_link_in_the_markdown_report(hostile: Path) -> None:
    ok(run_cli(["report", "--as-of", "2018-06-01", "--format", "md"], hostile))
    text = (hostile / "reports" / "2018-06-01.md").read_text(encoding="utf-8")
    tokens = _md_tokens(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not [h for h in headings if "Injected" in h], headings
    assert not [t for t in tokens if t.type == "image"]
    # The only HTML is the report's own: anchors on the commitments and line breaks.
    ours = re.compile(r'<a id="[a-z0-9][a-z0-9._-]*">|</a>|<br>')
    html = [t.content.strip() for t in tokens if t.type in ("html_inline", "html_block")]
    assert all(ours.fullmatch(h) for h in html), [h for h in html if not ours.fullmatch(h)]
    hrefs = [t.attrs["href"] for t in tokens if t.type == "link_open"]
    assert hrefs
    assert all(str(h).startswith(("http://", "https://", "mailto:", "#")) for h in hrefs), hrefs
    to_beijing = [h for h in hrefs if str(h).startswith(BEIJING_URL)]
    assert to_beijing and set(to_beijing) == {md_url(HOSTILE_URL)}
    assert "track.example/p.png)" not in text.replace("%29", ")").split(BEIJING_URL)[0]


def test_the_html_report_escapes_titles_and_links(hostile: Path) -> None:
    ok(run_cli(["report", "--as-of", "2018-06-01", "--format", "html"], hostile))
    html = (hostile / "reports" / "2018-06-01.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    hrefs = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
    assert not [h for h in hrefs if "\n" in h or " " in h]


def test_compliance_csv_neutralises_formula_looking_cells(hostile: Path) -> None:
    edit(
        hostile / "commitments.yaml",
        "        score: +1\n        window: final-2019",
        "        score: -1\n        window: final-2019",
    )
    out = ok(run_cli(["compliance", "--csv"], hostile)).stdout
    rows = list(csv.reader(io.StringIO(out)))
    header = rows[0]
    assert header[2] == "'=cmd|' /C calc'!A0"
    titles = {r[0]: r[1] for r in rows[1:]}
    assert titles["qingdao-youth-action-programme"].startswith("'=HYPERLINK(")
    for row in rows:
        for cell in [row[0], row[1], *header]:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # Our own numbers stay numbers: a score of -1 is not text for the spreadsheet.
    scored = {r[0]: r[2] for r in rows[1:]}
    assert scored["afghanistan-contact-group-beijing-2018-plan"] == "-1"


def test_the_calendar_with_newlines_in_a_link_and_a_title(hostile: Path) -> None:
    ics = ok(run_cli(["calendar", "--as-of", "2018-01-01", "-o", "-"], hostile)).stdout
    cal = Calendar.from_ical(ics)
    events = list(cal.walk("VEVENT"))
    assert not [line for line in ics.splitlines() if line.startswith(("ATTENDEE", "SUMMARY:fake"))]
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Hold the meeting\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:fake" in summaries
    urls = [str(e["URL"]) for e in events if "URL" in e]
    assert "http://www.app.com.pk/x%0D%0AATTENDEE:mailto:spy@example.org" in urls
    assert all(not re.search(r"\s", u) for u in urls)
    ok(run_cli(["calendar", "--as-of", "2018-01-01"], hostile))
    written = (hostile / "reports" / "deadlines.ics").read_bytes()
    assert len(list(Calendar.from_ical(written).walk("VEVENT"))) == len(events)
    assert b"\roverwritten" not in written


def on_a_terminal(args: list[str], cwd: Path) -> str:
    """sco-tracker with a terminal (a pseudo-terminal) as its output: click strips escape
    sequences only when the output is not a terminal, so this is where they would get through."""
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sco_tracker", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    proc.wait(timeout=120)
    return b"".join(chunks).decode("utf-8", "replace")


def test_the_terminal_gets_no_raw_control_characters(hostile: Path) -> None:
    detail = on_a_terminal(["status", "qingdao-youth-action-programme"], hostile)
    assert "\\u000doverwritten \\u202e" in detail
    assert not re.search("[\u202e]|\roverwritten", detail)
    grid = on_a_terminal(["compliance"], hostile)
    assert "Compliance in window" in grid
    # What the analyst types is shown escaped too (click strips escape sequences only when the
    # output is not a terminal).
    unknown = on_a_terminal(["status", "qingdao\x1b[2J\x07summit"], hostile)
    assert "no commitment" in unknown
    assert not re.search("[\x07\x1b]", unknown)
    assert "qingdao\\u001b[2J\\u0007summit" in unknown
    # A problem that quotes a value from the file quotes it escaped, through a pipe as well.
    edit(hostile / "commitments.yaml", "lead: china", 'lead: "chi\\rna"')
    refused = run_cli(["validate"], hostile)
    assert refused.exit_code == 1, refused.output
    assert "chi\\u000dna" in refused.stderr or "chi\\rna" in refused.stderr, refused.stderr
    assert "\r" not in refused.stderr


def test_a_committed_reports_json_links_only_our_own_report_files(project_dir: Path) -> None:
    ok(run_cli(["report", "--as-of", "2019-01-01"], project_dir))
    manifest = project_dir / "reports" / "reports.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["reports"].append(
        {
            "as_of": "2018-12-01",
            "files": {"md": "javascript:alert(1)", "html": "javascript:alert(1)"},
            "total": "a lot",
            "overdue": 10**400,
            "generated_at": 12,
            "fulfilment": {"x": 1},
            "statuses": ["not", "a", "mapping"],
        }
    )
    data["reports"].append(
        {"as_of": "2018-11-01", "files": {"md": "../../../etc/passwd", "html": "2018-11-01.htm"}}
    )
    manifest.write_text(json.dumps(data), encoding="utf-8")
    ok(run_cli(["report", "--as-of", "2019-02-01"], project_dir))
    for name in ("index.md", "index.html"):
        text = (project_dir / "reports" / name).read_text(encoding="utf-8")
        assert "javascript:" not in text, name
        assert "passwd" not in text, name
    html_links = re.findall(r'href="([^"]*)"', (project_dir / "reports" / "index.html").read_text())
    md_links = re.findall(r"\]\(([^)]*)\)", (project_dir / "reports" / "index.md").read_text())
    for link in html_links + md_links:
        assert re.fullmatch(r"(latest|\d{4}-\d{2}-\d{2})\.(md|html)", link), link
