"""The shortcuts taken for speed give the answers the long way gives (nothing here is timed:
benchmarks/run.py and benchmarks/compare.py measure)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import benchmark_generator
from sco_tracker.spec import yamlfile
from sco_tracker.spec.dates import Period, parse_period
from sco_tracker.spec.model import Commitment, Exclusion
from sco_tracker.spec.project import load_project
from sco_tracker.spec.yamllocate import LazyPositions, Locator, sections_of


def test_a_remembered_period_is_the_period() -> None:
    first = parse_period("2018-06")
    assert first == Period(date(2018, 6, 1), "month")
    assert parse_period("2018-06") == first
    assert parse_period(" 2018 ") == Period(date(2018, 1, 1), "year")
    assert parse_period(2018) == Period(date(2018, 1, 1), "year")
    assert parse_period("at-the-summit") is None


def test_an_impossible_date_is_refused_every_time_it_is_asked() -> None:
    for _ in range(2):
        with pytest.raises(ValueError, match="2018-02-30"):
            parse_period("2018-02-30")


def test_the_line_of_a_paragraph_label_is_kept_without_a_pydantic_private_attribute() -> None:
    # A PrivateAttr costs a Python call for every entry built; the line is a slot instead.
    assert Commitment.__private_attributes__ == {}
    assert Exclusion.__private_attributes__ == {}
    c = Commitment.model_validate(
        {
            "id": "qingdao-2018-contact-group",
            "title": "Continue the SCO-Afghanistan Contact Group",
            "source": "qingdao-2018-06-10",
            "paragraph": "5",
            "quote": "continue the work of the SCO-Afghanistan Contact Group",
            "theme": "Afghanistan",
            "parties": ["china"],
            "strength": "agreed to",
            "status": "in_progress",
            "kind": "continuous",
            "review_every": "every 6 months",
        }
    )
    assert c.line is None  # validation sets it from the source text
    c._line = 14
    assert c.line == 14
    assert "_line" not in c.model_dump()
    numbered = c.model_copy(update={"paragraph": 9})
    assert numbered.line == 9


# -- one entry read carefully (spec/yamllocate.py) ----------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _generated(tmp_path: Path, n: int) -> str:
    gen = benchmark_generator()
    return str(gen.generate(n, tmp_path, seed=5).file.read_text(encoding="utf-8"))


def _located(text: str) -> int:
    """Check every position the locator gives against the careful read of the whole text;
    the number of paths it could answer."""
    data = yamlfile.fast_load(text)
    assert data is not None
    _, full = yamlfile.parse(text, "commitments.yaml")
    locator = Locator(text, "commitments.yaml", sections_of(data))
    answered = 0
    for path in list(full.values) + list(full.keys):
        part = locator.positions(path)
        if part is not None:
            answered += 1
            assert part.of_value(path) == full.of_value(path), path
            assert part.of_key(path) == full.of_key(path), path
            # a path that is not there: the nearest enclosing value, as on the whole file
            deeper = (*path, "no-such-key")
            assert part.of_value(deeper) == full.of_value(deeper), deeper
    return answered


def test_the_frozen_test_data_s_positions_are_found_entry_by_entry() -> None:
    text = (ROOT / "tests" / "data" / "beijing" / "commitments.yaml").read_text(encoding="utf-8")
    assert _located(text) > 500


def test_a_generated_file_s_positions_are_found_entry_by_entry(tmp_path: Path) -> None:
    assert _located(_generated(tmp_path, 60)) > 1000


HEAD = "settings:\n  timezone: UTC\nparties:\n  - {id: china, name: China, kind: member_state}\n"


def test_an_unindented_list_with_comments_between_entries() -> None:
    text = HEAD + (
        "commitments:\n"
        "# the Qingdao documents\n"
        "- id: a\n  title: Hold the summit\n  parties:\n  - china\n\n"
        "  # the next meeting, in the Kyrgyz Republic\n"
        "- id: b\n  title: >-\n    Meet in\n    Bishkek\n"
        "  quote: 'the SCO-Afghanistan Contact Group'\n"
    )
    assert _located(text) > 10


def test_a_quoted_text_running_over_lines_that_look_like_entries_is_not_cut() -> None:
    text = HEAD + (
        "commitments:\n"
        '  - id: a\n    title: "Hold the summit\n  - id: fake\n    in Qingdao"\n'
        "  - id: b\n    title: Meet in Bishkek\n"
    )
    # (yaml-rs refuses it, so the fast path never asks; the careful reader takes it)
    assert len(yamlfile.parse(text, "f")[0]["commitments"]) == 2
    locator = Locator(text, "f", {"settings": None, "parties": 1, "commitments": 2})
    assert locator.positions(("commitments", 1, "title")) is None  # three '- ' lines, two entries
    assert locator.positions(("settings", "timezone")) is not None


def test_a_flow_list_or_a_document_marker_is_left_to_the_whole_file() -> None:
    flow = HEAD + "commitments: [{id: a, title: Hold}, {id: b, title: Meet}]\n"
    data = yamlfile.fast_load(flow)
    assert data is not None
    assert Locator(flow, "f", sections_of(data)).positions(("commitments", 1, "title")) is None
    marked = HEAD + "...\n"
    sections = sections_of(yamlfile.parse(HEAD, "f")[0])
    assert Locator(marked, "f", sections).positions(("parties", 0, "id")) is None
    assert Locator(HEAD, "f", sections).positions(("parties", 0, "id")) is not None


def test_a_warning_on_a_large_file_reads_one_entry_not_the_whole_file(tmp_path: Path) -> None:
    text = _generated(tmp_path, 40)
    data = yamlfile.fast_load(text)
    assert data is not None
    positions = LazyPositions("commitments.yaml", text, data)
    _, full = yamlfile.parse(text, "commitments.yaml")
    path = ("commitments", 17, "quote")
    assert positions.of_value(path) == full.of_value(path)
    assert "values" not in positions.__dict__  # the whole file was not read carefully
    assert positions.of_value(()) == full.of_value(())  # no entry: the whole file, once
    assert "values" in positions.__dict__


_TRIGGERS_WITHOUT_ASYNCIO = """
import functools, sys
from datetime import datetime
from zoneinfo import ZoneInfo
from sco_tracker.spec.schedules import parse_trigger
cron = parse_trigger("0 6 * * mon", "Asia/Bishkek")
every = parse_trigger("every 6 hours", "Asia/Bishkek")
print("asyncio" in sys.modules)
start = datetime(2026, 12, 1, 7, 0, tzinfo=ZoneInfo("Asia/Bishkek"))
print(cron.get_next_fire_time(None, start).isoformat())
import apscheduler.util as util
async def job(): pass
def plain(): pass
print(util.iscoroutinefunction_partial(functools.partial(job)),
      util.iscoroutinefunction_partial(plain))
