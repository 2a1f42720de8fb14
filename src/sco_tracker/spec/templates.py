"""The user's report and notification templates (settings.templates_dir), as validate checks
them.

The reports' Jinja environment (report/render.py) is built with SYNTAX and gives templates
the FILTERS and GLOBALS below, and each template the VARIABLES named for it; validate reads
each template of the folder with the same syntax and refuses one that cannot be parsed, that
uses a filter the reports do not have, or that names a variable its template is not given (a
misspelt `as_of_lable`, which would stop the run half-way), at its own file and line. A
template of another name (a part that another one includes) may name any variable of any
template. The notifications' templates (notify/render.py) are checked the same way, with their
own variables and filters. What a variable holds (its attributes) is not checked here. Jinja2
is imported only here, inside template_problems: only for a templates_dir.
"""

from __future__ import annotations

import os
from typing import Any

from sco_tracker.paths import Unreadable, read_regular
from sco_tracker.problems import Problem, did_you_mean
from sco_tracker.spec.codes import TEMPLATE_ERROR

#: How the reports' templates are written (the options of the environment that change parsing).
SYNTAX = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
#: The largest template read (report/sandbox.py reads them with the same limit).
TEMPLATE_MAX_BYTES = 4 * 1024 * 1024
#: The filters the reports add to Jinja's own (report/render.py registers exactly these).
FILTERS = ("md", "md_url", "safe_url", "pct", "plural", "iso")
#: The filters the notifications' templates are given (notify/render.py registers these).
NOTIFY_FILTERS = ("what", "status", "plural")
#: What the notifications' templates are given (notify/render.variables).
NOTIFY_VARIABLES = (
    "event",
    "as_of",
    "as_of_label",
    "check_run",
    "items",
    "counts",
    "site_url",
    "recipient",
)
#: The notifications' templates, by name.
NOTIFY_TEMPLATES = ("notify_subject.txt.j2", "notify.txt.j2", "notify.html.j2")
#: The functions every template may call (report/pieces.PIECES defines exactly these).
GLOBALS = (
    "badge",
    "flags",
    "html_update",
    "md_link",
    "md_update",
    "md_findings",
    "site_row",
    "site_rows",
    "site_row_pieces",
)
#: What the status report's templates are given: report/model.ReportContext's fields.
REPORT_VARIABLES = (
    "title",
    "as_of",
    "as_of_label",
    "generated_at",
    "generated_label",
    "sources",
    "total",
    "due_soon_days",
    "status_counts",
    "finding_counts",
    "fulfilment",
    "overdue",
    "due_soon",
    "undated",
    "changes",
    "themes",
    "continuous",
    "timeline",
    "collapse",
    "status_labels",
    "compliance",
    "last_check",
    "drafts_awaiting_review",
    "source_groups",
    "view",
    "site",
    "brief",
    "all_themes",
)
#: What every page of the site is given (report/site.py), besides its own.
_PAGE = ("page_title", "as_of", "as_of_label", "root", "report_href", "canonical")
#: The variables each template the reports render is given (tests compare with what
#: report/ passes). A template that another one extends or includes sees its variables.
VARIABLES: dict[str, tuple[str, ...]] = {
    "report.md.j2": REPORT_VARIABLES,
    "report.html.j2": REPORT_VARIABLES,
    "index.md.j2": ("title", "reports"),
    "index.html.j2": ("title", "reports"),
    "site/index.html.j2": (
        *_PAGE,
        "total",
        "data_json",
        "statuses",
        "findings",
        "parties",
        "sources",
        "themes",
        "fulfilment",
    ),
    "site/commitment.html.j2": (*_PAGE, "commitment"),
    "site/party.html.j2": (*_PAGE, "party", "windows", "commitments"),
    "site/source.html.j2": (*_PAGE, "source", "entries", "excluded", "commitments"),
    "site/theme.html.j2": (*_PAGE, "theme", "commitments"),
    "site/site.css.j2": (),
    **dict.fromkeys(NOTIFY_TEMPLATES, NOTIFY_VARIABLES),
}


