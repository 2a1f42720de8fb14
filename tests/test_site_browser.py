"""The site's index in a real browser: the filters and the search, on the shipped data and on
10,000 generated commitments (Debian's Chromium driven by Playwright, as
tests/test_report_browser.py does; its timings go to the benchmark, never into a test)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from test_report_browser import browser, open_report  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser
HOSTILE = "Hold </script><img src=x onerror=alert(1)><script>alert(2)</script> meeting"


def _count(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("#count").inner_text()


def _ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("#rows tr", "rows => rows.map(r => r.id)")


def test_filters_and_search_on_the_shipped_data(browser, project_dir: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert run_cli(["run", "--as-of", "2018-06-15"], project_dir).exit_code == 0
    index = project_dir / "reports" / "site" / "index.html"
    page, problems = open_report(browser, index)
    assert _count(page) == "25 commitments" and len(_ids(page)) == 25

    page.select_option("#status", "planned")
    planned = _ids(page)
    assert (
        "qingdao-youth-action-programme" in planned
        and "afghanistan-contact-group-beijing" not in planned
    )
    page.select_option("#finding", "overdue")
    assert sorted(_ids(page)) == ["qingdao-youth-action-programme"]
    assert _count(page) == "1 of 25 commitments"
    page.click("#clear")
    page.wait_for_function("document.querySelectorAll('#rows tr').length === 25")

    # everything Kyrgyzstan has promised, in the words of the Contact Group
    page.select_option("#party", "kyrgyzstan")
    page.fill("#q", "contact group")
    assert sorted(_ids(page)) == [
        "afghanistan-contact-group-beijing",
        "afghanistan-contact-group-beijing-2018-plan",
    ]
    # the filters are in the address: a colleague opening it sees the same list
    url = page.url
    assert "party=kyrgyzstan" in url and "q=contact%20group" in url
    other, more = open_report(browser, index)
    other.goto(url)
    other.wait_for_function("document.querySelectorAll('#rows tr').length === 2")
    other.close()

    page.click("#clear")
    page.fill("#due-from", "2018-06-01")
    page.fill("#due-to", "2018-06-30")
    page.locator("#due-to").dispatch_event("change")
    assert sorted(_ids(page)) == [
        "qingdao-counter-terrorism-programme",
        "qingdao-drug-abuse-concept",
        "qingdao-youth-action-programme",
        "qingdao-youth-joint-appeal",
    ]
    page.locator("#rows a", has_text="Pass an action programme").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/site/c/qingdao-youth-action-programme.html")
    assert page.locator("h1").inner_text().startswith("Pass an action programme")
    assert problems == [] and more == []
    page.close()


def test_a_report_anchor_opens_the_commitments_page(browser, project_dir: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert run_cli(["run", "--as-of", "2018-06-15"], project_dir).exit_code == 0
    index = project_dir / "reports" / "site" / "index.html"
    page, problems = open_report(browser, index)
    page.goto(index.resolve().as_uri() + "#next-secretaries-meeting-kyrgyzstan")
    page.wait_for_url("**/c/next-secretaries-meeting-kyrgyzstan.html")
    assert "Kyrgyz Republic" in page.locator("h1").inner_text()
    assert problems == []
    page.close()


def test_injected_title_stays_text_in_the_index(browser, project_dir: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from conftest import edit

    edit(
        project_dir / "commitments.yaml",
        "    title: Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018\n",
        f"    title: {json.dumps(HOSTILE)}\n",
    )
    assert run_cli(["run", "--as-of", "2018-06-15"], project_dir).exit_code == 0
    page, problems = open_report(browser, project_dir / "reports" / "site" / "index.html")
    link = page.locator("tr[id='afghanistan-contact-group-beijing'] a").first
    assert (
        link.inner_text()
        == "Hold </script><img src=x onerror=alert(1)><script>alert(2)</script> meeting"
    )
    assert page.locator("img").count() == 0 and _count(page) == "25 commitments"
    assert problems == []
    page.close()


def test_filters_on_ten_thousand_commitments(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from test_benchmark_generator import _generator

    _generator().generate(10_000, tmp_path)
    r = run_cli(["run", "--as-of", "2026-01-15"], tmp_path, timeout=600)
    assert r.exit_code == 0, r.output
    page, problems = open_report(browser, tmp_path / "reports" / "site" / "index.html")
    assert _count(page) == "10000 commitments"
    assert len(_ids(page)) == 200  # the first 200; "Show more" adds the next
    page.click("#more")
    assert len(_ids(page)) == 400
    page.select_option("#party", "kyrgyzstan")
    page.select_option("#status", "planned")
    shown = page.evaluate("() => Array.from(document.querySelectorAll('#rows tr')).map(r => r.id)")
    counted = int(_count(page).split(" of ")[0])
    assert 0 < len(shown) <= 200 and counted >= len(shown)
    first = shown[0]
    detail, more = open_report(browser, tmp_path / "reports" / "site" / "c" / f"{first}.html")
    assert "Kyrgyzstan" in detail.locator(".parties").inner_text()
    assert "Planned" in detail.locator("#facts").inner_text()
    assert problems == [] and more == []
    detail.close()
    page.close()
