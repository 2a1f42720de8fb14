"""The commitments that validated cleanly last time, so that their own checks are not run again.

After a valid validation, `.sco-tracker-cache/entries.json` (see sco_tracker.cache) remembers
the SHA-256 of each clean commitment's exact text: its lines as spec/yamllocate.py cuts them,
from its `- ` line to the next. Clean means that no problem and no warning at all was reported
at or under it. With the digests are kept the tool's stamp (version and code), the day of that
validation, and a fingerprint of everything else the checks of one commitment read: the
settings, the parties, party groups, sources and events (as validated), every source text (its
paragraphs), the assessment windows, and the sections that are broken. The day is a bound, not
a part of the fingerprint: what a commitment's checks ask of today is only whether its dates
are after it, so a commitment clean on a day is clean on every later day; validating as of an
earlier day takes nothing as remembered.

What is skipped for a remembered commitment:
- with the same tool: the fast reader's check that none of its values reads otherwise under
  YAML 1.1 (yamlfile.plain), a function of its text alone;
- with the same fingerprint too: the checks that read only the commitment and the inputs
  fingerprinted (rules.check_references, rules.check_commitment, links.check_links).
What is never skipped: the model (pydantic builds every commitment: later steps need them),
whatever reads other commitments (the ids named by `depends_on` and `restates` are looked up
again, in the order the full checks report them: `check_remembered`), what changes the model
(party groups expanded, the paragraph resolved to its line), and every rule across entries
(duplicate ids, cycles, restatements, drafts, the notification settings).

Only files read by the fast reader are cut (no anchors, aliases, tags or merge keys there, so
an entry's data is a function of its own text); a file read carefully (an invalid file, an
edit being checked) is checked in full, as is any entry that cannot be cut with certainty. A
damaged or foreign cache file, another tool, or SCO_TRACKER_NO_CACHE: nothing is remembered.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
from datetime import date
from typing import TYPE_CHECKING, Any

from sco_tracker import cache
from sco_tracker.spec import yamlfile
from sco_tracker.spec.model import Commitment, set_line
from sco_tracker.spec.yamlfile import Path, Positions
from sco_tracker.spec.yamllocate import LazyPositions

if TYPE_CHECKING:
    from sco_tracker.spec.rules import RulesChecker

ENTRIES_FILE = "entries.json"
VERSION = 1
#: The hex digits kept of each SHA-256 (128 bits).
_KEY = 32
_SECTION = "commitments"


def text_digest(paragraphs: list[str] | None) -> str | None:
    """The digest of a source text as the checks read it (its paragraphs)."""
    if paragraphs is None:
        return None
    h = hashlib.sha256(f"{len(paragraphs)}\n".encode())
    h.update("\n".join(paragraphs).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _plain_json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(type(value).__name__)


class EntryMemo:
    """The remembered commitments of one project, for one validation."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.tool = cache.tool_stamp()
        self.known: set[str] = set()
        self.stored_fingerprint: str | None = None
        self.stored_day: str | None = None
        self.day: str | None = None
        self.fingerprint: str | None = None
        #: The keys of the commitments as merged (None where an entry cannot be cut).
        self.keys: list[str | None] = []
        self._keys_of: dict[int, list[str | None]] = {}  # by id() of the file's positions
        self._held: list[Positions] = []  # those positions, kept alive while their id is used
        data = cache._read(file, ENTRIES_FILE)
        if (
            isinstance(data, dict)
            and data.get("version") == VERSION
            and data.get("tool") == self.tool
            and isinstance(data.get("clean"), str)
        ):
            self.known = set(data["clean"].split())
            found = data.get("fingerprint")
            self.stored_fingerprint = found if isinstance(found, str) else None
            day = data.get("day")
            self.stored_day = day if isinstance(day, str) else None

    @classmethod
    def read(cls, file: str) -> EntryMemo | None:
        """The memo of the project of file, or None when the cache is off."""
        if os.environ.get(cache.NO_CACHE_ENV):
            return None
        return cls(file)

    # -- the keys --------------------------------------------------------------------------
    def _own_keys(self, positions: Positions, count: int) -> list[str | None]:
        """The keys of the `count` commitments of one file (positions of the fast reader)."""
        found = self._keys_of.get(id(positions))
        if found is not None and len(found) == count:
            return found
        locator = positions.locator if isinstance(positions, LazyPositions) else None
        bounds = locator.entry_bounds(_SECTION) if locator is not None else None
        if locator is None or bounds is None or len(bounds) != count + 1:
            keys: list[str | None] = [None] * count
        else:
            text = locator.text  # each entry cut, hashed and let go, one at a time
            keys = [
                hashlib.sha256(text[a:b].encode("utf-8", "surrogatepass")).hexdigest()[:_KEY]
                for a, b in itertools.pairwise(bounds)
            ]
        self._keys_of[id(positions)] = keys
        self._held.append(positions)
        return keys

    def plain(self, data: dict[str, Any], positions: Positions) -> bool:
        """yamlfile.plain(data) (the fast reader's data of one file), not asked again of the
        remembered commitments."""
        entries = data.get(_SECTION)
        if not self.known or not isinstance(entries, list) or not entries:
            return yamlfile.plain(data)
        keys = self._own_keys(positions, len(entries))
        rest = [e for e, k in zip(entries, keys, strict=True) if k is None or k not in self.known]
        return yamlfile.plain({**data, _SECTION: rest})

    def bind(self, positions: Positions, count: int, inputs: list[Any], today: date) -> None:
        """The keys of the `count` commitments as merged, the fingerprint of the inputs, and
        the day the validation is for."""
        self.day = today.isoformat()
        from sco_tracker.spec.multifile import MergedPositions  # noqa: PLC0415 - a cycle

        if isinstance(positions, MergedPositions):
            starts, owners = positions.owners(_SECTION)
            ends = [*starts[1:], count]
            self.keys = []
            for start, end, owner in zip(starts, ends, owners, strict=True):
                self.keys.extend(self._own_keys(owner, end - start))
        else:
            self.keys = self._own_keys(positions, count)
        try:
            text = json.dumps([VERSION, self.tool, *inputs], default=_plain_json)
        except (TypeError, ValueError):
            self.fingerprint = None  # something it cannot fingerprint: nothing is skipped
            return
        self.fingerprint = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def clean(self, index: int) -> bool:
        """Whether commitment `index` (as merged) was clean with this text and fingerprint."""
        if self.fingerprint is None or self.fingerprint != self.stored_fingerprint:
            return False
        if self.stored_day is None or self.day is None or self.stored_day > self.day:
            return False  # (ISO dates: compared as text)
        key = self.keys[index] if 0 <= index < len(self.keys) else None
        return key is not None and key in self.known

    def save(self, touched: set[int]) -> None:
        """Remember every commitment of this valid project but those at (or under) which a
        problem or a warning was reported. Never fails: it is a cache."""
        if self.fingerprint is None or self.day is None:
            return
        clean = {k for i, k in enumerate(self.keys) if k is not None and i not in touched}
        if (clean, self.fingerprint, self.day) == (
            self.known,
            self.stored_fingerprint,
            self.stored_day,
        ):
            return
        data = {
            "version": VERSION,
            "tool": self.tool,
            "fingerprint": self.fingerprint,
            "day": self.day,
            "clean": " ".join(sorted(clean)),
        }
        with contextlib.suppress(Exception):  # an unwritable folder just means no cache
            cache._write(self.file, ENTRIES_FILE, data, pause="entries")


def check_remembered(
    checker: RulesChecker,
    i: int,
    c: Commitment,
    texts: dict[str, list[str] | None],
    commitment_ids: dict[str, Any],
    groups: dict[str, list[str]],
) -> None:
    """For a remembered commitment, of its checks (rules.check_references and
    rules.check_commitment) those that read other commitments, the ids of depends_on and
    restates, in the order those report them; and what they change in the model (party groups
    expanded, the paragraph's line)."""
    base: Path = (_SECTION, i)
    for j, d in enumerate(c.depends_on):
        if d and d not in commitment_ids:
            checker.ref(base + ("depends_on", j), d, commitment_ids, "commitment")
    if groups:
        c.parties = checker.expand(c.parties)
    paras = texts.get(c.source)
    if paras is not None and c.paragraph is not None:
        set_line(c, checker.paragraph_line(base, c.source, c.paragraph, paras))
    if c.restates is not None and c.restates not in commitment_ids:
        checker.ref(base + ("restates",), c.restates, commitment_ids, "commitment")
