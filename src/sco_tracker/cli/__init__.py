"""The command line: thin click commands over the library, one module per command.

`main` is the console entry point. `sco-tracker validate [FILE]` with no options is answered
from the validation cache (sco_tracker/cache.py) when nothing changed since the last
successful validation, without importing click, PyYAML or pydantic; everything else goes
through click (sco_tracker/cli/app.py), which imports each command's module only when it runs.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if _cached_validate(args):
        sys.exit(0)
    if args[:1] != ["validate"]:
        from sco_tracker.cli.app import main as click_main

        click_main(argv)
        return
    # validate is imports (click, pydantic and the models: some 60,000 objects, no garbage), one
    # validation (which pauses the collector itself) and a few lines of output: Python's cycle
    # collector, walking the growing heap during the imports, would only cost time (~10 ms).
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        from sco_tracker.cli.app import main as click_main

        click_main(argv)
    finally:
        if enabled:
            gc.enable()


def _cached_validate(args: list[str]) -> bool:
    """Print a cached validation of `validate [FILE]` and say True, or say False."""
    if (
        not args
        or args[0] != "validate"
        or len(args) > 2
        or any(a.startswith("-") for a in args[1:])
    ):
        return False
    from sco_tracker.cache import cached_validation

    # The file as validate would read it: FILE, else SCO_TRACKER_FILE (as click reads it: an
    # empty value is no value), else commitments.yaml.
    named = args[1] if len(args) == 2 else os.environ.get("SCO_TRACKER_FILE")
    hit = cached_validation(named or "commitments.yaml")
    if hit is None:
        return False
    # Stored as encoding.shown writes them (control characters escaped): printed as they are.
    for line in hit["warnings"]:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()
    sys.stdout.write(hit["summary"] + "\n")
    sys.stdout.flush()
    return True
