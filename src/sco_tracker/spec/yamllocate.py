"""Where one entry of a file read by the fast path is, without reading the whole file again.

A valid file is read by yaml-rs, which keeps no positions. A warning still needs the line and
column of its value, as the careful reader (yamlfile.parse) gives them. Reading the whole file
carefully for that costs three times the validation at 10,000 commitments; instead, the
careful reader reads only the lines of the one entry the message is about:

- a top-level key (`settings:`, `parties:`) starts a line at column 0, and its block runs to
  the next top-level key;
- entry N of a list section is the block from the Nth line that starts with the list's `- `
  (at the indentation of its first entry) to the next such line.

The lines are cut as they are (columns unchanged) and their line numbers shifted back, so the
careful reader gives the very positions it gives on the whole file. The cut is trusted only when
it cannot be wrong: the top-level keys found must be the file's keys in their order, and the
list's `- ` lines must be exactly as many as its entries (a quoted text or a bracketed list
running over several lines could hold a line that looks like one; there would be one too many).
Anything else (flow style, a carriage return without a line feed, a parse that fails) returns
None, and the caller reads the whole file.
"""

from __future__ import annotations

import bisect
import re
import zlib
from typing import Any

from sco_tracker.problems import InvalidFile
from sco_tracker.spec.yamlfile import Path, Positions, parse

