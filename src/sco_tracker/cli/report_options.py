"""Options of the report and calendar commands (and `run --as-of`)."""

from __future__ import annotations

import click

from sco_tracker.cli.options import as_of_option

__all__ = ["as_of_option", "parse_formats"]


def parse_formats(value: str) -> tuple[str, ...]:
    from sco_tracker.report.render import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown format '{','.join(unknown) or value}'; use md, html or md,html",
            param_hint="'--format'",
        )
    return chosen
