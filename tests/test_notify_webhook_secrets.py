"""A webhook's URL holds its secret token (Slack: /services/T000/B000/XXXX, '?token=...'): it
is never printed, never in --json, never in a message about a failed delivery, never in the
database. Real servers on 127.0.0.1 (tests/notify_servers.py), sco-tracker as a real process.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conftest import Result, line_of
from dbbackend import BACKEND, table_rows
from notify_servers import (
    DESK,
    QINGDAO_OVERDUE,
    configure,
    free_port,
    notify_settings,
)

#: What a chat service puts in a webhook's address, and must stay secret.
TOKEN = "XoXb9SeCrEt4TokEn"
SECRET_PATH = f"/services/T0SCO/B0QINGDAO/{TOKEN}"


def no_token(*results: Result) -> None:
    for result in results:
        assert "Traceback" not in result.output, result.output
        assert TOKEN not in result.output, result.output
        assert "T0SCO" not in result.output and "B0QINGDAO" not in result.output, result.output


def in_database(db_url: str, needle: str) -> bool:
    """Whether needle is anywhere in the database: in any row of any table, and for SQLite in
    the bytes of its files (a value overwritten but still on a free page counts)."""
    if needle in str(table_rows(db_url)):
        return True
    if db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite:///"))
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")):
            if p.exists() and needle.encode() in p.read_bytes():
                return True
    return False


def test_an_unnamed_webhook_is_shown_by_its_scheme_and_host_only(cli, project_dir, hook, db_url):
    """Two unnamed webhooks, one down: every line and every --json of notify (preview, send,
    test) and runs names each by 'http://127.0.0.1:PORT/…'; the token is nowhere, nor in the
    database; the one that was down gets its news once it is up."""
    down = f"http://127.0.0.1:{free_port()}{SECRET_PATH}?token={TOKEN}"
    up = hook.url(SECRET_PATH)
    configure(
        project_dir,
        notify_settings(None, up).replace(
            "    webhooks:\n",
            f"    webhooks:\n      - url: {down}\n        timeout_seconds: 2\n",
            1,
        ),
    )
    down_shown = f"http://{down.split('/')[2]}/…"
    up_shown = f"http://127.0.0.1:{hook.port}/…"
    assert cli("check", "--as-of", "2018-06-15").exit_code == 0

    preview = cli("notify", "--as-of", "2018-06-15", "--dry-run")
    preview_json = cli("notify", "--as-of", "2018-06-15", "--dry-run", "--json")
    no_token(preview, preview_json)
    assert f"  webhook to {down_shown}: 2 items" in preview.stdout, preview.stdout
    assert f"  webhook to {up_shown}: 2 items" in preview.stdout
    planned = json.loads(preview_json.stdout)["planned"]
    assert [p["recipient"] for p in planned] == [down_shown, up_shown]

    sent = cli("notify", "--as-of", "2018-06-15")
    no_token(sent)
    assert sent.exit_code == 1
    assert (
        f"NOT sent to {down_shown} (webhook): cannot reach the webhook at 127.0.0.1: "
        "the server refused the connection."
    ) in sent.stdout, sent.stdout
    assert f"Sent news to {up_shown} (webhook): accepted by the webhook at 127.0.0.1" in sent.stdout
    assert hook.posts[0].path == SECRET_PATH  # the real address is the one used, all the same

    runs, runs_json = cli("runs"), cli("runs", "--json")
    no_token(runs, runs_json)
    assert f"(news, webhook to {down_shown}) waiting for a retry" in runs.stdout, runs.stdout
    waiting = json.loads(runs_json.stdout)["notifications"]
    assert [(n["channel"], n["recipient"]) for n in waiting] == [("webhook", down_shown)]

    tried, tried_json = cli("notify", "--test"), cli("notify", "--test", "--json")
    no_token(tried, tried_json)
    assert f"FAILED webhook {down_shown}: cannot reach the webhook at 127.0.0.1" in tried.stdout
    assert f"ok     webhook {up_shown}: accepted by the webhook at 127.0.0.1 (200)" in tried.stdout
    assert {a["recipient"] for a in json.loads(tried_json.stdout)} == {down_shown, up_shown}

    assert not in_database(db_url, TOKEN)
    assert not in_database(db_url, "B0QINGDAO")


def test_news_waiting_for_an_unnamed_webhook_goes_once_it_answers(cli, project_dir, hook, db_url):
    """The log knows an unnamed webhook by a fingerprint of its URL: a retry finds it."""
    configure(project_dir, notify_settings(None, hook.url(SECRET_PATH + f"?token={TOKEN}")))
    assert cli("check", "--as-of", "2018-06-15").exit_code == 0
    hook.status = 500
    failed = cli("notify", "--as-of", "2018-06-15")
    no_token(failed)
    shown = f"http://127.0.0.1:{hook.port}/…"
    assert f"NOT sent to {shown} (webhook): the webhook at 127.0.0.1 answered 500" in (
        failed.stdout
    ), failed.stdout
    hook.status = 200
    hook.posts.clear()
    sent = cli("notify", "--as-of", "2018-06-15", "--retry-now")
    no_token(sent)
    assert sent.exit_code == 0, sent.output
    assert f"Sent news to {shown} (webhook)" in sent.stdout
    assert len(hook.posts) == 1 and hook.posts[0].path == f"{SECRET_PATH}?token={TOKEN}"
    assert sorted(i["commitment"] for i in hook.posts[0].json["items"]) == list(QINGDAO_OVERDUE)
    assert not in_database(db_url, TOKEN)


def test_a_named_webhook_is_shown_by_its_name_and_follows_it(cli, project_dir, hook, db_url):
    """The desk's chat, named, at a mistyped address: the output says 'desk chat', never an
    address; corrected, its waiting news goes to it, and the log keeps its name only."""
    wrong = f"http://127.0.0.1:{free_port()}{SECRET_PATH}"
    configure(project_dir, notify_settings(None, wrong, hook_extra="name: desk chat"))
    assert cli("check", "--as-of", "2018-06-15").exit_code == 0
    failed = cli("notify", "--as-of", "2018-06-15")
    no_token(failed)
    assert failed.exit_code == 1
    assert "NOT sent to desk chat (webhook): cannot reach the webhook at 127.0.0.1" in failed.stdout
    runs = cli("runs", "--json")
    no_token(runs)
    assert [n["recipient"] for n in json.loads(runs.stdout)["notifications"]] == ["desk chat"]

    path = project_dir / "commitments.yaml"
    right = hook.url(SECRET_PATH)
    path.write_text(path.read_text(encoding="utf-8").replace(wrong, right), encoding="utf-8")
    sent = cli("notify", "--as-of", "2018-06-15")
    no_token(sent)
    assert sent.exit_code == 0, sent.output
    assert "Sent news to desk chat (webhook): accepted by the webhook at 127.0.0.1 (200)." in (
        sent.stdout
    )
    assert len(hook.posts) == 1 and hook.posts[0].path == SECRET_PATH
    assert sorted(i["commitment"] for i in hook.posts[0].json["items"]) == list(QINGDAO_OVERDUE)
    assert not in_database(db_url, TOKEN)


def test_a_redirect_refused_does_not_show_where_it_leads(cli, project_dir, hook):
    configure(project_dir, notify_settings(None, hook.url(SECRET_PATH)))
    hook.status, hook.location = 302, f"https://hooks.example.org/elsewhere/{TOKEN}"
    result = cli("notify", "--test")
    no_token(result)
    assert result.exit_code == 1
    assert "redirect to https://hooks.example.org/… refused" in result.stdout, result.stdout


def test_a_webhook_failing_in_an_unforeseen_way_does_not_show_its_url(monkeypatch):
    """Whatever a webhook's failure says, the URL in it is replaced by the webhook as shown."""
    from sco_tracker.notify.deliver import without_url
    from sco_tracker.spec.notify_settings import Webhook

    url = f"https://hooks.slack.com{SECRET_PATH}?token={TOKEN}"
    hook = Webhook.model_validate({"url": url})
    said = without_url(f"InvalidURL: cannot open {url} (or {SECRET_PATH}?token={TOKEN})", hook)
    assert said == "InvalidURL: cannot open https://hooks.slack.com/… (or /…)"
    named = Webhook.model_validate({"url": url, "name": "Contact Group chat"})
    assert without_url(f"at {url}", named) == "at Contact Group chat"
    assert named.shown == "Contact Group chat" and hook.shown == "https://hooks.slack.com/…"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (f"ftp://hooks.slack.com{SECRET_PATH}", "the webhook's address is not an http(s) URL"),
        (f"https://hooks.slack.com:99999{SECRET_PATH}", "a port, if any, from 1 to 65535"),
        (
            f"https://hooks.slack.com{SECRET_PATH}\u00e9",
            "the webhook's address holds a character that is not plain ASCII",
        ),
        (f'"https://hooks.slack.com{SECRET_PATH} x"', "the webhook's address contains a space"),
        (
            f'"https://hooks.slack.com{SECRET_PATH}\\n"',
            "the webhook's address contains a line break",
        ),
        (
            f"https://bot:{TOKEN}@hooks.slack.com/services",
            "the URL for hooks.slack.com carries a user name or password",
        ),
    ],
)
def test_a_mistake_in_a_webhook_address_points_at_it_without_repeating_it(
    cli, project_dir, written, said
):
    configure(project_dir, notify_settings(None, written))
    path = project_dir / "commitments.yaml"
    where = f"commitments.yaml:{line_of(path, 'hooks.slack.com')}:"
    for result in (cli("validate"), cli("validate", "--json")):
        assert result.exit_code == 1, result.output
        no_token(result)
    out = cli("validate").stderr
    assert where in out and said in out, out