def template_problems(folder: str, roots: list[str] | None = None) -> list[Problem]:
    """Every template (*.j2, sub-folders included) in folder that the reports could not use.

    Each is read as the reports read it: a regular file of bounded size, inside roots (the
    project) when given; a link out of the project, a named pipe or a device is refused."""
    import jinja2  # noqa: PLC0415 - Jinja2 only for a templates_dir
    from jinja2 import meta, nodes  # noqa: PLC0415

    env = jinja2.Environment(**SYNTAX)  # type: ignore[arg-type]
    jinjas = set(env.filters)
    # Jinja's analysis compiles the template, which needs the filters by name (never called).
    env.filters.update(dict.fromkeys((*FILTERS, *NOTIFY_FILTERS), str))
    everywhere = set(env.globals) | set(GLOBALS)
    any_template = {v for names in VARIABLES.values() for v in names}
    problems: list[Problem] = []

    def problem(file: str, line: int, message: str) -> None:
        problems.append(Problem(file, line, 1, message, code=TEMPLATE_ERROR.code))

    # (the loader names them with '/' on every system, as the reports' loader does)
    for name in jinja2.FileSystemLoader(folder).list_templates():
        if not name.endswith(".j2"):
            continue
        file = os.path.join(folder, name)
        ours = _filters_of(name)
        known = jinjas | set(ours)
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
        unknown_filters = [f for f in tree.find_all(nodes.Filter) if f.name not in known]
        for f in unknown_filters:
            problem(
                file,
                f.lineno,
                f"template error: no filter named '{f.name}'; the filters are Jinja's own "
                f"and {', '.join(ours)}",
            )
        if unknown_filters:
            continue  # said above; Jinja cannot analyse it further
        given = set(VARIABLES.get(name, any_template)) | everywhere | _own_names(tree)
        try:
            unknown = meta.find_undeclared_variables(tree) - given
        except jinja2.TemplateError as exc:  # e.g. a test ('is ...') that Jinja does not have
            problem(file, getattr(exc, "lineno", None) or 1, f"template error: {exc.message}")
            continue
        first: dict[str, int] = {}
        for n in tree.find_all(nodes.Name):
            if n.name in unknown and n.ctx == "load":
                first[n.name] = min(first.get(n.name, n.lineno), n.lineno)
        for var in sorted(unknown, key=lambda v: (first.get(v, 1), v)):
            problem(
                file,
                first.get(var, 1),
                f"template error: no variable named '{var}'{did_you_mean(var, given)}; "
                f"{_given_phrase(name)}",
            )
    return problems


def _own_names(tree: Any) -> set[str]:
    """What a template names itself: what it sets, loops over, takes as a macro's parameter,
    defines as a macro or imports. (A `set` outside the blocks of a template that extends
    another is seen inside them, though Jinja's analysis takes each block alone.)"""
    from jinja2 import nodes  # noqa: PLC0415

    own = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    own |= {m.name for m in tree.find_all(nodes.Macro)}
    own |= {i.target for i in tree.find_all(nodes.Import)}
    for imp in tree.find_all(nodes.FromImport):
        own |= {n if isinstance(n, str) else n[1] for n in imp.names}
    return own


def _filters_of(name: str) -> tuple[str, ...]:
    """The filters a template may use besides Jinja's: a part may be included by either kind."""
    if name in NOTIFY_TEMPLATES:
        return NOTIFY_FILTERS
    if name in VARIABLES:
        return FILTERS
    return tuple(dict.fromkeys((*FILTERS, *NOTIFY_FILTERS)))


def _given_phrase(name: str) -> str:
    """What a template is given, for the message about a name it is not given."""
    names = VARIABLES.get(name)
    if names is None:
        return "a part that other templates include may name what any of them is given"
    shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    return f"{name} is given: {shown} (see the README's templates section)"
