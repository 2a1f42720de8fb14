"""Binds features/one_file_per_document.feature."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from _file_steps import changes, shipped_text
from conftest import DATA, Result, edit, run_cli, set_youth_programme

scenarios("one_file_per_document.feature")

RESOLUTION = DATA.parent / "corpus" / "A_RES_80_16.md"
MOSCOW = "commitments/moscow-2017-10-11.yaml"
BEIJING = "commitments/beijing-2018-05-22.yaml"
SPLIT_INCLUDE = f"include:\n  - {BEIJING}\n  - {MOSCOW}\n"


def _comments(text: str) -> Counter[str]:
    return Counter(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))


def _all_text(folder: Path) -> str:
    files = [folder / "commitments.yaml", *sorted((folder / "commitments").glob("*.yaml"))]
    return "".join(f.read_text(encoding="utf-8") for f in files)


#: What another run legitimately changes in a report: when it was made, and which check it
#: shows (each run records a check). Nothing in them names the file.
_RUN_STAMPS = [
    (re.compile(rb"Generated <time datetime=\"[^\"]+\">[^<]+</time>"), b"Generated (time)"),
    # the time as text, wherever it is shown: "Generated 1 December 2026, 13:18 UTC" in the
    # heading, "generated ..." in the HTML footer, a bare "1 December 2026, 13:18" in the index
    (re.compile(rb"\d{1,2} \w+ \d{4}, \d\d:\d\d( [A-Z][\w/+-]*)?"), b"(time)"),
    (re.compile(rb"(?i)last successful check:? [^\n<]+"), b"Last successful check: (run)"),
    (re.compile(rb"check run \d+"), b"check run (n)"),
]


def _without_run_stamps(data: bytes) -> bytes:
    for pattern, same in _RUN_STAMPS:
        data = pattern.sub(same, data)
    return data


def _snapshot(folder: Path, as_of: str) -> dict[str, object]:
    """The reports written for as_of and what status --json shows then."""
    run = run_cli(["run", "--as-of", as_of], folder)
    assert run.exit_code == 0, run.output
    status = run_cli(["status", "--json", "--as-of", as_of], folder)
    assert status.exit_code == 0, status.output
    reports = {
        p.name: _without_run_stamps(p.read_bytes())
        for p in sorted((folder / "reports").iterdir())
        if p.is_file() and p.name != "reports.json"
    }
    return {"reports": reports, "status": json.loads(status.stdout)}


@pytest.fixture
def split_dir(project_dir: Path) -> Path:
    r = run_cli(["split"], project_dir)
    assert r.exit_code == 0, r.output
    return project_dir


@given("the shipped commitments file, split into one file per document", target_fixture="workdir")
def split_file(split_dir: Path) -> Path:
    return split_dir


@given("the General Assembly resolution A/RES/80/16 as published")
def resolution(workdir: Path) -> None:
    shutil.copy(RESOLUTION, workdir / "A_RES_80_16.md")
    workdir.joinpath(".before-draft").write_text(
        (workdir / "commitments.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )


@given("the General Assembly resolution A/RES/80/16 drafted into a file of its own")
def drafted_resolution(workdir: Path) -> None:
    shutil.copy(RESOLUTION, workdir / "A_RES_80_16.md")
    r = run_cli(["draft", "A_RES_80_16.md", "--source-id", "a-res-80-16", "--write"], workdir)
    assert r.exit_code == 0, r.output
    own = (workdir / "commitments" / "a-res-80-16.yaml").read_text(encoding="utf-8")
    (workdir.parent / "drafted-a-res-80-16.yaml").write_text(own, encoding="utf-8")
    assert "  - commitments/a-res-80-16.yaml\n" in (workdir / "commitments.yaml").read_text()


@then("the resolution's file is as the draft wrote it")
def resolution_untouched(workdir: Path) -> None:
    drafted = (workdir.parent / "drafted-a-res-80-16.yaml").read_text(encoding="utf-8")
    assert (workdir / "commitments" / "a-res-80-16.yaml").read_text(encoding="utf-8") == drafted


@then(parsers.parse('include: lists "{names}"'))
def include_lists(workdir: Path, names: str) -> None:
    from sco_tracker.spec.yamlfile import load

    data, _ = load(workdir / "commitments.yaml")
    assert data["include"] == names.split(", "), data["include"]


#: The Moscow plan, last in its own file after a split, and the line of the Beijing meeting that
#: restates it.
MOSCOW_PLAN = "afghanistan-contact-group-beijing-2018-plan"
RESTATES_PLAN = f"    restates: {MOSCOW_PLAN}\n"
BEFORE_RESTATES = "    due: 2018-05\n    status: fulfilled\n"


@given("the database has been synced with it")
def synced_with_it(workdir: Path) -> None:
    result = run_cli(["sync"], workdir)
    assert result.exit_code == 0, result.output


@given(parsers.parse('the Moscow plan for the Contact Group is deleted from "{name}"'))
def moscow_plan_deleted(workdir: Path, name: str) -> None:
    path = workdir / name
    text = path.read_text(encoding="utf-8")
    start = text.index("commitments:\n")
    (workdir.parent / "moscow-plan.yaml").write_text(text[start:], encoding="utf-8")
    path.write_text(text[:start] + "commitments: []\n", encoding="utf-8")
    edit(workdir / BEIJING, RESTATES_PLAN, "")


@given(parsers.parse('the Moscow plan for the Contact Group is put back in "{name}"'))
def moscow_plan_back(workdir: Path, name: str) -> None:
    kept = (workdir.parent / "moscow-plan.yaml").read_text(encoding="utf-8")
    edit(workdir / name, "commitments: []\n", kept)
    edit(workdir / BEIJING, BEFORE_RESTATES, BEFORE_RESTATES + RESTATES_PLAN)


@then(parsers.parse('the site\'s history of "{cid}" reads "{events}"'))
def site_history(workdir: Path, cid: str, events: str) -> None:
    page = (workdir / "reports" / "site" / "c" / f"{cid}.html").read_text(encoding="utf-8")
    history = page[page.index('<section id="history"') :]
    history = history[: history.index("</section>")]
    rows = re.findall(
        r"<tr><td>[^<]*</td><td>([^<]*)</td>.*?</td><td>[^<]*</td><td>([^<]*)", history
    )
    told = "; ".join(f"{event}: {note.strip()}" for event, note in rows if event != "status")
    assert told == events, history


@given(parsers.parse('include: lists the pattern "{pattern}" instead of each file'))
def include_pattern(workdir: Path, pattern: str) -> None:
    edit(workdir / "commitments.yaml", SPLIT_INCLUDE, f"include:\n  - {pattern}\n")


@given(parsers.parse('include: also lists "{entry}"'))
def include_also(workdir: Path, entry: str) -> None:
    edit(workdir / "commitments.yaml", SPLIT_INCLUDE, f"{SPLIT_INCLUDE}  - {entry}\n")


@given("the tracker was run for 2018-07-01", target_fixture="before")
def run_before(workdir: Path) -> dict[str, object]:
    snapshot = _snapshot(workdir, "2018-07-01")
    snapshot["comments"] = _comments(_all_text(workdir))
    return snapshot


@given(parsers.parse('the youth action programme\'s status is "{status}"'))
def youth_status(workdir: Path, status: str) -> None:
    set_youth_programme(workdir, status)


@given(parsers.parse('the Moscow plan is given the id "{new_id}"'))
@when(parsers.parse('the Moscow plan is given the id "{new_id}"'))
def moscow_id(workdir: Path, new_id: str) -> None:
    edit(
        workdir / MOSCOW,
        "  - id: afghanistan-contact-group-beijing-2018-plan\n",
        f"  - id: {new_id}\n",
    )


@given(parsers.parse('the Moscow plan\'s lead is "{lead}"'))
def moscow_lead(workdir: Path, lead: str) -> None:
    edit(workdir / MOSCOW, "    lead: china\n", f"    lead: {lead}\n")


@when(parsers.parse('the Moscow plan\'s title is "{title}"'))
def moscow_title(workdir: Path, title: str) -> None:
    path = workdir / MOSCOW
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("    title: Hold the SCO"))
    lines[at] = f"    title: {title}\n"
    path.write_text("".join(lines), encoding="utf-8")


@given(parsers.parse('"{name}" starts with "{line}"'))
def starts_with(workdir: Path, name: str, line: str) -> None:
    path = workdir / name
    path.write_text(f"{line}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


@given(parsers.parse('"{name}" is a link to a copy of it outside the project'))
def link_outside(workdir: Path, name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "copy.yaml"
    shutil.copy(workdir / name, outside)
    os.unlink(workdir / name)
    os.symlink(outside, workdir / name)


@then(parsers.parse('"{name}" holds the source "{source}" and {n:d} draft commitments'))
def holds_source(workdir: Path, name: str, source: str, n: int) -> None:
    text = (workdir / name).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../commitments.schema.json\n"), text
    assert f"sources:\n  - id: {source}\n" in text, text
    assert "settings:" not in text
    assert text.count("\n    draft: true\n") >= n
    assert text.split("\ncommitments:\n", 1)[1].split("\nexclusions:\n")[0].count("\n  - id: ") == n


@then(
    parsers.parse(
        'commitments.yaml only gained the lines "{first}" and "{second}", set off by a blank '
        "line as its other sections are"
    )
)
def only_gained(workdir: Path, first: str, second: str) -> None:
    text = (workdir / "commitments.yaml").read_text(encoding="utf-8")
    diff = changes(shipped_text(), text)
    assert len(diff) == 1 and diff[0][:2] == ("insert", []), diff
    assert sorted(diff[0][2]) == sorted([f"{first}\n", f"{second}\n", "\n"]), diff
    assert f"\n\n{first}\n{second}\n\nparties:\n" in text, text


@then("commitments.yaml is as it was before the draft")
def as_before_draft(workdir: Path) -> None:
    before = (workdir / ".before-draft").read_text(encoding="utf-8")
    assert (workdir / "commitments.yaml").read_text(encoding="utf-8") == before


@then("commitments.yaml is as the split left it")
def as_split(workdir: Path) -> None:
    fresh = workdir.parent / "fresh-split"
    if not fresh.exists():
        fresh.mkdir()
        shutil.copy(DATA / "commitments.yaml", fresh / "commitments.yaml")
        shutil.copytree(DATA / "sources", fresh / "sources")
        assert run_cli(["split"], fresh).exit_code == 0
    assert (workdir / "commitments.yaml").read_text(encoding="utf-8") == (
        fresh / "commitments.yaml"
    ).read_text(encoding="utf-8")


@then(parsers.parse('"{name}" has the note "{note}"'))
def has_note(workdir: Path, name: str, note: str) -> None:
    assert f"note: {note}\n" in (workdir / name).read_text(encoding="utf-8")


@then("every comment of the file is in one of the files now")
def comments_kept(workdir: Path, before: dict[str, object]) -> None:
    now = _comments(_all_text(workdir))
    lost = before["comments"] - now  # type: ignore[operator]
    assert not lost, lost


@then("the settings, parties and events are still in commitments.yaml")
def shared_stay(workdir: Path) -> None:
    text = (workdir / "commitments.yaml").read_text(encoding="utf-8")
    for line in ("settings:\n", "  - {id: china, name: China, kind: member_state}\n"):
        assert line in text
    assert "  - id: qingdao-summit\n" in text
    assert "commitments: []\n" in text and "sources: []\n" in text
    assert SPLIT_INCLUDE in text


@then("the tracker run again for 2018-07-01 writes the same reports and shows the same status")
def same_again(workdir: Path, before: dict[str, object]) -> None:
    after = _snapshot(workdir, "2018-07-01")
    assert after["reports"].keys() == before["reports"].keys()  # type: ignore[attr-defined]
    for name, data in before["reports"].items():  # type: ignore[attr-defined]
        assert after["reports"][name] == data, name  # type: ignore[index]
    assert after["status"] == before["status"]


@then(parsers.parse('there is no folder "{name}"'))
def no_folder(workdir: Path, name: str) -> None:
    assert not (workdir / name).exists()


@when(
    parsers.parse(
        'I review the drafts of "{source}", accepting the first and excluding the second as '
        "{reason}"
    ),
    target_fixture="result",
)
def review_two(workdir: Path, source: str, reason: str) -> Result:
    (workdir / ".after-draft").write_text(
        (workdir / "commitments.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "sco_tracker", "review", "--source", source],
        cwd=workdir,
        input=f"a\nx\n{reason}\nThe resolution asks the Secretary-General, not the SCO.\nq\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return Result(done.returncode, done.stdout, done.stderr)


@then("commitments.yaml is as the draft left it")
def as_after_draft(workdir: Path) -> None:
    after = (workdir / ".after-draft").read_text(encoding="utf-8")
    assert (workdir / "commitments.yaml").read_text(encoding="utf-8") == after


@then(parsers.parse('in "{name}" "{cid}" is no longer a draft'))
def not_a_draft(workdir: Path, name: str, cid: str) -> None:
    text = (workdir / name).read_text(encoding="utf-8")
    entry = text[text.index(f"  - id: {cid}\n") :].split("\n  - ", 1)[0]
    assert "draft: true" not in entry, entry


@then(parsers.parse('in "{name}" the second proposal is an exclusion with the reason "{reason}"'))
def second_excluded(workdir: Path, name: str, reason: str) -> None:
    text = (workdir / name).read_text(encoding="utf-8")
    assert "  - id: request-secretary-general-provide-necessary-support-2\n" not in text
    tail = text.split("\nexclusions:\n", 1)[1]
    assert f"    reason: {reason}\n" in tail
    assert "The resolution asks the Secretary-General, not the SCO." in tail


@given(parsers.parse('the follow-up note "{text}" as "{name}"'))
def follow_up(workdir: Path, text: str, name: str) -> None:
    (workdir / name).write_text(text + "\n", encoding="utf-8")


@then(parsers.parse('in "{name}" "{cid}" has a draft update dated {day}'))
def draft_update_in(workdir: Path, name: str, cid: str, day: str) -> None:
    import yaml

    data = yaml.safe_load((workdir / name).read_text(encoding="utf-8"))
    entry = next(c for c in data["commitments"] if c["id"] == cid)
    assert [str(u["date"]) for u in entry["updates"] if u.get("draft")] == [day], entry["updates"]


@then(parsers.parse('commitments.yaml only gained the line "{line}" since the split'))
def gained_since_split(workdir: Path, line: str) -> None:
    fresh = workdir.parent / "fresh-split"
    fresh.mkdir()
    shutil.copy(DATA / "commitments.yaml", fresh / "commitments.yaml")
    shutil.copytree(DATA / "sources", fresh / "sources")
    assert run_cli(["split"], fresh).exit_code == 0
    old = (fresh / "commitments.yaml").read_text(encoding="utf-8")
    diff = changes(old, (workdir / "commitments.yaml").read_text(encoding="utf-8"))
    assert diff == [("insert", [], [f"{line}\n"])], diff


@then(parsers.parse('the report "{name}" says "{text}" in its summary'))
def report_summary_says(workdir: Path, name: str, text: str) -> None:
    _report_says(workdir, name, text, "Summary")


@then(parsers.parse('the report "{name}" says "{text}" under "{heading}"'))
def report_section_says(workdir: Path, name: str, text: str, heading: str) -> None:
    _report_says(workdir, name, text, heading)


def _report_says(workdir: Path, name: str, text: str, heading: str) -> None:
    """In the Markdown report, between '## heading' and the next '## '; in the HTML, anywhere."""
    lines = (workdir / "reports" / f"{name}.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(f"## {heading}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    assert text in "\n".join(lines[start + 1 : end]), "\n".join(lines[start:end])
    html = (workdir / "reports" / f"{name}.html").read_text(encoding="utf-8")
    assert text in html.replace("&#39;", "'"), text
