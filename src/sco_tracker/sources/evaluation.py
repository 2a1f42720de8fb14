"""Measuring a drafting against hand-made labels (tests/data/labels/<DOC>.yaml).

A label is one undertaking of a document as an analyst marks it: the document's own paragraph
number, the clause verbatim, who acts, deliverable or continuous. A proposal is what the
drafting (sco_tracker.sources.drafting) offers as a commitment: a quote and a paragraph.

Matching rule, by text only (never by line or paragraph number, so that a change in intake,
which may number or split paragraphs differently, does not change the score):

1. Both texts are normalised: footnote markers dropped (``[^6]`` and digits glued to a word or to
   its punctuation, as in ``Agreement,7`` or ``Assembly12``), casefolded, reduced to tokens of
   letters and digits (everything else, whitespace included, separates tokens).
2. The overlap of a proposal and a label is the number of tokens of the shorter of the two
   that lie in a run of at least RUN (3) consecutive tokens also found, in the same order, in
   the longer one (a text shorter than RUN must be found whole). They match when the overlap
   is at least half the token count of the shorter. Counting shared words one by one instead
   (a bag of words) lets any long sentence match a short clause through "to", "the", "of",
   "United Nations": on the development set it paired preambles ("Recalling also its
   resolution 35/142 B ...") with operative clauses; shared runs keep the rule to quotations.
3. Each proposal matches at most one label and each label at most one proposal. Among all the
   pairs that match, the assignment with the most pairs is taken (a maximum bipartite matching;
   the better-overlapping pairs are tried first), so two proposals for one label count once:
   one is a match, the other a false proposal.

recall = matched labels / labels; precision = matched proposals / proposals (1.0 when there is
nothing to count).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

_FOOTNOTE_REF = re.compile(r"\[\^\d+\]")
# Digits glued to the end of a word or to the punctuation after it: "Agreement,7", "Goals12".
# Not after "/" or "-" (document symbols "A/80/257", "COVID-19") and not inside a number.
_GLUED_DIGITS = re.compile(r"(?<=[^\W\d_]|[.,;:)\]”’\"'])\d{1,3}\b")
_TOKEN = re.compile(r"[^\W_]+")

KINDS = ("deliverable", "continuous")


def tokens(text: str) -> list[str]:
    """The normalised tokens of a text (rule 1 of the module docstring)."""
    text = _FOOTNOTE_REF.sub(" ", text)
    text = _GLUED_DIGITS.sub(" ", text)
    return _TOKEN.findall(text.casefold())


def normalise(text: str) -> str:
    """The normalised text: its tokens joined by single spaces."""
    return " ".join(tokens(text))


#: The shortest run of consecutive tokens that counts towards the overlap (rule 2).
RUN = 3


def overlap(a: Sequence[str], b: Sequence[str]) -> int:
    """Tokens of the shorter list that lie in a run of RUN consecutive tokens (or the whole
    shorter list, when it is shorter than RUN) also found in the longer one."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = min(RUN, len(short))
    if n == 0:
        return 0
    grams = {tuple(long_[i : i + n]) for i in range(len(long_) - n + 1)}
    covered = [False] * len(short)
    for i in range(len(short) - n + 1):
        if tuple(short[i : i + n]) in grams:
            covered[i : i + n] = [True] * n
    return sum(covered)


def matches(a: Sequence[str], b: Sequence[str]) -> bool:
    """True when the overlap is at least half the length of the shorter list (rule 2)."""
    shorter = min(len(a), len(b))
    return shorter > 0 and 2 * overlap(a, b) >= shorter


class HasQuote(Protocol):
    """What the harness needs of a proposal: its quote (its paragraph is only reported)."""

    @property
    def quote(self) -> str: ...


@dataclass(frozen=True)
class Label:
    paragraph: str
    text: str
    actor: str
    kind: str
    due_text: str | None = None


@dataclass(frozen=True)
class NotUndertaking:
    paragraph: str
    text: str
    reason: str


@dataclass(frozen=True)
class LabelSet:
    document: str
    source: str
    undertakings: tuple[Label, ...]
    not_undertakings: tuple[NotUndertaking, ...] = ()


@dataclass(frozen=True)
class Match:
    label: Label
    proposal: Any
    overlap: int


@dataclass(frozen=True)
class Score:
    labels: int
    proposals: int
    matched: tuple[Match, ...] = field(default_factory=tuple)
    missed: tuple[Label, ...] = field(default_factory=tuple)
    false_proposals: tuple[Any, ...] = field(default_factory=tuple)

    @property
    def recall(self) -> float:
        return len(self.matched) / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return len(self.matched) / self.proposals if self.proposals else 1.0


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: expected a non-empty text, got {value!r}")
    return " ".join(value.split())


