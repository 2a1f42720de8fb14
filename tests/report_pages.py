"""Read reports back the way a reader sees them: sections, table rows and text.

HTML is parsed into a small element tree with the standard library's HTMLParser (so
escaped markup comes back as the text a reader sees); Markdown is split at its headings
and table rows at unescaped pipes.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def text(self) -> str:
        out = []
        for c in self.children:
            out.append(c if isinstance(c, str) else c.text())
        return "".join(out)

    def iter(self, tag: str | None = None):  # type: ignore[no-untyped-def]
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    yield c
                yield from c.iter(tag)

    def find_id(self, ident: str) -> Node | None:
        return next((n for n in self.iter() if n.attrs.get("id") == ident), None)

    def rows(self) -> list[list[str]]:
        """Body rows of every table under this node, as lists of cell texts (whitespace
        squeezed)."""
        result = []
        for tbody in self.iter("tbody"):
            for tr in tbody.iter("tr"):
                cells = [n for n in tr.children if isinstance(n, Node) and n.tag in ("td", "th")]
                result.append([squeeze(c.text()) for c in cells])
        return result


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, dict(attrs), parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        n: Node | None = self.current
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.current = n.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(text: str) -> Node:
    b = _Builder()
    b.feed(text)
    b.close()
    return b.root


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_section(doc: Node, ident: str) -> Node:
    node = doc.find_id(ident)
    assert node is not None, f"no element with id {ident!r} in the HTML report"
    return node


# -- Markdown ----------------------------------------------------------------------------------


def md_section(text: str, heading: str) -> str:
    """The body under a '## heading...' line, up to the next '## ' heading."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("## " + heading)), None)
    assert start is not None, f"no '## {heading}' section in the Markdown report"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start + 1 : end])


def md_rows(section: str) -> list[list[str]]:
    """Table body rows of a Markdown section, cells unescaped to the text a reader sees."""
    # drop header rows (each table's first row is followed by a separator line)
    body, lines = [], [ln for ln in section.splitlines() if ln.startswith("|")]
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if re.match(r"^\|[-:| ]+\|$", line) or re.match(r"^\|[-:| ]+\|$", nxt):
            continue
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        body.append([md_text(c) for c in cells])
    return body


def md_text(s: str) -> str:
    """What a Markdown viewer shows: links reduced to their text, escapes removed, entities
    decoded."""
    s = re.sub(r"(?<!\\)\[((?:[^\]\\]|\\.)*)\]\([^)]*\)", r"\1", s)
    s = s.replace("<br>", " ")
    s = re.sub(r"\\(.)", r"\1", s)
    return squeeze(htmllib.unescape(s))
