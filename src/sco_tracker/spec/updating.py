"""Record a dated update of a commitment from the command line (sco-tracker update)."""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sco_tracker.problems import UserError, did_you_mean
from sco_tracker.spec.yamledit import edit_file, keep_trailing_comment

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
    """Append an update to the commitment (and set its status), writing the file safely."""

    def mutate(data: Any) -> None:
        entry = _commitment(data, file, commitment_id)
        update = CommentedMap()
        update["date"] = on
        if status is not None:
            update["status"] = status
        update["note"] = note
        if source is not None:
            update["source"] = source
        with keep_trailing_comment(entry):
            if status is not None:
                entry["status"] = status
            _append(entry, "updates", update, commitment_id)

    return edit_file(
        file, mutate, may_change=_STATUS_LINE, today=today, what=f"the update of '{commitment_id}'"
    )


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

    return edit_file(
        file, mutate, today=today, what=f"the assessment of '{party}' on '{commitment_id}'"
    )


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
