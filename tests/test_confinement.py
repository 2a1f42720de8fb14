"""Hostile input from the shared repository: templates cannot run code, and nothing in
commitments.yaml, sources/, templates or the reports folder makes the tool read or write
outside the project (real files, real links, real named pipes, real processes)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, edit, run_cli

SOURCE = "sco-security-council-secretaries-2018-05-22-beijing.txt"
SECRET = "The parties will hand the secret token ZX-4471 to every visitor."


def _set(project: Path, line: str) -> None:
    """Add a line under settings: in commitments.yaml."""
    edit(
        project / "commitments.yaml",
        "  reports_dir: reports\n",
        f"  reports_dir: reports\n{line}\n",
    )


# --- 1. templates run in a sandbox -------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "cycler.__init__.__globals__.os.popen('touch PWNED').read()",
        "joiner.__init__.__globals__.os.system('touch PWNED')",
        "lipsum.__globals__['os'].popen('touch PWNED').read()",
        "''.__class__.__mro__[1].__subclasses__()",
    ],
)
def test_a_template_cannot_run_a_shell_command(project_dir: Path, expression: str) -> None:
    templates = project_dir / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text(f"# Report\n\n{{{{ {expression} }}}}\n")
    _set(project_dir, "  templates_dir: templates")
    r = run_cli(["report", "--as-of", "2018-06-15", "--format", "md"], project_dir)
    assert not (project_dir / "PWNED").exists()
    assert r.exit_code == 2, r.output
    assert "report.md.j2:3:1: not allowed in a template" in r.stderr, r.stderr
    assert "Traceback" not in r.output
    assert not (project_dir / "reports" / "2018-06-15.md").exists()


def test_user_templates_render_exactly_as_the_built_in_ones(project_dir: Path) -> None:
    """The same sandbox for both: a copy of the built-in templates gives byte-identical reports."""
    from datetime import UTC, date, datetime

    from sco_tracker.report.context import build_context
    from sco_tracker.report.manifest import IndexEntry
    from sco_tracker.report.render import render, render_index
    from sco_tracker.spec.project import load_project

    mine = project_dir / "mine"
    shutil.copytree(ROOT / "src" / "sco_tracker" / "report" / "templates", mine)
    project = load_project(project_dir / "commitments.yaml")
    ctx = build_context(project, date(2018, 6, 15), datetime(2018, 6, 15, 7, 0, tzinfo=UTC))
    entry = IndexEntry(
        date(2018, 6, 15),
        "15 June 2018",
        "15 June 2018, 07:00",
        {"md": "a.md", "html": "a.html"},
        3,
        1,
        0,
        "x",
    )
    for fmt in ("md", "html"):
        assert render(ctx, fmt, str(mine)) == render(ctx, fmt)
        assert render_index([entry], fmt, "Reports", str(mine)) == render_index(
            [entry], fmt, "Reports"
        )


def test_a_template_that_links_outside_the_project_is_refused(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "report.md.j2"
    outside.write_text(SECRET + "\n")
    (project_dir / "templates").mkdir()
    (project_dir / "templates" / "report.md.j2").symlink_to(outside)
    _set(project_dir, "  templates_dir: templates")
    r = run_cli(["report", "--as-of", "2018-06-15", "--format", "md"], project_dir)
    assert r.exit_code == 1, r.output  # validate refuses it first, and so would the reports
    assert "template cannot be used: it is a link that leads outside the project" in r.stderr
    assert SECRET not in r.output
    assert not (project_dir / "reports" / "2018-06-15.md").exists()


# --- 3. nothing written outside the project on a setting ---------------------------------------


def test_a_reports_dir_outside_the_project_is_refused(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    www = tmp_path_factory.mktemp("outside") / "www"
    www.mkdir()
    (www / "index.html").write_text("<h1>the team's home page</h1>\n")
    rel = os.path.relpath(www, project_dir)
    edit(project_dir / "commitments.yaml", "  reports_dir: reports\n", f"  reports_dir: {rel}\n")
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 1, r.output  # validate refuses it first
    assert f"commitments.yaml:12:16: reports folder '{rel}' is outside the project folder" in (
        r.stderr
    ), r.stderr
    assert (www / "index.html").read_text() == "<h1>the team's home page</h1>\n"
    assert sorted(p.name for p in www.iterdir()) == ["index.html"]
    # The same folder in SCO_TRACKER_ALLOW_DIRS, or named on the command line, is the user's choice.
    allowed = run_cli(
        ["report", "--as-of", "2018-06-15"], project_dir, env={"SCO_TRACKER_ALLOW_DIRS": str(www)}
    )
    assert allowed.exit_code == 0, allowed.output
    assert "Status reports" in (www / "index.html").read_text()
    (www / "index.html").write_text("again\n")
    edit(project_dir / "commitments.yaml", f"  reports_dir: {rel}\n", "  reports_dir: reports\n")
    named = run_cli(["report", "--as-of", "2018-06-15", "--out", str(www)], project_dir)
    assert named.exit_code == 0, named.output
    assert "Status reports" in (www / "index.html").read_text()


def test_a_reports_folder_that_is_a_link_out_of_the_project_is_refused(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    www = tmp_path_factory.mktemp("outside")
    (project_dir / "reports").symlink_to(www)
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 1, r.output
    assert "reports folder 'reports' is outside the project folder" in r.stderr
    assert list(www.iterdir()) == []


@pytest.mark.parametrize("leads_to", ["outside", ".git/config", "commitments.yaml"])
def test_a_report_file_that_is_a_link_is_replaced_never_written_through(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory, leads_to: str
) -> None:
    """A link planted where a report goes (latest.md, a dated report, the index, the
    index) could make the report overwrite a crontab, commitments.yaml, or a .git/config
    whose core.fsmonitor then runs a command: the report replaces the link instead."""
    if leads_to == "outside":
        victim = tmp_path_factory.mktemp("outside") / "crontab"
    else:
        victim = project_dir / leads_to
        victim.parent.mkdir(exist_ok=True)
    if not victim.exists():
        victim.write_text("[core]\n\tbare = false\n")
    before = victim.read_bytes()
    (project_dir / "reports").mkdir()
    for name in ("latest.md", "latest.html", "2018-06-15.md", "index.md"):
        (project_dir / "reports" / name).symlink_to(victim)
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 0, r.output
    assert victim.read_bytes() == before
    for name in ("latest.md", "latest.html", "2018-06-15.md", "index.md"):
        assert not (project_dir / "reports" / name).is_symlink(), name
    assert "Last successful check" in (project_dir / "reports" / "latest.md").read_text()


def test_a_manifest_that_links_outside_the_project_is_not_read(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    secret = tmp_path_factory.mktemp("outside") / "secret.json"
    secret.write_text('{"reports": []}\n')
    (project_dir / "reports").mkdir()
    (project_dir / "reports" / "reports.json").symlink_to(secret)
    r = run_cli(["report", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 2, r.output
    assert "reports.json cannot be used: it is a link that leads outside" in r.stderr, r.stderr


def test_a_database_setting_outside_the_project_is_refused(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("outside") / "planted.db"
    original = (project_dir / "commitments.yaml").read_text(encoding="utf-8")
    _set(project_dir, f"  database: sqlite:///{elsewhere}")
    for command in (["validate"], ["sync"], ["run"]):
        r = run_cli(command, project_dir, env={"SCO_TRACKER_DB": ""})  # the setting decides
        assert r.exit_code == 1, r.output
        assert "settings.database" in r.stderr and "leads outside the project folder" in r.stderr
    report = json.loads(run_cli(["validate", "--json"], project_dir).stdout)
    assert [p["code"] for p in report["problems"]] == ["SCO307"]
    assert not elsewhere.exists()
    # --db names it on the command line: the user's choice.
    (project_dir / "commitments.yaml").write_text(original, encoding="utf-8")
    assert run_cli(["sync", "--db", f"sqlite:///{elsewhere}"], project_dir).exit_code == 0
    assert elsewhere.exists()


def test_a_default_database_file_that_links_out_of_the_project_is_refused(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    victim = tmp_path_factory.mktemp("outside") / "victim.db"
    (project_dir / "sco-tracker.db").symlink_to(victim)
    r = run_cli(["sync"], project_dir, env={"SCO_TRACKER_DB": ""})
    assert r.exit_code == 2, r.output
    assert "leads outside the project folder" in r.stderr
    assert not victim.exists()


def test_a_calendar_in_a_reports_dir_outside_the_project_is_refused(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    www = tmp_path_factory.mktemp("outside")
    edit(project_dir / "commitments.yaml", "  reports_dir: reports\n", f"  reports_dir: {www}\n")
    r = run_cli(["calendar", "--as-of", "2018-06-15"], project_dir)
    assert r.exit_code == 1, r.output
    assert "is outside the project folder" in r.stderr
    assert list(www.iterdir()) == []


# --- 3. source texts: regular files inside the project only --------------------------------------


def _link_source(project: Path, target: Path | str) -> None:
    path = project / "sources" / SOURCE
    path.unlink()
    path.symlink_to(target)


def test_a_source_text_linked_outside_the_project_is_neither_read_nor_printed(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "notes.txt"
    text = (project_dir / "sources" / SOURCE).read_text(encoding="utf-8")
    outside.write_text(text + SECRET + "\n", encoding="utf-8")
    _link_source(project_dir, outside)
    for args in (["validate", "--strict"], ["coverage"], ["status", "qingdao-youth-joint-appeal"]):
        r = run_cli(args, project_dir)
        assert r.exit_code == 1, (args, r.output)
        assert "ZX-4471" not in r.output, (args, r.output)
        assert (
            f"source text '{SOURCE}' cannot be used: it is a link that leads outside the project "
            "folder" in r.output
        ), (args, r.output)


def test_a_source_text_linked_to_proc_is_refused(project_dir: Path) -> None:
    _link_source(project_dir, "/proc/self/environ")
    r = run_cli(["coverage"], project_dir, env={"SCO_TRACKER_PLANTED": "secret-env-value"})
    assert r.exit_code == 1
    assert "secret-env-value" not in r.output
    assert "leads outside the project folder" in r.output


def test_a_source_text_that_is_a_named_pipe_does_not_hang(project_dir: Path) -> None:
    fifo = project_dir / "sources" / "pipe"
    os.mkfifo(fifo)
    _link_source(project_dir, fifo)  # a link to a pipe inside the project
    for args in (["validate"], ["run"]):
        r = run_cli(args, project_dir, timeout=60)
        assert r.exit_code == 1, (args, r.output)
        assert f"source text '{SOURCE}' cannot be used: it is a named pipe" in r.output


def test_a_source_text_swapped_for_dev_zero_after_a_cached_validation_does_not_hang(
    project_dir: Path,
) -> None:
    """The validate cache hashes the source texts: a link to /dev/zero must not be read."""
    env = {"SCO_TRACKER_NO_CACHE": ""}
    assert run_cli(["validate"], project_dir, env=env).exit_code == 0
    assert run_cli(["run"], project_dir, env=env).exit_code == 0
    _link_source(project_dir, "/dev/zero")
    for args in (["validate"], ["run"]):
        r = run_cli(args, project_dir, env=env, timeout=60)
        assert r.exit_code == 1, (args, r.output)
        assert "leads outside the project folder" in r.output, r.output


def test_a_source_link_that_stays_inside_the_project_is_followed(project_dir: Path) -> None:
    shared = project_dir / "shared-texts"
    shared.mkdir()
    shutil.move(project_dir / "sources" / SOURCE, shared / SOURCE)
    (project_dir / "sources" / SOURCE).symlink_to(Path("..") / "shared-texts" / SOURCE)
    r = run_cli(["validate"], project_dir)
    assert r.exit_code == 0, r.output
