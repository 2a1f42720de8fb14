"""Notifications with real servers on 127.0.0.1: an SMTP server (aiosmtpd) and an HTTP server.

Failures are real too: a port nobody listens on, a server answering 500, one that hangs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conftest import Result, line_of
from notify_servers import (
    AFGHANISTAN_DESK,
    DESK,
    QINGDAO_OVERDUE,
    SmtpServer,
    configure,
    free_port,
    notify_settings,
    self_signed,
)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output, result.output
    return result


def rows(db_url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def text_part(mail: object) -> str:
    body = mail.message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    return str(body.get_content())


def test_one_email_and_one_post_name_the_two_overdue_documents_then_nothing_again(
    cli, project_dir, smtp, hook
):
    configure(project_dir, notify_settings(smtp.port, hook.url()))
    ok(cli("check", "--as-of", "2018-06-15"))
    out = ok(cli("notify", "--as-of", "2018-06-15")).stdout
    assert f"Sent news to {DESK} (email)" in out
    assert len(smtp.recorder.messages) == 1 and len(hook.posts) == 1
    mail = smtp.recorder.messages[0]
    assert mail.rcpt_tos == [DESK]
    assert mail.message["Subject"] == "SCO tracker, check as of 15 June 2018: 2 overdue"
    body = text_part(mail)
    for cid in QINGDAO_OVERDUE:
        assert f"2018-06-15.html#{cid}" in body
    assert "The communiqué (Information report on the 13th meeting" in body  # utf-8, decoded
    assert "Due: at the Qingdao summit (10 June 2018)" in body
    html = mail.message.get_body(preferencelist=("html",)).get_content()
    assert 'href="2018-06-15.html#qingdao-drug-abuse-concept"' in html
    posted = hook.posts[0].json
    assert posted["schema"] == "sco-tracker.notification" and posted["version"] == 1
    assert posted["event"] == "news" and posted["as_of"] == "2018-06-15"
    assert sorted(i["commitment"] for i in posted["items"]) == list(QINGDAO_OVERDUE)
    assert {i["what"] for i in posted["items"]} == {"overdue"}
    assert hook.posts[0].headers["x-sco-tracker-delivery"] == posted["delivery"]
    assert "x-sco-tracker-signature" not in hook.posts[0].headers  # no secret set

    again = ok(cli("notify", "--as-of", "2018-06-15")).stdout
    assert "Nothing new to send for the check as of 15 June 2018" in again
    ok(cli("check", "--as-of", "2018-06-15"))  # the same findings again: continuing, not new
    ok(cli("notify", "--as-of", "2018-06-15"))
    assert len(smtp.recorder.messages) == 1 and len(hook.posts) == 1


def test_site_url_makes_the_links_absolute_and_the_secret_signs_the_body(
    cli, project_dir, smtp, hook
):
    configure(
        project_dir,
        notify_settings(None, hook.url(), extra="  site_url: https://reports.example.org/sco/\n"),
    )
    ok(cli("check", "--as-of", "2018-06-15"))
    secret = "a shared secret"
    ok(cli("notify", "--as-of", "2018-06-15", env={"SCO_TRACKER_WEBHOOK_SECRET": secret}))
    post = hook.posts[0]
    expected = "sha256=" + hmac.new(secret.encode(), post.body, hashlib.sha256).hexdigest()
    assert post.headers["x-sco-tracker-signature"] == expected
    links = {i["link"] for i in post.json["items"]}
    assert "https://reports.example.org/sco/2018-06-15.html#qingdao-drug-abuse-concept" in links


def test_signed_bodies_go_only_to_the_allowed_hosts_and_the_other_channel_still_works(
    cli, project_dir, smtp, hook, db_url
):
    configure(project_dir, notify_settings(smtp.port, hook.url()))
    ok(cli("check", "--as-of", "2018-06-15"))
    env = {
        "SCO_TRACKER_WEBHOOK_SECRET": "s3cret",
        "SCO_TRACKER_NOTIFY_ALLOWED_HOSTS": "chat.example.org",
    }
    result = cli("notify", "--as-of", "2018-06-15", env=env)
    assert result.exit_code == 1, result.output
    assert "not sent: a signed body would go to 127.0.0.1, which is not in" in result.stdout
    assert hook.posts == [] and len(smtp.recorder.messages) == 1
    runs = ok(cli("runs")).stdout
    assert "waiting for a retry" in runs and "SCO_TRACKER_NOTIFY_ALLOWED_HOSTS" in runs
    # Allowed now: the retry delivers it, once.
    env["SCO_TRACKER_NOTIFY_ALLOWED_HOSTS"] = "chat.example.org, 127.0.0.1"
    ok(cli("notify", "--as-of", "2018-06-15", "--retry-now", env=env))
    ok(cli("notify", "--as-of", "2018-06-15", "--retry-now", env=env))
    assert len(hook.posts) == 1 and len(smtp.recorder.messages) == 1


def test_the_smtp_password_comes_from_the_environment_and_only_to_allowed_hosts(cli, project_dir):
    server = SmtpServer(password="pa55")
    try:
        configure(project_dir, notify_settings(server.port, None, email_extra="user: tracker"))
        ok(cli("check", "--as-of", "2018-06-15"))
        missing = cli("notify", "--as-of", "2018-06-15")
        assert missing.exit_code == 1
        assert "SCO_TRACKER_SMTP_PASSWORD is not set" in missing.stdout
        refused = cli(
            "notify",
            "--retry-now",
            "--as-of",
            "2018-06-15",
            env={
                "SCO_TRACKER_SMTP_PASSWORD": "pa55",
                "SCO_TRACKER_NOTIFY_ALLOWED_HOSTS": "smtp.example.org",
            },
        )
        assert refused.exit_code == 1
        assert "the SMTP password would go to 127.0.0.1" in refused.stdout
        assert server.recorder.logins == [] and server.recorder.messages == []
        ok(
            cli(
                "notify",
                "--retry-now",
                "--as-of",
                "2018-06-15",
                env={"SCO_TRACKER_SMTP_PASSWORD": "pa55"},
            )
        )
        assert server.recorder.logins == [("tracker", "pa55")]
        assert len(server.recorder.messages) == 1
    finally:
        server.stop()


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_the_password_goes_only_over_an_encrypted_connection_to_a_trusted_server(
    cli, project_dir, tmp_path, security
):
    cert, context = self_signed(tmp_path)
    kwargs = {"starttls": context} if security == "starttls" else {"tls": context}
    server = SmtpServer(password="pa55", **kwargs)
    try:
        configure(
            project_dir,
            notify_settings(server.port, None, email_extra="user: tracker").replace(
                "security: none", f"security: {security}"
            ),
        )
        ok(cli("check", "--as-of", "2018-06-15"))
        env = {"SCO_TRACKER_SMTP_PASSWORD": "pa55"}
        untrusted = cli("notify", "--as-of", "2018-06-15", env=env)
        assert untrusted.exit_code == 1
        assert "no secure connection to the mail server" in untrusted.stdout
        assert "CERTIFICATE_VERIFY_FAILED" in untrusted.stdout
        assert server.recorder.logins == []
        trusted = {
            **env,
            "SSL_CERT_FILE": str(cert),
        }  # the system's trust store, as openssl reads it
        ok(cli("notify", "--as-of", "2018-06-15", "--retry-now", env=trusted))
        assert server.recorder.logins == [("tracker", "pa55")]
        assert len(server.recorder.messages) == 1
    finally:
        server.stop()


def test_a_password_is_never_sent_unencrypted_to_another_machine():
    from sco_tracker.notify.channels import ChannelError, send_email
    from sco_tracker.spec.notify_settings import EmailChannel

    cfg = EmailChannel.model_validate(
        {
            "host": "smtp.example.org",
            "security": "none",
            "user": "tracker",
            "from": "tracker@example.org",
            "to": [DESK],
        }
    )
    payload = {"subject": "s", "text": "t", "html": "<p>t</p>", "message_id": "<x@example.org>"}
    os.environ["SCO_TRACKER_SMTP_PASSWORD"] = "pa55"
    try:
        with pytest.raises(ChannelError, match="would cross the network unencrypted"):
            send_email(cfg, DESK, payload)  # refused before any connection is made
    finally:
        del os.environ["SCO_TRACKER_SMTP_PASSWORD"]


def test_a_mail_server_that_is_down_is_retried_at_the_next_run_and_delivers_once(
    cli, project_dir, hook, db_url
):
    port = free_port()  # nobody listens there
    configure(project_dir, notify_settings(port, hook.url()))
    ok(cli("check", "--as-of", "2018-06-15"))
    down = cli("notify", "--as-of", "2018-06-15")
    assert down.exit_code == 1, down.output
    assert f"NOT sent to {DESK} (email): cannot reach the mail server 127.0.0.1:{port}" in (
        down.stdout
    )
    assert len(hook.posts) == 1  # the webhook went out all the same
    assert rows(
        db_url, "SELECT state, attempts FROM notify_deliveries WHERE channel = 'email'"
    ) == [("pending", 1)]
    # Backoff: the next run a moment later does not try again yet...
    later = ok(cli("notify", "--as-of", "2018-06-15")).stdout
    assert "1 delivery waiting for a retry" in later
    assert rows(db_url, "SELECT attempts FROM notify_deliveries WHERE channel = 'email'") == [(1,)]
    # ...and once its time has come (here: moved to the past), the next run sends it.
    server = SmtpServer(port=port)
    try:
        engine = create_engine(db_url)
        with engine.begin() as conn:
            conn.execute(text("UPDATE notify_deliveries SET next_attempt_at = '2000-01-01'"))
        engine.dispose()
        out = ok(cli("notify", "--as-of", "2018-06-15")).stdout
        assert f"Sent news to {DESK} (email)" in out
        ok(cli("notify", "--as-of", "2018-06-15", "--retry-now"))
        assert len(server.recorder.messages) == 1 and len(hook.posts) == 1
        assert rows(db_url, "SELECT state, attempts FROM notify_deliveries ORDER BY id") == [
            ("sent", 2),
            ("sent", 1),
        ]
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("trouble", "said"),
    [("500", "the webhook at 127.0.0.1 answered 500"), ("hang", "did not answer within 2 s")],
)
def test_a_webhook_answering_500_or_hanging_is_retried(cli, project_dir, smtp, hook, trouble, said):
    configure(project_dir, notify_settings(smtp.port, hook.url()))
    ok(cli("check", "--as-of", "2018-06-15"))
    if trouble == "500":
        hook.status = 500
    else:
        hook.hang_seconds = 4
    failed = cli("notify", "--as-of", "2018-06-15")
    assert failed.exit_code == 1 and said in failed.stdout, failed.output
    assert len(smtp.recorder.messages) == 1  # the e-mail went out all the same
    assert "The news waiting for" not in failed.stdout  # the same webhook: nothing corrected
    hook.status, hook.hang_seconds = 200, 0
    hook.posts.clear()
    retried = ok(cli("notify", "--as-of", "2018-06-15", "--retry-now"))
    assert "The news waiting for" not in retried.stdout
    assert len(hook.posts) == 1
    assert sorted(i["commitment"] for i in hook.posts[0].json["items"]) == list(QINGDAO_OVERDUE)


def test_dry_run_says_what_would_go_to_whom_and_sends_nothing(cli, project_dir, smtp, hook):
    configure(
        project_dir,
        notify_settings(
            smtp.port,
            hook.url(),
            to=[DESK, f"{{address: {AFGHANISTAN_DESK}, themes: [Afghanistan]}}"],
        ),
    )
    ok(cli("check", "--as-of", "2018-06-15"))
    out = ok(cli("notify", "--as-of", "2018-06-15", "--dry-run")).stdout
    assert "Would send 2 messages for the check as of 15 June 2018 (check run 1):" in out
    assert f"email to {DESK}: 2 items" in out and AFGHANISTAN_DESK not in out
    data = json.loads(ok(cli("notify", "--as-of", "2018-06-15", "--dry-run", "--json")).stdout)
    assert data["dry_run"] is True and data["deliveries"] == []
    # a webhook is shown by its scheme and host: its path may hold its secret token
    shown = f"http://127.0.0.1:{hook.port}/…"
    assert [p["recipient"] for p in data["planned"]] == [DESK, shown]
    assert f"webhook to {shown}: 2 items" in out and "/hooks/desk" not in out
    assert smtp.recorder.messages == [] and hook.posts == []
    ok(cli("notify", "--as-of", "2018-06-15"))  # the dry runs planned nothing
    assert len(smtp.recorder.messages) == 1 and len(hook.posts) == 1


def test_notify_test_sends_a_test_message_to_each_channel_and_says_what_happened(
    cli, project_dir, smtp, hook
):
    configure(project_dir, notify_settings(smtp.port, hook.url()))
    out = ok(cli("notify", "--test")).stdout
    assert f"ok     email {DESK}: accepted by the mail server 127.0.0.1:{smtp.port}" in out
    shown = f"http://127.0.0.1:{hook.port}/…"
    assert f"ok     webhook {shown}: accepted by the webhook at 127.0.0.1 (200)" in out
    assert smtp.recorder.messages[0].message["Subject"] == "SCO tracker: test message"
    assert hook.posts[0].json["event"] == "test"
    hook.status = 500
    bad = cli("notify", "--test")
    assert bad.exit_code == 1
    assert f"FAILED webhook {shown}: the webhook at 127.0.0.1 answered 500" in bad.stdout


def test_status_changes_are_news_with_the_update_that_made_them(cli, project_dir, smtp):
    configure(project_dir, notify_settings(smtp.port, None))
    ok(cli("check", "--as-of", "2018-05-20"))
    ok(cli("notify", "--as-of", "2018-05-20"))
    first = len(smtp.recorder.messages)
    ok(cli("check", "--as-of", "2018-06-01"))
    ok(cli("notify", "--as-of", "2018-06-01"))
    assert len(smtp.recorder.messages) == first + 1
    body = text_part(smtp.recorder.messages[-1])
    assert "[status changed]" in body
    assert "status planned → fulfilled on 28 May 2018" in body
    assert "Update: The SCO-Afghanistan Contact Group met in Beijing" in body


def test_a_title_or_an_address_cannot_inject_a_header():
    from sco_tracker.notify.channels import ChannelError, build_email
    from sco_tracker.spec.notify_settings import EmailChannel

    cfg = EmailChannel.model_validate(
        {"host": "127.0.0.1", "from": "tracker@example.org", "to": [DESK]}
    )
    payload = {
        "subject": "Overdue: a title\r\nBcc: everyone@example.org",
        "text": "Привет, communiqué",
        "html": "<p>communiqué</p>",
        "message_id": "<x@example.org>",
    }
    msg = build_email(cfg, DESK, payload)
    raw = msg.as_bytes()
    assert b"\nBcc:" not in raw and msg["Bcc"] is None
    assert msg["Subject"] == "Overdue: a title Bcc: everyone@example.org"
    assert msg.get_body(preferencelist=("plain",)).get_content().startswith("Привет")
    raw.decode("ascii")  # encoded for the wire: every line 7-bit
    with pytest.raises(ChannelError, match="line break"):
        build_email(cfg, "desk@example.org\r\nBcc: everyone@example.org", payload)


def test_settings_problems_have_their_line(cli, project_dir):
    configure(
        project_dir,
        notify_settings(
            2525,
            "ftp://chat.example.org/hook",
            to=['"desk@example.org\\r\\nBcc: x@example.org"'],
            hook_extra="colour: red",
        ),
    )
    path = project_dir / "commitments.yaml"
    result = cli("validate")
    assert result.exit_code == 1
    out = result.stderr
    assert f"commitments.yaml:{line_of(path, 'Bcc: x@')}:" in out and "contains a line break" in out
    assert f"commitments.yaml:{line_of(path, 'ftp://')}:" in out
    assert "the webhook's address is not an http(s) URL: write it as https://host/path" in out
    assert "ftp://chat.example.org/hook" not in out  # its place is said, never its secret
    assert f"commitments.yaml:{line_of(path, 'colour: red')}:" in out
    assert "unknown key 'colour'" in out


def test_a_limit_that_names_an_unknown_party_is_refused_and_an_unknown_theme_warned(
    cli, project_dir
):
    configure(
        project_dir,
        notify_settings(
            2525, None, to=["{address: a@example.org, parties: [chna], themes: [Afghanistn]}"]
        ),
    )
    path = project_dir / "commitments.yaml"
    result = cli("validate")
    assert result.exit_code == 1
    line = line_of(path, "parties: [chna]")
    assert f"commitments.yaml:{line}:" in result.stderr
    assert "unknown party 'chna' (did you mean 'china'?)" in result.stderr
    assert (
        "warning: no commitment has the theme 'Afghanistn' (did you mean 'Afghanistan'?): "
        "this limit lets nothing through"
    ) in result.stderr


def test_a_password_in_the_file_is_refused(cli, project_dir):
    configure(project_dir, notify_settings(2525, None, email_extra="password: hunter2"))
    result = cli("validate")
    assert result.exit_code == 1
    assert (
        "'password' cannot be set in commitments.yaml: the SMTP password is read only from the "
        "environment variable SCO_TRACKER_SMTP_PASSWORD"
    ) in result.stderr


def test_templates_can_be_overridden_and_run_in_a_sandbox(cli, project_dir, smtp):
    (project_dir / "templates").mkdir()
    configure(project_dir, notify_settings(smtp.port, None, extra="  templates_dir: templates\n"))
    (project_dir / "templates" / "notify_subject.txt.j2").write_text(
        "[desk] {{ items|length }} items as of {{ as_of }}\n", encoding="utf-8"
    )
    ok(cli("check", "--as-of", "2018-06-15"))
    ok(cli("notify", "--as-of", "2018-06-15"))
    assert smtp.recorder.messages[0].message["Subject"] == "[desk] 2 items as of 2018-06-15"
    (project_dir / "templates" / "notify_subject.txt.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8"
    )
    result = cli("notify", "--test")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "template notify_subject.txt.j2 failed" in result.stderr
    assert "unsafe" in result.stderr


def test_run_sends_after_its_check_only_for_today_and_a_pending_retry_defeats_the_shortcut(
    cli, project_dir, hook
):
    port = free_port()
    configure(project_dir, notify_settings(port, hook.url()))
    past = ok(cli("run", "--as-of", "2018-06-15")).stdout
    assert "notifications" not in past.lower() and hook.posts == []
    today = cli("run")
    assert today.exit_code == 0, today.output
    assert "Notifications: 1 sent, 1 waiting for a retry." in today.stdout
    assert len(hook.posts) == 1
    again = ok(cli("run")).stdout
    assert "Nothing changed" not in again  # a retry is waiting: the run does the whole job
    server = SmtpServer(port=port)
    try:
        ok(cli("notify", "--retry-now"))
        assert len(server.recorder.messages) == 1
        ok(cli("run"))
        assert "Nothing changed" in ok(cli("run")).stdout
        assert len(server.recorder.messages) == 1 and len(hook.posts) == 1
    finally:
        server.stop()


def test_the_scheduled_jobs_send_after_each_check_and_the_digest_lists_everything_open(
    project_dir, smtp, hook, db_url
):
    from sco_tracker.schedule.jobs import check_job, digest_job

    configure(project_dir, notify_settings(smtp.port, hook.url()))
    file = str(project_dir / "commitments.yaml")
    assert check_job(file, db_url)
    assert len(smtp.recorder.messages) == 1 and len(hook.posts) == 1
    summary = rows(db_url, "SELECT summary FROM job_runs ORDER BY id DESC")[0][0]
    assert "notifications: 2 sent" in str(summary)
    assert check_job(file, db_url)
    assert len(smtp.recorder.messages) == 1  # nothing new
    assert digest_job(file, db_url)
    assert len(smtp.recorder.messages) == 2 and len(hook.posts) == 2
    digest = hook.posts[-1].json
    assert digest["event"] == "digest" and digest["items"]
    assert all(i["status"] in ("planned", "in_progress") for i in digest["items"])
    assert smtp.recorder.messages[-1].message["Subject"].startswith("SCO tracker digest as of")
    assert digest_job(file, db_url)  # the same day: not twice
    assert len(hook.posts) == 2


def test_a_failing_channel_never_fails_the_scheduled_check(project_dir, db_url):
    from sco_tracker.schedule.jobs import check_job

    configure(project_dir, notify_settings(free_port(), None))
    assert check_job(str(project_dir / "commitments.yaml"), db_url)
    outcome, summary = rows(db_url, "SELECT outcome, summary FROM job_runs")[0]
    assert outcome == "ok" and "notifications: 0 sent, 1 waiting for a retry" in str(summary)


def _start_notify(project_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sco_tracker", "notify", "--as-of", "2018-06-15"],
        cwd=project_dir,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


DESKS = [f"desk{n}@example.org" for n in range(1, 7)]


@pytest.mark.slow
def test_killed_in_the_middle_of_sending_then_run_again_delivers_each_message_once(
    cli, project_dir, smtp, db_url
):
    """SIGKILL while the server is answering the 3rd message: that one, accepted by the server in
    the instant of the kill, arrives twice (with the same Message-ID); every other once."""
    configure(project_dir, notify_settings(smtp.port, None, to=DESKS))
    ok(cli("check", "--as-of", "2018-06-15"))
    smtp.recorder.hold_after = 3
    proc = _start_notify(project_dir)
    assert smtp.recorder.held.wait(60), "the third message never arrived"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    smtp.recorder.release.set()
    in_flight = rows(db_url, "SELECT recipient FROM notify_deliveries WHERE state = 'sending'")
    assert in_flight == [(DESKS[2],)]
    assert [m.rcpt_tos[0] for m in smtp.recorder.messages] == DESKS[:3]

    ok(cli("notify", "--as-of", "2018-06-15"))
    got = {d: smtp.recorder.to(d) for d in DESKS}
    assert {d: len(m) for d, m in got.items()} == {d: (2 if d == DESKS[2] else 1) for d in DESKS}
    twice = got[DESKS[2]]
    assert twice[0].message["Message-ID"] == twice[1].message["Message-ID"]
    assert rows(db_url, "SELECT DISTINCT state FROM notify_deliveries") == [("sent",)]
    ok(cli("notify", "--as-of", "2018-06-15"))
    assert len(smtp.recorder.messages) == len(DESKS) + 1


@pytest.mark.slow
def test_two_notify_runs_at_once_send_each_message_once(cli, project_dir, smtp):
    configure(project_dir, notify_settings(smtp.port, None, to=DESKS))
    ok(cli("check", "--as-of", "2018-06-15"))
    procs = [_start_notify(project_dir) for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, out + err
    assert sorted(m.rcpt_tos[0] for m in smtp.recorder.messages) == sorted(DESKS)


def test_the_webhook_kinds_cover_every_finding_kind():
    from sco_tracker.spec.notify_settings import WHAT, What
    from sco_tracker.tracking.checks import FINDING_KINDS

    assert (
        [w.value for w in What]
        == list(WHAT)
        == FINDING_KINDS
        + [
            "status_changed",
            "new_commitment",
        ]
    )


def test_retries_back_off_and_give_up():
    from datetime import timedelta

    from sco_tracker.notify.log import MAX_ATTEMPTS, backoff

    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (1, 2, 4)]
    assert backoff(30) == timedelta(hours=6)
    assert MAX_ATTEMPTS >= 3
    time.sleep(0)


def test_the_digest_is_scheduled_only_when_set_and_someone_is_told(cli, project_dir):
    path = project_dir / "commitments.yaml"
    report = '    report: "0 7 * * mon"'
    text = path.read_text(encoding="utf-8").replace(report, report + '\n    digest: "0 8 * * mon"')
    path.write_text(text, encoding="utf-8")
    assert "digest" not in ok(cli("schedule", "--list")).stdout  # nobody to tell
    configure(project_dir, notify_settings(2525, None))
    assert "digest  0 8 * * mon" in ok(cli("schedule", "--list")).stdout


def test_a_limit_that_names_an_unknown_document_lists_the_documents(cli, project_dir):
    """An event id where a source id goes (qingdao-summit is the Qingdao summit, an event):
    the message names the sources there are, as it does for parties."""
    configure(
        project_dir,
        notify_settings(
            2525, None, to=["{address: a@example.org, sources: [qingdao-summit], parties: [chna]}"]
        ),
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert (
        "unknown source 'qingdao-summit'; the sources are: beijing-2018-05-22, moscow-2017-10-11"
        in result.stderr
    ), result.stderr
    assert "unknown party 'chna' (did you mean 'china'?); the parties are: china," in result.stderr


def test_news_given_up_for_a_mistyped_webhook_goes_out_once_its_address_is_corrected(
    cli, project_dir, hook, db_url
):
    """Every attempt used up on a wrong port: the delivery is given up. Once the named hook's
    address is corrected, the next notify sends it at once, with its attempts again; what was
    sent is never sent again, and the log keeps one delivery, now to the corrected URL (known
    by its fingerprint: the URL itself is never kept)."""
    from sco_tracker.spec.notify_settings import url_key

    wrong = f"http://127.0.0.1:{free_port()}/hooks/desk"
    configure(project_dir, notify_settings(None, wrong, hook_extra="name: desk chat"))
    ok(cli("check", "--as-of", "2018-06-15"))
    assert cli("notify", "--as-of", "2018-06-15").exit_code == 1
    for _ in range(7):
        assert cli("notify", "--as-of", "2018-06-15", "--retry-now").exit_code == 1
    assert rows(db_url, "SELECT state, attempts FROM notify_deliveries") == [("failed", 8)]
    path = project_dir / "commitments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(wrong, hook.url()), encoding="utf-8")
    out = ok(cli("notify", "--as-of", "2018-06-15")).stdout
    assert "Sent news to desk chat (webhook)" in out, out
    assert len(hook.posts) == 1
    assert sorted(i["commitment"] for i in hook.posts[0].json["items"]) == list(QINGDAO_OVERDUE)
    logged = "SELECT state, attempts, recipient, recipient_key, subscriber FROM notify_deliveries"
    assert rows(db_url, logged) == [("sent", 1, "desk chat", url_key(hook.url()), "name:desk chat")]
    ok(cli("notify", "--as-of", "2018-06-15", "--retry-now"))
    assert len(hook.posts) == 1


def test_a_named_subscriber_moved_to_a_new_address_is_not_told_again(cli, project_dir, smtp, hook):
    """The news went out to the desk's old address; its address changes; the next check's news
    holds only what is new since, and what was told before is not told again."""
    configure(
        project_dir, notify_settings(smtp.port, None, to=["{address: a@example.org, name: desk}"])
    )
    ok(cli("check", "--as-of", "2018-06-01"))
    ok(cli("notify", "--as-of", "2018-06-01"))
    assert len(smtp.recorder.to("a@example.org")) == 1
    path = project_dir / "commitments.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("a@example.org", DESK), encoding="utf-8"
    )
    ok(cli("check", "--as-of", "2018-06-15"))
    ok(cli("notify", "--as-of", "2018-06-15"))
    mails = smtp.recorder.to(DESK)
    assert len(mails) == 1 and len(smtp.recorder.messages) == 2
    body = text_part(mails[0])
    assert body.count("[overdue]") == 2 and "[due soon]" not in body


def test_news_waiting_for_an_address_without_a_name_follows_the_one_written_in_its_place(
    cli, project_dir, smtp, db_url
):
    """The mail server's port and the desk's address were both mistyped: once corrected, the
    news waiting for the old address goes to the new one, and is logged as the new one's."""
    down = free_port()
    configure(project_dir, notify_settings(down, None, to=["dsek@example.org"]))
    ok(cli("check", "--as-of", "2018-06-15"))
    assert cli("notify", "--as-of", "2018-06-15").exit_code == 1
    path = project_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8").replace("dsek@example.org", DESK)
    path.write_text(text.replace(f"port: {down}", f"port: {smtp.port}"), encoding="utf-8")
    done = ok(cli("notify", "--as-of", "2018-06-15", "--retry-now", "--json"))
    followed = (
        f"The news waiting for dsek@example.org goes to {DESK}, the address written in its "
        "place in settings.notify.email.to."
    )
    assert json.loads(done.stdout)["followed"] == [followed]
    assert len(smtp.recorder.to(DESK)) == 1 and len(smtp.recorder.messages) == 1
    assert rows(db_url, "SELECT state, recipient, subscriber FROM notify_deliveries") == [
        ("sent", DESK, DESK)
    ]
    again = ok(cli("notify", "--as-of", "2018-06-15", "--retry-now"))
    assert "goes to" not in again.stdout and len(smtp.recorder.messages) == 1


