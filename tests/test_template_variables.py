"""validate checks the variables a user's template names (spec/templates.py): the lists it
checks against are exactly what the reports give each template."""

from __future__ import annotations

import shutil
from dataclasses import fields
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conftest import ROOT, edit, run_cli
from sco_tracker.report.context import build_context
from sco_tracker.report.model import ReportContext
from sco_tracker.report.pieces import PIECES
from sco_tracker.report.site import site_pages, stylesheet_page
from sco_tracker.spec.project import load_project
from sco_tracker.spec.templates import GLOBALS, REPORT_VARIABLES, VARIABLES
from sco_tracker.tracking.checks import evaluate

BUILT_IN = ROOT / "src" / "sco_tracker" / "report" / "templates"


def _use_templates(project_dir: Path, folder: str = "my-templates") -> Path:
    edit(
        project_dir / "commitments.yaml",
        "  reports_dir: reports\n",
        f"  reports_dir: reports\n  templates_dir: {folder}\n",
    )
    return project_dir / folder


def test_the_report_variables_are_the_fields_of_the_report_context() -> None:
    assert list(REPORT_VARIABLES) == [f.name for f in fields(ReportContext)]


def test_the_functions_every_template_may_call_are_the_reports_own() -> None:
    assert list(GLOBALS) == list(PIECES)


def test_each_site_page_is_given_exactly_the_variables_validate_knows(project_dir: Path) -> None:
    project = load_project(project_dir / "commitments.yaml")
    as_of = date(2018, 6, 15)
    evaluations = evaluate(project, as_of)
    context = build_context(
        project, as_of, datetime(2018, 6, 15, tzinfo=UTC), None, "", evaluations
    )
    seen: set[str] = set()
    for page in [*site_pages(project, as_of, context, evaluations, {}), stylesheet_page()]:
        assert sorted(page.data) == sorted(VARIABLES[page.template]), page.path
        seen.add(page.template)
    assert seen == {name for name in VARIABLES if name.startswith("site/")}


def _copies_pass(project_dir: Path, built_in: Path) -> Path:
    """Copy the built-in templates into a templates_dir of one's own; validate passes them.
    The folder of the copies."""
    mine = _use_templates(project_dir)
    shutil.copytree(built_in, mine)
    r = run_cli(["validate"], project_dir)
    assert r.exit_code == 0, r.output
    assert "template" not in r.stderr, r.stderr
    return mine


def test_every_built_in_template_passes_the_check_as_a_template_of_ones_own(
    project_dir: Path,
) -> None:
    _copies_pass(project_dir, BUILT_IN)
    assert run_cli(["run"], project_dir).exit_code == 0


@pytest.mark.parametrize(
    "name, text, message",
    [
        (
            "site/commitment.html.j2",
            "{{ comitment.title }}",
            (
                "site/commitment.html.j2:1:1: template error: no variable named 'comitment' "
                "(did you mean 'commitment'?)"
            ),
        ),
        (
            "index.md.j2",
            "{% for r in reports %}{{ r.as_of }}{% endfor %}\n\n{{ titel }}",
            "index.md.j2:3:1: template error: no variable named 'titel' (did you mean 'title'?)",
        ),
        (
            "parts/footer.md.j2",  # a part: any template's variables, and nothing else
            "{{ as_of_label }} {{ no_such_thing }}",
            "parts/footer.md.j2:1:1: template error: no variable named 'no_such_thing'",
        ),
    ],
)
def test_a_name_a_template_is_not_given_is_refused_at_its_line(
    project_dir: Path, name: str, text: str, message: str
) -> None:
    mine = _use_templates(project_dir)
    (mine / name).parent.mkdir(parents=True, exist_ok=True)
    (mine / name).write_text(text + "\n", encoding="utf-8")
    r = run_cli(["validate"], project_dir)
    assert r.exit_code == 1, r.output
    assert message in r.stderr, r.stderr


def test_names_a_template_sets_or_loops_over_itself_are_its_own(project_dir: Path) -> None:
    mine = _use_templates(project_dir)
    (mine / "parts").mkdir(parents=True)
    (mine / "parts" / "lines.md.j2").write_text(
        "{% macro dated(c) %}{{ c.due_label }}{% endmacro %}\n", encoding="utf-8"
    )
    (mine / "report.md.j2").write_text(
        "{% set n = overdue|length %}{% macro line(c) %}{{ c.title }}{% endmacro %}"
        '{% import "parts/lines.md.j2" as parts %}{% from "parts/lines.md.j2" import dated %}'
        "{{ n }}{% for c in overdue %}{{ line(c) }} {{ dated(c) }} {{ parts.dated(c) }} "
        "{{ loop.index }}{% endfor %}{{ range(3)|list }} {{ badge }}\n",
        encoding="utf-8",
    )
    r = run_cli(["validate"], project_dir)
    assert r.exit_code == 0, r.output
    r = run_cli(["report", "--as-of", "2018-06-15", "--format", "md"], project_dir)
    assert r.exit_code == 0, r.output


NOTIFY_BUILT_IN = ROOT / "src" / "sco_tracker" / "notify" / "templates"


def test_the_notification_templates_are_given_exactly_what_validate_knows() -> None:
    from sco_tracker.notify.render import environment, variables
    from sco_tracker.spec.templates import NOTIFY_FILTERS, NOTIFY_TEMPLATES, NOTIFY_VARIABLES

    given = variables("news", date(2018, 6, 15), 1, [], None, "desk@example.org")
    assert sorted(given) == sorted(NOTIFY_VARIABLES)
    plain = set(__import__("jinja2").Environment().filters)
    assert set(environment(None).filters) - plain == set(NOTIFY_FILTERS)
    assert sorted(p.name for p in NOTIFY_BUILT_IN.glob("*.j2")) == sorted(NOTIFY_TEMPLATES)


def test_the_built_in_notification_templates_pass_the_check_as_ones_own(
    project_dir: Path,
) -> None:
    """The README's way to change the e-mail: copy the shipped notify templates and edit them."""
    mine = _copies_pass(project_dir, NOTIFY_BUILT_IN)
    (mine / "notify.txt.j2").write_text("{{ itmes|length }} {{ as_of|what }}\n", "utf-8")
    (mine / "report.md.j2").write_text("{{ title|what }}\n", "utf-8")
    r = run_cli(["validate"], project_dir)
    assert r.exit_code == 1
    assert (
        "notify.txt.j2:1:1: template error: no variable named 'itmes' (did you mean 'items'?)"
        in (r.stderr)
    )
    assert "report.md.j2:1:1: template error: no filter named 'what'" in r.stderr
