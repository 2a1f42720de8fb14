"""Source texts: paragraphs (one per line) and quote matching as people type quotes by hand."""

from __future__ import annotations

import re
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def paragraphs(text: str) -> list[str]:
    """One paragraph per line; a trailing newline does not make an empty last paragraph."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def fold(text: str) -> str:
    """Whitespace collapsed (no-break spaces too), case folded, typographic quotes made plain."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip().casefold()


#: Many commitments quote the same paragraph: fold each paragraph once.
_fold_paragraph = lru_cache(maxsize=16384)(fold)


def quote_in(quote: str, paragraph: str) -> bool:
    return fold(quote) in _fold_paragraph(paragraph)


def find_quote(quote: str, paras: list[str]) -> int | None:
    """The number (from 1) of the first paragraph holding the quote, if any."""
    q = fold(quote)
    for n, para in enumerate(paras, start=1):
        if q in fold(para):
            return n
    return None
