"""What an installed sco-tracker holds: every file of the package that is not Python code (the
templates, the migrations) is named by pyproject.toml's package data, so an install that is not
the editable one the Makefile makes still finds them."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sco_tracker"


def _globs() -> list[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(data["tool"]["setuptools"]["package-data"]["sco_tracker"])


def _shipped(relative: str, globs: list[str]) -> bool:
    # setuptools matches a glob against the path inside the package; "*" stops at a "/"
    parts = relative.split("/")
    return any(
        len(g.split("/")) == len(parts)
        and all(fnmatch.fnmatchcase(p, q) for p, q in zip(parts, g.split("/"), strict=True))
        for g in globs
    )


def test_every_template_and_migration_is_package_data() -> None:
    globs = _globs()
    files = [
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file()
        and p.suffix not in (".py", ".pyc", ".cache")
        and "__pycache__" not in p.parts
    ]
    assert any(f.startswith("report/templates/site/") for f in files)  # the check sees them
    assert [f for f in files if not _shipped(f, globs)] == []
