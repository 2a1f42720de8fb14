"""fold() collapses whitespace with str.split(); it must match what the regex \\s+ did."""

from __future__ import annotations

import re
import sys

from sco_tracker.sources.text import fold, quote_in

WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c))]


def _regex_fold(text: str) -> str:
    plain = text.translate(
        str.maketrans(
            {
                "\u2019": "'",
                "\u2018": "'",
                "\u201c": '"',
                "\u201d": '"',
                "\u2013": "-",
                "\u2014": "-",
            }
        )
    )
    return re.sub(r"\s+", " ", plain).strip().casefold()


def test_every_regex_whitespace_is_collapsed() -> None:
    assert "\u00a0" in WHITESPACE and "\u3000" in WHITESPACE and "\x1c" in WHITESPACE
    for ws in WHITESPACE:
        text = f"{ws}The  Sides{ws}{ws}agreed{ws}"
        assert fold(text) == _regex_fold(text) == "the sides agreed", repr(ws)


def test_split_and_regex_agree_on_mixed_text() -> None:
    samples = [
        "",
        "   ",
        "\u2018Peace Mission\u2019\u00a0\u2013 2018",
        "The sides \u201cagreed\u201d\r\n to\u2003hold\u2028talks",
        "STRASSE Stra\u00dfe \u0130stanbul",
        "zero\u200bwidth is not whitespace",
    ]
    for text in samples:
        assert fold(text) == _regex_fold(text), repr(text)


def test_quote_matching_forgives_no_break_spaces() -> None:
    assert quote_in("the  RATS\u00a0Council", "Members of the RATS Council met.")
