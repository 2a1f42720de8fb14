"""commitments.yaml and the files it includes, read and merged into one file's data.

The validator (project.py) sees one mapping: the main file's entries first, then each
included file's, in the order of `include:`. Positions (`MergedPositions`) map every merged
path back to the file and line where it was written, so every problem names its own file.
An included file holds sources, events, parties, party groups, commitments and exclusions
only: `settings:` and `include:` in it are problems, as is any other key.
"""

from __future__ import annotations

import bisect
import hashlib
import os
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from sco_tracker.paths import project_root, real
from sco_tracker.problems import InvalidFile, Problem, did_you_mean
from sco_tracker.spec import codes, yamlfile, yamllocate
from sco_tracker.spec.includes import INCLUDABLE, INCLUDE_KEY, Included, expand
from sco_tracker.spec.yamlfile import Path, Positions

if TYPE_CHECKING:
    from sco_tracker.spec.entrycache import EntryMemo

_LISTS = ("parties", "sources", "events", "commitments", "exclusions")


class MergedPositions(Positions):
    """The positions of the merged data: each path is looked up in the file it came from."""

    def __init__(self, main: Positions) -> None:
        self.file = main.file
        self.main = main
        self.problems = list(main.problems)
        self.keys = {}
        self.values = {}
        #: section -> ([merged start index of each file's entries], [that file's positions])
        self._starts: dict[str, tuple[list[int], list[Positions]]] = {
            name: ([0], [main]) for name in _LISTS
        }
        self._groups: dict[str, Positions] = {}
        #: section -> the index as written (merged) of each entry, in document_order's order.
        self._order: dict[str, list[int]] = {}

    def add_list(self, section: str, start: int, positions: Positions) -> None:
        starts, owners = self._starts[section]
        starts.append(start)
        owners.append(positions)

    def owners(self, section: str) -> tuple[list[int], list[Positions]]:
        """The merged index of the first entry of each file in a list section, and the
        positions of those files (the main file first)."""
        starts, owners = self._starts[section]
        return list(starts), list(owners)

    def add_group(self, gid: str, positions: Positions) -> None:
        self._groups.setdefault(gid, positions)

    def resolve(self, path: Path) -> tuple[Positions, Path]:
        """The positions of the file that holds path, and path within that file."""
        if len(path) >= 2:
            section, key = path[0], path[1]
            if isinstance(key, int) and section in self._starts:
                order = self._order.get(section)
                if order is not None and 0 <= key < len(order):
                    key = order[key]
                starts, owners = self._starts[section]
                k = bisect.bisect_right(starts, key) - 1
                return owners[k], (section, key - starts[k], *path[2:])
            if section == "party_groups" and isinstance(key, str) and key in self._groups:
                return self._groups[key], path
        return self.main, path

    def of_value(self, path: Path) -> tuple[int, int]:
        owner, local = self.resolve(path)
        return owner.of_value(local)

    def of_key(self, path: Path) -> tuple[int, int]:
        owner, local = self.resolve(path)
        return owner.of_key(local)

    def locate(self, path: Path) -> tuple[str, int, int]:
        owner, local = self.resolve(path)
        return (owner.file, *owner.of_value(local))

    def problem(
        self,
        path: Path,
        message: str,
        *,
        at_key: bool = False,
        severity: str = "error",
        code: object = "",
    ) -> Problem:
        owner, local = self.resolve(path)
        return owner.problem(local, message, at_key=at_key, severity=severity, code=code)


def entry_files(positions: Positions, section: str, count: int) -> list[str]:
    """The file that holds each of the first `count` entries of `section` (as merged, in
    document order), relative to the folder of commitments.yaml: 'commitments.yaml',
    'commitments/moscow-2017-10-11.yaml'. Reads no position (the owners only)."""
    folder = os.path.dirname(positions.file)
    names: dict[str, str] = {}

    def name(label: str) -> str:
        found = names.get(label)
        if found is None:
            found = os.path.relpath(label, folder) if folder else label
            names[label] = found = found.replace(os.sep, "/")
        return found

    if not isinstance(positions, MergedPositions):
        return [name(positions.file)] * count
    return [name(positions.resolve((section, i))[0].file) for i in range(count)]


def document_order(
    sources: list[str], sections: dict[str, list[Any]], positions: Positions
) -> tuple[dict[str, list[Any]], Positions]:
    """The commitments and the exclusions (validated, by section) in the order of their
    sources (as the sources are listed), keeping the order in which they are written within
    each source; and the positions that still find each one where it is written.

    Every later step (status, the reports) lists entries in this order, so that it does not
    depend on how the entries are spread over files: a file split into one file per source
    (split) shows the same lists in the same order. Validation runs before, in the order of
    the files, so that its messages do not depend on this either."""
    rank = {sid: i for i, sid in enumerate(sources)}
    last = len(rank)
    merged = positions if isinstance(positions, MergedPositions) else None
    out = dict(sections)
    for section, entries in sections.items():
        keys = [rank.get(getattr(e, "source", ""), last) for e in entries]
        if all(a <= b for a, b in pairwise(keys)):
            continue
        order = sorted(range(len(entries)), key=keys.__getitem__)
        out[section] = [entries[i] for i in order]
        if merged is None:
            merged = MergedPositions(positions)
        previous = merged._order.get(section)
        merged._order[section] = order if previous is None else [previous[i] for i in order]
    return out, merged or positions


