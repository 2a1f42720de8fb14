"""The HTML report in a real browser: Debian's Chromium driven by Playwright.

Never `playwright install`: the test uses the system Chromium at /usr/bin/chromium and
fails (does not skip) when it is missing, so CI cannot pass without a browser check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: install Debian's package with "
            "'apt-get update && apt-get install -y chromium' (.ci/run does this in CI)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_report(browser, path: Path, width: int = 1280):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "request",
        lambda r: problems.append(f"request: {r.url}") if not r.url.startswith("file://") else None,
    )
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, problems


def test_report_renders_in_chromium(browser, project_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli(["report", "--as-of", "2018-06-01"], project_dir).exit_code == 0
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 0, r.output
    page, problems = open_report(browser, project_dir / "reports" / "2018-06-15.html")

    summary = page.locator("#summary")
    assert summary.is_visible()
    assert "fulfilment rate: 3 of 5 due commitments fulfilled" in summary.inner_text()
    assert "(60%)" not in summary.inner_text()  # the rate once: the card's figure
    assert page.locator("#fulfilment-rate").inner_text() == "60%"

    svg = page.locator("svg#timeline")
    box = svg.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 80
    assert page.locator("svg#timeline circle").count() >= 4
    assert page.locator("svg#timeline .asoflabel").text_content() == "as of 15 June 2018"

    from sco_tracker.spec.project import load_project

    ids = [c.id for c in load_project(project_dir / "commitments.yaml").commitments]
    for cid in ids:
        row = page.locator(f"tr[id='{cid}']")
        assert row.count() == 1 and row.is_visible(), cid
    assert page.locator("#overdue tbody tr").count() == 2
    assert page.locator("#status-changes tbody tr").count() == 2

    # A link to a commitment lands on its row.
    page.goto(
        (project_dir / "reports" / "2018-06-15.html").resolve().as_uri()
        + "#qingdao-youth-action-programme"
    )
    assert page.locator("tr:target").get_attribute("id") == "qingdao-youth-action-programme"
    assert problems == []
    page.close()


def test_report_is_readable_on_a_phone(browser, project_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli(["report", "--as-of", "2018-06-15"], project_dir).exit_code == 0
    page, problems = open_report(browser, project_dir / "reports" / "2018-06-15.html", width=390)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than a 390px phone screen"
    assert page.locator("#summary").is_visible()
    assert problems == []
    page.close()


def test_injected_markup_does_not_run(browser, project_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import edit

    edit(
        project_dir / "commitments.yaml",
        "    title: Hold the next SCO-Afghanistan Contact Group meeting in Beijing in May 2018\n",
        '    title: "Hold <img src=x onerror=alert(1)> <script>alert(2)</script> meeting"\n',
    )
    assert run_cli(["report", "--as-of", "2018-06-15"], project_dir).exit_code == 0
    page, problems = open_report(browser, project_dir / "reports" / "2018-06-15.html")
    row = page.locator("tr[id='afghanistan-contact-group-beijing'] a.self")
    assert row.inner_text() == "Hold <img src=x onerror=alert(1)> <script>alert(2)</script> meeting"
    assert page.locator("img").count() == 0
    assert problems == []
    page.close()