def test_a_webhook_written_as_its_address_alone_is_pointed_at_without_repeating_it(
    cli, project_dir
):
    # the likeliest slip: "- https://..." where "- url: https://..." was meant
    configure(
        project_dir, f"  notify:\n    webhooks:\n      - https://hooks.slack.com{SECRET_PATH}\n"
    )
    where = f"commitments.yaml:{line_of(project_dir / 'commitments.yaml', 'hooks.slack.com')}:"
    for result in (cli("validate"), cli("validate", "--json")):
        assert result.exit_code == 1, result.output
        no_token(result)
    out = cli("validate").stderr
    assert where in out and "should be a mapping of keys to values, got a web address" in out, out


# --- the database: migration 0007 ---------------------------------------------------------------


def test_migration_0007_takes_the_urls_out_and_the_news_waiting_still_goes(
    cli, project_dir, db_url, hook, smtp
):
    """A database of sco-tracker at 0006 keeps webhook URLs in three places (recipient,
    subscriber, and the error of a failed attempt). After 'db upgrade' no URL is left, and
    the news waiting for an unnamed webhook and for a named one whose address was corrected
    since both go out, once, with the very body planned; the e-mail's row is untouched."""
    from sco_tracker.db.store import Store

    unnamed = hook.url(SECRET_PATH + f"?token={TOKEN}")
    old_named = f"http://127.0.0.1:{free_port()}/hooks/{TOKEN}-old"
    named = hook.url(f"/hooks/{TOKEN}-desk")
    settings = notify_settings(smtp.port, unnamed).replace(
        "    webhooks:\n",
        f"    webhooks:\n      - url: {named}\n        name: desk chat\n",
        1,
    )
    configure(project_dir, settings)

    store = Store(db_url)
    assert store.upgrade("0006") == (None, "0006")
    now = "2018-06-15 09:00:00"
    body = {"schema": "sco-tracker.notification", "version": 1, "items": []}
    answered = f"the webhook at 127.0.0.1 answered 500 (posting to {unnamed})"
    refused = "cannot reach the webhook at 127.0.0.1: the server refused the connection"
    rows = [  # what sco-tracker at 0006 wrote
        ("k-unnamed", "webhook", unnamed, unnamed, "pending", 1, answered),
        ("k-named", "webhook", old_named, "name:desk chat", "failed", 8, refused),
        ("k-sent", "webhook", unnamed, unnamed, "sent", 1, None),
        ("k-mail", "email", DESK, DESK, "pending", 1, "cannot reach the mail server"),
    ]
    with store.engine.begin() as conn:
        for key, channel, recipient, subscriber, state, attempts, error in rows:
            payload = (
                {"body": json.dumps({**body, "delivery": key})}
                if channel == "webhook"
                else {
                    "subject": "SCO tracker",
                    "text": "news",
                    "html": "<p>news</p>",
                    "message_id": f"<{key}@example.org>",
                }
            )
            conn.execute(
                text(
                    "INSERT INTO notify_deliveries (key, channel, recipient, subscriber, kind, "
                    "check_run_id, as_of, payload, state, attempts, next_attempt_at, last_error, "
                    "created_at) VALUES (:key, :channel, :recipient, :subscriber, 'news', NULL, "
                    ":as_of, :payload, :state, :attempts, :now, :error, :now)"
                ),
                {
                    "key": key,
                    "channel": channel,
                    "recipient": recipient,
                    "subscriber": subscriber,
                    "as_of": "2018-06-15",
                    "payload": json.dumps(payload),
                    "state": state,
                    "attempts": attempts,
                    "now": now,
                    "error": error,
                },
            )
    store.close()
    assert in_database(db_url, TOKEN)

    upgraded = cli("db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    assert "to revision 0008" in upgraded.stdout  # through 0007, to the latest
    assert not in_database(db_url, TOKEN), table_rows(db_url)["notify_deliveries"]
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT key, recipient, subscriber, last_error, recipient_key IS NULL "
                    "FROM notify_deliveries ORDER BY key"
                )
            ).all()
    finally:
        engine.dispose()
    shown = f"http://127.0.0.1:{hook.port}/…"
    fingerprint = found[2][2]
    assert [tuple(r) for r in found] == [
        ("k-mail", DESK, DESK, "cannot reach the mail server", 1),
        ("k-named", "desk chat", "name:desk chat", refused, 0),
        ("k-sent", shown, fingerprint, None, 0),
        ("k-unnamed", shown, fingerprint, answered.replace(unnamed, shown), 0),
    ]
    assert str(fingerprint).startswith("webhook:") and len(str(fingerprint)) == 8 + 64

    sent = cli("notify", "--as-of", "2018-06-15", "--retry-now")
    no_token(sent)
    assert sent.exit_code == 0, sent.output
    assert f"Sent news to {shown} (webhook)" in sent.stdout, sent.stdout
    assert "Sent news to desk chat (webhook)" in sent.stdout
    assert f"Sent news to {DESK} (email)" in sent.stdout
    got = sorted((p.path, p.json["delivery"]) for p in hook.posts)
    assert got == [
        (f"/hooks/{TOKEN}-desk", "k-named"),
        (f"{SECRET_PATH}?token={TOKEN}", "k-unnamed"),
    ]
    assert len(smtp.recorder.messages) == 1
    again = cli("notify", "--as-of", "2018-06-15", "--retry-now")
    assert again.exit_code == 0 and len(hook.posts) == 2
    if BACKEND == "sqlite":
        assert not in_database(db_url, TOKEN)
