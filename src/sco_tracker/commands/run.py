from __future__ import annotations

import click

from sco_tracker.commands.options import file_option
from sco_tracker.commands.report_options import as_of_option


@click.command()
@file_option
@as_of_option
def command(file: str, as_of: object) -> None:
    """The main job: validate commitments.yaml, print a short status summary and write the reports."""
    from collections import Counter

    from sco_tracker.project import load_project

    project = load_project(file)
    for w in project.warnings:
        click.echo(str(w), err=True)
    counts = Counter(c.status.value for c in project.commitments)
    click.echo(f"{file}: valid, {len(project.commitments)} commitments.")
    for status, n in sorted(counts.items()):
        click.echo(f"  {status:<20} {n}")

    from sco_tracker.commands.report import write_and_describe

    write_and_describe(file, as_of, ("md", "html"), None, False)
