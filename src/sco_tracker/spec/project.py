"""Load commitments.yaml into a validated Project, collecting every problem before stopping.

Shape first (model.py, entry by entry, so one bad entry does not hide the others), then the
rules that span entries: ids, references, dependency cycles, quotes against the source
text, update dates and statuses.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path as FsPath
from typing import Any, NamedTuple, ParamSpec, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ValidationError

from sco_tracker.problems import InvalidFile, Problem, did_you_mean
from sco_tracker.sources.text import find_quote, paragraphs, quote_in
from sco_tracker.spec import yamlfile
from sco_tracker.spec.dates import Period, parse_period
from sco_tracker.spec.model import (
    CHECKED,
    FAST,
    SECTIONS,
    AssessmentWindow,
    Commitment,
    CommitmentsFile,
    Event,
    Exclusion,
    Kind,
    Party,
    Settings,
    Source,
    Status,
)
from sco_tracker.spec.yamlfile import Path, Positions

DEFAULT_FILE = "commitments.yaml"
#: The section that holds the ids of each kind of reference.
_SECTION_OF = {
    "party": "parties",
    "source": "sources",
    "event": "events",
    "commitment": "commitments",
}


@dataclass(frozen=True)
class ResolvedDue:
    """A commitment's deadline: a period, an event (dated or not), or none."""

    period: Period | None = None
    event: Event | None = None

    @property
    def end(self) -> date | None:
        """The last day to meet it: the end of the period, or the event's date; None if unknown."""
        if self.period is not None:
            return self.period.end
        if self.event is not None:
            return self.event.date
        return None

    @property
    def undated(self) -> bool:
        return self.event is not None and self.event.date is None

    def label(self) -> str:
        """'May 2018', '2018', '31 May 2018', 'at the Qingdao summit (10 June 2018)'."""
        if self.period is not None:
            return self.period.label()
        if self.event is not None:
            when = (
                Period(self.event.date, "day").label() if self.event.date else "date not yet known"
            )
            title = self.event.title
            article = "" if title.lower().startswith("the ") else "the "
            return f"at {article}{title} ({when})"
        return "no due date"


@dataclass
class Project:
    """A validated commitments.yaml and the source texts it quotes."""

    path: FsPath
    settings: Settings
    parties: dict[str, Party]
    sources: dict[str, Source]
    events: dict[str, Event]
    commitments: list[Commitment]
    paragraphs: dict[str, list[str]]
    positions: Positions
    warnings: list[Problem] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    #: SHA-256 of the text that was validated (sync skips its work when it already synced it).
    content_sha256: str | None = None
    _by_id: dict[str, Commitment] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def base_dir(self) -> FsPath:
        return self.path.parent

    def commitment(self, cid: str) -> Commitment | None:
        by_id = self._by_id
        if by_id is None or len(by_id) != len(self.commitments):
            by_id = self._by_id = {}
            for c in self.commitments:
                by_id.setdefault(c.id, c)
        return by_id.get(cid)

    def due(self, c: Commitment) -> ResolvedDue:
        if c.due is None:
            return ResolvedDue()
        period = parse_period(c.due)
        if period is not None:
            return ResolvedDue(period=period)
        return ResolvedDue(event=self.events[c.due])

    def line_of(self, cid: str) -> int:
        for i, c in enumerate(self.commitments):
            if c.id == cid:
                return self.positions.of_value(("commitments", i))[0]
        return 0


