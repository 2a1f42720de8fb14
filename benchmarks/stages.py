"""Where one `sco-tracker ARGS...` spends its CPU time, stage by stage (benchmarks/run.py runs it).

    python benchmarks/stages.py run          # in the folder of commitments.yaml

Runs the command in this process with the library's stage functions wrapped by timers, and
prints one JSON object: CPU seconds (user+sys of this process) of
  imports     from the start of this script to the first stage (Python's own start-up is the
              benchmark's S, measured apart)
  reading     reading commitments.yaml, parsing it with yaml-rs and checking that its values
              read alike under YAML 1.1 (yamlfile.plain: not asked again of the commitments
              remembered clean, spec/entrycache.py)
  validation  the rest of loading and validating the file (models, rules, source texts)
  evaluation  status and findings of every commitment as of today
  sync        bringing the database up to the file, and recording the check run
  context     the report's data (views, counts, timeline, compliance)
  rendering   rendering the reports with Jinja2 and writing them (streamed: one stage)
  other       everything else (output, notifications, the run's record)
Wrapping costs a little; the stages are for finding where the time goes, not for the targets.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import json
import sys
import time
from collections.abc import Callable
from typing import Any

START = time.process_time()
SPENT: dict[str, float] = {}
FIRST: list[float] = []
_DEPTH: list[str] = []


def _timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not FIRST:
            FIRST.append(time.process_time())
        outer = _DEPTH[-1] if _DEPTH else None
        _DEPTH.append(stage)
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            d = time.process_time() - t
            _DEPTH.pop()
            SPENT[stage] = SPENT.get(stage, 0.0) + d
            if outer is not None:  # counted in its own stage, not in the one around it
                SPENT[outer] = SPENT.get(outer, 0.0) - d

    return wrapper


def wrap(module: str, name: str, stage: str) -> None:
    m = importlib.import_module(module)
    setattr(m, name, _timed(stage, getattr(m, name)))


def main() -> int:
    wraps = [
        ("sco_tracker.spec.yamlfile", "read_bytes_and_text", "reading"),
        ("sco_tracker.spec.yamlfile", "fast_parse", "reading"),
        ("sco_tracker.spec.yamlfile", "plain", "reading"),
        ("sco_tracker.spec.validation", "load_project", "validation"),
    ]
    if sys.argv[1:2] != ["validate"]:  # validate imports neither SQLAlchemy nor Jinja2
        wraps += [
            ("sco_tracker.pipeline", "evaluate", "evaluation"),
            ("sco_tracker.pipeline", "sync_project", "sync"),
            ("sco_tracker.pipeline", "record_check", "sync"),
            ("sco_tracker.report.render", "build_context", "context"),
            ("sco_tracker.report.render", "write_reports", "rendering"),
        ]
    for module, name, stage in wraps:
        wrap(module, name, stage)
    from sco_tracker.cli import main as cli_main

    sys.argv = ["sco-tracker", *sys.argv[1:]]
    code: object = 0
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            cli_main()
    except SystemExit as exc:
        code = exc.code
    total = time.process_time() - START
    out = {"imports": (FIRST[0] - START) if FIRST else total}
    out.update(SPENT)
    out["other"] = total - sum(out.values())
    out["total"] = total
    out["exit"] = code
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
