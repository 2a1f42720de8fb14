"""Load commitments.yaml into a validated Project, collecting every problem before stopping.

Shape first (model.py and shape.py, entry by entry, so one bad entry does not hide the
others), then the settings that later steps depend on (settings_rules.py), then the rules
that span entries (rules.py): ids, references, dependency cycles, quotes against the source
text, update dates and statuses. Every problem has its code (codes.py).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path as FsPath
from typing import Any
from zoneinfo import ZoneInfo

from sco_tracker.heap import collector_paused
from sco_tracker.paths import real
from sco_tracker.problems import InvalidFile, Problem, did_you_mean
from sco_tracker.sources.paragraphs import numbers_by_line, place
from sco_tracker.spec import codes, entrycache, multifile, yamlfile, yamllocate
from sco_tracker.spec.dates import parse_cadence, parse_period
from sco_tracker.spec.dues import ResolvedDue
from sco_tracker.spec.links import check_links
from sco_tracker.spec.model import (
    SECTIONS,
    Commitment,
    CommitmentsFile,
    Event,
    Exclusion,
    Party,
    Settings,
    Source,
    Status,
)
from sco_tracker.spec.notify_settings import cross_check
from sco_tracker.spec.rules import RulesChecker, _Refs
from sco_tracker.spec.shape import misspelt_fields
from sco_tracker.spec.vocabulary import UNSPECIFIED
from sco_tracker.spec.yamlfile import Path, Positions

DEFAULT_FILE = "commitments.yaml"


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
    #: group id -> its party ids (already expanded in the commitments and assessments).
    party_groups: dict[str, list[str]] = field(default_factory=dict)
    #: SHA-256 of the text that was validated (sync skips its work when it already synced it).
    content_sha256: str | None = None
    #: SHA-256 of commitments.yaml alone (content_sha256 covers the included files too).
    main_sha256: str | None = None
    #: The files commitments.yaml includes: (name relative to its folder, SHA-256), in order.
    included: list[tuple[str, str]] = field(default_factory=list)
    #: The absolute path of each included file, by name.
    included_paths: dict[str, str] = field(default_factory=dict)
    #: The entries of `include:` as written (paths and patterns).
    include: list[str] = field(default_factory=list)
    _by_id: dict[str, Commitment] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    #: source id -> its own paragraph numbers by line (paragraphs.numbers_by_line), as needed.
    _numbers: dict[str, dict[int, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def base_dir(self) -> FsPath:
        return self.path.parent

    def place(self, source: str, paragraph: int | str | None) -> str | None:
        """How people are shown a paragraph of a source (paragraphs.place): "paragraph 5" for
        the document's own number, "line 11" for a line without one; None without a paragraph."""
        if paragraph is None:
            return None
        numbers = self._numbers.get(source)
        if numbers is None and isinstance(paragraph, int):
            lines = self.paragraphs.get(source)
            numbers = self._numbers[source] = numbers_by_line(lines) if lines else {}
        return place(paragraph, numbers)

    def commitment(self, cid: str) -> Commitment | None:
        by_id = self._by_id
        if by_id is None or len(by_id) != len(self.commitments):
            by_id = self._by_id = {}
            for c in self.commitments:
                by_id.setdefault(c.id, c)
        return by_id.get(cid)

    def due(self, c: Commitment) -> ResolvedDue:
        if c.due is None:
            return ResolvedDue(review=parse_cadence(c.review_every) if c.review_every else None)
        if c.due == UNSPECIFIED:
            return ResolvedDue(unspecified=True)
        period = parse_period(c.due)
        if period is not None:
            return ResolvedDue(period=period)
        return ResolvedDue(event=self.events[c.due])

    def file_of(self, section: str, index: int) -> str:
        """The file (as messages name it) that holds entry `index` of `section` as merged:
        commitments.yaml or the included file where it is written."""
        return self.positions.locate((section, index))[0]

    def line_of(self, cid: str) -> int:
        for i, c in enumerate(self.commitments):
            if c.id == cid:
                return self.positions.of_value(("commitments", i))[0]
        return 0


