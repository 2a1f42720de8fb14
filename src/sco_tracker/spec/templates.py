"""The user's report templates (settings.templates_dir), as validate checks them.

The reports' Jinja environment (report/render.py) is built with SYNTAX and gives templates
the FILTERS below; validate reads each template of the folder with the same syntax and refuses
one that cannot be parsed or that uses a filter the reports do not have, at its own file and
line. Jinja2 is imported only here, inside template_problems: only for a templates_dir.
"""

from __future__ import annotations

import os

from sco_tracker.paths import Unreadable, read_regular
from sco_tracker.problems import Problem
from sco_tracker.spec.codes import TEMPLATE_ERROR

#: How the reports' templates are written (the options of the environment that change parsing).
SYNTAX = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
#: The largest template read (report/sandbox.py reads them with the same limit).
TEMPLATE_MAX_BYTES = 4 * 1024 * 1024
#: The filters the reports add to Jinja's own (report/render.py registers exactly these).
FILTERS = ("md", "md_url", "safe_url", "pct", "plural", "iso")


def template_problems(folder: str, roots: list[str] | None = None) -> list[Problem]:
    """Every template (*.j2, sub-folders included) in folder that the reports could not use.

    Each is read as the reports read it: a regular file of bounded size, inside roots (the
    project) when given; a link out of the project, a named pipe or a device is refused."""
    import jinja2  # noqa: PLC0415 - Jinja2 only for a templates_dir
    from jinja2 import nodes  # noqa: PLC0415

    env = jinja2.Environment(**SYNTAX)  # type: ignore[arg-type]
    known = set(env.filters) | set(FILTERS)
    problems: list[Problem] = []

    def problem(file: str, line: int, message: str) -> None:
        problems.append(Problem(file, line, 1, message, code=TEMPLATE_ERROR.code))

    for name in jinja2.FileSystemLoader(folder).list_templates():
        if not name.endswith(".j2"):
            continue
        file = os.path.join(folder, name)
        try:
            source = read_regular(file, limit=TEMPLATE_MAX_BYTES, roots=roots).decode("utf-8")
            tree = env.parse(source, name, file)
        except jinja2.TemplateSyntaxError as exc:
            problem(file, exc.lineno or 1, f"template syntax error: {exc.message}")
            continue
        except Unreadable as exc:
            reason = exc.reason
            problem(file, 1, f"template cannot be used: {reason}")
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problem(file, 1, f"template cannot be read: {exc}")
            continue
        for f in tree.find_all(nodes.Filter):
            if f.name not in known:
                problem(
                    file,
                    f.lineno,
                    f"template error: no filter named '{f.name}'; the filters are Jinja's own "
                    f"and {', '.join(FILTERS)}",
                )
    return problems
