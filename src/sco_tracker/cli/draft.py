from __future__ import annotations

from datetime import date

import click

from sco_tracker.cli.common import require_file
from sco_tracker.cli.options import date_option, file_option


@click.command()
@file_option
@click.argument("text_file", type=click.Path(dir_okay=False))
@click.option(
    "--source-id",
    required=True,
    metavar="ID",
    help="The id to give the new source, e.g. qingdao-2018-06-10.",
)
@click.option("--title", help="The source's title (default: its first sentence).")
@date_option(
    "The source's date (default: its dateline, its 'adopted on' line, or the last date of its"
    " first paragraphs)."
)
@click.option("--place", help="Where it was issued, e.g. 'Qingdao, China'.")
@click.option("--url", help="Where it is published.")
@click.option(
    "--write",
    is_flag=True,
    help=(
        "Write the proposals to commitments/<source-id>.yaml, name it under 'include:' and "
        "copy the text under sources/."
    ),
)
def command(
    file: str,
    text_file: str,
    source_id: str,
    title: str | None,
    on: date | None,
    place: str | None,
    url: str | None,
    write: bool,
) -> None:
    """Do the first reading of a new communiqué (one paragraph per line, as published; a PDF,
    a saved web page or an extracted text is taken in first, as 'sco-tracker import' does).

    Proposes a commitment for each sentence with undertaking language (the sentence as quote,
    its paragraph, a strength from the verb, a guessed theme, the parties it names, a due
    guessed from its dates and events) and an exclusion with a guessed reason for every other
    sentence. Every proposal carries 'draft: true': review it, then remove that line;
    'validate' reminds you of the drafts and 'validate --strict' fails while any is left.

    Without --write the proposals are printed as YAML. With --write they are written to a file
    of their own, commitments/<source-id>.yaml, which is named under 'include:' of
    commitments.yaml (comments and formatting kept; not when a pattern there already covers
    it), and the text is copied under sources/ (unless it is there already).
    """
    require_file(file)
    from sco_tracker.sources.draftfile import NewSource, draft_file

    new = NewSource(source_id, title, on.isoformat() if on else None, place, url)

    def warn(message: str) -> None:
        click.echo(message, err=True)

    click.echo(draft_file(file, text_file, new, write=write, warn=warn), nl=False)
