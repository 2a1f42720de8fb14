"""Steps for features/status_history.feature (shared steps are in conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then

from conftest import YOUTH_PROGRAMME, edit, run_cli
from dbbackend import snapshot
from intake_docs import BISHKEK_PRESS

scenarios("status_history.feature")


@given("the database has been synced", target_fixture="db_before")
def synced(workdir: Path, db_url: str) -> Any:
    result = run_cli(["sync"], workdir)
    assert result.exit_code == 0, result.output
    return snapshot(db_url)


@given("the youth action programme is recorded as adopted at Qingdao on 10 June 2018")
def youth_adopted(workdir: Path) -> None:
    edit(
        workdir / "commitments.yaml",
        YOUTH_PROGRAMME,
        "    status: fulfilled\n    updates:\n      - date: 2018-06-10\n        status: fulfilled\n"
        "        note: Adopted at the Qingdao summit.\n        source: http://eng.sectsco.org/20180610/443942.html",
    )


@given("the Contact Group meeting is removed from commitments.yaml")
def remove_contact_group(workdir: Path) -> None:
    path = workdir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(
        "  - id: afghanistan-contact-group-beijing\n"
    )  # not the Moscow plan it restates
    end = text.index("  - id: next-secretaries-meeting-kyrgyzstan")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


@given("the Contact Group meeting is due on 30 February 2018")
def impossible_due(workdir: Path) -> None:
    edit(workdir / "commitments.yaml", "due: 2018-05\n", "due: 2018-02-30\n")


@given(
    "the SCO Secretariat's press release on the Bishkek meeting of the Council of Ministers of"
    " Foreign Affairs, drafted with --write and synced by an earlier sco-tracker, which also"
    " counted its drafts as commitments"
)
def drafts_synced_by_an_earlier_version(workdir: Path, db_url: str) -> None:
    from test_sync_drafts import SOURCE, as_the_earlier_version_synced

    (workdir / "cfm.txt").write_text("\n".join(BISHKEK_PRESS) + "\n", encoding="utf-8")
    for args in (
        ["draft", "cfm.txt", "--source-id", SOURCE, "--date", "2019-06-14", "--write"],
        ["run", "--as-of", "2019-06-20"],
    ):
        result = run_cli(args, workdir)
        assert result.exit_code == 0, result.output
    as_the_earlier_version_synced(db_url, workdir, checked=False)


@then(parsers.parse('the history of "{cid}" is "{expected}"'))
def history_is(workdir: Path, cid: str, expected: str) -> None:
    result = run_cli(["status", cid, "--json"], workdir)
    assert result.exit_code == 0, result.output
    parts = []
    for h in json.loads(result.stdout)["commitment"]["history"]:
        label = h["status"] if h["event"] == "status" else h["event"]
        parts.append(f"{label} on {h['effective_date']}" if h["effective_date"] else label)
    assert ", ".join(parts) == expected


@then("the database is unchanged")
def unchanged(db_before: Any, db_url: str) -> None:
    assert snapshot(db_url) == db_before
