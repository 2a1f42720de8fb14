"""What the tests of the site share: writing the reports of the frozen data as of a day, and a
user's own site template."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import edit
from sco_tracker.report.render import ReportRun, write_reports
from sco_tracker.spec.project import load_project

GENERATED = datetime(2018, 6, 15, 9, 0, tzinfo=ZoneInfo("UTC"))
DAY = date(2018, 6, 15)


def write_site(folder: Path, day: date = DAY) -> ReportRun:
    """The reports and the site of folder's commitments.yaml as of day."""
    project = load_project(folder / "commitments.yaml")
    return write_reports(project, day, generated_at=GENERATED)


def site_template(project_dir: Path, name: str, text: str) -> None:
    """A template of the user's own for the site (settings.templates_dir: templates)."""
    edit(
        project_dir / "commitments.yaml",
        "  reports_dir: reports\n",
        "  reports_dir: reports\n  templates_dir: templates\n",
    )
    folder = project_dir / "templates" / "site"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
