from __future__ import annotations

import click

from sco_tracker.fileio import write_atomic


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file instead of printing.",
)
def command(output: str | None) -> None:
    """Print the JSON Schema of commitments.yaml (editors use it to check as you type)."""
    from sco_tracker.spec.schema import schema_json

    text = schema_json()
    if output:
        write_atomic(output, text, elsewhere="choose another file with --output")
        click.echo(f"Wrote {output}")
    else:
        click.echo(text, nl=False)
