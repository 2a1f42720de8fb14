"""A made-up General Assembly resolution on cooperation with the SCO (test data), added to a
copy of the frozen commitments file: a document beyond the SCO's own, with numbered
paragraphs, lettered sub-paragraphs and an annex, a party group and an addressee."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA, edit

TEXT_NAME = "un-sco-cooperation-resolution-TEST-DATA.txt"
TEXT = DATA.parent / "un-resolution" / TEXT_NAME
SOURCE = "un-sco-cooperation-2019"
REPORT = "un-report-on-sco-cooperation"
CONSULT = "un-sco-secretariat-consultations"
TERRORISM = "sco-members-un-counter-terrorism"
MEMBERS = ["china", "india", "kazakhstan", "kyrgyzstan", "pakistan", "russia", "tajikistan"]

PARTIES = """\
  - {id: un, name: United Nations, kind: international_organization}
  - {id: un-secretary-general, name: UN Secretary-General, kind: body}
"""
GROUPS = f"""\
party_groups:
  sco-members: [{", ".join(MEMBERS)}, uzbekistan]

"""
SOURCE_ENTRY = f"""\
  - id: {SOURCE}
    title: Cooperation between the United Nations and the Shanghai Cooperation Organization
    date: 2019-12-12
    place: New York
    text: {TEXT_NAME}
"""


def commitments(draft: bool = False) -> str:
    mark = "    draft: true\n" if draft else ""
    return f"""\
  - id: {REPORT}
    title: Report to the General Assembly on cooperation with the SCO
    source: {SOURCE}
    paragraph: "5"
    quote: >-
      Requests the Secretary-General to submit to the General Assembly at its seventy-fifth
      session a report
    theme: Cooperation with the United Nations
    parties: [un]
    addressees: [un-secretary-general]
    strength: requests
    kind: deliverable
    due: unspecified
    status: planned
{mark}  - id: {CONSULT}
    title: Hold consultations of the two secretariats at the level of senior officials
    source: {SOURCE}
    paragraph: "annex 2"
    quote: The secretariats will hold consultations at the level of senior officials
    theme: Cooperation with the United Nations
    parties: [sco-secretariat, un]
    strength: will hold
    kind: deliverable
    due: unspecified
    status: planned
{mark}  - id: {TERRORISM}
    title: Strengthen cooperation with the United Nations against terrorism
    source: {SOURCE}
    paragraph: "4"
    quote: >-
      Calls upon the member States of the Shanghai Cooperation Organization to strengthen
      their cooperation
    theme: Counter-terrorism
    parties: [sco-members]
    strength: calls upon
    kind: continuous
    review_every: 1 year
    status: in_progress
{mark}"""


def add_resolution(folder: Path, *, draft: bool = False) -> None:
    """Add the resolution, its parties, the sco-members group and two commitments to the copy
    of the frozen file in folder."""
    shutil.copy(TEXT, folder / "sources" / TEXT_NAME)
    path = folder / "commitments.yaml"
    rats = "  - {id: rats, name: SCO Regional Anti-Terrorist Structure (RATS), kind: sco_body}\n"
    edit(path, rats, rats + PARTIES)
    edit(path, "\nsources:\n", "\n" + GROUPS + "sources:\n")
    edit(path, "\nevents:\n", "\n" + SOURCE_ENTRY + "\nevents:\n")
    edit(path, "\ncommitments:\n", "\ncommitments:\n" + commitments(draft))
