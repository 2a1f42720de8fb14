"""Attacks on the site built anew (fileio.FreshFolder, report/site_write.py): each test is a
defect found in review; the one-line docstring says what went wrong."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import edit
from pause_helpers import Held
from sco_tracker.problems import InvalidFile
from sco_tracker.report import render
from sco_tracker.report.site import SITE_DIR, _material
from sco_tracker.spec.project import load_project
from site_helpers import DAY, write_site

NEXT = DAY + timedelta(days=1)


def _shown_date(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text.split('datetime="', 1)[1][:10]


def test_a_users_page_like_file_in_the_site_survives_a_new_date(project_dir: Path) -> None:
    """A user's c/my-notes.html or index.css (names of the pages' form, never written by the
    site) was deleted with the old site: _only_ours checked the form of a name, not site.json."""
    write_site(project_dir)
    site = project_dir / "reports" / SITE_DIR
    (site / "c" / "my-notes.html").write_text("my notes\n", encoding="utf-8")
    (site / "index.css").write_text("body { color: teal }\n", encoding="utf-8")
    write_site(project_dir, NEXT)
    assert (site / "c" / "my-notes.html").read_text(encoding="utf-8") == "my notes\n"
    assert (site / "index.css").read_text(encoding="utf-8") == "body { color: teal }\n"
    assert _shown_date(site / "index.html") == NEXT.isoformat()


def test_a_users_own_site_folder_is_not_wiped_by_the_first_run(project_dir: Path) -> None:
    """With no site.json yet, a reports/site/ the user made (only page-like names) was removed
    whole by the first run."""
    site = project_dir / "reports" / SITE_DIR
    (site / "theme").mkdir(parents=True)
    (site / "theme" / "my-summary.html").write_text("<p>mine</p>\n", encoding="utf-8")
    write_site(project_dir)
    assert (site / "theme" / "my-summary.html").read_text(encoding="utf-8") == "<p>mine</p>\n"


def test_an_empty_folder_the_user_made_in_the_site_survives(project_dir: Path) -> None:
    """An empty folder reports/site/drafts/ was removed with the old site."""
    write_site(project_dir)
    drafts = project_dir / "reports" / SITE_DIR / "drafts"
    drafts.mkdir()
    write_site(project_dir, NEXT)
    assert drafts.is_dir()


def _other_gid() -> int:
    """A group other than the process's that the site can be given (any, for root)."""
    gids = sorted(g for g in (os.getgroups() if os.geteuid() else [33]) if g != os.getegid())
    if not gids:
        pytest.skip("this user belongs to no other group to give the site to")
    return gids[0]


def test_the_site_keeps_its_group_and_its_folders_and_pages_their_modes(
    project_dir: Path,
) -> None:
    """The new site got the process's group (a web server's group lost access to a published
    site) and umask modes for c/ and the pages (a private c/ 0700 became 0755)."""
    write_site(project_dir)
    site = project_dir / "reports" / SITE_DIR
    gid = _other_gid()
    try:
        for p in [site, *site.rglob("*")]:
            os.chown(p, -1, gid)
    except PermissionError:
        pytest.skip("this user may not give the site to another group")
    os.chmod(site, 0o2750)
    os.chmod(site / "c", 0o700)
    os.chmod(site / "c" / "iran-jcpoa.html", 0o640)
    write_site(project_dir, NEXT)
    assert _shown_date(site / "index.html") == NEXT.isoformat()
    assert site.stat().st_gid == gid
    assert (site / "c").stat().st_gid == gid
    assert stat.S_IMODE((site / "c").stat().st_mode) == 0o700
    assert stat.S_IMODE((site / "c" / "iran-jcpoa.html").stat().st_mode) == 0o640
    assert (site / "c" / "iran-jcpoa.html").stat().st_gid == gid


def test_a_page_that_is_a_link_is_replaced_not_written_through(project_dir: Path) -> None:
    """reports/site/c/iran-jcpoa.html -> ../../../commitments.yaml (a link anyone can commit
    to git) made the run overwrite commitments.yaml with the page (with a user's templates:
    any text, e.g. a .git/config whose core.fsmonitor runs a command: code execution)."""
    before = (project_dir / "commitments.yaml").read_bytes()
    page = project_dir / "reports" / SITE_DIR / "c" / "iran-jcpoa.html"
    page.parent.mkdir(parents=True)
    page.symlink_to(Path("..", "..", "..", "commitments.yaml"))
    write_site(project_dir)
    assert (project_dir / "commitments.yaml").read_bytes() == before
    assert not page.is_symlink()
    assert "<html" in page.read_text(encoding="utf-8")


