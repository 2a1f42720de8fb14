"""Advice for the YAML syntax errors an analyst makes by hand: a quote left open, a line
indented too far or not far enough. yamlfile.parse adds it to PyYAML's own message."""

from __future__ import annotations

import re
from typing import Any


def syntax_hint(exc: Any, line: int, lines: list[str]) -> str:
    """What to do about the syntax errors an analyst makes by hand: a quote left open, a line
    indented too far or not far enough. Empty when there is no advice to give."""
    what, context = exc.problem or "", exc.context or ""
    started = exc.context_mark.line + 1 if exc.context_mark is not None else None
    if "quoted scalar" in context:
        at = f" at line {started}" if started is not None else ""
        return f"; a quote opened{at} is not closed: add the closing quote at the end of the text"
    if "expected key" in what or "expected '-' indicator" in what or "expected <block end>" in what:
        open_quote = _open_quote(lines, started or line, line)
        if open_quote is not None:
            return (
                f"; line {open_quote} opens a quote that it does not close, so the lines below "
                "are read as part of that text: close the quote on that line"
            )
        kind = "list" if "collection" in context else "entry"
        where = (
            f" (the {kind} that starts at line {started})"
            if started is not None and started != line
            else ""
        )
        return (
            f"; check the indentation of line {line} and of the lines above it{where}: the keys "
            "of one entry line up under each other, and the items of a list all start with '- ' "
            "at the same column"
        )
    return ""


#: A value that starts with a quote: after a key ("title: 'Qingdao"), a list's "- ", or both.
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?(["'])(.*)$""")


def _open_quote(lines: list[str], first: int, last: int) -> int | None:
    """The first line from first to last (1-based) whose value opens a quote it does not
    close: the text then runs on into the lines below."""
    for n in range(max(first, 1), min(last, len(lines)) + 1):
        m = _QUOTED_VALUE.match(lines[n - 1])
        if m is None:
            continue
        quote, rest = m.groups()
        if quote == '"':
            closed = re.search(r'(?<!\\)"', rest) is not None
        else:
            closed = "'" in rest.replace("''", "")
        if not closed:
            return n
    return None
