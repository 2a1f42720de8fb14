"""A drafted document written to a file of its own (`draft --write`).

The new source, the parties and party groups it brings, its events, commitments and
exclusions go to commitments/<source-id>.yaml, which commitments.yaml names under `include:`
unless a pattern there already covers it; the updates proposed for commitments already tracked
go to the file that holds each commitment (spec/entries.py). Each file is edited through
yamledit.edit_file, which validates the whole project first; if one edit is refused, those
already made are undone and the new file and text are removed.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sco_tracker.fileio import write_atomic
from sco_tracker.paths import confine, project_root, project_roots
from sco_tracker.problems import InvalidFile, UserError
from sco_tracker.sources.draftfile import _copy_text, _is_target, update_entries
from sco_tracker.spec.entries import commitment_file
from sco_tracker.spec.includes import INCLUDE_KEY, covers, source_file_name
from sco_tracker.spec.project import load_project
from sco_tracker.spec.updating import insert_update
from sco_tracker.spec.vocabulary import plural
from sco_tracker.spec.yamlcomments import insert_section
from sco_tracker.spec.yamledit import edit_file, keep_trailing_comment, round_trip_yaml
from sco_tracker.spec.yamlfile import read_text


def own_file_text(drafted: Any, schema: str | None) -> str:
    """The new source's own file: its source, the parties and groups it brings, its
    events, commitments and exclusions (the settings stay in commitments.yaml)."""
    doc = CommentedMap()
    if drafted.result.parties:
        doc["parties"] = drafted.party_entries()
    groups = drafted.groups_entry()
    for gid in drafted.known_groups:
        groups.pop(gid, None)
    if groups:
        doc["party_groups"] = groups
    doc["sources"] = [drafted.source_entry()]
    if drafted.events:
        doc["events"] = drafted.events
    doc["commitments"] = drafted.commitments
    if drafted.exclusions:
        doc["exclusions"] = drafted.exclusions
    buf = io.StringIO()
    round_trip_yaml().dump(doc, buf)
    head = f"# yaml-language-server: $schema={schema}\n#\n" if schema else ""
    return (
        head + f"# {' '.join(drafted.title.split())}\n"
        f"# Drafted by 'sco-tracker draft' from {os.path.basename(drafted.text_file)}: "
        f"{len(drafted.commitments)} proposed commitments, {len(drafted.exclusions)} proposed "
        "exclusions.\n# Review every entry, then remove its 'draft: true'. commitments.yaml "
        "includes this file; the settings stay there.\n"
        + drafted.speakers_note()
        + "\n"
        + buf.getvalue()
    )


def write_own_file(drafted: Any) -> str:
    """The source's own file commitments/<source-id>.yaml, named in `include:` unless a
    pattern there covers it; the text copied under sources/; and each update proposed for
    a tracked commitment written to the file that holds that commitment."""
    base = Path(drafted.file).parent
    name = source_file_name(drafted.source_id)
    own = base / name
    roots = [project_root(drafted.file)]
    if os.path.lexists(own):
        raise UserError(
            f"{own} already exists; choose another --source-id, or remove it if it is left over"
        )
    target = base / "sources" / f"{drafted.source_id}.txt"
    created = not _is_target(drafted.file, drafted.text_file, drafted.source_id) and _copy_text(
        drafted.stored, target, project_roots(drafted.file)
    )
    by_file: dict[Path, list[tuple[str, Any]]] = {}
    for cid, update in update_entries(drafted.result, 6):
        by_file.setdefault(commitment_file(drafted.file, cid), []).append((cid, update))
    in_main = by_file.pop(Path(drafted.file), [])
    listed = not covers(drafted.include, name)
    made: list[Path] = []
    edited: list[tuple[Path, bytes]] = []
    what = f"adding the drafts of '{drafted.source_id}'"
    try:
        folder = own.parent
        if not folder.exists():
            confine(folder, roots)
            folder.mkdir(parents=True)
            made.append(folder)
        write_atomic(own, own_file_text(drafted, _schema_for(drafted.file, name)), roots=roots)
        made.insert(0, own)
        if listed or in_main:
            old = Path(drafted.file).read_bytes()
            edit_file(
                drafted.file, _add(name if listed else None, in_main, drafted.file), what=what
            )
            edited.append((Path(drafted.file), old))
        else:
            _validate_with(drafted.file, what)
        for path, items in by_file.items():
            old = path.read_bytes()
            edit_file(path, _add(None, items, path), what=what, project=drafted.file)
            edited.append((path, old))
    except BaseException:
        for path, old in reversed(edited):
            write_atomic(path, old, roots=roots)
        for path in made:
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()
        if created:
            os.unlink(target)
        raise
    text = (
        f"{own}: added source '{drafted.source_id}' ({target})"
        + (f", named in 'include:' of {drafted.file}," if listed else ",")
        + "".join(f" draft party '{p.id}'," for p in drafted.result.parties)
        + f" {plural(len(drafted.events), 'event')}"
        f" to define, {plural(len(drafted.commitments), 'draft commitment')} and"
        f" {plural(len(drafted.exclusions), 'draft exclusion')}{drafted._linked()}."
        " Review each one (they are marked 'draft: true'), then run"
        " 'sco-tracker validate --strict'.\n"
    )
    if drafted.events:
        text += (
            "Events to define (give them a date once it is known): "
            + ", ".join(e.id for e in drafted.result.events)
            + "\n"
        )
    return text


def _schema_for(file: str, name: str) -> str | None:
    """The yaml-language-server schema of commitments.yaml, as seen from the included file
    `name` (relative paths gain a '../' per folder), or None when it names none."""
    try:
        first = read_text(file).split("\n", 1)[0]
    except InvalidFile:
        return None
    mark = "# yaml-language-server: $schema="
    if not first.startswith(mark):
        return None
    schema = first[len(mark) :].strip()
    if "://" in schema or os.path.isabs(schema):
        return schema
    up = "../" * name.count("/")
    return up + schema.removeprefix("./")


def _add(
    name: str | None, updates: list[tuple[str, Any]], file: str | os.PathLike[str]
) -> Callable[[Any], None]:
    """The edit of one file: name the new file in `include:` (created after the settings when
    missing), and put each proposed update in its commitment's updates."""

    def mutate(data: Any) -> None:
        if name is not None:
            entries = data.get(INCLUDE_KEY)
            if entries is None:
                keys = list(data.keys())
                at = keys.index("settings") + 1 if "settings" in keys else 0
                insert_section(data, at, INCLUDE_KEY, CommentedSeq([name]))
            elif isinstance(entries, list):
                with keep_trailing_comment(entries):
                    entries.append(name)
            else:
                raise UserError(f"'{INCLUDE_KEY}' is not a list; run 'sco-tracker validate'")
        for cid, update in updates:
            insert_update(data, file, cid, update)

    return mutate


def _validate_with(file: str, what: str) -> None:
    """The project as it is now (with the new file a pattern of `include:` covers) is valid."""
    try:
        load_project(file)
    except InvalidFile as exc:
        raise InvalidFile(
            f"{what} would make the project invalid, so nothing was written",
            [p for p in exc.problems if p.severity == "error"],
        ) from None