def test_a_paragraph_number_beyond_64_bits_is_refused_by_validate(project_dir: Path) -> None:
    """validate accepted paragraph: 10**23 (a source with no local text), and the site's keys,
    made with orjson, crashed with 'TypeError: Integer exceeds 64-bit range'. Validation now
    bounds it, and the keys fall back to the standard library for any such number."""
    edit(
        project_dir / "commitments.yaml",
        "    source: moscow-2017-10-11\n    quote: in early 2018\n",
        "    source: moscow-2017-10-11\n    paragraph: 100000000000000000000000\n"
        "    quote: in early 2018\n",
    )
    with pytest.raises(InvalidFile) as refused:
        load_project(project_dir / "commitments.yaml")
    assert [p.message.split(" (a line")[0] for p in refused.value.problems] == [
        "'paragraph' must be at most 1,000,000"
    ]
    assert _material({"n": 10**23}) == b'{"n":100000000000000000000000}'


def test_a_crash_between_the_site_and_the_reports_leaves_no_site_of_another_date(
    project_dir: Path, tmp_path: Path
) -> None:
    """Killed after the new site was put in place but before site.json was (the window the
    code calls harmless), a run of the earlier date kept every page of the later one: the
    keys in site.json were the earlier date's and the pages' sizes the same."""
    write_site(project_dir)
    held = Held(["report", "--as-of", NEXT.isoformat()], project_dir, "commit", tmp_path / "hold")
    held.kill()
    write_site(project_dir)
    site = project_dir / "reports" / SITE_DIR
    assert _shown_date(site / "index.html") == DAY.isoformat()
    assert _shown_date(site / "c" / "iran-jcpoa.html") == DAY.isoformat()


