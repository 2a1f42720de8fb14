"""Source texts: paragraphs (one per line) and quote matching as people type quotes by hand."""

from __future__ import annotations

from functools import lru_cache

_FOLD = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def paragraphs(text: str) -> list[str]:
    """One paragraph per line; a trailing newline does not make an empty last paragraph."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def fold(text: str) -> str:
    """Whitespace collapsed (no-break spaces too), case folded, typographic quotes made plain.

    str.split() breaks at exactly the characters the regex \\s matches (both use str.isspace),
    so this is re.sub(r"\\s+", " ", text).strip(), several times faster.
    """
    if not text.isascii():  # every character _FOLD maps is outside ASCII
        text = text.translate(_FOLD)
    return " ".join(text.split()).casefold()


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


def locate(quote: str, paragraph: str) -> tuple[int, int] | None:
    """Where the quote lies in the paragraph, as (start, end) offsets of the paragraph itself.

    Matching forgives case, spacing and typographic quotes exactly as quote_in does.
    """
    folded: list[str] = []
    origin: list[int] = []  # index in paragraph of each folded character
    pending_space = False
    for i, ch in enumerate(paragraph):
        if ch.isspace():
            pending_space = bool(folded)
            continue
        if pending_space:
            folded.append(" ")
            origin.append(i - 1)
            pending_space = False
        for piece in ch.translate(_FOLD).casefold():
            folded.append(piece)
            origin.append(i)
    target = fold(quote)
    if not target:
        return None
    at = "".join(folded).find(target)
    if at < 0:
        return None
    return origin[at], origin[at + len(target) - 1] + 1


def parting(quote: str, paragraph: str, words: int = 6) -> tuple[str, str, str] | None:
    """Where a quote and a paragraph part: the end of the longest beginning of the quote (in
    whole words) that the paragraph holds, then the words that follow in the paragraph and in
    the quote (at most `words` of each). None when not even the first word is there.
    Matching forgives case, spacing and typographic quotes as quote_in does."""
    parts = quote.split()
    folded = _fold_paragraph(paragraph)
    low, high = 0, len(parts)  # the longest k with the first k words in the paragraph
    while low < high:
        mid = (low + high + 1) // 2
        if fold(" ".join(parts[:mid])) in folded:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return None
    span = locate(" ".join(parts[:low]), paragraph)
    assert span is not None
    same = parts[max(0, low - words) : low]
    after = paragraph[span[1] :].split()[:words]
    return (
        ("..." if low > words else "") + " ".join(same),
        " ".join(after),
        " ".join(parts[low : low + words]),
    )


def where_they_part(message: str, quote: str, paragraph: str) -> str:
    """message, followed by where a quote that is not in paragraph parts from it: the
    longest shared start, then the words that follow in each."""
    parted = parting(quote, paragraph)
    if parted is None:
        return f"{message}: not even its first word is there"
    same, para_next, quote_next = parted
    return (
        f'{message}: they agree as far as "{same}", then the paragraph has '
        f'"{para_next or "(its end)"}" where the quote has "{quote_next}"'
    )
