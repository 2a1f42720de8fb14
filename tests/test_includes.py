"""Files included from commitments.yaml: the cache, review, the schema, the order of entries
and split's refusals (the analyst's view is in features/one_file_per_document.feature)."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedSeq

from conftest import edit, run_cli
from sco_tracker.problems import UserError
from sco_tracker.spec import reviewing
from sco_tracker.spec.entries import commitment_file, edit_entry, file_holding
from sco_tracker.spec.includes import covers, expand
from sco_tracker.spec.model import CommitmentsFile
from sco_tracker.spec.multifile import source_ids
from sco_tracker.spec.project import load_project
from sco_tracker.spec.schema import schema_json
from sco_tracker.spec.yamlcomments import insert_section, keep_trailing_comment
from sco_tracker.spec.yamledit import round_trip_yaml
from sco_tracker.spec.yamlfile import load

MOSCOW = "commitments/moscow-2017-10-11.yaml"
BEIJING = "commitments/beijing-2018-05-22.yaml"
PLAN = "afghanistan-contact-group-beijing-2018-plan"


@pytest.fixture
def split_dir(project_dir: Path) -> Path:
    r = run_cli(["split"], project_dir)
    assert r.exit_code == 0, r.output
    return project_dir


def _pattern(folder: Path) -> None:
    path = folder / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    old = f"include:\n  - {BEIJING}\n  - {MOSCOW}\n"
    assert old in text
    path.write_text(text.replace(old, "include:\n  - commitments/*.yaml\n"), encoding="utf-8")


def test_validate_cache_sees_an_edit_of_an_included_file(split_dir: Path) -> None:
    assert run_cli(["validate"], split_dir).exit_code == 0
    cached = json.loads((split_dir / ".sco-tracker-cache" / "validate.json").read_text())
    entry = cached["entries"]["commitments.yaml"]
    assert list(entry["included"]["files"]) == [BEIJING, MOSCOW]
    path = split_dir / MOSCOW
    path.write_text(path.read_text().replace("    lead: china\n", "    lead: chna\n"))
    r = run_cli(["validate"], split_dir)
    assert r.exit_code == 1, r.output
    assert "unknown party 'chna'" in r.output


def test_validate_cache_sees_a_new_file_a_pattern_covers(split_dir: Path) -> None:
    _pattern(split_dir)
    assert run_cli(["validate"], split_dir).exit_code == 0
    assert "in 3 files" in run_cli(["validate"], split_dir).stdout  # from the cache
    shutil.copy(split_dir / MOSCOW, split_dir / "commitments" / "copy.yaml")
    r = run_cli(["validate"], split_dir)
    assert r.exit_code == 1, r.output
    assert "commitments/moscow-2017-10-11.yaml:" in r.output
    assert "(first used at commitments/copy.yaml:" in r.output
    (split_dir / "commitments" / "copy.yaml").unlink()
    assert run_cli(["validate"], split_dir).exit_code == 0


def test_run_shortcut_sees_a_file_removed_from_a_pattern(split_dir: Path) -> None:
    _pattern(split_dir)
    assert run_cli(["run"], split_dir).exit_code == 0
    assert "Nothing changed" in run_cli(["run"], split_dir).output
    extra = split_dir / "commitments" / "extra.yaml"
    extra.write_text("events:\n  - {id: extra-meeting, title: An extra meeting}\n")
    r = run_cli(["run"], split_dir)
    assert r.exit_code == 0, r.output
    assert "Nothing changed" not in r.output
    assert "Nothing changed" in run_cli(["run"], split_dir).output
    extra.unlink()
    assert "Nothing changed" not in run_cli(["run"], split_dir).output


def test_which_file_holds_an_entry(split_dir: Path) -> None:
    main = split_dir / "commitments.yaml"
    assert commitment_file(main, PLAN) == split_dir / MOSCOW
    assert file_holding(main, "sources", "beijing-2018-05-22") == split_dir / BEIJING
    assert file_holding(main, "events", "qingdao-summit") == main
    assert file_holding(main, "commitments", "no-such-thing") is None
    with pytest.raises(UserError, match="did you mean 'afghanistan-contact-group-beijing"):
        commitment_file(main, "afghanistan-contact-group-beijing-2018-pln")
    project = load_project(main)
    index = [c.id for c in project.commitments].index(PLAN)
    assert project.file_of("commitments", index) == str(split_dir / MOSCOW)


def test_edit_entry_edits_the_included_file_only(split_dir: Path) -> None:
    main = split_dir / "commitments.yaml"
    before = main.read_text()

    def add(data: object) -> None:
        entry = next(c for c in data["commitments"] if c["id"] == PLAN)  # type: ignore[index]
        with keep_trailing_comment(entry):
            entry["updates"].append({"date": date(2018, 6, 2), "note": "Checked."})

    path, _ = edit_entry(main, "commitments", PLAN, add, what="a test edit")
    assert path == split_dir / MOSCOW
    assert main.read_text() == before
    plan = load_project(main).commitment(PLAN)
    assert plan is not None and plan.updates[-1].note == "Checked."


def test_review_accepts_a_draft_in_its_own_file(project_dir: Path) -> None:
    shutil.copy(
        Path(__file__).parent / "data" / "corpus" / "A_RES_80_16.md", project_dir / "res.md"
    )
    r = run_cli(["draft", "res.md", "--source-id", "a-res-80-16", "--write"], project_dir)
    assert r.exit_code == 0, r.output
    main = project_dir / "commitments.yaml"
    before = main.read_text()
    project = load_project(main)
    first = reviewing.drafts(project, "a-res-80-16")[0]
    own = project_dir / "commitments" / "a-res-80-16.yaml"
    assert reviewing.holder(main, first) == own
    reviewing.accept(main, first)
    assert main.read_text() == before
    after = load_project(main)
    assert not after.commitment(first.key[0]).draft  # type: ignore[union-attr]
    excluded = reviewing.drafts(after, "a-res-80-16")[0]
    reviewing.exclude(main, excluded, "other", "Not an undertaking of the SCO.")
    assert main.read_text() == before
    assert "Not an undertaking of the SCO." in own.read_text()


def test_one_schema_for_both_kinds_of_file(split_dir: Path) -> None:
    schema = json.loads(schema_json())
    assert "include" in schema["properties"]
    assert not {"parties", "sources", "commitments"} & set(schema.get("required", []))
    shipped = Path(__file__).resolve().parents[1] / "commitments.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_json()
    for name in ("commitments.yaml", BEIJING, MOSCOW):
        data, _ = load(split_dir / name)
        CommitmentsFile.model_validate(data)  # the model the schema is generated from
    assert (
        (split_dir / MOSCOW)
        .read_text()
        .startswith("# yaml-language-server: $schema=../commitments.schema.json\n")
    )


def test_entries_are_in_the_order_of_their_sources(project_dir: Path, split_dir: Path) -> None:
    """The shipped file lists the Moscow plan among the Beijing commitments: it is shown after
    them, as it is after a split."""
    fresh = project_dir.parent / "fresh"
    fresh.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "beijing" / "commitments.yaml", fresh)
    shutil.copytree(Path(__file__).parent / "data" / "beijing" / "sources", fresh / "sources")
    single = load_project(fresh / "commitments.yaml")
    ids = [c.id for c in single.commitments]
    assert ids.index(PLAN) == len(ids) - 1
    assert ids == [c.id for c in load_project(split_dir / "commitments.yaml").commitments]
    # and each still has its own line for messages
    plan_line = single.line_of(PLAN)
    text = (fresh / "commitments.yaml").read_text().splitlines()
    assert text[plan_line - 1].strip() == f"- id: {PLAN}"


def test_split_again_has_nothing_to_split(split_dir: Path) -> None:
    before = (split_dir / "commitments.yaml").read_text()
    r = run_cli(["split"], split_dir)
    assert r.exit_code == 0, r.output
    assert "Nothing to split: every source is already in a file of its own" in r.output
    assert "Error" not in r.output
    assert (split_dir / "commitments.yaml").read_text() == before


def test_split_again_moves_what_is_left_and_a_pattern_needs_no_new_line(project_dir: Path) -> None:
    """The Moscow source already in its own file under a pattern, its commitment still in
    commitments.yaml: Beijing moves, include: gains no line, the Moscow commitment stays."""
    path = project_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  # An earlier document with no local text")
    end = text.index("\nevents:\n")
    (project_dir / "commitments").mkdir()
    own = "sources:\n" + text[start:end]
    (project_dir / MOSCOW).write_text(own, encoding="utf-8")
    text = text[:start] + text[end:]
    text = text.replace("\nparties:\n", "\ninclude:\n  - commitments/*.yaml\n\nparties:\n", 1)
    path.write_text(text, encoding="utf-8")
    assert run_cli(["validate"], project_dir).exit_code == 0
    r = run_cli(["split"], project_dir)
    assert r.exit_code == 0, r.output
    assert f"{BEIJING}: 24 commitments, 23 exclusions" in r.output
    assert "keeps 1 commitment or exclusion whose source is in a file it already" in r.output
    after = path.read_text(encoding="utf-8")
    assert "include:\n  - commitments/*.yaml\n\nparties:\n" in after
    assert f"- id: {PLAN}\n" in after and "- id: border-control\n" not in after
    assert (project_dir / MOSCOW).read_text(encoding="utf-8") == own
    assert run_cli(["validate"], project_dir).exit_code == 0


def test_split_refuses_to_overwrite_a_file(project_dir: Path) -> None:
    (project_dir / "commitments").mkdir()
    (project_dir / MOSCOW).write_text("# mine\n")
    before = (project_dir / "commitments.yaml").read_text()
    r = run_cli(["split"], project_dir)
    assert r.exit_code == 2
    assert "already exists" in r.output
    assert (project_dir / "commitments.yaml").read_text() == before
    assert not (project_dir / BEIJING).exists()


def test_patterns_and_what_they_cover(split_dir: Path) -> None:
    assert covers(["commitments/*.yaml"], "commitments/a.yaml")
    assert covers(["**/*.yaml"], "commitments/a.yaml")
    assert not covers(["commitments/*.yaml"], "commitments/sub/a.yaml")
    assert not covers(["commitments/*.yaml"], "commitments/.hidden.yaml")
    assert covers(["./commitments/a.yaml"], "commitments/a.yaml")
    (split_dir / "commitments" / ".hidden.yaml").write_text("events: []\n")
    found, problems = expand(split_dir / "commitments.yaml", ["*.yaml", "commitments/*.yaml"])
    assert [f.name for f in found] == [BEIJING, MOSCOW]  # never commitments.yaml itself
    assert [p.code for p in problems] == ["SCO703"]  # '*.yaml' matches only commitments.yaml


def test_an_included_named_pipe_is_refused_without_blocking(split_dir: Path) -> None:
    import os

    os.unlink(split_dir / MOSCOW)
    os.mkfifo(split_dir / MOSCOW)
    r = run_cli(["validate"], split_dir)
    assert r.exit_code == 1, r.output
    assert (
        "commitments.yaml:31:5: the included file 'commitments/moscow-2017-10-11.yaml' cannot be "
        "used: it is a named pipe, not a regular file" in r.output
    )
    assert "Traceback" not in r.output


def test_split_keeps_the_modeline_first_and_a_title_on_one_comment_line(project_dir: Path) -> None:
    path = project_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # the settings at the end, and the header comment right above the first key
    start, end = text.index("settings:\n"), text.index("parties:\n")
    text = text[:start] + text[end:] + "\n" + text[start:end]
    head = "".join(lines[:6])
    text = head + text[len(head) :].lstrip("\n")
    title = "Information report on the 13th meeting of the SCO Security Council Secretaries"
    text = text.replace(
        f"    title: {title}\n",
        "    title: |-\n      Information report on the 13th meeting\n"
        "      of the SCO Security Council Secretaries\n",
    )
    path.write_text(text, encoding="utf-8")
    assert run_cli(["validate"], project_dir).exit_code == 0
    r = run_cli(["split"], project_dir)
    assert r.exit_code == 0, r.output
    new = path.read_text(encoding="utf-8")
    assert new.startswith(
        "# yaml-language-server: $schema=./commitments.schema.json\ninclude:\n"
        f"  - {BEIJING}\n  - {MOSCOW}\n\n#\n# The commitments made at the 13th meeting"
    ), new
    own = (project_dir / BEIJING).read_text(encoding="utf-8")
    assert f"# {title}\n" in own
    assert run_cli(["validate"], project_dir).exit_code == 0


def test_sync_json_lists_the_commitments_a_split_moved(project_dir: Path) -> None:
    assert run_cli(["sync"], project_dir).exit_code == 0
    assert run_cli(["split"], project_dir).exit_code == 0
    r = run_cli(["sync", "--json"], project_dir)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert len(data["moved"]) == 25 and PLAN in data["moved"]
    assert (data["updated"], data["archived"], data["history_entries"]) == ([], [], 0)


RESOLUTION = Path(__file__).parent / "data" / "corpus" / "A_RES_80_16.md"


def _draft_resolution(folder: Path) -> str:
    shutil.copy(RESOLUTION, folder / "A_RES_80_16.md")
    r = run_cli(["draft", "A_RES_80_16.md", "--source-id", "a-res-80-16", "--write"], folder)
    assert r.exit_code == 0, r.output
    return (folder / "commitments.yaml").read_text(encoding="utf-8")


def test_draft_write_sets_include_off_by_a_blank_line_above_a_section_heading(
    project_dir: Path,
) -> None:
    path = project_dir / "commitments.yaml"
    heading = "# The parties: the member states first, then the SCO's bodies.\n"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\nparties:\n", f"\n{heading}parties:\n", 1),
        encoding="utf-8",
    )
    text = _draft_resolution(project_dir)
    assert (
        "      end: 2019-06-13\n\ninclude:\n  - commitments/a-res-80-16.yaml\n\n"
        f"{heading}parties:\n" in text
    ), text


TIGHT = (
    "settings:\n  timezone: UTC\n"
    "parties:\n  - {id: kyrgyzstan, name: Kyrgyzstan, kind: member_state}\n"
    "sources:\n  - {id: beijing-2018-05-22, title: Beijing meeting, date: 2018-05-22}\n"
    "commitments: []\n"
)


@pytest.mark.parametrize("command", ["draft", "split"])
def test_a_file_written_without_blank_lines_gets_include_without_one(
    tmp_path: Path, command: str
) -> None:
    """A file whose sections follow each other without blank lines gets none either."""
    (tmp_path / "commitments.yaml").write_text(TIGHT, encoding="utf-8")
    if command == "draft":
        text = _draft_resolution(tmp_path)
        name = "commitments/a-res-80-16.yaml"
    else:
        r = run_cli(["split"], tmp_path)
        assert r.exit_code == 0, r.output
        text = (tmp_path / "commitments.yaml").read_text(encoding="utf-8")
        name = "commitments/beijing-2018-05-22.yaml"
    assert text.startswith(f"settings:\n  timezone: UTC\ninclude:\n  - {name}\nparties:\n"), text


def test_split_sets_include_off_by_a_blank_line(project_dir: Path) -> None:
    r = run_cli(["split"], project_dir)
    assert r.exit_code == 0, r.output
    text = (project_dir / "commitments.yaml").read_text(encoding="utf-8")
    assert f"      end: 2019-06-13\n\ninclude:\n  - {BEIJING}\n  - {MOSCOW}\n\nparties:\n" in text


@pytest.mark.parametrize(
    ("before", "index", "after"),
    [
        # a list whose last item is a flow mapping keeps its blank line at its end
        (
            "parties:\n  - {id: kyrgyzstan}\n\nsources: []\n",
            1,
            "parties:\n  - {id: kyrgyzstan}\n\ninclude:\n  - x.yaml\n\nsources: []\n",
        ),
        (
            "settings:\n  timezone: UTC  # the reports' zone\n\n# Members first.\nparties: []\n",
            1,
            (
                "settings:\n  timezone: UTC  # the reports' zone\n\ninclude:\n  - x.yaml\n\n"
                "# Members first.\nparties: []\n"
            ),
        ),
        ("parties: []\nsources: []\n", 1, "parties: []\ninclude:\n  - x.yaml\nsources: []\n"),
        ("settings:\n  timezone: UTC\n", 1, "settings:\n  timezone: UTC\n\ninclude:\n  - x.yaml\n"),
    ],
)
def test_a_new_section_is_set_off_as_the_file_sets_off_its_sections(
    before: str, index: int, after: str
) -> None:
    y = round_trip_yaml()
    data = y.load(before)
    insert_section(data, index, "include", CommentedSeq(["x.yaml"]))
    out = io.StringIO()
    y.dump(data, out)
    assert out.getvalue() == after


def test_source_ids_name_the_file_and_line_of_each_source(split_dir: Path) -> None:
    """import and draft refuse an id taken at the place of the source that has it."""
    main = split_dir / "commitments.yaml"
    ids = source_ids(main, "commitments.yaml")
    moscow = (split_dir / MOSCOW).read_text(encoding="utf-8").splitlines()
    beijing = (split_dir / BEIJING).read_text(encoding="utf-8").splitlines()
    assert ids == {
        "moscow-2017-10-11": (MOSCOW, moscow.index("  - id: moscow-2017-10-11") + 1, 9),
        "beijing-2018-05-22": (BEIJING, beijing.index("  - id: beijing-2018-05-22") + 1, 9),
    }
    # a source of commitments.yaml itself, in flow style, after the included ones
    edit(
        main,
        "sources: []\n",
        "sources:\n  - {id: qingdao-2018-06-10, title: Q, date: 2018-06-10}\n",
    )
    lines = main.read_text(encoding="utf-8").splitlines()
    at = lines.index("  - {id: qingdao-2018-06-10, title: Q, date: 2018-06-10}") + 1
    assert source_ids(main, "commitments.yaml")["qingdao-2018-06-10"] == (
        "commitments.yaml",
        at,
        10,
    )
    r = run_cli(["import", str(RESOLUTION), "--source-id", "qingdao-2018-06-10"], split_dir)
    assert r.exit_code == 2
    assert f"commitments.yaml:{at}:10: source 'qingdao-2018-06-10' is already defined here" in (
        r.output
    )
