"""Steps for features/progress_checks.feature (shared steps are in conftest.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then

from conftest import Result, edit, run_cli, set_youth_programme

scenarios("progress_checks.feature")


def _entries(result: Result) -> dict[str, dict[str, Any]]:
    """Commitment id -> {status, kinds, states} from status --json, status ID --json or check
    --json."""
    data = json.loads(result.stdout)
    out: dict[str, dict[str, Any]] = {}
    if "findings" in data and "check_run" in data:
        for f in data["findings"]:
            e = out.setdefault(f["commitment"], {"status": None, "kinds": [], "states": {}})
            if f["state"] != "resolved":
                e["kinds"].append(f["kind"])
            e["states"][f["kind"]] = f["state"]
        return out
    items = [data["commitment"]] if "commitment" in data else data["commitments"]
    for c in items:
        out[c["id"]] = {
            "status": c["status"],
            "kinds": [f["kind"] for f in c["findings"]],
            "states": {},
        }
    return out


@given("the joint approach to drug trafficking depends on the drug-abuse concept")
def drug_dependency(workdir: Path) -> None:
    anchor = "    quote: noted the need to elaborate a joint approach towards this issue\n"
    edit(
        workdir / "commitments.yaml",
        anchor,
        anchor + "    depends_on: [qingdao-drug-abuse-concept]\n",
    )


@given("the youth action programme is marked fulfilled without any update")
def fulfilled_without_evidence(workdir: Path) -> None:
    set_youth_programme(workdir, "fulfilled")


@then(parsers.parse('the line of "{cid}" says "{words}"'))
def line_says(result: Result, cid: str, words: str) -> None:
    lines = [line for line in result.stdout.splitlines() if f" {cid} " in line]
    assert any(words in line for line in lines), result.stdout


def _overdue_lines(result: Result) -> list[tuple[str, int]]:
    """The overdue lines of the check, in their order: (commitment, days overdue)."""
    found = re.findall(r"^overdue +(\S+) .*, (\d+) days? ago", result.stdout, re.MULTILINE)
    return [(cid, int(days)) for cid, days in found]


@then("the overdue commitments are listed most overdue first")
def most_overdue_first(result: Result) -> None:
    days = [d for _, d in _overdue_lines(result)]
    assert len(days) > 1 and days == sorted(days, reverse=True), result.stdout


@then(parsers.parse('"{first}" ({n:d} days overdue) is listed before "{second}" ({m:d} days)'))
def listed_before(result: Result, first: str, n: int, second: str, m: int) -> None:
    lines = _overdue_lines(result)
    assert lines.index((first, n)) < lines.index((second, m)), result.stdout


@then(parsers.parse('no line of "{cid}" says "{words}"'))
def no_line_says(result: Result, cid: str, words: str) -> None:
    lines = [line for line in result.stdout.splitlines() if f" {cid} " in line]
    assert lines and not any(words in line for line in lines), result.stdout


@then(parsers.parse('the report of {day} says "{words}"'))
def report_says(workdir: Path, day: str, words: str) -> None:
    for suffix in ("md", "html"):
        text = (workdir / "reports" / f"{day}.{suffix}").read_text(encoding="utf-8")
        assert words in text, suffix


@then(parsers.parse('the site\'s page of "{cid}" says "{words}"'))
def site_page_says(workdir: Path, cid: str, words: str) -> None:
    text = (workdir / "reports" / "site" / "c" / f"{cid}.html").read_text(encoding="utf-8")
    assert words in text, text


@given(parsers.parse("a check was run as of {day}"))
def earlier_check(workdir: Path, day: str) -> None:
    result = run_cli(["check", "--as-of", day], workdir)
    assert result.exit_code == 0, result.output


@then(parsers.parse('"{cid}" is "{status}" with no findings'))
def no_findings(result: Result, cid: str, status: str) -> None:
    e = _entries(result)[cid]
    assert (e["status"], e["kinds"]) == (status, []), e


@then(parsers.parse('"{cid}" is "{status}" with the finding "{kind}"'))
def status_and_finding(result: Result, cid: str, status: str, kind: str) -> None:
    e = _entries(result)[cid]
    assert e["status"] == status and kind in e["kinds"], e


@then(parsers.parse('"{cid}" has the finding "{kind}"'))
def has_finding(result: Result, cid: str, kind: str) -> None:
    e = _entries(result).get(cid, {"kinds": []})
    assert kind in e["kinds"], e


@then(parsers.parse('the finding "{kind}" of "{cid}" is "{state}"'))
def finding_state(result: Result, kind: str, cid: str, state: str) -> None:
    assert _entries(result)[cid]["states"].get(kind) == state, result.stdout
