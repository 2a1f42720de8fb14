"""Sentence coverage: has the analyst decided, for every sentence of a source, what it is?

A sentence is
- tracked: a commitment's quote lies (at least partly) in it;
- excluded: an exclusion names it (by a quote in it, or by its whole paragraph), with a reason;
- undecided: neither. An undecided sentence with undertaking language is likely a missed
  commitment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from sco_tracker.problems import Problem
from sco_tracker.sources.sentences import Sentence, sentence_at, split
from sco_tracker.sources.text import locate
from sco_tracker.sources.undertakings import find_cue
from sco_tracker.spec.codes import UNDECIDED_SENTENCE
from sco_tracker.spec.project import Project


@dataclass
class SentenceCoverage:
    paragraph: int
    sentence: Sentence
    state: str  # tracked, excluded, undecided
    commitments: list[str] = field(default_factory=list)
    reason: str | None = None
    cue: str | None = None  # undertaking wording found in the sentence, if any

    @property
    def likely_missed(self) -> bool:
        return self.state == "undecided" and self.cue is not None

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
        }


@dataclass
class SourceCoverage:
    source_id: str
    title: str
    text_file: str | None
    sentences: list[SentenceCoverage]

    def count(self, state: str) -> int:
        return sum(1 for s in self.sentences if s.state == state)

    @property
    def total(self) -> int:
        return len(self.sentences)

    @property
    def decided(self) -> int:
        return self.total - self.count("undecided")

    @property
    def likely_missed(self) -> list[SentenceCoverage]:
        return [s for s in self.sentences if s.likely_missed]

    @property
    def undecided(self) -> list[SentenceCoverage]:
        return [s for s in self.sentences if s.state == "undecided"]

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
            "likely_missed": len(self.likely_missed),
            "decided_percent": self.percent(self.decided),
            "left": [s.as_dict() for s in self.undecided],
        }


def source_coverage(project: Project, source_id: str) -> SourceCoverage | None:
    """The coverage of one source, or None when it has no local text."""
    source = project.sources[source_id]
    paras = project.paragraphs.get(source_id)
    if paras is None:
        return None
    result: list[SentenceCoverage] = []
    for n, para in enumerate(paras, start=1):
        sentences = split(para)
        tracked: dict[int, list[str]] = {}
        for c in project.commitments:
            if c.source == source_id and c.line == n:
                span = locate(c.quote, para)
                if span is not None:
                    for s in sentence_at(sentences, *span):
                        tracked.setdefault(s.index, []).append(c.id)
        excluded: dict[int, str] = {}
        for x in project.exclusions:
            if x.source != source_id or x.line != n:
                continue
            if x.quote is None:
                hit = sentences
            else:
                span = locate(x.quote, para)
                hit = sentence_at(sentences, *span) if span else []
            for s in hit:
                excluded.setdefault(s.index, x.reason.value)
        for s in sentences:
            cue = find_cue(s.text)
            words = cue.words if cue else None
            if s.index in tracked:
                result.append(
                    SentenceCoverage(n, s, "tracked", commitments=tracked[s.index], cue=words)
                )
            elif s.index in excluded:
                result.append(
                    SentenceCoverage(n, s, "excluded", reason=excluded[s.index], cue=words)
                )
            else:
                result.append(SentenceCoverage(n, s, "undecided", cue=words))
    return SourceCoverage(source_id, source.title, source.text, result)


def project_coverage(project: Project, source_id: str | None = None) -> list[SourceCoverage]:
    """Coverage of every source that has a local text (or only of source_id)."""
    ids = [source_id] if source_id else list(project.sources)
    out: list[SourceCoverage] = []
    for sid in ids:
        cov = source_coverage(project, sid)
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
            problems.append(
                Problem(
                    text_label,
                    s.paragraph,
                    s.sentence.start + 1,
                    f"paragraph {s.paragraph}, sentence {s.sentence.index} of source "
                    f"'{cov.source_id}' has undertaking language ('{s.cue}') but is neither "
                    "tracked by a commitment nor excluded: add a commitment quoting it, or an "
                    "exclusion with a reason: "
                    f'"{_short(s.sentence.text)}"',
                    code=UNDECIDED_SENTENCE.code,
                )
            )
    return problems


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
