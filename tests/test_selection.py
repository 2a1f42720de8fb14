"""tracking/selection.py: which commitments a view shows, and the titles; the compliance grid's
windows per source (tracking/compliance.py). In-process, on the frozen file with the made-up UN
resolution of tests/un_resolution.py beside it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import edit
from sco_tracker.problems import UserError, closest
from sco_tracker.spec.project import Project, load_project
from sco_tracker.tracking.checks import evaluate
from sco_tracker.tracking.compliance import compliance, not_covered, previous_window
from sco_tracker.tracking.selection import EVERYTHING, select, view_title
from un_resolution import CONSULT, REPORT, SOURCE, TERRORISM, add_resolution

BEIJING = "beijing-2018-05-22"
MOSCOW = "moscow-2017-10-11"
AS_OF = date(2020, 1, 15)


@pytest.fixture
def project(project_dir: Path) -> Project:
    add_resolution(project_dir)
    return load_project(project_dir / "commitments.yaml")


def test_everything_keeps_every_commitment(project: Project) -> None:
    assert EVERYTHING.everything
    assert EVERYTHING.commitments(project.commitments) == project.commitments
    assert EVERYTHING.slug == ""
    assert EVERYTHING.describe() == ""


def test_a_source_keeps_the_commitments_that_quote_it(project: Project) -> None:
    chosen = select(project, [SOURCE])
    assert {c.id for c in chosen.commitments(project.commitments)} == {REPORT, CONSULT, TERRORISM}
    shown = chosen.evaluations(evaluate(project, AS_OF))
    assert {ev.commitment.source for ev in shown} == {SOURCE}
    assert chosen.slug == SOURCE
    assert chosen.describe() == f"source '{SOURCE}'"


def test_two_sources_repeated_once_each(project: Project) -> None:
    chosen = select(project, [MOSCOW, BEIJING, MOSCOW])
    assert chosen.sources == (MOSCOW, BEIJING)
    kept = chosen.commitments(project.commitments)
    assert kept and {c.source for c in kept} == {MOSCOW, BEIJING}
    assert [s.id for s in chosen.shown_sources(project)] == [MOSCOW, BEIJING]  # by date


def test_an_unknown_source_lists_the_sources(project: Project) -> None:
    with pytest.raises(UserError) as err:
        select(project, ["beijing-2018"])
    assert str(err.value) == (
        "unknown source 'beijing-2018' (did you mean 'beijing-2018-05-22'?); the sources are: "
        f"beijing-2018-05-22, moscow-2017-10-11, {SOURCE}"
    )


def test_a_party_matches_its_commitments_and_what_it_is_asked_to_do(project: Project) -> None:
    asked = select(project, parties=["un-secretary-general"])
    assert {c.id for c in asked.commitments(project.commitments)} == {REPORT}  # an addressee
    un = select(project, parties=["un"])
    assert {c.id for c in un.commitments(project.commitments)} == {REPORT, CONSULT}  # a party
    india = {c.id for c in select(project, parties=["india"]).commitments(project.commitments)}
    assert TERRORISM in india  # through the group sco-members, expanded by validation
    assert "qingdao-counter-terrorism-programme" in india


def test_a_group_stands_for_each_of_its_members(project: Project) -> None:
    group = {
        c.id for c in select(project, parties=["sco-members"]).commitments(project.commitments)
    }
    india = {c.id for c in select(project, parties=["india"]).commitments(project.commitments)}
    assert india <= group
    assert REPORT not in group


def test_an_addressee_written_as_a_name_is_matched_in_any_case(project_dir: Path) -> None:
    add_resolution(project_dir)
    path = project_dir / "commitments.yaml"
    edit(path, "addressees: [un-secretary-general]", "addressees: [UN Office of Counter-Terrorism]")
    project = load_project(path)
    chosen = select(project, parties=["un office of counter-terrorism"])
    assert [c.id for c in chosen.commitments(project.commitments)] == [REPORT]
    assert chosen.slug == "party-un-office-of-counter-terrorism"
    with pytest.raises(UserError) as err:
        select(project, parties=["UN Office"])
    message = str(err.value)
    assert message.startswith("unknown party 'UN Office'; give a party id (china, india,")
    assert "a group id (sco-members)" in message
    assert "or an addressee named in the file (UN Office of Counter-Terrorism)" in message


def test_source_and_party_together(project: Project) -> None:
    chosen = select(project, [SOURCE], ["india"])
    assert [c.id for c in chosen.commitments(project.commitments)] == [TERRORISM]
    assert chosen.slug == f"{SOURCE}+party-india"
    assert chosen.describe() == f"source '{SOURCE}'; party 'india'"


def test_titles_from_the_sources_or_settings_title(project_dir: Path) -> None:
    add_resolution(project_dir)
    path = project_dir / "commitments.yaml"
    project = load_project(path)
    moscow, beijing, un = (project.sources[s].title for s in (MOSCOW, BEIJING, SOURCE))
    # Of three documents, the main one (24 commitments) and how many others.
    assert view_title(project, EVERYTHING, AS_OF) == f"{beijing}; and 2 other documents"
    # Of two, both: the main one first (the resolution's 3 commitments, then Moscow's 1).
    assert view_title(project, select(project, [MOSCOW, SOURCE]), AS_OF) == f"{un}; {moscow}"
    assert view_title(project, EVERYTHING, date(2018, 1, 1)) == moscow  # issued by then
    assert view_title(project, select(project, [SOURCE]), AS_OF) == un
    assert view_title(project, select(project, [], ["india"]), AS_OF).endswith("(party: India)")
    edit(path, "settings:\n", "settings:\n  title: SCO and UN\n")
    project = load_project(path)
    assert view_title(project, EVERYTHING, AS_OF) == "SCO and UN"
    assert view_title(project, select(project, [SOURCE]), AS_OF) == f"SCO and UN: {un}"


def test_a_source_with_no_commitments_is_shown_as_having_none(project_dir: Path) -> None:
    path = project_dir / "commitments.yaml"
    entry = "  - id: bishkek-announcement\n    title: Announcement\n    date: 2019-05-15\n"
    edit(path, "\nevents:\n", "\n" + entry + "\nevents:\n")
    project = load_project(path)
    chosen = select(project, ["bishkek-announcement"])
    assert chosen.commitments(project.commitments) == []
    assert [s.id for s in chosen.without_commitments(project, AS_OF)] == ["bishkek-announcement"]
    assert chosen.without_commitments(project, date(2019, 1, 1)) == []  # not issued yet
    assert select(project, [BEIJING]).without_commitments(project, AS_OF) == []


# --- windows per source -----------------------------------------------------------------------


def test_no_window_covers_a_later_document(project: Project) -> None:
    missing = not_covered(project, AS_OF)
    assert {n.commitment.id for n in missing} == {REPORT, CONSULT, TERRORISM}
    assert missing[0].reason == (
        f"source '{SOURCE}' is dated 2019-12-12, after the end of every window that covers it "
        "(the latest, 'final-2019', ends 2019-06-13)"
    )
    assert not_covered(project, AS_OF, select(project, [BEIJING])) == []
    grid = compliance(project, "final-2019", today=AS_OF)
    assert SOURCE not in {project.commitment(r.id).source for r in grid.rows}  # type: ignore[union-attr]
    assert [n["commitment"] for n in grid.as_dict()["not_covered"]] == [
        n.commitment.id for n in missing
    ]


def test_a_window_of_its_own_scores_the_document_alone(project_dir: Path) -> None:
    add_resolution(project_dir)
    path = project_dir / "commitments.yaml"
    window = (
        "    - id: un-2020\n      start: 2019-12-12\n      end: 2020-12-31\n"
        f"      sources: [{SOURCE}]\n"
    )
    edit(path, "      end: 2019-06-13\n", "      end: 2019-06-13\n" + window)
    project = load_project(path)
    assert not_covered(project, AS_OF) == []
    grid = compliance(project, "un-2020", today=AS_OF)
    assert {r.id for r in grid.rows} == {REPORT, CONSULT, TERRORISM}
    assert grid.previous_window is None  # final-2019 scores other sources: no "change since"
    windows = grid.windows
    final = next(w for w in windows if w.id == "final-2019")
    assert previous_window(windows, final) is not None
    assert previous_window(windows, final).id == "interim-2018"  # type: ignore[union-attr]


def test_a_window_naming_no_source_covers_none_of_them_when_it_names_others(
    project_dir: Path,
) -> None:
    path = project_dir / "commitments.yaml"
    for end in ("2018-06-10", "2019-06-13"):
        edit(path, f"      end: {end}\n", f"      end: {end}\n      sources: [{MOSCOW}]\n")
    project = load_project(path)
    grid = compliance(project, "final-2019", today=AS_OF)
    assert {project.commitment(r.id).source for r in grid.rows} == {MOSCOW}  # type: ignore[union-attr]
    reasons = {n.reason for n in grid.not_covered}
    assert reasons == {f"no assessment window covers source '{BEIJING}'"}


def test_a_source_typed_short_is_suggested_only_when_one_id_begins_so() -> None:
    sources = [BEIJING, MOSCOW, "a-res-80-16"]
    assert closest("beijng", sources) == BEIJING
    assert closest("moscow", sources) == MOSCOW
    assert closest("a-res-80", sources) == "a-res-80-16"
    # Two documents of Beijing: 'beijng' could be either, so neither is offered.
    assert closest("beijng", [BEIJING, "beijing-2019-06-14"]) is None
    assert closest("qingdao", sources) is None
