"""Drafts (`draft: true`) stay out of the database until the analyst accepts them
(db/sync_plan.py); the drafts an earlier version synced are taken out by migration 0008.

The drafts are the SCO Secretariat's press release on the Bishkek meeting of the Council of
Ministers of Foreign Affairs (tests/intake_docs.py), drafted with --write as a real analyst does.
Every test runs on the backend chosen by SCO_TRACKER_TEST_DB (tests/dbbackend.py).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert

from conftest import edit
from dbbackend import execute, table_rows
from intake_docs import BISHKEK_PRESS
from test_database import count, ok

SOURCE = "cfm-press-2019"
PRESS_FILE = f"commitments/{SOURCE}.yaml"
MEETING = "hold-next-meeting-council-russian-federation"
RATS = "call-sco-regional-anti-terrorist-structure"
REPORT = "instruct-sco-secretariat-prepare-report-work"
DRAFTS = {MEETING, RATS, REPORT}
CONTACT_GROUP = "afghanistan-contact-group-beijing"


@pytest.fixture
def drafted(cli, project_dir: Path) -> Path:
    """The press release drafted with --write: 3 draft commitments in their own file."""
    (project_dir / "cfm.txt").write_text("\n".join(BISHKEK_PRESS) + "\n", encoding="utf-8")
    ok(cli("draft", "cfm.txt", "--source-id", SOURCE, "--date", "2019-06-14", "--write"))
    path = project_dir / PRESS_FILE
    for cid in DRAFTS:
        assert f"  - id: {cid}\n" in path.read_text(encoding="utf-8")
    return path


def accept(path: Path, cid: str) -> None:
    """What 'a' in review does: the entry loses its `draft: true`."""
    text_ = path.read_text(encoding="utf-8")
    start = text_.index(f"  - id: {cid}\n")
    at = text_.index("    draft: true\n", start)
    path.write_text(text_[:at] + text_[at + len("    draft: true\n") :], encoding="utf-8")


def remove(path: Path, cid: str) -> None:
    """The analyst deletes the draft's entry (its '# why:' comment stays: harmless)."""
    text_ = path.read_text(encoding="utf-8")
    start = text_.index(f"  - id: {cid}\n")
    end = text_.index("    draft: true\n", start) + len("    draft: true\n")
    path.write_text(text_[:start] + text_[end:], encoding="utf-8")


def stored_ids(db_url: str) -> set[str]:
    return {row[0] for row in table_rows(db_url)["commitments"]}


def test_run_after_draft_write_adds_the_commitments_and_leaves_the_drafts_out(cli, db_url, drafted):
    out = ok(cli("run", "--as-of", "2019-06-20")).stdout
    assert "Synced commitments.yaml: 25 added; 25 status history entries recorded." in out
    assert "(check run 1, no earlier check to compare with): 25 commitments" in out
    assert count(db_url, "SELECT count(*) FROM commitments") == 25
    assert not stored_ids(db_url) & DRAFTS
    assert count(db_url, "SELECT count(*) FROM status_history") == 25
    again = ok(cli("sync")).stdout
    assert "No changes: the database already matches commitments.yaml (25 commitments)." in again


def test_an_accepted_draft_is_added_with_its_history(cli, db_url, drafted):
    ok(cli("sync"))
    accept(drafted, MEETING)
    out = ok(cli("sync")).stdout
    assert "Synced commitments.yaml: 1 added; 1 status history entry recorded." in out
    assert stored_ids(db_url) & DRAFTS == {MEETING}
    detail = json.loads(ok(cli("status", MEETING, "--json")).stdout)["commitment"]
    assert detail["archived"] is False
    assert [(h["event"], h["status"]) for h in detail["history"]] == [("status", "planned")]


def test_a_draft_taken_out_of_the_file_was_never_in_the_database(cli, db_url, drafted):
    ok(cli("sync"))
    before = table_rows(db_url)
    remove(drafted, RATS)
    out = ok(cli("sync")).stdout
    assert "No changes: the database already matches commitments.yaml (25 commitments)." in out
    assert "archived" not in out
    assert table_rows(db_url) == before


def test_the_status_of_a_draft_says_it_is_a_draft_to_review(cli, drafted):
    result = cli("status", MEETING)
    assert result.exit_code == 2, result.output
    assert (
        f"'{MEETING}' is a draft in {PRESS_FILE}, not a commitment yet: review it "
        "('sco-tracker review'); once accepted, it is tracked" in result.stderr
    )
    assert "did not exist yet" not in result.output and "Traceback" not in result.output


