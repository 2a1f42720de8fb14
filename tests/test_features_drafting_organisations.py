"""Binds features/drafting_other_organisations.feature."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then
from ruamel.yaml import YAML

scenarios("drafting_other_organisations.feature")


@given("a tracker of these parties:", target_fixture="workdir")
def tracker(tmp_path: Path, datatable: list[list[str]]) -> Path:
    """A commitments.yaml of those parties only, with no source yet."""
    head, *rows = datatable
    parties = [dict(zip(head, (cell.strip() for cell in row), strict=True)) for row in rows]
    folder = tmp_path / "tracker"
    folder.mkdir()
    lines = ["parties:"]
    lines += [f"  - {{id: {p['id']}, name: '{p['name']}', kind: {p['kind']}}}" for p in parties]
    lines += ["sources: []", "commitments: []", ""]
    (folder / "commitments.yaml").write_text("\n".join(lines), encoding="utf-8")
    return folder


@given(parsers.parse('the party group "{gid}" of "{members}"'))
def party_group(workdir: Path, gid: str, members: str) -> None:
    path = workdir / "commitments.yaml"
    group = f"party_groups:\n  {gid}: [{members}]\n"
    path.write_text(path.read_text(encoding="utf-8") + group, encoding="utf-8")


@given(parsers.parse('the document "{name}":'))
def document(workdir: Path, name: str, docstring: str) -> None:
    (workdir / name).write_text(docstring.strip() + "\n", encoding="utf-8")


def _drafted(result: Any) -> dict[str, Any]:
    found: dict[str, Any] = YAML(typ="safe").load(result.stdout)
    assert found and found.get("commitments"), result.output
    return found


def _proposal(result: Any, quote: str) -> dict[str, Any]:
    (entry,) = [c for c in _drafted(result)["commitments"] if c["quote"].startswith(quote)]
    return entry


@then(parsers.parse('the proposal quoting "{quote}" is made by "{parties}"'))
def made_by(result: Any, quote: str, parties: str) -> None:
    assert _proposal(result, quote)["parties"] == [p.strip() for p in parties.split(",")]


@then(parsers.parse('the proposal quoting "{quote}" asks "{who}" to act'))
def asks(result: Any, quote: str, who: str) -> None:
    assert _proposal(result, quote).get("addressees") == [who]


@then(parsers.parse('the proposal quoting "{quote}" is due at "{due}"'))
def due_at(result: Any, quote: str, due: str) -> None:
    assert _proposal(result, quote).get("due") == due


@then(parsers.parse('the proposal quoting "{quote}" has the theme "{theme}"'))
def theme_of(result: Any, quote: str, theme: str) -> None:
    assert _proposal(result, quote)["theme"] == theme


@then("the draft proposes no new party")
def no_new_party(result: Any) -> None:
    assert not _drafted(result).get("parties"), result.output


@then(parsers.parse('the draft proposes the new party "{name}"'))
def new_party(result: Any, name: str) -> None:
    assert [p["name"] for p in _drafted(result).get("parties", [])] == [name], result.output
