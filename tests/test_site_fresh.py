"""The site built anew in a folder of its own on a new date (fileio.FreshFolder), and what it
must never do: remove what someone else put there, follow a link, or leave half a site."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import edit
from sco_tracker.fileio import cannot_write
from sco_tracker.folders import FreshFolder
from sco_tracker.problems import UserError
from sco_tracker.report.site import SITE_DIR
from site_helpers import DAY, site_template, write_site


def _pages(site: Path) -> dict[str, bytes]:
    """The pages of the site (not their keys, site.json), with their bytes."""
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != "site.json"
    }


def _leftovers(reports: Path) -> list[str]:
    return sorted(name for name in os.listdir(reports) if name.startswith(f".{SITE_DIR}."))


def test_a_new_date_builds_the_site_anew_and_keeps_the_unchanged_stylesheet(
    project_dir: Path,
) -> None:
    first = write_site(project_dir)
    reports = project_dir / "reports"
    site = reports / SITE_DIR
    folder_before = site.stat().st_ino
    css_before = (site / "site.css").stat().st_ino
    index_before = (site / "index.html").read_bytes()
    run = write_site(project_dir, DAY + timedelta(days=1))
    assert run.site is not None and first.site is not None
    assert site.stat().st_ino != folder_before  # a new folder, put in place whole
    # every page shows the date, so every page but the stylesheet was rendered again; the
    # stylesheet is the same file, linked into the new folder
    assert sorted(run.site.written) == sorted(p for p in first.site.written if p != "site.css")
    assert (site / "site.css").stat().st_ino == css_before
    assert (site / "index.html").read_bytes() != index_before
    assert set(_pages(site)) == set(first.site.written)
    assert _leftovers(reports) == []


def test_the_same_date_again_changes_pages_in_place(project_dir: Path) -> None:
    write_site(project_dir)
    site = project_dir / "reports" / SITE_DIR
    folder_before = site.stat().st_ino
    edit(
        project_dir / "commitments.yaml",
        "    title: Advocate consistent implementation of the Joint Comprehensive Plan of Action"
        " on Iran",
        "    title: Advocate the JCPOA, consistently implemented",
    )
    run = write_site(project_dir)
    assert run.site is not None and "c/iran-jcpoa.html" in run.site.written
    assert len(run.site.written) < run.site.pages
    assert site.stat().st_ino == folder_before
    assert "the JCPOA, consistently" in (site / "c" / "iran-jcpoa.html").read_text("utf-8")


def test_a_file_someone_put_in_the_site_folder_is_never_removed(project_dir: Path) -> None:
    write_site(project_dir)
    site = project_dir / "reports" / SITE_DIR
    note = site / "c" / "notes.txt"
    note.write_text("my own notes\n", encoding="utf-8")
    run = write_site(project_dir, DAY + timedelta(days=1))
    assert run.site is not None and len(run.site.written) == run.site.pages - 1
    assert note.read_text(encoding="utf-8") == "my own notes\n"
    assert 'datetime="2018-06-16"' in (site / "index.html").read_text(encoding="utf-8")


def test_a_site_folder_that_is_a_link_is_written_through_not_replaced(project_dir: Path) -> None:
    write_site(project_dir)
    reports = project_dir / "reports"
    elsewhere = project_dir / "published-site"
    (reports / SITE_DIR).rename(elsewhere)
    (reports / SITE_DIR).symlink_to(elsewhere)
    run = write_site(project_dir, DAY + timedelta(days=1))
    assert run.site is not None and run.site.written
    assert (reports / SITE_DIR).is_symlink()
    assert 'datetime="2018-06-16"' in (elsewhere / "index.html").read_text(encoding="utf-8")


def test_a_failed_build_leaves_the_old_site_as_it_was(project_dir: Path) -> None:
    write_site(project_dir)
    reports = project_dir / "reports"
    before = _pages(reports / SITE_DIR)
    site_template(project_dir, "commitment.html.j2", "{{ commitment.no_such_field }}\n")
    with pytest.raises(UserError):
        write_site(project_dir, DAY + timedelta(days=1))
    assert _pages(reports / SITE_DIR) == before
    assert _leftovers(reports) == []


def test_the_folders_of_a_killed_build_are_removed(project_dir: Path) -> None:
    reports = project_dir / "reports"
    dead = 2**22 + 1  # above Linux's highest possible pid (PID_MAX_LIMIT is 2**22)
    for name in (f".{SITE_DIR}.{dead}.abcd1234.tmp", f".{SITE_DIR}.{dead}.efgh5678.old.tmp"):
        (reports / name / "c").mkdir(parents=True)
        (reports / name / "c" / "x.html").write_text("half a site", encoding="utf-8")
    run = write_site(project_dir)
    assert run.site is not None and run.site.written
    assert _leftovers(reports) == []


def test_a_site_folder_deleted_by_hand_is_built_anew(project_dir: Path) -> None:
    first = write_site(project_dir)
    site = project_dir / "reports" / SITE_DIR
    shutil.rmtree(site)
    run = write_site(project_dir)
    assert run.site is not None and first.site is not None
    assert sorted(run.site.written) == sorted(first.site.written)
    assert set(_pages(site)) == set(first.site.written)


def test_the_keys_of_an_earlier_version_go_and_a_file_of_that_name_that_is_not_stays(
    project_dir: Path,
) -> None:
    reports = project_dir / "reports"
    reports.mkdir()
    (reports / "site.json").write_text('{"version": 1, "pages": {}}', encoding="utf-8")
    write_site(project_dir)
    assert not (reports / "site.json").exists()
    (reports / "site.json").write_text('{"my": "settings"}', encoding="utf-8")
    write_site(project_dir, DAY + timedelta(days=1))
    assert (reports / "site.json").read_text(encoding="utf-8") == '{"my": "settings"}'


def test_a_page_that_cannot_be_written_is_named_where_it_goes_not_in_the_private_folder(
    project_dir: Path,
) -> None:
    target = project_dir / "reports" / SITE_DIR
    fresh = FreshFolder(target)
    try:
        too_long = "c/" + "a" * 300 + ".html"  # longer than a file name may be (ENAMETOOLONG)
        with pytest.raises(OSError) as caught:
            fresh.write(too_long, b"<p>page</p>")
        assert caught.value.filename == os.path.join(target, too_long)
        message = str(cannot_write(target, caught.value, "the site in")).lower()
        assert ".tmp" not in message and "name too long" in message, message
    finally:
        fresh.discard()
    assert _leftovers(project_dir / "reports") == []
