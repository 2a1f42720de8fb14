"""Evidence that is not a link: one definition (spec/vocabulary.link) for validate, update,
assess, the checks and the reports; the README's placeholders, copied as they are, never
pass for evidence."""

from __future__ import annotations

import re
import shlex
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from sco_tracker.encoding import web_url
from sco_tracker.spec.links import not_a_link
from sco_tracker.spec.project import load_project
from sco_tracker.spec.updating import add_update
from sco_tracker.spec.vocabulary import link
from sco_tracker.tracking.checks import FindingKind, evaluate

LINKS = [
    "https://eng.sectsco.org/news/20180610/443942.html",
    "http://www.sectsco.org",
    "HTTPS://WWW.SECTSCO.ORG/x",
    "http://10.0.0.1:8080/a",
    "https://[2001:db8::1]/x",
    "mailto:press@sectsco.org",
]
AS_OF = date(2018, 7, 1)
NOT_LINKS = [
    "www.sectsco.org/x",
    "see the Qingdao declaration",
    "https://address-of-the-evidence",
    "https://...",
    "http://x",
    "mailto:x",
    "ftp://example.org/appeal.txt",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("url", LINKS)
def test_a_web_or_mail_link_is_a_link_everywhere(url: str) -> None:
    assert link(url) == url
    assert web_url(url) is not None
    assert not_a_link(url, "update") is None


@pytest.mark.parametrize("text", NOT_LINKS)
def test_what_is_not_a_link_is_neither_shown_as_one_nor_counted(text: str) -> None:
    assert link(text) is None and web_url(text) is None
    warning = not_a_link(text, "update")
    assert warning is not None and warning.startswith(f"'{text}' is not")
    assert warning.endswith("and the check does not count it as evidence")


def test_each_warning_says_what_to_write() -> None:
    assert "write the address with https:// ('https://www.sectsco.org/x')" in str(
        not_a_link("www.sectsco.org/x")
    )
    assert "('mailto:press@sectsco.org')" in str(not_a_link("press@sectsco.org", "score"))
    assert "names no site" in str(not_a_link("https://address-of-the-evidence", "score"))
    assert "give the address of the page or document" in str(
        not_a_link("see the Qingdao declaration", "score")
    )


def test_an_event_may_say_in_words_where_its_date_comes_from() -> None:
    assert not_a_link("announced at the Secretaries' meeting in Beijing", "event") is None
    assert not_a_link("www.sectsco.org/x", "event") is not None  # an address: the fix


def _fulfilled(project_dir: Path, source: str | None) -> list[str]:
    """The check's unsupported finding after an update that marks the youth programme
    fulfilled, citing source."""
    path = project_dir / "commitments.yaml"
    cid, day = "qingdao-youth-action-programme", date(2018, 6, 10)
    add_update(path, cid, on=day, note="Adopted.", status="fulfilled", source=source)
    project = load_project(path)
    return [
        f.message
        for ev in evaluate(project, AS_OF)
        for f in ev.findings
        if f.commitment_id == cid and f.kind == FindingKind.unsupported
    ]


def test_the_check_counts_only_a_link_as_evidence(project_dir: Path) -> None:
    assert _fulfilled(project_dir, "https://eng.sectsco.org/news/20180610/443942.html") == []


@pytest.mark.parametrize("source", NOT_LINKS[:4])
def test_the_check_says_the_source_is_not_a_link(project_dir: Path, source: str) -> None:
    assert _fulfilled(project_dir, source) == [
        (
            f"marked fulfilled, but the source of its update of 2018-06-10 ('{source}') is not "
            "a link to the evidence"
        )
    ]


def test_no_source_is_still_said_so(project_dir: Path) -> None:
    assert _fulfilled(project_dir, None) == [
        "marked fulfilled without a dated update that cites a source"
    ]


def _readme_example(command: str) -> list[str]:
    """The README's example of a command, as an analyst would copy it from its code block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"```sh\n(sco-tracker {command} .*?)\n```", readme, re.DOTALL)
    assert found, f"no example of {command} in the README"
    return shlex.split(found.group(1).replace("\\\n", " "))


def test_the_readmes_update_example_copied_as_it_is_is_no_evidence(project_dir: Path) -> None:
    args = _readme_example("update")
    assert args[:2] == ["sco-tracker", "update"]
    result = run_cli(args[1:], project_dir)
    assert result.exit_code == 0, result.output
    assert "the check does not count it as evidence" in result.stderr
    assert "the check will list it as unsupported" in result.stderr
    source = args[args.index("--source") + 1]
    assert link(source) is None


def test_the_readmes_assess_example_is_no_link() -> None:
    args = _readme_example("assess")
    assert link(args[args.index("--source") + 1]) is None


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--source",
            "https://eng.sectsco.org/\x07",
            "--source: the text holds the control character U+0007",
        ),
        ("--note", "Held.\x1b[2J", "--note: the text holds the control character U+001B"),
    ],
)
def test_a_control_character_typed_in_an_update_is_a_usage_error(
    project_dir: Path, option: str, value: str, message: str
) -> None:
    before = (project_dir / "commitments.yaml").read_bytes()
    args = ["update", "iran-jcpoa", "--date", "2018-06-10", "--note", "Held.", option, value]
    result = run_cli(args, project_dir)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "line numbers are those of the file" not in result.output
    assert (project_dir / "commitments.yaml").read_bytes() == before