def today_in(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()


@collector_paused()
def load_project(
    path: str | os.PathLike[str] = DEFAULT_FILE,
    *,
    today: date | None = None,
    replace: dict[str, str] | None = None,
) -> Project:
    """The validated project, or InvalidFile listing every problem (FILE:LINE:COL: message).

    The files commitments.yaml includes are read with it (multifile.py). replace: the text to
    validate instead of a file's content, by the file's real path (an edit, before it is
    written: see yamledit.edit_file)."""
    fs_path = FsPath(path)
    label = os.fspath(path)
    given = (replace or {}).get(real(fs_path))
    if given is None:
        encoded, text = yamlfile.read_bytes_and_text(fs_path, label=label)
    else:
        encoded, text = given.encode("utf-8", "surrogatepass"), given
    digest = hashlib.sha256(
        encoded
    ).hexdigest()  # = the hash of text.encode("utf-8", "surrogatepass")
    fast = yamlfile.fast_parse(text, encoded) if given is None else None
    del encoded
    memo = entrycache.EntryMemo.read(label) if fast is not None else None
    lazy = yamllocate.LazyPositions(label, text, fast) if fast is not None else None
    if fast is not None and lazy is not None:
        plain = memo.plain(fast, lazy) if memo is not None else yamlfile.plain(fast)
        fast = fast if plain else None
    if fast is not None and lazy is not None:
        # A compiled parser and no positions: a valid file costs little more than its reading.
        # Any problem, and the file is read again carefully so that messages keep their places.
        try:
            files = multifile.read_included(
                fs_path, label, fast, lazy, digest, careful=False, replace=replace, memo=memo
            )
            if files is not None:
                project = _validated(fs_path, files, today, _may_hold_controls(text), memo)
                lazy.pack()  # a later message may still ask for a position: rarely
                return project
        except InvalidFile:
            pass
    data, positions = yamlfile.parse(text, label)
    files = multifile.read_included(
        fs_path, label, data, positions, digest, careful=True, replace=replace
    )
    assert files is not None  # the careful reader reads every file
    return _validated(fs_path, files, today, _may_hold_controls(text))


def _validated(
    fs_path: FsPath,
    files: multifile.Files,
    today: date | None,
    controls: bool,
    memo: entrycache.EntryMemo | None = None,
) -> Project:
    validator = _Validator(fs_path, files.positions, today, controls or files.may_hold_controls)
    validator.memo = memo
    validator.problems.extend(files.problems)
    project = validator.run(files.data)
    ordered, project.positions = multifile.document_order(
        list(project.sources),
        {"commitments": project.commitments, "exclusions": project.exclusions},
        project.positions,
    )
    project.commitments, project.exclusions = ordered["commitments"], ordered["exclusions"]
    project.content_sha256 = files.digest
    project.main_sha256 = files.main_digest
    project.included = files.included
    project.included_paths = files.paths
    project.include = files.include
    return project


@collector_paused()
def load_project_text(
    text: str, path: str | os.PathLike[str], *, today: date | None = None
) -> Project:
    """Validate text as if it were the content of the file at path (sources/ beside it, and
    the files it includes).

    Used to check an edit before it replaces the file.
    """
    return load_project(path, today=today, replace={real(path): text})


def _may_hold_controls(text: str) -> bool:
    """Whether a value read from text may hold a control character: YAML lets one in only as
    an escape in double quotes ("\\0") or as a NEL (U+0085), so most files need no search."""
    return "\\" in text or "\x85" in text


class _Validator(RulesChecker):
    def __init__(
        self, path: FsPath, positions: Positions, today: date | None, scan_controls: bool = True
    ) -> None:
        super().__init__(path, positions)
        self.today = today
        self.scan_controls = scan_controls
        self.broken: set[str] = set()
        #: The commitments remembered clean (spec/entrycache.py), when the file was read fast.
        self.memo: entrycache.EntryMemo | None = None
        #: The commitments (merged index) at or under which a problem or warning was reported.
        self.touched: set[int] = set()

    def error(self, code: codes.Code, path: Path, message: str, *, at_key: bool = False) -> None:
        if path[:1] == ("commitments",) and len(path) > 1 and isinstance(path[1], int):
            self.touched.add(path[1])
        super().error(code, path, message, at_key=at_key)

    def warn(self, code: codes.Code, path: Path, message: str) -> None:
        if path[:1] == ("commitments",) and len(path) > 1 and isinstance(path[1], int):
            self.touched.add(path[1])
        super().warn(code, path, message)

    def run(self, data: Any) -> Project:
        if not isinstance(data, dict):
            self.error(
                codes.NOT_A_MAPPING,
                (),
                "the file must be a mapping with the keys settings, parties, sources, events, "
                "commitments",
            )
            raise InvalidFile("invalid file", self.problems)
        known = CommitmentsFile.model_fields
        for key in data:
            if key not in known:
                hint = did_you_mean(key, known)
                self.error(codes.UNKNOWN_KEY, (key,), f"unknown key '{key}'{hint}", at_key=True)
                for section in SECTIONS:  # a misspelt section: its ids are unknown, not missing
                    if hint == f" (did you mean '{section}'?)" and section not in data:
                        self.broken.add(section)
        for key in ("parties", "sources", "commitments"):
            if key not in data:
                self.error(codes.MISSING, (), f"missing required section '{key}'")
                self.broken.add(key)

        if self.scan_controls:
            self.control_characters(data, ())
        settings = self.settings(data.get("settings"))
        self.check_settings(settings)
        today = self.today or today_in(settings.timezone if self.tz_ok else "UTC")

        sections: dict[str, list[tuple[int, Any]]] = {}
        raws: dict[str, list[Any]] = {}
        for name, model in SECTIONS.items():
            raw = data.get(name)
            items: list[tuple[int, Any]] = []
            if raw is None:
                raw = []
            if not isinstance(raw, list):
                self.error(
                    codes.WRONG_TYPE,
                    (name,),
                    f"'{name}' must be a list of entries, each starting with '- '",
                )
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
        groups = self.check_party_groups(data.get("party_groups"), parties)
        sources = self.unique_ids("sources", raws["sources"], sections["sources"])
        self.check_window_sources(settings, sources)
        events = self.unique_ids("events", raws["events"], sections["events"])
        self.check_reserved_events(raws["events"])
        commitment_ids = self.unique_ids(
            "commitments", raws["commitments"], sections["commitments"]
        )

        texts = self.source_texts(sections["sources"])
        memo = self.memo
        if memo is not None:
            inputs = [
                sorted(self.broken),
                data.get("settings"),
                self.windows,
                sorted(self.broken_windows),
                parties,
                groups,
                sources,
                events,
                {sid: entrycache.text_digest(paras) for sid, paras in texts.items()},
            ]
            memo.bind(self.pos, len(raws["commitments"]), inputs, today)
        remembered: set[int] = set()
        good = dict(sections["commitments"])
        graph: list[tuple[int, str, list[str]]] = []
        for i, entry in enumerate(raws["commitments"]):
            c = good.get(i)
            if c is not None:
                refs = _Refs(c.id, c.source, list(c.parties), c.lead, list(c.depends_on), c.due)
                if memo is not None and memo.clean(i):
                    # Clean last time with this text and fingerprint (entrycache.py): only what
                    # reads other commitments, and what changes the model, is done again.
                    remembered.add(i)
                    entrycache.check_remembered(self, i, c, texts, commitment_ids, groups)
                else:
                    self.check_references(i, refs, parties, sources, events, commitment_ids)
                    if groups:
                        c.parties = self.expand(c.parties)
                    self.check_commitment(i, c, sources, texts, today, parties, commitment_ids)
                if groups and any(a.party in groups for a in c.assessments):
                    c.assessments = [
                        a if a.party not in groups else a.model_copy(update={"party": p})
                        for a in c.assessments
                        for p in groups.get(a.party, [a.party])
                    ]
            elif isinstance(entry, dict):
                # The shape failed: still check the references that are themselves well formed,
                # so that a misspelt party is not hidden behind an unrelated mistake.
                refs = self.raw_refs(i, entry)
                self.check_references(i, refs, parties, sources, events, commitment_ids)
                # And its quote, against the source text, when the fields that place it are.
                quoted = self.raw_quoted(("commitments", i), entry)
                if quoted is not None and quoted.quote is not None:
                    self.check_quoted(
                        ("commitments", i),
                        quoted.source,
                        quoted.paragraph,
                        quoted.quote,
                        sources,
                        texts,
                        paragraph_misspelt="paragraph" in misspelt_fields(Commitment, entry),
                    )
            else:
                continue
            if refs.id is not None:
                graph.append((i, refs.id, refs.depends_on))
        self.check_cycles(graph)
        check_links(self, sections, remembered)
        self.check_restates(sections["commitments"], sources)
        themes = {c.theme for _, c in sections["commitments"]}
        for code, at, message, is_error in cross_check(
            settings.notify, {*parties}, {*sources}, themes
        ):
            (self.error if is_error else self.warn)(code, ("settings", "notify", *at), message)
        for i, party in sections["parties"]:
            if party.draft:
                self.warn(
                    codes.DRAFT,
                    ("parties", i, "draft"),
                    f"party '{party.id}' is a draft proposed by 'sco-tracker draft': review its"
                    " name and kind, then remove 'draft: true'",
                )
        for i, c in sections["commitments"]:
            if c.draft:
                self.warn(
                    codes.DRAFT,
                    ("commitments", i, "draft"),
                    f"commitment '{c.id}' is a draft proposed by 'sco-tracker draft': review it, "
                    "then remove 'draft: true'",
                )
            set_aside_draft_updates(c)
            for j, u in c.draft_updates:
                self.warn(
                    codes.DRAFT,
                    ("commitments", i, "updates", j, "draft"),
                    f"the update of {u.date} of commitment '{c.id}' is a draft proposed by"
                    " 'sco-tracker draft': review it, then remove 'draft: true'",
                )
        exclusions = self.check_exclusions(data.get("exclusions"), sources, texts)

        if memo is not None and not self.problems:
            memo.save(self.touched)
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
            party_groups=groups,
            commitments=[c for _, c in sections["commitments"]],
            paragraphs={sid: paras for sid, paras in texts.items() if paras is not None},
            positions=self.pos,
            warnings=sorted(self.warnings),
            exclusions=exclusions,
        )


def set_aside_draft_updates(c: Commitment) -> None:
    """Take the updates marked `draft: true` out of `c.updates` (into `c.draft_updates`, with
    their place in the file): like draft commitments, the checks, reports and the database
    never see them until they are reviewed."""
    if any(u.draft for u in c.updates):
        c._draft_updates = [(j, u) for j, u in enumerate(c.updates) if u.draft]
        c.updates = [u for u in c.updates if not u.draft]


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
