from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import click

from sco_tracker.cli.common import load_valid, open_db, parse_as_of, sync_quietly
from sco_tracker.cli.options import (
    as_of_option,
    db_option,
    file_option,
    json_option,
    party_option,
    source_option,
)
from sco_tracker.problems import UserError, did_you_mean

if TYPE_CHECKING:
    from sco_tracker.spec.project import Project


@click.command()
@click.argument("commitment_id", metavar="[ID]", required=False)
@file_option
@db_option
@as_of_option
@source_option
@party_option
@json_option
def command(
    commitment_id: str | None,
    file: str,
    db: str | None,
    as_of: date | None,
    sources: tuple[str, ...],
    parties: tuple[str, ...],
    as_json: bool,
) -> None:
    """Show every commitment with its status, due date and findings, or one commitment in full.

    With an ID: the commitment, its quote and source paragraph, its updates and its status
    history from the database (archived commitments too). Syncs the file first. --source and
    --party narrow the list to some documents, or to what some parties made or are asked to do.
    """
    from sco_tracker.db.store import commitment_row, history
    from sco_tracker.db.views import commitment_detail, detail_text, status_table, status_table_data
    from sco_tracker.tracking.checks import evaluate
    from sco_tracker.tracking.selection import select

    project = load_valid(file)
    chosen = select(project, sources, parties)
    day = parse_as_of(as_of, project)
    evaluations = evaluate(project, day)
    with open_db(db, file, project) as store:
        sync_quietly(store, project, file)
        if commitment_id is None:
            shown = chosen.evaluations(evaluations)
            data = status_table_data(project, shown, day, chosen)
            text = None if as_json else status_table(project, shown, day, chosen)
        else:
            ev = next((e for e in evaluations if e.id == commitment_id), None)
            with store.session() as s:
                row = commitment_row(s, commitment_id)
                rows = history(s, commitment_id)
            in_file = project.commitment(commitment_id)
            if ev is None and row is None and in_file is not None and in_file.draft:
                raise UserError(
                    f"'{commitment_id}' is a draft in {_holder(project, commitment_id)}, not a "
                    "commitment yet: review it ('sco-tracker review'); once accepted, it is "
                    "tracked and its status history starts"
                )
            if ev is None and row is None:
                known = [c.id for c in project.commitments]
                raise UserError(
                    f"no commitment '{commitment_id}'{did_you_mean(commitment_id, known)} in "
                    f"{file} or the database"
                )
            if ev is None and in_file is not None and not in_file.draft:
                raise UserError(
                    f"'{commitment_id}' did not exist yet on {day}: its source is dated later"
                )
            data = commitment_detail(project, ev, row, rows, day)
            text = None if as_json else detail_text(data)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(text)


def _holder(project: Project, commitment_id: str) -> str:
    """The file that holds the commitment: 'commitments/a-res-80-36.yaml'."""
    from sco_tracker.spec.multifile import entry_files

    ids = [c.id for c in project.commitments]
    files = entry_files(project.positions, "commitments", len(ids))
    return files[ids.index(commitment_id)]
