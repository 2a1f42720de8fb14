"""Binds features/drafting_styles.feature."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then
from ruamel.yaml import YAML

from conftest import BEIJING_TEXT, ROOT

scenarios("drafting_styles.feature")

STYLES = ROOT / "tests" / "data" / "styles"


@given(parsers.parse('the Beijing communiqué as a new document "{name}"'))
def beijing_as_new(workdir: Path, name: str) -> None:
    shutil.copy(BEIJING_TEXT, workdir / name)


@given(parsers.parse('the document "{source}" as "{name}"'))
def document(workdir: Path, source: str, name: str) -> None:
    shutil.copy(STYLES / source, workdir / name)


def _all_files(workdir: Path) -> str:
    """commitments.yaml and the files it includes (a drafted document's own file)."""
    files = [workdir / "commitments.yaml", *sorted((workdir / "commitments").glob("*.yaml"))]
    return "".join(f.read_text(encoding="utf-8") for f in files)


@then(parsers.parse('the commitments files contain "{text}"'))
def file_contains(workdir: Path, text: str) -> None:
    assert text in _all_files(workdir)


@then(parsers.parse('the commitments files do not contain "{text}"'))
def file_lacks(workdir: Path, text: str) -> None:
    assert text not in _all_files(workdir)


@given(parsers.parse('the commitment "{cid}" is removed'))
def remove_commitment(workdir: Path, cid: str) -> None:
    path = workdir / "commitments.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip("\n") == f"  - id: {cid}")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def _proposals(output: str) -> Any:
    return YAML(typ="safe").load(output)


@then(parsers.parse('no proposed commitment quotes "{text}"'))
def no_commitment_quotes(result: Any, text: str) -> None:
    quotes = [c["quote"] for c in _proposals(result.output)["commitments"]]
    assert quotes, result.output
    assert not [q for q in quotes if text in q], quotes


@then(parsers.parse('paragraph "{label}" is proposed as an exclusion with the reason "{reason}"'))
def excluded_with(result: Any, label: str, reason: str) -> None:
    """label: the document's own paragraph number, as the draft cites it."""
    exclusions = _proposals(result.output)["exclusions"]
    assert [x["reason"] for x in exclusions if x["paragraph"] == label] == [reason], exclusions


@then(parsers.parse('the proposal quoting "{quote}" names "{who}" as who is asked to act'))
def names_addressee(result: Any, quote: str, who: str) -> None:
    """As an `addressees` entry, or in the comment above the proposal where this version's
    file format has no such field yet."""
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(f"quote: {quote}"))
    start = max(i for i in range(at) if lines[i].startswith("  # why:"))
    end = next(
        (i for i in range(at, len(lines)) if lines[i].startswith(("  # why:", "exclusions:"))),
        len(lines),
    )
    block = [line.strip() for line in lines[start:end]]
    assert f"# addressees: {who}" in block or f"- {who}" in block, block


@then(
    parsers.parse(
        'the proposal quoting "{quote}" is continuous, reviewed "{cadence}", with no due date'
    )
)
def recurring(result: Any, quote: str, cadence: str) -> None:
    (entry,) = [c for c in _proposals(result.output)["commitments"] if c["quote"].startswith(quote)]
    assert (entry["kind"], entry.get("review_every"), entry.get("due")) == (
        "continuous",
        cadence,
        None,
    ), entry