def _afghanistan_desk_taken_out(cli, project_dir, smtp) -> Path:
    """The desk and the Afghanistan desk wait for a mail server that is down; then the server
    is put right and the Afghanistan desk taken out of the settings, no address in its place.
    Returns the commitments file."""
    down = free_port()
    configure(project_dir, notify_settings(down, None, to=[DESK, AFGHANISTAN_DESK]))
    ok(cli("check", "--as-of", "2018-06-15"))
    assert cli("notify", "--as-of", "2018-06-15").exit_code == 1
    path = project_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8").replace(f"        - {AFGHANISTAN_DESK}\n", "")
    path.write_text(text.replace(f"port: {down}", f"port: {smtp.port}"), encoding="utf-8")
    return path


def test_an_address_that_was_told_before_is_never_taken_for_a_correction(
    cli, project_dir, smtp, db_url
):
    """The desk and the Afghanistan desk wait for the mail server; the Afghanistan desk is then
    taken out of the settings: its news is given up, and is not sent to the desk, which had
    news of its own planned with it."""
    _afghanistan_desk_taken_out(cli, project_dir, smtp)
    done = cli("notify", "--as-of", "2018-06-15", "--retry-now")
    assert done.exit_code == 1
    assert "goes to" not in done.stdout, done.stdout
    assert (
        f"NOT sent to {AFGHANISTAN_DESK} (email): not sent: {AFGHANISTAN_DESK} is no longer in "
        "settings.notify.email.to" in done.stdout
    ), done.stdout
    assert len(smtp.recorder.to(DESK)) == 1 and len(smtp.recorder.messages) == 1
    assert sorted(rows(db_url, "SELECT state, recipient FROM notify_deliveries")) == [
        ("failed", AFGHANISTAN_DESK),
        ("sent", DESK),
    ]


def test_news_given_up_never_goes_to_an_address_added_later(cli, project_dir, smtp, db_url):
    """The Afghanistan desk's news was given up when it left the settings (no address in its
    place); an address added later is someone new, and never gets what was given up."""
    path = _afghanistan_desk_taken_out(cli, project_dir, smtp)
    assert cli("notify", "--as-of", "2018-06-15", "--retry-now").exit_code == 1  # given up
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(f"        - {DESK}\n", f"        - {DESK}\n        - new@example.org\n"),
        encoding="utf-8",
    )
    later = ok(cli("notify", "--as-of", "2018-06-15", "--retry-now"))
    assert "goes to" not in later.stdout, later.stdout
    assert smtp.recorder.to("new@example.org") == []
