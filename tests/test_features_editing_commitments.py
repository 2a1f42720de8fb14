"""Steps for features/editing_commitments.feature: mistakes made in a copy of the shipped file.

The expected line of each problem is computed from the edited file (never hard-coded), so a
problem reported one line off fails the scenario.
"""

from __future__ import annotations

import re
from pathlib import Path

from pytest_bdd import parsers, scenarios, then, when
from tests.conftest import Result

scenarios("editing_commitments.feature")

Q = r'"(?P<{}>[^"]*)"'  # a quoted step argument


def _unescape(text: str) -> str:
    """'\\n' in a step or an Examples cell stands for a line break in the file."""
    return text.replace("\\n", "\n")


def _lines(workdir: Path) -> list[str]:
    return (workdir / "commitments.yaml").read_text(encoding="utf-8").splitlines()


def _start_of(workdir: Path, commitment: str) -> int:
    """The line number (from 1) of '- id: <commitment>'."""
    for n, line in enumerate(_lines(workdir), start=1):
        if line.strip() == f"- id: {commitment}":
            return n
    raise AssertionError(f"commitment {commitment!r} not found in commitments.yaml")


def _line_with(workdir: Path, needle: str, *, start: int = 1, occurrence: int = 1) -> int:
    seen = 0
    for n, line in enumerate(_lines(workdir), start=1):
        if n >= start and needle in line:
            seen += 1
            if seen == occurrence:
                return n
    raise AssertionError(f"{needle!r} not found in commitments.yaml from line {start}")


def _assert_reported(result: Result, message: str, line: int) -> None:
    pattern = rf"^commitments\.yaml:{line}:\d+: {re.escape(message)}"
    assert re.search(pattern, result.stderr, re.MULTILINE), (
        f"expected a problem at line {line} starting {message!r}; got:\n{result.output}"
    )


@when(
    parsers.re(
        rf"in commitment {Q.format('commitment')} I change {Q.format('old')} to {Q.format('new')}"
    ),
    target_fixture="commitment",
)
def change_in_commitment(workdir: Path, commitment: str, old: str, new: str) -> str:
    path = workdir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {commitment}\n")
    at = text.find(_unescape(old), start)
    assert at >= 0, f"{old!r} not found in commitment {commitment!r}"
    next_entry = text.find("\n  - id: ", start + 1)
    assert next_entry < 0 or at < next_entry, f"{old!r} is not in commitment {commitment!r}"
    text = text[:at] + _unescape(new) + text[at + len(_unescape(old)) :]
    path.write_text(text, encoding="utf-8")
    return commitment


@when(parsers.re(rf"I change {Q.format('old')} to {Q.format('new')} in the file"))
def change_in_file(workdir: Path, old: str, new: str) -> None:
    path = workdir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    assert _unescape(old) in text, f"{old!r} not found in commitments.yaml"
    path.write_text(text.replace(_unescape(old), _unescape(new), 1), encoding="utf-8")


@then(
    parsers.re(
        rf"the output reports {Q.format('message')} at the line with {Q.format('at')} in that "
        r"commitment"
    )
)
def reported_in_commitment(
    workdir: Path, result: Result, commitment: str, message: str, at: str
) -> None:
    line = _line_with(workdir, _unescape(at), start=_start_of(workdir, commitment))
    _assert_reported(result, message, line)


@then(parsers.re(rf"the output reports {Q.format('message')} at the line with {Q.format('at')}"))
def reported_at(workdir: Path, result: Result, message: str, at: str) -> None:
    _assert_reported(result, message, _line_with(workdir, at))


@then(
    parsers.re(
        rf"the output reports {Q.format('message')} at the (?P<n>\d+)(st|nd|rd|th) line with "
        rf"{Q.format('at')}"
    )
)
def reported_at_nth(workdir: Path, result: Result, message: str, n: str, at: str) -> None:
    _assert_reported(result, message, _line_with(workdir, at, occurrence=int(n)))


@then(parsers.re(rf"the summary is one line that starts with {Q.format('text')}"))
def one_line(result: Result, text: str) -> None:
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(text), result.output


@then(parsers.re(rf"the only warning is {Q.format('message')} at the line with {Q.format('at')}"))
def only_warning(workdir: Path, result: Result, message: str, at: str) -> None:
    line = _line_with(workdir, at)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.output
    assert re.fullmatch(
        rf"commitments\.yaml:{line}:\d+: warning: {re.escape(message)}", lines[0]
    ), result.output


@then("the problems and warnings are listed in the order of their lines")
def in_file_order(result: Result) -> None:
    lines = [
        int(m.group(1))
        for m in re.finditer(r"^commitments\.yaml:(\d+):\d+: ", result.stderr, re.MULTILINE)
    ]
    assert len(lines) >= 2, result.output
    assert lines == sorted(lines), result.output


@then(
    parsers.re(
        rf"the output says that the line with {Q.format('at')} opens a quote that it does not "
        "close"
    )
)
def quote_traced_back(workdir: Path, result: Result, at: str) -> None:
    line = _line_with(workdir, at)
    assert f"line {line} opens a quote that it does not close" in result.stderr, result.output