def label_set(data: Mapping[str, Any]) -> LabelSet:
    """A LabelSet from the parsed YAML of a labels file; ValueError names what is wrong."""
    doc = _text(data.get("document"), "document")
    labels: list[Label] = []
    for i, item in enumerate(data.get("undertakings") or [], start=1):
        where = f"{doc}: undertaking {i}"
        kind = _text(item.get("kind"), f"{where}: kind")
        if kind not in KINDS:
            raise ValueError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        due = item.get("due_text")
        labels.append(
            Label(
                paragraph=_text(str(item.get("paragraph", "")), f"{where}: paragraph"),
                text=_text(item.get("text"), f"{where}: text"),
                actor=_text(item.get("actor"), f"{where}: actor"),
                kind=kind,
                due_text=None if due is None else _text(due, f"{where}: due_text"),
            )
        )
    negatives = [
        NotUndertaking(
            paragraph=_text(str(item.get("paragraph", "")), f"{doc}: not_undertaking {i}"),
            text=_text(item.get("text"), f"{doc}: not_undertaking {i}: text"),
            reason=_text(item.get("reason"), f"{doc}: not_undertaking {i}: reason"),
        )
        for i, item in enumerate(data.get("not_undertakings") or [], start=1)
    ]
    return LabelSet(doc, str(data.get("source", "")), tuple(labels), tuple(negatives))


def read_labels(path: Path) -> LabelSet:
    """Read one labels file (YAML)."""
    with path.open(encoding="utf-8") as f:
        return label_set(yaml.safe_load(f))


def evaluate(labels: Sequence[Label], proposals: Sequence[HasQuote]) -> Score:
    """Match proposals to labels by text (module docstring) and score them."""
    label_tokens = [tokens(lab.text) for lab in labels]
    prop_tokens = [tokens(p.quote) for p in proposals]
    # candidates[j]: the labels proposal j matches, best overlap ratio first.
    candidates: list[list[tuple[int, float]]] = []
    for pt in prop_tokens:
        found = []
        for i, lt in enumerate(label_tokens):
            shared = overlap(pt, lt)
            shorter = min(len(pt), len(lt))
            if shorter and 2 * shared >= shorter:
                found.append((i, shared / shorter))
        found.sort(key=lambda c: (-c[1], c[0]))
        candidates.append(found)
    owner: dict[int, int] = {}  # label index -> proposal index

    def augment(j: int, seen: set[int]) -> bool:
        for i, _ in candidates[j]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = j
                return True
        return False

    for j in range(len(proposals)):
        augment(j, set())
    by_proposal = {j: i for i, j in owner.items()}
    matched = tuple(
        Match(labels[i], proposals[j], overlap(prop_tokens[j], label_tokens[i]))
        for i, j in sorted(owner.items())
    )
    missed = tuple(lab for i, lab in enumerate(labels) if i not in owner)
    false = tuple(p for j, p in enumerate(proposals) if j not in by_proposal)
    return Score(len(labels), len(proposals), matched, missed, false)


def _same_token(want: str, have: str) -> bool:
    """Equal, or have is want with a footnote number glued on ("2034" in "203412")."""
    return want == have or (
        want.isdigit() and have.startswith(want) and have[len(want) :].isdigit()
    )


def quoted_in(text: str, document: str, max_gap: int = 40) -> bool:
    """True when the tokens of text occur in order in the document, with at most max_gap
    document tokens skipped in all (page headers and footers that cut a paragraph); a number
    with a footnote number glued to it counts as the number.

    Used to check that a label quotes its document verbatim."""
    want = tokens(text)
    have = tokens(document)
    if not want:
        return False
    for start, tok in enumerate(have):
        if tok != want[0]:
            continue
        k, skipped, pos = 1, 0, start + 1
        while k < len(want) and pos < len(have) and skipped <= max_gap:
            if _same_token(want[k], have[pos]):
                k += 1
            else:
                skipped += 1
            pos += 1
        if k == len(want) and skipped <= max_gap:
            return True
    return False


def unquoted(labels: Iterable[Label], document: str) -> list[Label]:
    """The labels whose text the document does not hold (see quoted_in)."""
    return [lab for lab in labels if not quoted_in(lab.text, document)]


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_NOTES_START = re.compile(r"\n---\s*\n+\[\^\d+\]:")


def minimal_reading(raw: str) -> str:
    """A minimal reading of a text extracted from a PDF, one paragraph per line, for when the
    real intake (sco_tracker.sources.intake) is not available: the front matter and the
    footnote definitions at the end are dropped, the lines of each blank-line-separated block
    are joined, and a block that starts in lower case (a paragraph cut by a page break) is
    joined to the block before it. Page headers, footnote markers and glued paragraphs stay."""
    text = _FRONT_MATTER.sub("", raw.replace("\r\n", "\n"), count=1)
    notes = _NOTES_START.search(text)
    if notes:
        text = text[: notes.start()]
    paras: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        line = " ".join(block.split())
        if not line:
            continue
        if paras and line[0].islower():
            paras[-1] += " " + line
        else:
            paras.append(line)
    return "\n".join(paras) + "\n"
