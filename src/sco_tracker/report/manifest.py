"""The reports manifest, reports.json: each report's date, its files and what it showed, so
the next report can say what changed. Read as a regular file of bounded size inside the
reports' folder; report/render.py writes it under the folder's lock, last of all files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sco_tracker.paths import Unreadable, read_regular
from sco_tracker.problems import Problem, UserError
from sco_tracker.report.model import PreviousReport
from sco_tracker.spec import codes
from sco_tracker.spec.dates import day_label

MANIFEST = "reports.json"
MANIFEST_VERSION = 1
#: The formats of the dated reports (report/render.FORMATS).
REPORT_FORMATS = ("md", "html")
#: The largest manifest read (it keeps every report's statuses).
MANIFEST_MAX_BYTES = 512 * 1024 * 1024


@dataclass
class Manifest:
    path: Path
    reports: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path, roots: list[str] | None = None) -> Manifest:
        """The manifest at path (a regular file of bounded size, inside roots when given);
        none yet is an empty one."""
        try:
            raw = read_regular(path, limit=MANIFEST_MAX_BYTES, roots=roots)
        except (FileNotFoundError, NotADirectoryError):
            return cls(path)
        except Unreadable as exc:
            raise UserError(
                f"the reports manifest {path} cannot be used: {exc.reason}; move it away to "
                "start a new series of reports"
            ) from None
        except OSError as exc:
            raise UserError(
                f"cannot read the reports manifest {path}: {exc.strerror or exc}; "
                "make it readable, or choose another folder with --out"
            ) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UserError(
                f"the reports manifest {path} is damaged (not UTF-8 text: {exc.reason}); "
                "move it away to start a new series of reports"
            ) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UserError(
                f"the reports manifest {path} is damaged; move it away to start a new series of "
                "reports",
                [
                    Problem(
                        str(path),
                        exc.lineno,
                        exc.colno,
                        f"not valid JSON: {exc.msg}",
                        code=codes.REPORTS_MANIFEST.code,
                    )
                ],
            ) from None
        reports = data.get("reports") if isinstance(data, dict) else None
        if not isinstance(reports, list) or not all(
            isinstance(r, dict) and _is_date(r.get("as_of")) for r in reports
        ):
            raise UserError(
                f"the reports manifest {path} is not in the expected form; move it away to start "
                "a new series of reports",
                [
                    Problem(
                        str(path),
                        1,
                        1,
                        'expected {"reports": [{"as_of": "YYYY-MM-DD", ...}, ...]}',
                        code=codes.REPORTS_MANIFEST.code,
                    )
                ],
            )
        return cls(path, sorted(reports, key=lambda r: r["as_of"]))

    def previous(self, as_of: date) -> PreviousReport | None:
        """The report with the latest as-of date before as_of."""
        earlier = [r for r in self.reports if r["as_of"] < as_of.isoformat()]
        if not earlier:
            return None
        r = earlier[-1]
        statuses = r.get("statuses")
        findings = r.get("findings")
        return PreviousReport(
            as_of=date.fromisoformat(r["as_of"]),
            statuses={str(k): v for k, v in (statuses or {}).items() if isinstance(v, str)}
            if isinstance(statuses, dict)
            else {},
            findings={
                str(k): [x for x in v if isinstance(x, str)]
                for k, v in (findings or {}).items()
                if isinstance(v, list)
            }
            if isinstance(findings, dict)
            else {},
        )

    def replace(self, entry: dict[str, Any]) -> None:
        self.reports = sorted(
            [r for r in self.reports if r["as_of"] != entry["as_of"]] + [entry],
            key=lambda r: r["as_of"],
        )

    def dumps(self) -> str:
        return (
            json.dumps(
                {"version": MANIFEST_VERSION, "reports": self.reports}, indent=1, ensure_ascii=False
            )
            + "\n"
        )


def _is_date(value: Any) -> bool:
    try:
        date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class IndexEntry:
    as_of: date
    as_of_label: str
    generated_label: str
    files: dict[str, str]
    total: int
    overdue: int
    due_soon: int
    fulfilment: str


def our_files(r: dict[str, Any]) -> dict[str, str]:
    """The report files a manifest entry lists, kept only when they are the names we write
    (YYYY-MM-DD.md, YYYY-MM-DD.html): a committed reports.json cannot make the index link to
    anything else (a javascript: link, another folder)."""
    files = r.get("files")
    if not isinstance(files, dict):
        return {}
    stem = str(r["as_of"])
    return {fmt: f"{stem}.{fmt}" for fmt in REPORT_FORMATS if files.get(fmt) == f"{stem}.{fmt}"}


def _count(value: Any) -> int:
    """A count from the manifest; anything that is not a sensible count reads as 0."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**12:
        return 0
    return value


def index_entry(r: dict[str, Any]) -> IndexEntry:
    d = date.fromisoformat(r["as_of"])
    generated = r.get("generated_at")
    generated = generated if isinstance(generated, str) else ""
    try:
        g = datetime.fromisoformat(generated)
        generated_label = f"{day_label(g.date())}, {g:%H:%M}"
    except ValueError:
        generated_label = generated
    fulfilment = r.get("fulfilment")
    return IndexEntry(
        as_of=d,
        as_of_label=day_label(d),
        generated_label=generated_label,
        files=our_files(r),
        total=_count(r.get("total")),
        overdue=_count(r.get("overdue")),
        due_soon=_count(r.get("due_soon")),
        fulfilment=fulfilment if isinstance(fulfilment, str) else "",
    )
