"""One test (at least) for every rule of `sco-tracker validate`.

Each test makes one mistake in a copy of the shipped commitments.yaml (or writes a small
hostile file) and asserts both the message and the line:col it points at. Positions are
computed from the edited file, so a problem reported at the wrong place fails.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.conftest import edit, line_of

from sco_tracker.problems import Problem
from sco_tracker.sources.text import fold, quote_in
from sco_tracker.spec import yamlfile
from sco_tracker.spec.validation import ValidationResult, validate_file

#: A fixed "today" after every update in the shipped file, so results do not depend on the clock.
TODAY = date(2025, 1, 1)

#: What a message about an unknown party adds: the shipped file's parties, and where to add one.
PARTIES_LISTED = (
    "; the parties are: china, india, kazakhstan, kyrgyzstan, pakistan, russia, tajikistan, "
    "uzbekistan, sco-secretariat, rats. To add one, list it under 'parties:' (id, name, kind)"
)


def run(path: Path, today: date = TODAY) -> ValidationResult:
    return validate_file(str(path), today=today)


def edit_in(path: Path, commitment: str, old: str, new: str) -> None:
    """Replace the first `old` inside the entry of one commitment."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {commitment}\n")
    end = text.find("\n  - id: ", start + 1)
    at = text.find(old, start)
    assert at >= 0 and (end < 0 or at < end), f"{old!r} not in commitment {commitment!r}"
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def at(
    path: Path, line_needle: str, col_needle: str | None = None, occurrence: int = 1
) -> tuple[int, int]:
    """(line, col) of col_needle on the occurrence-th line holding line_needle (col of
    line_needle by default)."""
    line = line_of(path, line_needle, occurrence)
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    needle = col_needle if col_needle is not None else line_needle
    assert needle in text, (needle, text)
    return line, text.index(needle) + 1