def test_a_commitment_marked_as_a_draft_again_is_archived_then_restored(cli, db_url, project_dir):
    ok(cli("sync"))
    path = project_dir / "commitments.yaml"
    edit(path, f"  - id: {CONTACT_GROUP}\n", f"  - id: {CONTACT_GROUP}\n    draft: true\n")
    out = ok(cli("sync")).stdout
    assert "Synced commitments.yaml: 1 archived; 1 status history entry recorded." in out
    shown = ok(cli("status", CONTACT_GROUP)).stdout
    assert "ARCHIVED: marked as a draft again in commitments.yaml (archived " in shown
    edit(path, f"  - id: {CONTACT_GROUP}\n    draft: true\n", f"  - id: {CONTACT_GROUP}\n")
    assert "Synced commitments.yaml: 1 restored" in ok(cli("sync")).stdout
    detail = json.loads(ok(cli("status", CONTACT_GROUP, "--json")).stdout)["commitment"]
    assert [(h["event"], h["note"]) for h in detail["history"]][1:] == [
        ("archived", "marked as a draft again in commitments.yaml"),
        ("restored", "back in commitments.yaml"),
    ]


# --- a database an earlier version filled with drafts ------------------------------------------


def as_the_earlier_version_synced(db_url: str, project_dir: Path, checked: bool = True) -> None:
    """Write the drafts as sco-tracker before revision 0008 did: each a commitment row with its
    status history; the Contact Group report excluded in review since, so archived; with
    `checked`, the call on the RATS once checked as a commitment (a finding names it). Then mark
    the database 0007."""
    from sco_tracker.db.history import UNDATED_NOTE
    from sco_tracker.db.store import CommitmentRow, FindingRow, StatusHistoryRow, table_of
    from sco_tracker.db.sync_plan import content_hash
    from sco_tracker.spec.project import load_project

    project = load_project(project_dir / "commitments.yaml")
    seen = datetime(2019, 6, 20, 9, 0, tzinfo=UTC)
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            for cid in sorted(DRAFTS):
                c = project.commitment(cid)
                assert c is not None and c.draft
                archived = cid == REPORT
                conn.execute(
                    insert(table_of(CommitmentRow)).values(
                        id=cid,
                        data=c.model_dump(mode="json"),
                        content_hash=content_hash(c),
                        status="planned",
                        first_seen=seen,
                        changed_at=seen,
                        archived_at=seen if archived else None,
                        file=PRESS_FILE,
                    )
                )
                events = [("status", UNDATED_NOTE)]
                if archived:
                    events.append(("archived", f"removed from {PRESS_FILE}"))
                for event, note in events:
                    conn.execute(
                        insert(table_of(StatusHistoryRow)).values(
                            commitment_id=cid,
                            event=event,
                            status="planned",
                            observed_at=seen,
                            note=note,
                            sync_run_id=1,
                        )
                    )
            if checked:
                conn.execute(
                    insert(table_of(FindingRow)).values(
                        check_run_id=1,
                        commitment_id=RATS,
                        kind="stale",
                        message="no update for 400 days",
                        days=400,
                        state="new",
                    )
                )
    finally:
        engine.dispose()
    execute(db_url, "UPDATE alembic_version SET version_num = '0007'")


def test_upgrading_takes_out_the_drafts_an_earlier_version_synced(
    cli, db_url, drafted, project_dir
):
    ok(cli("run", "--as-of", "2019-06-20"))  # the 25 commitments, a check run
    as_the_earlier_version_synced(db_url, project_dir)
    refused = cli("sync")
    assert refused.exit_code == 2 and "sco-tracker db upgrade" in refused.stderr

    assert "to revision 0008" in ok(cli("db", "upgrade")).stdout
    # Only ever drafts: gone, with their history. The one once checked stays, for now.
    assert stored_ids(db_url) & DRAFTS == {RATS}
    assert count(db_url, "SELECT count(*) FROM status_history") == 25 + 1
    assert (
        count(db_url, f"SELECT count(*) FROM status_history WHERE commitment_id = '{REPORT}'") == 0
    )

    out = ok(cli("sync")).stdout  # the file has not changed: nothing about the drafts removed
    assert "Synced commitments.yaml: 1 archived; 1 status history entry recorded." in out
    shown = ok(cli("status", RATS)).stdout
    assert f"ARCHIVED: marked as a draft again in {PRESS_FILE} (archived " in shown
    assert "No changes: the database already matches commitments.yaml (25 commitments)." in (
        ok(cli("sync")).stdout
    )

    accept(drafted, MEETING)
    accept(drafted, REPORT)
    out = ok(cli("sync")).stdout
    assert "Synced commitments.yaml: 2 added; 2 status history entries recorded." in out
    detail = json.loads(ok(cli("status", REPORT, "--json")).stdout)["commitment"]
    assert detail["archived"] is False
    assert [h["event"] for h in detail["history"]] == ["status"]


def test_upgrading_a_database_without_drafts_changes_no_row(cli, db_url, project_dir):
    ok(cli("run", "--as-of", "2018-06-15"))
    execute(db_url, "UPDATE alembic_version SET version_num = '0007'")
    before = table_rows(db_url)
    assert "to revision 0008" in ok(cli("db", "upgrade")).stdout
    after = table_rows(db_url)
    assert after.pop("alembic_version") == [("0008",)]
    before.pop("alembic_version")
    assert after == before
    assert "No changes" in ok(cli("sync")).stdout
