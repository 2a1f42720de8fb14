"""The reports manifest, reports.json: each report's date, its files and its counts; and what
each report showed (the status and findings of every commitment), so that the next report can
say what changed, in snapshots/YYYY-MM-DD.json beside it.

What a report showed is kept in a file of its own because it is as long as the commitments
file: inside reports.json, a year of daily reports of 10,000 commitments would make each run
read and rewrite 300 MB. Earlier versions kept it inside reports.json; such an entry is still
read, and moved out into its file when the manifest is next written. Every file is read as a
regular file of bounded size inside the reports' folder; report/render.py writes them under
the folder's lock, the snapshots before reports.json (which is last of all files)."""

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
from sco_tracker.spec.project import Project
from sco_tracker.tracking.selection import Selection, view_title

MANIFEST = "reports.json"
MANIFEST_VERSION = 1
#: The folder, beside reports.json, of what each report showed (SNAPSHOTS/YYYY-MM-DD.json).
SNAPSHOTS = "snapshots"
SNAPSHOT_VERSION = 1
#: The fields of an entry that are what the report showed (kept in its snapshot).
_SHOWN = ("statuses", "findings")
#: The formats of the dated reports (report/render.FORMATS).
REPORT_FORMATS = ("md", "html")
#: The largest manifest read (one written by an earlier version keeps every report's statuses).
MANIFEST_MAX_BYTES = 512 * 1024 * 1024
#: The largest snapshot read (what one report of a very large file showed).
SNAPSHOT_MAX_BYTES = 256 * 1024 * 1024


@dataclass
class Manifest:
    path: Path
    reports: list[dict[str, Any]] = field(default_factory=list)
    roots: list[str] | None = None
    #: What reports showed that is not yet in its own file, by as-of date (the entry just
    #: replaced, and those an earlier version kept inside reports.json).
    shown: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for r in self.reports:
            self._take_shown(r)

    def _take_shown(self, r: dict[str, Any]) -> None:
        if any(k in r for k in _SHOWN):
            self.shown[r["as_of"]] = {k: r.pop(k, None) for k in _SHOWN}

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
        return cls(path, sorted(reports, key=lambda r: r["as_of"]), roots)

    def previous(self, as_of: date) -> PreviousReport | None:
        """What the report with the latest as-of date before as_of showed. A report whose
        snapshot is missing or damaged is passed over for the one before it."""
        earlier = [r["as_of"] for r in self.reports if r["as_of"] < as_of.isoformat()]
        for day in reversed(earlier):
            shown = self.shown.get(day)
            if shown is None:
                shown = self._read_snapshot(day)
            if shown is not None:
                return _previous(day, shown)
        return None

    def snapshot_path(self, day: str) -> Path:
        """Where what the report of a day showed is kept (the name is the date, as written by
        date.isoformat: a committed reports.json cannot name another file)."""
        return self.path.parent / SNAPSHOTS / f"{date.fromisoformat(day).isoformat()}.json"

    def _read_snapshot(self, day: str) -> dict[str, Any] | None:
        try:
            data = json.loads(
                read_regular(self.snapshot_path(day), limit=SNAPSHOT_MAX_BYTES, roots=self.roots)
            )
        except (OSError, ValueError, RecursionError):  # Unreadable is an OSError too
            return None
        if not isinstance(data, dict) or data.get("as_of") != date.fromisoformat(day).isoformat():
            return None
        return data

    def snapshots(self) -> list[tuple[Path, str]]:
        """The snapshot files to write (path, text): the report just made, and those an
        earlier version kept inside reports.json."""
        return [
            (
                self.snapshot_path(day),
                json.dumps(
                    {
                        "version": SNAPSHOT_VERSION,
                        "as_of": date.fromisoformat(day).isoformat(),
                        **shown,
                    },
                    ensure_ascii=False,
                    separators=(",", ":"),
                )
                + "\n",
            )
            for day, shown in sorted(self.shown.items())
        ]

    def replace(self, entry: dict[str, Any]) -> None:
        """Put in the entry of a report (with what it showed), in place of one of its date."""
        entry = dict(entry)
        self.shown.pop(entry["as_of"], None)
        self._take_shown(entry)
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


def _previous(day: str, shown: dict[str, Any]) -> PreviousReport:
    """What a report showed, as read (values of the wrong kind are left out)."""
    statuses, findings = shown.get("statuses"), shown.get("findings")
    return PreviousReport(
        as_of=date.fromisoformat(day),
        statuses={str(k): v for k, v in statuses.items() if isinstance(v, str)}
        if isinstance(statuses, dict)
        else {},
        findings={
            str(k): [x for x in v if isinstance(x, str)]
            for k, v in findings.items()
            if isinstance(v, list)
        }
        if isinstance(findings, dict)
        else {},
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


def index_title(manifest: Manifest, project: Project, selection: Selection) -> str:
    """The title of the list of reports: 'Status reports: ' and the title of the latest report
    (latest.md, latest.html), made as that report's is (view_title as of its date), so that the
    two agree whatever date was reported last: a report of an earlier date, when fewer
    documents were issued, does not retitle the list."""
    latest = date.fromisoformat(manifest.reports[-1]["as_of"])
    return f"Status reports: {view_title(project, selection, latest)}"
