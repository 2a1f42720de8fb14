"""The small pieces the reports repeat for every commitment, and the Markdown escaping.

They are Python functions, available to every template (built-in or a user's own) by these names,
because a report of 10,000 commitments uses each tens of thousands of times and a Jinja macro call
costs many times a function call. The HTML pieces escape every value with markupsafe.escape, exactly
as an autoescaped template would, and return Markup; the Markdown pieces escape with md_escape.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from sco_tracker.report.model import safe_url

if TYPE_CHECKING:
    from sco_tracker.report.model import CommitmentView, UpdateView

#: Markdown escaping as one table, so a long report needs one pass per text: HTML markup shown
#: as text, punctuation that would change formatting backslash-escaped, line breaks as <br> so a
#: table row stays on one line.
_MD_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\n": "<br>",
        **{ch: "\\" + ch for ch in "\\`*_[]|#"},
        # Control characters (not tab and line feed) would reach the reader's viewer raw.
        **{chr(c): "\ufffd" for c in (*range(9), *range(11, 32), *range(127, 160)) if c != 13},
    }
)


def md_escape(value: Any) -> str:
    """Text safe inside Markdown, including inside a table cell (<script> becomes
    &lt;script&gt;)."""
    text = "" if value is None else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_MD_ESCAPES)


def md_url(value: str | None) -> str:
    """A link target for Markdown: only web and mail links, percent-encoded by safe_url (no
    space, line break or bracket is left to end the link), and parentheses encoded too."""
    url = safe_url(value)
    if url is None:
        return ""
    return url.replace("(", "%28").replace(")", "%29")


# -- HTML --------------------------------------------------------------------------------------


def html_badge(status: str, label: str) -> Markup:
    """The coloured status label."""
    return Markup(f'<span class="badge s-{escape(status)}">{escape(label)}</span>')


def html_flags(c: CommitmentView) -> Markup:
    """One flag per finding, its message as the tooltip."""
    return Markup(
        "".join(
            (
                f'<span class="flag f-{escape(f.kind)}" '
                f'title="{escape(f.message)}">{escape(f.label)}</span> '
            )
            for f in c.findings
        )
    )


def html_update(u: UpdateView) -> Markup:
    """A dated update: date, new status, note and a link to its source."""
    out = f'<time datetime="{u.date.isoformat()}">{escape(u.date_label)}</time>'
    if u.status_label:
        out += f" · {escape(u.status_label)}"
    out += f": {escape(u.note)}"
    if u.url:
        out += f' <a href="{escape(u.url)}" rel="noopener noreferrer">source</a>'
    elif u.source_text:
        out += f" (source: {escape(u.source_text)})"
    return Markup(out)


#: HTML escaping as one table (what markupsafe.escape does), for the site's many rows.
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


#: Where site_row keeps the row it made, in the row's record: a row listed on eight party
#: pages, its source's and its theme's is made once per run.
_ROW_HTML = "\0html"


def site_rows(rows: list[Any]) -> Markup:
    """The rows of a list of the site, one site_row each (site_row escapes every value)."""
    return Markup("\n".join(site_row(c) for c in rows))


#: How many rows site_row_pieces joins into one piece.
_ROWS_PER_PIECE = 32


def site_row_pieces(rows: list[Any]) -> Iterator[Markup]:
    """site_rows(rows) in pieces of _ROWS_PER_PIECE rows, for a template to write one after
    the other (the same text): a party's page lists every commitment it made, 30 MB at 100,000
    of them, and the page is written as it is rendered."""
    for at in range(0, len(rows), _ROWS_PER_PIECE):
        text = "\n".join(site_row(c) for c in rows[at : at + _ROWS_PER_PIECE])
        yield Markup("\n" + text if at else text)


def site_row(c: Any) -> Markup:
    """One commitment as a row of the site's lists (site_views.row_record): its page, theme,
    due date, status and findings. Every value is escaped as autoescaping would; the hrefs
    are the site's own paths, built from ids (slugs)."""
    made = c.get(_ROW_HTML)
    if made is not None:
        return made
    t = _HTML_ESCAPES
    flags = "".join(
        f'<span class="flag f-{f["kind"].translate(t)}" title="{f["message"].translate(t)}">'
        f"{f['label'].translate(t)}</span>"
        for f in c["findings"]
    )
    para = f" · {c['paragraph_label'].translate(t)}" if c["paragraph_label"] else ""
    cid = c["id"].translate(t)
    made = c[_ROW_HTML] = Markup(
        f'<tr id="{cid}"><td><a href="../{c["href"].translate(t)}">{c["title"].translate(t)}</a>'
        f'<div class="meta"><code>{cid}</code>{para}</div></td>'
        f'<td><a href="../{c["theme_href"].translate(t)}">{c["theme"].translate(t)}</a></td>'
        f"<td>{c['due_label'].translate(t)}</td>"
        f'<td><span class="badge s-{c["status"].translate(t)}">{c["status_label"].translate(t)}'
        f"</span> {flags}</td></tr>"
    )
    return made


# -- Markdown ----------------------------------------------------------------------------------


def md_link(c: CommitmentView, site: str | None = None) -> str:
    """The commitment's title, linked to its entry in the report (or, with site, to its page
    in the site: a report at scale lists only what needs attention). Ids are slugs, and site
    is the report's own relative path to the site ("site/"), never text from the file."""
    if site is not None:
        return f"[{md_escape(c.title)}]({site}c/{c.id}.html)"
    return f"[{md_escape(c.title)}](#{c.id})"


def md_update(u: UpdateView) -> str:
    """A dated update: date, new status, note and a link to its source."""
    out = u.date_label
    if u.status_label:
        out += f" ({md_escape(u.status_label)})"
    out += f": {md_escape(u.note)}"
    if u.url:
        out += f" ([source]({md_url(u.url)}))"
    elif u.source_text:
        out += f" (source: {md_escape(u.source_text)})"
    return out


def md_findings(c: CommitmentView) -> str:
    """The findings, one per line within a list item or table cell; 'none' without any."""
    return "<br>".join(f"{f.label}: {md_escape(f.message)}" for f in c.findings) or "none"


#: The names the templates call them by.
PIECES = {
    "badge": html_badge,
    "flags": html_flags,
    "html_update": html_update,
    "md_link": md_link,
    "md_update": md_update,
    "md_findings": md_findings,
    "site_row": site_row,
    "site_rows": site_rows,
    "site_row_pieces": site_row_pieces,
}
