"""Content hashes remembered across syncs (db/sync_plan.ContentHashes): a sync that uses them
writes exactly what a sync that computes every hash writes, and a remembered hash is used only
for the very content it was computed from, by the same tool."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import ROOT, YOUTH_PROGRAMME, edit
from dbbackend import table_rows
from sco_tracker.cache import tool_stamp
from sco_tracker.db.store import open_store
from sco_tracker.db.sync import SyncResult, sync_project
from sco_tracker.db.sync_plan import HASHES_FILE, content_hash, quick_digest
from sco_tracker.spec.project import load_project

YOUTH = "qingdao-youth-action-programme"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _sync(folder: Path, minute: int = 0) -> SyncResult:
    project = load_project(folder / "commitments.yaml")
    store = open_store(_url(folder))
    try:
        return sync_project(store, project, "commitments.yaml", now=NOW.replace(minute=minute))
    finally:
        store.close()


def _url(folder: Path) -> str:
    return "sqlite:///" + str(folder / "sco-tracker.db")


def _memo(folder: Path) -> Path:
    return folder / ".sco-tracker-cache" / HASHES_FILE


def _set_status(folder: Path, old: str, new: str) -> None:
    edit(
        folder / "commitments.yaml",
        f"    status: {old}\n    notes: No verified",
        f"    status: {new}\n    notes: No verified",
    )


def _touch_a_comment(folder: Path) -> None:
    """The file changes, no commitment does: sync has to compare every commitment."""
    path = folder / "commitments.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# read again\n", encoding="utf-8")


@pytest.fixture
def remembering(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCO_TRACKER_NO_CACHE", raising=False)


def test_syncs_with_remembered_hashes_write_what_syncs_without_them_write(
    project_dir: Path, tmp_path: Path, remembering: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert YOUTH_PROGRAMME.startswith("    status: planned")
    plain = tmp_path / "without"
    plain.mkdir()
    shutil.copy(project_dir / "commitments.yaml", plain / "commitments.yaml")
    shutil.copytree(project_dir / "sources", plain / "sources")
    steps = [("planned", "in_progress"), ("in_progress", "fulfilled"), ("fulfilled", "planned")]
    for folder, off in ((project_dir, False), (plain, True)):
        if off:
            monkeypatch.setenv("SCO_TRACKER_NO_CACHE", "1")
        assert len(_sync(folder).added) == 25
        for minute, (old, new) in enumerate(steps, start=1):
            _set_status(folder, old, new)
            result = _sync(folder, minute)
            assert (result.changed, result.history_entries) == ([YOUTH], 1)
        _touch_a_comment(folder)
        assert not _sync(folder, 9).wrote
    assert _memo(project_dir).exists()
    assert not _memo(plain).exists()
    assert table_rows(_url(project_dir)) == table_rows(_url(plain))
    # every remembered hash is the one computed the long way
    remembered = json.loads(_memo(project_dir).read_text(encoding="utf-8"))["hashes"]
    project = load_project(project_dir / "commitments.yaml")
    assert {c.id: [quick_digest(c), content_hash(c)] for c in project.commitments} == remembered


def _forge(folder: Path, *, stamp: str, digests: bool) -> None:
    """Remembered hashes that are all wrong, with the true digests or not."""
    project = load_project(folder / "commitments.yaml")
    hashes = {
        c.id: [quick_digest(c) if digests else "0" * 64, "f" * 64] for c in project.commitments
    }
    _memo(folder).write_text(json.dumps({"tool": stamp, "hashes": hashes}), encoding="utf-8")


def test_a_remembered_hash_is_used_for_the_same_content_by_the_same_tool(
    project_dir: Path, remembering: None
) -> None:
    _sync(project_dir)
    _forge(project_dir, stamp=tool_stamp(), digests=True)
    _touch_a_comment(project_dir)
    # shows that the remembered hashes are read: these wrong ones make every commitment changed
    assert len(_sync(project_dir, 1).changed) == 25


@pytest.mark.parametrize(
    "forgery",
    ["another tool", "other content", "damaged", "not a mapping"],
)
def test_a_remembered_hash_is_not_used_otherwise(
    project_dir: Path, remembering: None, forgery: str
) -> None:
    _sync(project_dir)
    if forgery == "another tool":
        _forge(project_dir, stamp="0" * 64, digests=True)
    elif forgery == "other content":
        _forge(project_dir, stamp=tool_stamp(), digests=False)
    elif forgery == "damaged":
        _memo(project_dir).write_text('{"tool": "', encoding="utf-8")
    else:
        _memo(project_dir).write_text(json.dumps({"tool": tool_stamp(), "hashes": [1]}))
    _touch_a_comment(project_dir)
    assert not _sync(project_dir, 1).wrote  # every hash computed again: nothing changed
    # and a commitment that did change is found changed
    _set_status(project_dir, "planned", "in_progress")
    assert _sync(project_dir, 2).changed == [YOUTH]


@pytest.mark.parametrize("file", ["commitments.yaml", "tests/data/beijing/commitments.yaml"])
def test_the_quick_digest_covers_what_the_content_hash_covers(file: str) -> None:
    # Why a remembered hash may be trusted: pydantic's JSON dump, read back, is the dump the
    # content hash is computed from, so the same JSON dump means the same content hash.
    project = load_project(ROOT / file)
    for c in project.commitments:
        assert json.loads(c.model_dump_json()) == c.model_dump(mode="json")
