"""Run sco-tracker as a real process held at a point (SCO_TRACKER_TEST_HOOK_PAUSE), to kill it
there with SIGKILL or to let it go on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


class Held:
    """`sco-tracker ARGS` in cwd, stopped at POINT (see sco_tracker.fileio.test_pause)."""

    def __init__(self, args: list[str], cwd: Path, point: str, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sco_tracker", *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "SCO_TRACKER_TEST_HOOK_PAUSE": f"{point}:{folder}"},
        )
        deadline = time.monotonic() + 120
        while not (folder / "paused").exists():
            if self.proc.poll() is not None:
                raise AssertionError(f"sco-tracker {args} ended before {point}: {self.output()}")
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"sco-tracker {args} never reached {point}")
            time.sleep(0.02)

    def output(self) -> str:
        return self.proc.stdout.read() if self.proc.stdout else ""

    def kill(self) -> int:
        """kill -9, as a crash or an impatient operator would."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        rc = self.proc.wait(timeout=30)
        if self.proc.stdout:
            self.proc.stdout.close()
        return rc

    def release(self) -> tuple[int, str]:
        (self.folder / "release").write_text("go")
        rc = self.proc.wait(timeout=120)
        out = self.output()
        if self.proc.stdout:
            self.proc.stdout.close()
        return rc, out
