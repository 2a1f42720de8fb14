"""Documents built by the tests for intake: PDFs (fpdf2) and web pages shaped like the UN's and
the SCO's, each with the paragraphs intake must give back."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

SYMBOL = "A/RES/80/99"
RUNNING_TITLE = "Cooperation between the United Nations and the Shanghai Cooperation Organisation"

#: What intake must give back for the PDF below, one paragraph a line.
PDF_PARAGRAPHS = [
    "United Nations",
    "General Assembly Distr.: General 3 December 2025",
    "Eightieth session Agenda item 121",
    "Resolution adopted by the General Assembly on 1 December 2025",
    f"80/99. {RUNNING_TITLE}",
    "The General Assembly,",
    (
        "Recalling its resolution 79/14 of 2 December 2024 on cooperation between the United"
        " Nations and the Shanghai Cooperation Organisation,"
    ),
    (
        "Welcoming the Qingdao Declaration of the Council of Heads of State of the Shanghai"
        " Cooperation Organisation, the Paris Agreement, and the efforts of the Organisation to"
        " strengthen regional security,"
    ),
    (
        "Noting the decision to hold the next meeting of the Council of Heads of State in the"
        " Kyrgyz Republic in 2019,"
    ),
    (
        "1. Welcomes the cooperation between the United Nations and the Shanghai Cooperation"
        " Organisation in countering terrorism, separatism and extremism;"
    ),
    (
        "2. Requests the Secretary-General to continue consultations with the Secretary-General of"
        " the Shanghai Cooperation Organisation on the work of the SCO-Afghanistan Contact Group,"
        " as agreed in its resolution 79/14, and to report to the General Assembly at its"
        " eighty-first session on the implementation of the present resolution;"
    ),
    "3. Invites the Shanghai Cooperation Organisation:",
    "(a) To continue its cooperation with the United Nations Office on Drugs and Crime;",
    "(b) To share its experience in countering illicit trafficking in narcotic drugs;",
    "Follow-up",
    (
        "4. Decides to include in the provisional agenda of its eighty-first session the item"
        ' entitled "Cooperation between the United Nations and regional and other'
        ' organizations".'
    ),
]
PDF_FOOTNOTES = {1: "Resolution 79/14.", 2: "A/73/2018, annex.", 3: "See resolution 70/1."}


class _Resolution(FPDF):
    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, SYMBOL if self.page_no() % 2 else RUNNING_TITLE, align="C")
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", size=8)
        self.cell(0, 4, f"25-12345    {self.page_no()}/{{nb}}", align="C")


def _para(pdf: FPDF, *parts: str) -> None:
    """A paragraph; parts alternate text and footnote markers (set as superscripts)."""
    pdf.set_font("Helvetica", size=11)
    for i, part in enumerate(parts):
        if i % 2:
            pdf.char_vpos = "SUP"
            pdf.write(5, part)
            pdf.char_vpos = "LINE"
        else:
            pdf.write(5, part)
    pdf.ln(5)
    pdf.ln(4)


def _notes(pdf: FPDF, notes: list[tuple[int, str]]) -> None:
    pdf.set_y(-38)
    pdf.set_font("Helvetica", size=8)
    pdf.cell(0, 4, "__________________", new_x="LMARGIN", new_y="NEXT")
    for n, text in notes:
        pdf.cell(0, 4, f"{n}  {text}", new_x="LMARGIN", new_y="NEXT")


def resolution_pdf(path: Path) -> Path:
    """A three-page resolution: masthead, running headers, job numbers and page numbers,
    footnotes at the foot of the pages, paragraphs broken across pages."""
    pdf = _Resolution(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 25)
    pdf.set_title(RUNNING_TITLE)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in (
        "United Nations",
        SYMBOL,
        "General Assembly Distr.: General 3 December 2025",
        "Eightieth session Agenda item 121",
    ):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    _para(pdf, "Resolution adopted by the General Assembly on 1 December 2025")
    _para(pdf, f"80/99. {RUNNING_TITLE}")
    _para(pdf, "The General Assembly,")
    _para(
        pdf,
        "Recalling its resolution 79/14 of 2 December 2024 on cooperation between the United"
        " Nations and the Shanghai Cooperation Organisation,",
        "1",
    )
    _para(
        pdf,
        "Welcoming the Qingdao Declaration of the Council of Heads of State of the Shanghai"
        " Cooperation Organisation,",
        "2",
        " the Paris Agreement, and the efforts of the Organisation to strengthen regional"
        " security,",
    )
    _notes(pdf, [(1, PDF_FOOTNOTES[1]), (2, PDF_FOOTNOTES[2])])
    pdf.add_page()
    _para(
        pdf,
        "Noting the decision to hold the next meeting of the Council of Heads of State in the"
        " Kyrgyz Republic in 2019,",
    )
    _para(
        pdf,
        "1. Welcomes the cooperation between the United Nations and the Shanghai Cooperation"
        " Organisation in countering terrorism, separatism and extremism;",
    )
    pdf.set_font("Helvetica", size=11)
    pdf.write(
        5,
        "2. Requests the Secretary-General to continue consultations with the"
        " Secretary-General of the Shanghai Cooperation Organisation on the work of the"
        " SCO-Afghanistan Contact Group, as agreed in its resolution 79/14,",
    )
    pdf.char_vpos = "SUP"
    pdf.write(5, "3")
    pdf.char_vpos = "LINE"
    pdf.write(5, " and to report to the General Assembly at its")
    _notes(pdf, [(3, PDF_FOOTNOTES[3])])
    pdf.add_page()
    _para(pdf, "eighty-first session on the implementation of the present resolution;")
    _para(pdf, "3. Invites the Shanghai Cooperation Organisation:")
    _para(pdf, "(a) To continue its cooperation with the United Nations Office on Drugs and Crime;")
    _para(pdf, "(b) To share its experience in countering illicit trafficking in narcotic drugs;")
    _para(pdf, "Follow-up")
    _para(
        pdf,
        "4. Decides to include in the provisional agenda of its eighty-first session the item"
        ' entitled "Cooperation between the United Nations and regional and other'
        ' organizations".',
    )
    pdf.output(str(path))
    return path


#: A page shaped like the SCO's site: a menu, a banner, breadcrumbs, the press release in the
#: content block, a sidebar, a footer and scripts.
SCO_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Press release on the meeting of the Council of Foreign Ministers - SCO</title>
<style>body { font-family: sans-serif }</style>
<script>var analytics = "Recalling that this must never show";</script>
</head><body>
<header class="site-header"><a href="/">Shanghai Cooperation Organisation</a>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/documents">Documents</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> / <a href="/news">News</a></div>
<div id="content">
<h1>Press release on the meeting of the SCO Council of Foreign Ministers</h1>
<div class="date"><time datetime="2018-04-24">24.04.2018</time></div>
<p>The meeting of the Council of Foreign Ministers of the Shanghai Cooperation Organisation
was held in Beijing on 24 April 2018.</p>
<p>The ministers agreed to hold the next meeting of the Council of Heads of State in the
Kyrgyz Republic in 2019.</p>
<p>The sides will continue to develop the activities of the SCO-Afghanistan Contact
Group.<br>They noted the importance of the Qingdao summit.</p>
</div>
<aside class="sidebar"><h3>Latest news</h3><p>Another item that is not the document.</p></aside>
<footer class="site-footer"><p>&copy; 2018 SCO Secretariat. All rights reserved.</p></footer>
<script src="/js/app.js"></script>
</body></html>
"""
SCO_PARAGRAPHS = [
    "Press release on the meeting of the SCO Council of Foreign Ministers",
    "24.04.2018",
    (
        "The meeting of the Council of Foreign Ministers of the Shanghai Cooperation Organisation"
        " was held in Beijing on 24 April 2018."
    ),
    (
        "The ministers agreed to hold the next meeting of the Council of Heads of State in the"
        " Kyrgyz Republic in 2019."
    ),
    "The sides will continue to develop the activities of the SCO-Afghanistan Contact Group.",
    "They noted the importance of the Qingdao summit.",
]

