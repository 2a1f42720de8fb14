"""Output encoding: what each output format needs done to text that comes from the user's files.

Every output is read by something that gives some characters a meaning: a Markdown viewer, a
browser, a calendar program, a spreadsheet, a terminal. Text from commitments.yaml (titles,
names, notes, links) goes through one of these before it is written, so it is shown as text
and never acts:

- `web_url`: a link we may write: http(s) or mailto only (spec/vocabulary.LINK_SCHEMES), with
  every character a URI may not hold percent-encoded (whitespace and line breaks, control
  characters, quotes, angle and square brackets, non-ASCII letters), so a link stays one link
  in Markdown, HTML and iCalendar.
- `csv_cell`: a text cell a spreadsheet will not run as a formula: OWASP's advice, a single
  quote before a cell that begins with = + - @, a tab or a carriage return.
- `shown`: text for the terminal with control characters written as visible \\u escapes (a
  line break and a tab stay as they are; a lone carriage return does not).
- `one_line`: text for one line of a terminal table or message (line breaks escaped too).
- `printable`: text for a format with no escape for control characters (iCalendar's TEXT):
  each becomes U+FFFD.

Standard library only (and spec/vocabulary, which is too): every layer may use it.
"""

from __future__ import annotations

import re
from typing import Any, TextIO
from urllib.parse import quote

from sco_tracker.spec.vocabulary import link

#: Characters a link keeps as they are (besides letters, digits and "_.-~", which quote keeps):
#: RFC 3986's delimiters and "%", so an already-encoded link is unchanged. Not kept: space and
#: every control character, '"', "<", ">", "[", "]", "\\", "^", "`", "{", "|", "}", non-ASCII.
_URL_KEEP = "!#$%&'()*+,/:;=?@"


def web_url(url: str | None) -> str | None:
    """The link if it is a web or mail link, percent-encoded as above; None otherwise."""
    found = link(url)
    return None if found is None else quote(found, safe=_URL_KEEP, errors="replace")


#: What a spreadsheet may take for the start of a formula (with the full-width forms).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def csv_cell(value: Any) -> str:
    """A CSV cell of text from the user's file that no spreadsheet will evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


#: Control characters (C0 but tab and line feed, DEL, C1) and the bidirectional overrides and
#: isolates that can make text read differently from what it is; a CR not before a line feed.
_CONTROL = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_BREAK = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def shown(text: str) -> str:
    """Text for the terminal: control characters as \\uXXXX, never raw (also valid in JSON)."""
    return _CONTROL.sub(_escape, text)


def printable(value: Any) -> str:
    """Text for a file format that has no escape for control characters (iCalendar): each is
    replaced by U+FFFD. Line breaks stay, for the format to encode."""
    return _CONTROL.sub("\ufffd", "" if value is None else str(value))


def one_line(value: Any) -> str:
    """Text for one line of terminal output: line breaks escaped as well."""
    return _CONTROL_OR_BREAK.sub(_escape, "" if value is None else str(value))


class ShownStream:
    """A text stream that writes everything through `shown`: what the CLI prints goes through
    it, so no command can send a control character from the user's data to the terminal."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str | bytes) -> int:
        if isinstance(text, bytes | bytearray):
            raise TypeError("a text stream")  # click asks so, to tell text from binary streams
        self._inner.write(shown(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # no way around the escaping
            raise AttributeError(name)
        return getattr(self._inner, name)
