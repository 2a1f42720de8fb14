"""ARCHITECTURE.md matches the tree, and the layering it states holds.

The rules are the ones a contributor must keep (see ARCHITECTURE.md): checks and rendering are
pure, so spec/, sources/ and tracking/ never reach for the database, the reports, the
scheduler or the command line; no module is over 500 lines.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "src" / "sco_tracker"
ARCH = ROOT / "ARCHITECTURE.md"
MAX_LINES = 500

#: package -> the packages (and top-level modules) of sco_tracker it must never import.
FORBIDDEN = {
    "spec": {"db", "report", "schedule", "notify", "cli", "pipeline", "tracking"},
    "sources": {"db", "report", "schedule", "notify", "cli", "pipeline", "tracking"},
    "tracking": {"db", "report", "schedule", "notify", "cli", "pipeline"},
    "db": {"report", "schedule", "notify", "cli", "pipeline"},
    "report": {"db", "schedule", "notify", "cli", "pipeline"},
    "notify": {"schedule", "cli", "pipeline"},
    "schedule": {"cli"},
    "pipeline": {"cli", "schedule"},
}


def modules() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "migrations" not in p.relative_to(PKG).parts)


def imported(path: Path) -> set[str]:
    """The first name under sco_tracker of everything the module imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        found: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "sco_tracker":
                found = [a.name for a in node.names]
            elif node.module.startswith("sco_tracker."):
                found = [node.module.split(".")[1]]
        elif isinstance(node, ast.Import):
            found = [a.name.split(".")[1] for a in node.names if a.name.startswith("sco_tracker.")]
        names.update(found)
    return names


def home(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PKG)))
def test_no_module_is_over_500_lines(path: Path) -> None:
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(ROOT)} has {n} lines: split it along a seam"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PKG)))
def test_the_layering_holds(path: Path) -> None:
    bad = imported(path) & FORBIDDEN.get(home(path), set())
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}: see ARCHITECTURE.md, 'Rules'"


def test_architecture_names_every_module_and_only_modules_that_exist() -> None:
    text = ARCH.read_text(encoding="utf-8")
    named = {
        m for m in re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)`", text) if not m.startswith("tests/")
    }
    tree = {
        str(p.relative_to(PKG)) for p in modules() if p.name not in ("__init__.py", "__main__.py")
    }
    assert sorted(tree - named) == [], "modules missing from ARCHITECTURE.md"
    assert sorted(m for m in named if not (PKG / m).is_file()) == [], (
        "ARCHITECTURE.md names modules that do not exist"
    )
