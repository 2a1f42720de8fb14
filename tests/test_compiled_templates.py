"""The built-in templates' compiled code is kept beside the package's code and read back by the
next process; a user's templates are compiled every time and never written down
(report/compiled.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest

import sco_tracker.report
from sco_tracker.report.compiled import BuiltinBytecodeCache
from sco_tracker.report.render import environment
from sco_tracker.report.sandbox import Sandbox


class Counting(Sandbox):
    """The sandbox, counting the templates it compiles from their text."""

    compiled: list[str | None]

    def compile(self, source: Any, name: str | None = None, *args: Any, **kw: Any) -> Any:
        self.compiled.append(name)
        return super().compile(source, name, *args, **kw)


@pytest.fixture(autouse=True)
def bytecode_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a user's machine: Python writes its .pyc (the tests' environment may say not to)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A package folder with a built-in template, and a user's folder beside it."""
    (tmp_path / "pkg" / "templates").mkdir(parents=True)
    (tmp_path / "pkg" / "templates" / "page.html.j2").write_text("<p>{{ name }}</p>")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "own.html.j2").write_text("<b>{{ name }}</b>")
    return tmp_path


def _env(root: Path, settings: str = "test") -> Counting:
    env = Counting(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(root / "mine"),
                jinja2.FileSystemLoader(root / "pkg/templates"),
            ]
        ),
        autoescape=True,
        bytecode_cache=BuiltinBytecodeCache(root / "pkg" / "templates", settings),
    )
    env.compiled = []
    return env


def _kept(root: Path) -> list[str]:
    folder = root / "pkg" / "__pycache__"
    return sorted(os.listdir(folder)) if folder.exists() else []


def test_a_built_in_template_is_compiled_once_and_read_back(package: Path) -> None:
    first = _env(package)
    assert first.get_template("page.html.j2").render(name="Qingdao") == "<p>Qingdao</p>"
    assert first.compiled == ["page.html.j2"]
    assert len(_kept(package)) == 1
    assert not (package / "pkg" / "templates" / "__pycache__").exists()  # not listed as one

    second = _env(package)  # the next process
    assert second.get_template("page.html.j2").render(name="Bishkek") == "<p>Bishkek</p>"
    assert second.compiled == []


def test_a_users_template_is_compiled_every_time_and_never_kept(package: Path) -> None:
    for _ in range(2):
        env = _env(package)
        assert env.get_template("own.html.j2").render(name="<i>") == "<b>&lt;i&gt;</b>"
        assert env.compiled == ["own.html.j2"]
    assert _kept(package) == []


def test_a_users_template_of_a_built_in_name_is_not_given_the_built_in_code(
    package: Path,
) -> None:
    _env(package).get_template("page.html.j2")
    (package / "mine" / "page.html.j2").write_text("<em>{{ name }}</em>")
    env = _env(package)
    assert env.get_template("page.html.j2").render(name="SCO") == "<em>SCO</em>"
    assert env.compiled == ["page.html.j2"]


def test_a_changed_template_or_other_settings_are_compiled_again(package: Path) -> None:
    _env(package).get_template("page.html.j2")
    (package / "pkg" / "templates" / "page.html.j2").write_text("<p>{{ name }}!</p>")
    env = _env(package)
    assert env.get_template("page.html.j2").render(name="Astana") == "<p>Astana!</p>"
    assert env.compiled == ["page.html.j2"]

    other = _env(package, settings="other delimiters")
    other.get_template("page.html.j2")
    assert other.compiled == ["page.html.j2"]


def test_a_damaged_entry_is_compiled_again(package: Path) -> None:
    _env(package).get_template("page.html.j2")
    (entry,) = _kept(package)
    path = package / "pkg" / "__pycache__" / entry
    path.write_bytes(path.read_bytes()[:40])
    env = _env(package)
    assert env.get_template("page.html.j2").render(name="Dushanbe") == "<p>Dushanbe</p>"
    assert env.compiled == ["page.html.j2"]


def test_a_cache_folder_that_cannot_be_made_means_compiling_in_each_process(
    package: Path,
) -> None:
    (package / "pkg" / "__pycache__").write_text("a file where the folder would be")
    for _ in range(2):
        env = _env(package)
        assert env.get_template("page.html.j2").render(name="Tashkent") == "<p>Tashkent</p>"
        assert env.compiled == ["page.html.j2"]


def test_the_reports_environment_keeps_the_code_beside_the_report_package() -> None:
    cache = environment(None).bytecode_cache
    assert isinstance(cache, BuiltinBytecodeCache)
    here = Path(sco_tracker.report.__file__).resolve().parent
    assert Path(cache.directory) == here / "__pycache__"


@pytest.mark.parametrize(
    "spelling", ["/page.html.j2", "./page.html.j2", "page.html.j2/", "//./page.html.j2"]
)
def test_a_built_in_template_asked_for_by_another_spelling_is_not_kept(
    package: Path, spelling: str
) -> None:
    # Jinja's loaders read "./page.html.j2" or "page.html.j2/" from the same file, but the key of
    # its entry holds the name as asked: a user's template that includes a built-in one under
    # names like "/" * i ~ "page.html.j2" (validate lets it) would otherwise leave one entry per
    # spelling in the package's folder, every run, without end (a disk filled from a template).
    env = _env(package)
    assert env.get_template(spelling).render(name="Bishkek") == "<p>Bishkek</p>"
    assert _kept(package) == []
    env.get_template("page.html.j2")
    assert len(_kept(package)) == 1


def test_a_template_that_no_longer_is_a_built_in_one_is_never_written_down(
    package: Path,
) -> None:
    # A long-lived process (the scheduler keeps the environment between jobs): the user's
    # template was a link to the built-in one, then a `git pull` made it a file of the user's.
    mine = package / "mine" / "page.html.j2"
    mine.symlink_to(package / "pkg" / "templates" / "page.html.j2")
    env = _env(package)
    assert env.get_template("page.html.j2").render(name="SCO") == "<p>SCO</p>"
    mine.unlink()
    mine.write_text("<em>USER {{ name }}</em>")
    later = os.stat(mine).st_mtime + 10
    os.utime(mine, (later, later))
    assert env.get_template("page.html.j2").render(name="SCO") == "<em>USER SCO</em>"
    folder = package / "pkg" / "__pycache__"
    assert not [n for n in _kept(package) if b"USER" in (folder / n).read_bytes()]


def test_nothing_is_written_where_python_is_told_to_write_no_bytecode(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE=1, -B
    for _ in range(2):
        env = _env(package)
        assert env.get_template("page.html.j2").render(name="Minsk") == "<p>Minsk</p>"
        assert env.compiled == ["page.html.j2"]
    assert _kept(package) == []


@pytest.mark.parametrize(
    "name", ["index.html.j2", "index.html.j2/", "./index.html.j2", "/index.html.j2"]
)
def test_an_html_template_is_escaped_however_its_name_is_written(name: str) -> None:
    # the loaders read all four as the file index.html.j2: each is escaped as it is
    from sco_tracker.report.render import _render

    shown = _render(name, {"title": "<script>alert(1)</script>", "reports": []}, None)
    assert "<script>alert(1)</script>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