#: A page shaped like the UN's: a skip link, navigation, the resolution in <main> with
#: footnote markers in <sup> and the footnotes in their own block, a footer.
UN_PAGE = """<!doctype html>
<html><head><title>A/RES/80/99 | United Nations</title>
<meta name="citation_date" content="2025-12-01"></head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<div role="navigation" class="navbar"><a href="/">Welcome to the United Nations</a>
<a href="/en/ga">General Assembly</a></div>
<header><div class="banner">Peace, dignity and equality on a healthy planet</div></header>
<main id="main">
<h1>Cooperation between the United Nations and the Shanghai Cooperation Organisation</h1>
<p>The General Assembly,</p>
<p>Recalling its resolution 79/14 of 2 December 2024,<sup>1</sup></p>
<p>Welcoming the Qingdao Declaration,<sup>2</sup> and the decision to hold the next meeting
in the Kyrgyz Republic,</p>
<ol class="operative">
<li>1. Requests the Secretary-General to report on the work of the SCO-Afghanistan Contact
Group;</li>
<li>2. Decides to include the item in the provisional agenda of its eighty-first
session.</li>
</ol>
<div class="footnotes"><ol><li>Resolution 79/14.</li><li>A/73/2018, annex.</li></ol></div>
</main>
<footer><p>Terms of use</p><p>Privacy notice</p></footer>
<script>document.write("no")</script>
</body></html>
"""
UN_PARAGRAPHS = [
    "Cooperation between the United Nations and the Shanghai Cooperation Organisation",
    "The General Assembly,",
    "Recalling its resolution 79/14 of 2 December 2024,",
    (
        "Welcoming the Qingdao Declaration, and the decision to hold the next meeting in the"
        " Kyrgyz Republic,"
    ),
    "1. Requests the Secretary-General to report on the work of the SCO-Afghanistan Contact Group;",
    "2. Decides to include the item in the provisional agenda of its eighty-first session.",
]


