"""PDF: the text of each page with pypdf, its footnotes moved to the end.

pypdf is pure Python and maintained, reads damaged files without crashing the process and
limits what it decompresses (75 MB a stream by default, pypdf.filters.*_MAX_OUTPUT_LENGTH):
these limits are kept. The layout extraction keeps the blank lines between paragraphs, which
the cleaning uses. Pages are separated by a form feed; the footnotes found at the foot of a
page (below a rule, or a block numbered as the next footnote) become `[^n]: text` lines at the
end, as in a Markdown extraction, so that text.py treats both alike.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zlib
from typing import Any

import pypdf
import pypdf.filters
from pypdf.errors import PyPdfError

from sco_tracker.problems import UserError
from sco_tracker.sources.intake.furniture import is_page_stamp

#: More pages than any resolution or communiqué has; a file with more is refused.
MAX_PAGES = 2000
#: The text extracted from all pages, at most.
MAX_CHARS = 20_000_000

pypdf.filters.JBIG2DEC_BINARY = None  # never run an outside program on a file we were sent

_BROKEN = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    RecursionError,
    OverflowError,
    AssertionError,
    LookupError,
    ZeroDivisionError,
    struct.error,
    zlib.error,
)
_RULE = re.compile(r"^\s*_{5,}\s*$")
_NOTE = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")


def read(data: bytes, name: str) -> tuple[str, dict[str, Any]]:
    """The text of the PDF (pages separated by form feeds, footnotes at the end) and its
    metadata (the title, when the file names one)."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # pypdf's notes on a damaged file are not for the analyst
    try:
        return _read(data, name)
    finally:
        log.setLevel(level)


def _read(data: bytes, name: str) -> tuple[str, dict[str, Any]]:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UserError(f"{name}: the PDF is protected by a password; save a copy without one")
        if len(reader.pages) > MAX_PAGES:
            raise UserError(f"{name}: the PDF has more than {MAX_PAGES} pages; intake refuses it")
        meta: dict[str, Any] = {}
        info = reader.metadata
        if info is not None and info.title and len(info.title.split()) > 2:
            meta["title"] = str(info.title)
        pages: list[list[str]] = []
        total = 0
        for page in reader.pages:
            text = _page_text(page)
            total += len(text)
            if total > MAX_CHARS:
                raise UserError(f"{name}: the PDF holds too much text for a document")
            pages.append(text.split("\n"))
    except UserError:
        raise
    except _BROKEN as exc:
        raise UserError(f"{name}: the PDF is damaged and cannot be read ({_why(exc)})") from None
    return _assemble(pages), meta


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:120]
    return text or type(exc).__name__


def _page_text(page: Any) -> str:
    try:
        text: str = page.extract_text(extraction_mode="layout")
    except _BROKEN:
        text = page.extract_text()
    return text


def _assemble(pages: list[list[str]]) -> str:
    """The pages' lines (a form feed between pages) and the footnotes at the end."""
    notes: dict[int, str] = {}
    body: list[str] = []
    for i, lines in enumerate(pages):
        lines = _line_spacing([" ".join(line.split()) for line in lines])
        kept = _take_notes(lines, notes)
        if i:
            body.append("\f")
        body.extend(kept)
    text = "\n".join(body)
    if notes:
        text += "\n\n" + "\n".join(f"[^{n}]: {t}" for n, t in sorted(notes.items())) + "\n"
    return text


def _line_spacing(lines: list[str]) -> list[str]:
    """The lines with at most one blank line between paragraphs. The layout extraction writes
    blank lines for vertical space; on a page set with wide line spacing it writes one between
    every two lines: the smallest space is then the line spacing, and only more than that is
    a paragraph break."""
    runs: list[int] = []
    run = 0
    for line in lines:
        if line:
            runs.append(run)
            run = 0
        else:
            run += 1
    runs = runs[1:]  # the space above the first line is the margin
    # wide spacing: no two lines touch, and there are two sizes of space (lines, paragraphs)
    base = min(runs) if runs and 0 not in runs and len(set(runs)) > 1 else 0
    out: list[str] = []
    run = 0
    first = True
    for line in lines:
        if not line:
            run += 1
            continue
        if not first and run > base:
            out.append("")
        out.append(line)
        run = 0
        first = False
    return out


def _take_notes(lines: list[str], notes: dict[int, str]) -> list[str]:
    """The page's lines without its footnotes, which are added to notes."""
    end = len(lines)
    while end and (not lines[end - 1] or is_page_stamp(lines[end - 1])):
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
            notes[current] = m.group(2)
        elif current is not None and line:
            notes[current] += " " + line
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
    while i > 0 and lines[i - 1]:
        i -= 1  # back to the blank line above the last block
    m = _NOTE.match(lines[i]) if i < end else None
    if m and int(m.group(1)) == expected and not m.group(2)[:1].islower() and i > 0:
        return i
    return None
