"""UN General Assembly resolution 80/36 as an analyst brings it in: `import`, then the `draft`
command it prints ("Next: ..."), with --write. Its masthead and preamble print no numbers; its
operative paragraphs are numbered 1 to 10."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from conftest import run_cli

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
SOURCE = "a-res-80-36"


def import_and_draft(folder: Path) -> Path:
    """Import the resolution and write its drafts; the file that holds them."""
    shutil.copy(CORPUS / "A_RES_80_36.md", folder / "A_RES_80_36.md")
    done = run_cli(["import", "A_RES_80_36.md", "--source-id", SOURCE], folder)
    assert done.exit_code == 0, done.output
    (line,) = [x for x in done.output.splitlines() if x.startswith("Next: sco-tracker ")]
    drafted = run_cli([*shlex.split(line.removeprefix("Next: sco-tracker ")), "--write"], folder)
    assert drafted.exit_code == 0, drafted.output
    return folder / "commitments" / f"{SOURCE}.yaml"
