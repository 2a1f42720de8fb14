from __future__ import annotations

import click

from sco_tracker.cli.common import require_file
from sco_tracker.cli.options import file_option
from sco_tracker.spec.vocabulary import plural


@click.command()
@file_option
def command(file: str) -> None:
    """Move each source of commitments.yaml, with its entries, into a file of its own.

    Each source goes to commitments/<source-id>.yaml with the commitments and exclusions that
    cite it.

    commitments.yaml keeps the settings, the parties, the party groups and the events, and
    names the new files under 'include:'. Every comment travels with the entry it is above or
    inside. Nothing is written unless the file is valid and the project after the split has
    exactly the same entries; the database and the reports stay as they were.

    When commitments.yaml already includes files (after 'draft --write', or an earlier split),
    the sources still in it move the same way and their files are added to 'include:'; the
    files already included are not touched. When every source already has its file, it says
    there is nothing to split and changes nothing (exit code 0).
    """
    require_file(file)
    from sco_tracker.spec.splitting import split

    done = split(file)
    for name, n_c, n_x in done.files:
        click.echo(f"{name}: {plural(n_c, 'commitment')}, {plural(n_x, 'exclusion')}")
    if done.stayed:
        kept = plural(done.stayed, "commitment or exclusion", "commitments or exclusions")
        click.echo(
            f"{file} keeps {kept} whose source is in a file it already included; move them "
            "there by hand to have them with their document."
        )
    if not done.files:
        click.echo(
            "Nothing to split: every source is already in a file of its own, named under "
            f"'include:' in {file}. Nothing was changed."
        )
        return
    click.echo(
        f"{file}: split into {plural(len(done.files), 'file')}, named under 'include:'. Run "
        "'sco-tracker validate' to check, and commit the new files with it."
    )
