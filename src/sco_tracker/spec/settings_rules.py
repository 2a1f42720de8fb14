"""The rules on settings that a later step depends on: checked by validate, before any step.

`run`, `report`, `schedule` and `calendar` refuse a timezone, a templates folder or a reports
folder they cannot use. Validation refuses them first, with the same code: templates_folder()
is what the reports use to find the folder, and templates.py reads the templates with the
reports' syntax (Jinja2 imported only when settings.templates_dir is set). The schedules are
parsed by the scheduler's parser (schedules.py) in model.py.
"""

from __future__ import annotations

import os
from pathlib import Path as FsPath
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sco_tracker.paths import (
    Outside,
    allowed_dirs,
    confine,
    database_outside_project,
    project_roots,
    real,
    unsupported_database,
)
from sco_tracker.problems import did_you_mean
from sco_tracker.spec import codes
from sco_tracker.spec.model import AssessmentWindow, Settings
from sco_tracker.spec.shape import Checker, _describe
from sco_tracker.spec.templates import template_problems
from sco_tracker.spec.yamlfile import Path, Positions


def templates_folder(base_dir: FsPath, setting: str | None) -> tuple[FsPath | None, str | None]:
    """The folder named by settings.templates_dir, or the reason it cannot be used.

    (None, None) when the setting is not given. The folder must exist inside the project.
    """
    if not setting:
        return None, None
    folder = base_dir / setting
    if not folder.is_dir():
        if folder.exists():
            return None, f"templates folder '{setting}' is a file, not a folder ({folder})"
        return None, f"templates folder '{setting}' not found (looked for {folder})"
    if not _inside(folder, base_dir):
        return None, (
            f"templates folder '{setting}' is outside the project folder ({base_dir.resolve()}): "
            "keep the templates beside commitments.yaml"
        )
    return folder.resolve(), None


def reports_folder_problem(base_dir: FsPath, setting: str) -> str | None:
    """Why the reports cannot be written to settings.reports_dir, or None when they can."""
    folder = base_dir / setting
    if not setting.strip():
        return "'reports_dir' must not be empty: give a folder such as 'reports'"
    if not _inside(folder, base_dir):
        return (
            f"reports folder '{setting}' is outside the project folder ({base_dir.resolve()}): "
            "give a folder beside commitments.yaml, or use 'sco-tracker report --out' for a one-off"
        )
    if folder.exists():
        if not folder.is_dir():
            return f"reports folder '{setting}' is a file, not a folder ({folder})"
        return None
    parent = folder.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return f"reports folder '{setting}' cannot be created: {parent} is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"reports folder '{setting}' cannot be created: {parent} is not writable"
    return None


def database_problem(url: str, file: FsPath) -> str | None:
    """Why `run` could not use settings.database: an SQLite file outside the project (the rule
    run applies, paths.database_outside_project), or a password written into the shared file."""
    try:
        password = urlsplit(url).password
    except ValueError:  # a malformed port: the database step says what is wrong with the URL
        password = None
    if password is not None:
        return (
            "settings.database has a password in it, and commitments.yaml is shared through git: "
            "take the password out of the URL and give it in SCO_TRACKER_DB (or in PostgreSQL's "
            "~/.pgpass) instead"
        )
    return database_outside_project(url, file, "settings.database")


def _inside(folder: FsPath, base_dir: FsPath) -> bool:
    """Inside the project, or a folder the user listed in SCO_TRACKER_ALLOW_DIRS (the reports
    and templates use the same rule: sco_tracker.paths)."""
    try:
        confine(folder, [real(base_dir), *allowed_dirs()])
    except Outside:
        return False
    except (OSError, RuntimeError):  # a symlink loop
        return False
    return True


