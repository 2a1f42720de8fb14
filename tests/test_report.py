"""Reports: the typed context, the templates, escaping, writing and failure safety."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import jinja2
import pytest
import yaml
from jinja2 import meta, nodes

from conftest import edit, run_cli
from report_pages import md_rows, md_section, parse_html, squeeze
from sco_tracker.report.context import build_context
from sco_tracker.report.model import PreviousReport, ReportContext
from sco_tracker.report.render import environment, md_escape, render, write_reports
from sco_tracker.spec.project import load_project

GENERATED = datetime(2018, 6, 15, 7, 0, tzinfo=UTC)
TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "sco_tracker" / "report" / "templates"


@pytest.fixture
def project(project_dir: Path):  # type: ignore[no-untyped-def]
    return load_project(project_dir / "commitments.yaml")


def _variables_used(env: jinja2.Environment, name: str) -> set[str]:
    """The context variables a template reads, with those of the partials it includes."""
    ast = env.parse((TEMPLATES / name).read_text(encoding="utf-8"))
    # Jinja counts a name set with {% set %} inside an {% if %} as undeclared: it is the template's
    # own.
    own = {
        t.name
        for node in ast.find_all((nodes.Assign, nodes.AssignBlock))
        for t in (node.target, *node.target.find_all(nodes.Name))
        if isinstance(t, nodes.Name)
    }
    used = set(meta.find_undeclared_variables(ast)) - own
    for partial in meta.find_referenced_templates(ast):
        assert partial is not None, f"{name} includes a template whose name is computed"
        used |= _variables_used(env, partial)
    return used


def test_templates_use_exactly_the_context_fields() -> None:
    env = environment(None)
    keys = {f.name for f in dataclasses.fields(ReportContext)}
    used = {fmt: _variables_used(env, f"report.{fmt}.j2") for fmt in ("md", "html")}
    # The compliance section is a partial of both reports: its variables count too.
    assert {"_compliance.md.j2", "_compliance.html.j2"} <= {
        partial
        for fmt in ("md", "html")
        for partial in meta.find_referenced_templates(
            env.parse((TEMPLATES / f"report.{fmt}.j2").read_text(encoding="utf-8"))
        )
    }
    # The HTML report shows everything the context holds; Markdown has no timeline or styling.
    assert used["html"] == keys, used["html"] ^ keys
    assert used["md"] == keys - {"as_of", "generated_at", "collapse", "status_labels", "timeline"}


def test_template_vars_are_the_fields(project) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(project, date(2018, 6, 15), GENERATED)
    assert set(ctx.template_vars()) == {f.name for f in dataclasses.fields(ReportContext)}


def test_autoescape_html_only() -> None:
    env = environment(None)
    assert env.autoescape("report.html.j2") is True  # the .html.j2 pitfall
    assert env.autoescape("index.html.j2") is True
    assert env.autoescape("report.md.j2") is False


def test_strict_undefined() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment(None).from_string("{{ nothing_here }}").render()


def test_md_escape_keeps_table_cells_whole() -> None:
    assert md_escape("a | b\nc") == "a \\| b<br>c"
    assert (
        md_escape("<b>x</b> & *y* [z](javascript:1)")
        == "&lt;b&gt;x&lt;/b&gt; &amp; \\*y\\* \\[z\\](javascript:1)"
    )


def test_context_as_of_2018_06_01(project) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(project, date(2018, 6, 1), GENERATED)
    assert ctx.overdue == []
    assert [(c.id, c.days_left) for c in ctx.due_soon] == [
        ("qingdao-counter-terrorism-programme", 9),
        ("qingdao-drug-abuse-concept", 9),
        ("qingdao-youth-action-programme", 9),
        ("qingdao-youth-joint-appeal", 9),
    ]
    assert (ctx.fulfilment.due, ctx.fulfilment.fulfilled, ctx.fulfilment.rate) == (1, 1, 1.0)
    assert ctx.changes is None
    group = next(
        c for t in ctx.themes for c in t.commitments if c.id == "afghanistan-contact-group-beijing"
    )
    assert (group.status, group.due_label, group.lead, group.paragraph) == (
        "fulfilled",
        "May 2018",
        "China",
        22,
    )
    assert (
        group.latest_update is not None
        and group.latest_update.url == "http://www.news.tj/tj/node/255130"
    )
    # The Moscow 2017 plan it restates has no local text, hence no paragraph.
    plan = next(
        c
        for t in ctx.themes
        for c in t.commitments
        if c.id == "afghanistan-contact-group-beijing-2018-plan"
    )
    assert (plan.status, plan.due_label, plan.paragraph, plan.source.title) == (
        "fulfilled",
        "2018",
        None,
        "SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office",
    )
    assert sum(len(t.commitments) for t in ctx.themes) == ctx.total == 25
    assert len(ctx.continuous) == 18


def test_context_changes_since_previous(project) -> None:  # type: ignore[no-untyped-def]
    first = build_context(project, date(2018, 6, 1), GENERATED)
    snap = first.snapshot()
    prev = PreviousReport(date(2018, 6, 1), snap["statuses"], snap["findings"])
    ctx = build_context(project, date(2018, 6, 15), GENERATED, prev)
    assert ctx.changes is not None
    changed = {
        ch.commitment.id: (ch.before, ch.after, [u.date for u in ch.evidence])
        for ch in ctx.changes.status_changes
    }
    assert changed == {
        "qingdao-counter-terrorism-programme": ("planned", "fulfilled", [date(2018, 6, 10)]),
        "qingdao-youth-joint-appeal": ("planned", "fulfilled", [date(2018, 6, 10)]),
    }
    assert {(f.commitment_id, f.kind) for f in ctx.changes.new_findings} == {
        ("qingdao-youth-action-programme", "overdue"),
        ("qingdao-drug-abuse-concept", "overdue"),
    }
    assert len(ctx.changes.resolved_findings) == 4 and {
        f.kind for f in ctx.changes.resolved_findings
    } == {"due_soon"}
    assert [(c.id, c.days_overdue) for c in ctx.overdue] == [
        ("qingdao-drug-abuse-concept", 5),
        ("qingdao-youth-action-programme", 5),
    ]
    assert (ctx.fulfilment.due, ctx.fulfilment.fulfilled) == (5, 3)


def test_overdue_sorted_by_days(project_dir: Path) -> None:
    edit(
        project_dir / "commitments.yaml",
        "    due: qingdao-summit\n    status: in_progress",
        "    due: 2018-06-01\n    status: in_progress",
    )
    ctx = build_context(
        load_project(project_dir / "commitments.yaml"), date(2018, 6, 15), GENERATED
    )
    assert [(c.id, c.days_overdue) for c in ctx.overdue] == [
        ("qingdao-drug-abuse-concept", 14),
        ("qingdao-youth-action-programme", 5),
    ]


def test_rendering_is_pure(project) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(project, date(2018, 6, 15), GENERATED)
    for fmt in ("md", "html"):
        assert render(ctx, fmt) == render(build_context(project, date(2018, 6, 15), GENERATED), fmt)


def test_markdown_commitment_facts_are_one_list_item_each(project) -> None:  # type: ignore[no-untyped-def]
    md = render(build_context(project, date(2018, 6, 15), GENERATED), "md").splitlines()
    at = md.index(
        '#### <a id="afghanistan-contact-group-beijing"></a>Hold the next SCO-Afghanistan '
        "Contact Group meeting in Beijing in May 2018"
    )
    assert md[at + 1 : at + 5] == [
        "",
        (
            "- **Id:** `afghanistan-contact-group-beijing` · **Fulfilled** · deliverable · due "
            "May 2018"
        ),
        "- **Findings:** none",
        (
            "- **Parties:** China, India, Kazakhstan, Kyrgyzstan, Pakistan, Russia, Tajikistan, "
            "Uzbekistan; **lead:** China"
        ),
    ]


def test_html_is_self_contained(project) -> None:  # type: ignore[no-untyped-def]
    html = render(build_context(project, date(2018, 6, 15), GENERATED), "html")
    doc = parse_html(html)
    assert not list(doc.iter("link")) and not list(doc.iter("img")) and not list(doc.iter("iframe"))
    assert all("src" not in s.attrs for s in doc.iter("script"))
    assert "@import" not in html and "url(" not in html and "@font-face" not in html
    assert (
        len(list(doc.iter("svg"))) == 1 and "@media print" in html and "@media (max-width" in html
    )
    ids = {n.attrs.get("id") for n in doc.iter("tr")}
    assert {c.id for c in load_project(project.path).commitments} <= ids
    assert all(th.text().strip() for th in doc.iter("th"))


def test_write_reports_files_manifest_and_replacement(project) -> None:  # type: ignore[no-untyped-def]
    folder = project.base_dir / "reports"
    write_reports(project, date(2018, 6, 1), generated_at=GENERATED)
    write_reports(project, date(2018, 6, 15), generated_at=GENERATED)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        ".reports.json.lock",  # the manifest's OS lock (empty; it blocks nothing once released)
        "2018-06-01.html",
        "2018-06-01.md",
        "2018-06-15.html",
        "2018-06-15.md",
        "index.html",
        "index.md",
        "latest.html",
        "latest.md",
        "reports.json",
        "site",  # the site beside the report, as of the latest report (report/site.py),
        # with its pages' content keys inside it (site/site.json)
        "snapshots",  # what each report showed, so that the next can say what changed
    ]
    assert sorted(p.name for p in (folder / "snapshots").iterdir()) == [
        "2018-06-01.json",
        "2018-06-15.json",
    ]
    assert (folder / "latest.md").read_text() == (folder / "2018-06-15.md").read_text()
    latest_before = (folder / "latest.html").read_bytes()
    # An older date does not become "latest", and re-running it compares with nothing earlier.
    write_reports(project, date(2018, 6, 1), formats=("md",), generated_at=GENERATED)
    assert (folder / "latest.html").read_bytes() == latest_before
    manifest = json.loads((folder / "reports.json").read_text())
    assert [r["as_of"] for r in manifest["reports"]] == ["2018-06-01", "2018-06-15"]
    shown = json.loads((folder / "snapshots" / "2018-06-15.json").read_text())
    assert shown["statuses"]["qingdao-youth-joint-appeal"] == "fulfilled"
    assert shown["findings"]["qingdao-youth-action-programme"] == ["overdue"]
    assert manifest["reports"][0]["files"] == {"md": "2018-06-01.md", "html": "2018-06-01.html"}


BOTH = (
    "Information report on the 13th meeting of the SCO Security Council Secretaries; "
    "SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office"
)


def _headings(folder: Path, *names: str) -> list[str]:
    return [(folder / f"{n}.md").read_text(encoding="utf-8").splitlines()[0] for n in names]


def test_the_index_bears_the_latest_reports_title_after_an_earlier_date(project) -> None:  # type: ignore[no-untyped-def]
    """A report of an earlier date (fewer documents issued) leaves the index titled as
    latest.md."""
    folder = project.base_dir / "reports"
    write_reports(project, date(2018, 6, 15), generated_at=GENERATED)
    write_reports(project, date(2017, 12, 1), generated_at=GENERATED)
    moscow = (
        "SCO-Afghanistan Contact Group meeting in Moscow, as reported by Pakistan's Foreign Office"
    )
    assert _headings(folder, "latest", "index", "2017-12-01") == [
        f"# {md_escape(BOTH)} as of 15 June 2018",
        f"# Status reports: {md_escape(BOTH)}",
        f"# {md_escape(moscow)} as of 1 December 2017",
    ]
    escaped = BOTH.replace("'", "&#39;")
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert f"<title>Status reports: {escaped}</title>" in html


def test_templates_dir_overrides_one_template(project_dir: Path) -> None:
    (project_dir / "my-templates").mkdir()
    (project_dir / "my-templates" / "report.md.j2").write_text(
        "Our own report as of {{ as_of_label }}: {{ overdue|length }} overdue.\n"
    )
    edit(
        project_dir / "commitments.yaml",
        "  reports_dir: reports\n",
        "  reports_dir: reports\n  templates_dir: my-templates\n",
    )
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 0, r.output
    assert (
        project_dir / "reports" / "2018-06-15.md"
    ).read_text() == "Our own report as of 15 June 2018: 2 overdue.\n"
    assert (
        "<svg" in (project_dir / "reports" / "2018-06-15.html").read_text()
    )  # the built-in one still used


def test_failing_template_leaves_previous_reports_untouched(project_dir: Path) -> None:
    assert run_cli(["report", "--as-of", "2018-06-01"], project_dir).exit_code == 0
    before = {p.name: p.read_bytes() for p in (project_dir / "reports").iterdir() if p.is_file()}
    (project_dir / "tpl").mkdir()
    # The Markdown renders; the HTML template fails on line 3, after the Markdown was rendered
    # (a misspelt attribute: validate checks the names a template uses, not their attributes).
    (project_dir / "tpl" / "report.html.j2").write_text(
        "<p>\n{{ as_of }}\n{{ fulfilment.no_such_field }}\n</p>\n"
    )
    edit(
        project_dir / "commitments.yaml",
        "  reports_dir: reports\n",
        "  reports_dir: reports\n  templates_dir: tpl\n",
    )
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 2, r.output
    assert "report.html.j2:3:1: template error:" in r.stderr, r.stderr
    assert "no_such_field" in r.stderr, r.stderr
    assert "Traceback" not in r.output
    after = {p.name: p.read_bytes() for p in (project_dir / "reports").iterdir() if p.is_file()}
    assert after == before


def test_damaged_manifest_is_reported_with_its_position(project_dir: Path) -> None:
    (project_dir / "reports").mkdir()
    (project_dir / "reports" / "reports.json").write_text(
        '{"reports": [\n  {"as_of": "2018-06-01",}\n]}\n'
    )
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 2
    assert "reports.json:2:26: not valid JSON" in r.stderr, r.stderr
    assert sorted(p.name for p in (project_dir / "reports").iterdir()) == [
        ".reports.json.lock",
        "reports.json",
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--as-of", "15/06/2018"], "expected a date written YYYY-MM-DD, got '15/06/2018'"),
        (["--format", "pdf"], "unknown format 'pdf'; use md, html or md,html"),
    ],
)
def test_bad_options(project_dir: Path, args: list[str], message: str) -> None:
    r = run_cli(["report", *args], project_dir)
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.output, r.output


def test_missing_templates_dir(project_dir: Path) -> None:
    edit(
        project_dir / "commitments.yaml",
        "  reports_dir: reports\n",
        "  reports_dir: reports\n  templates_dir: nowhere\n",
    )
    r = run_cli(["report"], project_dir)
    assert r.exit_code == 1  # validate refuses it: nothing is synced, checked or written
    assert "commitments.yaml:13:18: templates folder 'nowhere' not found" in r.stderr, r.stderr


def test_the_footer_names_the_check_the_report_was_made_after(project_dir: Path) -> None:
    """Each report run checks first and says so; the second run's report names check run 2."""
    import re

    for _ in range(2):
        r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
        assert r.exit_code == 0, r.output
    md = (project_dir / "reports" / "2018-06-15.md").read_text(encoding="utf-8")
    # A thematic break on its own, not the underline of the line above it.
    assert re.search(
        r"\n\n---\n\nLast successful check: \d{4}-\d\d-\d\d \d\d:\d\d UTC \(check run 2\)\.\n$", md
    ), md[-300:]
    footers = list(
        parse_html((project_dir / "reports" / "2018-06-15.html").read_text(encoding="utf-8")).iter(
            "footer"
        )
    )
    assert len(footers) == 1
    footer = squeeze(footers[0].text())
    assert re.search(
        r"· last successful check \d{4}-\d\d-\d\d \d\d:\d\d UTC \(check run 2\)$", footer
    ), footer


