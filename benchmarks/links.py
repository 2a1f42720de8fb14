"""How well `sco-tracker draft` links a new document to what is tracked: recall and precision
of its links (restates, reports on) against the hand-made labels in tests/data/links/labels.yaml.

    python benchmarks/links.py            # the table
    python benchmarks/links.py --misses   # and every missed label and false link, with its why
    python benchmarks/links.py --scale 10000  # and the time to draft the Beijing communiqué
                                              # beside 10,000 generated commitments

Each document of each case is drafted beside the case's tracked file (the same function
`draft` uses: sources.draftfile.draft_beside); a proposed link counts when its kind, the
paragraph of the new document and the earlier commitment are those of a label. No test asserts
the figures; README quotes them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sco_tracker.sources.draftfile import draft_beside  # noqa: E402
from sco_tracker.sources.intake import take  # noqa: E402
from sco_tracker.spec.project import load_project  # noqa: E402

LABELS = ROOT / "tests" / "data" / "links" / "labels.yaml"
CORPUS = ROOT / "tests" / "data" / "corpus"

Link = tuple[str, str, str]  # (kind, paragraph, earlier commitment id)


def text_of(doc: dict[str, Any]) -> str:
    if "text" in doc:
        return str(doc["text"]) + "\n"
    if "text_file" in doc:
        return (ROOT / doc["text_file"]).read_text(encoding="utf-8")
    return str(take(CORPUS / doc["corpus"]).text)


def proposed(doc: dict[str, Any], project: Any) -> dict[Link, str]:
    """The links draft proposes for the document: link -> why."""
    day = doc["date"] if isinstance(doc["date"], date) else date.fromisoformat(doc["date"])
    result = draft_beside(project, text_of(doc), doc["id"], day)
    out: dict[Link, str] = {}
    for c in result.commitments:
        if c.restates:
            out[("restates", str(c.paragraph), c.restates)] = c.restates_why
    for u in result.updates:
        where = u.note.split("(", 1)[1].split(")", 1)[0].removeprefix("paragraph ")
        out[("reports", where, u.commitment)] = u.why
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list missed and false links")
    parser.add_argument("--scale", type=int, default=0, metavar="N", help="time N tracked")
    args = parser.parse_args(argv)
    cases = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["cases"]
    total = {"labels": 0, "proposed": 0, "right": 0}
    print(f"{'case':32} {'documents':>9} {'labels':>6} {'proposed':>8} {'right':>5}")
    details: list[str] = []
    for case in cases:
        project = load_project(str(ROOT / case["tracked"]))
        n = {"labels": 0, "proposed": 0, "right": 0}
        for doc in case["documents"]:
            want = {(k["kind"], str(k["paragraph"]), k["target"]) for k in doc["links"]}
            got = proposed(doc, project)
            n["labels"] += len(want)
            n["proposed"] += len(got)
            n["right"] += len(want & set(got))
            details += [f"  missed  {doc['id']}: {link}" for link in sorted(want - set(got))]
            details += [
                f"  false   {doc['id']}: {link}\n          {got[link]}"
                for link in sorted(set(got) - want)
            ]
        print(
            f"{case['name']:32} {len(case['documents']):>9} {n['labels']:>6}"
            f" {n['proposed']:>8} {n['right']:>5}"
        )
        for k in total:
            total[k] += n[k]
    recall = total["right"] / total["labels"] if total["labels"] else 0.0
    precision = total["right"] / total["proposed"] if total["proposed"] else 1.0
    print(
        f"\nlinks: recall {recall:.0%} ({total['right']} of {total['labels']} labelled links),"
        f" precision {precision:.0%} ({total['right']} of {total['proposed']} proposed)"
    )
    if args.misses and details:
        print("\n" + "\n".join(details))
    if args.scale:
        print(scale(args.scale))
    return 0


def scale(n: int) -> str:
    """The time to draft the Beijing communiqué beside n generated commitments."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        generate(n, tmp)
        project = load_project(str(Path(tmp) / "commitments.yaml"))
        text = (
            ROOT / "sources" / "sco-security-council-secretaries-2018-05-22-beijing.txt"
        ).read_text(encoding="utf-8")
        start = time.perf_counter()
        draft_beside(project, text, "new-document", date(2999, 1, 1))
        took = time.perf_counter() - start
    return f"\ndrafting the Beijing communiqué beside {n} tracked commitments: {took:.1f} s"


if __name__ == "__main__":
    raise SystemExit(main())