@dataclass
class Files:
    """What was read: the merged data and where each part of it is."""

    data: Any
    positions: Positions
    #: SHA-256 of all that was read: of commitments.yaml alone when it includes nothing.
    digest: str
    #: SHA-256 of commitments.yaml alone.
    main_digest: str = ""
    #: The included files (name relative to the project, SHA-256 of its bytes), in order.
    included: list[tuple[str, str]] = field(default_factory=list)
    #: Problems of the included files' shape (a settings key, an unknown key...).
    problems: list[Problem] = field(default_factory=list)
    #: Whether some text may hold a control character (see project._may_hold_controls).
    may_hold_controls: bool = True
    #: The absolute path of each included file, by name.
    paths: dict[str, str] = field(default_factory=dict)
    #: The entries of `include:` as written (the cache expands them again).
    include: list[str] = field(default_factory=list)


def label_of(main_label: str, name: str) -> str:
    """How messages name an included file: as the main file is named, with its folder."""
    folder = os.path.dirname(main_label)
    return os.path.join(folder, name) if folder else name


def read_included(
    main: str | os.PathLike[str],
    main_label: str,
    main_data: Any,
    main_positions: Positions,
    main_digest: str,
    *,
    careful: bool,
    replace: dict[str, str] | None = None,
    memo: EntryMemo | None = None,
) -> Files | None:
    """The merged files; None when careful is False and an included file needs the careful
    reader. Raises InvalidFile for an include that cannot be read (with every such problem).
    memo: the commitments remembered clean (spec/entrycache.py)."""
    from sco_tracker.spec.project import _may_hold_controls  # noqa: PLC0415 - a cycle

    raw = main_data.get(INCLUDE_KEY) if isinstance(main_data, dict) else None
    if raw is None:
        # No included text: whether commitments.yaml's own may hold a control character is
        # the caller's question (project._validated), asked of its text.
        return Files(main_data, main_positions, main_digest, main_digest, may_hold_controls=False)
    found, include_problems = expand(main, raw)
    early: list[Problem] = [
        main_positions.problem(
            (INCLUDE_KEY,) if p.entry is None else (INCLUDE_KEY, p.entry),
            p.message,
            at_key=p.entry is None,
            code=p.code,
        )
        for p in include_problems
    ]
    roots = [project_root(main)]
    parts: list[tuple[Included, str, Any, Positions]] = []
    digests: list[tuple[str, str]] = []
    controls = False
    for inc in found:
        label = label_of(main_label, inc.name)
        try:
            text = (replace or {}).get(real(inc.path))
            if text is None:
                encoded, text = yamlfile.read_bytes_and_text(inc.path, label=label, roots=roots)
            else:
                encoded = text.encode("utf-8", "surrogatepass")
            digests.append((inc.name, hashlib.sha256(encoded).hexdigest()))
            controls = controls or _may_hold_controls(text)
            data = None if careful else yamlfile.fast_parse(text, encoded)
            if data is not None:
                lazy = yamllocate.LazyPositions(label, text, data)
                if memo.plain(data, lazy) if memo is not None else yamlfile.plain(data):
                    parts.append((inc, label, data, lazy))
                    continue
            if not careful:
                return None
            data, positions = yamlfile.parse(text, label)
            parts.append((inc, label, data, positions))
        except InvalidFile as exc:
            early.extend(_at_include(exc, main_positions, inc))
    if early:
        raise InvalidFile(f"{len(early)} problem(s)", early)
    files = _merge(main_data, main_positions, parts)
    h = hashlib.sha256(main_digest.encode())
    for name, digest in digests:
        h.update(f"\n{name}\n{digest}".encode())
    files.digest = h.hexdigest()
    files.main_digest = main_digest
    files.included = digests
    files.may_hold_controls = controls
    files.paths = {inc.name: inc.path for inc, *_ in parts}
    files.include = [raw] if isinstance(raw, str) else list(raw)
    return files


