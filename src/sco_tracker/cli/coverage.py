from __future__ import annotations

import json

import click

from sco_tracker.cli.common import require_file
from sco_tracker.cli.options import file_option, json_option


@click.command()
@file_option
@click.option(
    "--source",
    "sources",
    metavar="ID",
    multiple=True,
    help="Only this source (its id under sources:); repeat for several.",
)
@json_option
def command(file: str, sources: tuple[str, ...], as_json: bool) -> None:
    """Show, sentence by sentence, what has been decided about each source text.

    Every sentence is tracked (a commitment quotes it), excluded (with a reason) or
    undecided. Undecided sentences with undertaking language (agreed to, called for, urged,
    noted the need for...) are marked LIKELY MISSED. Lists what is left, with paragraph
    numbers: a sentence that a draft exclusion excludes counts as excluded and is listed as
    awaiting review; only reviewed decisions count as decided. 'sco-tracker validate
    --strict' fails while any likely missed sentence or any draft remains.
    """
    require_file(file)
    from sco_tracker.sources.coverage import project_coverage
    from sco_tracker.spec.project import load_project
    from sco_tracker.spec.vocabulary import plural
    from sco_tracker.tracking.selection import select

    project = load_project(file)
    chosen = select(project, sources)
    ids = list(chosen.sources) or list(project.sources)
    covs = [c for sid in ids for c in project_coverage(project, sid)]
    no_text = [sid for sid in ids if sid not in project.paragraphs]
    if as_json:
        click.echo(
            json.dumps(
                {
                    "file": file,
                    "filter": chosen.as_dict(),
                    "sources": [c.as_dict() for c in covs],
                    "without_text": no_text,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for cov in covs:
        click.echo(f"{cov.source_id}: {cov.title}")
        click.echo(
            f"  {cov.total} sentences: {cov.count('tracked')} tracked "
            f"({cov.percent(cov.count('tracked'))}%), {cov.count('excluded')} excluded "
            f"({cov.percent(cov.count('excluded'))}%), {cov.count('undecided')} undecided "
            f"({cov.percent(cov.count('undecided'))}%)"
        )
        missed = len(cov.likely_missed)
        proposed = len(cov.draft_excluded)
        waiting = (
            f" ({plural(proposed, 'sentence')} excluded by a draft "
            f"{'awaits' if proposed == 1 else 'await'} review)"
            if proposed
            else ""
        )
        click.echo(
            f"  {cov.percent(cov.decided)}% decided{waiting}; {missed} likely missed "
            f"undertaking{'s' if missed != 1 else ''}"
        )
        left = cov.to_review
        if left:
            click.echo("  Left to decide:")
            for s in left:
                mark = f"LIKELY MISSED ('{s.cue}')" if s.likely_missed else "undecided"
                if s.drafts:
                    mark = f"undecided, awaiting review (draft {', '.join(s.drafts)})"
                if s.draft:
                    mark = f"excluded by a draft ({s.reason}), awaiting review"
                click.echo(
                    f"    {cov.name(s.paragraph)}, sentence {s.sentence.index}: {mark}: "
                    f"{' '.join(s.sentence.text.split())}"
                )
        click.echo("")
    for sid in no_text:
        click.echo(f"{sid}: no local text under sources/, so its sentences cannot be checked.")
