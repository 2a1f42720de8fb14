"""Bindings for features/notifications.feature: a real SMTP server (aiosmtpd) and a real HTTP
server on 127.0.0.1, sco-tracker as real processes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from conftest import Result, run_cli
from notify_servers import (
    AFGHANISTAN_DESK,
    DESK,
    HookServer,
    SmtpServer,
    configure,
    free_port,
    notify_settings,
)

scenarios("notifications.feature", "notify_without_channels.feature")

QINGDAO_DOCUMENTS = ("qingdao-drug-abuse-concept", "qingdao-youth-action-programme")
#: The secret part of a chat webhook's address, as Slack gives it (/services/T.../B.../token).
SLACK_TOKEN = "QiNgDaO2018sEcReTtOkEn"
SLACK_PATH = f"/services/T0SCOAFG/B0CONTACT/{SLACK_TOKEN}"
KYRGYZ_MEETING = "next-secretaries-meeting-kyrgyzstan"


@dataclass
class Servers:
    port: int
    hook: HookServer
    smtp: SmtpServer | None = None
    to: list[str] = field(default_factory=lambda: [DESK])
    last: Result | None = None
    preview: Result | None = None
    #: the file before the last 'sco-tracker update'
    before_update: str | None = None
    #: a commitment taken out of the file: (where it was, its lines)
    kept_out: tuple[int, str] | None = None
    #: the chat's address as written in the file (None: the real one), and its other keys
    hook_url: str | None = None
    hook_extra: str = ""

    def mails(self, address: str) -> list[object]:
        return self.smtp.recorder.to(address) if self.smtp else []


def _text(mail: object) -> str:
    return str(mail.message.get_body(preferencelist=("plain",)).get_content())  # type: ignore[attr-defined]


@pytest.fixture
def servers() -> Iterator[Servers]:
    hook = HookServer()
    found = Servers(free_port(), hook)
    found.smtp = SmtpServer(port=found.port)
    yield found
    if found.smtp:
        found.smtp.stop()
    hook.close()


def _configure(workdir: Path, servers: Servers) -> None:
    text = (workdir / "commitments.yaml").read_text(encoding="utf-8")
    start = text.find("  notify:\n")
    if start >= 0:  # written before: write it again with the recipients now wanted
        end = text.find("  schedule:\n", start)
        (workdir / "commitments.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    hook_url = servers.hook_url or servers.hook.url()
    configure(
        workdir,
        notify_settings(servers.port, hook_url, to=servers.to, hook_extra=servers.hook_extra),
    )


@given("a mail server and a chat webhook that keep what they receive")
def started(servers: Servers) -> Servers:
    return servers


@given("the tracker sends its news by e-mail to the desk and to the chat")
def desk_and_chat(workdir: Path, servers: Servers) -> None:
    _configure(workdir, servers)


@given(parsers.parse('the Afghanistan desk officer asked for the news of the theme "{theme}" only'))
def afghanistan_desk(workdir: Path, servers: Servers, theme: str) -> None:
    servers.to = [DESK, f"{{address: {AFGHANISTAN_DESK}, themes: [{theme}]}}"]
    _configure(workdir, servers)


@given(
    parsers.parse('the Afghanistan desk officer asked for the news of the document "{source}" only')
)
def afghanistan_desk_document(workdir: Path, servers: Servers, source: str) -> None:
    servers.to = [DESK, f"{{address: {AFGHANISTAN_DESK}, sources: [{source}]}}"]
    _configure(workdir, servers)


@given(parsers.parse("the tracker checked progress as of {day}"))
def checked(workdir: Path, day: str) -> None:
    result = run_cli(["check", "--as-of", day], workdir)
    assert result.exit_code == 0, result.output


@given(parsers.parse('the chat webhook is named "{name}" and its address is mistyped'))
def chat_named_mistyped(workdir: Path, servers: Servers, name: str) -> None:
    servers.hook_extra = f"name: {name}"
    chat_mistyped(workdir, servers)


@given("the chat webhook's address is mistyped")
def chat_mistyped(workdir: Path, servers: Servers) -> None:
    servers.hook_url = f"http://127.0.0.1:{free_port()}/hooks/desk"  # nothing listens there
    _configure(workdir, servers)


@when(
    parsers.re(
        r"I correct the chat's address and send the news as of (?P<day>[-\d]+) again"
        r"(?P<now> with --retry-now)?"
    )
)
def chat_corrected(workdir: Path, servers: Servers, day: str, now: str | None) -> None:
    servers.hook_url = None
    _configure(workdir, servers)
    servers.last = run_cli(["notify", "--as-of", day, *(["--retry-now"] if now else [])], workdir)


@given(parsers.parse('the desk\'s address is written "{address}", named "{name}"'))
def desk_named(workdir: Path, servers: Servers, address: str, name: str) -> None:
    servers.to = [f"{{address: {address}, name: {name}}}"]
    _configure(workdir, servers)


@given(parsers.parse('the desk\'s address is written "{address}", without a name'))
def desk_unnamed(workdir: Path, servers: Servers, address: str) -> None:
    servers.to = [address]
    _configure(workdir, servers)


@given(
    parsers.parse(
        'the desk\'s address is written "{desk}" and the Afghanistan desk\'s "{afghanistan}",'
        " both without a name"
    )
)
def two_unnamed(workdir: Path, servers: Servers, desk: str, afghanistan: str) -> None:
    servers.to = [desk, afghanistan]
    _configure(workdir, servers)


@when(parsers.parse('both addresses are corrected, to "{desk}" and "{afghanistan}"'))
def both_corrected(workdir: Path, servers: Servers, desk: str, afghanistan: str) -> None:
    servers.to = [desk, afghanistan]
    _configure(workdir, servers)


@when(parsers.parse('the e-mail addresses of the settings become "{addresses}"'))
def addresses_become(workdir: Path, servers: Servers, addresses: str) -> None:
    servers.to = [a.strip() for a in addresses.split(",")]
    _configure(workdir, servers)


@when("the mail server is back and I try to send the news again with --retry-now")
def back_and_try(workdir: Path, servers: Servers) -> None:
    servers.smtp = SmtpServer(port=servers.port)
    servers.last = run_cli(["notify", "--as-of", "2018-06-15", "--retry-now"], workdir)


@when(parsers.parse('the desk\'s address is corrected to "{address}"'))
def desk_corrected(workdir: Path, servers: Servers, address: str) -> None:
    servers.to = [entry.replace("dsek@example.org", address) for entry in servers.to]
    _configure(workdir, servers)


@then("the output says the chat message was not sent and will be retried")
def chat_not_sent(servers: Servers) -> None:
    assert servers.last is not None and servers.last.exit_code == 1
    out = servers.last.stdout
    assert "(webhook): cannot reach the webhook at 127.0.0.1" in out, out
    assert "Retried at the next run after" in out


@then(parsers.parse('the output says "{words}"'))
def last_output_says(servers: Servers, words: str) -> None:
    assert servers.last is not None
    assert words in servers.last.stdout, servers.last.stdout


@then(parsers.parse('nothing was sent to "{address}"'))
def nothing_to(servers: Servers, address: str) -> None:
    assert servers.mails(address) == []


@then("the chat has received nothing")
def chat_nothing(servers: Servers) -> None:
    assert servers.hook.posts == []


@given("the mail server is down")
def mail_down(servers: Servers) -> None:
    assert servers.smtp is not None
    servers.smtp.stop()
    servers.smtp = None


@when(parsers.parse("I check progress as of {day} and send the news"))
def check_and_send(workdir: Path, servers: Servers, day: str) -> None:
    checked(workdir, day)
    servers.last = run_cli(["notify", "--as-of", day], workdir)


@when(parsers.parse('I record that "{cid}" was {status} on {day}, "{note}"'))
def record_update(
    workdir: Path, servers: Servers, cid: str, status: str, day: str, note: str
) -> None:
    servers.before_update = (workdir / "commitments.yaml").read_text(encoding="utf-8")
    result = run_cli(
        [
            "update",
            cid,
            "--status",
            status.replace(" ", "_"),
            "--date",
            day,
            "--note",
            note,
            "--source",
            "https://example.org/qingdao-summit-documents",
        ],
        workdir,
    )
    assert result.exit_code == 0, result.output


@when("I take that update out of the commitments file again")
def take_update_out(workdir: Path, servers: Servers) -> None:
    assert servers.before_update is not None
    (workdir / "commitments.yaml").write_text(servers.before_update, encoding="utf-8")


@when(parsers.re(r"I check progress as of (?P<day>\d{4}-\d{2}-\d{2})"))
def check_only(workdir: Path, day: str) -> None:
    checked(workdir, day)


@when(parsers.parse("I preview the news in full as of {day}"))
def preview_in_full(workdir: Path, servers: Servers, day: str) -> None:
    servers.preview = run_cli(["notify", "--dry-run", "--show", "--as-of", day], workdir)
    assert servers.preview.exit_code == 0, servers.preview.output


@then(
    "the preview shows the desk's e-mail, its subject and its text, exactly as the desk received it"
)
def preview_is_the_mail(servers: Servers) -> None:
    assert servers.preview is not None
    (mail,) = servers.mails(DESK)
    subject = str(mail.message["Subject"])  # type: ignore[attr-defined]
    text = _text(mail).replace("\r\n", "\n").rstrip()  # SMTP ends its lines with CRLF
    shown = f"Subject: {subject}\n\n{text}\n"
    assert shown in servers.preview.stdout, servers.preview.stdout


@then("the preview shows the chat's message exactly as the chat received it")
def preview_is_the_chat_message(servers: Servers) -> None:
    assert servers.preview is not None
    (post,) = servers.hook.posts
    assert post.json["text"].rstrip() in servers.preview.stdout, servers.preview.stdout


@when(parsers.parse("I preview the news as of {day}"))
def preview(workdir: Path, servers: Servers, day: str) -> None:
    servers.preview = run_cli(["notify", "--dry-run", "--as-of", day], workdir)
    assert servers.preview.exit_code == 0, servers.preview.output


#: The commitments a scenario takes out of the file and adds back, by what they promise.
PROMISES = {
    "hold the next meeting in the Kyrgyz Republic": KYRGYZ_MEETING,
    "urge a political settlement in Afghanistan": "afghanistan-political-settlement",
}


@given(parsers.parse("the commitment to {promise} is not in the file yet"))
def commitment_out(workdir: Path, servers: Servers, promise: str) -> None:
    path = workdir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {PROMISES[promise]}\n")
    end = text.index("\n\n", start) + 2
    servers.kept_out = (start, text[start:end])
    path.write_text(text[:start] + text[end:], encoding="utf-8")


@when(parsers.parse("I add the commitment to {promise} to the file"))
def commitment_in(workdir: Path, servers: Servers, promise: str) -> None:
    assert servers.kept_out is not None
    start, block = servers.kept_out
    path = workdir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:start] + block + text[start:], encoding="utf-8")


@when("I run the whole job for today", target_fixture="result")
def run_today(workdir: Path) -> Result:
    return run_cli(["run"], workdir)


@when(parsers.parse("I send the news as of {day} again"))
def send_again(workdir: Path, servers: Servers, day: str) -> None:
    servers.last = run_cli(["notify", "--as-of", day], workdir)
    assert servers.last.exit_code == 0, servers.last.output


@when("the mail server is back and I send the news again with --retry-now")
def back_and_retry(workdir: Path, servers: Servers) -> None:
    servers.smtp = SmtpServer(port=servers.port)
    servers.last = run_cli(["notify", "--as-of", "2018-06-15", "--retry-now"], workdir)
    assert servers.last.exit_code == 0, servers.last.output


@then(parsers.parse('the desk receives one e-mail naming "{first}" and "{second}" as overdue'))
def desk_mail(servers: Servers, first: str, second: str) -> None:
    mails = servers.mails(DESK)
    assert len(mails) == 1
    body = _text(mails[0])
    assert body.count("[overdue]") == 2
    assert f"#{first}" in body and f"#{second}" in body


@then("the chat receives one message naming the same two commitments")
def chat_message(servers: Servers) -> None:
    assert len(servers.hook.posts) == 1
    items = servers.hook.posts[0].json["items"]
    assert sorted(i["commitment"] for i in items) == list(QINGDAO_DOCUMENTS)


@then("the output says there is nothing new to send")
def nothing_new(servers: Servers) -> None:
    assert servers.last is not None
    assert "Nothing new to send for the check as of 15 June 2018" in servers.last.stdout


@then("nobody receives anything more")
def nothing_more(servers: Servers) -> None:
    assert len(servers.mails(DESK)) == 1 and len(servers.hook.posts) == 1


@then(parsers.parse('the desk receives a second e-mail saying "{words}"'), target_fixture="reader")
def second_mail(servers: Servers, words: str) -> str:
    mails = servers.mails(DESK)
    assert len(mails) == 2
    assert words in _text(mails[1])
    return DESK


@then(parsers.re(r"the desk has received (?P<n>\d+) e-mails?"))
def desk_count(servers: Servers, n: str) -> None:
    assert len(servers.mails(DESK)) == int(n)


@pytest.fixture
def reader() -> str:
    return AFGHANISTAN_DESK


@then("the Afghanistan desk officer receives one e-mail")
def afghan_mail(servers: Servers) -> None:
    assert len(servers.mails(AFGHANISTAN_DESK)) == 1


@then("it says that the Contact Group meeting in Beijing, planned in Moscow, is now fulfilled")
def says_fulfilled(servers: Servers) -> None:
    body = _text(servers.mails(AFGHANISTAN_DESK)[0])
    assert "#afghanistan-contact-group-beijing-2018-plan" in body
    assert "status planned → fulfilled on 28 May 2018" in body


@then(parsers.parse('it quotes the update "{words}"'))
def quotes_update(servers: Servers, reader: str, words: str) -> None:
    assert words in _text(servers.mails(reader)[-1])


@then("it does not mention the Qingdao summit documents due soon")
def no_qingdao(servers: Servers) -> None:
    body = _text(servers.mails(AFGHANISTAN_DESK)[0])
    assert "qingdao" not in body.lower() and "[due soon]" not in body


@then("the desk's e-mail names the Qingdao summit documents due soon")
def desk_qingdao(servers: Servers) -> None:
    body = _text(servers.mails(DESK)[0])
    assert all(f"#{cid}" in body for cid in QINGDAO_DOCUMENTS)
    assert "[due soon]" in body


@then("the output says the e-mail to the desk was not sent and will be retried")
def not_sent(servers: Servers) -> None:
    assert servers.last is not None and servers.last.exit_code == 1
    out = servers.last.stdout
    assert f"NOT sent to {DESK} (email): cannot reach the mail server" in out
    assert "Retried at the next run after" in out


@then('"sco-tracker runs" lists the e-mail waiting for a retry')
def runs_lists(workdir: Path) -> None:
    result = run_cli(["runs"], workdir)
    assert result.exit_code == 0, result.output
    assert f"(news, email to {DESK}) waiting for a retry" in result.stdout


@then("the chat has still received one message")
def chat_once(servers: Servers) -> None:
    assert len(servers.hook.posts) == 1


@then(parsers.parse('the preview says "{words}"'))
def preview_says(servers: Servers, words: str) -> None:
    assert servers.preview is not None
    assert words in servers.preview.stdout, servers.preview.stdout


@then(parsers.parse('the preview does not say "{words}"'))
def preview_lacks(servers: Servers, words: str) -> None:
    assert servers.preview is not None
    assert words not in servers.preview.stdout, servers.preview.stdout


@then(parsers.parse('the output does not say "{words}"'))
def last_output_lacks(servers: Servers, words: str) -> None:
    assert servers.last is not None
    assert words not in servers.last.output, servers.last.output


@then("the preview says there is nothing new to send")
def preview_nothing(servers: Servers) -> None:
    assert servers.preview is not None
    assert "Nothing new to send for the check as of 15 June 2018" in servers.preview.stdout


@then(parsers.parse('the last e-mail says "{words}"'))
def last_mail_says(servers: Servers, words: str) -> None:
    body = _text(servers.mails(DESK)[-1])
    assert words in body, body


@then(parsers.parse('the desk\'s e-mail is titled "{subject}"'))
def desk_subject(servers: Servers, subject: str) -> None:
    mails = servers.mails(DESK)
    assert len(mails) == 1
    assert mails[0].message["Subject"] == subject  # type: ignore[attr-defined]


@then(parsers.parse('the chat\'s message names "{cid}" as "{what}"'))
def chat_names(servers: Servers, cid: str, what: str) -> None:
    items = servers.hook.posts[-1].json["items"]
    assert {"commitment": cid, "what": what}.items() <= next(
        i for i in items if i["commitment"] == cid
    ).items(), items


@then(parsers.parse('the last e-mail does not say "{words}"'))
def last_mail_lacks(servers: Servers, words: str) -> None:
    body = _text(servers.mails(DESK)[-1])
    assert words not in body, body


@then("the preview lists for the chat exactly the items the chat received, and says how many")
def preview_is_what_is_sent(servers: Servers) -> None:
    assert servers.preview is not None
    lines = servers.preview.stdout.splitlines()
    head = next(n for n, line in enumerate(lines) if line.startswith("  webhook to "))
    listed = []
    for line in lines[head + 1 :]:
        if not line.startswith("    "):
            break
        listed.append(line.strip())
    sent = servers.hook.posts[-1].json["items"]
    assert lines[head].endswith(f": {len(sent)} item{'s' if len(sent) != 1 else ''}"), lines[head]
    assert len(listed) == len(sent), servers.preview.stdout
    # each line: 'ID [what the news is]: the message'
    assert sorted(f"{i['commitment']}: {i['message']}" for i in sent) == sorted(
        re.sub(r" \[[a-z ]+\]:", ":", line, count=1) for line in listed
    ), servers.preview.stdout


@then('"sco-tracker runs --json" lists the e-mail waiting for a retry, as "sco-tracker runs" does')
def runs_json_lists(workdir: Path) -> None:
    import json

    text = run_cli(["runs"], workdir)
    assert f"(news, email to {DESK}) waiting for a retry" in text.stdout
    result = run_cli(["runs", "--json"], workdir)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    waiting = [n for n in data["notifications"] if n["state"] == "waiting for a retry"]
    assert [(n["kind"], n["channel"], n["recipient"]) for n in waiting] == [("news", "email", DESK)]
    assert waiting[0]["last_error"].startswith("cannot reach the mail server")
    assert waiting[0]["next_attempt_at"] and waiting[0]["attempts"] == 1


# --- a webhook's secret address ----------------------------------------------------------------


@given("the chat webhook's address holds its secret token, as a Slack address does")
def chat_with_token(workdir: Path, servers: Servers) -> None:
    servers.hook_url = servers.hook.url(SLACK_PATH)
    _configure(workdir, servers)


@given(parsers.parse('the chat webhook is named "{name}"'))
def chat_named(workdir: Path, servers: Servers, name: str) -> None:
    servers.hook_extra = f"name: {name}"
    _configure(workdir, servers)


@given("the chat webhook's address holds its secret token and a space")
def chat_with_token_and_space(workdir: Path, servers: Servers) -> None:
    servers.hook_url = f'"{servers.hook.url(SLACK_PATH)} "'
    _configure(workdir, servers)


@given("the chat answers with an error for now")
def chat_failing(servers: Servers) -> None:
    servers.hook.status = 500


@when("the chat is back and I send the news again with --retry-now")
def chat_back(workdir: Path, servers: Servers) -> None:
    servers.hook.status = 200
    servers.hook.posts.clear()  # what it answered with an error was not taken
    servers.last = run_cli(["notify", "--as-of", "2018-06-15", "--retry-now"], workdir)
    assert servers.last.exit_code == 0, servers.last.output


def _chat_shown(servers: Servers) -> str:
    """The chat as the tracker shows it: its scheme and server, the rest of its address left out."""
    return f"http://127.0.0.1:{servers.hook.port}/…"


@then("the output says the chat message was not sent, naming the chat by its server only")
def chat_not_sent_shown(servers: Servers) -> None:
    assert servers.last is not None and servers.last.exit_code == 1
    said = f"NOT sent to {_chat_shown(servers)} (webhook): the webhook at 127.0.0.1 answered 500"
    assert said in servers.last.stdout, servers.last.stdout


@then('"sco-tracker runs" and "sco-tracker runs --json" name the chat by its server only')
def runs_name_the_chat(workdir: Path, servers: Servers) -> None:
    import json

    listed = run_cli(["runs"], workdir)
    assert f"(news, webhook to {_chat_shown(servers)}) waiting for a retry" in listed.stdout
    data = json.loads(run_cli(["runs", "--json"], workdir).stdout)
    assert [n["recipient"] for n in data["notifications"]] == [_chat_shown(servers)]


@then("neither the output nor the list of runs shows the secret token")
def token_not_shown(workdir: Path, servers: Servers) -> None:
    assert servers.last is not None
    for result in (servers.last, run_cli(["runs"], workdir), run_cli(["runs", "--json"], workdir)):
        assert SLACK_TOKEN not in result.output and "B0CONTACT" not in result.output, result.output


@then("the tracker's database does not hold the secret token")
def token_not_stored(workdir: Path) -> None:
    from dbbackend import table_rows
    from sco_tracker.db.store import database_setting, resolve_url

    file = str(workdir / "commitments.yaml")
    url = resolve_url(None, file, database_setting(file))
    assert SLACK_TOKEN not in str(table_rows(url))
    if url.startswith("sqlite:///"):
        assert SLACK_TOKEN.encode() not in Path(url.removeprefix("sqlite:///")).read_bytes()


@then("what validate printed does not show the secret token")
def validate_hides_token(result: Result) -> None:
    assert SLACK_TOKEN not in result.output and "B0CONTACT" not in result.output, result.output


def test_show_goes_with_a_dry_run(project_dir: Path) -> None:
    r = run_cli(["notify", "--show"], project_dir)
    assert r.exit_code == 2
    assert "--show goes with --dry-run: 'sco-tracker notify --dry-run --show'" in r.output
