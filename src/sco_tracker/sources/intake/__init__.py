"""Intake: any document as it comes (a PDF, a saved web page, text extracted from a PDF) made
into a source text of the tool, one paragraph per line.

    result = take("A_RES_80_11-EN.pdf")
    result.text        # what to save as sources/<id>.txt
    result.report      # what was removed or could not be resolved, for the analyst to check
    result.date, result.title, result.symbol, result.place

A press release's headline is its title, and its dateline ("BEIJING, 22 May 2018 —") gives the
place and the date (dateline.py); its letterhead and its label ("PRESS RELEASE") are not the
title.

The kind of file is told by its content (%PDF-, an HTML tag), not only by its name. Files are
untrusted: at most MAX_BYTES are read, a damaged file is a UserError with one line, never a
traceback.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sco_tracker.problems import UserError
from sco_tracker.sources.intake import dateline, dates
from sco_tracker.sources.intake.report import Report
from sco_tracker.sources.intake.text import Cleaned, clean, is_one_paragraph_per_line

#: The largest file intake reads.
MAX_BYTES = 20 * 1024 * 1024

Kind = Literal["pdf", "html", "text"]
_SYMBOL = re.compile(r"^[A-Z]{1,10}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,6}$")
_TITLE_LINE = re.compile(r"^\d{1,3}/\d{1,4}\.\s+(.+)$")

__all__ = [
    "MAX_BYTES",
    "Intake",
    "Report",
    "is_one_paragraph_per_line",
    "take",
    "take_bytes",
    "text_title",
]


@dataclass
class Intake:
    """A document taken in: its paragraphs, its metadata and what intake did."""

    kind: Kind
    paragraphs: list[str]
    text: str
    report: Report
    title: str | None = None
    symbol: str | None = None
    date: date | None = None
    #: Where the date was found ("the metadata", "'adopted ... on ...'"), or "".
    date_from: str = ""
    #: Where it was issued, from a dateline ("BEIJING, 22 May 2018 —" gives "Beijing").
    place: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "symbol": self.symbol,
            "date": self.date.isoformat() if self.date else None,
            "date_from": self.date_from or None,
            "place": self.place,
            "paragraphs": len(self.paragraphs),
            "report": self.report.as_dict(),
        }


def read_limited(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, at most limit; UserError when it cannot be read or is larger."""
    name = os.fspath(path)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise UserError(f"{name}: this is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise UserError(f"{name}: not a regular file (a pipe or a device?); save it first")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise UserError(f"{name}: no such file") from None
    except OSError as exc:
        raise UserError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise UserError(
            f"{name}: the file is larger than {limit // (1024 * 1024)} MB; intake refuses it"
        )
    return data


def kind_of(data: bytes) -> Kind:
    """'pdf', 'html' or 'text', from the content."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or re.search(
        rb"<(html|body|head|main|article|p|div)[\s>]", low
    ):
        return "html"
    return "text"


def take(path: str | os.PathLike[str]) -> Intake:
    """Take the document at path (a PDF, an HTML page or text); UserError on a bad file."""
    return take_bytes(read_limited(path), os.fspath(path))


def take_bytes(data: bytes, name: str) -> Intake:
    """Take a document given as bytes; name is used in messages."""
    kind = kind_of(data)
    doc_meta: dict[str, Any] = {}
    if kind == "pdf":
        from sco_tracker.sources.intake import pdf  # noqa: PLC0415 - pypdf only for PDFs

        raw, doc_meta = pdf.read(data, name)
    elif kind == "html":
        from sco_tracker.sources.intake import html  # noqa: PLC0415 - the parser only for pages

        raw, doc_meta = html.read(data, name)
    else:
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if _binary(data) or _named_pdf(name):
                raise not_readable(name, pdf=_named_pdf(name)) from None
            line = data[: exc.start].count(b"\n") + 1  # text: the line of the first bad byte
            raise UserError(
                f"{name}:{line}: the text is not UTF-8 (byte 0x{data[exc.start]:02X} cannot be"
                " read): save it again as UTF-8 text (in most editors: Save As, then UTF-8)"
            ) from None
        if "\x00" in raw:
            raise not_readable(name, pdf=_named_pdf(name))
    if not raw.strip():
        raise UserError(f"{name}: no text found in the document (a scanned image?)")
    left_out = doc_meta.pop("left_out", None)
    cleaned = clean(raw, title=doc_meta.get("title"))
    if kind == "html":  # a web page has no pages, so no running headers and footers
        cleaned.report.paged = False
        if left_out:
            cleaned.report.notes.insert(0, f"Left out of the web page: {left_out}.")
    return _result(kind, cleaned, doc_meta)


def not_readable(name: str, *, pdf: bool) -> UserError:
    """What to say of a file that intake cannot read: a PDF that cannot be read (damaged, or
    cut short by a download), or a file that is neither a PDF, nor a web page, nor text. There
    is no line to point at: the whole file is the problem."""
    what = (
        "is not a PDF that can be read"
        if pdf
        else "is neither a PDF, nor a web page, nor text that can be read"
    )
    return UserError(
        f"{name} {what}: it may be damaged or only partly downloaded; download it again, or "
        "save the web page instead"
    )


def _named_pdf(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _binary(data: bytes) -> bool:
    """Whether data is binary rather than text in another encoding: a NUL, or more than one
    byte in 20 of its start a control character that no text holds."""
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\x0c")
    return controls * 20 > len(head)


def _result(kind: Kind, cleaned: Cleaned, doc_meta: dict[str, Any]) -> Intake:
    meta = {**doc_meta, **cleaned.metadata}
    paras = cleaned.paragraphs
    head = dateline.front(paras)
    # the file's own title (front matter, a page's heading) first; a PDF's is often the name
    # of the file it was made from, so a press release's headline goes before it
    own = _text(cleaned.metadata.get("title")) or (
        _text(doc_meta.get("title")) if kind == "html" else None
    )
    title = own or (head and head.title) or _text(meta.get("title")) or text_title(paras, head)
    symbol = _text(meta.get("symbol")) or _symbol(cleaned.report)
    day, where = dates.document_date(meta.get("date"), paras, head)
    place = head.place if head else None
    return Intake(kind, paras, cleaned.text, cleaned.report, title, symbol, day, where, place, meta)


def _text(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def text_title(paras: list[str], head: dateline.Front | None = None) -> str | None:
    """The title a document's text gives itself: a press release's headline, a resolution's
    numbered title line ("80/36. Assistance to States ..."), else a title line above the text.
    `draft` of a text written by `import` finds the same title (the metadata aside)."""
    return (head and head.title) or _title_line(paras) or dateline.heading_title(paras)


def _title_line(paras: list[str]) -> str | None:
    for para in paras[:15]:
        m = _TITLE_LINE.match(para)
        if m:
            return m.group(1)
    return None


def _symbol(report: Report) -> str | None:
    for line, _n in report.furniture.most_common():
        for token in line.split():
            if _SYMBOL.match(token):
                return token
    return None
