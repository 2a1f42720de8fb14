"""How well `sco-tracker draft` finds the undertakings of real documents: recall and precision
against the hand-made labels in tests/data/labels/, and the time to draft each text.

    python benchmarks/drafting.py            # the table
    python benchmarks/drafting.py --misses   # and, per document, the missed labels and the
                                             # false proposals

For each labels file: the document (tests/data/corpus/<DOC>.md, or the source text it names)
is read by intake (sco_tracker.sources.intake) when that is importable, else by the minimal
reading of sco_tracker.sources.evaluation.minimal_reading (documented there); the drafting
(sco_tracker.sources.drafting.draft) proposes commitments; the harness
(sco_tracker.sources.evaluation.evaluate) matches them to the labels by text. Each text is
drafted --runs times (default 3); the best time is shown. The target for a 60 KB text is to
draft within 1 s: it is printed, never asserted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sco_tracker.sources.drafting import draft  # noqa: E402
from sco_tracker.sources.evaluation import (  # noqa: E402
    LabelSet,
    Score,
    evaluate,
    minimal_reading,
    read_labels,
)

LABELS = ROOT / "tests" / "data" / "labels"
TARGET_SECONDS = 1.0
TARGET_BYTES = 60_000


def reader() -> tuple[str, Callable[[Path], str]]:
    """(name, read): intake if it can be imported, else the minimal reading."""
    try:
        take = importlib.import_module("sco_tracker.sources.intake").take
    except (ImportError, AttributeError):
        return "minimal reading (intake not importable)", lambda p: minimal_reading(
            p.read_text(encoding="utf-8")
        )

    def read(path: Path) -> str:
        if path.suffix == ".txt":  # a source text of the project: already one paragraph a line
            return path.read_text(encoding="utf-8")
        return str(take(path).text)

    return "intake", read


def measure(labels: LabelSet, text: str, runs: int) -> tuple[Score, float, int]:
    """(score, best drafting time in seconds, proposals)."""
    best = float("inf")
    result: Any = None
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        result = draft(text, labels.document, parties={})
        best = min(best, time.perf_counter() - start)
    proposals = list(result.commitments)
    return evaluate(labels.undertakings, proposals), best, len(proposals)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--misses", action="store_true", help="list missed labels and false proposals"
    )
    args = parser.parse_args(argv)
    how, read = reader()
    print(f"Drafting against the labels in {LABELS.relative_to(ROOT)} (documents read by {how})")
    header = (
        f"{'document':<22} {'KB':>6} {'labels':>6} {'found':>6} {'proposed':>8} "
        f"{'recall':>7} {'precision':>9} {'draft s':>8}"
    )
    print(header)
    print("-" * len(header))
    total_labels = total_found = total_proposed = 0
    timings: list[tuple[str, int, float]] = []
    details: list[tuple[str, Score]] = []
    for path in sorted(LABELS.glob("*.yaml")):
        labels = read_labels(path)
        text = read(ROOT / labels.source)
        score, seconds, proposed = measure(labels, text, args.runs)
        size = len(text.encode("utf-8"))
        timings.append((labels.document, size, seconds))
        details.append((labels.document, score))
        total_labels += score.labels
        total_found += len(score.matched)
        total_proposed += proposed
        print(
            f"{labels.document:<22} {size / 1000:>6.1f} {score.labels:>6} {len(score.matched):>6} "
            f"{proposed:>8} {score.recall:>7.0%} {score.precision:>9.0%} {seconds:>8.3f}"
        )
    print("-" * len(header))
    recall = total_found / total_labels if total_labels else 1.0
    precision = total_found / total_proposed if total_proposed else 1.0
    print(
        f"{'total':<22} {'':>6} {total_labels:>6} {total_found:>6} {total_proposed:>8} "
        f"{recall:>7.0%} {precision:>9.0%}"
    )
    print()
    for doc, size, seconds in timings:
        if size >= TARGET_BYTES * 0.9:
            verdict = "holds" if seconds <= TARGET_SECONDS else "DOES NOT HOLD"
            print(
                f"Target: a {TARGET_BYTES // 1000} KB text drafts within {TARGET_SECONDS:.0f} s: "
                f"{doc} ({size / 1000:.1f} KB) in {seconds:.3f} s: {verdict}"
            )
    if args.misses:
        for doc, score in details:
            print(f"\n== {doc}: {len(score.missed)} missed, {len(score.false_proposals)} false")
            for lab in score.missed:
                print(f"  missed  [{lab.paragraph}] {lab.text[:110]}")
            for prop in score.false_proposals:
                print(
                    f"  false   [{getattr(prop, 'paragraph', '?')}] "
                    f"{' '.join(prop.quote.split())[:110]}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
