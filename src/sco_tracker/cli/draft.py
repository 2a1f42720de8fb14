from __future__ import annotations

import click

from sco_tracker.cli.options import file_option


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
@click.option(
    "--date",
    "on",
    metavar="YYYY-MM-DD",
    help="The source's date (default: the last date in its first paragraph).",
)
@click.option("--place", help="Where it was issued, e.g. 'Qingdao, China'.")
@click.option("--url", help="Where it is published.")
@click.option(
    "--write",
    is_flag=True,
    help="Append the stubs to commitments.yaml and copy the text under sources/.",
)
def command(
    file: str,
    text_file: str,
    source_id: str,
    title: str | None,
    on: str | None,
    place: str | None,
    url: str | None,
    write: bool,
) -> None:
    """Do the first reading of a new communiqué (one paragraph per line, as published).

    Proposes a commitment for each sentence with undertaking language (the sentence as quote,
    its paragraph, a strength from the verb, a guessed theme, the parties it names, a due
    guessed from its dates and events) and an exclusion with a guessed reason for every other
    sentence. Every proposal carries 'draft: true': review it, then remove that line;
    'validate' reminds you of the drafts and 'validate --strict' fails while any is left.

    Without --write the proposals are printed as YAML. With --write they are appended to
    commitments.yaml (comments and formatting kept) and the text is copied under sources/.
    """
    import os
    from pathlib import Path

    from sco_tracker.problems import UserError
    from sco_tracker.sources.drafting import draft, guess_source_date
    from sco_tracker.sources.sentences import split
    from sco_tracker.sources.text import paragraphs
    from sco_tracker.spec.dates import parse_day
    from sco_tracker.spec.model import SLUG
    from sco_tracker.spec.project import load_project
    from sco_tracker.spec.yamlfile import read_text

    if not SLUG.match(source_id):
        raise UserError(
            f"--source-id '{source_id}' is not a valid id: use lower-case letters, digits, '-', "
            "'_' or '.'"
        )
    from sco_tracker.problems import InvalidFile

    try:
        text = read_text(text_file)
    except InvalidFile as exc:
        raise UserError(
            f"{text_file}: {exc.problems[0].message if exc.problems else exc.message}"
        ) from None
    if not text.strip():
        raise UserError(f"{text_file}: the file is empty")
    project = load_project(file)
    if source_id in project.sources:
        raise UserError(f"source '{source_id}' is already in {file}; choose another --source-id")
    if on is not None:
        try:
            day = parse_day(on)
        except ValueError as exc:
            raise UserError(f"--date: {exc}") from None
    else:
        guessed = guess_source_date(text)
        if guessed is None:
            raise UserError(
                f"could not find the date of {text_file} in its first paragraph; give it with "
                "--date YYYY-MM-DD"
            )
        day = guessed
    if title is None:
        first = split(paragraphs(text)[0])
        title = " ".join(first[0].text.split()).rstrip(".") if first else source_id
    result = draft(
        text,
        source_id,
        parties={pid: p.kind.value for pid, p in project.parties.items()},
        events={eid: e.place for eid, e in project.events.items()},
        taken_ids={c.id for c in project.commitments},
    )
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def source_entry() -> CommentedMap:
        m = CommentedMap()
        m["id"] = source_id
        m["title"] = title
        m["date"] = day
        if place:
            m["place"] = place
        if url:
            m["url"] = url
        m["text"] = f"{source_id}.txt"
        return m

    def commitment_entry(stub: object) -> CommentedMap:
        m = CommentedMap(stub.as_dict())  # type: ignore[attr-defined]
        parties = CommentedSeq(m["parties"])
        parties.fa.set_flow_style()
        m["parties"] = parties
        return m

    events = [
        CommentedMap([("id", e.id), ("title", e.title)] + ([("place", e.place)] if e.place else []))
        for e in result.events
    ]
    commitments = [commitment_entry(c) for c in result.commitments]
    exclusions = [CommentedMap(x.as_dict()) for x in result.exclusions]
    n_c, n_x = len(commitments), len(exclusions)

    if not write:
        from sco_tracker.spec.yamledit import round_trip_yaml

        doc = CommentedMap()
        doc["sources"] = [source_entry()]
        if events:
            doc["events"] = events
        doc["commitments"] = commitments
        doc["exclusions"] = exclusions
        click.echo(
            f"# Drafted by 'sco-tracker draft' from {text_file}: {n_c} proposed commitments, "
            f"{n_x} proposed exclusions."
        )
        click.echo(
            "# Review every entry, then remove its 'draft: true'. Run with --write to add them to "
            + file
            + "."
        )
        import io

        buf = io.StringIO()
        round_trip_yaml().dump(doc, buf)
        click.echo(buf.getvalue(), nl=False)
        return

    from sco_tracker.fileio import write_atomic
    from sco_tracker.spec.yamledit import edit_file, keep_trailing_comment

    target = Path(file).parent / "sources" / f"{source_id}.txt"
    raw = Path(text_file).read_bytes()
    created = False
    if target.exists():
        if target.read_bytes() != raw:
            raise UserError(
                f"{target} already exists with another text; remove it or choose another "
                "--source-id"
            )
    else:
        write_atomic(target, raw)
        created = True

    def append(data: CommentedMap, key: str, items: list[CommentedMap]) -> None:
        if not items:
            return
        seq = data.get(key)
        if seq is None:
            with keep_trailing_comment(data):
                data[key] = CommentedSeq(items)
            return
        if not isinstance(seq, list):
            raise UserError(f"'{key}' in {file} is not a list; run 'sco-tracker validate'")
        with keep_trailing_comment(seq):
            seq.extend(items)

    def mutate(data: CommentedMap) -> None:
        append(data, "sources", [source_entry()])
        append(data, "events", events)
        append(data, "commitments", commitments)
        append(data, "exclusions", exclusions)

    try:
        edit_file(file, mutate, what=f"adding the drafts of '{source_id}'")
    except BaseException:
        if created:
            os.unlink(target)
        raise
    click.echo(
        f"{file}: added source '{source_id}' ({target}), {len(events)} event(s) to define, "
        f"{n_c} draft commitments and {n_x} draft exclusions. Review each one (they are marked "
        "'draft: true'), then run 'sco-tracker validate --strict'."
    )
    if events:
        click.echo(
            "Events to define (give them a date once it is known): "
            + ", ".join(e.id for e in result.events)
        )
