"""Status reports: one Jinja2 Environment, templates shipped as package data, atomic writes.

Rendering is pure given a ReportContext (context.build_context). Writing renders
everything first (the dated reports, the latest copies, the index pages and the manifest)
and only then writes each file atomically, so a failed run leaves every report as it was.

Files in the reports folder:
    YYYY-MM-DD.md, YYYY-MM-DD.html   the report as of that date (re-running replaces it)
    latest.md, latest.html           the report with the latest as-of date
    index.md, index.html             every report, newest first
    reports.json                     the manifest: each report's date and what it showed
    .reports.json.lock               held while a report is written (two at once keep both)

Templates run in Jinja's immutable sandbox (report/sandbox.py): a template, built-in or a
user's, can read the report's data and call the helpers we give it, nothing else (no Python
internals, no files, no shell). A user's templates are read only inside the project.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from jinja2.exceptions import SecurityError

from sco_tracker.fileio import StagedFiles, cannot_write, os_lock
from sco_tracker.heap import collector_paused
from sco_tracker.paths import output_roots, project_roots, real
from sco_tracker.problems import Problem, UserError
from sco_tracker.report.compiled import BuiltinBytecodeCache
from sco_tracker.report.context import build_context
from sco_tracker.report.manifest import (
    MANIFEST,
    IndexEntry,
    Manifest,
    index_entry,
    index_title,
    our_files,
)
from sco_tracker.report.model import ReportContext, safe_url
from sco_tracker.report.pieces import PIECES, md_escape, md_url
from sco_tracker.report.sandbox import ProjectLoader, Sandbox, escaping
from sco_tracker.report.site import SITE_DIR, TEMPLATES, Page, site_pages, stylesheet_page
from sco_tracker.report.site_views import COMMITMENTS
from sco_tracker.report.site_write import SiteRun, commit_fresh, remove_stale, stage_site
from sco_tracker.spec import codes
from sco_tracker.spec.project import Project
from sco_tracker.spec.settings_rules import templates_folder
from sco_tracker.spec.templates import SYNTAX
from sco_tracker.spec.vocabulary import plural
from sco_tracker.tracking.checks import Evaluation, evaluate
from sco_tracker.tracking.selection import EVERYTHING, Selection

FORMATS = ("md", "html")
MANIFEST_LOCK = ".reports.json.lock"
#: How long a report waits for another one writing into the same folder.
LOCK_WAIT_SECONDS = 300
#: The templates autoescaped (by the end of their names); the Markdown ones use the md filter.
_AUTOESCAPED = ("html", "htm", "html.j2", "htm.j2")


# -- the environment ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def environment(
    templates_dir: str | None = None, roots: tuple[str, ...] = ()
) -> jinja2.Environment:
    """The one Environment: a user's templates folder first, then the built-in templates.

    A sandbox (report/sandbox.py) for every template, built-in or not. HTML templates
    (*.html.j2) are autoescaped; Markdown templates (*.md.j2) are not, and escape their text
    with the `md` filter instead. Undefined variables are errors.
    roots: where a user's templates may be read (default: the templates folder itself).
    """
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(ProjectLoader(templates_dir, roots or (real(templates_dir),)))
    loaders.append(jinja2.PackageLoader("sco_tracker.report", "templates"))
    env = Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        # by the end of the name: "html.j2" is what our files end with
        autoescape=escaping(_AUTOESCAPED),
        undefined=jinja2.StrictUndefined,
        # the built-in templates' code is kept beside them (a user's is compiled each time)
        bytecode_cache=BuiltinBytecodeCache(
            Path(__file__).parent / "templates", f"{Sandbox.__name__} {_AUTOESCAPED} {SYNTAX}"
        ),
        **SYNTAX,
    )
    env.globals.update(PIECES)
    # Exactly spec/templates.FILTERS: validate checks the user's templates against those names.
    filters: dict[str, Any] = {
        "md": md_escape,
        "md_url": md_url,
        "safe_url": safe_url,
        "pct": lambda x: f"{x:.0f}%" if x is not None else "–",
        "plural": plural,
        "iso": lambda d: d.isoformat(),
    }
    env.filters.update(filters)
    return env


# -- rendering ---------------------------------------------------------------------------------


def render(context: ReportContext, fmt: str, templates_dir: str | None = None) -> str:
    """The report in one format ("md" or "html"). Pure given the context."""
    return "".join(render_chunks(context, fmt, templates_dir))


def render_chunks(
    context: ReportContext, fmt: str, templates_dir: str | None = None
) -> Iterator[str]:
    """The report in pieces, to stream into a file: a report of 100,000 commitments is never
    held in memory whole."""
    return _chunks(f"report.{fmt}.j2", context.template_vars(), templates_dir)


def render_index(
    entries: list[IndexEntry], fmt: str, title: str, templates_dir: str | None = None
) -> str:
    return _render(f"index.{fmt}.j2", {"title": title, "reports": entries}, templates_dir)


def _render(name: str, variables: dict[str, Any], templates_dir: str | None) -> str:
    return "".join(_chunks(name, variables, templates_dir))


def _chunks(name: str, variables: dict[str, Any], templates_dir: str | None) -> Iterator[str]:
    env = environment(templates_dir, _template_roots(templates_dir))
    with template_errors(name, templates_dir):
        template = env.get_template(name)
        yield from template.generate(**variables)


#: The built-in templates whose pages are rendered in one piece (see page_renderer).
WHOLE_PAGES = frozenset({TEMPLATES[COMMITMENTS]})


def page_renderer(templates_dir: str | None) -> Callable[[str, dict[str, Any]], Iterator[str]]:
    """render(template name, variables) for many pages: the page in pieces, to stream into its
    file (a party's page lists every commitment it made, 30 MB at 100,000 of them); each
    template is loaded once, and a template's errors are the same messages as the report's.

    The templates are read as they are when the renderer is made, not checked on every page
    (10,000 pages asked the disk twice each whether the layout had changed); the scheduler
    makes a renderer for each site. A commitment's page of the built-in templates (a few kB)
    is rendered in one piece: streamed, each passed ~200 pieces through three generators. A
    user's templates could make any page large: always streamed."""
    env = environment(templates_dir, _template_roots(templates_dir)).overlay(auto_reload=False)
    loaded: dict[str, jinja2.Template] = {}
    whole = WHOLE_PAGES if templates_dir is None else frozenset()

    def render_page(name: str, variables: dict[str, Any]) -> Iterator[str]:
        with template_errors(name, templates_dir):
            template = loaded.get(name)
            if template is None:
                template = loaded[name] = env.get_template(name)
            if name in whole:
                yield template.render(variables)
            else:
                yield from template.generate(variables)

    return render_page


def template_source(name: str, templates_dir: str | None) -> str:
    """The text of the template the reports would use under that name (the user's, if any)."""
    env = environment(templates_dir, _template_roots(templates_dir))
    with template_errors(name, templates_dir):
        assert env.loader is not None
        return env.loader.get_source(env, name)[0]
    raise AssertionError("unreachable")


def _failed(title: str, where: str, line: int, message: str) -> UserError:
    return UserError(title, [Problem(where, line, 1, message, code=codes.TEMPLATE_ERROR.code)])


@contextmanager
def template_errors(name: str, templates_dir: str | None) -> Iterator[None]:
    """A template's failures as UserErrors at its file and line (our own bugs stay errors)."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise _failed(
            f"template {where} cannot be read",
            where,
            exc.lineno or 0,
            f"template syntax error: {exc.message}",
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise UserError(
            f"template '{exc.name}' not found in {templates_dir or 'the built-in templates'}"
        ) from None
    except jinja2.UndefinedError as exc:
        file, line = _template_frame(exc)
        where = file or name
        raise _failed(
            f"template {where} failed", where, line, f"template error: {exc.message}"
        ) from None
    except SecurityError as exc:
        file, line = _template_frame(exc)
        where = file or name
        raise _failed(
            f"template {where} was stopped: it reaches for something templates may not use",
            where,
            line,
            f"not allowed in a template: {exc} (templates may use the report's data, "
            "filters and helpers only)",
        ) from None
    except (UserError, OSError):
        raise
    except Exception as exc:
        # An error raised by the template itself ({{ 1/0 }}, a filter given the wrong thing)
        # is the user's template to fix; one raised inside a built-in template is our bug.
        file, line = _template_frame(exc)
        if file is None or templates_dir is None or not _inside(file, templates_dir):
            raise
        raise UserError(
            f"template {file} failed; fix the template (or remove it to use the built-in one)",
            [Problem(file, line, 1, f"template error: {type(exc).__name__}: {exc}")],
        ) from None


def _template_roots(templates_dir: str | None) -> tuple[str, ...]:
    """Where a user's templates may be read: set by templates_dir() (the project and
    SCO_TRACKER_ALLOW_DIRS), else the templates folder alone."""
    if templates_dir is None:
        return ()
    return _TEMPLATE_ROOTS.get(templates_dir, (real(templates_dir),))


#: templates folder -> where its templates may be read (filled by templates_dir()).
_TEMPLATE_ROOTS: dict[str, tuple[str, ...]] = {}


def _inside(file: str, folder: str) -> bool:
    try:
        Path(file).resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


def _template_frame(exc: BaseException) -> tuple[str | None, int]:
    """The innermost template file and line in a rendering traceback."""
    found: tuple[str | None, int] = (None, 0)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


# -- writing -----------------------------------------------------------------------------------


@dataclass
class ReportRun:
    as_of: date
    out_dir: Path
    written: list[Path]
    context: ReportContext
    #: The site beside the report (written with the latest report in HTML), else None.
    site: SiteRun | None = None


#: The folder, inside the reports folder, of the reports of a view (--source, --party).
VIEWS_FOLDER = "views"


def reports_dir(
    project: Project,
    out: str | os.PathLike[str] | None = None,
    selection: Selection = EVERYTHING,
) -> Path:
    """--out, else settings.reports_dir; a view of some sources or parties has a folder of its
    own under views/ (reports/views/beijing-2018-05-22/), with its own index and "what changed"
    (under views/, a source id can never be the name of another report file or folder)."""
    if out is not None:
        return Path(out)
    folder = project.base_dir / project.settings.reports_dir
    return folder / VIEWS_FOLDER / selection.slug if selection.slug else folder


def templates_dir(project: Project) -> str | None:
    """settings.templates_dir, relative to commitments.yaml (validate checks it the same way:
    spec/settings_rules.py); a folder that cannot be used is a user error. Its templates are
    read only inside the project (and SCO_TRACKER_ALLOW_DIRS)."""
    folder, why = templates_folder(project.base_dir, project.settings.templates_dir)
    if folder is not None and why is None:
        _TEMPLATE_ROOTS[str(folder)] = tuple(project_roots(project.path))
    if why is not None:
        raise UserError(
            "the templates folder cannot be used",
            [
                project.positions.problem(
                    ("settings", "templates_dir"), why, code=codes.TEMPLATES_DIR
                )
            ],
        )
    return str(folder) if folder is not None else None


def write_reports(
    project: Project,
    as_of: date,
    *,
    formats: tuple[str, ...] = FORMATS,
    out: str | os.PathLike[str] | None = None,
    generated_at: datetime | None = None,
    last_check: str = "",
    evaluations: list[Evaluation] | None = None,
    selection: Selection = EVERYTHING,
    history: dict[str, list[dict[str, Any]]] | None = None,
) -> ReportRun:
    """Render the report as of a date in each format, then write every file atomically.

    selection: the sources and parties shown; a view other than the whole file is written to a
    folder of its own (reports_dir()).

    With the latest report of the whole file in HTML, the site beside it (report/site.py) is
    brought up to date too; history: the status history rows per commitment, from the database.

    The manifest's read-modify-write holds an OS lock on the folder's .reports.json.lock:
    two reports at once each keep their entry (the second waits), and a killed process
    releases the lock with its death."""
    folder = reports_dir(project, out, selection)
    roots = output_roots(project, out)  # settings.reports_dir outside the project: refused
    tdir = templates_dir(project)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(
            folder, exc, "the reports in", "choose another folder with --out"
        ) from None
    with (
        os_lock(
            folder / MANIFEST_LOCK,
            wait=LOCK_WAIT_SECONDS,
            busy=f"another report is being written into {folder}; try again when it has finished",
        ),
        collector_paused(),
    ):
        return _write_locked(
            project,
            as_of,
            folder,
            roots,
            tdir,
            formats,
            generated_at,
            last_check,
            evaluations,
            selection,
            history,
        )


def _write_locked(
    project: Project,
    as_of: date,
    folder: Path,
    roots: list[str],
    tdir: str | None,
    formats: tuple[str, ...],
    generated_at: datetime | None,
    last_check: str,
    evaluations: list[Evaluation] | None,
    selection: Selection,
    history: dict[str, list[dict[str, Any]]] | None,
) -> ReportRun:
    manifest = Manifest.load(folder / MANIFEST, roots)
    if evaluations is None:
        evaluations = evaluate(project, as_of)
    now = generated_at or datetime.now(ZoneInfo(project.settings.timezone)).replace(microsecond=0)
    # The site is the whole file's, beside the latest report of it (never a view's).
    with_site = "html" in formats and selection.everything
    context = build_context(
        project,
        as_of,
        now,
        manifest.previous(as_of),
        last_check,
        evaluations,
        selection,
        site=f"{SITE_DIR}/" if with_site else None,
    )

    stem = as_of.isoformat()
    entry: dict[str, Any] = {
        "as_of": stem,
        "generated_at": now.isoformat(),
        "files": {fmt: f"{stem}.{fmt}" for fmt in formats},
        "total": context.total,
        "overdue": len(context.overdue),
        "due_soon": len(context.due_soon),
        "fulfilment": context.fulfilment.label,
        **context.snapshot(),
    }
    # Formats written before for this date stay listed if their files are still there.
    old = next((r for r in manifest.reports if r["as_of"] == stem), None)
    if old:
        for fmt, name in our_files(old).items():
            if fmt not in entry["files"] and (folder / name).exists():
                entry["files"][fmt] = name
    manifest.replace(entry)
    is_latest = manifest.reports[-1]["as_of"] == stem
    index = index_title(manifest, project, selection)

    # Everything is rendered (streamed into temporary files beside the reports) before any
    # report is replaced; then each file is replaced atomically, the manifest last.
    pages = None
    if is_latest and with_site:
        pages = itertools.chain(
            site_pages(project, as_of, context, evaluations, history), [stylesheet_page()]
        )
    try:
        written, site = _write_all(
            folder, stem, formats, context, manifest, is_latest, index, tdir, roots, pages
        )
    except OSError as exc:
        raise cannot_write(
            folder, exc, "the reports in", "choose another folder with --out"
        ) from None
    return ReportRun(as_of, folder, written, context, site)


def _write_all(
    folder: Path,
    stem: str,
    formats: tuple[str, ...],
    context: ReportContext,
    manifest: Manifest,
    is_latest: bool,
    index_title: str,
    tdir: str | None,
    roots: list[str],
    pages: Iterable[Page] | None,
) -> tuple[list[Path], SiteRun | None]:
    site = None
    with StagedFiles(roots=roots) as staged:
        for fmt in formats:
            dated = folder / f"{stem}.{fmt}"
            with staged.open(dated, follow=False) as fh:
                fh.writelines(render_chunks(context, fmt, tdir))
            if is_latest:
                staged.copy(dated, folder / f"latest.{fmt}", follow=False)
        entries = [index_entry(r) for r in reversed(manifest.reports)]
        index_formats = sorted(
            {fmt for r in manifest.reports for fmt in our_files(r)} | set(formats)
        )
        for fmt in (f for f in index_formats if f in FORMATS):
            listed = [e for e in entries if fmt in e.files]
            index = render_index(listed, fmt, index_title, tdir)
            staged.write(folder / f"index.{fmt}", index, follow=False)
        if pages is not None:
            site = stage_site(
                staged,
                folder,
                pages,
                page_renderer(tdir),
                lambda name: template_source(name, tdir),
                roots,
                stem,
            )
        try:
            for path, text in manifest.snapshots():
                staged.write(path, text, follow=False)
            staged.write(folder / MANIFEST, manifest.dumps(), follow=False)
            written = [
                p for p in staged.targets if site is None or not p.is_relative_to(site.folder)
            ]
            if site is not None:
                # the site first, its keys inside it (killed before the reports: still a whole site)
                commit_fresh(site)
            staged.commit()
        except BaseException:
            if site is not None and site.fresh is not None:
                site.fresh.discard()
            raise
    if site is not None:
        remove_stale(site, roots)
    return written, site
