"""Two installs of sco-tracker measured against each other, interleaved, on the same data.

    python benchmarks/compare.py BEFORE/bin/sco-tracker AFTER/bin/sco-tracker [--runs 7] [--n 10000]

Each figure of `benchmarks/run.py --quick` (--help, validate of the shipped file cold and warm,
validate at N cold and warm, run into an empty database, with nothing changed, after one status
change) is measured as: one warm-up of each, then --runs rounds of (before, after) in turn, so
both see the same load on a shared machine. Each install works on its own copy of the same
data (the shipped commitments.yaml and sources/ of this checkout, and the generated set at N).
Prints CPU (user+sys) and wall medians, their spread (min-max) and the change in per cent.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import OUT, ROOT, StatusToggle, dataset, drop_cache, reset, run_once


def _copy(src: Path, dst: Path) -> Path:
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    shutil.copy(src / "commitments.yaml", dst / "commitments.yaml")
    shutil.copytree(src / "sources", dst / "sources")
    return dst


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        help="a figure to measure, as printed (e.g. 'run, empty database'); repeatable",
    )
    args = ap.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.pop("SCO_TRACKER_NO_CACHE", None)
    gen, editable = dataset(args.n, 0)
    tools = {"before": args.before, "after": args.after}
    shipped = {k: _copy(ROOT, OUT / "compare" / k / "shipped") for k in tools}
    big = {k: _copy(gen, OUT / "compare" / k / f"n{args.n}") for k in tools}
    toggles = {k: StatusToggle(big[k] / "commitments.yaml", editable[0]) for k in tools}

    def nothing(_: str) -> None:
        return None

    figures: list[tuple[str, dict[str, Path], list[str], Callable[[str], None]]] = [
        ("--help", shipped, ["--help"], nothing),
        ("validate, shipped, cold", shipped, ["validate"], lambda k: drop_cache(shipped[k])),
        ("validate, shipped, warm", shipped, ["validate"], nothing),
        (f"validate, {args.n}, cold", big, ["validate"], lambda k: drop_cache(big[k])),
        (f"validate, {args.n}, warm", big, ["validate"], nothing),
        ("run, empty database", big, ["run"], lambda k: reset(big[k])),
        ("run, nothing changed", big, ["run"], nothing),
        ("run, one status changed", big, ["run"], lambda k: toggles[k].flip()),
    ]
    only = {s.strip() for s in args.only}
    print(f"load {os.getloadavg()[0]:.2f}; {args.runs} interleaved rounds after a warm-up")
    print(f"{'figure':<28} {'CPU before':>22} {'CPU after':>22} {'change':>7}   wall before/after")
    try:
        for name, where, cmd, setup in figures:
            if only and name not in only:
                continue
            cpu: dict[str, list[float]] = {k: [] for k in tools}
            wall: dict[str, list[float]] = {k: [] for k in tools}
            for i in range(args.runs + 1):
                for k, tool in tools.items():
                    setup(k)
                    rc, w, c, _rss, tail = run_once([tool, *cmd], where[k], 1800, env)
                    if rc != 0:
                        print(f"{name}: {k} failed ({rc}): {tail}")
                        return 1
                    if i:
                        cpu[k].append(c)
                        wall[k].append(w)

            def cell(xs: list[float]) -> str:
                return f"{statistics.median(xs):.3f} ({min(xs):.3f}-{max(xs):.3f})"

            b, a = statistics.median(cpu["before"]), statistics.median(cpu["after"])
            print(
                f"{name:<28} {cell(cpu['before']):>22} {cell(cpu['after']):>22} "
                f"{100 * (a - b) / b:>+6.0f}%   {cell(wall['before'])} / {cell(wall['after'])}",
                flush=True,
            )
    finally:
        for t in toggles.values():
            t.restore()
    return 0


if __name__ == "__main__":
    sys.exit(main())
