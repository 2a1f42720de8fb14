"""Take the README screenshot of the HTML report with the system Chromium.

.venv/bin/python docs/screenshot.py reports/2018-06-15.html docs/report-2018-06-15.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

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


def main(html: str, png: str, width: int = 1280, height: int = 1500) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        page.goto(Path(html).resolve().as_uri())
        page.screenshot(path=png, full_page=False)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:3], *(int(a) for a in sys.argv[3:5]))
