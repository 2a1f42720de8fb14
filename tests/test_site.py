"""The site beside the report: its pages, their keys, and the rules of hostile input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import edit, run_cli
from sco_tracker.problems import UserError
from sco_tracker.report.context import build_context
from sco_tracker.report.pieces import site_row_pieces, site_rows
from sco_tracker.report.render import environment, page_renderer, write_reports
from sco_tracker.report.site import TEMPLATES, script_json, script_json_rows, site_pages
from sco_tracker.report.site_views import COMMITMENTS
from sco_tracker.report.site_write import _encoded
from sco_tracker.spec.project import load_project
from sco_tracker.tracking.checks import evaluate
from site_helpers import DAY, GENERATED, site_template, write_site


def test_script_json_cannot_end_its_element() -> None:
    text = str(script_json({"t": "</script><!-- <b>&amp;\u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!-- <b>&amp;\u2028"}


@pytest.mark.parametrize("n", [0, 1, 999, 1000, 1001, 2345])
def test_the_index_s_data_made_in_parts_is_the_same_text(n: int) -> None:
    head = {"parties": [["kyrgyzstan", "Kyrgyz Republic"]], "t": "</script>&\u2029"}
    rows = [[f"c{i}", "Qingdao <summit> & 'youth' \u2028", i, [1, 2], None] for i in range(n)]
    made = script_json_rows(head, iter(rows))
    assert all(type(p) is type(script_json({})) for p in made.pieces)
    assert "".join(made.pieces) == str(made) == script_json({**head, "rows": rows})
    assert len(made) == len(script_json({**head, "rows": rows}))
    assert str(script_json_rows({}, iter(rows))) == script_json({"rows": rows})


@pytest.mark.parametrize("n", [0, 1, 31, 32, 33, 700])
def test_a_list_page_s_rows_in_pieces_are_its_rows(n: int) -> None:
    rows = [
        {
            "id": f"c{i}",
            "title": "SCO-Afghanistan Contact Group <b>",
            "href": f"c/c{i}.html",
            "theme": "Security & stability",
            "theme_href": "theme/security.html",
            "due_label": "2019",
            "status": "planned",
            "status_label": "Planned",
            "paragraph_label": "" if i % 2 else "para. 5",
            "findings": [{"kind": "overdue", "label": "Overdue", "message": "due 2019 & late"}],
        }
        for i in range(n)
    ]
    assert "".join(site_row_pieces(rows)) == site_rows(rows)
    # the built-in list writes them one after the other, as it wrote site_rows(rows)
    page = "".join(page_renderer(None)("site/_list.html.j2", {"commitments": rows}))
    assert f"<tbody>\n{site_rows(rows)}\n</tbody>" in page


def test_a_page_written_in_pieces_is_its_text() -> None:
    # small pieces joined, a large one (the index's data) cut: the same bytes, counted
    for pieces in (
        [],
        [""],
        ["a"] * 70_000,
        ["<p>", "é" * 200_000, "</p>", "x" * 65_535, "y", "\u2028" * 70_000],
    ):
        size = [0]
        data = b"".join(_encoded(iter(pieces), size))
        assert data == "".join(pieces).encode("utf-8") and size[0] == len(data)


def test_nothing_changed_rewrites_nothing(project_dir: Path) -> None:
    first = write_site(project_dir)
    assert first.site is not None and first.site.pages == len(first.site.written) > 25
    again = write_site(project_dir)
    assert again.site is not None and again.site.written == [] and again.site.removed == []
    # every page is inside the site folder of reports_dir, beside their keys, and nothing
    # else was written
    site = project_dir / "reports" / "site"
    assert {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()} == {
        *first.site.written,
        "site.json",
    }


def test_a_new_as_of_date_rewrites_every_page(project_dir: Path) -> None:
    write_site(project_dir)
    project = load_project(project_dir / "commitments.yaml")
    run = write_reports(project, date(2018, 6, 16), generated_at=GENERATED)
    assert run.site is not None
    assert set(run.site.written) >= {"index.html", "c/iran-jcpoa.html"}


def test_a_damaged_key_file_or_a_truncated_page_is_rewritten(project_dir: Path) -> None:
    write_site(project_dir)
    page = project_dir / "reports" / "site" / "c" / "iran-jcpoa.html"
    page.write_bytes(b"")  # as a power cut might leave it
    run = write_site(project_dir)
    assert run.site is not None and run.site.written == ["c/iran-jcpoa.html"]
    for damaged in ("{not json", "[1]", '{"version": 2, "pages": [], "as_of": 3}'):
        (project_dir / "reports" / "site" / "site.json").write_text(damaged, encoding="utf-8")
        run = write_site(project_dir)
        assert run.site is not None and len(run.site.written) == run.site.pages


def test_a_key_file_cannot_make_the_site_remove_other_files(project_dir: Path) -> None:
    write_site(project_dir)
    keys = project_dir / "reports" / "site" / "site.json"
    data = json.loads(keys.read_text(encoding="utf-8"))
    outside = project_dir / "commitments.yaml"
    data["pages"]["../../commitments.yaml"] = ["x", 1]
    data["pages"]["c/../../../commitments.yaml"] = ["x", 1]
    keys.write_text(json.dumps(data), encoding="utf-8")
    run = write_site(project_dir)
    assert outside.is_file() and run.site is not None and run.site.removed == []


def test_a_javascript_link_is_never_a_link(project_dir: Path) -> None:
    edit(
        project_dir / "commitments.yaml",
        "        source: http://www.news.tj/tj/node/255130\n",
        "        source: javascript:alert(document.cookie)\n",
    )
    write_site(project_dir)
    html = (
        project_dir / "reports/site/c/afghanistan-contact-group-beijing-2018-plan.html"
    ).read_text(encoding="utf-8")
    assert 'href="javascript:' not in html and "javascript:alert(document.cookie)" in html


def test_user_templates_override_the_site_and_stay_in_the_sandbox(project_dir: Path) -> None:
    theme = "<h1>{{ theme.name }}</h1>{% for c in commitments %}<p>{{ c.title }}</p>{% endfor %}\n"
    site_template(project_dir, "theme.html.j2", theme)
    folder = project_dir / "templates" / "site"
    run = write_site(project_dir)
    page = project_dir / "reports/site/theme/drugs.html"
    assert page.read_text(encoding="utf-8").startswith("<h1>Drugs</h1><p>")
    assert run.site is not None
    # a change to the template rewrites the pages that use it (and, as keys hold every
    # template, the others too: one digest for the site's templates)
    (folder / "theme.html.j2").write_text("{{ theme.name.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"not allowed in a template|was stopped"):
        write_site(project_dir)


def test_the_site_is_written_by_run_only_with_the_latest_report(project_dir: Path) -> None:
    assert run_cli(["run", "--as-of", "2018-06-15"], project_dir).exit_code == 0
    index = project_dir / "reports" / "site" / "index.html"
    stamp = index.stat().st_mtime_ns
    r = run_cli(["report", "--as-of", "2018-06-01"], project_dir)
    assert r.exit_code == 0, r.output
    assert "Site:" not in r.output and index.stat().st_mtime_ns == stamp
    assert 'As of <time datetime="2018-06-15">' in index.read_text(encoding="utf-8")


def _commitment_pages(project_dir: Path) -> list[tuple[str, dict[str, object]]]:
    """(template, data) of every commitment's page of the frozen data as of DAY."""
    project = load_project(project_dir / "commitments.yaml")
    evaluations = evaluate(project, DAY)
    context = build_context(project, DAY, GENERATED, None, "", evaluations, site="site/")
    pages = site_pages(project, DAY, context, evaluations)
    return [(p.template, p.data) for p in pages if p.template == TEMPLATES[COMMITMENTS]]


