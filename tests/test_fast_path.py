"""The fast reader (yaml-rs, no positions) must agree with the careful reader, or step aside.

load_project reads a file with yamlfile.fast_load first; on any doubt or any problem it reads
it again with yamlfile.parse, which keeps positions for FILE:LINE:COL messages. These tests
pin both halves: identical data where the fast reader answers, None where it must not.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import FROZEN_FILE, benchmark_generator
from sco_tracker.problems import InvalidFile
from sco_tracker.spec import yamlfile, yamllocate
from sco_tracker.spec.project import load_project


def test_shipped_file_reads_the_same_both_ways() -> None:
    text = FROZEN_FILE.read_text(encoding="utf-8")
    fast = yamlfile.fast_load(text)
    assert fast is not None, "the shipped file should take the fast path"
    assert fast == yamlfile.parse(text, "commitments.yaml")[0]


def test_generated_file_reads_the_same_both_ways(tmp_path: Path) -> None:
    gen = benchmark_generator()
    g = gen.generate(120, tmp_path, seed=3)
    text = g.file.read_text(encoding="utf-8")
    fast = yamlfile.fast_load(text)
    assert fast is not None
    assert fast == yamlfile.parse(text, "x")[0]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: the careful reader names both lines
        "a: {b: 1, b: 2}\n",
        "a: [1, 2\n",  # syntax error
        "a: yes\n",  # YAML 1.1 boolean, text in YAML 1.2
        "a: [x, off]\n",
        "a: 0o17\n",  # YAML 1.2 octal, text in YAML 1.1
        "a: 1_000_000x\nb: '1_000'\n",  # quoted number-like text: cannot tell, so step aside
        "a: 1e3\n",  # float in YAML 1.2, text in YAML 1.1
        "base: &b {x: 1}\nc:\n  <<: *b\n",  # merge key
        "a: &x {b: *x}\n",  # an alias that refers to itself
        "a: 1\n---\nb: 2\n",  # two documents
        "? [a, b]\n: 1\n",  # a key that is not text
        "1: x\n",
        "a: b\u2028c\n",  # a line break only in YAML 1.1
        "- a\n- b\n",  # not a mapping
        'a: !!int "5"\n',  # an explicit tag: the careful reader keeps quoted text as text
        "a: !!null ''\n",
        "a: [x, !!str 5]\n",
        "a: 017\n",  # a leading zero: text in YAML 1.1, 17 in YAML 1.2
        "a: [1, 08]\n",
        "a:\n  - -08\n",
        "a: 08 # month\n",
    ],
)
def test_fast_reader_steps_aside_when_unsure(text: str) -> None:
    assert yamlfile.fast_load(text) is None


def test_fast_reader_answers_for_plain_data() -> None:
    text = "a: text\nb: 2018-05-22\nc: 2018\nd: [x, 'yes']\ne: ~\nf: true\n"
    assert yamlfile.fast_load(text) is None  # 'yes' quoted is ambiguous once parsed: step aside
    text = 'a: text\nb: 2018-05-22\nc: 2018\nd: [x, y1]\ne: ~\nf: true\ng: "0 6 * * *"\n'
    expected = yamlfile.parse(text, "x")[0]
    assert yamlfile.fast_load(text) == expected
    assert expected == {
        "a": "text",
        "b": "2018-05-22",
        "c": 2018,
        "d": ["x", "y1"],
        "e": None,
        "f": True,
        "g": "0 6 * * *",
    }


def test_errors_keep_their_positions_after_the_fast_path(project_dir: Path) -> None:
    """An invalid file that the fast reader can read is re-read carefully for its messages."""
    file = project_dir / "commitments.yaml"
    text = file.read_text(encoding="utf-8")
    assert yamlfile.fast_load(text) is not None
    bad = text.replace("status: planned", "status: plannd", 1)
    file.write_text(bad, encoding="utf-8")
    line = next(n for n, s in enumerate(bad.splitlines(), 1) if "status: plannd" in s)
    with pytest.raises(InvalidFile) as exc:
        load_project(file)
    [problem] = exc.value.problems
    assert (problem.line, problem.col) == (line, bad.splitlines()[line - 1].index("plannd") + 1)
    assert "unknown status 'plannd' (did you mean 'planned'?)" in problem.message


def test_line_of_works_on_the_fast_path(project_dir: Path) -> None:
    file = project_dir / "commitments.yaml"
    project = load_project(file)
    positions = project.positions  # the commitments in the order of their sources (multifile)
    assert isinstance(getattr(positions, "main", positions), yamllocate.LazyPositions)
    cid = project.commitments[3].id
    expected = next(
        n
        for n, s in enumerate(file.read_text(encoding="utf-8").splitlines(), 1)
        if s == f"  - id: {cid}"
    )
    assert project.line_of(cid) == expected


def test_fast_reader_answers_despite_marks_in_prose() -> None:
    text = (
        "a: R&D talks, wow!\nb: 0\nc: 10\nd: 2018-05-01\ne: c-00001\nf: 'at 09:00 & "
        "after'\ng: [1, 20]\n"
    )
    expected = yamlfile.parse(text, "x")[0]
    assert yamlfile.fast_load(text) == expected


def test_every_character_yaml_forbids_sends_the_file_to_the_careful_reader() -> None:
    forbidden = [
        c
        for c in map(chr, [*range(0x100), 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFE, 0xFFFF])
        if yamlfile._CONTROL.match(c)
    ]
    assert (
        len(forbidden) == 29 + 1 + 31 + 4 + 2
    )  # C0 but tab/LF/CR, DEL, C1 but NEL, surrogates (4 tried), FFFE/FFFF
    for c in forbidden:
        assert yamlfile.fast_load(f"a: 'x{c}y'\n") is None, hex(ord(c))
    for (
        c
    ) in "\u00a0\u00e9\u2019\ud7ff\ue000\ufeff\uff01":  # C2, C3, E2, ED, EE, EF lead bytes, allowed
        text = f"a: 'x{c}y'\n"
        assert yamlfile.fast_load(text) == yamlfile.parse(text, "x")[0] == {"a": f"x{c}y"}, hex(
            ord(c)
        )


def test_number_patterns_are_pyyaml_s() -> None:
    import re

    import yaml

    tags = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    pats = {
        r.pattern
        for rs in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
        for tag, r in rs
        if tag in tags
    }
    theirs = "|".join(f"(?:{p})" for p in sorted(pats))
    assert re.sub(r"\s", "", yamlfile._NUMBER_PATTERN) == re.sub(r"\s", "", theirs)


def test_the_fast_path_does_not_import_pyyaml(tmp_path: Path) -> None:
    import subprocess

    (tmp_path / "c.yaml").write_text("a: text\nb: [x, z]\n", encoding="utf-8")
    code = (
        "import sys; from sco_tracker.spec import yamlfile; assert "
        f"yamlfile.fast_load(open({str(tmp_path / 'c.yaml')!r}).read()) == {{'a': 'text', 'b': "
        "['x', 'z']}; print('yaml' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
