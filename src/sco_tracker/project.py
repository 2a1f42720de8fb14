"""Load commitments.yaml into a validated Project, collecting every problem before stopping.

Shape first (model.py, entry by entry, so one bad entry does not hide the others), then the
rules that span entries: ids, references, dependency cycles, quotes against the source
text, update dates and statuses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from sco_tracker import yamlfile
from sco_tracker.dates import Period, parse_period
from sco_tracker.model import (
    SECTIONS,
    AssessmentWindow,
    Commitment,
    CommitmentsFile,
    Event,
    Exclusion,
    Party,
    Settings,
    Source,
    Status,
)
from sco_tracker.problems import InvalidFile, Problem, did_you_mean
from sco_tracker.text import find_quote, paragraphs, quote_in
from sco_tracker.yamlfile import Path, Positions

DEFAULT_FILE = "commitments.yaml"


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
            when = Period(self.event.date, "day").label() if self.event.date else "date not yet known"
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

    @property
    def base_dir(self) -> FsPath:
        return self.path.parent

    def commitment(self, cid: str) -> Commitment | None:
        return next((c for c in self.commitments if c.id == cid), None)

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
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(timezone)).date()


def load_project(path: str | os.PathLike[str] = DEFAULT_FILE, *, today: date | None = None) -> Project:
    """The validated project, or InvalidFile listing every problem (FILE:LINE:COL: message)."""
    fs_path = FsPath(path)
    label = os.fspath(path)
    data, positions = yamlfile.load(fs_path, label=label)
    return _Validator(fs_path, positions, today).run(data)


def load_project_text(text: str, path: str | os.PathLike[str], *, today: date | None = None) -> Project:
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

    # -- reporting ---------------------------------------------------------------------------
    def error(self, path: Path, message: str, *, at_key: bool = False) -> None:
        self.problems.append(self.pos.problem(path, message, at_key=at_key))

    def warn(self, path: Path, message: str) -> None:
        self.warnings.append(self.pos.problem(path, message, severity="warning"))

    # -- phases ------------------------------------------------------------------------------
    def run(self, data: Any) -> Project:
        if not isinstance(data, dict):
            self.error((), "the file must be a mapping with the keys settings, parties, sources, events, commitments")
            raise InvalidFile("invalid file", self.problems)
        known = CommitmentsFile.model_fields
        for key in data:
            if key not in known:
                self.error((key,), f"unknown key '{key}'{did_you_mean(key, known)}", at_key=True)
        for key in ("parties", "sources", "commitments"):
            if key not in data:
                self.error((), f"missing required section '{key}'")

        settings = self.shape(Settings, data.get("settings") or {}, ("settings",)) or Settings()
        self.check_timezone(settings)
        self.windows = self.check_windows(settings)
        today = self.today or today_in(settings.timezone if self.tz_ok else "UTC")

        sections: dict[str, list[tuple[int, Any]]] = {}
        for name, model in SECTIONS.items():
            raw = data.get(name)
            items: list[tuple[int, Any]] = []
            if raw is None:
                raw = []
            if not isinstance(raw, list):
                self.error((name,), f"'{name}' must be a list of entries, each starting with '- '")
                raw = []
            for i, entry in enumerate(raw):
                obj = self.shape(model, entry, (name, i))
                if obj is not None:
                    items.append((i, obj))
            sections[name] = items

        parties = self.unique_ids("parties", sections["parties"])
        sources = self.unique_ids("sources", sections["sources"])
        events = self.unique_ids("events", sections["events"])
        commitment_ids = self.unique_ids("commitments", sections["commitments"])
        # Ids of entries whose shape failed still count as known, so one typo is one message.
        for name, known_ids in (("parties", parties), ("sources", sources), ("events", events), ("commitments", commitment_ids)):
            for entry in data.get(name) or []:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    known_ids.setdefault(entry["id"], None)  # type: ignore[arg-type]

        texts = self.source_texts(sections["sources"])
        for i, c in sections["commitments"]:
            self.check_commitment(i, c, parties, sources, events, commitment_ids, texts, today)
        self.check_cycles(sections["commitments"])
        self.check_restates(sections["commitments"], sources)
        for i, c in sections["commitments"]:
            if c.draft:
                self.warn(("commitments", i, "draft"), f"commitment '{c.id}' is a draft proposed by 'sco-tracker draft': review it, then remove 'draft: true'")
        exclusions = self.check_exclusions(data.get("exclusions"), sources, texts)

        if self.problems:
            raise InvalidFile(f"{len(self.problems)} problem(s)", self.problems)
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
                self.translate(model, err, base)
            return None

    def translate(self, model: type[BaseModel], err: Any, base: Path) -> None:
        loc = tuple(err["loc"])
        kind = err["type"]
        path = base + loc
        name = str(loc[-1]) if loc else base[-1] if base else "value"
        where = ".".join(str(p) for p in loc) or str(name)
        value = err.get("input")
        if kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            fields = list(owner.model_fields) if owner else []
            self.error(path, f"unknown key '{name}'{did_you_mean(name, fields)}; allowed here: {', '.join(fields)}", at_key=True)
        elif kind == "missing":
            self.error(path[:-1], f"missing required field '{name}'")
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            choices = [s.strip(" '") for s in expected.replace(" or ", ",").split(",") if s.strip()]
            self.error(path, f"unknown {name} '{value}'{did_you_mean(str(value), choices)}; expected one of: {', '.join(choices)}")
        elif value is None and kind.endswith("_type"):
            self.error(path, f"'{where}' has no value")
        elif kind == "value_error":
            self.error(path, err["msg"].removeprefix("Value error, "))
        elif kind in ("string_type",):
            self.error(path, f"'{where}' should be text, got {_describe(value)}")
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            self.error(path, f"'{where}' should be a whole number, got {_describe(value)}")
        elif kind == "list_type":
            self.error(path, f"'{where}' should be a list (one '- ' item per line), got {_describe(value)}")
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            self.error(path, f"'{where}' should be a mapping of keys to values, got {_describe(value)}")
        elif kind == "too_short":
            what = "text" if isinstance(value, str) else "list"
            self.error(path, f"'{where}' must not be empty" if what == "text" else f"'{where}' needs at least one item")
        elif kind == "greater_than_equal":
            self.error(path, f"'{where}' must be at least {err['ctx']['ge']}, got {value}")
        else:
            self.error(path, f"'{where}': {err['msg']}")

    # -- cross-entry rules ---------------------------------------------------------------------
    tz_ok = True

    def check_timezone(self, settings: Settings) -> None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            self.tz_ok = False
            self.error(("settings", "timezone"), f"unknown timezone '{settings.timezone}'; use an IANA name such as 'UTC' or 'Asia/Shanghai'")

    def unique_ids(self, section: str, items: list[tuple[int, Any]]) -> dict[str, Any]:
        seen: dict[str, tuple[int, Any]] = {}
        for i, obj in items:
            if obj.id in seen:
                first_line = self.pos.of_value((section, seen[obj.id][0], "id"))[0]
                self.error((section, i, "id"), f"duplicate id '{obj.id}' (first used at line {first_line})")
            else:
                seen[obj.id] = (i, obj)
        return {k: obj for k, (_, obj) in seen.items()}

    def source_texts(self, sources: list[tuple[int, Source]]) -> dict[str, list[str] | None]:
        texts: dict[str, list[str] | None] = {}
        for i, s in sources:
            if s.text is None:
                texts[s.id] = None
                continue
            file = self.path.parent / "sources" / s.text
            try:
                texts[s.id] = paragraphs(yamlfile.read_text(file))
            except InvalidFile:
                texts[s.id] = None
                self.error(("sources", i, "text"), f"source text '{s.text}' not found under sources/ (looked for {file})")
        return texts

    def ref(self, path: Path, value: str, known: dict[str, Any], what: str) -> None:
        if value not in known:
            self.error(path, f"unknown {what} '{value}'{did_you_mean(value, known)}")

    def check_commitment(
        self,
        i: int,
        c: Commitment,
        parties: dict[str, Party],
        sources: dict[str, Source],
        events: dict[str, Event],
        commitments: dict[str, Commitment],
        texts: dict[str, list[str] | None],
        today: date,
    ) -> None:
        base: Path = ("commitments", i)
        self.ref(base + ("source",), c.source, sources, "source")
        for j, p in enumerate(c.parties):
            self.ref(base + ("parties", j), p, parties, "party")
        if c.lead is not None:
            self.ref(base + ("lead",), c.lead, parties, "party")
            if c.lead in parties and c.lead not in c.parties:
                self.error(base + ("lead",), f"lead '{c.lead}' is not among the commitment's parties")
        for j, d in enumerate(c.depends_on):
            self.ref(base + ("depends_on", j), d, commitments, "commitment")
        if c.due is not None and parse_period(c.due) is None:
            self.ref(base + ("due",), c.due, events, "event")
        if c.kind.value == "deliverable" and c.due is None:
            self.error(base, "a deliverable needs a 'due' (a date, a month, a year or an event id)")
        if c.kind.value == "continuous" and c.review_every is None:
            self.error(base, "a continuous commitment needs 'review_every' (e.g. 'every 6 months')")

        paras = texts.get(c.source)
        if c.source in sources and paras is None and sources[c.source].text is None:
            self.warn(base + ("quote",), f"the quote cannot be verified: source '{c.source}' has no local text")
        elif paras is not None:
            if c.paragraph is None:
                self.error(base, f"missing required field 'paragraph': source '{c.source}' has a local text, so say which paragraph the quote is in")
            elif c.paragraph > len(paras):
                self.error(base + ("paragraph",), f"paragraph {c.paragraph} is out of range: source '{c.source}' has {len(paras)} paragraphs")
            elif not quote_in(c.quote, paras[c.paragraph - 1]):
                found = find_quote(c.quote, paras)
                hint = f"; it is in paragraph {found}" if found else ""
                self.error(base + ("quote",), f"the quote is not in paragraph {c.paragraph} of source '{c.source}'{hint}")

        previous: date | None = None
        for j, u in enumerate(c.updates):
            upath = base + ("updates", j, "date")
            if u.date > today:
                self.error(upath, f"update dated {u.date} is in the future (today is {today})")
            if previous is not None and u.date < previous:
                self.error(upath, f"updates are out of order: {u.date} comes after {previous}; list them oldest first")
            previous = u.date
        if c.restates is not None:
            self.ref(base + ("restates",), c.restates, commitments, "commitment")
        self.check_assessments(base, c, parties, today)
        latest = next((u for u in reversed(c.updates) if u.status is not None), None)
        if latest is not None and latest.status != c.status:
            self.error(
                base + ("status",),
                f"status '{c.status.value}' disagrees with the latest update that sets one "
                f"({latest.date}: {latest.status.value})",
            )

    windows: dict[str, AssessmentWindow] = {}

    def check_windows(self, settings: Settings) -> dict[str, AssessmentWindow]:
        windows: dict[str, AssessmentWindow] = {}
        for i, w in enumerate(settings.assessment_windows):
            path: Path = ("settings", "assessment_windows", i)
            if w.id in windows:
                first = self.pos.of_value(path[:-1] + (list(windows).index(w.id), "id"))[0]
                self.error(path + ("id",), f"duplicate assessment window id '{w.id}' (first used at line {first})")
                continue
            if w.end < w.start:
                self.error(path + ("end",), f"assessment window '{w.id}' ends ({w.end}) before it starts ({w.start})")
            windows[w.id] = w
        return windows

    def check_assessments(self, base: Path, c: Commitment, parties: dict[str, Party], today: date) -> None:
        seen: dict[tuple[str, str], int] = {}
        for j, a in enumerate(c.assessments):
            apath: Path = base + ("assessments", j)
            shown = "+1" if a.score == 1 else str(a.score)
            if a.party not in parties:
                self.ref(apath + ("party",), a.party, parties, "party")
            elif a.party not in c.parties:
                self.error(
                    apath + ("party",),
                    f"'{a.party}' is not among the parties of commitment '{c.id}' ({', '.join(c.parties)}): "
                    "score only the parties that made the commitment",
                )
            if a.window not in self.windows:
                if self.windows:
                    self.error(
                        apath + ("window",),
                        f"unknown assessment window '{a.window}'{did_you_mean(a.window, self.windows)}; "
                        f"the windows are: {', '.join(self.windows)}",
                    )
                else:
                    self.error(apath + ("window",), f"unknown assessment window '{a.window}': define it under settings.assessment_windows (id, start, end)")
            else:
                w = self.windows[a.window]
                if a.date > w.end:
                    self.error(apath + ("date",), f"evidence dated {a.date} is after the end of window '{w.id}' ({w.end}): score it in a later window")
            if a.score != "n/a" and not (a.source or "").strip():
                self.error(apath, f"the score {shown} for '{a.party}' has no source: add 'source:' with a link to the evidence")
            if a.score == "n/a" and not (a.note or "").strip():
                self.error(apath, f"n/a for '{a.party}' needs a 'note' saying why the commitment does not apply to it")
            if a.date > today:
                self.error(apath + ("date",), f"assessment dated {a.date} is in the future (today is {today})")
            key = (a.party, a.window)
            if key in seen:
                first = self.pos.of_value(base + ("assessments", seen[key]))[0]
                self.error(
                    apath + ("party",),
                    f"'{a.party}' is assessed twice in window '{a.window}' (first at line {first}): one score per party per window",
                )
            else:
                seen[key] = j

    def check_restates(self, items: list[tuple[int, Commitment]], sources: dict[str, Source]) -> None:
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
                        f"'{c.id}' (source dated {mine.date}) cannot restate '{c.restates}', which comes from a later source "
                        f"('{theirs.id}', {theirs.date}): a commitment restates an earlier one",
                    )
            trail = [c.id]
            node = c.restates
            while node is not None and node in by_id:
                if node in trail:
                    cycle = trail[trail.index(node):] + [node]
                    members = frozenset(cycle)
                    if members not in reported and node == c.id:
                        reported.add(members)
                        self.error(path, "restatement cycle: " + " -> ".join(cycle))
                    break
                trail.append(node)
                node = by_id[node][1].restates

    def check_exclusions(self, raw: Any, sources: dict[str, Source], texts: dict[str, list[str] | None]) -> list[Exclusion]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.error(("exclusions",), "'exclusions' must be a list of entries, each starting with '- '")
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
                self.error(base + ("reason",), "an exclusion with reason 'other' needs a 'note' saying why the sentence is not a commitment")
            if x.draft:
                self.warn(base + ("draft",), f"exclusion of paragraph {x.paragraph} is a draft proposed by 'sco-tracker draft': review it, then remove 'draft: true'")
            paras = texts.get(x.source)
            if paras is None:
                continue
            if x.paragraph > len(paras):
                self.error(base + ("paragraph",), f"paragraph {x.paragraph} is out of range: source '{x.source}' has {len(paras)} paragraphs")
            elif x.quote is not None and not quote_in(x.quote, paras[x.paragraph - 1]):
                found = find_quote(x.quote, paras)
                hint = f"; it is in paragraph {found}" if found else ""
                self.error(base + ("quote",), f"the quote is not in paragraph {x.paragraph} of source '{x.source}'{hint}")
        return result

    def check_cycles(self, items: list[tuple[int, Commitment]]) -> None:
        graph = {c.id: [d for d in c.depends_on] for _, c in items}
        index = {c.id: i for i, c in items}
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
                        cycle = trail[trail.index(nxt):] + [nxt]
                        members = frozenset(cycle)
                        if members not in reported:
                            reported.add(members)
                            j = graph[node].index(nxt)
                            self.error(("commitments", index[node], "depends_on", j), "dependency cycle: " + " -> ".join(cycle))
                    elif not state.get(nxt):
                        state[nxt] = 1
                        stack.append((nxt, 0))
                        trail.append(nxt)
                else:
                    state[node] = 2
                    stack.pop()
                    trail.pop()


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the fields at loc (skipping list indexes)."""
    import typing

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
    return repr(value)


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