def test_a_commitment_s_page_made_in_one_piece_is_the_streamed_page(project_dir: Path) -> None:
    pages = _commitment_pages(project_dir)
    assert len(pages) == 25
    render = page_renderer(None)
    for template, data in pages:
        streamed = list(environment(None).get_template(template).generate(data))
        assert len(streamed) > 1
        made = list(render(template, data))
        assert len(made) == 1 and made[0] == "".join(streamed)


def test_a_user_s_commitment_page_is_streamed(project_dir: Path) -> None:
    # a template of the user's own could make a page of any size: never held whole
    site_template(
        project_dir,
        "commitment.html.j2",
        "{% for i in range(3) %}<p>{{ commitment.title }}</p>\n{% endfor %}",
    )
    template, data = _commitment_pages(project_dir)[0]
    pieces = list(page_renderer(str(project_dir / "templates"))(template, data))
    assert len(pieces) > 3 and "".join(pieces).count("<p>") == 3


def test_a_template_edited_between_two_sites_of_one_process_is_used(project_dir: Path) -> None:
    # the scheduler writes site after site in one process: each uses the templates as they are
    site_template(project_dir, "theme.html.j2", "<h1>{{ theme.name }}</h1>\n")
    write_site(project_dir)
    pages = sorted((project_dir / "reports" / "site" / "theme").glob("*.html"))
    assert pages and all("<h2>" not in p.read_text(encoding="utf-8") for p in pages)
    mine = project_dir / "templates" / "site" / "theme.html.j2"
    mine.write_text("<h2>{{ theme.name }}</h2>\n", encoding="utf-8")
    write_site(project_dir)
    assert all(p.read_text(encoding="utf-8").startswith("<h2>") for p in pages)
