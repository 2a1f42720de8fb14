"""Record a dated update of a commitment from the command line (sco-tracker update)."""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

from sco_tracker.problems import UserError, did_you_mean
from sco_tracker.yamledit import edit_file, keep_trailing_comment

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
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def mutate(data: Any) -> None:
        commitments = data.get("commitments") if hasattr(data, "get") else None
        if not isinstance(commitments, list):
            raise UserError(f"{file}: has no 'commitments' list")
        ids = [c.get("id") for c in commitments if hasattr(c, "get")]
        entry = next((c for c in commitments if hasattr(c, "get") and c.get("id") == commitment_id), None)
        if entry is None:
            raise UserError(f"unknown commitment '{commitment_id}'{did_you_mean(commitment_id, [i for i in ids if isinstance(i, str)])}")
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
            updates = entry.get("updates")
            if updates is None:
                entry["updates"] = CommentedSeq([update])
            elif isinstance(updates, list):
                updates.append(update)
            else:
                raise UserError(f"commitment '{commitment_id}': 'updates' is not a list; run 'sco-tracker validate'")

    return edit_file(file, mutate, may_change=_STATUS_LINE, today=today, what=f"the update of '{commitment_id}'")