def test_a_site_folder_that_is_a_mount_point_is_written_in_place(project_dir: Path) -> None:
    """A volume mounted at reports/site (a web root, a container volume) cannot be renamed:
    every run on a new date failed with 'Device or resource busy', no report written."""
    site = project_dir / "reports" / SITE_DIR
    site.mkdir(parents=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(site)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting needs privileges this user does not have")
    try:
        write_site(project_dir)
        run = write_site(project_dir, NEXT)
        assert run.site is not None
        assert _shown_date(site / "index.html") == NEXT.isoformat()
        assert os.path.ismount(site)
    finally:
        subprocess.run(["umount", str(site)], check=True)
    assert sorted(n for n in os.listdir(site.parent) if n.startswith(".site.")) == []


def test_a_users_folder_named_like_a_killed_build_is_kept(project_dir: Path) -> None:
    """reports/.site.20240101.old.tmp (a user's dated backup) matched the stale-folder pattern
    (no pid is 20240101, so 'dead') and was removed with everything in it."""
    backup = project_dir / "reports" / ".site.20240101.old.tmp"
    backup.mkdir(parents=True)
    (backup / "notes.txt").write_text("my backup\n", encoding="utf-8")
    write_site(project_dir)
    assert (backup / "notes.txt").read_text(encoding="utf-8") == "my backup\n"


def test_a_file_put_in_the_site_while_it_is_built_survives(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """_only_ours is checked before the pages are rendered (seconds for 10,000 pages); a file
    saved into reports/site meanwhile was removed with the old site at the swap."""
    write_site(project_dir)
    site = project_dir / "reports" / SITE_DIR
    real_pages = render.site_pages

    def pages_while_someone_saves(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for n, page in enumerate(real_pages(*args, **kwargs)):
            if n == 1:  # the build has started: the user saves a file into the site
                (site / "c" / "late-notes.txt").write_text("saved meanwhile\n", "utf-8")
            yield page

    monkeypatch.setattr(render, "site_pages", pages_while_someone_saves)
    write_site(project_dir, NEXT)
    assert _shown_date(site / "index.html") == NEXT.isoformat()
    assert (site / "c" / "late-notes.txt").read_text("utf-8") == "saved meanwhile\n"


# --- Attacks on the carrying FreshFolder (folders.py, 659275a) ---------------------------------

#: Root without the capabilities that let it ignore permissions: as a plain user would run.
_PLAIN = ["--bounding-set=-dac_override,-dac_read_search,-fowner"]
_PLAIN += ["--inh-caps=-dac_override,-dac_read_search,-fowner"]


def _report_as_a_plain_user(project: Path, day: date) -> subprocess.CompletedProcess[str]:
    """sco-tracker report, with permissions enforced (root runs it through setpriv)."""
    args = [sys.executable, "-m", "sco_tracker", "report", "--as-of", day.isoformat()]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "util-linux's setpriv is needed to drop root's permission override"
        args = [setpriv, *_PLAIN, *args]
    return subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=300)


def test_a_read_only_folder_of_the_users_in_the_site_does_not_stop_the_reports(
    project_dir: Path,
) -> None:
    """_carry copies a folder's permissions (copystat) onto the new one before linking its
    files into it: a read-only reports/site/archive/ made every run on a new date fail
    ('Permission denied'), no report written at all."""
    assert _report_as_a_plain_user(project_dir, DAY).returncode == 0
    archive = project_dir / "reports" / SITE_DIR / "archive"
    archive.mkdir()
    (archive / "2017.html").write_text("<p>last year</p>\n", encoding="utf-8")
    archive.chmod(0o555)
    try:
        done = _report_as_a_plain_user(project_dir, NEXT)
        assert done.returncode == 0, done.stdout + done.stderr
        site = project_dir / "reports" / SITE_DIR
        assert _shown_date(site / "index.html") == NEXT.isoformat()
        assert (site / "archive" / "2017.html").read_text("utf-8") == "<p>last year</p>\n"
    finally:
        for folder in (project_dir / "reports").rglob("archive"):
            folder.chmod(0o755)


def test_another_users_private_file_in_a_shared_site_does_not_stop_the_reports(
    project_dir: Path,
) -> None:
    """In a shared reports_dir, a colleague's file of mode 0600 in the site can be neither
    hard-linked (fs.protected_hardlinks) nor copied: every run on a new date failed,
    'Permission denied (reports/site/bob-draft.txt)'."""
    if os.geteuid() != 0:
        pytest.skip("a file of another user can only be made by root")
    assert _report_as_a_plain_user(project_dir, DAY).returncode == 0
    draft = project_dir / "reports" / SITE_DIR / "bob-draft.txt"
    draft.write_text("bob's draft\n", encoding="utf-8")
    os.chown(draft, 65534, -1)
    draft.chmod(0o600)
    done = _report_as_a_plain_user(project_dir, NEXT)
    assert done.returncode == 0, done.stdout + done.stderr
    site = project_dir / "reports" / SITE_DIR
    assert _shown_date(site / "index.html") == NEXT.isoformat()
    assert draft.read_text("utf-8") == "bob's draft\n" and draft.stat().st_uid == 65534


def test_a_volume_mounted_inside_the_site_is_left_alone(project_dir: Path) -> None:
    """A volume mounted at reports/site/media was copied into the new site, then emptied by
    rmtree of the old one (rmtree crosses mount points), the mount left hanging in
    reports/.site.PID.XXXXXXXX.old.tmp/media."""
    write_site(project_dir)
    media = project_dir / "reports" / SITE_DIR / "media"
    media.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(media)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting needs privileges this user does not have")
    try:
        (media / "photo.jpg").write_bytes(b"a photo")
        write_site(project_dir, NEXT)
        assert _shown_date(project_dir / "reports" / SITE_DIR / "index.html") == NEXT.isoformat()
        assert os.path.ismount(media)
        assert (media / "photo.jpg").read_bytes() == b"a photo"
    finally:
        for line in Path("/proc/mounts").read_text().splitlines():
            point = line.split()[1]
            if point.startswith(str(project_dir)):
                subprocess.run(["umount", point], check=False)


def test_a_crash_between_the_two_renames_keeps_the_users_files(project_dir: Path) -> None:
    """Killed between the renames (the old site moved aside, the new one not yet in place), the
    user's files exist only in the two folders of the killed run: the next run removed both
    as stale (_remove_stale_folders) instead of putting the old site back."""
    write_site(project_dir)
    reports = project_dir / "reports"
    site = reports / SITE_DIR
    (site / "c" / "notes.txt").write_text("my notes\n", encoding="utf-8")
    dead = 2**22 + 1  # above Linux's highest possible pid
    # the state the killed run left: the old site aside, the new one (the notes carried into
    # it by a hard link) not yet renamed
    new = reports / f".{SITE_DIR}.{dead}.abcd1234.tmp"
    shutil.copytree(site, new, copy_function=os.link)
    site.rename(reports / f".{SITE_DIR}.{dead}.efgh5678.old.tmp")
    write_site(project_dir, NEXT)
    assert (site / "c" / "notes.txt").read_text(encoding="utf-8") == "my notes\n"
