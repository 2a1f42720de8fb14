"""Two real documents side by side: the Beijing communiqué of the SCO Security Council
Secretaries (the frozen copy, tests/data/beijing) and General Assembly resolution 80/16 on the
Open-ended Working Group on ICT security (tests/data/corpus/A_RES_80_16.md), taken in with
`sco-tracker import` as an analyst would.

The resolution's commitments are those of the General Assembly, so their parties are "all
Member States": the party group `un-member-states`, which lists the members this tracker
follows (the eight SCO members and two others). The scores in the window `un-2026` are test
data made up for the scenarios, not an analyst's assessment.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, edit, run_cli

CORPUS = ROOT / "tests" / "data" / "corpus" / "A_RES_80_16.md"
UN = "a-res-80-16"
UN_TITLE = (
    "Open-ended Working Group on Security of and in the Use of Information and Communications "
    "Technologies 2021-2025"
)
BEIJING = "beijing-2018-05-22"
MOSCOW = "moscow-2017-10-11"
MECHANISM = "un-ict-global-mechanism"
PORTAL = "un-ict-security-portal"
AGENDA = "un-ict-agenda-eighty-first-session"
SCO_MEMBERS = [
    "china",
    "india",
    "kazakhstan",
    "kyrgyzstan",
    "pakistan",
    "russia",
    "tajikistan",
    "uzbekistan",
]
UN_MEMBERS = [*SCO_MEMBERS, "united-kingdom", "united-states"]

PARTIES = """\
  - {id: united-kingdom, name: United Kingdom, kind: state}
  - {id: united-states, name: United States, kind: state}
  - {id: un-secretary-general, name: UN Secretary-General, kind: body}
"""
GROUPS = f"""\
party_groups:
  un-member-states: [{", ".join(UN_MEMBERS)}]

"""
SOURCE = f"""\
  - id: {UN}
    title: {UN_TITLE}
    date: 2025-12-05
    place: New York
    url: https://docs.un.org/en/A/RES/80/16
    text: {UN}.txt
"""
WINDOW = f"""\
    - id: un-2026
      title: "UN: the first year of the Global Mechanism"
      start: 2025-12-01
      end: 2026-12-31
      sources: [{UN}]
"""
#: The scores of the window un-2026 (test data), as the last key of the Global Mechanism's entry.
ASSESSMENTS = """\
    assessments:
      - {party: china, score: 1, window: un-2026, date: 2026-01-20, note: Test data.,
         source: "https://docs.un.org/en/A/RES/80/16"}
      - {party: india, score: 0, window: un-2026, date: 2026-01-20, note: Test data.,
         source: "https://docs.un.org/en/A/RES/80/16"}
"""
COMMITMENTS = f"""\
  - id: {MECHANISM}
    title: Support the Global Mechanism on ICT security from 2026
    source: {UN}
    paragraph: "2"
    quote: >-
      Requests the Secretary-General to provide the necessary support to operationalize all
      aspects of the Global Mechanism on developments in the field of ICTs in the context of
      international security
    theme: Information security
    parties: [un-member-states]
    addressees: [un-secretary-general]
    strength: requests
    kind: deliverable
    due: 2026
    status: in_progress
{ASSESSMENTS}  - id: {PORTAL}
    title: Establish the Global ICT Security Cooperation and Capacity-Building Portal
    source: {UN}
    paragraph: "3"
    quote: >-
      Also requests the Secretary-General to provide the necessary support to establish the
      dedicated Global ICT Security Cooperation and Capacity-Building Portal
    theme: Information security
    parties: [un-member-states]
    addressees: [un-secretary-general]
    strength: also requests
    kind: deliverable
    due: unspecified
    status: planned
  - id: {AGENDA}
    title: Put ICT security on the agenda of the eighty-first session
    source: {UN}
    paragraph: "4"
    quote: Also decides to include in the provisional agenda of its eighty-first session the item
    theme: Information security
    parties: [un-member-states]
    strength: decides
    kind: deliverable
    due: 2026-09
    status: planned
"""


def add_un_resolution(folder: Path) -> None:
    """Import resolution 80/16 into the project in folder and add its source, parties, group,
    three commitments and the assessment window un-2026 that covers it, with two scores."""
    taken = run_cli(["import", str(CORPUS), "--source-id", UN], folder)
    assert taken.exit_code == 0, taken.output
    path = folder / "commitments.yaml"
    rats = "  - {id: rats, name: SCO Regional Anti-Terrorist Structure (RATS), kind: sco_body}\n"
    edit(path, rats, rats + PARTIES)
    edit(path, "\nsources:\n", "\n" + GROUPS + "sources:\n")
    edit(path, "\nevents:\n", "\n" + SOURCE + "\nevents:\n")
    edit(path, "\ncommitments:\n", "\ncommitments:\n" + COMMITMENTS)
    edit(path, "      end: 2019-06-13\n", "      end: 2019-06-13\n" + WINDOW)


def remove_un_window(folder: Path) -> None:
    """The resolution without a window of its own (and so without its scores)."""
    path = folder / "commitments.yaml"
    edit(path, WINDOW, "")
    edit(path, ASSESSMENTS, "")


def add_source_without_commitments(folder: Path) -> None:
    """The announcement of the 14th meeting in Bishkek, as a source of its own with nothing
    tracked from it."""
    entry = """\
  - id: bishkek-2019-05-15-announcement
    title: Announcement of the 14th meeting of the SCO Security Council Secretaries
    date: 2019-05-15
    place: Bishkek, Kyrgyzstan
    url: http://eng.sectsco.org/news/20190515/538722.html
"""
    edit(folder / "commitments.yaml", "\nevents:\n", "\n" + entry + "\nevents:\n")
