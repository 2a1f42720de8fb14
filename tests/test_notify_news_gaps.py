"""What a new user following the README met: a status change dated in the past but written
after the last check never reached the news; a dry run without channels was a usage error;
unreviewed drafts were counted as commitments. sco-tracker runs as real processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Result
from dbbackend import execute
from notify_servers import DESK, configure, notify_settings

UPDATE = (
    "update",
    "qingdao-youth-action-programme",
    "--status",
    "fulfilled",
    "--date",
    "2018-06-10",
    "--note",
    "Adopted at the Qingdao summit",
    "--source",
    "https://example.org/x",
)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output, result.output
    return result


def news(cli, *args: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    data = json.loads(ok(cli("notify", "--dry-run", "--json", *args)).stdout)
    return [item for plan in data["planned"] for item in plan["items"]]


def changes(items: list[dict[str, object]]) -> list[dict[str, object]]:
    return [i for i in items if i["what"] == "status_changed"]


@pytest.mark.parametrize("as_of", [None, "2018-06-15"])
def test_an_update_dated_in_the_past_and_written_after_the_run_is_news_once(
    cli, project_dir, smtp, as_of
):
    configure(project_dir, notify_settings(smtp.port, None))
    day = ("--as-of", as_of) if as_of else ()
    ok(cli("run"))  # today's check, its news sent
    sent = len(smtp.recorder.to(DESK))
    ok(cli(*UPDATE))
    ok(cli("check", *day))
    found = changes(news(cli, *day))
    assert [(c["commitment"], c["message"]) for c in found] == [
        ("qingdao-youth-action-programme", "status planned → fulfilled on 10 June 2018")
    ]
    ok(cli("notify", *day))
    mails = smtp.recorder.to(DESK)
    assert len(mails) == sent + 1
    body = str(mails[-1].message.get_body(preferencelist=("plain",)).get_content())  # type: ignore[attr-defined]
    assert "status planned → fulfilled on 10 June 2018" in body
    assert "Adopted at the Qingdao summit" in body
    # Once: the next check and notify do not bring it again.
    ok(cli("check", *day))
    assert changes(news(cli, *day)) == []
    ok(cli("notify", *day))
    assert len(smtp.recorder.to(DESK)) == sent + 1


def test_an_update_dated_after_the_check_date_is_not_yet_news(cli, project_dir, smtp):
    configure(project_dir, notify_settings(smtp.port, None))
    ok(cli("run"))
    ok(cli(*UPDATE))
    ok(cli("check", "--as-of", "2018-06-05"))
    assert changes(news(cli, "--as-of", "2018-06-05")) == []


def test_a_dry_run_without_channels_says_nothing_would_be_sent(cli):
    ok(cli("check", "--as-of", "2018-06-15"))
    out = ok(cli("notify", "--dry-run", "--as-of", "2018-06-15")).stdout
    assert "No channel is configured in settings.notify: nothing would be sent." in out
    assert "check as of 15 June 2018 (check run 1) has 2 items never sent before" in out
    data = json.loads(ok(cli("notify", "--dry-run", "--json", "--as-of", "2018-06-15")).stdout)
    assert data["message"].startswith("No channel is configured")
    assert data["news"] == 2 and data["planned"] == []


def test_a_real_send_without_channels_exits_2_without_usage_noise(cli):
    ok(cli("check", "--as-of", "2018-06-15"))
    result = cli("notify", "--as-of", "2018-06-15")
    assert result.exit_code == 2
    assert "No channel is configured in settings.notify" in result.output
    assert "Usage:" not in result.output and "Traceback" not in result.output


def _add_draft(project_dir: Path) -> None:
    """A draft as 'sco-tracker draft' would propose it: overdue by 15 June 2018 if counted."""
    path = project_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: qingdao-drug-abuse-concept")
    end = text.index("\n\n", start)
    block = text[start:end].replace(
        "id: qingdao-drug-abuse-concept", "id: drafted-drug-abuse-concept"
    )
    path.write_text(text[:end] + "\n\n" + block + "\n    draft: true" + text[end:], "utf-8")


def test_drafts_are_left_out_of_checks_reports_and_news(cli, project_dir, smtp):
    configure(project_dir, notify_settings(smtp.port, None))
    ok(cli("report", "--as-of", "2018-06-15", "--out", "before"))
    before = (project_dir / "before" / "2018-06-15.md").read_text(encoding="utf-8")
    _add_draft(project_dir)
    validated = ok(cli("validate"))
    assert "'drafted-drug-abuse-concept' is a draft" in validated.output
    checked = json.loads(ok(cli("check", "--as-of", "2018-06-15", "--json")).stdout)
    assert "drafted-drug-abuse-concept" not in json.dumps(checked)
    assert "drafted-drug-abuse-concept" not in json.dumps(news(cli, "--as-of", "2018-06-15"))
    ok(cli("report", "--as-of", "2018-06-15", "--out", "after"))
    after = (project_dir / "after" / "2018-06-15.md").read_text(encoding="utf-8")
    assert "drafted-drug-abuse-concept" not in after
    assert "1 draft awaiting review is not counted ('sco-tracker review' decides on it)." in after
    start = before.index("## Summary")
    summary = before[start : before.index("## ", start + 3)]
    assert summary in after.replace(
        "1 draft awaiting review is not counted ('sco-tracker review' decides on it).\n", ""
    )
    html = (project_dir / "after" / "2018-06-15.html").read_text(encoding="utf-8")
    assert "1 draft awaiting review is not counted" in html
    assert "drafts awaiting review" not in before and "draft awaiting review" not in before


def test_the_frozen_test_data_has_no_drafts() -> None:
    data = Path(__file__).parent / "data"
    assert not [p for p in data.rglob("*.yaml") if "draft: true" in p.read_text("utf-8")]


def test_a_draft_accepted_after_the_news_is_announced_as_a_new_commitment(cli, project_dir, smtp):
    configure(project_dir, notify_settings(smtp.port, None))
    _add_draft(project_dir)
    ok(cli("check", "--as-of", "2018-06-15"))
    ok(cli("notify", "--as-of", "2018-06-15"))
    first = str(smtp.recorder.to(DESK)[-1].message.get_body(("plain",)).get_content())  # type: ignore[attr-defined]
    assert "drafted-drug-abuse-concept" not in first
    path = project_dir / "commitments.yaml"
    path.write_text(path.read_text("utf-8").replace("\n    draft: true", "", 1), "utf-8")
    ok(cli("check", "--as-of", "2018-06-15"))
    found = news(cli, "--as-of", "2018-06-15")
    assert [(i["commitment"], i["what"]) for i in found] == [
        ("drafted-drug-abuse-concept", "new_commitment"),
        ("drafted-drug-abuse-concept", "overdue"),
    ]
    assert found[0]["message"] == (
        "new commitment, in progress, due at the Qingdao summit (10 June 2018)"
    )
    ok(cli("notify", "--as-of", "2018-06-15"))
    ok(cli("check", "--as-of", "2018-06-15"))
    assert news(cli, "--as-of", "2018-06-15") == []  # once


def test_a_draft_accepted_before_the_first_news_is_announced_as_a_new_commitment(
    cli, project_dir, smtp
):
    """Before any news, what was told is what the status history held at the first check: a
    draft is not in it (sync leaves drafts out), so once accepted it is new, not 'unchanged'."""
    configure(project_dir, notify_settings(smtp.port, None))
    _add_draft(project_dir)
    ok(cli("check", "--as-of", "2018-06-15"))
    path = project_dir / "commitments.yaml"
    path.write_text(path.read_text("utf-8").replace("\n    draft: true", "", 1), "utf-8")
    ok(cli("check", "--as-of", "2018-06-15"))
    found = [(i["commitment"], i["what"]) for i in news(cli, "--as-of", "2018-06-15")]
    assert ("drafted-drug-abuse-concept", "new_commitment") in found


def _forget_what_was_told(db_url: str) -> None:
    """As a database made before notify_told holds it: notified, but nothing told recorded."""
    execute(db_url, "DELETE FROM notify_told")


def test_a_database_notified_before_it_recorded_what_was_told_reads_it_from_the_history(
    cli, project_dir, smtp, db_url
):
    configure(project_dir, notify_settings(smtp.port, None))
    ok(cli("check", "--as-of", "2018-06-15"))
    ok(cli("notify", "--as-of", "2018-06-15"))
    _forget_what_was_told(db_url)
    ok(cli(*UPDATE))
    ok(cli("check", "--as-of", "2018-06-15"))
    found = news(cli, "--as-of", "2018-06-15")
    assert [(i["commitment"], i["what"], i["message"]) for i in found] == [
        (
            "qingdao-youth-action-programme",
            "status_changed",
            "status planned → fulfilled on 10 June 2018",
        )
    ]
    ok(cli("notify", "--as-of", "2018-06-15"))  # from now on, what is told is recorded
    ok(cli("check", "--as-of", "2018-06-15"))
    assert news(cli, "--as-of", "2018-06-15") == []


def test_a_status_set_in_the_file_without_a_dated_update_says_so(cli, project_dir, smtp):
    from conftest import set_youth_programme

    configure(project_dir, notify_settings(smtp.port, None))
    ok(cli("check", "--as-of", "2018-06-15"))
    ok(cli("notify", "--as-of", "2018-06-15"))
    set_youth_programme(project_dir, "not_fulfilled")
    ok(cli("check", "--as-of", "2018-06-15"))
    assert [i["message"] for i in changes(news(cli, "--as-of", "2018-06-15"))] == [
        "status planned → not fulfilled (set in the file, without a dated update)"
    ]
