"""Press releases taken in: the headline is the title, the dateline gives the place and the
date, and neither the letterhead nor the "PRESS RELEASE" label is taken for the title.

The PDFs are built here (fpdf2, tests/intake_docs.py) in the styles of the SCO, ASEAN, the
African Union, BRICS and the United Nations; the texts are made up for the tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import run_cli
from intake_docs import SCO_PRESS_HEAD, SCO_PRESS_PARAGRAPHS, press_release_pdf, resolution_pdf
from sco_tracker.sources.intake import take, take_bytes
from sco_tracker.sources.intake.dateline import front

#: (name, head lines with their font sizes, paragraphs, metadata title, title, place, date)
PDFS = [
    (
        "sco",
        SCO_PRESS_HEAD,
        SCO_PRESS_PARAGRAPHS,
        None,
        "Meeting of the Security Council Secretaries of the SCO Member States in Beijing",
        "Beijing",
        date(2018, 5, 22),
    ),
    (
        "asean",
        [
            ("ASEAN Secretariat", 10),
            ("Press Release No. 12", 10),
            ("ASEAN Ministers Agree to Strengthen Regional Disaster Management Cooperation", 15),
        ],
        [
            (
                "Jakarta, 3 March 2021: The ASEAN Ministers in charge of disaster management met by"
                " video conference on 2 March 2021."
            ),
            (
                "The Ministers welcomed the convening of the next meeting in Brunei Darussalam in"
                " 2022."
            ),
        ],
        None,
        "ASEAN Ministers Agree to Strengthen Regional Disaster Management Cooperation",
        "Jakarta",
        date(2021, 3, 3),
    ),
    (
        "african-union",
        [
            ("African Union Commission", 14),
            ("PRESS RELEASE N\u00b0 045/2020", 10),
            ("AU Commission and UNECA sign a framework on statistics", 16),
            ("Tuesday, 3 March 2020", 10),
        ],
        [
            (
                "ADDIS ABABA, Ethiopia, 3 March 2020 - The African Union Commission and the United"
                " Nations Economic Commission for Africa signed a framework on statistics."
            ),
        ],
        "Microsoft Word - PR_045_2020.docx",
        "AU Commission and UNECA sign a framework on statistics",
        "Addis Ababa, Ethiopia",
        date(2020, 3, 3),
    ),
    (
        "brics",
        [
            ("BRICS Leaders Meet in Johannesburg", 16),
            ("Joint Press Statement", 11),
        ],
        [
            (
                "Johannesburg, August 24, 2023 \u2013 The leaders of Brazil, Russia, India, China"
                " and South Africa met in Johannesburg."
            ),
            "The leaders supported the holding of the next summit in Kazan.",
        ],
        None,
        "BRICS Leaders Meet in Johannesburg",
        "Johannesburg",
        date(2023, 8, 24),
    ),
    (
        "un",
        [
            ("United Nations", 10),
            ("Press release", 10),
            ("Secretary-General welcomes the cooperation agreement with the SCO", 14),
        ],
        ["New York, 12 December 2025 -- The Secretary-General welcomed the agreement."],
        "PR 2025-12",
        "Secretary-General welcomes the cooperation agreement with the SCO",
        "New York",
        date(2025, 12, 12),
    ),
]


@pytest.mark.parametrize(
    ("head", "paragraphs", "meta", "title", "place", "day"),
    [p[1:] for p in PDFS],
    ids=[p[0] for p in PDFS],
)
def test_a_press_release_pdf_gives_its_headline_place_and_date(
    tmp_path: Path,
    head: list[tuple[str, float]],
    paragraphs: list[str],
    meta: str | None,
    title: str,
    place: str,
    day: date,
) -> None:
    result = take(press_release_pdf(tmp_path / "pr.pdf", head, paragraphs, metadata_title=meta))
    assert result.title == title
    assert result.place == place
    assert result.date == day
    assert result.date_from.startswith("the dateline")
    # the headline is one line of the text, even where it wrapped on the page
    assert title in result.paragraphs
    # the first paragraph keeps its dateline, as published
    assert paragraphs[0].replace("\u00b0", "°") in result.paragraphs


def test_a_wrapped_headline_is_one_paragraph(tmp_path: Path) -> None:
    long = (
        "SCO Foreign Ministers agree to hold the next meeting of the Council of Heads of State"
        " in the Kyrgyz Republic"
    )
    result = take(
        press_release_pdf(
            tmp_path / "pr.pdf",
            [("PRESS RELEASE", 10), (long, 18)],
            ["Astana, 12 May 2019 - The ministers met."],
        )
    )
    assert result.paragraphs[:2] == ["PRESS RELEASE", long]


def test_a_resolution_has_no_dateline(tmp_path: Path) -> None:
    result = take(resolution_pdf(tmp_path / "res.pdf"))
    assert result.place is None
    assert result.title and "Shanghai Cooperation Organisation" in result.title
    assert result.date == date(2025, 12, 1)


@pytest.mark.parametrize(
    ("lines", "title", "place", "day"),
    [
        # a letterhead without a label: the name of a ministry is not the headline
        (
            [
                "Ministry of Foreign Affairs of the Kyrgyz Republic",
                "Kyrgyzstan to host the SCO summit in Bishkek",
                "Bishkek, 14 June 2019",
                "The heads of state of the SCO member states met in Bishkek.",
            ],
            "Kyrgyzstan to host the SCO summit in Bishkek",
            "Bishkek",
            date(2019, 6, 14),
        ),
        # a headline with an organisation's name in it is still the headline
        (
            [
                "SCO Council of Foreign Ministers meets in Astana",
                "ASTANA, 12 May 2019 \u2014 The Council met.",
            ],
            "SCO Council of Foreign Ministers meets in Astana",
            "Astana",
            date(2019, 5, 12),
        ),
        # a date in figures, a reference number and a link skipped
        (
            [
                "Press release",
                "No. 17/2022",
                "www.example.org/press",
                "Leaders adopt the Samarkand Declaration",
                "Samarkand, 16.09.2022: The leaders adopted the declaration.",
            ],
            "Leaders adopt the Samarkand Declaration",
            "Samarkand",
            date(2022, 9, 16),
        ),
    ],
)
def test_the_front_of_a_text(lines: list[str], title: str, place: str, day: date) -> None:
    found = front(lines)
    assert found is not None
    assert (found.title, found.place, found.date) == (title, place, day)


@pytest.mark.parametrize(
    "lines",
    [
        ["The 13th meeting was held in Beijing on 21-22 May 2018."],
        ["The General Assembly,", "Recalling its resolution of 2 December 2024,"],
        ["Tuesday, 3 March 2020", "The Commission met."],
        ["Resolution adopted by the General Assembly on 1 December 2025"],
    ],
)
def test_no_dateline_no_front(lines: list[str]) -> None:
    assert front(lines) is None


def test_a_dateline_closing_a_short_text_gives_no_title() -> None:
    found = front(
        [
            "The heads of state of the member states of the SCO met in Bishkek.",
            "They agreed to hold the next meeting of the Council in Qingdao.",
            "Bishkek, 14 June 2019",
        ]
    )
    assert found is not None
    assert (found.title, found.place, found.date) == (None, "Bishkek", date(2019, 6, 14))


def test_a_text_press_release_in_paragraphs() -> None:
    raw = (
        "Shanghai Cooperation Organisation\n\nPRESS RELEASE\n\n"
        "SCO Security Council Secretaries meet in Beijing\n\n"
        "BEIJING, 22 May 2018 - The 13th meeting was held in Beijing on 21-22 May 2018.\n\n"
        "The sides supported the holding of its next meeting in Bishkek.\n"
    )
    result = take_bytes(raw.encode("utf-8"), "pr.txt")
    assert result.title == "SCO Security Council Secretaries meet in Beijing"
    assert (result.place, result.date) == ("Beijing", date(2018, 5, 22))


def test_import_shows_the_place_and_draft_records_it(project_dir: Path) -> None:
    press_release_pdf(project_dir / "pr.pdf", SCO_PRESS_HEAD, SCO_PRESS_PARAGRAPHS)
    r = run_cli(["import", "pr.pdf", "--source-id", "nsc-press-2018"], project_dir)
    assert r.exit_code == 0, r.output
    assert "  place:  Beijing (from the dateline)\n" in r.stdout
    assert "date:   2018-05-22 (from the dateline 'BEIJING, 22 May 2018')" in r.stdout
    assert "--place Beijing" in r.stdout
    assert "title:  PRESS RELEASE" not in r.stdout
    # a first reading of the raw PDF records where it was issued
    r = run_cli(["draft", "pr.pdf", "--source-id", "nsc-press-raw"], project_dir)
    assert r.exit_code == 0, r.output
    assert "place: Beijing" in r.stdout
    assert "title: Hold its next meeting in Bishkek" in r.stdout


def test_a_web_page_press_release_keeps_its_headline_in_the_text() -> None:
    # the headline sits under the label, above the dateline: it is the title, not a page header
    raw = (
        "<html><head><title>SCO Secretariat - Press release</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article>"
        "<p>SHANGHAI COOPERATION ORGANISATION SECRETARIAT</p><p>PRESS RELEASE</p>"
        "<h1>Foreign Ministers of the SCO meet in Astana</h1>"
        "<p>ASTANA, 21 May 2024 — The Council of Ministers of Foreign Affairs met in Astana.</p>"
        "<p>The ministers agreed to hold the next meeting in Bishkek in 2025.</p>"
        "</article></main><footer>All rights reserved.</footer></body></html>"
    )
    result = take_bytes(raw.encode("utf-8"), "pr.html")
    assert result.title == "Foreign Ministers of the SCO meet in Astana"
    assert "Foreign Ministers of the SCO meet in Astana" in result.text.splitlines()
    assert not result.report.furniture


def test_a_text_press_release_with_a_wrapped_headline_and_a_closing_mark() -> None:
    # one paragraph a line but for the headline over two lines and the closing "-END-"
    raw = (
        "AFRICAN UNION\nPRESS RELEASE\nPeace and Security Council Agrees to Deploy\n"
        "an Observer Mission to the Region\n"
        "ADDIS ABABA, 3 March 2020 — The Council met in Addis Ababa today.\n"
        "The Council agreed to deploy an observer mission by the end of 2020.\n-END-\n"
    )
    result = take_bytes(raw.encode("utf-8"), "pr.txt")
    headline = "Peace and Security Council Agrees to Deploy an Observer Mission to the Region"
    assert result.title == headline
    lines = result.text.splitlines()
    assert lines[2] == headline
    assert lines[-1] == "The Council agreed to deploy an observer mission by the end of 2020."
    assert len(lines) == 5  # no paragraph joined to another


# --- The masthead: never a theme, excluded for what it is (draft) -------------------------------


def test_masthead_names_letterhead_label_title_and_dateline() -> None:
    from sco_tracker.sources.intake.dateline import masthead

    asean = [
        "ASEAN Secretariat",
        "Joint Press Statement",
        "Ministers meet in Jakarta",
        "JAKARTA, 3 March 2021 — The Ministers agreed to meet again.",
    ]
    assert masthead(asean) == {0: "letterhead", 1: "label", 2: "title"}
    ministry = [
        "Ministry of Foreign Affairs of the Kyrgyz Republic",
        "Ministers meet in Bishkek",
        "Bishkek, 14 June 2019",
        "The Ministers agreed to meet in Moscow.",
    ]
    assert masthead(ministry) == {0: "letterhead", 1: "title", 2: "dateline"}
    wrapped = [
        "PRESS RELEASE No. 12/2019",
        "African Union Commission and the SCO Secretariat",
        "sign a memorandum in Addis Ababa",
        "The sides agreed to exchange information.",
    ]
    assert masthead(wrapped) == {0: "label", 1: "title", 2: "title"}


def test_masthead_of_a_document_without_dateline_or_label_is_its_title_line_only() -> None:
    from sco_tracker.sources.intake.dateline import masthead

    lines = ["Council of Heads of State", "Economic cooperation", "The sides agreed to meet."]
    assert masthead(lines) == {}
    assert masthead(lines, "Council of Heads of State") == {0: "title"}


def test_labels_are_never_theme_headings() -> None:
    from sco_tracker.sources.proposals import is_theme_heading

    for label in ["PRESS RELEASE", "Joint Press Statement", "News Release No. 4", "Media Note"]:
        assert not is_theme_heading(label), label
    assert is_theme_heading("Economic cooperation")


def test_draft_excludes_the_masthead_with_its_reason() -> None:
    from sco_tracker.sources.drafting import draft

    text = "\n".join(
        [
            "Ministry of Foreign Affairs of India",
            "MEDIA RELEASE",
            "India and the SCO meet in Goa",
            "Goa, 5 May 2023",
            "Energy",
            "The Ministers agreed to hold a forum on energy in 2024.",
        ]
    )
    result = draft(text, "goa", parties={"india": "member_state"}, title=None)
    assert [c.theme for c in result.commitments] == ["Energy"]
    reasons = {x.paragraph: (x.reason, x.note) for x in result.exclusions}
    assert reasons[1][0] == reasons[2][0] == reasons[3][0] == reasons[4][0] == "procedural"
    assert "title" in (reasons[3][1] or "") and "dateline" in (reasons[4][1] or "")


def test_a_sentence_taken_for_the_title_is_not_excluded_as_the_title() -> None:
    from sco_tracker.sources.intake.dateline import masthead

    first = "The sides agreed to hold the next meeting in Bishkek."
    assert masthead([first, "They noted the results."], first.rstrip(".")) == {}


# --- A title printed as the first line, over the text ------------------------------------------


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            ["Statement of the Ministers", "The Ministers agreed to meet again."],
            "Statement of the Ministers",
        ),
        (
            ["Joint Communiqué of the Council of Heads of Government", "", "We agreed to meet."],
            "Joint Communiqué of the Council of Heads of Government",
        ),
        (
            [
                "Ministry of Foreign Affairs of India",
                "Outcome of the SCO meeting in Goa",
                "The Ministers agreed to hold a forum.",
            ],
            "Outcome of the SCO meeting in Goa",
        ),
        (
            ["PRESS RELEASE", "SCO Ministers meet in Astana", "The sides agreed to meet."],
            "SCO Ministers meet in Astana",
        ),
    ],
)
def test_a_title_line_over_the_text_is_the_title(lines: list[str], title: str) -> None:
    from sco_tracker.sources.intake.dateline import heading_title

    assert heading_title(lines) == title


@pytest.mark.parametrize(
    "lines",
    [
        ["The sides agreed to meet in Bishkek.", "They noted the results."],
        ["China", "India", "Russia"],  # headings only, no text under them
        ["14 June 2019", "The Ministers agreed to meet."],
    ],
)
def test_no_title_line_where_the_text_starts_with_a_sentence(lines: list[str]) -> None:
    from sco_tracker.sources.intake.dateline import heading_title

    assert heading_title(lines) is None


def test_import_dry_run_without_a_date_says_how_to_give_it(project_dir: Path) -> None:
    (project_dir / "st.txt").write_text(
        "Statement of the Council\nThe sides agreed to meet in Bishkek.\n", encoding="utf-8"
    )
    dry = run_cli(["import", "st.txt", "--source-id", "st-1", "--dry-run"], project_dir)
    assert "Next: sco-tracker import st.txt --source-id st-1 --date YYYY-MM-DD\n" in dry.output
    assert "put its date in place of YYYY-MM-DD" in dry.output
    done = run_cli(["import", "st.txt", "--source-id", "st-1", "--date", "2020-02-03"], project_dir)
    assert done.exit_code == 0, done.output
    assert (
        "Next: sco-tracker draft sources/st-1.txt --source-id st-1 --date 2020-02-03" in done.output
    )
    assert "YYYY-MM-DD" not in done.output
