"""The sandbox every report template runs in, and the loader of a user's templates.

Sandbox: Jinja's ImmutableSandboxedEnvironment (a template reads the report's data and calls
the helpers it is given; no Python internals, no files, no shell), with its verdicts on
(type, attribute) remembered so that a large report renders about as fast as without it.
ProjectLoader: a user's templates, read as regular files of bounded size inside the project.
"""

from __future__ import annotations

import os
import types
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from sco_tracker.paths import Unreadable, read_regular
from sco_tracker.problems import UserError
from sco_tracker.report.site_views import Record
from sco_tracker.spec.templates import TEMPLATE_MAX_BYTES


def escaping(extensions: tuple[str, ...]) -> Callable[[str | None], bool]:
    """Jinja's autoescape choice by the end of a template's name, read from the name as the
    loaders read it: "report.html.j2/" or "./report.html.j2" is the file report.html.j2, and is
    escaped as it is (select_autoescape alone would see a name that does not end in html.j2)."""
    select = jinja2.select_autoescape(enabled_extensions=extensions, default=False)

    def escaped(name: str | None) -> bool:
        if name is None:
            return bool(select(name))
        return bool(select("/".join(p for p in name.split("/") if p not in ("", "."))))

    return escaped


class ProjectLoader(jinja2.BaseLoader):
    """A user's templates: regular files of bounded size, read inside roots only (a template
    that is a link out of the project, a named pipe or a device is refused with a message)."""

    def __init__(self, folder: str, roots: tuple[str, ...]) -> None:
        self.folder = folder
        self.roots = roots

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        path = os.path.join(self.folder, *split_template_path(template))
        try:
            data = read_regular(path, limit=TEMPLATE_MAX_BYTES, roots=self.roots)
            mtime = os.stat(path).st_mtime_ns
        except FileNotFoundError:
            raise jinja2.TemplateNotFound(template) from None
        except Unreadable as exc:
            reason = exc.reason
            raise UserError(f"template {path} cannot be used: {reason}") from None
        except OSError as exc:
            raise UserError(f"template {path} cannot be read: {exc.strerror or exc}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UserError(f"template {path} is not UTF-8 text; save it as UTF-8") from None

        def uptodate() -> bool:
            try:
                return os.stat(path).st_mtime_ns == mtime
            except OSError:
                return False

        return text, path, uptodate

    def list_templates(self) -> list[str]:
        return jinja2.FileSystemLoader(self.folder).list_templates()


_METHODS = (types.MethodType, types.BuiltinMethodType)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with its verdict on each (type, attribute) remembered: the
    checks depend on nothing else, and a report of 10,000 commitments asks them 300,000 times."""

    _MAX_REMEMBERED = 4096

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A record of the site's data (a dict of plain values, read by attribute): its keys are
        # data, not Python attributes, and what they hold goes through the sandbox in turn.
        if type(obj) is Record:
            try:
                return obj[attribute]
            except KeyError:
                pass
        # The fast path: an attribute already judged safe on this type, whose value is not a
        # method (str.format and its kind must still go through the sandbox's own wrapping).
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)
        if not isinstance(value, _METHODS) and self._verdicts.get((type(obj), attribute)):
            return value
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        try:
            return self._verdicts[key]
        except KeyError:
            pass
        except TypeError:  # an attribute that is not hashable: ask every time
            return bool(super().is_safe_attribute(obj, attr, value))
        safe = bool(super().is_safe_attribute(obj, attr, value))
        if len(self._verdicts) < self._MAX_REMEMBERED:
            self._verdicts[key] = safe
        return safe
