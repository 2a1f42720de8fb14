"""The site's index in headless Chromium: time to first paint and to a filter (issue 17).

    python benchmarks/site_browser.py FOLDER     (FOLDER: a project after `sco-tracker run`)

Importable: measure_site(folder, runs) -> dict. Called by benchmarks/run.py; no test asserts
these times.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

#: Runs one filter in the page and returns its time in ms, to the next frame painted.
FILTER_JS = """async ([id, value, event]) => {
  const el = document.getElementById(id);
  const t = performance.now();
  el.value = value;
  el.dispatchEvent(new Event(event));
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t;
}"""


def site_sizes(folder: Path) -> dict[str, Any]:
    site = folder / "reports" / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    by_kind: dict[str, list[int]] = {}
    for p in files:
        kind = p.parent.name if p.parent != site else p.name
        by_kind.setdefault(kind, []).append(p.stat().st_size)
    report = folder / "reports" / "latest.html"
    return {
        "pages": len(files),
        "bytes": sum(sum(v) for v in by_kind.values()),
        "largest": {k: max(v) for k, v in by_kind.items()},
        "report_html_bytes": report.stat().st_size if report.exists() else None,
    }


def measure_site(folder: Path, runs: int = 5) -> dict[str, Any]:
    """First paint of the index (ms), its load event, and three filters (ms, medians)."""
    from playwright.sync_api import sync_playwright

    index = (folder / "reports" / "site" / "index.html").resolve().as_uri()
    paint: list[float] = []
    loaded: list[float] = []
    filters: dict[str, list[float]] = {"party": [], "status": [], "search": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(index)
            page.wait_for_load_state("load")
            fcp = page.evaluate(
                "performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)"
            )
            paint.extend(fcp[:1])
            loaded.append(
                page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            )
            party = page.evaluate("document.querySelector('#party option:nth-child(5)').value")
            filters["party"].append(page.evaluate(FILTER_JS, ["party", party, "change"]))
            filters["status"].append(page.evaluate(FILTER_JS, ["status", "planned", "change"]))
            filters["search"].append(page.evaluate(FILTER_JS, ["q", "regional security", "input"]))
            page.close()
        browser.close()
    return {
        "first_paint_ms": statistics.median(paint) if paint else None,
        "load_ms": statistics.median(loaded),
        "filter_ms": {k: statistics.median(v) for k, v in filters.items()},
        "runs": runs,
        **site_sizes(folder),
    }


if __name__ == "__main__":
    print(json.dumps(measure_site(Path(sys.argv[1])), indent=2))
