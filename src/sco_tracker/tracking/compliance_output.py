"""The compliance grid as CSV for spreadsheets and as a table for the terminal."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from sco_tracker.encoding import csv_cell, one_line
from sco_tracker.spec.vocabulary import plural
from sco_tracker.tracking.compliance import (
    ComplianceReport,
    fmt_change,
    fmt_percent,
    fmt_score,
    percent,
)

#: The cells of a commitment that no assessment window scores, in the CSV.
NO_WINDOW = "no window"


def to_csv(report: ComplianceReport) -> str:
    """The grid as CSV for spreadsheets.

    Header: commitment, title, one column per member (by name), average, percent, not assessed.
    Cells: 1, 0 or -1 (numbers), 'n/a', 'not assessed', or 'not a party'; a commitment that
    no window scores (report.not_covered) has a row after the grid whose cells say 'no window'.
    Spreadsheet AVERAGE() ignores text, so it agrees with our averages. Then three rows of member
    averages: 'average (-1..+1)', 'percent' and 'change since <previous window>'; an average
    cell is empty when the member has nothing scored.
    """
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    # Text from the file (ids, titles, names) is neutralised: a spreadsheet must not run a title
    # such as =HYPERLINK(...) as a formula. Our numbers and words are written as they are.
    names = [csv_cell(name) for _, name in report.members]
    w.writerow(["commitment", "title", *names, "average", "percent", "not assessed"])

    def num(x: Fraction | None, digits: int) -> str:
        return "" if x is None else f"{round(float(x), digits):g}"

    for r in report.rows:
        cells = [str(c.score) if c.score is not None else c.text for c in r.cells]
        w.writerow(
            [
                csv_cell(r.id),
                csv_cell(r.commitment.title),
                *cells,
                num(r.average, 4),
                num(percent(r.average), 2),
                r.not_assessed,
            ]
        )
    for n in report.not_covered:
        w.writerow(
            [
                csv_cell(n.commitment.id),
                csv_cell(n.commitment.title),
                *[NO_WINDOW] * len(report.members),
                "",
                "",
                "",
            ]
        )
    w.writerow(
        [
            "average (-1..+1)",
            "average score per member",
            *[num(m.average, 4) for m in report.summaries],
            num(report.overall, 4),
            "",
            report.not_assessed,
        ]
    )
    w.writerow(
        [
            "percent",
            "(average + 1) / 2 x 100",
            *[num(percent(m.average), 2) for m in report.summaries],
            "",
            num(percent(report.overall), 2),
            "",
        ]
    )
    if report.previous_window is not None:
        w.writerow(
            [
                csv_cell(f"change since {report.previous_window.id}"),
                "change in the member's average",
                *[num(m.change, 4) for m in report.summaries],
                "",
                "",
                "",
            ]
        )
    return out.getvalue()


def _clip(text: str, width: int) -> str:
    text = one_line(text)  # a name or id with a line break must not break the table
    return text if len(text) <= width else text[: width - 1] + "…"


def to_text(report: ComplianceReport, view: str = "") -> str:
    """A readable terminal table: the grid, the averages and the restatement chains. view says
    what a filtered grid shows (Selection.describe(): "party 'india'"); '' for everything."""
    lines: list[str] = []
    if report.window is None:
        lines.append(
            "No assessment windows are defined: add settings.assessment_windows (id, start, end) "
            "to commitments.yaml."
        )
    else:
        w = report.window
        title = f" ({one_line(w.title)})" if w.title else ""
        lines.append(f"Compliance in window '{w.id}'{title}: {w.start} to {w.end}")
    if view:
        n, m = len(report.rows), len(report.members)
        counts = f"{plural(n, 'commitment')}, {plural(m, 'member column')}"
        lines.append(f"Shown: {view} only" + (f" ({counts})." if n else "."))
    if not report.rows:
        where = f" in window '{report.window.id}'" if report.window else ""
        lines.append(
            f"Nothing to score{where}: no commitment "
            + (f"of {view} " if view else "")
            + "is in it (drafts are not counted until reviewed)."
        )
        _tail(report, lines)
        return "\n".join(lines) + "\n"
    lines.append(
        "Scale: -1 no compliance, 0 partial or under way, +1 full; percent = (average + 1) / 2 x "
        "100."
    )
    lines.append("")
    change_label = (
        f"change since {report.previous_window.id}" if report.previous_window is not None else ""
    )
    idw = max([len("commitment"), len(change_label)] + [len(r.id) for r in report.rows])
    idw = min(idw, 44)
    colw = [max(6, min(10, len(name))) for _, name in report.members]
    head = (
        f"{'commitment':<{idw}}  "
        + " ".join(
            f"{_clip(name, cw):>{cw}}" for (_, name), cw in zip(report.members, colw, strict=True)
        )
        + "   average  percent"
    )
    lines.append(head)
    lines.append("-" * len(head))
    marks = {"not_assessed": ".", "not_party": "x", "n/a": "n/a"}
    for r in report.rows:
        cells = [(c.text if c.state == "scored" else marks[c.state]) for c in r.cells]
        lines.append(
            f"{_clip(r.id, idw):<{idw}}  "
            + " ".join(f"{t:>{cw}}" for t, cw in zip(cells, colw, strict=True))
            + f"   {fmt_score(r.average) or '-':>7}  {fmt_percent(r.average) or '-':>7}"
        )
    lines.append("-" * len(head))
    lines.append(
        f"{'average':<{idw}}  "
        + " ".join(
            f"{fmt_score(m.average) or '-':>{cw}}"
            for m, cw in zip(report.summaries, colw, strict=True)
        )
        + f"   {fmt_score(report.overall) or '-':>7}"
    )
    lines.append(
        f"{'percent':<{idw}}  "
        + " ".join(
            f"{fmt_percent(m.average) or '-':>{cw}}"
            for m, cw in zip(report.summaries, colw, strict=True)
        )
        + f"   {'':>7}  {fmt_percent(report.overall) or '-':>7}"
    )
    if report.previous_window is not None:
        lines.append(
            f"{_clip(change_label, idw):<{idw}}  "
            + " ".join(
                f"{fmt_change(m.change) or '-':>{cw}}"
                for m, cw in zip(report.summaries, colw, strict=True)
            )
        )
    lines.append("")
    lines.append(
        ". not assessed (no score yet; not the same as -1)   x not a party to the commitment   "
        "n/a not applicable   - nothing to average"
    )
    overall = fmt_score(report.overall)
    if overall:
        shown = (
            f"{overall} ({fmt_percent(report.overall)}) from "
            f"{plural(len(report.scores), 'scored cell')}"
        )
    else:
        shown = "nothing scored yet" + (f" for {view}" if view else "")
    lines.append(
        f"Overall: {shown}; {report.not_assessed} of {report.cells} cells not assessed"
        + (f"; {report.not_applicable} n/a" if report.not_applicable else "")
        + "."
    )
    _tail(report, lines)
    return "\n".join(lines) + "\n"


def _tail(report: ComplianceReport, lines: list[str]) -> None:
    """The commitments no window scores and the restatement chains, after the grid."""
    if report.not_covered:
        n = len(report.not_covered)
        lines.append("")
        lines.append(
            f"Not scored in any window ({n} commitment{'s' if n != 1 else ''}): add a window "
            "that covers their source to settings.assessment_windows"
        )
        for item in report.not_covered:
            lines.append(f"  {one_line(item.commitment.id)}: {one_line(item.reason)}")
    if report.chains:
        lines.append("")
        lines.append("Restated commitments")
        for chain in report.chains:
            for n, s in enumerate(chain.steps):
                if n == 0:
                    lines.append(
                        f"  {s.commitment.id}: first promised on {s.promised_on} "
                        f"({s.source_id}), {s.due.phrase()}"
                    )
                else:
                    lines.append(
                        f"    restated on {s.promised_on} ({s.source_id}) as {s.commitment.id}, "
                        f"{s.due.phrase()}: {s.movement}"
                    )
