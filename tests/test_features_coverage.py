"""Binds features/coverage.feature."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd import given, parsers, scenarios

scenarios("coverage.feature")


def _remove_block(path: Path, first_line: str) -> None:
    """Remove the list entry starting with first_line (up to the next entry or comment)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip("\n") == first_line)
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


@given(parsers.parse('the commitment "{cid}" is removed'))
def remove_commitment(workdir: Path, cid: str) -> None:
    _remove_block(workdir / "commitments.yaml", f"  - id: {cid}")


@given(parsers.parse('the commitment "{cid}" is marked as a draft'))
def mark_draft(workdir: Path, cid: str) -> None:
    path = workdir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"  - id: {cid}\n" in text
    path.write_text(text.replace(f"  - id: {cid}\n", f"  - id: {cid}\n    draft: true\n"), "utf-8")


@given("the exclusion of paragraph 8, the sides' view of the world, is removed")
def remove_paragraph_8_exclusion(workdir: Path) -> None:
    path = workdir / "commitments.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "paragraph: 8")
    assert (
        lines[at - 1].strip() == "- source: beijing-2018-05-22"
        and lines[at + 1].strip() == "reason: description_of_situation"
    )
    end = at + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    path.write_text("".join(lines[: at - 1] + lines[end:]), encoding="utf-8")


@given("the exclusion of paragraph 8, the sides' view of the world, is marked as a draft")
def paragraph_8_exclusion_drafted(workdir: Path) -> None:
    path = workdir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    paragraph: 8\n    reason: description_of_situation\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, old + "    draft: true\n"), encoding="utf-8")


def _edit_exclusion(workdir: Path, n: int, field: str, value: str) -> None:
    """Give the field (the line after `paragraph:` or further under it) of the Beijing
    communiqué's exclusion of paragraph n a new value."""
    path = workdir / "commitments.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(
        i
        for i, line in enumerate(lines)
        if line.strip() == f"paragraph: {n}"
        and lines[i - 1].strip() == "- source: beijing-2018-05-22"
        and any(ln.startswith("exclusions:") for ln in lines[:i])
    )
    end = at + 1
    while end < len(lines) and lines[end].startswith("    ") and not lines[end].startswith("  -"):
        end += 1
    (k,) = [i for i in range(at + 1, end) if lines[i].strip().startswith(f"{field}:")]
    lines[k] = f"    {field}: {value}\n"
    path.write_text("".join(lines), encoding="utf-8")


@given(parsers.parse('the reason of the exclusion of paragraph {n:d} is changed to "{reason}"'))
@given(parsers.parse('the reason of the exclusion in paragraph {n:d} is changed to "{reason}"'))
def change_reason(workdir: Path, n: int, reason: str) -> None:
    _edit_exclusion(workdir, n, "reason", reason)


@given(parsers.parse('the quote of the exclusion in paragraph {n:d} is changed to "{quote}"'))
def change_quote(workdir: Path, n: int, quote: str) -> None:
    _edit_exclusion(workdir, n, "quote", quote)


@given(parsers.parse('the note of the exclusion of paragraph {n:d} is the placeholder "{note}"'))
def placeholder_note(workdir: Path, n: int, note: str) -> None:
    _edit_exclusion(workdir, n, "reason", "other")  # (it is already: the placeholder's reason)
    _edit_exclusion(workdir, n, "note", f"'{note}'")
