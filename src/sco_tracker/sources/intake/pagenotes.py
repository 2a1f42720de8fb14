"""Footnotes at the foot of the pages of a text with page breaks (form feeds), as PDF
extraction gives them: below a rule of underscores, or in a last block of the page that starts
with the number of the next footnote. They are moved to the end as `[^n]: text` lines, as a
Markdown extraction writes them, so that footnotes.py reads both alike.
"""

from __future__ import annotations

import re

from sco_tracker.sources.intake.furniture import is_page_stamp

_RULE = re.compile(r"^\s*_{5,}\s*$")
_NOTE = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")


def move_to_end(text: str) -> str:
    """The text with the notes of each page moved to its end."""
    notes: dict[int, str] = {}
    pages = [_take_notes(page.split("\n"), notes) for page in text.split("\f")]
    out = "\f".join("\n".join(lines) for lines in pages)
    if notes:
        out = out.rstrip("\n") + "\n\n"
        out += "\n".join(f"[^{n}]: {t}" for n, t in sorted(notes.items())) + "\n"
    return out


def _take_notes(lines: list[str], notes: dict[int, str]) -> list[str]:
    """The page's lines without its footnotes, which are added to notes."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or is_page_stamp(lines[end - 1])):
        end -= 1  # the footer below the notes stays for furniture.py
    start = _notes_start(lines, end, max(notes, default=0) + 1)
    if start is None:
        return lines
    current: int | None = None
    for line in lines[start:end]:
        m = _NOTE.match(line)
        expected = max(notes, default=0) + 1
        if m and int(m.group(1)) == expected:
            current = expected
            notes[current] = " ".join(m.group(2).split())
        elif current is not None and line.strip():
            notes[current] += " " + " ".join(line.split())
    first = start - 1 if start and _RULE.match(lines[start - 1]) else start
    return lines[:first] + lines[end:]


def _notes_start(lines: list[str], end: int, expected: int) -> int | None:
    """Where the footnotes of the page begin: after a rule, or a last block that starts with
    the number of the next footnote."""
    for i in range(end - 1, max(-1, end - 60), -1):
        if _RULE.match(lines[i]):
            m = _NOTE.match(lines[i + 1]) if i + 1 < end else None
            return i + 1 if m and int(m.group(1)) == expected else None
    i = end - 1
    while i > 0 and lines[i - 1].strip():
        i -= 1  # back to the blank line above the last block
    m = _NOTE.match(lines[i]) if i < end else None
    fits = i > 0 and end - i <= 15  # a block of its own at the foot, not the whole page
    if m and int(m.group(1)) == expected and not m.group(2)[:1].islower() and fits:
        return i
    return None
