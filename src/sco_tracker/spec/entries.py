"""Which file holds an entry: commitments.yaml or one of the files it includes.

Every command that edits an entry (update, assess, review, and any later one) asks here for
the file to edit, then edits that file through yamledit.edit_file(..., project=MAIN), which
validates the whole project with the edited text before anything is written:

    edit_entry(main, "commitments", commitment_id, mutate, what="the update of 'x'")

`mutate` gets the round-trip data of the file that holds the entry (not of commitments.yaml
when the entry is in an included file). Reading the files here needs no valid project: a
file that cannot be read is skipped (the edit's validation reports it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sco_tracker.problems import InvalidFile, UserError, did_you_mean
from sco_tracker.spec import yamlfile
from sco_tracker.spec.includes import INCLUDE_KEY, expand
from sco_tracker.spec.multifile import label_of
from sco_tracker.spec.yamledit import edit_file

Match = Callable[[dict[str, Any]], bool]


def project_files(main: str | os.PathLike[str]) -> list[tuple[str, Any]]:
    """(label, data) of commitments.yaml and of each file it includes, in order; a file that
    cannot be read or parsed is left out (validate says why)."""
    label = os.fspath(main)
    out: list[tuple[str, Any]] = []
    try:
        data, _ = yamlfile.load(main, label=label)
    except InvalidFile:
        return out
    out.append((label, data))
    raw = data.get(INCLUDE_KEY) if isinstance(data, dict) else None
    for inc in expand(main, raw)[0] if raw is not None else []:
        try:
            part, _ = yamlfile.load(inc.path, label=label_of(label, inc.name))
        except InvalidFile:
            continue
        out.append((label_of(label, inc.name), part))
    return out


def by_id(entry_id: str) -> Match:
    return lambda entry: entry.get("id") == entry_id


def file_holding(main: str | os.PathLike[str], section: str, match: str | Match) -> Path | None:
    """The file whose `section` has the entry (an id, or a test of the entry's data), or None."""
    test = by_id(match) if isinstance(match, str) else match
    for label, data in project_files(main):
        entries = data.get(section) if isinstance(data, dict) else None
        if isinstance(entries, list) and any(isinstance(e, dict) and test(e) for e in entries):
            return Path(label)
    return None


def commitment_file(main: str | os.PathLike[str], commitment_id: str) -> Path:
    """The file that holds commitment_id; UserError (with the closest id) when none does."""
    found = file_holding(main, "commitments", commitment_id)
    if found is not None:
        return found
    ids: list[str] = [
        e["id"]
        for _, data in project_files(main)
        if isinstance(data, dict) and isinstance(data.get("commitments"), list)
        for e in data["commitments"]
        if isinstance(e, dict) and isinstance(e.get("id"), str)
    ]
    raise UserError(f"unknown commitment '{commitment_id}'{did_you_mean(commitment_id, ids)}")


def edit_entry(
    main: str | os.PathLike[str],
    section: str,
    match: str | Match,
    mutate: Callable[[Any], None],
    *,
    what: str = "the change",
    may_change: re.Pattern[str] | None = None,
    may_rewrite: Callable[[Any], range] | None = None,
    today: date | None = None,
    removes: Callable[[Any], int] | None = None,
) -> tuple[Path, str]:
    """Edit the entry wherever it is: mutate the round-trip data of the file that holds it
    (yamledit.edit_file: comments kept, the edit lock, validated as a whole, atomic). Returns
    the file edited and its new text. An unknown entry is edited in commitments.yaml, whose
    mutate then says what is missing."""
    if section == "commitments" and isinstance(match, str):
        target = commitment_file(main, match)
    else:
        target = file_holding(main, section, match) or Path(main)
    new = edit_file(
        target,
        mutate,
        project=main,
        what=what,
        may_change=may_change,
        may_rewrite=may_rewrite,
        today=today,
        removes=removes,
    )
    return target, new