import asyncio
print(hasattr(asyncio, "get_event_loop"), every.interval.total_seconds())
"""


def test_a_schedule_is_parsed_by_apscheduler_without_importing_asyncio() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _TRIGGERS_WITHOUT_ASYNCIO],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert out[0] == "False"  # the parse imported APScheduler's triggers, not asyncio
    assert out[1] == "2026-12-07T06:00:00+06:00"  # the next Monday at 06:00 in Bishkek
    # APScheduler's own check, as the scheduler calls it, answers as with asyncio imported
    assert out[2] == "True False"
    assert out[3] == "True 21600.0"  # the real asyncio is imported afterwards


def test_a_file_that_includes_nothing_and_has_no_escape_is_not_searched_value_by_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # YAML lets a control character in only as an escape ("\0") or a NEL: a file with neither,
    # including no other file, cannot hold one, so its values are not walked one by one.
    from sco_tracker.spec import project as project_module
    from sco_tracker.spec.shape import Checker

    walked: list[tuple[object, ...]] = []
    original = Checker.control_characters

    def spy(self: Checker, value: object, path: tuple[object, ...]) -> None:
        walked.append(path)
        original(self, value, path)

    monkeypatch.setattr(Checker, "control_characters", spy)
    root = Path(__file__).resolve().parent / "data" / "beijing" / "commitments.yaml"
    text = root.read_text(encoding="utf-8")
    assert "\\" not in text and "\x85" not in text and "include:" not in text
    project_module.load_project(root)
    assert () not in walked
    # with an escape in it, the same file is searched whole, as before
    walked.clear()
    project_module.load_project_text(text.replace("# ", '# "\\t" ', 1), root)
    assert () in walked


def test_the_project_is_left_out_of_the_collector_s_walks_only_while_the_job_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import shutil

    from sco_tracker import pipeline

    data = Path(__file__).resolve().parent / "data" / "beijing"
    shutil.copy(data / "commitments.yaml", tmp_path / "commitments.yaml")
    shutil.copytree(data / "sources", tmp_path / "sources")
    frozen_during: list[int] = []
    evaluate = pipeline.evaluate

    def spy(*args: object, **kwargs: object) -> object:
        frozen_during.append(gc.get_freeze_count())
        return evaluate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "evaluate", spy)
    before = gc.get_freeze_count()
    outcome = pipeline.report(
        tmp_path / "commitments.yaml",
        "sqlite:///" + str(tmp_path / "t.db"),
        as_of=date(2026, 12, 1),
    )
    assert outcome.report is not None
    assert frozen_during and frozen_during[0] > before  # the project was frozen for the job
    assert gc.get_freeze_count() == before  # and given back to the collector after it
    assert gc.isenabled()


def test_run_pauses_the_collector_for_its_job_and_resumes_it_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import shutil

    from click.testing import CliRunner

    from sco_tracker import pipeline
    from sco_tracker.cli.app import cli

    data = Path(__file__).resolve().parent / "data" / "beijing"
    shutil.copy(data / "commitments.yaml", tmp_path / "commitments.yaml")
    shutil.copytree(data / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCO_TRACKER_DB", raising=False)
    collecting: list[bool] = []
    report = pipeline.report

    def spy(*args: object, **kwargs: object) -> object:
        collecting.append(gc.isenabled())
        return report(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "report", spy)
    assert gc.isenabled()
    result = CliRunner().invoke(cli, ["run", "--as-of", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "Reports as of" in result.output
    assert collecting and not any(collecting)  # paused for the job
    assert gc.isenabled()  # and resumed after it


# -- what 100,000 commitments hold (issue 17: the memory of `run`); sizes, never RSS ------------


def test_the_file_s_text_is_held_without_a_utf8_copy_inside_it(tmp_path: Path) -> None:
    # yaml-rs given a str makes Python keep its UTF-8 inside that str for as long as it lives
    # (the whole run: the positions hold the text); from the bytes, the text stays as it was.
    gen = benchmark_generator()
    path = gen.generate(30, tmp_path, seed=5).file
    path.write_text(path.read_text(encoding="utf-8") + "# Qingdao, Bishkek, São Paulo\n")
    project = load_project(path)
    assert isinstance(project.positions, LazyPositions)
    text = project.positions.text
    assert not text.isascii()
    assert sys.getsizeof(text) == sys.getsizeof(text.encode().decode())


def test_commitments_share_their_repeated_texts_and_pydantic_s_set_of_fields(
    tmp_path: Path,
) -> None:
    gen = benchmark_generator()
    project = load_project(gen.generate(40, tmp_path, seed=5).file)
    texts: dict[str, int] = {}
    fields: dict[frozenset[str], int] = {}
    for c in project.commitments:
        for value in (c.source, c.theme, c.strength, *c.parties):
            if value in texts:
                assert id(value) == texts[value], value  # one object per distinct text
            texts.setdefault(value, id(value))
        given = c.__pydantic_fields_set__
        assert fields.setdefault(frozenset(given), id(given)) == id(given)
    assert len(texts) < 4 * len(project.commitments)
    assert len(fields) < len(project.commitments) / 2
    # what is shared changes nothing: each model is as pydantic builds it from its entry
    again = load_project(tmp_path / "commitments.yaml")
    assert [c.model_dump() for c in again.commitments] == [
        c.model_dump() for c in project.commitments
    ]


def test_the_entry_cache_hashes_each_entry_as_cut(tmp_path: Path) -> None:
    text = _generated(tmp_path, 25)
    data = yamlfile.fast_load(text)
    assert data is not None
    locator = Locator(text, "commitments.yaml", sections_of(data))
    bounds = locator.entry_bounds("commitments")
    assert bounds is not None and len(bounds) == len(data["commitments"]) + 1
    pieces = [text[a:b] for a, b in itertools.pairwise(bounds)]
    assert all(p.startswith(("  - ", "- ")) for p in pieces)
    assert "".join(pieces) == text[bounds[0] : bounds[-1]]
    for piece, entry in zip(pieces, data["commitments"], strict=True):
        assert yamlfile.parse(piece, "commitments.yaml")[0] == [entry]


def test_a_large_file_s_text_is_kept_compressed_after_validation_and_still_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sco_tracker.spec import yamllocate

    text = _generated(tmp_path, 20) + "# São Paulo\n"
    data = yamlfile.fast_load(text)
    before = LazyPositions("commitments.yaml", text, data)
    path = ("commitments", 7, "parties", 1)
    expected = before.of_value(path), before.of_key(("commitments", 19, "title"))
    monkeypatch.setattr(yamllocate, "PACK_FROM", 1000)
    packed = LazyPositions("commitments.yaml", text, data)
    packed.pack()
    assert packed._held._text is None and packed._held._packed is not None
    assert (packed.of_value(path), packed.of_key(("commitments", 19, "title"))) == expected
    assert packed.text == text
    # a small file stays as it is; so does a project below the size, once loaded
    small = LazyPositions("f", "a: 1\n", {"a": 1})
    monkeypatch.setattr(yamllocate, "PACK_FROM", 10**9)
    small.pack()
    assert small._held._text == "a: 1\n"
    monkeypatch.setattr(yamllocate, "PACK_FROM", 1000)
    project = load_project(tmp_path / "commitments.yaml")
    assert isinstance(project.positions, LazyPositions)
    assert project.positions._held._packed is not None
    assert project.line_of(project.commitments[3].id) > 0


_PLUGINS = "import os, sco_tracker.spec.model; print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))"


@pytest.mark.parametrize(("given", "seen"), [(None, "__all__"), ("logfire", "logfire")])
def test_pydantic_is_told_not_to_look_for_plugins_unless_the_user_says(
    given: str | None, seen: str
) -> None:
    # pydantic otherwise reads every installed package's metadata for its plugins on each command
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    out = subprocess.run(
        [sys.executable, "-c", _PLUGINS], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == seen
