"""The benchmark's data generator must keep producing files that sco-tracker accepts.

The benchmark itself (benchmarks/run.py, `make bench`) is not part of `make test`; this test
runs its generator at a small N so that a schema change cannot silently break it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import benchmark_generator

ROOT = Path(__file__).resolve().parent.parent


def validate(folder: Path) -> subprocess.CompletedProcess[str]:
    """`sco-tracker validate` as a real process in folder."""
    return subprocess.run(
        [sys.executable, "-m", "sco_tracker", "validate", "commitments.yaml"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _generator() -> Any:
    return benchmark_generator()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return _generator().generate(50, tmp_path_factory.mktemp("gen50"), seed=7)


def test_generated_file_is_valid(generated) -> None:  # type: ignore[no-untyped-def]
    result = validate(generated.out_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid. 50 commitments" in result.stdout
    assert "warning" not in result.stderr


def test_quotes_are_verbatim_in_the_cited_paragraph(generated) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(generated.file.read_text(encoding="utf-8"))
    sources = {s["id"]: s["text"] for s in data["sources"]}
    assert len(data["commitments"]) == 50
    for c in data["commitments"]:
        text = (generated.out_dir / "sources" / sources[c["source"]]).read_text(encoding="utf-8")
        paragraph = text.split("\n")[c["paragraph"] - 1]
        assert c["quote"] in paragraph, c["id"]  # exact substring, not just after folding
        assert generated.quotes[c["id"]] == (sources[c["source"]], c["paragraph"], c["quote"])


def test_covers_the_features_the_benchmark_needs(generated) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(generated.file.read_text(encoding="utf-8"))
    cs = data["commitments"]
    assert {c["kind"] for c in cs} == {"deliverable", "continuous"}
    assert len({c["theme"] for c in cs}) >= 3
    assert len({p for c in cs for p in c["parties"]}) >= 3
    assert any(c.get("depends_on") for c in cs)
    assert any(c.get("updates") for c in cs)
    assert any("date" in e for e in data["events"]) and any("date" not in e for e in data["events"])
    assert generated.editable, (
        "the benchmark needs a 'planned' commitment whose status it can change"
    )
    index = {c["id"]: i for i, c in enumerate(cs)}
    for i, c in enumerate(cs):  # dependencies point backwards only: no cycle
        assert all(index[d] < i for d in c.get("depends_on", []))


def test_is_deterministic(tmp_path: Path, generated) -> None:  # type: ignore[no-untyped-def]
    again = _generator().generate(50, tmp_path, seed=7)
    assert again.file.read_bytes() == generated.file.read_bytes()
    other = _generator().generate(50, tmp_path / "other", seed=8)
    assert other.file.read_bytes() != generated.file.read_bytes()


def test_changing_one_editable_status_keeps_the_file_valid(tmp_path: Path) -> None:
    """The benchmark's 'one status changed' run edits the file like this; it must stay valid."""
    g = _generator().generate(50, tmp_path, seed=7)
    cid = g.editable[0]
    text = g.file.read_text(encoding="utf-8")
    start = text.index(f"  - id: {cid}\n")
    at = text.index("    status: planned\n", start)
    g.file.write_text(
        text[:at] + "    status: in_progress\n" + text[at + len("    status: planned\n") :],
        encoding="utf-8",
    )
    result = validate(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