def _at_include(exc: InvalidFile, main: Positions, inc: Included) -> list[Problem]:
    """A file that cannot be read: its own problem, and where include: names it."""
    out: list[Problem] = []
    for p in exc.problems:
        if p.code in (codes.UNREADABLE.code, codes.NO_SUCH_FILE.code):
            code = (
                codes.INCLUDE_OUTSIDE if p.code == codes.UNREADABLE.code else codes.INCLUDE_MISSING
            )
            out.append(
                main.problem(
                    (INCLUDE_KEY, inc.entry),
                    f"the included file '{inc.name}' cannot be used: {p.message}",
                    code=code.code,
                )
            )
        else:
            out.append(p)
    return out or [main.problem((INCLUDE_KEY, inc.entry), exc.message, code=codes.UNREADABLE.code)]


def _merge(
    main_data: dict[str, Any],
    main_positions: Positions,
    parts: list[tuple[Included, str, Any, Positions]],
) -> Files:
    merged: dict[str, Any] = dict(main_data)
    for name in _LISTS:
        if isinstance(merged.get(name), list):
            merged[name] = list(merged[name])
    groups = merged.get("party_groups")
    if isinstance(groups, dict):
        merged["party_groups"] = dict(groups)
    positions = MergedPositions(main_positions)
    problems: list[Problem] = []
    for _inc, _label, data, pos in parts:
        positions.problems.extend(pos.problems)
        if not isinstance(data, dict):
            problems.append(
                pos.problem(
                    (),
                    "an included file must be a mapping with the keys sources, parties, events, "
                    "commitments, exclusions, party_groups",
                    code=codes.NOT_A_MAPPING.code,
                )
            )
            continue
        for key, value in data.items():
            if key == "settings":
                problems.append(
                    pos.problem(
                        (key,),
                        "'settings' belongs in commitments.yaml, not in an included file: move "
                        "it there",
                        at_key=True,
                        code=codes.INCLUDED_SETTINGS.code,
                    )
                )
            elif key == INCLUDE_KEY:
                problems.append(
                    pos.problem(
                        (key,),
                        "an included file cannot include other files: list them all under "
                        "'include:' in commitments.yaml",
                        at_key=True,
                        code=codes.NESTED_INCLUDE.code,
                    )
                )
            elif key not in INCLUDABLE:
                hint = did_you_mean(str(key), INCLUDABLE)
                problems.append(
                    pos.problem(
                        (key,),
                        f"unknown key '{key}'{hint}; an included file holds "
                        + ", ".join(INCLUDABLE),
                        at_key=True,
                        code=codes.UNKNOWN_KEY.code,
                    )
                )
            elif value is None:
                continue
            elif key == "party_groups":
                _merge_groups(merged, positions, pos, value, problems)
            elif not isinstance(value, list):
                problems.append(
                    pos.problem(
                        (key,),
                        f"'{key}' must be a list of entries, each starting with '- '",
                        code=codes.WRONG_TYPE.code,
                    )
                )
            else:
                current = merged.get(key)
                if current is None:
                    current = merged[key] = []
                if isinstance(current, list):  # else: the main file's mistake is reported
                    positions.add_list(key, len(current), pos)
                    current.extend(value)
    return Files(merged, positions, "", problems=problems)


def _merge_groups(
    merged: dict[str, Any],
    positions: MergedPositions,
    pos: Positions,
    value: Any,
    problems: list[Problem],
) -> None:
    if not isinstance(value, dict):
        problems.append(
            pos.problem(
                ("party_groups",),
                "'party_groups' must be a mapping of group ids to lists of party ids, such as "
                "'sco-members: [china, india, kazakhstan]'",
                code=codes.WRONG_TYPE.code,
            )
        )
        return
    current = merged.get("party_groups")
    if current is None:
        current = merged["party_groups"] = {}
    if not isinstance(current, dict):
        return
    for gid, members in value.items():
        if gid in current:
            file, line, _ = positions.locate(("party_groups", gid))
            problems.append(
                pos.problem(
                    ("party_groups", gid),
                    f"duplicate party group '{gid}' (first defined at {file}:{line})",
                    at_key=True,
                    code=codes.DUPLICATE_ID.code,
                )
            )
            continue
        current[gid] = members
        positions.add_group(gid, pos)


def source_ids(main: str | os.PathLike[str], label: str) -> dict[str, tuple[str, int, int]]:
    """The ids the sources of commitments.yaml and the files it includes already use, each with
    where it is written (FILE, LINE, COL: the included file's own), read without validating
    them (a file with mistakes still has its ids); empty when the files cannot be read as YAML
    (validate names why). The first place of an id written twice."""
    if not os.path.exists(main):
        return {}
    try:
        data, positions = yamlfile.load(main, label=label)
        files = read_included(main, label, data, positions, "", careful=True)
    except InvalidFile:
        return {}
    if files is None or not isinstance(files.data, dict):
        return {}
    sources = files.data.get("sources")
    found: dict[str, tuple[str, int, int]] = {}
    for i, s in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(s, dict) and isinstance(s.get("id"), str) and s["id"] not in found:
            found[s["id"]] = files.positions.locate(("sources", i, "id"))
    return found
