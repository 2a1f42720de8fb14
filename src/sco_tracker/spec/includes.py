"""Which files `include:` in commitments.yaml names: paths and patterns, inside the project.

    include:
      - commitments/*.yaml            # a pattern (*, ?, [...], ** for sub-folders)
      - commitments/beijing-2018.yaml # or a file

Each entry is relative to the folder of commitments.yaml and must stay inside the project
(paths.py): a path with '..' out of it, an absolute path or a link that leads out of it is
refused. A pattern's matches come in name order; a pattern that matches nothing, a file that
does not exist and a file included twice (or commitments.yaml itself) are each a problem.
Hidden files and folders (.name) are never matched by a pattern.

Standard library only: the cache (cache.py) expands the patterns again on every hit, to see
that no file was added to or removed from what a pattern matches.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass

from sco_tracker.paths import is_inside, project_root, real

#: The key of commitments.yaml that lists the included files.
INCLUDE_KEY = "include"
#: The sections an included file may hold (settings and include stay in commitments.yaml).
INCLUDABLE = ("parties", "party_groups", "sources", "events", "commitments", "exclusions")
#: Where `draft --write` and `split` put a source's own file: commitments/<source-id>.yaml.
SOURCE_FOLDER = "commitments"
_MAGIC = frozenset("*?[")


def source_file_name(source_id: str) -> str:
    """The file of one source, relative to commitments.yaml: commitments/<source-id>.yaml."""
    return f"{SOURCE_FOLDER}/{source_id}.yaml"


@dataclass(frozen=True)
class Included:
    """One included file: where `include:` names it and where it is."""

    #: The index of the entry of `include:` that names (or matches) it.
    entry: int
    #: Relative to the folder of commitments.yaml, with '/' (as written, or as matched).
    name: str
    #: The absolute path (links inside the project followed).
    path: str


@dataclass(frozen=True)
class IncludeProblem:
    """A problem with entry `entry` of `include:` (None: the key itself); code: codes.py."""

    entry: int | None
    code: str
    message: str


def is_pattern(entry: str) -> bool:
    return any(ch in _MAGIC for ch in entry)


def covers(entries: list[str], name: str) -> bool:
    """Whether an entry of `include:` (a path or a pattern) already names the file `name`
    (relative to the folder of commitments.yaml, with '/')."""
    wanted = name.replace("\\", "/").split("/")
    for entry in entries:
        if not isinstance(entry, str):
            continue
        parts = entry.strip().replace("\\", "/").removeprefix("./").split("/")
        if _match(parts, wanted):
            return True
    return False


def _match(pattern: list[str], name: list[str]) -> bool:
    """glob's rules: '*' stays within a folder, '**' crosses any number of them, and a
    pattern matches a hidden name (.x) only when it starts with a dot itself."""
    from fnmatch import fnmatchcase  # noqa: PLC0415 - only draft --write asks

    if not pattern:
        return not name
    head = pattern[0]
    if head == "**":
        return any(
            _match(pattern[1:], name[k:])
            for k in range(len(name) + 1)
            if not any(n.startswith(".") for n in name[:k])
        )
    if not name or (name[0].startswith(".") and not head.startswith(".")):
        return False
    return fnmatchcase(name[0], head) and _match(pattern[1:], name[1:])


def expand(
    main: str | os.PathLike[str], raw: object
) -> tuple[list[Included], list[IncludeProblem]]:
    """The files that `include:` (raw, as read) names, in order, and the problems found.

    A file is included once: named again (or matched again by another pattern), it is a
    problem, and only its first mention counts."""
    from sco_tracker.spec import codes  # noqa: PLC0415 - its dataclass only when asked

    problems: list[IncludeProblem] = []
    if raw is None:
        return [], problems
    entries = [raw] if isinstance(raw, str) else raw
    if not isinstance(entries, list):
        return [], [
            IncludeProblem(
                None,
                codes.INCLUDE_FORM.code,
                "'include' must be a list of files or patterns, such as '- commitments/*.yaml'",
            )
        ]
    root = project_root(main)
    itself = real(main)
    seen: dict[str, str] = {}  # real path -> the include entry that first named it
    found: list[Included] = []
    for j, entry in enumerate(entries):
        at = None if isinstance(raw, str) else j
        if not isinstance(entry, str) or not entry.strip():
            problems.append(
                IncludeProblem(
                    at,
                    codes.INCLUDE_FORM.code,
                    "an entry of 'include' must be a file name or a pattern, such as "
                    "'commitments/*.yaml'",
                )
            )
            continue
        text = entry.strip().replace("\\", "/")
        if os.path.isabs(text) or text.startswith("~"):
            problems.append(
                IncludeProblem(
                    at,
                    codes.INCLUDE_FORM.code,
                    f"'{entry}' is not relative to the folder of commitments.yaml: write it as "
                    "a path inside the project, such as 'commitments/*.yaml'",
                )
            )
            continue
        if is_pattern(text):
            names = sorted(
                n.replace(os.sep, "/")
                for n in glob.glob(text, root_dir=root, recursive=True)
                if os.path.isfile(os.path.join(root, n))
            )
            names = [n for n in names if real(os.path.join(root, n)) != itself]
            if not names:
                problems.append(
                    IncludeProblem(
                        at,
                        codes.INCLUDE_NO_MATCH.code,
                        f"the pattern '{entry}' matches no file (patterns are relative to the "
                        "folder of commitments.yaml)",
                    )
                )
                continue
        else:
            names = [text.removeprefix("./")]
        for name in names:
            path = os.path.join(root, name)
            target = real(path)
            if not is_inside(target, root):
                problems.append(
                    IncludeProblem(
                        at,
                        codes.INCLUDE_OUTSIDE.code,
                        f"'{name}' leads outside the project folder {root} (to {target}); an "
                        "included file must be inside the project",
                    )
                )
                continue
            if target == itself:
                problems.append(
                    IncludeProblem(
                        at, codes.INCLUDE_TWICE.code, f"'{name}' is commitments.yaml itself"
                    )
                )
                continue
            if not os.path.lexists(path):
                problems.append(
                    IncludeProblem(
                        at,
                        codes.INCLUDE_MISSING.code,
                        f"the included file '{name}' does not exist (looked for {path})",
                    )
                )
                continue
            if target in seen:
                problems.append(
                    IncludeProblem(
                        at,
                        codes.INCLUDE_TWICE.code,
                        f"'{name}' is included twice (already by '{seen[target]}'); name each "
                        "file once",
                    )
                )
                continue
            seen[target] = entry
            found.append(Included(j, name, path))
    return found, problems


def fingerprint(main: str | os.PathLike[str], raw: object) -> list[str]:
    """The names of the files `include:` names now (for the cache): a file added to a folder
    a pattern covers, or removed from it, changes this list."""
    return [f.name for f in expand(main, raw)[0]]
