"""Page headers and footers: the lines a printed page repeats that are not the document's text.

A line is furniture when it is made only of what pages carry (a document symbol such as
A/RES/80/11, "Page 3 of 12", a bare page number, a job number such as 25-12345 (E), a date
stamp), when it repeats at the top or foot of several pages (or, in a text without pages,
several times), or when it is a short line that cuts a sentence in two at a page break (a
running title between "... in its" and "resolution 79/237 ...").
"""

from __future__ import annotations

import re
from collections import Counter

#: A line removed here; the joining step treats it as a page break.
REMOVED = "\x00removed"
#: A page break (form feed) as the PDF reader writes it.
PAGE = "\f"

_SYMBOL = r"[A-Z]{1,10}(?:/[A-Z0-9][A-Za-z0-9.\-()]*){1,6}"
_TOKEN = re.compile(
    rf"""(?xi)
    {_SYMBOL}                              # a document symbol: A/RES/80/11, S/2024/767
    | page | of | p\.                       # Page 3 of 12
    | \d{{1,4}}(?:\s*/\s*\d{{1,4}})?        # 3, 3/12
    | [-–—]                                 # - 3 -
    | (?:[A-Z]{{2}}\.)?\d{{2}}-\d{{5}}(?:\s*\([A-Z]\))? # job numbers: 25-12345 (E), GE.25-12345
    | \([A-Z]\) | \d{{6}}                   # (E), a date stamp 261125
    | \(\d{{4}}\)                            # S/RES/2719 (2023)
    | \*\d{{5,9}}\*                         # the bar code's text
    | please | recycle | ♲
    """
)
_SPLIT = re.compile(r"\s+")
_TERMINAL = tuple('.;:!?”"’)]')
_STARTS_MARKER = re.compile(r"^(?:\d{1,3}\.|\([a-z]{1,4}\)|\([ivxlc]+\)|[-•*])\s")


def is_page_stamp(line: str) -> bool:
    """A line made only of what page headers and footers carry."""
    text = line.strip()
    if not text or len(text) > 80:
        return False
    tokens = [t for t in _SPLIT.split(text.replace("(", " (")) if t]
    if not all(_TOKEN.fullmatch(t) for t in tokens):
        return False
    # "of" or "Page" alone is a word, not a page number; a line needs a number or a symbol.
    return any(re.search(r"\d|/", t) for t in tokens) or text.casefold() == "please recycle"


def _shape(line: str) -> str:
    """The line with its numbers blanked, for comparing headers across pages."""
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _terminated(line: str) -> bool:
    text = re.sub(r"(?:\[\^\d+\]|\d{1,3})$", "", line.rstrip())  # a footnote marker at the end
    return text.endswith(_TERMINAL) or line.rstrip().endswith(_TERMINAL)


def _short(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 15 and len(line) <= 120 and not _STARTS_MARKER.match(line)


def _fold_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def remove(lines: list[str], title: str | None, counts: Counter[str]) -> list[str]:
    """The lines with the furniture replaced by REMOVED; each removed line counted in counts."""
    out = list(lines)
    pages = _pages(out)
    repeated = _repeated(out, pages)
    title_words = _fold_words(title or "")
    # In a text of one page (a web page, a press release), the title above the text's first
    # sentence is the title, not a running header (which repeats only from a second page on).
    body = len(pages) > 1
    for i, line in enumerate(out):
        text = line.strip()
        if not text or line in (PAGE, REMOVED):
            continue
        if is_page_stamp(text) or _shape(text) in repeated:
            counts[text] += 1
            out[i] = REMOVED
            continue
        if not _short(text) or _terminated(text):
            body = True
            continue
        gap_before, prev = _neighbour(out, i, -1)
        gap_after, nxt = _neighbour(out, i, 1)
        cuts_before = prev is not None and not _terminated(prev)
        cuts_after = nxt is not None and nxt[:1].islower()
        words = _fold_words(text)
        shared = min(len(words), len(title_words))
        is_title = shared >= 4 and title_words[:shared] == words[:shared]
        if (gap_before and gap_after and cuts_before and cuts_after) or (
            is_title and body and (cuts_before or cuts_after)
        ):
            counts[text] += 1
            out[i] = REMOVED
    return out


def _neighbour(lines: list[str], i: int, step: int) -> tuple[bool, str | None]:
    """(a gap lies between, the nearest line with text) on one side of line i."""
    gap = False
    j = i + step
    while 0 <= j < len(lines):
        line = lines[j]
        if line.strip() and line not in (PAGE, REMOVED):
            return gap, line.strip()
        gap = True
        j += step
    return True, None


def _pages(lines: list[str]) -> list[list[int]]:
    """The indexes of the lines with text on each page (one page when there is no break)."""
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line == PAGE:
            pages.append([])
        elif line.strip():
            pages[-1].append(i)
    return [p for p in pages if p]


def _repeated(lines: list[str], pages: list[list[int]]) -> set[str]:
    """The shapes of short lines that repeat: at the top or foot of two or more pages, or, in a
    text without pages, three or more times."""
    seen: Counter[str] = Counter()
    if len(pages) > 1:
        for page in pages:
            edge = page[:3] + page[-3:]
            seen.update({_shape(lines[i]) for i in edge if _short(lines[i].strip())})
        return {s for s, n in seen.items() if n >= 2 and len(s) >= 2}
    for i in pages[0] if pages else []:
        text = lines[i].strip()
        if _short(text) and not _terminated(text):
            seen[_shape(text)] += 1
    return {s for s, n in seen.items() if n >= 3}
