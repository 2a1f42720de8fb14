"""HTML: the document in a saved web page (the UN's or the SCO's site), without the site.

Beautiful Soup with Python's own html.parser: pure Python, well kept, and it reads broken
markup without failing. The main content is the <main> element, else [role=main] or
<article>, else the element holding the most paragraph text; navigation, headers, footers,
scripts, styles and forms are dropped. Each block (a paragraph, a heading, a list item) ends
with a blank line, and so does a <br> (text.py joins the lines again mid-sentence). Footnote
markers in <sup> become `[^n]`; footnotes (an element whose class or id names them) are moved
to the end as `[^n]: text` lines, as text.py reads them.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from sco_tracker.problems import UserError

_DROP = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "menu",
    "dialog",
]
#: What a dropped element is, for the report (anything else of _DROP is a part of the site).
_KIND_OF = {
    **dict.fromkeys(("script", "style", "noscript", "template"), "code"),
    **dict.fromkeys(("iframe", "svg", "canvas", "object", "embed"), "code"),
    **dict.fromkeys(("form", "button", "select", "input"), "forms"),
}
_CHROME = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|breadcrumbs?|sidebar|site-header|site-footer|footer|header|"
    r"cookie|share|social|skip|search|banner|toolbar|pagination)($|[-_ ])",
    re.I,
)
_NOTES = re.compile(r"foot-?notes?|endnotes?", re.I)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "dd",
        "dt",
        "td",
        "th",
        "tr",
        "pre",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "figcaption",
        "caption",
        "address",
    ]
)


def read(data: bytes, name: str) -> tuple[str, dict[str, Any]]:
    """The text of the page's main content (blocks separated by blank lines) and metadata."""
    try:
        soup = BeautifulSoup(data, "html.parser")
    except (ValueError, TypeError, AssertionError, RecursionError) as exc:
        raise UserError(f"{name}: the web page cannot be read ({exc})") from None
    meta = _metadata(soup)
    left_out = {"site": 0, "code": 0, "forms": 0}

    def drop(tag: Tag, kind: str) -> None:
        if not tag.decomposed:  # not inside a part already dropped
            left_out[kind] += 1
            tag.decompose()

    for tag in soup.find_all(_DROP):
        drop(tag, _KIND_OF.get(tag.name, "site"))
    for role in ("navigation", "banner", "contentinfo", "search"):
        for tag in soup.find_all(True, attrs={"role": role}):
            drop(tag, "site")
    for tag in list(soup.find_all(True)):
        if not tag.decomposed and _is_chrome(tag):
            drop(tag, "site")
    said = _left_out(left_out)
    if said:
        meta["left_out"] = said
    notes = _take_notes(soup)
    main = _main(soup)
    if main is None:
        return "", meta
    for sup in main.find_all("sup"):
        if re.fullmatch(r"\s*\[?\d{1,3}\]?\s*", sup.get_text()):
            sup.replace_with(NavigableString(f"[^{sup.get_text().strip(' []')}]"))
    out: list[str] = []
    _walk(main, out)
    text = re.sub(r"\n{3,}", "\n\n", "".join(out)).strip()
    if notes:
        text += "\n\n" + "\n".join(f"[^{n}]: {t}" for n, t in notes)
    return text + "\n", meta


def _left_out(counts: dict[str, int]) -> str:
    """What was dropped from the page, in words, for the analyst to check."""
    parts = []
    if counts["site"]:
        n = counts["site"]
        parts.append(
            f"{n} part{'s' if n != 1 else ''} of the site around the document (menus, banners,"
            " sidebars, footers)"
        )
    if counts["code"]:
        n = counts["code"]
        what = (
            "scripts, styles or embedded objects" if n != 1 else "script, style or embedded object"
        )
        parts.append(f"{n} {what}")
    if counts["forms"]:
        n = counts["forms"]
        parts.append(f"{n} form{'s' if n != 1 else ''} or button{'s' if n != 1 else ''}")
    return "; ".join(parts)


def _metadata(soup: BeautifulSoup) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    h1 = soup.find("h1")
    title = h1.get_text(" ", strip=True) if isinstance(h1, Tag) else ""
    if not title and soup.title is not None:
        title = soup.title.get_text(" ", strip=True)
    if title:
        meta["title"] = title
    for key in ("dc.date", "date", "article:published_time", "citation_date"):
        tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
        if isinstance(tag, Tag) and tag.get("content"):
            meta["date"] = str(tag.get("content"))
            break
    else:
        time = soup.find("time")
        if isinstance(time, Tag) and time.get("datetime"):
            meta["date"] = str(time.get("datetime"))
    return meta


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("main", "article", "body", "html"):
        return False
    names = " ".join([tag.get("id") or "", *(tag.get("class") or [])])  # type: ignore[list-item]
    return bool(names.strip()) and bool(_CHROME.search(str(names)))


def _take_notes(soup: BeautifulSoup) -> list[tuple[int, str]]:
    notes: list[tuple[int, str]] = []
    for tag in list(soup.find_all(True)):
        if tag.decomposed:
            continue
        names = " ".join([str(tag.get("id") or ""), *map(str, tag.get("class") or [])])
        if not _NOTES.search(names):
            continue
        items = tag.find_all("li") or tag.find_all("p")
        for n, item in enumerate(items, start=len(notes) + 1):
            text = item.get_text(" ", strip=True)
            text = re.sub(r"^\[?\d{1,3}\]?[.)]?\s+", "", text)
            notes.append((n, text))
        tag.decompose()
    return notes


def _main(soup: BeautifulSoup) -> Tag | None:
    for found in (soup.find("main"), soup.find(True, attrs={"role": "main"}), soup.find("article")):
        if isinstance(found, Tag) and found.get_text(strip=True):
            return found
    best: Tag | None = None
    best_len = 0
    for tag in soup.find_all(["div", "section", "td"]):
        size = sum(len(p.get_text(strip=True)) for p in tag.find_all("p", recursive=False))
        if size > best_len:
            best, best_len = tag, size
    if best is not None:
        return best
    return soup.body if isinstance(soup.body, Tag) else None


def _list_number(item: Tag) -> str:
    """The number a browser shows before an item of a numbered list ("5. ", "(b) "), unless
    the item's text already starts with it."""
    parent = item.parent
    if not isinstance(parent, Tag) or parent.name != "ol":
        return ""
    if re.match(r"\s*(?:\d{1,3}\.|\([a-z]{1,4}\))\s", item.get_text()):
        return ""
    try:
        start = int(str(parent.get("start") or 1))
    except ValueError:
        start = 1
    siblings = parent.find_all("li", recursive=False)
    n = start + next((i for i, li in enumerate(siblings) if li is item), 0)
    kind = str(parent.get("type") or "1")
    if kind == "a" and 1 <= n <= 26:
        return f"({chr(ord('a') + n - 1)}) "
    if kind == "i" and 1 <= n <= 39:
        return f"({_roman(n)}) "
    return f"{n}. "


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _walk(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Tag):
            if child.name == "br":
                out.append("\n\n")  # a new paragraph after a sentence end, else joined
            elif child.name in _BLOCKS:
                out.append("\n\n")
                if child.name == "li":
                    out.append(_list_number(child))
                _walk(child, out)
                out.append("\n\n")
            else:
                _walk(child, out)
        elif isinstance(child, NavigableString) and type(child) is NavigableString:
            out.append(re.sub(r"[ \t\r\n]+", " ", str(child)))
