"""Record a dated update of a commitment from the command line (sco-tracker update).

The edit goes to the file that holds the commitment: commitments.yaml or the file it includes
(entries.edit_entry)."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sco_tracker.problems import UserError, did_you_mean
from sco_tracker.spec.entries import edit_entry
from sco_tracker.spec.yamlcomments import insert_item, keep_trailing_comment

_STATUS_LINE = re.compile(r"^\s*status:\s")


def add_update(
    file: str | os.PathLike[str],
    commitment_id: str,
    *,
    on: date,
    note: str,
    status: str | None = None,
    source: str | None = None,
    today: date | None = None,
) -> str:
    """Add an update to the commitment in date order (after any update of the same date), and
    set its status unless a later update sets one; the file is written safely."""

    def mutate(data: Any) -> None:
        update = CommentedMap()
        update["date"] = on
        if status is not None:
            update["status"] = status
        update["note"] = note
        if source is not None:
            update["source"] = source
        insert_update(data, file, commitment_id, update)

    return edit_entry(
        file,
        "commitments",
        commitment_id,
        mutate,
        may_change=_STATUS_LINE,
        today=today,
        what=f"the update of '{commitment_id}'",
    )[1]


def insert_update(data: Any, file: str | os.PathLike[str], commitment_id: str, update: Any) -> None:
    """Put update (a round-trip map with a date) in the commitment's updates, in date order; a
    status it sets becomes the commitment's unless a later update sets one (a draft update,
    awaiting review, sets none)."""
    entry = _commitment(data, file, commitment_id)
    on, status = update["date"], update.get("status")
    items = entry.get("updates")
    if isinstance(items, list) and items:
        at = _place(items, on)
        if status is not None and not any(
            hasattr(u, "get") and u.get("status") is not None for u in items[at:]
        ):
            entry["status"] = status
        if at < len(items):
            insert_item(items, at, update)
            return
    elif status is not None:
        entry["status"] = status
    with keep_trailing_comment(entry):
        _append(entry, "updates", update, commitment_id)


def add_assessment(
    file: str | os.PathLike[str],
    commitment_id: str,
    *,
    party: str,
    score: int | str,
    window: str,
    on: date,
    note: str,
    source: str | None = None,
    today: date | None = None,
) -> str:
    """Append a per-member compliance score to the commitment, writing the file safely.

    The same rules as a hand edit apply (validate runs before anything is written): a known
    party among the commitment's parties, a known window, a source for every score, one score
    per party and window.
    """

    def mutate(data: Any) -> None:
        entry = _commitment(data, file, commitment_id)
        item = CommentedMap()
        item["party"] = party
        item["score"] = score
        item["window"] = window
        item["date"] = on
        item["note"] = note
        if source is not None:
            item["source"] = source
        with keep_trailing_comment(entry):
            _append(entry, "assessments", item, commitment_id)

    return edit_entry(
        file,
        "commitments",
        commitment_id,
        mutate,
        today=today,
        what=f"the assessment of '{party}' on '{commitment_id}'",
    )[1]


def _commitment(data: Any, file: str | os.PathLike[str], commitment_id: str) -> Any:
    commitments = data.get("commitments") if hasattr(data, "get") else None
    if not isinstance(commitments, list):
        raise UserError(f"{file}: has no 'commitments' list")
    ids = [c.get("id") for c in commitments if hasattr(c, "get")]
    entry = next(
        (c for c in commitments if hasattr(c, "get") and c.get("id") == commitment_id), None
    )
    if entry is None:
        raise UserError(
            f"unknown commitment '{commitment_id}'"
            f"{did_you_mean(commitment_id, [i for i in ids if isinstance(i, str)])}"
        )
    return entry


def _place(items: list[Any], on: date) -> int:
    """Where an update dated on goes: before the first update dated later (evidence found late
    is recorded in date order), after those of the same date."""
    for i, u in enumerate(items):
        day = u.get("date") if hasattr(u, "get") else None
        if isinstance(day, date) and not isinstance(day, datetime) and day > on:
            return i
    return len(items)


def _append(entry: Any, key: str, item: Any, commitment_id: str) -> None:
    items = entry.get(key)
    if items is None:
        entry[key] = CommentedSeq([item])
    elif isinstance(items, list):
        items.append(item)
    else:
        raise UserError(
            f"commitment '{commitment_id}': '{key}' is not a list; run 'sco-tracker validate'"
        )
