"""validate is the one gate: whatever run, report, schedule or calendar would refuse later,
validate refuses first, at the line and column, with a stable code (spec/codes.py).

Problems are matched by their code and place, not by their wording, except where the wording
itself is what is tested (the messages of item 4 of "The house in order").
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from gate_project import ROOT, change, copy_project, line_with, sco
from sco_tracker.problems import Problem
from sco_tracker.spec import codes
from sco_tracker.spec.validation import ValidationResult, validate_file

TODAY = date(2026, 12, 1)


@pytest.fixture
def gate_dir(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def validate(folder: Path) -> ValidationResult:
    return validate_file(str(folder / "commitments.yaml"), today=TODAY)


def coded(result: ValidationResult, code: codes.Code) -> list[Problem]:
    return [p for p in result.problems + result.warnings if p.code == code.code]


def the_problem(result: ValidationResult, code: codes.Code) -> Problem:
    assert not result.ok
    found = coded(result, code)
    assert len(found) == 1, "\n".join(map(str, result.problems))
    assert len(result.problems) == 1, "\n".join(map(str, result.problems))
    return found[0]


# -- the registry and the README ------------------------------------------------------------


def test_the_readme_lists_exactly_the_registered_problems() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(
        r"<!-- generated from src/sco_tracker/spec/codes.py[^\n]*-->\n"
        r"(.*?)<!-- end of the generated list -->",
        readme,
        re.DOTALL,
    )
    assert m, "README.md has no generated list of problems"
    assert m.group(1) == codes.readme_table(), "run: python -m sco_tracker.spec.codes"


def test_codes_are_unique_and_in_the_documented_form() -> None:
    assert len({c.name for c in codes.REGISTRY.values()}) == len(codes.REGISTRY)
    for key, c in codes.REGISTRY.items():
        assert key == c.code and re.fullmatch(r"SCO[1-7]\d\d", c.code), c
        assert c.description and "\n" not in c.description


def test_every_problem_the_validator_can_report_carries_a_registered_code() -> None:
    """Each error()/warn()/problem() call in the validator names a code of the registry."""
    src = ROOT / "src" / "sco_tracker"
    files = [*sorted((src / "spec").glob("*.py")), src / "schedule" / "daemon.py"]
    for file in files:
        text = file.read_text(encoding="utf-8")
        for m in re.finditer(r"self\.(?:error|warn)\(\s*([^,\s]+)", text):
            name = m.group(1)
            assert name.startswith("codes.") or name == "code", f"{file.name}: {m.group(0)}"
            if name.startswith("codes."):
                assert isinstance(getattr(codes, name.removeprefix("codes.")), codes.Code)


# -- schedules: the scheduler's own parser ---------------------------------------------------


@pytest.mark.parametrize(
    "schedule",
    ["99 6 * * *", "0 25 * * *", "every 0 hours", "every 99999999 weeks", "daily", "0 6 * *"],
)
def test_a_schedule_the_scheduler_refuses_is_refused_by_validate(
    gate_dir: Path, schedule: str
) -> None:
    change(gate_dir, 'check: "0 6 * * *"', f'check: "{schedule}"')
    p = the_problem(validate(gate_dir), codes.INVALID_SCHEDULE)
    assert (p.line, p.col) == (line_with(gate_dir, "check:"), 12)
    listed = sco(gate_dir, "schedule", "--list")
    assert listed.exit_code == 1 and "Traceback" not in listed.output
    assert f"{p.file}:{p.line}:{p.col}: {p.message}".split(":", 1)[1] in listed.stderr


@pytest.mark.parametrize("schedule", ["every 6 hours", "*/15 6-18 * * mon-fri", "every 366 days"])
def test_a_schedule_validate_accepts_is_one_the_scheduler_runs(
    gate_dir: Path, schedule: str
) -> None:
    from sco_tracker.schedule.daemon import next_runs
    from sco_tracker.spec.project import load_project

    change(gate_dir, 'check: "0 6 * * *"', f'check: "{schedule}"')
    assert validate(gate_dir).ok
    rows = next_runs(load_project(gate_dir / "commitments.yaml"))
    assert [job.id for job, nxt in rows if nxt is not None] == ["check", "report"]


# -- templates_dir and reports_dir -----------------------------------------------------------

TEMPLATES = ("  reports_dir: reports\n", "  reports_dir: reports\n  templates_dir: {}\n")


@pytest.mark.parametrize("setting", ["no-such-folder", "a-file.txt", "../elsewhere"])
def test_a_templates_dir_that_cannot_be_used_is_refused(gate_dir: Path, setting: str) -> None:
    (gate_dir / "a-file.txt").write_text("not a folder\n")
    (gate_dir.parent / "elsewhere").mkdir(exist_ok=True)
    change(gate_dir, TEMPLATES[0], TEMPLATES[1].format(setting))
    p = the_problem(validate(gate_dir), codes.TEMPLATES_DIR)
    assert (p.line, p.col) == (line_with(gate_dir, "templates_dir:"), 18)


def test_a_template_that_cannot_be_compiled_is_refused_at_its_own_line(gate_dir: Path) -> None:
    parts = gate_dir / "my-templates" / "parts"
    parts.mkdir(parents=True)
    (parts / "footer.md.j2").write_text("Next meeting: Kyrgyz Republic\n{% if as_of %}\nno end\n")
    change(gate_dir, TEMPLATES[0], TEMPLATES[1].format("my-templates"))
    p = the_problem(validate(gate_dir), codes.TEMPLATE_ERROR)
    assert Path(p.file) == (parts / "footer.md.j2").resolve()
    assert p.line == 3


def test_a_template_with_a_filter_the_reports_do_not_have_is_refused(gate_dir: Path) -> None:
    (gate_dir / "my-templates").mkdir()
    (gate_dir / "my-templates" / "report.md.j2").write_text(
        "# Kyrgyz Republic\n{{ as_of_label | md }}\n{{ overdue | lenght }}\n"
    )
    change(gate_dir, TEMPLATES[0], TEMPLATES[1].format("my-templates"))
    p = the_problem(validate(gate_dir), codes.TEMPLATE_ERROR)
    assert (Path(p.file).name, p.line) == ("report.md.j2", 3)


def test_validate_knows_exactly_the_filters_the_reports_have() -> None:
    import jinja2

    from sco_tracker.report.render import environment
    from sco_tracker.spec.templates import FILTERS

    assert set(environment().filters) == set(jinja2.Environment().filters) | set(FILTERS)


def test_good_templates_pass(gate_dir: Path) -> None:
    (gate_dir / "my-templates").mkdir()
    (gate_dir / "my-templates" / "report.md.j2").write_text("As of {{ as_of_label }}.\n")
    change(gate_dir, TEMPLATES[0], TEMPLATES[1].format("my-templates"))
    assert validate(gate_dir).ok


@pytest.mark.parametrize("setting", ["a-file.txt", "a-file.txt/inside", "../outside", "' '"])
def test_a_reports_dir_that_cannot_be_written_is_refused(gate_dir: Path, setting: str) -> None:
    (gate_dir / "a-file.txt").write_text("not a folder\n")
    change(gate_dir, "  reports_dir: reports\n", f"  reports_dir: {setting}\n")
    p = the_problem(validate(gate_dir), codes.REPORTS_DIR)
    assert p.line == line_with(gate_dir, "reports_dir:")


def test_a_reports_dir_not_yet_there_is_fine(gate_dir: Path) -> None:
    change(gate_dir, "  reports_dir: reports\n", "  reports_dir: out/reports\n")
    assert validate(gate_dir).ok


def test_the_validate_cache_sees_a_template_broken_after_a_valid_run(gate_dir: Path) -> None:
    """A cached 'valid' must not hide a template edited into a mistake since."""
    import os
    import subprocess
    import sys

    (gate_dir / "tpl").mkdir()
    (gate_dir / "tpl" / "report.md.j2").write_text("As of {{ as_of_label }}.\n")
    change(gate_dir, TEMPLATES[0], TEMPLATES[1].format("tpl"))
    env = {k: v for k, v in os.environ.items() if k != "SCO_TRACKER_NO_CACHE"}

    def cached_validate() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sco_tracker", "validate", "--json"],
            cwd=gate_dir,
            env=env,
            capture_output=True,
            text=True,
        )

    first = subprocess.run(
        [sys.executable, "-m", "sco_tracker", "validate"],
        cwd=gate_dir,
        env=env,
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    assert (gate_dir / ".sco-tracker-cache" / "validate.json").exists()
    (gate_dir / "tpl" / "report.md.j2").write_text("{% for x in y %}\n")
    again = subprocess.run(
        [sys.executable, "-m", "sco_tracker", "validate"],
        cwd=gate_dir,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1, again.stdout
    data = json.loads(cached_validate().stdout)
    assert [p["code"] for p in data["problems"]] == [codes.TEMPLATE_ERROR.code]


# -- ranges: what a later step would overflow on ---------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    due: 2018-05\n", "    due: 9999-12-31\n"),
        ("    due: 2018-05\n", "    due: 9999\n"),
        ("    due: 2018-05\n", "    due: 0001-01\n"),
        ("    date: 2018-05-22\n    place: Beijing", "    date: 1899-12-31\n    place: Beijing"),
        ("review_every: 1 year", "review_every: every 99999999 years"),
        ("review_every: 1 year", "review_every: 1201 months"),
        ('report: "0 7 * * mon"', 'report: "0 7 * * mon"\n    misfire_grace: 99999999999 weeks'),
        ("due_soon_days: 14 ", "due_soon_days: 36501 "),
    ],
    ids=[
        "due-day",
        "due-year",
        "due-month-year-1",
        "source-date",
        "cadence",
        "cadence-months",
        "misfire-grace",
        "due-soon-days",
    ],
)
def test_dates_and_numbers_beyond_what_the_tracker_can_compute_are_refused(
    gate_dir: Path, old: str, new: str
) -> None:
    change(gate_dir, old, new)
    p = the_problem(validate(gate_dir), codes.OUT_OF_RANGE)
    changed = next(line for line in new.splitlines() if line not in old.splitlines())
    assert p.line == line_with(gate_dir, changed.strip())
    assert re.search(r"\d", p.message), p.message  # the message gives the allowed range


def test_the_ends_of_the_allowed_range_pass_every_later_step(gate_dir: Path) -> None:
    change(gate_dir, "    due: 2018-05\n", "    due: 2999-12-31\n")
    change(gate_dir, "review_every: 1 year", "review_every: 100 years")
    assert validate(gate_dir).ok
    for args in (
        ["report", "--as-of", "2999-12-31"],
        ["calendar", "-o", "-", "--as-of", "1900-01-01"],
        ["check", "--as-of", "2999-12-31"],
    ):
        ran = sco(gate_dir, *args)
        assert ran.exit_code in (0, 1) and "Traceback" not in ran.output, (args, ran.output)


def test_an_as_of_date_out_of_range_is_refused_like_a_date_in_the_file(gate_dir: Path) -> None:
    for command in ("report", "check", "calendar", "run"):
        ran = sco(gate_dir, command, "--as-of", "9999-12-31")
        assert ran.exit_code == 2 and "Traceback" not in ran.output, ran.output
        assert "1900-01-01 to 2999-12-31" in ran.stderr, ran.stderr
    assert not (gate_dir / "sco-tracker.db").exists()


# -- text the database or the reports cannot hold --------------------------------------------

NOTE = "note: The heads of state issued the Joint Appeal to Youth in Qingdao."


@pytest.mark.parametrize("escape", ["\\0", "\\x07", "\\e", "\\x9b"])
def test_a_control_character_in_a_note_is_refused(gate_dir: Path, escape: str) -> None:
    change(gate_dir, NOTE, f'note: "The heads of state{escape} issued the Joint Appeal"')
    p = the_problem(validate(gate_dir), codes.CONTROL_CHARACTER)
    assert p.line == line_with(gate_dir, "The heads of state")


def test_tab_and_line_breaks_in_a_note_are_fine(gate_dir: Path) -> None:
    change(gate_dir, NOTE, 'note: "The heads of state\\tissued\\nthe Joint Appeal\\r\\n"')
    assert validate(gate_dir).ok


@pytest.mark.parametrize(
    "new_id",
    ['"qingdao-youth-joint-appeal\\n"', "q" * 201],
    ids=["trailing-newline", "longer-than-the-column"],
)
def test_an_id_the_database_cannot_hold_is_refused(gate_dir: Path, new_id: str) -> None:
    change(gate_dir, "  - id: qingdao-youth-joint-appeal\n", f"  - id: {new_id}\n")
    p = the_problem(validate(gate_dir), codes.INVALID_ID)
    assert (p.line, p.col) == (line_with(gate_dir, f"  - id: {new_id}"), 9)


def test_an_id_as_long_as_the_column_is_fine(gate_dir: Path) -> None:
    from sco_tracker.spec.model import ID_MAX_LENGTH

    change(gate_dir, "  - id: qingdao-youth-joint-appeal\n", f"  - id: {'q' * ID_MAX_LENGTH}\n")
    assert validate(gate_dir).ok


def test_the_database_column_is_as_wide_as_the_longest_id() -> None:
    from sco_tracker.db.store import CommitmentRow
    from sco_tracker.spec.model import ID_MAX_LENGTH

    assert CommitmentRow.__table__.c.id.type.length == ID_MAX_LENGTH


def test_a_javascript_link_is_a_warning(gate_dir: Path) -> None:
    change(gate_dir, "url: http://eng.sectsco.org/20180522/431989.html", "url: javascript:alert(1)")
    result = validate(gate_dir)
    assert result.ok
    [w] = coded(result, codes.NOT_A_LINK)
    assert w.line == line_with(gate_dir, "url: javascript:")


# -- messages --------------------------------------------------------------------------------


def test_an_unknown_party_lists_the_known_ones_and_says_where_to_add_one(gate_dir: Path) -> None:
    change(gate_dir, "lead: kyrgyzstan", "lead: afghanistan")
    p = the_problem(validate(gate_dir), codes.UNKNOWN_PARTY)
    assert "china, india, kazakhstan, kyrgyzstan" in p.message
    assert "'parties:'" in p.message


def test_a_quote_not_in_its_paragraph_shows_where_the_two_part(gate_dir: Path) -> None:
    change(gate_dir, "quote: agreed to continue", "quote: agreed to continue strictly")
    p = the_problem(validate(gate_dir), codes.QUOTE_MISMATCH)
    assert '"agreed to continue"' in p.message  # the longest beginning the paragraph holds
    assert '"maintaining effective border control' in p.message  # then the paragraph's words
    assert '"strictly maintaining' in p.message  # and the quote's


def test_one_bad_setting_does_not_discard_the_others(gate_dir: Path) -> None:
    """A wrong stale_after_days once threw the assessment windows away too (six false
    'unknown assessment window' errors)."""
    change(gate_dir, "stale_after_days: 180", "stale_after_days: 0")
    p = the_problem(validate(gate_dir), codes.OUT_OF_RANGE)
    assert p.line == line_with(gate_dir, "stale_after_days: 0")


def test_a_broken_window_does_not_make_its_assessments_unknown(gate_dir: Path) -> None:
    change(gate_dir, "      end: 2019-06-13\n", "      end: 2019-06-31\n")
    result = validate(gate_dir)
    assert [p.code for p in result.problems] == [codes.INVALID_VALUE.code]


def test_validate_json_gives_every_problem_and_warning_its_code(gate_dir: Path) -> None:
    change(gate_dir, "lead: kyrgyzstan", "lead: kyrgystan")
    change(gate_dir, 'check: "0 6 * * *"', 'check: "99 6 * * *"')
    ran = sco(gate_dir, "validate", "--json")
    assert ran.exit_code == 1
    data = json.loads(ran.stdout)
    assert [p["code"] for p in data["problems"]] == [
        codes.INVALID_SCHEDULE.code,
        codes.UNKNOWN_PARTY.code,
    ]
    assert [w["code"] for w in data["warnings"]] == [codes.QUOTE_UNVERIFIED.code]
    # the terminal keeps its FILE:LINE:COL: message lines
    text = sco(gate_dir, "validate")
    assert re.search(r"^commitments\.yaml:14:12: '99 6 \* \* \*'", text.stderr, re.MULTILINE)


def test_yaml_problems_have_codes_too(gate_dir: Path) -> None:
    (gate_dir / "commitments.yaml").write_text("settings:\n\ttimezone: UTC\n")
    p = the_problem(validate(gate_dir), codes.YAML_SYNTAX)
    assert p.line == 2


def test_a_run_on_a_file_validate_refuses_writes_nothing(gate_dir: Path) -> None:
    change(gate_dir, TEMPLATES[0], TEMPLATES[1].format("no-such-folder"))
    ran = sco(gate_dir, "run")
    assert ran.exit_code == 1, ran.output
    assert not (gate_dir / "sco-tracker.db").exists()
    assert not (gate_dir / "reports").exists()
