"""Sentence coverage: has the analyst decided, for every sentence of a source, what it is?

A sentence is
- tracked: a commitment's quote lies (at least partly) in it and every undertaking in it
  (undertakings.clauses, computed, never stored) is quoted by a commitment or excluded;
- excluded: an exclusion names it (by a quote in it, or by its whole paragraph), with a
  reason; one still marked `draft: true` (proposed by `draft`) counts as excluded, awaiting
  review (`draft`), but not as decided until it is reviewed;
- undecided: neither, or tracked only in part. An undecided sentence with an undertaking left
  over (`left`) is likely a missed commitment. A draft commitment decides nothing: its
  sentence stays undecided, awaiting review (`drafts`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sco_tracker.problems import Problem
from sco_tracker.sources.paragraphs import line_namer
from sco_tracker.sources.sentences import Sentence, sentence_at, split
from sco_tracker.sources.text import locate
from sco_tracker.sources.undertakings import Clause, clauses
from sco_tracker.spec.codes import EXCLUSION_WITHOUT_NOTE, UNDECIDED_SENTENCE
from sco_tracker.spec.model import Commitment, Exclusion
from sco_tracker.spec.project import Project


@dataclass
class SentenceCoverage:
    paragraph: int
    sentence: Sentence
    state: str  # tracked, excluded, undecided
    #: Excluded only by an exclusion still marked `draft: true`: awaiting review, not decided.
    draft: bool = False
    commitments: list[str] = field(default_factory=list)
    reason: str | None = None
    cue: str | None = None  # undertaking wording found in the sentence, if any
    left: list[Clause] = field(default_factory=list)  # undertakings no commitment quotes
    drafts: list[str] = field(default_factory=list)  # draft commitments awaiting review here

    @property
    def likely_missed(self) -> bool:
        """Undertaking language that nothing covers (a draft awaiting review is not missed)."""
        return self.state == "undecided" and not self.drafts and bool(self.left or self.cue)

    def as_dict(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "sentence": self.sentence.index,
            "text": self.sentence.text,
            "state": self.state,
            "commitments": self.commitments,
            "reason": self.reason,
            "undertaking_language": self.cue,
            "likely_missed": self.likely_missed,
            "undertakings_left": [c.text for c in self.left],
            "drafts": self.drafts,
            "awaiting_review": self.draft or bool(self.drafts),
        }


@dataclass
class SourceCoverage:
    source_id: str
    title: str
    text_file: str | None
    sentences: list[SentenceCoverage]
    #: How messages name a line of the text ("paragraph 1", "line 11"): see line_namer.
    name: Callable[[int], str] = field(default=lambda n: f"paragraph {n}", repr=False)

    def count(self, state: str) -> int:
        return sum(1 for s in self.sentences if s.state == state)

    @property
    def total(self) -> int:
        return len(self.sentences)

    @property
    def draft_excluded(self) -> list[SentenceCoverage]:
        """The sentences excluded only by a draft exclusion: awaiting review."""
        return [s for s in self.sentences if s.draft]

    @property
    def decided(self) -> int:
        """The sentences tracked or excluded by a reviewed decision."""
        return self.total - self.count("undecided") - len(self.draft_excluded)

    @property
    def likely_missed(self) -> list[SentenceCoverage]:
        return [s for s in self.sentences if s.likely_missed]

    @property
    def undecided(self) -> list[SentenceCoverage]:
        return [s for s in self.sentences if s.state == "undecided"]

    @property
    def to_review(self) -> list[SentenceCoverage]:
        """What is left to decide, in the order of the text: the undecided sentences and those
        a draft exclusion names."""
        return [s for s in self.sentences if s.state == "undecided" or s.draft]

    def percent(self, n: int) -> float:
        return round(100.0 * n / self.total, 1) if self.total else 100.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source_id,
            "title": self.title,
            "text": self.text_file,
            "sentences": self.total,
            "tracked": self.count("tracked"),
            "excluded": self.count("excluded"),
            "undecided": self.count("undecided"),
            "excluded_by_drafts": len(self.draft_excluded),
            "likely_missed": len(self.likely_missed),
            "decided_percent": self.percent(self.decided),
            "left": [s.as_dict() for s in self.undecided],
            "excluded_by_drafts_awaiting_review": [s.as_dict() for s in self.draft_excluded],
        }


def _holds(a: int, b: int, start: int, end: int) -> bool:
    """A quoted span [a, b) decides a clause [start, end) when it covers most of the clause or
    the clause holds the whole quote (a quote may stop short of the clause's last words)."""
    inter = min(b, end) - max(a, start)
    return inter > 0 and (2 * inter >= end - start or inter >= b - a)


#: The commitments and the exclusions of each (source, paragraph line).
AtLines = tuple[dict[tuple[str, int], list[Commitment]], dict[tuple[str, int], list[Exclusion]]]


def _at_lines(project: Project) -> AtLines:
    """The commitments and the exclusions by (source, paragraph line), in file order: looked
    up per paragraph, not scanned in full for each (which is quadratic)."""
    commitments: dict[tuple[str, int], list[Commitment]] = {}
    for c in project.commitments:
        if c.line is not None:
            commitments.setdefault((c.source, c.line), []).append(c)
    exclusions: dict[tuple[str, int], list[Exclusion]] = {}
    for x in project.exclusions:
        if x.line is not None:
            exclusions.setdefault((x.source, x.line), []).append(x)
    return commitments, exclusions


def _left(found: list[Clause], s: Sentence, covered: list[tuple[int, int]]) -> list[Clause]:
    """The clauses of sentence s that no covered span decides."""
    return [
        c
        for c in found
        if not any(_holds(a, b, s.start + c.start, s.start + c.end) for a, b in covered)
    ]


def source_coverage(
    project: Project,
    source_id: str,
    at_lines: AtLines | None = None,
) -> SourceCoverage | None:
    """The coverage of one source, or None when it has no local text. at_lines: _at_lines of
    the project, when the caller covers many sources."""
    source = project.sources[source_id]
    paras = project.paragraphs.get(source_id)
    if paras is None:
        return None
    commitments_at, exclusions_at = at_lines or _at_lines(project)
    result: list[SentenceCoverage] = []
    for n, para in enumerate(paras, start=1):
        sentences = split(para)
        tracked: dict[int, list[str]] = {}
        spans: dict[int, list[tuple[int, int]]] = {}  # quoted or excluded spans, per sentence
        drafted: dict[int, list[str]] = {}  # a draft decides nothing until it is reviewed
        for c in commitments_at.get((source_id, n), []):
            span = locate(c.quote, para)
            if span is not None:
                for s in sentence_at(sentences, *span):
                    if c.draft:
                        drafted.setdefault(s.index, []).append(c.id)
                        continue
                    tracked.setdefault(s.index, []).append(c.id)
                    spans.setdefault(s.index, []).append(span)
        excluded: dict[int, str] = {}
        proposed: dict[int, str] = {}  # excluded by a draft: awaiting review
        drafted_spans: dict[int, list[tuple[int, int]]] = {}
        for x in exclusions_at.get((source_id, n), []):
            if x.quote is None:
                hit = sentences
                span = (0, len(para))
            else:
                found = locate(x.quote, para)
                hit = sentence_at(sentences, *found) if found else []
                span = found or (0, 0)
            for s in hit:
                if x.draft:
                    proposed.setdefault(s.index, x.reason.value)
                    drafted_spans.setdefault(s.index, []).append(span)
                    continue
                excluded.setdefault(s.index, x.reason.value)
                spans.setdefault(s.index, []).append(span)
        for s in sentences:
            found_clauses = clauses(s.text)
            words = found_clauses[0].verb if found_clauses else None
            covered = spans.get(s.index, [])
            left = _left(found_clauses, s, covered)
            if s.index in tracked and not left:
                result.append(
                    SentenceCoverage(n, s, "tracked", commitments=tracked[s.index], cue=words)
                )
            elif s.index in excluded and not left:
                result.append(
                    SentenceCoverage(n, s, "excluded", reason=excluded[s.index], cue=words)
                )
            elif s.index in proposed and not _left(
                found_clauses, s, covered + drafted_spans[s.index]
            ):
                result.append(
                    SentenceCoverage(
                        n, s, "excluded", draft=True, reason=proposed[s.index], cue=words
                    )
                )
            else:
                result.append(
                    SentenceCoverage(
                        n,
                        s,
                        "undecided",
                        commitments=tracked.get(s.index, []),
                        cue=words,
                        left=left,
                        drafts=drafted.get(s.index, []),
                    )
                )
    return SourceCoverage(source_id, source.title, source.text, result, line_namer(paras))


def project_coverage(project: Project, source_id: str | None = None) -> list[SourceCoverage]:
    """Coverage of every source that has a local text (or only of source_id)."""
    ids = [source_id] if source_id else list(project.sources)
    out: list[SourceCoverage] = []
    at_lines = _at_lines(project)
    for sid in ids:
        cov = source_coverage(project, sid, at_lines)
        if cov is not None:
            out.append(cov)
    return out


def strict_problems(project: Project, file_label: str) -> list[Problem]:
    """For validate --strict: each undecided sentence with undertaking language, pointing at
    its paragraph in the source text (the paragraph is the line of the text file)."""
    problems: list[Problem] = []
    base = os.path.dirname(file_label)
    for cov in project_coverage(project):
        text_label = os.path.join(base, "sources", cov.text_file or "")
        for s in cov.likely_missed:
            left = s.left or clauses(s.sentence.text)
            for c in left:
                problems.append(
                    Problem(
                        text_label,
                        s.paragraph,
                        s.sentence.start + c.start + 1,
                        f"{cov.name(s.paragraph)}, sentence {s.sentence.index} of source "
                        f"'{cov.source_id}' has undertaking language ('{c.verb}') that no "
                        "commitment quotes and no reviewed exclusion covers: add a commitment "
                        f'quoting it, or an exclusion with a reason: "{_short(c.text)}"',
                        code=UNDECIDED_SENTENCE.code,
                    )
                )
    problems.extend(_unexplained_exclusions(project, file_label))
    return problems


def _unexplained_exclusions(project: Project, file_label: str) -> list[Problem]:
    """Each reviewed exclusion of a sentence that holds an undertaking, without a note."""
    out: list[Problem] = []
    namers: dict[str, Callable[[int], str]] = {}
    for i, x in enumerate(project.exclusions):
        if x.note or getattr(x, "draft", False):
            continue
        paras = project.paragraphs.get(x.source)
        n = x.line
        if paras is None or n is None or not 1 <= n <= len(paras):
            continue
        para = paras[n - 1]
        sentences = split(para)
        if x.quote is None:
            hit = sentences
        else:
            span = locate(x.quote, para)
            hit = sentence_at(sentences, *span) if span else []
        for s in hit:
            found = clauses(s.text)
            if found:
                if x.source not in namers:
                    namers[x.source] = line_namer(paras)
                where, line, col = project.positions.locate(("exclusions", i))
                out.append(
                    Problem(
                        file_label if where == project.positions.file else where,
                        line,
                        col,
                        f"the exclusion of {namers[x.source](n)} of source '{x.source}' covers "
                        f"an undertaking ('{found[0].verb}': \"{_short(found[0].text)}\"): say in "
                        "a note why it is not tracked",
                        code=EXCLUSION_WITHOUT_NOTE.code,
                    )
                )
                break
    return out


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