def today_in(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _without_gc(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Pause Python's cycle collector while fn reads and validates a file.

    The data read is a tree of a million dicts, lists and models at 10,000 commitments, with no
    reference cycles to find; yet while it grows, the collector walks all of it again and
    again (a third of the time of a validation). Memory is still freed as usual (reference
    counting); the collector resumes, as it was, when fn returns.
    """

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper


@_without_gc
def load_project(
    path: str | os.PathLike[str] = DEFAULT_FILE, *, today: date | None = None
) -> Project:
    """The validated project, or InvalidFile listing every problem (FILE:LINE:COL: message)."""
    fs_path = FsPath(path)
    label = os.fspath(path)
    encoded, text = yamlfile.read_bytes_and_text(fs_path, label=label)
    digest = hashlib.sha256(
        encoded
    ).hexdigest()  # = the hash of text.encode("utf-8", "surrogatepass")
    fast = yamlfile.fast_load(text, encoded)
    del encoded
    if fast is not None:
        # A compiled parser and no positions: a valid file costs little more than its reading.
        # Any problem, and the file is read again carefully so that messages keep their places.
        try:
            project = _Validator(fs_path, yamlfile.LazyPositions(label, text), today).run(fast)
            project.content_sha256 = digest
            return project
        except InvalidFile:
            pass
    data, positions = yamlfile.parse(text, label)
    project = _Validator(fs_path, positions, today).run(data)
    project.content_sha256 = digest
    return project


@_without_gc
def load_project_text(
    text: str, path: str | os.PathLike[str], *, today: date | None = None
) -> Project:
    """Validate text as if it were the content of the file at path (sources/ beside it).

    Used to check an edit before it replaces the file.
    """
    fs_path = FsPath(path)
    data, positions = yamlfile.parse(text, os.fspath(path))
    return _Validator(fs_path, positions, today).run(data)


class _Validator:
    def __init__(self, path: FsPath, positions: Positions, today: date | None) -> None:
        self.path = path
        self.pos = positions
        self.today = today
        self.problems: list[Problem] = list(positions.problems)
        self.warnings: list[Problem] = []
        self.bad_paths: set[Path] = set()
        #: Sections missing or not a list: references to them cannot be checked.
        self.broken: set[str] = set()
        #: The assessment windows of settings, by id (set by run before the commitments' checks).
        self.windows: dict[str, AssessmentWindow] = {}

    # -- reporting ---------------------------------------------------------------------------
    def error(self, path: Path, message: str, *, at_key: bool = False) -> None:
        self.problems.append(self.pos.problem(path, message, at_key=at_key))

    def warn(self, path: Path, message: str) -> None:
        self.warnings.append(self.pos.problem(path, message, severity="warning"))

    # -- phases ------------------------------------------------------------------------------
    def run(self, data: Any) -> Project:
        if not isinstance(data, dict):
            self.error(
                (),
                "the file must be a mapping with the keys settings, parties, sources, events, "
                "commitments",
            )
            raise InvalidFile("invalid file", self.problems)
        known = CommitmentsFile.model_fields
        for key in data:
            if key not in known:
                hint = did_you_mean(key, known)
                self.error((key,), f"unknown key '{key}'{hint}", at_key=True)
                for section in SECTIONS:  # a misspelt section: its ids are unknown, not missing
                    if hint == f" (did you mean '{section}'?)" and section not in data:
                        self.broken.add(section)
        for key in ("parties", "sources", "commitments"):
            if key not in data:
                self.error((), f"missing required section '{key}'")
                self.broken.add(key)

        settings = self.shape(Settings, data.get("settings") or {}, ("settings",)) or Settings()
        self.check_timezone(settings)
        self.windows = self.check_windows(settings)
        today = self.today or today_in(settings.timezone if self.tz_ok else "UTC")

        sections: dict[str, list[tuple[int, Any]]] = {}
        raws: dict[str, list[Any]] = {}
        for name, model in SECTIONS.items():
            raw = data.get(name)
            items: list[tuple[int, Any]] = []
            if raw is None:
                raw = []
            if not isinstance(raw, list):
                self.error((name,), f"'{name}' must be a list of entries, each starting with '- '")
                self.broken.add(name)
                raw = []
            for i, entry in enumerate(raw):
                obj = self.shape(model, entry, (name, i))
                if obj is not None:
                    items.append((i, obj))
                    # The model now holds the entry: let the parsed mapping go (only its id is
                    # looked at again), so that 100,000 commitments are not in memory twice.
                    raw[i] = {"id": entry.get("id")}
            sections[name] = items
            raws[name] = raw

        # Ids count whether or not the rest of their entry is well formed, so one typo is one
        # message, and a duplicate id is found even in an entry with other mistakes.
        parties = self.unique_ids("parties", raws["parties"], sections["parties"])
        sources = self.unique_ids("sources", raws["sources"], sections["sources"])
        events = self.unique_ids("events", raws["events"], sections["events"])
        commitment_ids = self.unique_ids(
            "commitments", raws["commitments"], sections["commitments"]
        )

        texts = self.source_texts(sections["sources"])
        good = dict(sections["commitments"])
        graph: list[tuple[int, str, list[str]]] = []
        for i, entry in enumerate(raws["commitments"]):
            c = good.get(i)
            if c is not None:
                refs = _Refs(c.id, c.source, list(c.parties), c.lead, list(c.depends_on), c.due)
                self.check_references(i, refs, parties, sources, events, commitment_ids)
                self.check_commitment(i, c, sources, texts, today, parties, commitment_ids)
            elif isinstance(entry, dict):
                # The shape failed: still check the references that are themselves well formed,
                # so that a misspelt party is not hidden behind an unrelated mistake.
                refs = self.raw_refs(i, entry)
                self.check_references(i, refs, parties, sources, events, commitment_ids)
            else:
                continue
            if refs.id is not None:
                graph.append((i, refs.id, refs.depends_on))
        self.check_cycles(graph)
        self.check_restates(sections["commitments"], sources)
        for i, c in sections["commitments"]:
            if c.draft:
                self.warn(
                    ("commitments", i, "draft"),
                    f"commitment '{c.id}' is a draft proposed by 'sco-tracker draft': review it, "
                    "then remove 'draft: true'",
                )
        exclusions = self.check_exclusions(data.get("exclusions"), sources, texts)

        if self.problems:
            invalid = InvalidFile(f"{len(self.problems)} problem(s)", self.problems)
            invalid.warnings = sorted(self.warnings)  # validate shows them with the problems
            raise invalid
        return Project(
            path=self.path,
            settings=settings,
            parties={k: v for k, v in parties.items() if v is not None},
            sources={k: v for k, v in sources.items() if v is not None},
            events={k: v for k, v in events.items() if v is not None},
            commitments=[c for _, c in sections["commitments"]],
            paragraphs={sid: paras for sid, paras in texts.items() if paras is not None},
            positions=self.pos,
            warnings=sorted(self.warnings),
            exclusions=exclusions,
        )

    # -- shape -------------------------------------------------------------------------------
    def shape(self, model: type[BaseModel], raw: Any, base: Path) -> Any:
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = err["loc"]
                if (
                    FAST in loc
                ):  # the compiled shortcut refused it; the Python validator's error follows
                    continue
                if CHECKED in loc:
                    err["loc"] = loc = tuple(p for p in loc if p != CHECKED)
                self.bad_paths.add(base + tuple(loc))
                self.translate(model, err, base)
            return None

    def is_bad(self, path: Path) -> bool:
        """Whether a shape problem was reported at path or inside it."""
        return bool(self.bad_paths) and any(bad[: len(path)] == path for bad in self.bad_paths)

    def translate(self, model: type[BaseModel], err: Any, base: Path) -> None:
        loc = tuple(err["loc"])
        kind = err["type"]
        path = base + loc
        name = str(loc[-1]) if loc else str(base[-1]) if base else "value"
        where = ".".join(str(p) for p in loc) or str(name)
        value = err.get("input")
        if not loc and len(base) == 2 and isinstance(base[1], int):
            # A whole entry of a section, e.g. '- just text' among the commitments.
            example = (
                "id: ..., title: ..." if base[0] != "parties" else "id: ..., name: ..., kind: ..."
            )
            if kind in ("model_type", "dict_type", "model_attributes_type"):
                self.error(
                    base,
                    f"each entry of '{base[0]}' should be a mapping of keys to values "
                    f"({example}), got {_describe(value)}",
                )
                return
        if kind == "enum" and not isinstance(value, str):
            expected = err.get("ctx", {}).get("expected", "")
            choices = [s.strip(" '") for s in expected.replace(" or ", ",").split(",") if s.strip()]
            self.error(
                path, f"'{where}' should be one of: {', '.join(choices)}; got {_describe(value)}"
            )
        elif kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            fields = list(owner.model_fields) if owner else []
            self.error(
                path,
                f"unknown key '{name}'{did_you_mean(name, fields)}; allowed here: "
                f"{', '.join(fields)}",
                at_key=True,
            )
        elif kind == "missing":
            self.error(path[:-1], f"missing required field '{name}'")
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            choices = [s.strip(" '") for s in expected.replace(" or ", ",").split(",") if s.strip()]
            self.error(
                path,
                f"unknown {name} '{value}'{did_you_mean(str(value), choices)}; expected one of: "
                f"{', '.join(choices)}",
            )
        elif value is None and kind.endswith("_type"):
            self.error(path, f"'{where}' has no value")
        elif kind == "value_error":
            self.error(path, err["msg"].removeprefix("Value error, "))
        elif kind in ("string_type",):
            self.error(path, f"'{where}' should be text, got {_describe(value)}")
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            self.error(path, f"'{where}' should be a whole number, got {_describe(value)}")
        elif kind == "list_type":
            self.error(
                path, f"'{where}' should be a list (one '- ' item per line), got {_describe(value)}"
            )
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            self.error(
                path, f"'{where}' should be a mapping of keys to values, got {_describe(value)}"
            )
        elif kind == "string_too_short":
            self.error(path, f"'{where}' must not be empty")
        elif kind == "too_short":
            what = "text" if isinstance(value, str) else "list"
            self.error(
                path,
                f"'{where}' must not be empty"
                if what == "text"
                else f"'{where}' needs at least one item",
            )
        elif kind == "greater_than_equal":
            self.error(path, f"'{where}' must be at least {err['ctx']['ge']}, got {value}")
        elif kind == "less_than_equal":
            self.error(
                path, f"'{where}' must be at most {err['ctx']['le']}, got {_describe(value)}"
            )
        else:
            self.error(path, f"'{where}': {err['msg']}")

    # -- cross-entry rules ---------------------------------------------------------------------
    tz_ok = True

    def check_timezone(self, settings: Settings) -> None:
        try:
            ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError, TypeError):
            self.tz_ok = False
            self.error(
                ("settings", "timezone"),
                f"unknown timezone {_describe(settings.timezone)}; use an IANA name such as "
                "'UTC' or 'Asia/Shanghai'",
            )

    def unique_ids(
        self, section: str, raw: list[Any], items: list[tuple[int, Any]]
    ) -> dict[str, Any]:
        """Known ids -> the valid entry (None when the entry has other problems); reports
        duplicates."""
        valid = dict(items)
        seen: dict[str, int] = {}
        known: dict[str, Any] = {}
        for i, entry in enumerate(raw):
            if not isinstance(entry, dict) or self.is_bad((section, i, "id")):
                continue
            eid = entry.get("id")
            if not isinstance(eid, str):
                continue
            if eid in seen:
                first_line = self.pos.of_value((section, seen[eid], "id"))[0]
                self.error(
                    (section, i, "id"), f"duplicate id '{eid}' (first used at line {first_line})"
                )
                continue
            seen[eid] = i
            known[eid] = valid.get(i)
        return known

    def source_texts(self, sources: list[tuple[int, Source]]) -> dict[str, list[str] | None]:
        texts: dict[str, list[str] | None] = {}
        for i, s in sources:
            if s.text is None:
                texts[s.id] = None
                continue
            texts[s.id] = None
            where: Path = ("sources", i, "text")
            parts = s.text.replace("\\", "/").split("/")
            if os.path.isabs(s.text) or ".." in parts or not s.text.strip():
                self.error(
                    where,
                    "'text' must be a file name under sources/, such as 'beijing-2018.txt', got "
                    f"'{s.text}'",
                )
                continue
            file = self.path.parent / "sources" / s.text
            try:
                texts[s.id] = paragraphs(yamlfile.read_text(file))
            except InvalidFile as exc:
                reason = exc.problems[0].message if exc.problems else exc.message
                if reason == "no such file":
                    self.error(
                        where,
                        f"source text '{s.text}' not found under sources/ (looked for {file})",
                    )
                else:
                    self.error(where, f"source text '{s.text}' cannot be used: {reason}")
        return texts

    def ref(self, path: Path, value: str, known: dict[str, Any], what: str) -> None:
        if value not in known and _SECTION_OF[what] not in self.broken:
            self.error(path, f"unknown {what} '{value}'{did_you_mean(value, known)}")

    def raw_refs(self, i: int, entry: dict[str, Any]) -> _Refs:
        """The references of a commitment whose shape failed, leaving out the malformed ones."""
        base: Path = ("commitments", i)

        def text(key: str) -> str | None:
            value = entry.get(key)
            return value if isinstance(value, str) and not self.is_bad(base + (key,)) else None

        def texts(key: str) -> list[str]:
            value = entry.get(key)
            if not isinstance(value, list) or self.is_bad(base + (key,)):
                return []
            return [v if isinstance(v, str) else "" for v in value]

        due = entry.get("due")
        return _Refs(
            text("id"),
            text("source"),
            texts("parties"),
            text("lead"),
            texts("depends_on"),
            due if isinstance(due, str) and not self.is_bad(base + ("due",)) else None,
        )

    def check_references(
        self,
        i: int,
        r: _Refs,
        parties: dict[str, Any],
        sources: dict[str, Any],
        events: dict[str, Any],
        commitments: dict[str, Any],
    ) -> None:
        base: Path = ("commitments", i)
        if r.source is not None:
            self.ref(base + ("source",), r.source, sources, "source")
        for j, p in enumerate(r.parties):
            if p and p not in parties:  # (checked here too: most commitments name many parties)
                self.ref(base + ("parties", j), p, parties, "party")
        if r.lead is not None:
            self.ref(base + ("lead",), r.lead, parties, "party")
            if r.lead in parties and r.parties and r.lead not in r.parties:
                self.error(
                    base + ("lead",), f"lead '{r.lead}' is not among the commitment's parties"
                )
        for j, d in enumerate(r.depends_on):
            if d:
                self.ref(base + ("depends_on", j), d, commitments, "commitment")
        if r.due is not None:
            try:
                period = parse_period(r.due)
            except ValueError:
                period = None  # an impossible date; the shape check reports it
            if period is None and not self.is_bad(base + ("due",)):
                self.ref(base + ("due",), r.due, events, "event")

    def check_commitment(
        self,
        i: int,
        c: Commitment,
        sources: dict[str, Source | None],
        texts: dict[str, list[str] | None],
        today: date,
        parties: dict[str, Party | None],
        commitments: dict[str, Commitment | None],
    ) -> None:
        base: Path = ("commitments", i)
        if c.kind is Kind.deliverable and c.due is None:
            self.error(base, "a deliverable needs a 'due' (a date, a month, a year or an event id)")
        if c.kind is Kind.continuous and c.review_every is None:
            self.error(base, "a continuous commitment needs 'review_every' (e.g. 'every 6 months')")

        paras = texts.get(c.source)
        src = sources.get(c.source)
        if src is not None and paras is None and src.text is None:
            self.warn(
                base + ("quote",),
                f"the quote cannot be verified: source '{c.source}' has no local text",
            )
        elif paras is not None:
            if c.paragraph is None:
                self.error(
                    base,
                    f"missing required field 'paragraph': source '{c.source}' has a local text, "
                    "so say which paragraph the quote is in",
                )
            elif c.paragraph > len(paras):
                self.error(
                    base + ("paragraph",),
                    f"paragraph {c.paragraph} is out of range: source '{c.source}' has "
                    f"{len(paras)} paragraphs",
                )
            elif not quote_in(c.quote, paras[c.paragraph - 1]):
                found = find_quote(c.quote, paras)
                hint = f"; it is in paragraph {found}" if found else ""
                self.error(
                    base + ("quote",),
                    f"the quote is not in paragraph {c.paragraph} of source '{c.source}'{hint}",
                )

        previous: date | None = None
        for j, u in enumerate(c.updates):
            if u.date > today:
                self.error(
                    base + ("updates", j, "date"),
                    f"update dated {u.date} is in the future (today is {today})",
                )
            if previous is not None and u.date < previous:
                self.error(
                    base + ("updates", j, "date"),
                    f"updates are out of order: {u.date} comes after {previous}; list them "
                    "oldest first",
                )
            previous = u.date
        if c.restates is not None:
            self.ref(base + ("restates",), c.restates, commitments, "commitment")
        if c.assessments:
            self.check_assessments(base, c, parties, today)
        for u in reversed(c.updates):  # the latest update that sets a status
            if u.status is not None:
                if u.status != c.status:
                    self.error(
                        base + ("status",),
                        f"status '{c.status.value}' disagrees with the latest update that sets one "
                        f"({u.date}: {u.status.value})",
                    )
                break

    def check_windows(self, settings: Settings) -> dict[str, AssessmentWindow]:
        windows: dict[str, AssessmentWindow] = {}
        for i, w in enumerate(settings.assessment_windows):
            path: Path = ("settings", "assessment_windows", i)
            if w.id in windows:
                first = self.pos.of_value(path[:-1] + (list(windows).index(w.id), "id"))[0]
                self.error(
                    path + ("id",),
                    f"duplicate assessment window id '{w.id}' (first used at line {first})",
                )
                continue
            if w.end < w.start:
                self.error(
                    path + ("end",),
                    f"assessment window '{w.id}' ends ({w.end}) before it starts ({w.start})",
                )
            windows[w.id] = w
        return windows

    def check_assessments(
        self, base: Path, c: Commitment, parties: dict[str, Party | None], today: date
    ) -> None:
        seen: dict[tuple[str, str], int] = {}
        for j, a in enumerate(c.assessments):
            apath: Path = base + ("assessments", j)
            shown = "+1" if a.score == 1 else str(a.score)
            if a.party not in parties:
                self.ref(apath + ("party",), a.party, parties, "party")
            elif a.party not in c.parties:
                self.error(
                    apath + ("party",),
                    f"'{a.party}' is not among the parties of commitment '{c.id}' "
                    f"({', '.join(c.parties)}): score only the parties that made the commitment",
                )
            if a.window not in self.windows:
                if self.windows:
                    self.error(
                        apath + ("window",),
                        "unknown assessment window "
                        f"'{a.window}'{did_you_mean(a.window, self.windows)}; the windows are: "
                        f"{', '.join(self.windows)}",
                    )
                else:
                    self.error(
                        apath + ("window",),
                        f"unknown assessment window '{a.window}': define it under "
                        "settings.assessment_windows (id, start, end)",
                    )
            else:
                w = self.windows[a.window]
                if a.date > w.end:
                    self.error(
                        apath + ("date",),
                        f"evidence dated {a.date} is after the end of window '{w.id}' ({w.end}): "
                        "score it in a later window",
                    )
            if a.score != "n/a" and not (a.source or "").strip():
                self.error(
                    apath,
                    f"the score {shown} for '{a.party}' has no source: add 'source:' with a link "
                    "to the evidence",
                )
            if a.score == "n/a" and not (a.note or "").strip():
                self.error(
                    apath,
                    f"n/a for '{a.party}' needs a 'note' saying why the commitment does not "
                    "apply to it",
                )
            if a.date > today:
                self.error(
                    apath + ("date",),
                    f"assessment dated {a.date} is in the future (today is {today})",
                )
            key = (a.party, a.window)
            if key in seen:
                first = self.pos.of_value(base + ("assessments", seen[key]))[0]
                self.error(
                    apath + ("party",),
                    f"'{a.party}' is assessed twice in window '{a.window}' (first at line "
                    f"{first}): one score per party per window",
                )
            else:
                seen[key] = j

    def check_restates(
        self, items: list[tuple[int, Commitment]], sources: dict[str, Source]
    ) -> None:
        by_id = {c.id: (i, c) for i, c in items}
        reported: set[frozenset[str]] = set()
        for i, c in items:
            if c.restates is None:
                continue
            path: Path = ("commitments", i, "restates")
            if c.restates == c.id:
                self.error(path, f"commitment '{c.id}' restates itself")
                reported.add(frozenset([c.id]))
                continue
            earlier = by_id.get(c.restates)
            if earlier is not None:
                mine, theirs = sources.get(c.source), sources.get(earlier[1].source)
                if mine is not None and theirs is not None and theirs.date > mine.date:
                    self.error(
                        path,
                        f"'{c.id}' (source dated {mine.date}) cannot restate '{c.restates}', "
                        f"which comes from a later source ('{theirs.id}', {theirs.date}): a "
                        "commitment restates an earlier one",
                    )
            trail = [c.id]
            node: str | None = c.restates
            while node is not None and node in by_id:
                if node in trail:
                    cycle = trail[trail.index(node) :] + [node]
                    members = frozenset(cycle)
                    if members not in reported and node == c.id:
                        reported.add(members)
                        self.error(path, "restatement cycle: " + " -> ".join(cycle))
                    break
                trail.append(node)
                node = by_id[node][1].restates

    def check_exclusions(
        self, raw: Any, sources: dict[str, Source], texts: dict[str, list[str] | None]
    ) -> list[Exclusion]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.error(
                ("exclusions",), "'exclusions' must be a list of entries, each starting with '- '"
            )
            return []
        result: list[Exclusion] = []
        for i, entry in enumerate(raw):
            x = self.shape(Exclusion, entry, ("exclusions", i))
            if x is None:
                continue
            result.append(x)
            base: Path = ("exclusions", i)
            self.ref(base + ("source",), x.source, sources, "source")
            if x.reason.value == "other" and not (x.note or "").strip():
                self.error(
                    base + ("reason",),
                    "an exclusion with reason 'other' needs a 'note' saying why the sentence is "
                    "not a commitment",
                )
            if x.draft:
                self.warn(
                    base + ("draft",),
                    f"exclusion of paragraph {x.paragraph} is a draft proposed by 'sco-tracker "
                    "draft': review it, then remove 'draft: true'",
                )
            paras = texts.get(x.source)
            if paras is None:
                continue
            if x.paragraph > len(paras):
                self.error(
                    base + ("paragraph",),
                    f"paragraph {x.paragraph} is out of range: source '{x.source}' has "
                    f"{len(paras)} paragraphs",
                )
            elif x.quote is not None and not quote_in(x.quote, paras[x.paragraph - 1]):
                found = find_quote(x.quote, paras)
                hint = f"; it is in paragraph {found}" if found else ""
                self.error(
                    base + ("quote",),
                    f"the quote is not in paragraph {x.paragraph} of source '{x.source}'{hint}",
                )
        return result

    def check_cycles(self, items: list[tuple[int, str, list[str]]]) -> None:
        graph: dict[str, list[str]] = {}
        index: dict[str, int] = {}
        for i, cid, deps in items:
            if cid not in graph:  # a duplicate id is reported elsewhere
                graph[cid] = deps
                index[cid] = i
        state: dict[str, int] = {}  # 1 visiting, 2 done
        reported: set[frozenset[str]] = set()
        for start in graph:
            if state.get(start):
                continue
            stack: list[tuple[str, int]] = [(start, 0)]
            trail: list[str] = [start]
            state[start] = 1
            while stack:
                node, k = stack[-1]
                deps = graph.get(node, [])
                if k < len(deps):
                    stack[-1] = (node, k + 1)
                    nxt = deps[k]
                    if nxt not in graph:
                        continue
                    if state.get(nxt) == 1:
                        cycle = trail[trail.index(nxt) :] + [nxt]
                        members = frozenset(cycle)
                        if members not in reported:
                            reported.add(members)
                            j = graph[node].index(nxt)
                            self.error(
                                ("commitments", index[node], "depends_on", j),
                                "dependency cycle: " + " -> ".join(cycle),
                            )
                    elif not state.get(nxt):
                        state[nxt] = 1
                        stack.append((nxt, 0))
                        trail.append(nxt)
                else:
                    state[node] = 2
                    stack.pop()
                    trail.pop()


class _Refs(NamedTuple):
    """What a commitment refers to: the part of it checked against the other entries."""

    id: str | None
    source: str | None
    parties: list[str]
    lead: str | None
    depends_on: list[str]
    due: str | None


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the fields at loc (skipping list indexes)."""

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return None
        ann = fields[part].annotation
        for arg in (ann, *typing.get_args(ann)):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                current = arg
                break
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def status_on(c: Commitment, day: date) -> Status:
    """The commitment's status on a day: from the updates dated up to that day.

    Before any dated update sets a status, a commitment is as the source left it: planned.
    When there are no status updates at all, the status in the file stands.
    """
    if not any(u.status is not None for u in c.updates):
        return c.status
    current = Status.planned
    for u in c.updates:
        if u.date > day:
            break
        if u.status is not None:
            current = u.status
    return current
