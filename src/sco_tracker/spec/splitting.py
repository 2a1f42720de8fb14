"""`sco-tracker split`: one commitments.yaml becomes one file per source, losing no comment.

Each source moves to commitments/<source-id>.yaml with the commitments and exclusions that
cite it; settings, parties, party groups and events stay in commitments.yaml (they are shared
by the documents, or may come to be), which names the new files in `include:`, in the order
of the sources. The move is by lines of text: an entry takes with it the comment and blank
lines above it and the comments inside it; the comment lines after the last entry of a
section stay where they are (they head what follows). A section left empty is written
`name: []`.

Nothing is written unless the project validates before, and the project after the split has
the same entries (compared as validated) and every comment line of the file is in one of the
files written. Only a file with no problems is split.

A file that already includes others (a document drafted with `draft --write`, an earlier split)
is split again the same way: the sources still written in commitments.yaml move to files of
their own, which are added at the end of its `include:` list (unless a pattern there covers
them); the files already included are not touched, and a commitment or exclusion of
commitments.yaml whose source is in one of them stays where it is (`Split.stayed`).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sco_tracker.fileio import write_atomic
from sco_tracker.paths import confine, project_root, real
from sco_tracker.problems import InvalidFile, UserError
from sco_tracker.spec import yamlfile
from sco_tracker.spec.includes import INCLUDE_KEY, covers, source_file_name
from sco_tracker.spec.project import Project, load_project
from sco_tracker.spec.yamledit import file_lock

#: The sections whose entries move with their source.
MOVED = ("sources", "commitments", "exclusions")
_EMPTY_KEY = re.compile(r"^(?P<key>[a-z_]+):(?P<rest>\s*(#.*)?)$")


@dataclass
class Split:
    """What split wrote: the new files (relative names) and how many entries each holds."""

    files: list[tuple[str, int, int]]  # (name, commitments, exclusions)
    #: The commitments and exclusions left in commitments.yaml: their source is in a file
    #: commitments.yaml already included.
    stayed: int = 0


@dataclass
class _Plan:
    main: str
    files: dict[str, str]
    project: Project
    counts: dict[str, tuple[int, int]]
    stayed: int


def _comment_lines(text: str) -> Counter[str]:
    return Counter(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _blocks(
    lines: list[str], data: dict[str, Any], pos: yamlfile.Positions, section: str
) -> list[tuple[int, int]]:
    """For each entry of section: its lines (from 0, end excluded), with the comment and blank
    lines above it; the filler after the last entry is left out."""
    entries = data.get(section)
    if not isinstance(entries, list) or not entries:
        return []
    key_line = pos.keys[(section,)][0] - 1
    top = sorted(line - 1 for path, (line, _) in pos.keys.items() if len(path) == 1)
    after = [t for t in top if t > key_line]
    section_end = after[0] if after else len(lines)
    starts = [pos.values[(section, i)][0] - 1 for i in range(len(entries))]
    if starts[0] <= key_line:
        raise UserError(
            f"'{section}' is written on one line ([...]); write it as a list of entries, each "
            "starting with '- ', then run 'sco-tracker split' again"
        )
    out: list[tuple[int, int]] = []
    begin = key_line + 1
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else section_end
        own_end = end
        while own_end > start + 1 and _is_filler(lines[own_end - 1]):
            own_end -= 1
        out.append((begin, own_end))
        begin = own_end
    return out


def _source_of(section: str, entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return None
    value = entry.get("id") if section == "sources" else entry.get("source")
    return value if isinstance(value, str) else None


def plan(file: str) -> _Plan:
    """The new text of commitments.yaml and of each new file (by name), and the project."""
    project = load_project(file)  # InvalidFile: a file with problems is not split
    text = yamlfile.read_text(file)
    data, pos = yamlfile.parse(text, file)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    own = {_source_of("sources", e) for e in data.get("sources") or []}
    # The sources written in commitments.yaml, in the order of the project's sources.
    moved: dict[str, dict[str, list[str]]] = {s: {} for s in project.sources if s in own}
    counts = dict.fromkeys(moved, (0, 0))
    taken: set[int] = set()
    emptied: list[str] = []
    stayed = 0
    for section in MOVED:
        blocks = _blocks(lines, data, pos, section)
        for entry, (begin, end) in zip(data.get(section) or [], blocks, strict=True):
            sid = _source_of(section, entry)
            if sid not in moved:
                stayed += section != "sources"
                continue
            moved[sid].setdefault(section, []).extend(lines[begin:end])
            taken.update(range(begin, end))
            n_c, n_x = counts[sid]
            counts[sid] = (n_c + (section == "commitments"), n_x + (section == "exclusions"))
        if blocks and all(_source_of(section, e) in moved for e in data.get(section) or []):
            emptied.append(section)
    names = {sid: source_file_name(sid) for sid in moved}
    schema = _schema(lines)
    files: dict[str, str] = {}
    for sid, sections in moved.items():
        name = names[sid]
        head = f"# yaml-language-server: $schema=../{schema}\n#\n" if schema else ""
        parts = [
            head + f"# {' '.join(project.sources[sid].title.split())}\n"
            "# Moved out of commitments.yaml by 'sco-tracker split'; commitments.yaml includes "
            "this file.\n"
        ]
        for section in MOVED:
            if section in sections:
                parts.append(f"\n{section}:\n" + "".join(sections[section]))
        files[name] = "".join(parts)
    kept: list[str] = []
    for i, line in enumerate(lines):
        if i in taken:
            continue
        m = _EMPTY_KEY.match(line.rstrip("\r\n"))
        if m and m["key"] in emptied:
            line = f"{m['key']}: []{m['rest']}\n"
        kept.append(line)
    if project.include:
        listed = [names[s] for s in moved if not covers(project.include, names[s])]
        main = _added_to_include(kept, lines, taken, pos, listed)
    else:
        main = _with_include(kept, list(names.values()))
    counted = {names[sid]: n for sid, n in counts.items()}
    return _Plan("".join(main), files, project, counted, stayed)


def _schema(lines: list[str]) -> str | None:
    mark = "# yaml-language-server: $schema="
    if lines and lines[0].startswith(mark):
        schema = lines[0][len(mark) :].strip()
        if "://" not in schema and not os.path.isabs(schema):
            return schema.removeprefix("./")
    return None


def _with_include(lines: list[str], names: list[str]) -> list[str]:
    """The lines with `include:` before the first top-level key after the settings (above the
    comment lines that head it), set off by blank lines as the file sets off its sections
    (none when no section of the file has one above it)."""
    block = [f"{INCLUDE_KEY}:\n", *(f"  - {n}\n" for n in names)]
    tops = [i for i, line in enumerate(lines) if line[:1].isalpha() and ":" in line]
    keys = [i for i in tops if not lines[i].startswith("settings:")]
    first = 1 if lines and lines[0].startswith("# yaml-language-server:") else 0
    at = max(_heading(lines, keys[0] if keys else len(lines)), first)
    if any(not lines[i - 1].strip() for i in map(partial(_heading, lines), tops) if i > 0):
        if at > first and lines[at - 1].strip():
            block.insert(0, "\n")
        block.append("\n")
    return lines[:at] + block + lines[at:]


def _heading(lines: list[str], key: int) -> int:
    """The first of the comment lines right above line key (key itself when there are none)."""
    while key > 0 and lines[key - 1].lstrip().startswith("#"):
        key -= 1
    return key


def _added_to_include(
    kept: list[str], lines: list[str], taken: set[int], pos: yamlfile.Positions, names: list[str]
) -> list[str]:
    """The kept lines with names added after the last entry of the existing `include:` list,
    indented as it is."""
    if not names:
        return kept
    key_line = pos.keys[(INCLUDE_KEY,)][0] - 1
    items = sorted(
        line - 1
        for path, (line, _) in pos.values.items()
        if len(path) == 2 and path[0] == INCLUDE_KEY
    )
    if not items or items[-1] <= key_line:
        raise UserError(
            f"'{INCLUDE_KEY}' is written on one line ([...]); write it as a list of files, each "
            "on its own line starting with '- ', then run 'sco-tracker split' again"
        )
    last = items[-1]
    indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    at = last + 1 - sum(1 for i in taken if i <= last)  # where line `last` is in `kept`, + 1
    return kept[:at] + [f"{indent}- {n}\n" for n in names] + kept[at:]


def _same(before: Project, after: Project) -> bool:
    def dump(p: Project) -> Any:
        key = lambda m: m.model_dump_json()  # noqa: E731
        return (
            sorted(map(key, p.commitments)),
            sorted(map(key, p.sources.values())),
            sorted(map(key, p.exclusions)),
            sorted(map(key, p.events.values())),
            sorted(map(key, p.parties.values())),
            p.party_groups,
            p.settings.model_dump_json(),
        )

    return bool(dump(before) == dump(after))


def split(file: str) -> Split:
    """Split file into one file per source (see the module's docstring)."""
    base = Path(file).parent
    root = project_root(file)
    with file_lock(Path(file)):
        old = yamlfile.read_text(file)
        planned = plan(file)
        new_main, files, before = planned.main, planned.files, planned.project
        if not files:  # every source has its file: nothing to do, and no mistake
            return Split([], planned.stayed)
        for name in files:
            if os.path.lexists(base / name):
                raise UserError(
                    f"{base / name} already exists; move it away, then run 'sco-tracker split' "
                    "again"
                )
        if _comment_lines(old) - _comment_lines(new_main + "".join(files.values())):
            raise UserError("the split would lose a comment, so nothing was written")
        written: list[Path] = []
        made: list[Path] = []
        try:
            for name, text in files.items():
                folder = (base / name).parent
                if not folder.exists():
                    confine(folder, [root])
                    folder.mkdir(parents=True)
                    made.append(folder)
                write_atomic(base / name, text, roots=[root])
                written.append(base / name)
            try:
                after = load_project(file, replace={real(file): new_main})
            except InvalidFile as exc:
                raise InvalidFile(
                    "the split would make the project invalid, so nothing was written",
                    exc.problems,
                ) from None
            if not _same(before, after):
                raise UserError("the split would change the project's entries; nothing was written")
            if yamlfile.read_text(file) != old:
                raise UserError(f"{file} was changed meanwhile; nothing was written")
            write_atomic(file, new_main, roots=[root])
        except BaseException:
            for path in written:
                path.unlink()
            for folder in made:
                folder.rmdir()
            raise
    return Split([(name, *planned.counts[name]) for name in files], planned.stayed)
