"""Writing the site incrementally: a page is rendered and rewritten only when what it shows
changed.

Each page has a content key: the SHA-256 of the code that renders it, the templates it uses
(the user's templates_dir ones when there are), its template's name and its data as JSON
(site.Page.material, which holds the as-of date). The keys of the pages written last are kept
inside the site folder, in site.json, with the size of each page, the as-of date and the
templates' stamp: a page whose key and size are unchanged is left as it is; a page that is no
longer part of the site (a deleted commitment) is removed. Only paths of the site's own form
are ever removed or written, all inside reports_dir/site/; a page is never written through a
link (the link is replaced).

On a new as-of date or new templates every page's key changes (each page shows the date), so
the site is built anew in a folder of its own and put in place whole (fileio.FreshFolder):
creating 10,000 files in an empty folder costs a fifth of replacing them one by one. What
else the old folder holds (a file or a folder someone put there) is carried into the new one.
site.json travels with the pages it describes, so a run killed between the site and the
reports never leaves keys that describe other pages. Otherwise (the same date, or a site
folder that is a link or a mount point) the changed pages are staged one by one with the
reports (fileio.StagedFiles).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sco_tracker import __version__
from sco_tracker.fileio import StagedFiles
from sco_tracker.folders import FreshFolder, restore_set_aside
from sco_tracker.paths import Outside, confine, read_regular
from sco_tracker.report.site import SHARED_TEMPLATES, SITE_DIR, TEMPLATES, Page

SITE_KEYS = "site.json"
KEYS_VERSION = 3
KEYS_MAX_BYTES = 64 * 1024 * 1024
#: The only paths the site writes or removes (ids are slugs: spec/fields.SLUG).
PAGE_PATH = re.compile(
    r"(?:index|site)\.(?:html|css)|(?:c|party|source|theme)/[a-z0-9][a-z0-9_.-]*\.html"
)
#: Where site.json was kept before it moved into the site folder (removed when met).
LEGACY_KEYS = "site.json"
#: The modules whose code shapes a page (a change to them changes every key).
_CODE = ("site.py", "site_views.py", "site_groups.py", "site_write.py", "pieces.py", "render.py")


@dataclass
class SiteRun:
    folder: Path
    pages: int
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    keys_file: Path | None = None
    #: The site built anew, to be put in place when the reports are (None: page by page).
    fresh: FreshFolder | None = None


@dataclass
class SiteKeys:
    """What site.json remembers of the site written last."""

    as_of: str = ""
    stamp: str = ""
    pages: dict[str, tuple[str, int]] = field(default_factory=dict)


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


def load_keys(path: Path, roots: list[str]) -> SiteKeys:
    """The keys of the pages written last; none (every page is rewritten) when the file is
    missing, damaged or of another version: it is a cache."""
    try:
        data = json.loads(read_regular(path, limit=KEYS_MAX_BYTES, roots=roots))
    except (OSError, ValueError):
        return SiteKeys()
    if not isinstance(data, dict) or data.get("version") != KEYS_VERSION:
        return SiteKeys()
    pages = data.get("pages")
    if not isinstance(pages, dict):
        return SiteKeys()
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
    as_of, stamp = data.get("as_of"), data.get("stamp")
    return SiteKeys(
        as_of if isinstance(as_of, str) else "", stamp if isinstance(stamp, str) else "", out
    )


def stage_site(
    staged: StagedFiles,
    reports: Path,
    pages: Iterable[Page],
    render: Callable[[str, dict[str, Any]], Iterable[str]],
    source_of: Callable[[str], str],
    roots: list[str],
    as_of: str,
) -> SiteRun:
    """Render the pages whose key changed; say which pages to remove once the staged files are
    committed (remove_stale). render(template, data) renders a page in pieces; source_of(template)
    is the text of a template (report/render.py gives both). pages are taken one at a time and
    each is written as it is rendered, so that 100,000 pages, or a page of 30 MB, are never held
    at once.

    On a new as-of date (or new templates, or no site yet) every page's key changes, so the
    site is built anew in a folder of its own (SiteRun.fresh, put in place with the reports;
    the few unchanged pages are hard-linked from the old site); otherwise the changed pages are
    staged one by one with the reports."""
    folder = reports / SITE_DIR
    keys_file = folder / SITE_KEYS
    restore_set_aside(folder, roots)
    previous = load_keys(keys_file, roots)
    old = previous.pages
    stamp = templates_stamp(source_of)
    fresh = None
    anew = (previous.as_of, previous.stamp) != (as_of, stamp) or not os.path.lexists(folder)
    if anew and FreshFolder.usable(folder):
        fresh = FreshFolder(folder, roots)
    run = SiteRun(folder, 0, keys_file=keys_file, fresh=fresh)
    new: dict[str, list[str | int]] = {}
    try:
        for page in pages:
            run.pages += 1
            if not PAGE_PATH.fullmatch(page.path):  # our own paths only: a bug, never the data
                raise ValueError(f"not a page of the site: {page.path!r}")
            h = hashlib.sha256(stamp.encode())
            h.update(page.template.encode())
            h.update(page.material)
            for piece in page.material_texts:
                h.update(piece.encode("utf-8"))
            key = h.hexdigest()
            before = old.get(page.path)
            if before is not None and before[0] == key:
                kept = (
                    fresh.link_from_old(page.path, before[1])
                    if fresh is not None
                    else _size(folder / page.path) == before[1]
                )
                if kept:
                    new[page.path] = [key, before[1]]
                    continue
            size = [0]
            data = _encoded(render(page.template, page.data), size)
            if fresh is not None:
                fresh.write(page.path, data)
            else:
                staged.write(folder / page.path, data, durable=False, follow=False)
            new[page.path] = [key, size[0]]
            run.written.append(page.path)
        run.removed = sorted(set(old) - set(new))
        keys = {"version": KEYS_VERSION, "as_of": as_of, "stamp": stamp, "pages": new}
        text = (json.dumps(keys, separators=(",", ":")) + "\n").encode()
        if fresh is not None:
            fresh.write(SITE_KEYS, text)
        else:
            staged.write(keys_file, text, follow=False)
    except BaseException:
        if fresh is not None:
            fresh.discard()
        raise
    return run


#: How much of a page's text is encoded and written at a time (its pieces are joined up to it).
_PIECE = 1 << 16


def _encoded(pieces: Iterable[str], size: list[int]) -> Iterator[bytes]:
    """A page's pieces of text as UTF-8: the small ones joined up to about _PIECE characters,
    a large one (the index's data) cut into pieces of _PIECE, so that neither is ever held
    twice; size[0] counts the bytes."""
    held: list[str] = []
    length = 0
    for piece in pieces:
        if len(piece) >= _PIECE:
            if held:
                yield _counted("".join(held), size)
                held.clear()
                length = 0
            for at in range(0, len(piece), _PIECE):
                yield _counted(piece[at : at + _PIECE], size)
            continue
        held.append(piece)
        length += len(piece)
        if length >= _PIECE:
            yield _counted("".join(held), size)
            held.clear()
            length = 0
    yield _counted("".join(held), size)


def _counted(text: str, size: list[int]) -> bytes:
    data = text.encode("utf-8")
    size[0] += len(data)
    return data


def commit_fresh(run: SiteRun) -> None:
    """Put a site built anew in place, with what else the old folder held carried over (the
    pages this site no longer has are not)."""
    if run.fresh is not None:
        run.fresh.commit(ours=run.removed, last=SITE_KEYS)


def remove_stale(run: SiteRun, roots: list[str]) -> None:
    """Remove the pages of the previous site that this one no longer has (a deleted
    commitment's page), inside the site folder only; a page already gone is fine. The keys
    file of an earlier version, beside the site, goes too."""
    legacy = run.folder.parent / LEGACY_KEYS
    if _our_old_keys(legacy, roots):
        with suppress(OSError):
            os.unlink(legacy)
    for name in run.removed:
        path = run.folder / name
        try:
            confine(path.parent, roots)
            os.unlink(path)
        except (Outside, OSError):
            continue


def _our_old_keys(path: Path, roots: list[str]) -> bool:
    """Whether path is a keys file an earlier version wrote beside the site (a file of the same
    name that holds anything else is someone's, and stays)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        data = json.loads(read_regular(path, limit=KEYS_MAX_BYTES, roots=roots))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "pages" in data and set(data) <= _OLD_KEYS_FIELDS


#: The fields of the keys files that earlier versions wrote beside the site.
_OLD_KEYS_FIELDS = {"version", "pages", "as_of", "stamp"}


def _size(path: Path) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None