class SettingsChecker(Checker):
    def __init__(self, path: FsPath, positions: Positions) -> None:
        super().__init__(positions)
        self.path = path
        self.tz_ok = True
        self.windows: dict[str, AssessmentWindow] = {}
        #: Windows whose entry has a shape problem: an assessment naming one is not "unknown".
        self.broken_windows: set[str] = set()

    def settings(self, raw: Any) -> Settings:
        """The settings; when some are wrong, the others still count (each wrong one is
        reported, and falls back to its default)."""
        base: Path = ("settings",)
        if raw is not None and not isinstance(raw, dict):
            self.shape(Settings, raw, base)  # reports it
            return Settings.model_validate({})
        raw = raw or {}
        self.control_characters(raw, base)
        settings = self.shape(Settings, raw, base)
        if settings is not None:
            return settings
        good: dict[str, Any] = {}
        for key, value in raw.items():
            if key == "assessment_windows" and isinstance(value, list):
                kept = []
                for i, w in enumerate(value):
                    if not self.is_bad(base + (key, i)):
                        kept.append(w)
                    elif isinstance(w, dict) and isinstance(w.get("id"), str):
                        self.broken_windows.add(w["id"])
                good[key] = kept
            elif key == "schedule" and isinstance(value, dict):
                good[key] = {k: v for k, v in value.items() if not self.is_bad(base + (key, k))}
            elif not self.is_bad(base + (key,)):
                good[key] = value
        try:
            return Settings.model_validate(good)
        except ValueError:  # pydantic's ValidationError is one; reported above already
            return Settings.model_validate({})

    def check_settings(self, settings: Settings) -> None:
        self.check_timezone(settings)
        self.windows = self.check_windows(settings)
        if settings.templates_dir is not None and not self.is_bad(("settings", "templates_dir")):
            self.check_templates(settings.templates_dir)
        if not self.is_bad(("settings", "reports_dir")):
            why = reports_folder_problem(self.path.parent, settings.reports_dir)
            if why:
                self.error(codes.REPORTS_DIR, ("settings", "reports_dir"), why)
        if settings.database is not None and not self.is_bad(("settings", "database")):
            unsupported = unsupported_database(settings.database)
            why = database_problem(settings.database, self.path)
            if unsupported:
                self.error(codes.UNSUPPORTED_DATABASE, ("settings", "database"), unsupported)
            elif why:
                self.error(codes.DATABASE_SETTING, ("settings", "database"), why)

    def check_timezone(self, settings: Settings) -> None:
        try:
            ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError, TypeError):
            self.tz_ok = False
            self.error(
                codes.UNKNOWN_TIMEZONE,
                ("settings", "timezone"),
                f"unknown timezone {_describe(settings.timezone)}; use an IANA name such as "
                "'UTC' or 'Asia/Shanghai'",
            )

    def check_templates(self, setting: str) -> None:
        folder, why = templates_folder(self.path.parent, setting)
        if folder is None:
            self.error(codes.TEMPLATES_DIR, ("settings", "templates_dir"), why or "")
            return
        self.problems.extend(template_problems(str(folder), project_roots(self.path)))

    def check_windows(self, settings: Settings) -> dict[str, AssessmentWindow]:
        windows: dict[str, AssessmentWindow] = {}
        for i, w in enumerate(settings.assessment_windows):
            path: Path = ("settings", "assessment_windows", i)
            if w.id in windows:
                first = self.pos.of_value(path[:-1] + (list(windows).index(w.id), "id"))[0]
                self.error(
                    codes.DUPLICATE_ID,
                    path + ("id",),
                    f"duplicate assessment window id '{w.id}' (first used at line {first})",
                )
                continue
            if w.end < w.start:
                self.error(
                    codes.WINDOW_ORDER,
                    path + ("end",),
                    f"assessment window '{w.id}' ends ({w.end}) before it starts ({w.start})",
                )
            windows[w.id] = w
        return windows

    def check_window_sources(self, settings: Settings, sources: dict[str, Any]) -> None:
        """Each source a window names in its 'sources:' is one of the file's sources."""
        if "sources" in getattr(self, "broken", set()):
            return
        for i, w in enumerate(settings.assessment_windows):
            for j, sid in enumerate(w.sources):
                if sid not in sources:
                    self.error(
                        codes.WINDOW_UNKNOWN_SOURCE,
                        ("settings", "assessment_windows", i, "sources", j),
                        f"assessment window '{w.id}' names unknown source '{sid}'"
                        f"{did_you_mean(sid, sources)}; the sources are: {', '.join(sources)}",
                    )
