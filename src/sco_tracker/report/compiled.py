"""The built-in templates, compiled once and kept beside them (Jinja's bytecode cache).

Jinja compiles a template's text to Python code on first use in each process: for the fourteen
templates of a `run` that is about 0.12 s, a fifth of the whole run on the shipped file. The
code of the built-in templates (the package's own `templates/` folders) is kept in the
package's `__pycache__` folder, beside the code Python keeps of our modules, and read back by
the next process (never inside `templates/`, where it would be listed as a template).

Only the built-in templates are kept, never a user's (settings.templates_dir): their code
would be read back from a folder in the project, which comes through git from many people, and
run. What is kept is trusted as much as our `.pyc` files are: it lives with the package's code,
never with the data. Each entry is checked by Jinja against the template's text (a changed
template is compiled again); the name of the folder's files holds a stamp of what else shapes
the code (Jinja's and Python's versions, ours, and the environment's own settings), so an
upgrade never reads code compiled by another version. A folder that cannot be written (a
read-only install), or PYTHONDONTWRITEBYTECODE, only means the templates are compiled in each
process, as before.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from sco_tracker import __version__


class BuiltinBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file-system bytecode cache, for the templates inside `folder` only (a template
    read from anywhere else is compiled every time and never written down), kept in the
    `__pycache__` folder of the package that holds `folder`. settings: what else shapes the
    compiled code (the environment's class and options), as text."""

    def __init__(self, folder: Path, settings: str) -> None:
        self.folder = os.path.realpath(folder)
        stamp = hashlib.sha256(
            f"{jinja2.__version__}\0{sys.version}\0{__version__}\0{settings}".encode()
        ).hexdigest()[:16]
        cache = os.path.join(os.path.dirname(self.folder), "__pycache__")
        super().__init__(cache, f"jinja-{stamp}-%s.cache")
        #: The keys of the buckets of built-in templates, as Jinja asked for them.
        self._ours: set[str] = set()

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        key = self.get_cache_key(name, filename)
        if filename is None or not self._builtin(name, filename):
            self._ours.discard(key)  # a file that was a built-in one earlier in this process
            return Bucket(environment, key, "")
        self._ours.add(key)  # before Jinja asks load_bytecode for it
        return super().get_bucket(environment, name, filename, source)

    def _builtin(self, name: str, filename: str) -> bool:
        """Whether filename is the built-in template of that name, asked for as our templates
        name it: "./x", "x/" or "//x" read the same file, but each would be an entry of its own
        (the key holds the name), and a user's template may ask for any number of them."""
        pieces = name.split("/")
        if any(p in ("", ".", "..") for p in pieces):
            return False
        return os.path.realpath(filename) == os.path.join(self.folder, *pieces)

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key not in self._ours:
            return
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry, whatever it raises: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        # as Python writes no .pyc under PYTHONDONTWRITEBYTECODE (or -B), nothing is written
        if bucket.key not in self._ours or sys.dont_write_bytecode:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:  # a read-only install: compiled in each process
            return
