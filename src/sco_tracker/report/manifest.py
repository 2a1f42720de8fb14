"""The reports manifest, reports.json: each report's date, its files and what it showed, so
the next report can say what changed. Read as a regular file of bounded size inside the
reports' folder; report/render.py writes it under the folder's lock, last of all files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sco_tracker.paths import Unreadable, read_regular
from sco_tracker.problems import Problem, UserError
from sco_tracker.report.model import PreviousReport
from sco_tracker.spec import codes

MANIFEST = "reports.json"
MANIFEST_VERSION = 1
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
