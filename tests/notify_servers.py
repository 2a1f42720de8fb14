"""Real servers on 127.0.0.1 for the notification tests: an SMTP server (aiosmtpd) and an HTTP
server (http.server) that record what they receive. Both can be told to fail or to hang."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mail:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes


@dataclass
class SmtpRecorder:
    """An aiosmtpd handler: keeps every message it accepts."""

    messages: list[Mail] = field(default_factory=list)
    #: answer every DATA with this instead of 250 (e.g. '451 try later')
    fail_with: str | None = None
    #: after accepting the n-th message (1-based), wait for `release` before answering
    hold_after: int | None = None
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        if self.fail_with:
            return self.fail_with
        raw = bytes(envelope.original_content or envelope.content)
        msg = message_from_bytes(raw, policy=policy.default)
        self.messages.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), msg, raw))  # type: ignore[arg-type]
        if self.hold_after is not None and len(self.messages) == self.hold_after:
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Mail]:
        return [m for m in self.messages if address in m.rcpt_tos]

    def wait_for(self, n: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.messages) < n and time.monotonic() < deadline:
            time.sleep(0.05)


def authenticator(recorder: SmtpRecorder, password: str) -> Any:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def check(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, given = auth_data.login.decode(), auth_data.password.decode()
        recorder.logins.append((user, given))
        return AuthResult(success=given == password)

    return check


@dataclass
class Post:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class HookServer:
    """A webhook receiver on 127.0.0.1: records each POST; answers `status` (or hangs)."""

    def __init__(self) -> None:
        self.posts: list[Post] = []
        self.status = 200
        self.hang_seconds = 0.0
        #: sent as the Location header when set (a redirect, with `status` 302)
        self.location: str | None = None
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if owner.hang_seconds:  # answers too late: the sender has given up, not kept
                    time.sleep(owner.hang_seconds)
                    return
                owner.posts.append(
                    Post(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                )
                self.send_response(owner.status)
                if owner.location:
                    self.send_header("Location", owner.location)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/hooks/desk") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- a fixture project with settings.notify -------------------------------------------------

DESK = "desk@example.org"
AFGHANISTAN_DESK = "afghanistan.desk@example.org"
QINGDAO_OVERDUE = ("qingdao-drug-abuse-concept", "qingdao-youth-action-programme")


def notify_settings(
    smtp_port: int | None,
    hook_url: str | None,
    *,
    to: list[str] | None = None,
    email_extra: str = "",
    hook_extra: str = "",
    extra: str = "",
) -> str:
    """The YAML of settings.notify (and anything else under settings), indented for settings."""
    lines = ["  notify:"]
    if smtp_port is not None:
        lines += [
            "    email:",
            "      host: 127.0.0.1",
            f"      port: {smtp_port}",
            "      security: none",
            "      from: tracker@example.org",
            "      timeout_seconds: 5",
        ]
        lines += [f"      {line}" for line in email_extra.splitlines() if line]
        lines.append("      to:")
        for entry in to or [DESK]:
            lines.append(f"        - {entry}")
    if hook_url is not None:
        lines += [
            "    webhooks:",
            f"      - url: {hook_url}",
            "        timeout_seconds: 2",
        ]
        lines += [f"        {line}" for line in hook_extra.splitlines() if line]
    return "\n".join(lines) + "\n" + extra


def configure(project_dir: Any, settings_yaml: str) -> None:
    """Put settings_yaml (indented as under settings:) into the fixture's commitments.yaml."""
    path = project_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  reports_dir: reports\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + settings_yaml, 1), encoding="utf-8")


class SmtpServer:
    """aiosmtpd's Controller on 127.0.0.1 (a thread with its own event loop)."""

    def __init__(
        self,
        port: int | None = None,
        password: str | None = None,
        *,
        starttls: Any = None,
        tls: Any = None,
    ) -> None:
        """starttls, tls: an ssl.SSLContext for STARTTLS (then required) or for implicit TLS."""
        from aiosmtpd.controller import Controller

        self.recorder = SmtpRecorder()
        self.port = port or free_port()
        kwargs: dict[str, Any] = {}
        if password is not None:
            kwargs = {
                "authenticator": authenticator(self.recorder, password),
                # aiosmtpd knows STARTTLS sessions only; an implicit TLS one is encrypted too.
                "auth_require_tls": starttls is not None,
            }
        if starttls is not None:
            kwargs.update(tls_context=starttls, require_starttls=True)
        if tls is not None:
            kwargs.update(ssl_context=tls)
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port, **kwargs)
        self.controller.start()

    def stop(self) -> None:
        self.recorder.release.set()
        self.controller.stop()


def self_signed(folder: Any) -> tuple[Any, Any]:
    """A certificate for 127.0.0.1 and localhost, made with openssl: (cert file, server context)."""
    import ssl
    import subprocess

    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context
