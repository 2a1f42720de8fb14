"""Binds features/intake.feature."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from pytest_bdd import given, parsers, scenarios, then

from intake_docs import SCO_PAGE, cut_pdf, resolution_pdf

scenarios("intake.feature")

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


@given(parsers.parse('the extracted text of resolution 80/16 as "{name}"'))
def extracted_text(workdir: Path, name: str) -> None:
    shutil.copy(CORPUS / "A_RES_80_16.md", workdir / name)


@given(parsers.parse('a three-page PDF of a resolution on cooperation with the SCO as "{name}"'))
def built_pdf(workdir: Path, name: str) -> None:
    resolution_pdf(workdir / name)


@given(
    parsers.parse(
        "the SCO's press release on its Foreign Ministers' meeting of 24 April 2018, saved from "
        'its site with the menus, sidebar, footer and scripts, as "{name}"'
    )
)
def saved_page(workdir: Path, name: str) -> None:
    (workdir / name).write_text(SCO_PAGE, encoding="utf-8")


@given(
    parsers.parse(
        "a statement of the SCO Ministers of Foreign Affairs, as plain text with its title on"
        ' the first line and no date, as "{name}"'
    )
)
def undated_statement(workdir: Path, name: str) -> None:
    lines = [
        "Statement of the Ministers of Foreign Affairs of the SCO Member States",
        "The Ministers agreed to hold the next meeting of the Council in the Kyrgyz Republic.",
        "They called on the SCO Secretariat to prepare a report on the Contact Group.",
    ]
    (workdir / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


@given(parsers.parse('a damaged PDF as "{name}"'))
def damaged_pdf(workdir: Path, name: str) -> None:
    (workdir / name).write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n")


@given(parsers.parse('the Qingdao declaration as a PDF only half downloaded, as "{name}"'))
def half_downloaded_pdf(workdir: Path, name: str) -> None:
    (workdir / name).write_bytes(cut_pdf())


@given(parsers.parse('a file of random bytes as "{name}"'))
def random_bytes(workdir: Path, name: str) -> None:
    (workdir / name).write_bytes(random.Random(2018).randbytes(3000))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


@then(
    parsers.parse(
        '"{relpath}" has operative paragraphs {first:d} to {last:d}, each at the start of its'
        " own line"
    )
)
def operative_paragraphs(workdir: Path, relpath: str, first: int, last: int) -> None:
    numbers = [
        int(m.group(1)) for line in _lines(workdir / relpath) if (m := re.match(r"(\d+)\. ", line))
    ]
    assert numbers == list(range(first, last + 1)), numbers


@then(parsers.parse('"{relpath}" has the line "{line}"'))
def has_line(workdir: Path, relpath: str, line: str) -> None:
    assert line in _lines(workdir / relpath)


@then(parsers.parse('"{relpath}" has no line "{line}"'))
def has_no_line(workdir: Path, relpath: str, line: str) -> None:
    assert line not in _lines(workdir / relpath)


@then(parsers.parse('in "{relpath}" the paragraph "{start}" holds "{words}"'))
def paragraph_holds(workdir: Path, relpath: str, start: str, words: str) -> None:
    found = [line for line in _lines(workdir / relpath) if line.startswith(start)]
    assert len(found) == 1 and words in found[0], found


@then(parsers.parse('there is no file "{relpath}"'))
def no_file(workdir: Path, relpath: str) -> None:
    assert not (workdir / relpath).exists()


@then(parsers.parse('"{relpath}" is byte for byte "{other}"'))
def same_bytes(workdir: Path, relpath: str, other: str) -> None:
    assert (workdir / relpath).read_bytes() == (workdir / other).read_bytes()
