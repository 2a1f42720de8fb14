"""PDF: the text of each page with pypdf, its footnotes moved to the end.

pypdf is pure Python and maintained, reads damaged files without crashing the process and
limits what it decompresses (75 MB a stream by default, pypdf.filters.*_MAX_OUTPUT_LENGTH):
these limits are kept. The layout extraction keeps the blank lines between paragraphs, which
the cleaning uses. Pages are separated by a form feed, as pdftotext does, and text.py takes
the footnotes from the foot of each page (pagenotes.py). On the first page, text set larger
than the page's text (a letterhead, a press release's headline) is a heading: a headline
wrapped over two lines is made one line, on a line of its own.
"""

from __future__ import annotations

import io
import logging
import math
import struct
import zlib
from collections import Counter
from typing import Any

import pypdf
import pypdf.filters
from pypdf.errors import PyPdfError

from sco_tracker.problems import UserError
from sco_tracker.sources.intake import not_readable

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
        if pages:
            pages[0] = _display_joined(pages[0], _display_blocks(reader.pages[0]))
    except UserError:
        raise
    except _BROKEN:  # pypdf's own words are not for the analyst
        raise not_readable(name, pdf=True) from None
    return _assemble(pages), meta


def _page_text(page: Any) -> str:
    try:
        text: str = page.extract_text(extraction_mode="layout")
    except _BROKEN:
        text = page.extract_text()
    return text


def _display_blocks(page: Any) -> list[list[str]]:
    """The lines of the page set larger than its text (a letterhead, a headline), in runs of
    one size: a headline wrapped over two lines is one run. The text's size is the size most
    of the page's characters have."""
    lines: list[tuple[str, float]] = []
    parts: list[str] = []
    size = 0.0

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, font_size: float) -> None:
        nonlocal size
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append((" ".join("".join(parts).split()), size))
                parts.clear()
                size = 0.0
            if piece.strip():
                parts.append(piece)
                scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
                size = max(size, round(float(font_size) * scale, 1))

    try:
        page.extract_text(visitor_text=visit)
    except _BROKEN:
        return []
    lines.append((" ".join("".join(parts).split()), size))
    chars: Counter[float] = Counter()
    for text, at in lines:
        chars[at] += len(text)
    if not chars:
        return []
    body = chars.most_common(1)[0][0]
    blocks: list[list[str]] = []
    last = 0.0
    for text, at in lines:
        if not text:
            continue
        if at < body * 1.15:
            last = 0.0
            continue
        if blocks and abs(at - last) < 0.5:
            blocks[-1].append(text)
        else:
            blocks.append([text])
        last = at
    return blocks


def _display_joined(lines: list[str], blocks: list[list[str]]) -> list[str]:
    """The page's lines with each run of display lines (a headline wrapped over two lines) made
    one line, set apart by blank lines: a heading of its own, never joined to the paragraph
    below it."""
    out: list[str] = []
    i = 0
    norm = [" ".join(line.split()) for line in lines]
    for block in blocks:
        at = _find(norm, block, i)
        if at is None:
            continue
        out.extend(lines[i:at])
        if out and out[-1].strip():
            out.append("")
        out.append(" ".join(block))
        i = at + len(block)
        if i < len(lines) and lines[i].strip():
            out.append("")
    out.extend(lines[i:])
    return out


def _find(lines: list[str], block: list[str], start: int) -> int | None:
    """Where the block's lines follow one another in lines, from start on."""
    for at in range(start, len(lines) - len(block) + 1):
        if lines[at : at + len(block)] == block:
            return at
    return None


def _assemble(pages: list[list[str]]) -> str:
    """The pages' lines, a form feed between pages (text.py moves the notes at the foot of
    each page to the end)."""
    return "\n\f\n".join(
        "\n".join(_line_spacing([" ".join(line.split()) for line in lines])) for lines in pages
    )


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
