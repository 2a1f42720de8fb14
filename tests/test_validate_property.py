"""Property: `validate` never raises, whatever the file holds.

For any input (arbitrary text, arbitrary bytes, the shipped file with characters changed, or
the shipped data with values swapped for arbitrary YAML), validate_file returns a result that
either holds a project and no problems, or problems (each pointing inside the file) and no
project. Example counts are bounded so the whole module runs in seconds.
"""

from __future__ import annotations

import copy
import re
import shutil
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import FROZEN_FILE, FROZEN_SOURCES

from sco_tracker.spec.validation import ValidationResult, validate_file

SHIPPED_TEXT = FROZEN_FILE.read_text(encoding="utf-8")
SHIPPED = yaml.safe_load(SHIPPED_TEXT)
TODAY = date(2025, 1, 1)

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=False,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder with the sources, reused by every example (each example rewrites the file)."""
    path = tmp_path_factory.mktemp("property")
    shutil.copytree(FROZEN_SOURCES, path / "sources")
    return path


def check(folder: Path, content: bytes) -> ValidationResult:
    f = folder / "commitments.yaml"
    f.write_bytes(content)
    result = validate_file(str(f), today=TODAY)  # must not raise
    assert isinstance(result, ValidationResult)
    if result.problems:
        assert result.project is None and not result.ok
    else:
        assert result.project is not None and result.ok
    # Lines as YAML counts them (a lone CR, NEL and the Unicode separators break lines too).
    last_line = len(re.split("\r\n|[\r\n\x85\u2028\u2029]", content.decode("utf-8", "replace")))
    for p in [*result.problems, *result.warnings]:
        assert isinstance(p.message, str) and p.message.strip(), p
        assert "Traceback" not in p.message
        assert 1 <= p.line <= last_line, p
        assert p.col >= 1, p
    return result


@FAST
@given(st.text(max_size=3000))
def test_any_text(folder: Path, text: str) -> None:
    check(folder, text.encode("utf-8", "surrogatepass"))


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes(folder: Path, data: bytes) -> None:
    check(folder, data)


_YAML_CHARS = st.sampled_from(
    list(":-[]{}#&*!|>'\"%@`,? \t\n\\") + ["  ", "- ", ": ", "\n  ", "<<: ", "*a", "&a "]
)


@FAST
@given(st.data())
def test_shipped_file_with_characters_changed(folder: Path, data: st.DataObject) -> None:
    text = SHIPPED_TEXT
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 20))
        insert = data.draw(st.one_of(_YAML_CHARS, st.text(max_size=8)))
        text = text[:at] + insert + text[at + cut :]
    check(folder, text.encode("utf-8", "surrogatepass"))


_IDS = [
    e["id"] for section in ("parties", "sources", "events", "commitments") for e in SHIPPED[section]
]
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates().map(str),
    st.sampled_from(
        [
            *_IDS,
            "planned",
            "fulfilled",
            "deliverable",
            "continuous",
            "2018-02-30",
            "2018-13",
            "2018",
            "every 0 days",
            "every 6 months",
            "0 6 * * *",
            "Asia/Shanghai",
            "Mars/Olympus",
            "../commitments.yaml",
            "/etc/passwd",
            ".",
            "",
        ]
    ),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, prefix + (i,))
    return found


_ALL_PATHS = _paths(SHIPPED)[1:]


def _mutate(doc: Any, path: tuple[Any, ...], op: str, value: Any, key: str) -> None:
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if op == "replace":
        parent[last] = value
    elif op == "delete":
        del parent[last]
    elif op == "add" and isinstance(parent, dict):
        parent[key] = value
    elif op == "add" and isinstance(parent, list):
        parent.insert(last, value)
    elif op == "copy" and isinstance(parent, list):  # duplicates an entry: duplicate ids
        parent.append(copy.deepcopy(parent[last]))


@settings(FAST, max_examples=120)
@given(st.data())
def test_shipped_data_with_values_changed(folder: Path, data: st.DataObject) -> None:
    doc = copy.deepcopy(SHIPPED)
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(_ALL_PATHS))
        op = data.draw(st.sampled_from(["replace", "replace", "delete", "add", "copy"]))
        value = data.draw(_VALUES)
        key = data.draw(
            st.sampled_from(
                ["lead", "due", "review_every", "depends_on", "status", "extra", "titel"]
            )
        )
        with suppress(KeyError, IndexError, TypeError):  # an earlier change reshaped this path
            _mutate(doc, path, op, value, key)
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    check(folder, text.encode("utf-8", "surrogatepass"))


def test_the_shipped_data_round_trips_as_valid(folder: Path) -> None:
    """The mutation test starts from valid data: dumping the shipped data unchanged stays valid."""
    text = yaml.safe_dump(SHIPPED, allow_unicode=True, sort_keys=False)
    result = check(folder, text.encode("utf-8"))
    assert result.ok, "\n".join(map(str, result.problems))
