"""Intake: PDFs, web pages and extracted texts to one paragraph per line, with a report.

The PDFs and pages are built here (tests/intake_docs.py); the extracted texts are the six UN
General Assembly resolutions of tests/data/corpus/ (public documents, as extracted from their
PDFs) and the SCO's Beijing communiqué, which is already one paragraph per line.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shlex
from datetime import date
from pathlib import Path

import pypdf
import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from tests.conftest import run_cli

from intake_docs import (
    PDF_FOOTNOTES,
    PDF_PARAGRAPHS,
    RUNNING_TITLE,
    SCO_PAGE,
    SCO_PARAGRAPHS,
    SYMBOL,
    UN_PAGE,
    UN_PARAGRAPHS,
    cut_pdf,
    resolution_pdf,
)
from sco_tracker.problems import UserError
from sco_tracker.sources.drafting import guess_source_date
from sco_tracker.sources.intake import MAX_BYTES, take, take_bytes
from sco_tracker.sources.intake.footnotes import remove_markers
from sco_tracker.sources.intake.furniture import is_page_stamp
from sco_tracker.sources.intake.text import clean

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
BEIJING = CORPUS / "sco-nsc-secretaries-2018-05-22-beijing.txt"
#: The highest operative paragraph number of each resolution, as printed in its PDF.
HIGHEST = {
    "A_RES_80_5.md": 44,
    "A_RES_80_9.md": 31,
    "A_RES_80_11.md": 30,
    "A_RES_80_12.md": 10,
    "A_RES_80_16.md": 4,
    "A_RES_80_36.md": 10,
}
#: The day each resolution was adopted, as printed under its title ("Resolution adopted by the
#: General Assembly on ..."): its date, not the day the library distributed it (front matter).
ADOPTED = {
    "A_RES_80_5.md": date(2025, 11, 4),
    "A_RES_80_9.md": date(2025, 11, 24),
    "A_RES_80_11.md": date(2025, 11, 26),
    "A_RES_80_12.md": date(2025, 12, 1),
    "A_RES_80_16.md": date(2025, 12, 1),
    "A_RES_80_36.md": date(2025, 12, 1),
}
#: A footnote marker left in the text: "[^6]", or a number stuck to a word or punctuation.
MARKER = re.compile(r"\[\^\d+\]|[A-Za-z)”][,.;:]\d{1,3}(?=\s|$)|[a-z]{3}\d{1,3}(?=[\s,.;:])")


def _numbers(paragraphs: list[str]) -> list[int]:
    return [int(m.group(1)) for p in paragraphs if (m := re.match(r"(\d{1,3})\. ", p))]


@pytest.mark.parametrize("name", sorted(HIGHEST))
def test_corpus_resolution_comes_out_one_paragraph_per_line(name: str) -> None:
    raw = (CORPUS / name).read_text(encoding="utf-8")
    result = take(CORPUS / name)
    paras = result.paragraphs
    assert result.text == "".join(p + "\n" for p in paras)
    # every operative paragraph found once, in order, at the start of its own line
    assert _numbers(paras) == list(range(1, HIGHEST[name] + 1))
    # the front matter is metadata, not text
    front = dict(re.findall(r'^(symbol|date): "?([^"\n]+)"?$', raw.split("\n---\n")[0], re.M))
    assert result.symbol == front["symbol"]
    assert result.date == ADOPTED[name]
    assert not any(p.startswith(("symbol:", "source_pdf:", "---")) for p in paras)
    # the footnotes at the end are gone, every marker with them
    notes = re.findall(r"^\[\^(\d+)\]:", raw, re.M)
    assert sorted(result.report.footnotes) == sorted(int(n) for n in notes)
    assert result.report.markers_removed == len(notes)
    assert result.report.markers_missing == []
    assert [p for p in paras if MARKER.search(p)] == []
    # no page furniture left, no line empty
    assert not any(is_page_stamp(p) or not p.strip() for p in paras)
    for removed in result.report.furniture:
        assert not any(removed in p for p in paras if not p.startswith(("80/", "Annex")))
    # sub-paragraphs and headings on their own lines
    assert all(not re.search(r"[;:] \([a-z]\) [A-Z]", p) for p in paras)
    assert all(not re.search(r"[.;]\s\d{1,2}\. (We|[A-Z][a-z]+s) ", p) for p in paras)


def test_a_running_title_inside_a_paragraph_is_removed() -> None:
    result = take(CORPUS / "A_RES_80_16.md")
    second = next(p for p in result.paragraphs if p.startswith("2. "))
    assert "as endorsed by the General Assembly in its resolution 79/237, and the" in second
    assert second.endswith("to the Global Mechanism;")
    assert result.report.furniture == {
        "Open-ended working group on security of and in the use of": 1
    }
    # a possible word lost at that page break is shown to the analyst
    assert result.report.uncertain_joins == [
        (
            "79/214, as endorsed by the General Assembly in its",
            "resolution 79/237, and the additional elements agr",
        )
    ]


def test_glued_paragraphs_and_headings_are_split() -> None:
    paras = take(CORPUS / "A_RES_80_5.md").paragraphs
    assert "2. We acknowledge the urgent need to address profound social challenges," in "\n".join(
        paras
    )
    two = next(p for p in paras if p.startswith("2. "))
    one = next(p for p in paras if p.startswith("1. "))
    assert one.endswith("the implementation of the 2030 Agenda for Sustainable Development.")
    assert (
        "Copenhagen Declaration on Social Development and Programme of Action of the World"
        " Summit for Social Development and their implementation" in one
    )
    assert two.endswith("in order to reduce uncertainty, inequality and insecurity.")
    assert "A call to action" in paras and "Follow-up" in paras and "Annex" in paras
    nine = take(CORPUS / "A_RES_80_9.md").paragraphs
    assert nine[nine.index("Annex") + 1].startswith("2025 Political Declaration on the")
    assert any(p.startswith("6. We recall the Global Compact") for p in nine)


def test_numbers_that_are_text_are_kept() -> None:
    paras = take(CORPUS / "A_RES_80_5.md").paragraphs
    text = "\n".join(paras)
    assert "as set out in principle 7 thereof" in text
    assert "for the Decade 2024– 2034 and the Antigua and Barbuda Agenda" in text
    assert "the Paris Agreement in relation to climate mitigation" in text


def test_lost_letters_and_lost_words_are_reported() -> None:
    report = take(CORPUS / "A_RES_80_12.md").report
    assert report.unplaced == [
        (
            "(c) follows 2 sub-paragraph(s) without a letter: their letters were probably lost in"
            " the extraction"
        )
    ]
    lost = take(CORPUS / "A_RES_80_5.md").report.unplaced
    assert any(
        "'...tive products in line with the goals of disability-inclusive'" in u for u in lost
    )


def test_the_beijing_communique_passes_unchanged() -> None:
    result = take(BEIJING)
    assert result.report.unchanged
    assert result.text.encode("utf-8") == BEIJING.read_bytes()
    assert result.date == date(2018, 5, 22)
    assert "unchanged" in result.report.render()


def test_a_pdf_with_headers_footers_and_footnotes(tmp_path: Path) -> None:
    result = take(resolution_pdf(tmp_path / "resolution.pdf"))
    assert result.kind == "pdf"
    assert result.paragraphs == PDF_PARAGRAPHS
    assert result.report.footnotes == PDF_FOOTNOTES
    assert result.report.markers_removed == 3
    assert result.report.furniture == {
        SYMBOL: 2,
        RUNNING_TITLE: 1,
        "25-12345 1/3": 1,
        "25-12345 2/3": 1,
        "25-12345 3/3": 1,
    }
    assert len(result.report.uncertain_joins) == 1  # paragraph 2 runs over to page 3
    assert result.date == date(2025, 12, 1)
    assert result.date_from.startswith("'Resolution adopted by the General Assembly on")
    assert result.symbol == SYMBOL
    assert result.title == RUNNING_TITLE


def test_the_kind_is_told_by_the_content(tmp_path: Path) -> None:
    pdf = resolution_pdf(tmp_path / "r.pdf")
    renamed = tmp_path / "document.txt"
    renamed.write_bytes(pdf.read_bytes())
    assert take(renamed).kind == "pdf"
    page = tmp_path / "page.txt"
    page.write_text(UN_PAGE, encoding="utf-8")
    assert take(page).kind == "html"


@pytest.mark.parametrize(
    ("page", "expected"), [(SCO_PAGE, SCO_PARAGRAPHS), (UN_PAGE, UN_PARAGRAPHS)]
)
def test_a_saved_web_page_gives_its_main_content(page: str, expected: list[str]) -> None:
    result = take_bytes(page.encode("utf-8"), "page.html")
    assert result.kind == "html"
    assert result.paragraphs == expected
    assert not any(w in result.text for w in ("Home", "analytics", "rights reserved", "Skip"))


def test_web_page_metadata() -> None:
    sco = take_bytes(SCO_PAGE.encode(), "sco.html")
    assert sco.date == date(2018, 4, 24)
    assert sco.title == "Press release on the meeting of the SCO Council of Foreign Ministers"
    un = take_bytes(UN_PAGE.encode(), "un.html")
    assert un.report.footnotes == {1: "Resolution 79/14.", 2: "A/73/2018, annex."}
    assert un.date == date(2025, 12, 1)


def test_broken_html_does_not_crash() -> None:
    result = take_bytes(b"<html><body><main><p>The sides agreed to meet in 2019.<p>And <b>to", "x")
    assert result.paragraphs == ["The sides agreed to meet in 2019.", "And to"]


NOT_READABLE = (
    "is not a PDF that can be read: it may be damaged or only partly downloaded; download it "
    "again, or save the web page instead"
)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-1.4\n\x00\xff\xfe garbage",
        b"%PDF-",
    ],
)
def test_a_damaged_pdf_is_one_line_message(data: bytes) -> None:
    with pytest.raises(UserError) as exc:
        take_bytes(data, "broken.pdf")
    assert exc.value.exit_code == 2
    assert exc.value.message == f"broken.pdf {NOT_READABLE}"


def test_a_truncated_pdf_is_refused_or_read(tmp_path: Path) -> None:
    data = resolution_pdf(tmp_path / "r.pdf").read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 40):
        try:
            result = take_bytes(data[:cut], "cut.pdf")
        except UserError as exc:
            assert "\n" not in exc.message
        else:
            assert result.kind == "pdf"


def test_a_file_too_large_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(UserError, match="larger than 20 MB"):
        take(big)


def test_binary_or_empty_text_is_refused() -> None:
    with pytest.raises(UserError, match="is neither a PDF, nor a web page, nor text"):
        take_bytes(b"\xff\xfe\x00a", "x.bin")
    with pytest.raises(UserError, match="no text"):
        take_bytes(b"  \n", "empty.txt")


@pytest.mark.parametrize(
    ("text", "notes", "expected"),
    [
        ("in line with the Paris Agreement,7 the framework", {7: "x"}, "Agreement, the framework"),
        ("adopted on 24 December 2024,1 and", {1: "x"}, "2024, and"),
        ("the 2030 Agenda.2 We reaffirm", {2: "x"}, "Agenda. We reaffirm"),
        ("the Copenhagen Declaration 1 and its", {1: "x"}, "Declaration and its"),
        ("reaffirmed[^6] as an integral part", {6: "x"}, "reaffirmed as an integral"),
        ("as set out in principle 7 thereof", {7: "x"}, "principle 7 thereof"),
        ("over 1 billion people", {1: "x"}, "over 1 billion people"),
        ("the COVID-19 pandemic, the UN80 Initiative", {19: "x", 80: "y"}, "COVID-19 pandemic"),
        ("some 3,000 persons", {3: "x"}, "some 3,000 persons"),
    ],
)
def test_footnote_markers(text: str, notes: dict[int, str], expected: str) -> None:
    (out,), _n, _missing = remove_markers([text], notes)
    assert expected in out


def test_markers_are_taken_in_order() -> None:
    paras = [
        "Recalling resolution 1 of the Council,1",
        "Noting the report,2 and paragraph 1 of it,",
    ]
    out, removed, missing = remove_markers(paras, {1: "a", 2: "b"})
    assert out == [
        "Recalling resolution 1 of the Council,",
        "Noting the report, and paragraph 1 of it,",
    ]
    assert (removed, missing) == (2, [])


@pytest.mark.parametrize(
    "line",
    [
        "A/RES/80/11",
        "Page 3 of 12",
        "25-12345 (E)",
        "3",
        "- 4 -",
        "25-12345 2/3",
        "3/12",
        "S/RES/2719 (2023)",
        "GE.24-05678(E)",
        "24-05678 (E) 120424 *2405678*",
        "Please recycle",
    ],
)
def test_page_stamps(line: str) -> None:
    assert is_page_stamp(line)


@pytest.mark.parametrize("line", ["Follow-up", "Annex", "The General Assembly,", "Page of the"])
def test_not_page_stamps(line: str) -> None:
    assert not is_page_stamp(line)


def test_lines_broken_mid_paragraph_and_hyphens() -> None:
    text = (
        "The sides agreed to strengthen the long-\nterm partnership and recom-\nmended that the"
        " Council review it.\n\nThe Council recommended it again.\n\nThe sides will hold\n\n"
        "Page 2 of 3\n\nconsultations in Bishkek.\n"
    )
    result = clean(text)
    assert result.paragraphs == [
        (
            "The sides agreed to strengthen the long-term partnership and recommended that the"
            " Council review it."
        ),
        "The Council recommended it again.",
        "The sides will hold consultations in Bishkek.",
    ]
    assert result.report.furniture == {"Page 2 of 3": 1}
    assert result.report.uncertain_joins == [("The sides will hold", "consultations in Bishkek.")]


def test_repeated_running_lines_in_a_text_without_pages() -> None:
    body = "\n\n".join(
        f"{n}. Requests the Secretariat to report on item {n} of the programme;\n\n"
        "SCO Council of Heads of State\n\n12-34567"
        for n in range(1, 5)
    )
    result = clean(body)
    assert _numbers(result.paragraphs) == [1, 2, 3, 4]
    assert result.report.furniture["SCO Council of Heads of State"] == 4
    assert len(result.paragraphs) == 4


def test_a_glued_preambular_paragraph_is_split() -> None:
    text = (
        "The General Assembly,\n\nRecalling its resolution 79/14 on the Shanghai Cooperation"
        " Organisation, Noting the report of the Secretary-General on the matter,\n"
    )
    assert clean(text).paragraphs == [
        "The General Assembly,",
        "Recalling its resolution 79/14 on the Shanghai Cooperation Organisation,",
        "Noting the report of the Secretary-General on the matter,",
    ]


def test_no_date_is_none() -> None:
    result = take_bytes(b"The sides agreed to meet again.\n\nThey will meet.\n\n\n", "x.txt")
    assert result.date is None


# --- The command ----------------------------------------------------------------------------


def test_import_writes_the_source_and_says_what_next(project_dir: Path) -> None:
    (project_dir / "doc.md").write_bytes((CORPUS / "A_RES_80_16.md").read_bytes())
    r = run_cli(["import", "doc.md", "--source-id", "a-res-80-16"], project_dir)
    assert r.exit_code == 0, r.output
    written = (project_dir / "sources" / "a-res-80-16.txt").read_text(encoding="utf-8")
    assert written == take(CORPUS / "A_RES_80_16.md").text
    assert "Page headers and footers removed: 1 line" in r.stdout
    assert "1 x  Open-ended working group on security of and in the use of" in r.stdout
    assert "Uncertain joins (a word may be lost at a page break): 1" in r.stdout
    assert "date:   2025-12-01 (from 'Resolution adopted by the General Assembly on" in r.stdout
    assert (
        "Next: sco-tracker draft sources/a-res-80-16.txt --source-id a-res-80-16 --date" in r.stdout
    )
    again = run_cli(["import", "doc.md", "--source-id", "a-res-80-16"], project_dir)
    assert again.exit_code == 0 and "already there with this text" in again.stdout
    other = run_cli(["import", str(BEIJING), "--source-id", "a-res-80-16"], project_dir)
    assert other.exit_code == 2
    assert "already exists with another text" in other.stderr
    assert (project_dir / "sources" / "a-res-80-16.txt").read_text(encoding="utf-8") == written


def test_import_json_and_dry_run(project_dir: Path, tmp_path: Path) -> None:
    pdf = resolution_pdf(tmp_path / "res.pdf")
    r = run_cli(
        ["import", str(pdf), "--source-id", "a-res-80-99", "--json", "--dry-run"], project_dir
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["kind"] == "pdf" and data["paragraphs"] == len(PDF_PARAGRAPHS)
    assert data["date"] == "2025-12-01" and data["symbol"] == SYMBOL
    assert {"line": SYMBOL, "count": 2} in data["report"]["headers_footers_removed"]
    assert len(data["report"]["footnotes_removed"]) == 3
    assert data["written"] is False
    assert not (project_dir / "sources" / "a-res-80-99.txt").exists()


def test_import_asks_for_a_date_when_there_is_none(project_dir: Path) -> None:
    (project_dir / "note.txt").write_text(
        "The sides agreed to meet\n\nagain soon.\n\nThey will meet.\n", encoding="utf-8"
    )
    r = run_cli(["import", "note.txt", "--source-id", "note"], project_dir)
    assert r.exit_code == 2
    assert "give it with --date YYYY-MM-DD" in r.stderr
    ok = run_cli(["import", "note.txt", "--source-id", "note", "--date", "2019-06-14"], project_dir)
    assert ok.exit_code == 0, ok.output
    assert "--date 2019-06-14" in ok.stdout


def test_import_refuses_a_damaged_pdf_in_one_line(project_dir: Path) -> None:
    (project_dir / "bad.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\n")
    r = run_cli(["import", "bad.pdf", "--source-id", "bad"], project_dir)
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.output
    assert f"bad.pdf {NOT_READABLE}" in r.stderr


def test_a_pdf_cut_short_is_refused_in_the_analysts_words() -> None:
    data = cut_pdf()
    assert data.startswith(b"%PDF-")
    with pytest.raises(PyPdfError):  # what pypdf says of it, which the analyst never sees
        [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    with pytest.raises(UserError) as exc:
        take_bytes(data, "qingdao.pdf")
    assert exc.value.message == f"qingdao.pdf {NOT_READABLE}"


@pytest.mark.parametrize(("name", "pdf"), [("junk.pdf", True), ("junk.bin", False)])
def test_random_bytes_are_refused_without_a_line_number(name: str, pdf: bool) -> None:
    with pytest.raises(UserError) as exc:
        take_bytes(random.Random(2018).randbytes(3000), name)
    what = (
        NOT_READABLE
        if pdf
        else NOT_READABLE.replace(
            "is not a PDF that can be read",
            "is neither a PDF, nor a web page, nor text that can be read",
        )
    )
    assert exc.value.message == f"{name} {what}"


def test_text_in_another_encoding_is_refused_at_its_line() -> None:
    with pytest.raises(UserError) as exc:
        take_bytes("The Qingdao summit\nCaf\u00e9 of the SCO\n".encode("latin-1"), "note.txt")
    assert exc.value.message.startswith("note.txt:2: the text is not UTF-8 (byte 0xE9")


def test_draft_takes_a_raw_document_in_first(project_dir: Path) -> None:
    (project_dir / "doc.md").write_bytes((CORPUS / "A_RES_80_36.md").read_bytes())
    r = run_cli(["draft", "doc.md", "--source-id", "a-res-80-36", "--write"], project_dir)
    assert r.exit_code == 0, r.output
    assert "warning: doc.md is not one paragraph per line: intake took it in first" in r.stderr
    assert "9 footnotes removed" in r.stderr
    stored = (project_dir / "sources" / "a-res-80-36.txt").read_text(encoding="utf-8")
    assert stored == take(CORPUS / "A_RES_80_36.md").text
    own = project_dir / "commitments" / "a-res-80-36.yaml"  # the document's own file
    assert "date: 2025-12-01" in own.read_text(encoding="utf-8")  # adopted, not distributed
    assert run_cli(["validate"], project_dir).exit_code == 0


def test_draft_of_a_plain_text_is_unchanged(project_dir: Path) -> None:
    r = run_cli(["draft", str(BEIJING), "--source-id", "beijing-copy"], project_dir)
    assert r.exit_code == 0, r.output
    assert "intake" not in r.stderr


def test_a_long_title_line_stays_apart_from_the_text() -> None:
    text = (
        "# Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation"
        " on Building a Region of Lasting Peace\n"
        "The Heads of State agreed to meet in the **Kyrgyz Republic** in 2019.\n"
        "They welcomed the work of the SCO-Afghanistan Contact Group.\n"
    )
    assert clean(text).paragraphs == [
        (
            "Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation"
            " on Building a Region of Lasting Peace"
        ),
        "The Heads of State agreed to meet in the Kyrgyz Republic in 2019.",
        "They welcomed the work of the SCO-Afghanistan Contact Group.",
    ]


def test_a_plain_text_with_a_long_title_passes_unchanged() -> None:
    text = (
        "Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation"
        " on Regional Security\nThe Heads of State agreed to meet in the Kyrgyz Republic in"
        " 2019.\n"
    )
    result = clean(text)
    assert result.report.unchanged and result.text == text


def test_paragraphs_separated_by_blank_lines() -> None:
    text = "Qingdao Declaration\n\nThe sides agreed to meet.\n\nThey will meet in Bishkek.\n"
    assert clean(text).paragraphs == [
        "Qingdao Declaration",
        "The sides agreed to meet.",
        "They will meet in Bishkek.",
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "",
                    "A/RES/80/11",
                    "Page 2 of 9",
                    "---",
                    "[^1]: Resolution 70/1.",
                    "1. Decides to remain seized of the matter;",
                    "(a) To report;",
                    "Recalling its resolution 79/14,1",
                    "the sides agreed to",
                    "Annex",
                ]
            ),
            st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
        ),
        max_size=25,
    )
)
def test_cleaning_never_fails_and_gives_one_paragraph_per_line(lines: list[str]) -> None:
    result = clean("\n".join(lines))
    if result.report.unchanged:
        return
    assert all(p and "\n" not in p and p == p.strip() for p in result.paragraphs)
    assert result.text == "".join(p + "\n" for p in result.paragraphs)


def test_a_pdf_with_wide_line_spacing_keeps_its_paragraphs(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_auto_page_break(False)
    y = 30.0
    for paragraph in (
        ["1. Decides to hold the next meeting of the Council in the Kyrgyz Republic.", "It will"],
        ["2. Requests the Secretariat to support the SCO-Afghanistan Contact Group."],
    ):
        for line in paragraph:
            pdf.text(20, y, line)
            y += 6.5  # wide line spacing: the layout extraction leaves a blank line each time
        y += 9
    path = tmp_path / "spaced.pdf"
    pdf.output(str(path))
    assert take(path).paragraphs == [
        "1. Decides to hold the next meeting of the Council in the Kyrgyz Republic. It will",
        "2. Requests the Secretariat to support the SCO-Afghanistan Contact Group.",
    ]


def test_text_extracted_with_form_feeds_and_no_blank_lines(tmp_path: Path) -> None:
    """Text as a plain extraction gives it (pdftotext, pypdf's default mode): lines wrapped at
    the page's width, a form feed between pages, no blank line between paragraphs, the notes
    at the foot of each page."""
    pdf = resolution_pdf(tmp_path / "r.pdf")
    plain = "\f".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "\n\n" not in plain and "__________________" in plain
    (tmp_path / "r.txt").write_text(plain, encoding="utf-8")
    result = take(tmp_path / "r.txt")
    assert result.kind == "text"
    assert result.paragraphs == PDF_PARAGRAPHS
    assert result.report.footnotes == PDF_FOOTNOTES


def test_a_numbered_list_keeps_the_numbers_a_browser_shows() -> None:
    page = (
        b"<html><body><main><p>The General Assembly,</p><ol start='4'>"
        b"<li>Requests the Secretary-General to report;</li>"
        b"<li>Invites the Shanghai Cooperation Organisation:<ol type='a'>"
        b"<li>To continue its cooperation;</li><li>To share its experience;</li></ol></li>"
        b"</ol></main></body></html>"
    )
    assert take_bytes(page, "p.html").paragraphs == [
        "The General Assembly,",
        "4. Requests the Secretary-General to report;",
        "5. Invites the Shanghai Cooperation Organisation:",
        "(a) To continue its cooperation;",
        "(b) To share its experience;",
    ]


def test_a_pipe_or_a_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="not a regular file"):
        take(fifo)
    with pytest.raises(UserError, match="this is a folder"):
        take(tmp_path)
    with pytest.raises(UserError, match="no such file"):
        take(tmp_path / "missing.pdf")


def test_bulleted_items_stay_on_their_own_lines() -> None:
    text = (
        "The sides agreed:\n- to hold the next meeting in the Kyrgyz Republic;\n"
        "- to support the SCO-Afghanistan Contact Group.\n\nThey welcomed the Qingdao summit\n"
        "– a milestone – as a success.\n"
    )
    assert clean(text).paragraphs == [
        "The sides agreed:",
        "- to hold the next meeting in the Kyrgyz Republic;",
        "- to support the SCO-Afghanistan Contact Group.",
        "They welcomed the Qingdao summit – a milestone – as a success.",
    ]


def test_the_date_of_a_signature_line_not_of_a_recalled_convention() -> None:
    paras = [
        "Qingdao Declaration of the Council of Heads of State",
        "Recalling the Charter adopted on 7 June 2002, the sides met.",
        "They agreed to meet in the Kyrgyz Republic.",
        "Done at Qingdao on 10 June 2018",
    ]
    text = "\n\n".join(paras) + "\n"
    result = take_bytes(text.encode(), "qingdao.txt")
    assert result.date == date(2018, 6, 10)
    assert result.date_from.startswith("'Done at Qingdao on")


def test_without_metadata_the_adoption_line_dates_the_resolution() -> None:
    raw = (CORPUS / "A_RES_80_11.md").read_text(encoding="utf-8")
    body = raw.split("\n---\n", 1)[1]
    result = take_bytes(body.encode(), "A_RES_80_11.txt")
    assert result.date == date(2025, 11, 26)
    assert result.date_from.startswith("'Resolution adopted by the General Assembly on")
    assert result.title == "2025 review of the United Nations peacebuilding architecture"


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md"))
def test_intake_is_idempotent_on_its_own_output(name: str) -> None:
    first = take(CORPUS / name)
    again = take_bytes(first.text.encode("utf-8"), f"sources/{name}.txt")
    assert again.report.unchanged, name
    assert again.text == first.text


def test_import_then_draft_of_the_imported_text(project_dir: Path) -> None:
    (project_dir / "A_RES_80_16.md").write_bytes((CORPUS / "A_RES_80_16.md").read_bytes())
    imported = run_cli(["import", "A_RES_80_16.md", "--source-id", "a-res-80-16"], project_dir)
    assert imported.exit_code == 0, imported.output
    assert "Next: sco-tracker draft sources/a-res-80-16.txt --source-id a-res-80-16" in (
        imported.stdout
    )
    stored = (project_dir / "sources" / "a-res-80-16.txt").read_bytes()
    next_line = imported.stdout.rsplit("Next: ", 1)[1].strip()
    r = run_cli([*shlex.split(next_line)[1:], "--write"], project_dir)
    assert r.exit_code == 0, r.output
    assert "intake" not in r.stderr
    assert (project_dir / "sources" / "a-res-80-16.txt").read_bytes() == stored
    text = (project_dir / "commitments" / "a-res-80-16.yaml").read_text(encoding="utf-8")
    assert "text: a-res-80-16.txt" in text


def test_the_date_of_a_document_is_what_it_prints_about_itself() -> None:
    # a press release: its dateline, not a date an ordinary sentence of it gives
    assert guess_source_date(
        "BEIJING, 22 May 2018 — The 13th meeting was held in Beijing.\n"
        "Kazakhstan signed on 15 June 2001 the Shanghai Convention, the sides recalled.\n"
    ) == date(2018, 5, 22)
    # a resolution: the line that dates it, opening with the act or the kind of document
    assert guess_source_date(
        "United Nations\nGeneral Assembly Distr.: General 5 December 2025\n"
        "Resolution adopted by the General Assembly on 1 December 2025\n"
        "Recalling its resolution 79/31 of 2 December 2024,\n"
    ) == date(2025, 12, 1)
    assert guess_source_date(
        "Joint Communiqué\nDone at Qingdao on 10 June 2018 in two originals.\n"
    ) == date(2018, 6, 10)
