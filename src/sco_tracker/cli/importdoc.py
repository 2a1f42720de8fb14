from __future__ import annotations

from datetime import date

import click

from sco_tracker.cli.options import date_option, file_option, json_option


@click.command()
@file_option
@click.argument("document", type=click.Path(dir_okay=False))
@click.option(
    "--source-id",
    required=True,
    metavar="ID",
    help="The id to give the new source, e.g. a-res-80-11 (the text goes to sources/ID.txt).",
)
@date_option("The document's date, when intake cannot find it in the document.")
@json_option
@click.option("--dry-run", is_flag=True, help="Show the report and the metadata; write nothing.")
def command(
    file: str, document: str, source_id: str, on: date | None, as_json: bool, dry_run: bool
) -> None:
    """Take in a new document: a PDF, a web page saved from the SCO's or the UN's site, or text
    extracted from a PDF.

    Writes the text one paragraph per line to sources/ID.txt (beside the commitments file),
    without the page headers and footers, the footnotes and their markers, and prints what was
    removed or could not be resolved, for you to check, then the command to draft it.
    """
    import json

    from sco_tracker.sources.intake.store import import_document

    done = import_document(file, document, source_id, on, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(done.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(done.render(), nl=False)