def test_run_writes_the_reports(project_dir: Path) -> None:
    r = run_cli(["run", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 0, r.output
    md = (project_dir / "reports" / "2018-06-15.md").read_text()
    assert [row[1] for row in md_rows(md_section(md, "Overdue"))] == [
        (
            "Submit an SCO concept on preventing the abuse of narcotic drugs and psychotropic "
            "substances to the Qingdao summit"
        ),
        (
            "Pass an action programme to implement the joint appeal to young people at the "
            "Qingdao summit"
        ),
    ]


# -- large projects ------------------------------------------------------------------------------


def big_project(folder: Path, copies: int) -> Path:
    """The shipped commitments repeated `copies` times under new ids (25 * copies commitments).

    References between commitments (depends_on, restates) point inside the same copy.
    """
    data = yaml.safe_load((folder / "commitments.yaml").read_text(encoding="utf-8"))
    base = data["commitments"]
    assert len(base) == 25

    def copy(c: dict, i: int) -> dict:
        new = {
            **c,
            "id": f"{c['id']}-{i}",
            "depends_on": [f"{d}-{i}" for d in c.get("depends_on", [])],
        }
        if "restates" in c:
            new["restates"] = f"{c['restates']}-{i}"
        return new

    data["commitments"] = [copy(c, i) for i in range(copies) for c in base]
    (folder / "commitments.yaml").write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return folder / "commitments.yaml"


@pytest.mark.slow
def test_ten_thousand_commitments_collapse(project_dir: Path) -> None:
    project = load_project(big_project(project_dir, 400))  # 10,000 commitments
    ctx = build_context(project, date(2018, 6, 15), GENERATED)
    assert ctx.total == 10000 and ctx.collapse
    html = render(ctx, "html")
    doc = parse_html(html)
    details = list(doc.iter("details"))
    assert details and all("open" not in d.attrs for d in details)
    rows = [tr for tr in doc.iter("tr") if "commitment" in (tr.attrs.get("class") or "").split()]
    assert len(rows) == 10000
    # Everything overdue is outside the collapsed parts.
    visible_overdue = [tr for tr in rows if "attention" in tr.attrs.get("class", "")]
    assert len(visible_overdue) == len(ctx.overdue) == 2 * 400
    assert len(ctx.timeline.points) < 20  # points are grouped by date and status


@pytest.mark.slow
def test_killed_report_run_leaves_reports_intact(project_dir: Path) -> None:
    """kill -9 a report run while it writes: every report is the old one or the new one."""
    big_project(project_dir, 300)
    assert run_cli(["report", "--as-of", "2018-06-01"], project_dir, timeout=300).exit_code == 0
    folder = project_dir / "reports"
    old = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sco_tracker", "report", "--as-of", "2018-06-15"],
        cwd=project_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while proc.poll() is None and not any(p.name.endswith(".tmp") for p in folder.iterdir()):
            time.sleep(0.001)
        os.kill(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    rc = proc.wait()
    assert rc == -signal.SIGKILL, "the report run finished before it could be killed while writing"
    # A fresh complete run gives the "new" versions to compare with.
    new_dir = project_dir / "fresh"
    r = run_cli(
        ["report", "--as-of", "2018-06-15", "--out", str(new_dir)], project_dir, timeout=300
    )
    assert r.exit_code == 0
    for p in folder.iterdir():
        if p.name.endswith(".tmp") or p.is_dir():
            continue  # a leftover temporary file of the killed run, never read as a report
        data = p.read_bytes()
        assert data == old.get(p.name) or p.name in {
            "2018-06-15.md",
            "2018-06-15.html",
            "latest.md",
            "latest.html",
            "index.md",
            "index.html",
            "reports.json",
        }, p.name
        if data != old.get(p.name):
            # a new file must be complete: compare with the fresh run, minus the generated time
            fresh = (new_dir / p.name).read_bytes() if (new_dir / p.name).exists() else b""
            assert len(data) > 0 and data.splitlines()[-1] == (
                fresh.splitlines()[-1] if fresh else data.splitlines()[-1]
            )
            assert data.rstrip().endswith((b"</html>", b"}", b"|")) or data.endswith(b"\n"), p.name
    for name in old:
        assert (folder / name).exists(), name
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert leftovers, "the killed run left no temporary file to clean"
    # The next run in the same folder removes what the killed one left behind.
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir, timeout=300)
    assert r.exit_code == 0, r.output
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
