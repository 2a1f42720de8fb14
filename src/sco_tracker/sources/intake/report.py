"""What intake removed or could not resolve, for the analyst to check."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sco_tracker.spec.vocabulary import plural


@dataclass
class Report:
    """Everything intake changed that is not a plain re-flow of lines."""

    #: Page headers and footers removed: the line as printed -> how many times.
    furniture: Counter[str] = field(default_factory=Counter)
    #: Footnotes removed from the end (or the foot of the pages): number -> text.
    footnotes: dict[int, str] = field(default_factory=dict)
    #: Footnote markers taken out of the text: how many.
    markers_removed: int = 0
    #: Footnotes whose marker was not found in the text.
    markers_missing: list[int] = field(default_factory=list)
    #: Joins at a page break where a word may have been lost: (before, after) snippets.
    uncertain_joins: list[tuple[str, str]] = field(default_factory=list)
    #: Paragraphs or numbering intake could not place, in words.
    unplaced: list[str] = field(default_factory=list)
    #: Other things it did, in words (the front matter read, paragraphs split).
    notes: list[str] = field(default_factory=list)
    #: True when the text was already one paragraph per line and passed unchanged.
    unchanged: bool = False
    #: False for a document without pages (a web page): no headers and footers to report.
    paged: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "unchanged": self.unchanged,
            "headers_footers_removed": [
                {"line": line, "count": n} for line, n in sorted(self.furniture.items())
            ],
            "footnotes_removed": [
                {"number": n, "text": t} for n, t in sorted(self.footnotes.items())
            ],
            "footnote_markers_removed": self.markers_removed,
            "footnote_markers_not_found": self.markers_missing,
            "uncertain_joins": [{"before": b, "after": a} for b, a in self.uncertain_joins],
            "could_not_place": self.unplaced,
            "notes": self.notes,
        }

    def needs_checking(self) -> int:
        """How many items the analyst should look at."""
        return len(self.uncertain_joins) + len(self.unplaced) + len(self.markers_missing)

    def render(self) -> str:
        """The report as lines of text."""
        if self.unchanged:
            return "Already one paragraph per line: taken unchanged.\n"
        out: list[str] = []
        for note in self.notes:
            out.append(f"{note}\n")
        total = sum(self.furniture.values())
        if self.paged or total:
            out.append(f"Page headers and footers removed: {plural(total, 'line')}\n")
        for line, n in sorted(self.furniture.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"  {n} x  {line}\n")
        out.append(
            f"Footnotes removed: {len(self.footnotes)}; markers taken out of the text:"
            f" {self.markers_removed}\n"
        )
        for n, text in sorted(self.footnotes.items()):
            out.append(f"  [{n}] {_short(text, 90)}\n")
        if self.markers_missing:
            nums = ", ".join(str(n) for n in self.markers_missing)
            out.append(f"  marker not found in the text for footnote(s) {nums}: check them\n")
        out.append(
            f"Uncertain joins (a word may be lost at a page break): {len(self.uncertain_joins)}\n"
        )
        for before, after in self.uncertain_joins:
            out.append(f"  ...{before} | {after}...\n")
        out.append(f"Could not place: {len(self.unplaced)}\n")
        for what in self.unplaced:
            out.append(f"  {what}\n")
        return "".join(out)


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."
