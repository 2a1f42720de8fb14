"""Binds features/site.feature: the site beside the report, as an analyst reads it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from conftest import benchmark_generator, edit, run_cli, set_youth_programme
from report_pages import Node, parse_html, squeeze
from resolution_drafts import import_and_draft

scenarios("site.feature")

YOUTH = "qingdao-youth-action-programme"
CONTACT_GROUP_TITLE = (
    "    title: Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018\n"
)


def _page(workdir: Path, name: str) -> Node:
    path = workdir / "reports" / "site" / name
    assert path.is_file(), f"{path} was not written"
    return parse_html(path.read_text(encoding="utf-8"))


def _text(workdir: Path, name: str) -> str:
    return squeeze(_page(workdir, name).text())


def _site_files(workdir: Path) -> dict[str, tuple[int, int]]:
    """Each page of the site with its inode and modification time: a page rewritten (always
    through a new file put in place) gets a new inode. site.json (the pages' keys, rewritten
    on every run) is no page."""
    site = workdir / "reports" / "site"
    return {
        str(p.relative_to(site)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file() and p.name != "site.json"
    }


@pytest.fixture
def before() -> dict[str, Any]:
    return {}


@then(parsers.parse('the site page "{name}" is titled "{title}"'))
def page_titled(workdir: Path, name: str, title: str) -> None:
    h1 = next(_page(workdir, name).iter("h1"))
    assert squeeze(h1.text()) == title


@then(parsers.parse('the site page "{name}" has the browser title "{title}"'))
def page_browser_title(workdir: Path, name: str, title: str) -> None:
    found = next(_page(workdir, name).iter("title"))
    assert squeeze(found.text()) == title


@then(parsers.parse('the site page "{name}" lists "{title}"'))
def page_lists(workdir: Path, name: str, title: str) -> None:
    rows = [r[0] for r in _page(workdir, name).rows()]
    assert any(r.startswith(title) for r in rows), rows


@then(
    parsers.parse('the site page "{name}" shows the compliance scores of "{first}" and "{second}"')
)
def page_scores(workdir: Path, name: str, first: str, second: str) -> None:
    grid = _page(workdir, name).find_id("compliance")
    assert grid is not None, "no compliance table"
    windows = [r[0] for r in grid.rows()]
    assert windows == [first, second]


@then(parsers.parse('the site page "{name}" quotes "{words}"'))
def page_quotes(workdir: Path, name: str, words: str) -> None:
    quote = _page(workdir, name).find_id("quote")
    assert quote is not None and squeeze(quote.text()) == words


@then(parsers.parse('the site page "{name}" shows the whole paragraph "{text}"'))
def page_paragraph(workdir: Path, name: str, text: str) -> None:
    para = _page(workdir, name).find_id("paragraph")
    assert para is not None and squeeze(para.text()) == text


@then(parsers.parse('the site page "{name}" links the evidence "{url}"'))
def page_evidence(workdir: Path, name: str, url: str) -> None:
    updates = _page(workdir, name).find_id("updates")
    assert updates is not None
    assert url in [a.attrs.get("href") for a in updates.iter("a")]


@then(parsers.parse('the site page "{name}" shows the status history "{status}" from {day}'))
def page_history(workdir: Path, name: str, status: str, day: str) -> None:
    history = _page(workdir, name).find_id("history")
    assert history is not None
    assert [day, "status", status] in [r[:3] for r in history.rows()], history.rows()


@then(parsers.parse('the site page "{name}" shows the restatement of "{title}"'))
def page_chain(workdir: Path, name: str, title: str) -> None:
    chain = _page(workdir, name).find_id("restatements")
    assert chain is not None and title in squeeze(chain.text())


@then(parsers.parse('the site page "{name}" links "{words}" to "{href}"'))
def page_links(workdir: Path, name: str, words: str, href: str) -> None:
    links = {squeeze(a.text()): a.attrs.get("href") for a in _page(workdir, name).iter("a")}
    assert links.get(f"in {words}") == href, links


@then(
    'the site page "source/beijing-2018-05-22.html" lists the Qingdao summit documents before '
    "the next meeting in the Kyrgyz Republic"
)
def source_order(workdir: Path) -> None:
    page = _page(workdir, "source/beijing-2018-05-22.html")
    ids = [tr.attrs.get("id") for tr in page.iter("tr") if tr.attrs.get("id")]
    assert ids.index("qingdao-counter-terrorism-programme") < ids.index(YOUTH)
    assert ids.index(YOUTH) < ids.index("next-secretaries-meeting-kyrgyzstan")
    where = [int(r[0].split()[-1]) for r in page.rows() if r[0].startswith("paragraph")]
    assert where == sorted(where), "the undertakings are not in the order of the document"


@then(parsers.parse('the site page "{name}" says "{words}" for "{cid}"'))
def page_row_says(workdir: Path, name: str, words: str, cid: str) -> None:
    row = _page(workdir, name).find_id(cid)
    assert row is not None, f"no row for {cid}"
    assert words in squeeze(row.text()), squeeze(row.text())


@then(parsers.parse('the site page "{name}" does not say "{words}"'))
def page_lacks(workdir: Path, name: str, words: str) -> None:
    assert words not in _text(workdir, name)


@then(parsers.parse('the site page "{name}" gives its due date as "{words}"'))
def page_due(workdir: Path, name: str, words: str) -> None:
    page = _page(workdir, name)
    terms = [squeeze(n.text()) for n in page.iter("dt")]
    values = [squeeze(n.text()) for n in page.iter("dd")]
    pairs = dict(zip(terms, values, strict=False))
    assert pairs.get("Due") == words, pairs


@then(parsers.parse('the report as of {day} says "{words}"'))
def report_says(workdir: Path, day: str, words: str) -> None:
    for name in (f"{day}.md", f"{day}.html"):
        path = workdir / "reports" / name
        assert words in squeeze(path.read_text(encoding="utf-8")), name


@then(parsers.parse('the site page "{name}" shows paragraph {n:d} as "{reason}"'))
def source_exclusion(workdir: Path, name: str, n: int, reason: str) -> None:
    rows = _page(workdir, name).rows()
    assert [f"paragraph {n}", reason] in [[r[0], r[2]] for r in rows if len(r) == 3], rows


@given(
    "UN General Assembly resolution 80/36 on small arms, imported and drafted with --write, every"
    " draft accepted"
)
def resolution_80_36_accepted(workdir: Path) -> None:
    own = import_and_draft(workdir)
    own.write_text(own.read_text(encoding="utf-8").replace("    draft: true\n", ""), "utf-8")


@then(parsers.parse('the site page "{name}" names the place of "{words}" as "{place}"'))
def place_named(workdir: Path, name: str, words: str, place: str) -> None:
    rows = [r for r in _page(workdir, name).rows() if len(r) == 3 and words in r[1]]
    assert rows and rows[0][0] == place, rows


@when("the action programme for young people is recorded as adopted at the Qingdao summit")
def youth_adopted(workdir: Path, before: dict[str, Any]) -> None:
    before.update(_site_files(workdir))
    set_youth_programme(workdir, "fulfilled")


@then(
    "the pages rewritten are the programme's page, the index, and the pages of its source, its "
    "theme and its 8 parties"
)
def rewritten(workdir: Path, before: dict[str, Any]) -> None:
    after = _site_files(workdir)
    changed = sorted(name for name, stamp in after.items() if before.get(name) != stamp)
    parties = ["china", "india", "kazakhstan", "kyrgyzstan", "pakistan", "russia"]
    parties += ["tajikistan", "uzbekistan"]
    assert changed == sorted(
        [
            f"c/{YOUTH}.html",
            "index.html",
            "source/beijing-2018-05-22.html",
            "theme/youth-and-the-prevention-of-extremism.html",
            *(f"party/{p}.html" for p in parties),
        ]
    )


@when(parsers.parse('the commitment "{cid}" is taken out of the file'))
def take_out(workdir: Path, cid: str) -> None:
    path = workdir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {cid}\n")
    end = text.index("\n  - id: ", start + 1) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")


@then(parsers.parse('the site has no page "{name}"'))
def no_page(workdir: Path, name: str) -> None:
    assert not (workdir / "reports" / "site" / name).exists()
    keys = json.loads((workdir / "reports" / "site" / "site.json").read_text(encoding="utf-8"))
    assert name not in keys["pages"]


@given(parsers.parse('the Contact Group meeting\'s title is "{title}"'))
def hostile_title(workdir: Path, title: str) -> None:
    edit(workdir / "commitments.yaml", CONTACT_GROUP_TITLE, f"    title: {json.dumps(title)}\n")


@then("no page of the site holds the script the title carries")
def no_script(workdir: Path) -> None:
    site = workdir / "reports" / "site"
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "</script><script>" not in html, path
        assert "<!-- the meeting" not in html, path
        assert html.count("</script>") == html.count("<script"), path
    index = (site / "index.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="site-data">(.*?)</script>', index, re.S)
    assert data is not None
    rows = json.loads(data.group(1))["rows"]
    assert "Hold </script><script>alert(1)</script> <!-- the meeting" in [r[1] for r in rows]


@given(parsers.parse("a file of {n:d} generated commitments"), target_fixture="workdir")
def generated(tmp_path: Path, n: int) -> Path:
    benchmark_generator().generate(n, tmp_path)
    return tmp_path


def _report(workdir: Path) -> Node:
    return parse_html((workdir / "reports" / "latest.html").read_text(encoding="utf-8"))


@then("the report lists every overdue commitment with a link to its page in the site")
def brief_overdue(workdir: Path) -> None:
    report = _report(workdir)
    overdue = report.find_id("overdue")
    assert overdue is not None
    hrefs = [a.attrs.get("href") for a in overdue.iter("a")]
    ids = [tr.attrs.get("id") for tr in overdue.iter("tr") if tr.attrs.get("id")]
    assert ids and hrefs == [f"site/c/{i}.html" for i in ids]
    for i in ids:
        assert (workdir / "reports" / "site" / "c" / f"{i}.html").is_file()
    assert os.path.getsize(workdir / "reports" / "latest.html") < 1_500_000


@then("the report lists no commitment in full that needs no attention")
def brief_no_rows(workdir: Path) -> None:
    report = _report(workdir)
    assert not [tr for tr in report.iter("tr") if "commitment" in (tr.attrs.get("class") or "")]
    assert report.find_id("site-note") is not None


@then("the report links every theme to its page in the site")
def brief_themes(workdir: Path) -> None:
    table = _report(workdir).find_id("theme-counts")
    assert table is not None
    hrefs = [a.attrs.get("href") for a in table.iter("a")]
    assert hrefs and all(h and h.startswith("site/theme/") for h in hrefs)
    for h in hrefs:
        assert (workdir / "reports" / h).is_file(), h


@given("the site as of 15 June 2018")
def site_of_15_june(workdir: Path) -> None:
    r = run_cli(["run", "--as-of", "2018-06-15"], workdir)
    assert r.exit_code == 0, r.output


NOTE = "Points for the ambassador's briefing, kept beside the site.\n"


@given(parsers.parse('the analyst keeps a note "{name}" in the site folder'))
def keep_note(workdir: Path, name: str) -> None:
    (workdir / name).parent.mkdir(parents=True, exist_ok=True)
    (workdir / name).write_text(NOTE, encoding="utf-8")


def _index_rows(workdir: Path) -> tuple[list[Any], list[Any]]:
    """The index's data: its sources ([id, title, date label]) and its rows, in their order."""
    index = (workdir / "reports" / "site" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="site-data">(.*?)</script>', index, re.S)
    assert found is not None, "the index holds no data"
    data = json.loads(found.group(1))
    return data["sources"], data["rows"]


@then("the site's index lists the commitment of the Moscow meeting of October 2017 first")
def index_moscow_first(workdir: Path) -> None:
    _, rows = _index_rows(workdir)
    assert rows[0][0] == "afghanistan-contact-group-beijing-2018-plan", [r[0] for r in rows]


@then(
    "the site's index lists the commitments by the date of their document, each document's in "
    "the order of the file"
)
def index_by_date(workdir: Path) -> None:
    from sco_tracker.spec.project import load_project

    project = load_project(workdir / "commitments.yaml")
    sources, rows = _index_rows(workdir)
    dates = [project.sources[sources[r[5]][0]].date for r in rows]
    assert dates == sorted(dates), dates
    for sid in project.sources:  # the file's order within each document
        mine = [r[0] for r in rows if sources[r[5]][0] == sid]
        assert mine == [c.id for c in project.commitments if c.source == sid and c.id in mine]


@then("the site's index is as of 16 June 2018")
def index_of_16_june(workdir: Path) -> None:
    index = (workdir / "reports" / "site" / "index.html").read_text(encoding="utf-8")
    assert 'datetime="2018-06-16"' in index


@then(parsers.parse('the note "{name}" is as the analyst left it'))
def note_kept(workdir: Path, name: str) -> None:
    assert (workdir / name).read_text(encoding="utf-8") == NOTE