#: A top-level key written plainly at column 0: `settings:` (then a space, a comment or the end).
_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?=[ #\n]|$)")
#: The start of a line at column 0 that is not blank, a comment or an item of an unindented
#: list (a key, or something this module does not cut at). A pattern that starts with a literal
#: line feed: the regex engine skips to each line feed at C speed through 8 MB.
_COLUMN_0 = re.compile(r"\n[^ \n#-]")
#: A blank or comment line.
_BLANK = re.compile(r" *(?:#[^\n]*)?(?:\n|$)")


#: The size from which a file's text is kept compressed once validated (LazyPositions.pack).
PACK_FROM = 16 * 1024 * 1024


class Text:
    """A file's text, which can be kept compressed while nobody reads it (pack): after
    validation, only a later message asks for a position again."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._packed: bytes | None = None

    def get(self) -> str:
        if self._text is None:
            assert self._packed is not None
            self._text = zlib.decompress(self._packed).decode("utf-8", "surrogatepass")
            self._packed = None
        return self._text

    def pack(self) -> None:
        """Compressed from here on, when it is large (PACK_FROM): 100,000 commitments are 80 MB
        of text, 10 MB compressed. Read again (decompressed) when asked for."""
        if self._text is not None and len(self._text) >= PACK_FROM:
            self._packed = zlib.compress(self._text.encode("utf-8", "surrogatepass"), 1)
            self._text = None


class Locator:
    """Positions of single entries of one text, read piece by piece and remembered."""

    def __init__(self, text: str | Text, name: str, sections: dict[str, int | None]) -> None:
        """sections: the file's top-level keys in order, each with its number of entries when
        its value is a list (else None)."""
        self._held = text if isinstance(text, Text) else Text(text)
        text = self._held.get()
        self.name = name
        self.sections = sections
        self._blocks: dict[str, tuple[int, int]] | None = None
        self._items: dict[str, list[int] | None] = {}
        self._read: dict[tuple[str | int, ...], Positions | None] = {}
        self._cr = "\r" in text  # a carriage return: lines this module does not count alike
        #: Offsets whose line numbers are known (sorted), and those line numbers (from 0).
        self._marks, self._lines = [0], [0]

    @property
    def text(self) -> str:
        return self._held.get()

    def positions(self, path: Path) -> Positions | None:
        """Careful positions that hold every key and value at or under path's entry (a
        section's entry N for a list section, else the whole top-level key), or None."""
        if not path or not isinstance(path[0], str) or self._cr:
            return None
        blocks = self._top_blocks()
        if blocks is None or path[0] not in blocks:
            return None
        section = path[0]
        if len(path) >= 2 and isinstance(path[1], int) and self.sections.get(section):
            key: tuple[str | int, ...] = (section, path[1])
            if key not in self._read:
                self._read[key] = self._entry(section, path[1])
            return self._read[key]
        if (section,) not in self._read:
            start, end = blocks[section]
            self._read[(section,)] = self._careful(start, end, ())
        return self._read[(section,)]

    def entry_bounds(self, section: str) -> list[int] | None:
        """Where each entry of a list section starts, then where the last one ends (the cut
        `positions` trusts: entry i is text[bounds[i]:bounds[i + 1]]), or None when it cannot
        be cut with certainty. Offsets, not texts: 100,000 entries are not copied at once."""
        if self._cr or not self.sections.get(section):
            return None
        blocks = self._top_blocks()
        if blocks is None or section not in blocks:
            return None
        starts = self._item_starts(section)
        if starts is None:
            return None
        return [*starts, blocks[section][1]]

    def _top_blocks(self) -> dict[str, tuple[int, int]] | None:
        """Each top-level key's block as (start, end) offsets, or None when the lines at column
        0 are not exactly the file's keys, in order."""
        if self._blocks is not None:
            return self._blocks
        text = self.text
        starts = [0] if text[:1] not in ("", " ", "\n", "#", "-") else []
        starts += [m.start() + 1 for m in _COLUMN_0.finditer(text)]
        found = []
        for start in starts:
            key = _TOP_KEY.match(text, start)
            if key is None:
                return None  # not a plain key (a quoted one, a document marker "...")
            found.append((key.group(1), start))
        if [name for name, _ in found] != list(self.sections):
            return None
        if text.startswith("---") or "\n---" in text:
            return None  # a document marker
        ends = [start for _, start in found[1:]] + [len(text)]
        self._blocks = {name: (start, end) for (name, start), end in zip(found, ends, strict=True)}
        return self._blocks

    def _entry(self, section: str, index: int) -> Positions | None:
        starts = self._item_starts(section)
        if starts is None or not 0 <= index < len(starts):
            return None
        end = starts[index + 1] if index + 1 < len(starts) else self._blocks_end(section)
        return self._careful(starts[index], end, (section, index))

    def _blocks_end(self, section: str) -> int:
        assert self._blocks is not None
        return self._blocks[section][1]

    def _item_starts(self, section: str) -> list[int] | None:
        """The offsets of the `- ` lines of a list section, when they are as many as its
        entries (else None)."""
        if section in self._items:
            return self._items[section]
        assert self._blocks is not None
        start, end = self._blocks[section]
        text, found = self.text, None
        pos = text.find("\n", start) + 1  # the line after `section:`
        while 0 < pos < end:  # skip blank and comment lines to the first entry's line
            blank = _BLANK.match(text, pos)
            if blank is None or blank.end() == pos:
                break
            pos = blank.end()
        if 0 < pos < end:
            line_end = text.find("\n", pos)
            line = text[pos : line_end if line_end >= 0 else len(text)]
            indent = len(line) - len(line.lstrip(" "))
            if line[indent : indent + 2] in ("- ", "-"):
                # From the line feed before each: a literal start, found at C speed.
                dash = re.compile(f"\n {{{indent}}}-[ \n]")
                found = [pos] + [m.start() + 1 for m in dash.finditer(text, pos, end)]
                if len(found) != self.sections[section]:
                    found = None
        self._items[section] = found
        return found

    def _line_of(self, offset: int) -> int:
        """The line (from 0) of an offset: counted from the nearest offset already counted, so
        that the warnings of a large file do not count its lines again each."""
        k = bisect.bisect_right(self._marks, offset) - 1
        line = self._lines[k] + self.text.count("\n", self._marks[k], offset)
        self._marks.insert(k + 1, offset)
        self._lines.insert(k + 1, line)
        return line

    def _careful(self, start: int, end: int, prefix: tuple[str | int, ...]) -> Positions | None:
        """The careful reader on text[start:end], its positions moved to the whole file's lines
        and (for an entry) its paths put under prefix."""
        piece = self.text[start:end]
        shift = self._line_of(start)
        try:
            data, found = parse(piece, self.name)
        except InvalidFile:
            return None
        if prefix and not (isinstance(data, list) and len(data) == 1):
            return None
        moved = Positions(self.name)

        def place(paths: dict[Path, tuple[int, int]], into: dict[Path, tuple[int, int]]) -> None:
            for p, (line, col) in paths.items():
                if prefix:
                    if not p:
                        continue  # the one-entry list around the entry
                    p = prefix + p[1:]
                into[p] = (line + shift, col)

        place(found.values, moved.values)
        place(found.keys, moved.keys)
        return moved


def sections_of(data: Any) -> dict[str, int | None]:
    """The top-level keys of the file's data, with the length of each list."""
    return {k: (len(v) if isinstance(v, list) else None) for k, v in data.items()}


class LazyPositions(Positions):
    """Positions computed only when first asked for, by the careful reader (parse).

    The fast path (fast_load) reads a valid file without positions; an error or warning
    message, or Project.line_of, asks for them. For a position in one entry (or one top-level
    key), only that entry's lines are read carefully (spec/yamllocate.py): a warning costs
    about its message. Anything else reads the whole file carefully, once.
    """

    def __init__(self, file: str, text: str, data: Any = None) -> None:
        self.file = file
        self.problems = []
        self._held = Text(text)
        self._locator = (
            Locator(self._held, file, sections_of(data)) if isinstance(data, dict) else None
        )

    @property
    def text(self) -> str:
        """The file's text."""
        return self._held.get()

    def pack(self) -> None:
        """Keep the text compressed until a position is asked for again (Text.pack)."""
        self._held.pack()

    @property
    def locator(self) -> Locator | None:
        """The cutter of this file's entries (None without the fast reader's data)."""
        return self._locator

    def __getattr__(self, name: str) -> Any:
        if name in ("keys", "values"):
            _, full = parse(self.text, self.file)
            self.keys, self.values = full.keys, full.values
            return getattr(self, name)
        raise AttributeError(name)

    def _part(self, path: Path) -> Positions | None:
        if self._locator is None or "values" in self.__dict__:
            return None  # no data to check the cut against, or the whole file is read already
        return self._locator.positions(path)

    def of_value(self, path: Path) -> tuple[int, int]:
        part = self._part(path)
        return part.of_value(path) if part is not None else super().of_value(path)

    def of_key(self, path: Path) -> tuple[int, int]:
        part = self._part(path)
        return part.of_key(path) if part is not None else super().of_key(path)
