"""Binds features/press_releases.feature."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then
from ruamel.yaml import YAML

from conftest import BEIJING_TEXT, ROOT
from intake_docs import BISHKEK_PRESS, SCO_PRESS_HEAD, SCO_PRESS_PARAGRAPHS, press_release_pdf

scenarios("press_releases.feature")

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
#: What a title never starts with: an infinitive's "to", a determiner or a pronoun.
NOT_A_VERB = re.compile(r"^(?:To|The|A|An|Its|Their|Our|This|These|It|They|We)\b")


@given(
    parsers.parse(
        "an SCO press release on the Beijing meeting of the Security Council Secretaries, as a"
        ' PDF with the SCO\'s letterhead and a "PRESS RELEASE" label, as "{name}"'
    )
)
def press_release(workdir: Path, name: str) -> None:
    press_release_pdf(workdir / name, SCO_PRESS_HEAD, SCO_PRESS_PARAGRAPHS)


@given(
    parsers.parse(
        "a text press release of the SCO Secretariat on the meeting of the Council of Ministers"
        ' of Foreign Affairs in Bishkek, as "{name}"'
    )
)
def bishkek_press(workdir: Path, name: str) -> None:
    (workdir / name).write_text("\n".join(BISHKEK_PRESS) + "\n", encoding="utf-8")


@given(parsers.parse('the made-up document "{source}" as "{name}"'))
def made_up(workdir: Path, source: str, name: str) -> None:
    """A document written for the tests (tests/data/styles/*-TEST-DATA.*)."""
    shutil.copy(ROOT / "tests" / "data" / "styles" / source, workdir / name)


@given(parsers.parse('the Beijing communiqué as a new text "{name}"'))
def beijing_text(workdir: Path, name: str) -> None:
    shutil.copy(BEIJING_TEXT, workdir / name)


@given(parsers.parse('the extracted text of resolution 80/11 as "{name}"'))
def resolution_text(workdir: Path, name: str) -> None:
    shutil.copy(CORPUS / "A_RES_80_11.md", workdir / name)


@then(parsers.parse('"{relpath}" has the line "{line}"'))
def has_line(workdir: Path, relpath: str, line: str) -> None:
    assert line in (workdir / relpath).read_text(encoding="utf-8").split("\n")


def _commitments(result: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = YAML(typ="safe").load(result.stdout)["commitments"]
    assert found, result.output
    return found


@then(parsers.parse('no proposed commitment quotes "{text}"'))
def no_commitment_quotes(result: Any, text: str) -> None:
    quotes = [c["quote"] for c in _commitments(result)]
    assert not [q for q in quotes if text in q], quotes


@then('every proposed title starts with a verb, not "To", "The", "Its" or a noun')
def titles_are_instructions(result: Any) -> None:
    from sco_tracker.sources.verbforms import verb_of

    for c in _commitments(result):
        title = c["title"]
        assert not NOT_A_VERB.match(title), title
        first = title.split()[0].strip(",").lower()
        assert not first.endswith("ing") or verb_of(first) is None, title


@then(parsers.parse('no proposed commitment has the theme "{theme}"'))
def no_theme(result: Any, theme: str) -> None:
    themes = [c["theme"] for c in _commitments(result)]
    assert theme not in themes, themes


@then(parsers.parse('the proposed exclusion of paragraph {n:d} is "{reason}", noted "{note}"'))
def exclusion_is(result: Any, n: int, reason: str, note: str) -> None:
    found = YAML(typ="safe").load(result.stdout)["exclusions"]
    mine = [x for x in found if x["paragraph"] == n]
    assert [(x["reason"], x.get("note")) for x in mine] == [(reason, note)], found


@then(parsers.parse('the proposal quoting "{text}" is addressed to "{ids}"'))
def addressed_to(result: Any, text: str, ids: str) -> None:
    (found,) = [c for c in _commitments(result) if text in c["quote"]]
    assert found.get("addressees") == ids.split(", "), found
