"""Binds features/safety.feature."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then

from conftest import FROZEN_FILE, FROZEN_SOURCES, edit

scenarios("safety.feature")

SOURCE = "sco-security-council-secretaries-2018-05-22-beijing.txt"
WEB_PAGE = "<h1>Our team</h1>\n"


@given(
    "the shipped commitments file, kept in a shared folder and linked from the project",
    target_fixture="workdir",
)
def linked_file(project_dir: Path, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    shared = tmp_path_factory.mktemp("team-share") / "commitments.yaml"
    (project_dir / "commitments.yaml").rename(shared)
    (project_dir / "commitments.yaml").symlink_to(shared)
    return project_dir


@then("the shared commitments file records the adoption at the Qingdao summit")
def shared_has_update(workdir: Path) -> None:
    shared = (workdir / "commitments.yaml").resolve()
    assert "Adopted at the Qingdao summit." in shared.read_text(encoding="utf-8")


@then("the project's commitments.yaml is still a link to the shared file")
def still_a_link(workdir: Path) -> None:
    assert (workdir / "commitments.yaml").is_symlink()


@given(
    "the shipped commitments file, in a project folder beside the team's web site",
    target_fixture="workdir",
)
def beside_web_site(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(FROZEN_FILE, project / "commitments.yaml")
    shutil.copytree(FROZEN_SOURCES, project / "sources")
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "index.html").write_text(WEB_PAGE)
    return project


@given(parsers.parse('settings.reports_dir is "{folder}", the team\'s web site'))
def reports_dir_setting(workdir: Path, folder: str) -> None:
    edit(workdir / "commitments.yaml", "  reports_dir: reports\n", f"  reports_dir: {folder}\n")


@given("the analyst lists the team's web site in SCO_TRACKER_ALLOW_DIRS")
def allow_web_site(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCO_TRACKER_ALLOW_DIRS", str(workdir.parent / "www"))


@then("the team's web site is unchanged")
def web_site_unchanged(workdir: Path) -> None:
    www = workdir.parent / "www"
    assert sorted(p.name for p in www.iterdir()) == ["index.html"]
    assert (www / "index.html").read_text() == WEB_PAGE


@then("the team's web site has the report as of 15 June 2018")
def web_site_has_report(workdir: Path) -> None:
    assert (workdir.parent / "www" / "2018-06-15.html").exists()


@given(parsers.parse('a report template that tries to run the shell command "{command}"'))
def hostile_template(workdir: Path, command: str) -> None:
    (workdir / "templates").mkdir()
    (workdir / "templates" / "report.md.j2").write_text(
        f"# Report\n\n{{{{ cycler.__init__.__globals__.os.popen('{command}').read() }}}}\n"
    )
    edit(
        workdir / "commitments.yaml",
        "  reports_dir: reports\n",
        "  reports_dir: reports\n  templates_dir: templates\n",
    )


@then("no command was run")
def no_command(workdir: Path) -> None:
    assert not (workdir / "PWNED").exists()


def _replace_source(workdir: Path) -> Path:
    path = workdir / "sources" / SOURCE
    path.unlink()
    return path


@given("the Beijing source text is a link to a private file outside the project")
def source_link_out(workdir: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    private = tmp_path_factory.mktemp("home") / "diary.txt"
    text = (workdir / "sources" / SOURCE).read_text(encoding="utf-8")
    private.write_text(text + "A private note: the parties will meet my cousin.\n")
    _replace_source(workdir).symlink_to(private)


@given("the Beijing source text is a named pipe")
def source_fifo(workdir: Path) -> None:
    os.mkfifo(_replace_source(workdir))


@given(parsers.parse('a named pipe "{name}" in the project folder'))
def fifo(workdir: Path, name: str) -> None:
    os.mkfifo(workdir / name)


@then(parsers.parse('"{name}" is still a named pipe'))
def still_fifo(workdir: Path, name: str) -> None:
    assert stat.S_ISFIFO(os.lstat(workdir / name).st_mode)


@given(parsers.parse('"{name}" is a link to the project\'s commitments.yaml'))
def planted_link(workdir: Path, name: str) -> None:
    link = workdir / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(os.path.relpath(workdir / "commitments.yaml", link.parent))


@then(parsers.parse('"{name}" is the status report, no longer a link'))
def report_in_place(workdir: Path, name: str) -> None:
    path = workdir / name
    assert not path.is_symlink()
    assert "Last successful check" in path.read_text(encoding="utf-8")


@then(parsers.parse('"{name}" is the page of the commitment, no longer a link'))
def page_in_place(workdir: Path, name: str) -> None:
    path = workdir / name
    assert not path.is_symlink()
    assert "The words of the document" in path.read_text(encoding="utf-8")
