"""Writing the site incrementally: a page is rendered and rewritten only when what it shows
changed.

Each page has a content key: the SHA-256 of the code that renders it, the templates it uses
(the user's templates_dir ones when there are), its template's name and its data as JSON
(site.Page.material, which holds the as-of date). The keys of the pages written last are kept
beside the reports manifest, in site.json, with the size of each page: a page whose key and
size are unchanged is left as it is; a page that is no longer part of the site (a deleted
commitment) is removed. Only paths of the site's own form are ever removed or written, all
inside reports_dir/site/, through fileio.StagedFiles (atomic replacement, committed with the
reports).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sco_tracker import __version__
from sco_tracker.fileio import StagedFiles
from sco_tracker.paths import Outside, confine, read_regular
from sco_tracker.report.site import SHARED_TEMPLATES, SITE_DIR, TEMPLATES, Page

SITE_KEYS = "site.json"
KEYS_VERSION = 1
KEYS_MAX_BYTES = 64 * 1024 * 1024
#: The only paths the site writes or removes (ids are slugs: spec/fields.SLUG).
PAGE_PATH = re.compile(
    r"(?:index|site)\.(?:html|css)|(?:c|party|source|theme)/[a-z0-9][a-z0-9_.-]*\.html"
)
#: The modules whose code shapes a page (a change to them changes every key).
_CODE = ("site.py", "site_views.py", "site_groups.py", "site_write.py", "pieces.py", "render.py")


@dataclass
class SiteRun:
    folder: Path
    pages: int
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    keys_file: Path | None = None


@lru_cache(maxsize=1)
def code_stamp() -> str:
    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    return h.hexdigest()


def templates_stamp(source_of: Callable[[str], str]) -> str:
    """The digest of the code and of every template the site uses, as the loader finds them
    (source_of: a template's name -> its text)."""
    h = hashlib.sha256(code_stamp().encode())
    for name in (*TEMPLATES.values(), *SHARED_TEMPLATES):
        h.update(name.encode() + b"\0" + source_of(name).encode() + b"\0")
    return h.hexdigest()


def load_keys(path: Path, roots: list[str]) -> dict[str, tuple[str, int]]:
    """The keys of the pages written last; none (every page is rewritten) when the file is
    missing, damaged or of another version: it is a cache."""
    try:
        data = json.loads(read_regular(path, limit=KEYS_MAX_BYTES, roots=roots))
    except (OSError, ValueError):
        return {}
    pages = data.get("pages") if isinstance(data, dict) else None
    if data.get("version") != KEYS_VERSION or not isinstance(pages, dict):
        return {}
    out: dict[str, tuple[str, int]] = {}
    for name, value in pages.items():
        if (
            isinstance(name, str)
            and PAGE_PATH.fullmatch(name)
            and isinstance(value, list)
            and len(value) == 2
            and isinstance(value[0], str)
            and isinstance(value[1], int)
        ):
            out[name] = (value[0], value[1])
    return out


def stage_site(
    staged: StagedFiles,
    reports: Path,
    pages: list[Page],
    render: Callable[[str, dict[str, Any]], str],
    source_of: Callable[[str], str],
    roots: list[str],
) -> SiteRun:
    """Render the pages whose key changed into staged; say which pages to remove once the
    staged files are committed (remove_stale). render(template, data) renders a page;
    source_of(template) is the text of a template (report/render.py gives both)."""
    folder = reports / SITE_DIR
    keys_file = reports / SITE_KEYS
    old = load_keys(keys_file, roots)
    stamp = templates_stamp(source_of).encode()
    run = SiteRun(folder, len(pages), keys_file=keys_file)
    new: dict[str, list[str | int]] = {}
    for page in pages:
        if not PAGE_PATH.fullmatch(page.path):  # our own paths only: a bug, never the data
            raise ValueError(f"not a page of the site: {page.path!r}")
        h = hashlib.sha256(stamp)
        h.update(page.template.encode())
        h.update(page.material.encode())
        key = h.hexdigest()
        target = folder / page.path
        before = old.get(page.path)
        if before is not None and before[0] == key and _size(target) == before[1]:
            new[page.path] = [key, before[1]]
            continue
        data = render(page.template, page.data).encode("utf-8")
        staged.write(target, data, durable=False)
        new[page.path] = [key, len(data)]
        run.written.append(page.path)
    run.removed = sorted(set(old) - set(new))
    staged.write(
        keys_file,
        json.dumps({"version": KEYS_VERSION, "pages": new}, separators=(",", ":")) + "\n",
    )
    return run


def remove_stale(run: SiteRun, roots: list[str]) -> None:
    """Remove the pages of the previous site that this one no longer has (a deleted
    commitment's page), inside the site folder only; a page already gone is fine."""
    for name in run.removed:
        path = run.folder / name
        try:
            confine(path.parent, roots)
            os.unlink(path)
        except (Outside, OSError):
            continue


def _size(path: Path) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None
