from __future__ import annotations

import click

from sco_tracker.commands.options import file_option


@click.command()
@file_option
def command(file: str) -> None:
    """The main job: validate commitments.yaml and print a short status summary."""
    from collections import Counter

    from sco_tracker.project import load_project

    project = load_project(file)
    for w in project.warnings:
        click.echo(str(w), err=True)
    counts = Counter(c.status.value for c in project.commitments)
    click.echo(f"{file}: valid, {len(project.commitments)} commitments.")
    for status, n in sorted(counts.items()):
        click.echo(f"  {status:<20} {n}")
