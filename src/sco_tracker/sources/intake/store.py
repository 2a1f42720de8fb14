"""`sco-tracker import`: a document taken in and saved as sources/<id>.txt."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sco_tracker.fileio import write_atomic
from sco_tracker.problems import UserError
from sco_tracker.sources.intake import Intake, take
from sco_tracker.spec.model import SLUG
from sco_tracker.spec.multifile import source_ids
from sco_tracker.spec.vocabulary import plural


@dataclass
class Imported:
    """What `import` did: the document taken in, where its text went, what to do next."""

    intake: Intake
    source_id: str
    target: str
    written: bool
    already: bool
    day: date | None
    dry_run: bool
    document: str = ""

    def next_command(self) -> str:
        """What to run next: draft the text written; after a dry run, the import itself, which
        writes it. Without a date found, `--date YYYY-MM-DD` for the analyst to fill in."""
        if self.dry_run and self.document:
            words = ["sco-tracker", "import", self.document, "--source-id", self.source_id]
            when = [self.day.isoformat()] if self.day else [NO_DATE]
            return " ".join(shlex.quote(w) for w in [*words, "--date", *when])
        words = ["sco-tracker", "draft", self.target, "--source-id", self.source_id]
        words += ["--date", self.day.isoformat() if self.day else NO_DATE]
        if self.intake.title:
            words += ["--title", self.intake.title]
        if self.intake.place:
            words += ["--place", self.intake.place]
        return " ".join(shlex.quote(w) for w in words)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "text": self.target,
            "written": self.written,
            "dry_run": self.dry_run,
            **self.intake.as_dict(),
            "date": self.day.isoformat() if self.day else None,
            "next": self.next_command(),
        }

    def render(self) -> str:
        it = self.intake
        out = [
            (
                f"{'Would take in' if self.dry_run else 'Took in'} {self.target} from a "
                f"{_kinds[it.kind]}: {len(it.paragraphs)} paragraphs.\n"
            ),
            f"  title:  {it.title or '(none found: give it with --title when you draft)'}\n",
            f"  symbol: {it.symbol or '(none found)'}\n",
            *([f"  place:  {it.place} (from the dateline)\n"] if it.place else []),
            f"  date:   {self.day.isoformat() if self.day else '(none found)'}"
            + (f" (from {it.date_from})" if it.date_from and self.day == it.date else "")
            + "\n",
            it.report.render(),
        ]
        if self.dry_run:
            out.append(f"Dry run: {self.target} not written.\n")
        elif self.already:
            out.append(f"{self.target} was already there with this text: left as it was.\n")
        else:
            out.append(f"Wrote {self.target}.\n")
        checks = it.report.needs_checking()
        if checks:
            out.append(
                f"Check the {plural(checks, 'item')} above against the original document; correct"
                f" {self.target} by hand where needed.\n"
            )
        out.append(f"Next: {self.next_command()}\n")
        if self.day is None:
            out.append(
                f"  No date was found in the document: put its date in place of {NO_DATE}.\n"
            )
        return "".join(out)


#: What the analyst fills in when the document gives no date the tool can find.
NO_DATE = "YYYY-MM-DD"

_kinds = {"pdf": "PDF", "html": "web page", "text": "text"}


def source_taken(source_id: str, where: tuple[str, int, int]) -> UserError:
    """The refusal of a new source whose id a source of the project already has (import,
    draft), at the FILE:LINE:COL of that source's id (in the included file that holds it)."""
    file, line, col = where
    return UserError(
        f"{file}:{line}:{col}: source '{source_id}' is already defined here; choose another"
        " --source-id"
    )


def import_document(
    file: str, document: str, source_id: str, on: date | None, *, dry_run: bool
) -> Imported:
    """Take the document in and write its text under sources/ (unless dry_run)."""
    if not SLUG.fullmatch(source_id):
        raise UserError(
            f"--source-id '{source_id}' is not a valid id: use lower-case letters, digits, '-',"
            " '_' or '.'"
        )
    where = source_ids(file, file).get(source_id)
    if where is not None:
        raise source_taken(source_id, where)
    result = take(document)
    day = on or result.date
    folder = Path(file).parent / "sources"
    target = folder / f"{source_id}.txt"
    shown = os.path.relpath(target) if not target.is_absolute() else str(target)
    data = result.text.encode("utf-8")
    already = target.exists() and target.read_bytes() == data
    if target.exists() and not already:
        raise UserError(
            f"{shown} already exists with another text; remove it or choose another --source-id"
        )
    if day is None and not dry_run:
        raise UserError(
            f"{document}: no date found in the document (its metadata, an 'adopted on' line or"
            " its first paragraphs); give it with --date YYYY-MM-DD (see --dry-run for the"
            " report)"
        )
    written = False
    if not dry_run and not already:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
        written = True
    return Imported(result, source_id, shown, written, already, day, dry_run, document)
