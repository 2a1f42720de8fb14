"""validate: the whole check of a commitments file, as data for the CLI and for scripts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any

from sco_tracker.problems import InvalidFile, Problem
from sco_tracker.spec.codes import DRAFT, DRAFT_NOTE, UNREADABLE
from sco_tracker.spec.model import Kind
from sco_tracker.spec.project import Project, load_project
from sco_tracker.spec.vocabulary import plural as plural_of


@dataclass
class ValidationResult:
    file: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    project: Project | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        if self.project is None:
            n = len(self.problems)
            return f"{self.file}: {n} problem{'s' if n != 1 else ''} found."
        p = self.project
        kinds = Counter(map(attrgetter("kind"), p.commitments))
        # drafts are counted here, as entries of the file; the checks and reports leave them out
        drafts = sum(1 for c in p.commitments if c.draft)
        waiting = f"; {plural_of(drafts, 'draft')} awaiting review" if drafts else ""
        return (
            f"{self.file}: valid. {plural_of(len(p.commitments), 'commitment')} "
            f"({kinds[Kind.deliverable]} deliverable, {kinds[Kind.continuous]} continuous"
            f"{waiting}) "
            f"from {plural_of(len(p.sources), 'source')}, "
            f"{plural_of(len(p.parties), 'party', 'parties')}, {plural_of(len(p.events), 'event')}"
            + (f", in {len(p.included) + 1} files." if p.included else ".")
        )

    def as_dict(self) -> dict[str, Any]:
        def one(p: Problem) -> dict[str, Any]:
            return {
                "file": p.file,
                "line": p.line,
                "column": p.col,
                "severity": p.severity,
                "message": p.message,
                "code": p.code,
            }

        return {
            "file": self.file,
            "valid": self.ok,
            "problems": [one(p) for p in self.problems],
            "warnings": [one(p) for p in self.warnings],
            "commitments": len(self.project.commitments) if self.project else None,
        }


#: The warnings --strict refuses: what 'sco-tracker draft' proposed and no one has reviewed.
_STRICT_REFUSES = {DRAFT.code, DRAFT_NOTE.code}


def validate_file(
    file: str, *, today: date | None = None, strict: bool = False
) -> ValidationResult:
    """Check the file. strict also fails on undecided sentences with undertaking language and
    on drafts not yet reviewed (see coverage.py)."""
    try:
        project = load_project(file, today=today)
    except InvalidFile as exc:
        problems = exc.problems or [Problem(file, 1, 1, exc.message, code=UNREADABLE.code)]
        return ValidationResult(
            file,
            problems=[p for p in problems if p.severity == "error"],
            warnings=list(exc.warnings),
        )
    if strict:
        # The undertaking grammar (its patterns compile in ~8 ms) only for --strict
        from sco_tracker.sources.coverage import strict_problems  # noqa: PLC0415

        drafts = [
            Problem(w.file, w.line, w.col, w.message, code=w.code)
            for w in project.warnings
            if w.code in _STRICT_REFUSES
        ]
        problems = sorted(drafts + strict_problems(project, file))
        if problems:
            rest = [w for w in project.warnings if w.code not in _STRICT_REFUSES]
            return ValidationResult(file, problems=problems, warnings=rest)
    return ValidationResult(file, warnings=project.warnings, project=project)
