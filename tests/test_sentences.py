from __future__ import annotations

import pytest

from conftest import BEIJING_TEXT
from sco_tracker.sources.sentences import split
from sco_tracker.sources.text import locate, paragraphs


def texts(paragraph: str) -> list[str]:
    return [s.text for s in split(paragraph)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            (
                "The sides praised the holding of a conference (Moscow, 3 April 2018). They "
                "agreed to meet again."
            ),
            [
                "The sides praised the holding of a conference (Moscow, 3 April 2018).",
                "They agreed to meet again.",
            ],
        ),
        (
            (
                "The SCO Convention, signed 9 June 2017 in Astana, was noted. Resolution No. "
                "2254 was cited."
            ),
            [
                "The SCO Convention, signed 9 June 2017 in Astana, was noted.",
                "Resolution No. 2254 was cited.",
            ],
        ),
        (
            "Mr. V. V. Putin met Dr. Xi. The U.N. Security Council met on 12 Feb. 2015. Next.",
            [
                "Mr. V. V. Putin met Dr. Xi.",
                "The U.N. Security Council met on 12 Feb. 2015.",
                "Next.",
            ],
        ),
        (
            "They acted, e.g. by sharing data. They will meet.",
            ["They acted, e.g. by sharing data.", "They will meet."],
        ),
        ("See para. 3 and Art. 5 above. Done.", ["See para. 3 and Art. 5 above.", "Done."]),
        (
            "The meeting (see para. 3. It was good) ended. Then more.",
            ["The meeting (see para. 3. It was good) ended.", "Then more."],
        ),
        ('He said "Stop." Then left.', ['He said "Stop."', "Then left."]),
        (
            "The dates 21.05.2018 and 3-4 May 2018 stay whole. Yes.",
            ["The dates 21.05.2018 and 3-4 May 2018 stay whole.", "Yes."],
        ),
        ("No final stop", ["No final stop"]),
        ("", []),
    ],
)
def test_split(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


def test_offsets_point_into_the_paragraph() -> None:
    p = "One sentence here.  Another\u00a0one (Dushanbe, 3-4 May 2018)."
    for s in split(p):
        assert p[s.start : s.end] == s.text
    assert [s.index for s in split(p)] == [1, 2]


def test_beijing_has_48_sentences() -> None:
    paras = paragraphs(BEIJING_TEXT.read_text(encoding="utf-8"))
    counts = [len(split(p)) for p in paras]
    assert sum(counts) == 48
    assert counts[7] == 6  # paragraph 8
    assert counts[22] == 1  # paragraph 23: "27 March 2018 Tashkent" is one sentence


def test_locate_forgives_spacing_and_case() -> None:
    p = "They reaffirmed\u00a0their  rejection of double standards."
    start, end = locate("they reaffirmed their rejection", p)  # type: ignore[misc]
    assert p[start:end] == "They reaffirmed\u00a0their  rejection"
    assert locate("not there", p) is None
