"""Drive an interactive sco-tracker command in a real pseudo-terminal, as an analyst would at a
terminal: read its output until a prompt appears, type an answer (standard library only)."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

#: How long to wait for a prompt before failing: generous, so a slow machine never fails
#: (nothing here measures time).
PATIENCE = 120.0
_ESCAPES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class Terminal:
    """sco-tracker ARGS running in a pseudo-terminal in folder cwd."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sco_tracker", *args],
            cwd=cwd,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "TERM": "dumb", **(env or {})},
            stdin=slave,
            stdout=slave,
            stderr=slave,
            close_fds=True,
        )
        os.close(slave)
        self.seen = ""  # everything shown so far, escapes removed
        self._unread = 0  # where expect() looks from

    def _read(self) -> bool:
        ready, _, _ = select.select([self.master], [], [], PATIENCE)
        if not ready:
            return False
        try:
            data = os.read(self.master, 4096)
        except OSError:  # the command ended and the terminal closed
            return False
        if not data:
            return False
        self.seen += _ESCAPES.sub("", data.decode("utf-8", "replace").replace("\r\n", "\n"))
        return True

    def expect(self, text: str) -> str:
        """Wait until text appears (after what was expected before); the output up to it."""
        while text not in self.seen[self._unread :]:
            if not self._read():
                raise AssertionError(f"{text!r} never appeared; the terminal showed:\n{self.seen}")
        end = self.seen.index(text, self._unread) + len(text)
        shown, self._unread = self.seen[self._unread : end], end
        return shown

    def prompt(self) -> str:
        """Wait until the command asks something (its output ends with ': '); the question."""
        while not self.seen.endswith(": ") or len(self.seen) <= self._unread:
            if not self._read():
                raise AssertionError(f"no question was asked; the terminal showed:\n{self.seen}")
        question, self._unread = self.seen[self._unread :], len(self.seen)
        return question.rsplit("\n", 1)[-1]

    def type(self, line: str) -> None:
        """Type a line and press Enter."""
        os.write(self.master, line.encode() + b"\r")

    def end_input(self) -> None:
        """Press Ctrl-D at the start of a line: the end of the input. (Ctrl-C is not typed:
        a signal races with the command, a typed byte waits for it; see interrupt().)"""
        os.write(self.master, b"\x04")

    def interrupt(self) -> None:
        """Press Ctrl-C while the command waits for an answer. Its question is written just
        before it starts to read, so a signal sent at once could come before the read and be
        lost; it is sent once the process sleeps (state S in /proc/PID/stat: Linux), which,
        after the question, is the read itself."""
        stat = Path(f"/proc/{self.proc.pid}/stat")
        for _ in range(int(PATIENCE * 100)):
            if stat.read_text().rsplit(")", 1)[1].split()[0] == "S":
                break
            time.sleep(0.01)
        else:
            raise AssertionError("the command never waited for an answer")
        self.proc.send_signal(signal.SIGINT)

    def finish(self) -> int:
        """Read to the end; the exit code."""
        while self._read():
            pass
        code = self.proc.wait(timeout=PATIENCE)
        os.close(self.master)
        return code