def at_in(path: Path, commitment: str, line_needle: str, col_needle: str) -> tuple[int, int]:
    """Like at(), for the first line holding line_needle inside one commitment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {commitment}")
    for n in range(start, len(lines)):
        if line_needle in lines[n]:
            return n + 1, lines[n].index(col_needle) + 1
    raise AssertionError(f"{line_needle!r} not found after commitment {commitment!r}")


def only(result: ValidationResult, start: str) -> Problem:
    """The single problem whose message starts with `start`."""
    found = [p for p in result.problems if p.message.startswith(start)]
    assert len(found) == 1, f"expected one problem starting {start!r}, got:\n" + "\n".join(
        map(str, result.problems)
    )
    return found[0]


def assert_problem(
    result: ValidationResult, message: str, where: tuple[int, int], *, exact: bool = True
) -> None:
    assert not result.ok and result.project is None
    p = only(result, message)
    if exact:
        assert p.message == message
    assert (p.line, p.col) == where, f"{p} expected at {where}"


@pytest.fixture
def yaml_file(project_dir: Path) -> Path:
    return project_dir / "commitments.yaml"


# --- the shipped file ----------------------------------------------------------------------------


def test_the_shipped_file_is_valid(yaml_file: Path) -> None:
    result = run(yaml_file)
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.project is not None
    assert len(result.project.commitments) == 25
    assert result.summary.startswith(
        f"{yaml_file}: valid. 25 commitments (7 deliverable, 18 continuous) from 2 sources"
    )
    # The Moscow 2017 source has no local text: its one quote cannot be checked, and only that is
    # said.
    moscow = at_in(
        yaml_file, "afghanistan-contact-group-beijing-2018-plan", "quote:", "in early 2018"
    )
    assert [(w.line, w.col, w.severity, w.message) for w in result.warnings] == [
        (
            *moscow,
            "warning",
            "the quote cannot be verified: source 'moscow-2017-10-11' has no local text",
        )
    ]


# --- YAML ----------------------------------------------------------------------------------------


def test_yaml_syntax_error(yaml_file: Path) -> None:
    edit(yaml_file, "title: Qingdao summit", "title: Qingdao summit: 18th meeting")
    result = run(yaml_file)
    assert_problem(
        result,
        "YAML syntax error: mapping values are not allowed in this context; "
        "if the text itself has ': ' in it, put the whole value in quotes",
        at(yaml_file, "Qingdao summit: 18th", ": 18th"),
    )
    assert len(result.problems) == 1


def test_duplicate_key(yaml_file: Path) -> None:
    edit_in(
        yaml_file,
        "qingdao-drug-abuse-concept",
        "    theme: Drugs\n",
        "    theme: Drugs\n    theme: Narcotics\n",
    )
    first = line_of(yaml_file, "theme: Drugs")
    assert_problem(
        run(yaml_file),
        f"duplicate key 'theme' (first given at line {first})",
        at(yaml_file, "theme: Narcotics", "theme"),
    )


def test_tab_indentation(yaml_file: Path) -> None:
    edit(yaml_file, "    place: Qingdao, China", "\tplace: Qingdao, China")
    assert_problem(
        run(yaml_file),
        "YAML syntax error: found a tab character that violates indentation (while scanning a "
        "plain scalar); indent with spaces, not tabs",
        at(yaml_file, "\tplace: Qingdao", "\t"),
    )


def test_control_character(yaml_file: Path) -> None:
    edit(yaml_file, "title: Qingdao summit", "title: Qingdao\x07summit")
    assert_problem(
        run(yaml_file),
        "YAML does not allow the control character U+0007 here; delete it",
        at(yaml_file, "title: Qingdao\x07summit", "\x07"),
    )


def test_merge_keys_are_refused(yaml_file: Path) -> None:
    edit(
        yaml_file, "  - id: border-control\n", "  - <<: {theme: Borders}\n    id: border-control\n"
    )
    assert_problem(
        run(yaml_file),
        "YAML merge keys (<<) are not supported here; write the keys out",
        at(yaml_file, "<<: {theme", "<<"),
    )


# --- shape of entries ----------------------------------------------------------------------------


def test_unknown_key_with_did_you_mean(yaml_file: Path) -> None:
    edit_in(
        yaml_file, "next-secretaries-meeting-kyrgyzstan", "lead: kyrgyzstan", "leader: kyrgyzstan"
    )
    assert_problem(
        run(yaml_file),
        "unknown key 'leader' (did you mean 'lead'?); allowed here: id, title, source",
        at(yaml_file, "leader: kyrgyzstan"),
        exact=False,
    )


def test_unknown_top_level_key_with_did_you_mean(yaml_file: Path) -> None:
    edit(yaml_file, "\nevents:\n", "\nevent:\n")
    result = run(yaml_file)
    assert_problem(result, "unknown key 'event' (did you mean 'events'?)", at(yaml_file, "event:"))
    # The events it holds are not reported one by one as unknown.
    assert not [p for p in result.problems if p.message.startswith("unknown event")]


def test_missing_required_field(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "    theme: Afghanistan\n", "")
    assert_problem(
        run(yaml_file),
        "missing required field 'theme'",
        at_in(yaml_file, "afghanistan-contact-group-beijing", "- id:", "id:"),
    )


def test_missing_required_section(yaml_file: Path) -> None:
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text[: text.index("commitments:\n")], encoding="utf-8")
    assert_problem(
        run(yaml_file), "missing required section 'commitments'", at(yaml_file, "settings:")
    )


def test_wrong_type_text_for_number(yaml_file: Path) -> None:
    edit_in(
        yaml_file, "afghanistan-contact-group-beijing", "paragraph: 22", "paragraph: twenty-two"
    )
    assert_problem(
        run(yaml_file),
        "'paragraph' should be a whole number, got 'twenty-two'",
        at(yaml_file, "paragraph: twenty-two", "twenty-two"),
    )


def test_wrong_type_yes_is_not_a_number(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "paragraph: 22", "paragraph: yes")
    assert_problem(
        run(yaml_file),
        "expected a whole number, got yes/no (true)",
        at(yaml_file, "paragraph: yes", "yes"),
    )


def test_wrong_type_list_for_text(yaml_file: Path) -> None:
    edit_in(
        yaml_file,
        "border-control",
        "theme: Operational cooperation",
        "theme: [Operational, Borders]",
    )
    assert_problem(
        run(yaml_file),
        "'theme' should be text, got a list",
        at(yaml_file, "theme: [Operational", "["),
    )


def test_wrong_type_mapping_for_list(yaml_file: Path) -> None:
    edit_in(
        yaml_file,
        "afghanistan-contact-group-beijing",
        "    updates:\n      - date: 2018-05-28",
        "    updates:\n      first: x\n      second:\n      - date: 2018-05-28",
    )
    assert_problem(
        run(yaml_file),
        "'updates' should be a list (one '- ' item per line), got a mapping",
        at(yaml_file, "first: x", "first"),
    )


def test_entry_that_is_not_a_mapping(yaml_file: Path) -> None:
    edit(yaml_file, "  - id: border-control\n", "  - hold more meetings\n  - id: border-control\n")
    assert_problem(
        run(yaml_file),
        "each entry of 'commitments' should be a mapping of keys to values (id: ..., title: "
        "...), got 'hold more meetings'",
        at(yaml_file, "- hold more meetings", "hold"),
    )


def test_section_that_is_not_a_list_does_not_cascade(yaml_file: Path) -> None:
    edit(yaml_file, "\nparties:\n", "\nparties: see below\nold_parties:\n")
    result = run(yaml_file)
    assert_problem(
        result,
        "'parties' must be a list of entries, each starting with '- '",
        at(yaml_file, "parties: see below", "see"),
    )
    assert not [p for p in result.problems if p.message.startswith("unknown party")]


def test_empty_text(yaml_file: Path) -> None:
    edit(yaml_file, "title: Qingdao summit", "title: ''")
    assert_problem(run(yaml_file), "'title' must not be empty", at(yaml_file, "title: ''", "''"))


def test_no_value(yaml_file: Path) -> None:
    edit(yaml_file, "title: Qingdao summit", "title: ~")
    assert_problem(run(yaml_file), "'title' has no value", at(yaml_file, "title: ~", "~"))


def test_impossible_date(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "date: 2018-05-28", "date: 2018-02-30")
    assert_problem(
        run(yaml_file),
        "impossible date 2018-02-30: February 2018 has 28 days",
        at(yaml_file, "date: 2018-02-30", "2018"),
    )


def test_impossible_due_month(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "due: 2018-05", "due: 2018-13")
    assert_problem(
        run(yaml_file),
        "impossible month 2018-13: there is no month 13",
        at(yaml_file, "due: 2018-13", "2018"),
    )


def test_due_in_words(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "due: 2018-05", "due: next May")
    assert_problem(
        run(yaml_file),
        "expected a date (2018-05-31), a month (2018-05), a year (2018) or an event id, got "
        "'next May'",
        at(yaml_file, "due: next May", "next"),
    )


def test_unknown_status(yaml_file: Path) -> None:
    edit_in(yaml_file, "qingdao-drug-abuse-concept", "status: in_progress", "status: underway")
    assert_problem(
        run(yaml_file),
        "unknown status 'underway'; expected one of: planned, in_progress, fulfilled, "
        "partially_fulfilled, not_fulfilled, dropped",
        at(yaml_file, "status: underway", "underway"),
    )


def test_status_close_to_a_known_one(yaml_file: Path) -> None:
    edit_in(yaml_file, "qingdao-drug-abuse-concept", "status: in_progress", "status: in-progress")
    assert_problem(
        run(yaml_file),
        "unknown status 'in-progress' (did you mean 'in_progress'?)",
        at(yaml_file, "status: in-progress", "in-progress"),
        exact=False,
    )


def test_status_of_the_wrong_type(yaml_file: Path) -> None:
    edit_in(yaml_file, "qingdao-youth-action-programme", "status: planned", "status: [planned]")
    assert_problem(
        run(yaml_file),
        "'status' should be one of: planned, in_progress, fulfilled, partially_fulfilled, "
        "not_fulfilled, dropped; got a list",
        at(yaml_file, "status: [planned]", "["),
    )


def test_unknown_kind(yaml_file: Path) -> None:
    edit_in(yaml_file, "border-control", "kind: continuous", "kind: ongoing")
    assert_problem(
        run(yaml_file),
        "unknown kind 'ongoing'; expected one of: deliverable, continuous",
        at(yaml_file, "kind: ongoing", "ongoing"),
    )


def test_bad_id(yaml_file: Path) -> None:
    edit(yaml_file, "id: border-control", "id: Border Control")
    assert_problem(
        run(yaml_file),
        "'Border Control' is not a valid id: use lower-case letters, digits, '-', '_' or '.', "
        "starting with a letter or digit",
        at(yaml_file, "id: Border Control", "Border"),
    )


def test_bad_cadence(yaml_file: Path) -> None:
    edit_in(yaml_file, "border-control", "review_every: 1 year", "review_every: yearly")
    assert_problem(
        run(yaml_file),
        "expected a cadence such as 'every 6 months', 'every 2 weeks' or 'every 90 days', got "
        "'yearly'",
        at(yaml_file, "review_every: yearly", "yearly"),
    )


def test_bad_schedule(yaml_file: Path) -> None:
    edit(yaml_file, 'check: "0 6 * * *"', 'check: "daily"')
    assert_problem(
        run(yaml_file),
        "'daily' is not a schedule: use a crontab string with 5 fields (minute hour day-of-month "
        "month day-of-week, e.g. '0 6 * * mon') or 'every N seconds|minutes|hours|days'",
        at(yaml_file, 'check: "daily"', '"daily"'),
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "'due_soon_days' must be at least 0, got -1"),
        ("100000", "'due_soon_days' must be at most 36500, got a number (100000)"),
    ],
)
def test_settings_number_bounds(yaml_file: Path, value: str, message: str) -> None:
    edit(yaml_file, "due_soon_days: 14", f"due_soon_days: {value}")
    assert_problem(run(yaml_file), message, at(yaml_file, f"due_soon_days: {value}", value))


def test_unknown_timezone(yaml_file: Path) -> None:
    edit(yaml_file, "timezone: UTC", "timezone: Asia/Beijing")
    assert_problem(
        run(yaml_file),
        "unknown timezone 'Asia/Beijing'; use an IANA name such as 'UTC' or 'Asia/Shanghai'",
        at(yaml_file, "timezone: Asia/Beijing", "Asia"),
    )


def test_absurd_timezone_is_a_message_not_a_crash(yaml_file: Path) -> None:
    edit(yaml_file, "timezone: UTC", "timezone: " + "x" * 400)
    p = only(run(yaml_file), "unknown timezone 'xxx")
    assert p.message.endswith("...'; use an IANA name such as 'UTC' or 'Asia/Shanghai'")
    assert (p.line, p.col) == at(yaml_file, "timezone: xxx", "xxx")


# --- ids and references --------------------------------------------------------------------------


def test_duplicate_id(yaml_file: Path) -> None:
    edit(yaml_file, "id: exchange-information-on-accomplices", "id: border-control")
    first = line_of(yaml_file, "- id: border-control")
    assert_problem(
        run(yaml_file),
        f"duplicate id 'border-control' (first used at line {first})",
        at(yaml_file, "- id: border-control", "border-control", occurrence=2),
    )


def test_duplicate_id_in_an_entry_with_other_mistakes(yaml_file: Path) -> None:
    edit(yaml_file, "id: exchange-information-on-accomplices", "id: border-control")
    edit_in(yaml_file, "border-control", "status: planned", "status: ongoing")  # the first one
    first = line_of(yaml_file, "- id: border-control")
    result = run(yaml_file)
    assert_problem(
        result,
        f"duplicate id 'border-control' (first used at line {first})",
        at(yaml_file, "- id: border-control", "border-control", occurrence=2),
    )
    assert only(result, "unknown status 'ongoing'")


@pytest.mark.parametrize(
    ("commitment", "old", "new", "bad", "message"),
    [
        (
            "next-secretaries-meeting-kyrgyzstan",
            "source: beijing-2018-05-22",
            "source: beijing-2018-05-21",
            "beijing-2018-05-21",
            "unknown source 'beijing-2018-05-21' (did you mean 'beijing-2018-05-22'?)",
        ),
        (
            "next-secretaries-meeting-kyrgyzstan",
            "due: nsc-secretaries-14",
            "due: nsc-secretaries-15",
            "nsc-secretaries-15",
            "unknown event 'nsc-secretaries-15' (did you mean 'nsc-secretaries-14'?)",
        ),
        (
            "next-secretaries-meeting-kyrgyzstan",
            "lead: kyrgyzstan",
            "lead: kyrgystan",
            "kyrgystan",
            "unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?)" + PARTIES_LISTED,
        ),
        (
            "border-control",
            "parties: [china, india,",
            "parties: [china, indai,",
            "indai",
            "unknown party 'indai' (did you mean 'india'?)" + PARTIES_LISTED,
        ),
        (
            "border-control",
            "status: planned",
            "status: planned\n    depends_on: [qingdao-youth-joint-apeal]",
            "qingdao-youth-joint-apeal",
            (
                "unknown commitment 'qingdao-youth-joint-apeal' (did you mean "
                "'qingdao-youth-joint-appeal'?)"
            ),
        ),
    ],
    ids=["source", "event", "lead", "party", "commitment"],
)
def test_unknown_reference(
    yaml_file: Path, commitment: str, old: str, new: str, bad: str, message: str
) -> None:
    edit_in(yaml_file, commitment, old, new)
    assert_problem(run(yaml_file), message, at(yaml_file, bad))


def test_reference_in_an_entry_with_another_mistake(yaml_file: Path) -> None:
    """A misspelt lead is reported even when the same commitment has a bad status."""
    edit_in(yaml_file, "next-secretaries-meeting-kyrgyzstan", "lead: kyrgyzstan", "lead: kyrgystan")
    edit_in(yaml_file, "next-secretaries-meeting-kyrgyzstan", "status: fulfilled", "status: done")
    result = run(yaml_file)
    assert_problem(
        result,
        "unknown party 'kyrgystan' (did you mean 'kyrgyzstan'?)" + PARTIES_LISTED,
        at(yaml_file, "lead: kyrgystan", "kyrgystan"),
    )
    assert only(result, "unknown status 'done'").line == line_of(yaml_file, "status: done")
    assert len(result.problems) == 2


def test_lead_not_among_parties(yaml_file: Path) -> None:
    edit_in(
        yaml_file,
        "next-secretaries-meeting-kyrgyzstan",
        "parties: [china, india, kazakhstan, kyrgyzstan, pakistan, russia, tajikistan, uzbekistan]",
        "parties: [china, russia]",
    )
    assert_problem(
        run(yaml_file),
        "lead 'kyrgyzstan' is not among the commitment's parties",
        at(yaml_file, "lead: kyrgyzstan", "kyrgyzstan"),
    )


def test_dependency_cycle(yaml_file: Path) -> None:
    edit_in(
        yaml_file,
        "qingdao-youth-joint-appeal",
        "status: fulfilled",
        "status: fulfilled\n    depends_on: [qingdao-youth-action-programme]",
    )
    edit_in(
        yaml_file,
        "qingdao-youth-action-programme",
        "status: planned",
        "status: planned\n    depends_on: [qingdao-youth-joint-appeal]",
    )
    assert_problem(
        run(yaml_file),
        "dependency cycle: qingdao-youth-joint-appeal -> qingdao-youth-action-programme -> "
        "qingdao-youth-joint-appeal",
        at(yaml_file, "depends_on: [qingdao-youth-joint-appeal]", "qingdao"),
    )


def test_dependency_on_itself(yaml_file: Path) -> None:
    edit_in(
        yaml_file,
        "border-control",
        "status: planned",
        "status: planned\n    depends_on: [border-control]",
    )
    assert_problem(
        run(yaml_file),
        "dependency cycle: border-control -> border-control",
        at(yaml_file, "depends_on: [border-control]", "border-control"),
    )


def test_dependency_cycle_through_an_entry_with_another_mistake(yaml_file: Path) -> None:
    edit_in(
        yaml_file,
        "next-secretaries-meeting-kyrgyzstan",
        "status: fulfilled",
        "status: fulfilled\n    depends_on: [border-control]",
    )
    edit_in(
        yaml_file,
        "border-control",
        "review_every: 1 year\n    status: planned",
        "review_every: 1 yr\n    status: planned\n    depends_on: "
        "[next-secretaries-meeting-kyrgyzstan]",
    )
    result = run(yaml_file)
    assert only(result, "expected a cadence")
    assert_problem(
        result,
        "dependency cycle: next-secretaries-meeting-kyrgyzstan -> border-control -> "
        "next-secretaries-meeting-kyrgyzstan",
        at(yaml_file, "depends_on: [next-secretaries-meeting-kyrgyzstan]", "next"),
    )


# --- kinds ---------------------------------------------------------------------------------------


def test_deliverable_without_due(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "    due: 2018-05\n", "")
    assert_problem(
        run(yaml_file),
        "a deliverable needs a 'due' (a date, a month, a year or an event id)",
        at_in(yaml_file, "afghanistan-contact-group-beijing", "- id:", "id:"),
    )


def test_continuous_without_review_every(yaml_file: Path) -> None:
    edit_in(yaml_file, "border-control", "    review_every: 1 year\n", "")
    assert_problem(
        run(yaml_file),
        "a continuous commitment needs 'review_every' (e.g. 'every 6 months')",
        at(yaml_file, "- id: border-control", "id:"),
    )


# --- the words of the source ---------------------------------------------------------------------


def test_paragraph_out_of_range(yaml_file: Path) -> None:
    edit_in(yaml_file, "syria-geneva-process", "paragraph: 24", "paragraph: 36")
    assert_problem(
        run(yaml_file),
        "paragraph 36 is out of range: source 'beijing-2018-05-22' has 35 paragraphs",
        at(yaml_file, "paragraph: 36", "36"),
    )


def test_paragraph_zero(yaml_file: Path) -> None:
    edit_in(yaml_file, "syria-geneva-process", "paragraph: 24", "paragraph: 0")
    assert_problem(
        run(yaml_file), "'paragraph' must be at least 1, got 0", at(yaml_file, "paragraph: 0", "0")
    )


def test_quote_in_another_paragraph(yaml_file: Path) -> None:
    edit_in(yaml_file, "syria-geneva-process", "paragraph: 24", "paragraph: 25")
    assert_problem(
        run(yaml_file),
        "the quote is not in paragraph 25 of source 'beijing-2018-05-22'; it is in paragraph 24",
        at(yaml_file, "quote: The sides called for the continuation of the Geneva", "The sides"),
    )


def test_quote_not_found(yaml_file: Path) -> None:
    edit_in(
        yaml_file,
        "border-control",
        "quote: agreed to continue",
        "quote: agreed to continue strictly",
    )
    assert_problem(
        run(yaml_file),
        "the quote is not in paragraph 28 of source 'beijing-2018-05-22': they agree as far as "
        '"agreed to continue", then the paragraph has "maintaining effective border control, to '
        'exchange" where the quote has "strictly maintaining effective border control"',
        at(yaml_file, "quote: agreed to continue strictly", "agreed"),
    )


@pytest.mark.parametrize(
    "typed",
    [
        "SUPPORTED PLANS TO HOLD THE GROUP'S NEXT MEETING IN MAY 2018 IN BEIJING",  # case
        "supported  plans to hold\tthe Group's next meeting in May 2018 in Beijing",  # whitespace
        (
            "supported plans to hold the Group\u2019s next meeting in May\u00a02018 in\u00a0Beijing"
        ),  # ’ and no-break spaces
    ],
    ids=["case", "whitespace", "typographic-and-no-break"],
)
def test_quote_matching_forgives_how_people_type(yaml_file: Path, typed: str) -> None:
    old = "quote: supported plans to hold the Group's next meeting in May 2018 in Beijing"
    edit_in(yaml_file, "afghanistan-contact-group-beijing", old, "quote: " + _yaml_string(typed))
    result = run(yaml_file)
    assert result.ok, "\n".join(map(str, result.problems))


def _yaml_string(text: str) -> str:
    """text as a YAML double-quoted string (escapes for tab and quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def test_quote_matching_is_not_too_lenient() -> None:
    para = (
        "The sides agreed to continue maintaining effective border control, to exchange information"
    )
    assert quote_in("agreed to continue maintaining effective border control", para)
    assert not quote_in(
        "agreed to continue maintaining effective border controls and patrols", para
    )
    assert fold("Group\u2019s\u00a0next  MEETING") == "group's next meeting"


def test_source_text_missing(yaml_file: Path) -> None:
    edit(
        yaml_file,
        "text: sco-security-council-secretaries-2018-05-22-beijing.txt",
        "text: beijing.txt",
    )
    result = run(yaml_file)
    assert_problem(
        result,
        "source text 'beijing.txt' not found under sources/ (looked for ",
        at(yaml_file, "text: beijing.txt", "beijing.txt"),
        exact=False,
    )
    # Without the text no quote can be checked, but the other rules still run and pass.
    assert len(result.problems) == 1


def test_source_text_outside_sources(yaml_file: Path) -> None:
    edit(yaml_file, "text: sco-security", "text: ../sources/sco-security")
    assert_problem(
        run(yaml_file),
        "'text' must be a file name under sources/, such as 'beijing-2018.txt', got "
        "'../sources/sco-security-council-secretaries-2018-05-22-beijing.txt'",
        at(yaml_file, "text: ../sources", ".."),
    )


def test_source_text_not_utf8(yaml_file: Path) -> None:
    (yaml_file.parent / "sources" / "latin1.txt").write_bytes(
        "Caf\u00e9 paragraph\n".encode("latin-1")
    )
    edit(
        yaml_file,
        "text: sco-security-council-secretaries-2018-05-22-beijing.txt",
        "text: latin1.txt",
    )
    assert_problem(
        run(yaml_file),
        "source text 'latin1.txt' cannot be used: the file is not UTF-8 text: byte 0xe9 cannot "
        "be read; save the file as UTF-8",
        at(yaml_file, "text: latin1.txt", "latin1"),
    )


# --- the dated evidence --------------------------------------------------------------------------


def test_update_in_the_future(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "date: 2019-04-19", "date: 2025-01-02")
    assert_problem(
        run(yaml_file, today=date(2025, 1, 1)),
        "update dated 2025-01-02 is in the future (today is 2025-01-01)",
        at(yaml_file, "date: 2025-01-02", "2025"),
    )


def test_update_dated_today_is_fine(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "date: 2019-04-19", "date: 2025-01-01")
    assert run(yaml_file, today=date(2025, 1, 1)).ok


def test_updates_out_of_order(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "date: 2019-04-19", "date: 2018-05-01")
    assert_problem(
        run(yaml_file),
        "updates are out of order: 2018-05-01 comes after 2018-05-28; list them oldest first",
        at(yaml_file, "date: 2018-05-01", "2018"),
    )


def test_status_disagrees_with_latest_update(yaml_file: Path) -> None:
    edit_in(
        yaml_file, "afghanistan-contact-group-beijing", "status: fulfilled", "status: in_progress"
    )
    assert_problem(
        run(yaml_file),
        "status 'in_progress' disagrees with the latest update that sets one (2018-05-28: "
        "fulfilled)",
        at_in(yaml_file, "afghanistan-contact-group-beijing", "status: in_progress", "in_progress"),
    )


def test_latest_update_without_status_does_not_count(yaml_file: Path) -> None:
    """The 2019 update of the Contact Group sets no status: the 2018 one still decides."""
    result = run(yaml_file)
    assert result.ok
    assert result.project is not None
    c = result.project.commitment("afghanistan-contact-group-beijing")
    assert c is not None and c.updates[-1].status is None and c.status.value == "fulfilled"


# --- hostile input -------------------------------------------------------------------------------


def test_file_over_the_size_limit(yaml_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1000)
    size = yaml_file.stat().st_size
    assert_problem(
        run(yaml_file),
        f"the file is too large ({size / 1024:,.0f} KB); the limit is 1000 bytes",
        (1, 1),
    )


def test_alias_bomb(tmp_path: Path) -> None:
    rows = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run(bomb)  # 9**9 values if expanded: must fail fast instead
    p = only(result, "YAML aliases (*name) expand to too much data; write the values out instead")
    line = p.line
    assert rows[line - 1][p.col - 1] == "&"  # points at an anchor whose value is repeated
    assert 3 <= line <= 9


def test_alias_that_contains_itself(tmp_path: Path) -> None:
    f = tmp_path / "self.yaml"
    f.write_text("settings: &s\n  inner: *s\n", encoding="utf-8")
    assert_problem(run(f), "this YAML anchor (&name) is used (*name) inside its own value", (1, 11))


@pytest.mark.parametrize("depth", [100, 2000])
def test_deep_nesting(tmp_path: Path, depth: int) -> None:
    f = tmp_path / "deep.yaml"
    f.write_text("a: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    p = only(run(f), "YAML nested too deeply (more than 64 levels)")
    assert p.line == 1
    # Our own limit (64) stops at the 65th bracket; libyaml's (1000) stops a very deep file earlier.
    assert p.col == (3 + 65 if depth == 100 else p.col) and p.col > 3 + 64


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "latin1.yaml"
    f.write_bytes(b"settings:\n  timezone: Europe/Z\xfcrich\n")
    assert_problem(
        run(f),
        "the file is not UTF-8 text: byte 0xfc cannot be read; save the file as UTF-8",
        (2, 21),
    )


@pytest.mark.parametrize(
    "content",
    ["", "\n\n   \n", "# only a comment\n", "---\n"],
    ids=["empty", "blank", "comment", "marker"],
)
def test_empty_file(tmp_path: Path, content: str) -> None:
    f = tmp_path / "empty.yaml"
    f.write_text(content, encoding="utf-8")
    assert_problem(run(f), "the file is empty", (1, 1))


@pytest.mark.parametrize("content", ["- china\n- india\n", "just some text\n", "42\n"])
def test_file_that_is_not_a_mapping(tmp_path: Path, content: str) -> None:
    f = tmp_path / "list.yaml"
    f.write_text(content, encoding="utf-8")
    assert_problem(
        run(f),
        "the file must be a mapping with the keys settings, parties, sources, events, commitments",
        (1, 1),
    )


def test_no_such_file(tmp_path: Path) -> None:
    assert_problem(run(tmp_path / "nothing.yaml"), "no such file", (1, 1))


def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    assert_problem(run(tmp_path), "this is a folder, not a file", (1, 1))