def press_release_pdf(
    path: Path,
    head: list[tuple[str, float]],
    paragraphs: list[str],
    *,
    metadata_title: str | None = None,
) -> Path:
    """A one-page press release: the lines of its head (letterhead, label, headline, each with
    its font size; a long headline wraps over two lines as on a real page), then its
    paragraphs in 11 pt, the first opening with the dateline."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"  # the dashes of datelines ("BEIJING, 22 May 2018 —")
    pdf.set_margins(25, 20, 25)
    if metadata_title:
        pdf.set_title(metadata_title)
    pdf.add_page()
    for line, size in head:
        pdf.set_font("Helvetica", "B" if size > 11 else "", size=size)
        pdf.multi_cell(0, size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for para in paragraphs:
        pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))
    return path


#: The SCO press release of the feature (made up for the tests, in the SCO's style).
SCO_PRESS_HEAD = [
    ("Shanghai Cooperation Organisation", 10),
    ("PRESS RELEASE", 10),
    ("Meeting of the Security Council Secretaries of the SCO Member States in Beijing", 16),
]
SCO_PRESS_PARAGRAPHS = [
    (
        "BEIJING, 22 May 2018 \u2014 The 13th meeting of the Security Council Secretaries of the"
        " SCO member states was held in Beijing on 21-22 May 2018, chaired by China."
    ),
    "The sides supported the holding of its next meeting in Bishkek.",
    "The sides noted the holding of the conference on drug control in Dushanbe.",
]


#: A press release as its text comes, one paragraph a line: letterhead, label, headline, dateline.
BISHKEK_PRESS = [
    "SHANGHAI COOPERATION ORGANISATION SECRETARIAT",
    "PRESS RELEASE",
    "Meeting of the SCO Council of Ministers of Foreign Affairs in Bishkek",
    "Bishkek, 14 June 2019",
    "The Ministers agreed to hold the next meeting of the Council in the Russian Federation.",
    (
        "They called on the SCO Regional Anti-Terrorist Structure to step up the exchange of"
        " information on terrorist fighters."
    ),
    (
        "They instructed the SCO Secretariat to prepare a report on the work of the"
        " SCO-Afghanistan Contact Group."
    ),
    "The Ministers expressed their gratitude to the Kyrgyz side for the warm welcome.",
]


#: The start of the Qingdao declaration, for a PDF that a download cut short.
QINGDAO_PARAGRAPHS = [
    "Qingdao Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation",
    "The member states will hold the next meeting of the Council of Heads of State in Bishkek.",
    "The member states support the work of the SCO-Afghanistan Contact Group.",
] * 4


def cut_pdf() -> bytes:
    """A PDF of the Qingdao declaration (fpdf2) cut in the middle of its page, as a download
    that stopped half way leaves it: a PDF header, no end."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for para in QINGDAO_PARAGRAPHS:
        pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
    whole = bytes(pdf.output())
    return whole[: len(whole) // 2]
