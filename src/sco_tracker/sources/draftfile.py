"""The drafts of a new communiqué as commitments.yaml entries: printed as YAML, or written in.

draft_file reads the text, checks the new source against the project, runs drafting.draft and
either returns the proposals as a YAML document to review, or writes them to a file of the
source's own, commitments/<source-id>.yaml, named in `include:` of commitments.yaml (comments
and formatting kept) unless a pattern there already covers it, after copying the text under
sources/. The updates proposed for commitments already tracked go to the file that holds each
(spec/entries.py). The stubs keep
`draft: true` for the analyst to remove once reviewed.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sco_tracker.fileio import write_atomic
from sco_tracker.paths import Unreadable, read_regular
from sco_tracker.problems import InvalidFile, UserError
from sco_tracker.sources.drafting import Draft, draft, guess_source_date
from sco_tracker.sources.intake import (
    Intake,
    is_one_paragraph_per_line,
    kind_of,
    read_limited,
    text_title,
)
from sco_tracker.sources.intake import take_bytes as intake_bytes
from sco_tracker.sources.intake.dateline import front
from sco_tracker.sources.intake.store import source_taken
from sco_tracker.sources.linking import NewDocument, Tracked, link
from sco_tracker.sources.paragraphs import labels, numbers_by_line
from sco_tracker.sources.sentences import split
from sco_tracker.sources.text import paragraphs
from sco_tracker.spec import model as spec_model
from sco_tracker.spec.dates import parse_day
from sco_tracker.spec.includes import source_file_name
from sco_tracker.spec.model import SLUG
from sco_tracker.spec.multifile import source_ids
from sco_tracker.spec.project import Project, load_project
from sco_tracker.spec.vocabulary import plural
from sco_tracker.spec.yamledit import round_trip_yaml
from sco_tracker.spec.yamlfile import read_text


@dataclass(frozen=True)
class NewSource:
    """The new source as given on the command line (title and date guessed when None)."""

    id: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD as typed
    place: str | None = None
    url: str | None = None


def draft_file(
    file: str,
    text_file: str,
    new: NewSource,
    *,
    write: bool,
    warn: Callable[[str], None] | None = None,
) -> str:
    """Draft the communiqué in text_file; the text to show the analyst.

    Without write: the proposals as a YAML document, headed by two comment lines. With write:
    they are added to `file` and the text copied under sources/; a summary of what was added.
    A document that is not one paragraph per line (a PDF, a web page, an extracted text) is
    taken in first (sources/intake); warn is told what intake did.
    """
    drafted = _prepare(file, text_file, new, warn)
    return drafted.write() if write else drafted.as_yaml()


@dataclass
class _Drafted:
    file: str
    text_file: str
    source_id: str
    title: str
    day: date
    place: str | None
    url: str | None
    result: Draft
    stored: bytes  # the text to copy under sources/
    events: list[Any]
    commitments: list[Any]
    exclusions: list[Any]
    #: The entries of `include:` of the project, and the party groups it has already.
    include: list[str]
    known_groups: list[str]

    def updates_entry(self) -> Any:
        """The proposed updates by commitment id, for the printed YAML."""
        m = CommentedMap()
        for cid, update in update_entries(self.result, 4):
            m.setdefault(cid, CommentedSeq()).append(update)
        return m

    def source_entry(self) -> Any:
        m = CommentedMap()
        m["id"] = self.source_id
        m["title"] = self.title
        m["date"] = self.day
        if self.place:
            m["place"] = self.place
        if self.url:
            m["url"] = self.url
        m["text"] = f"{self.source_id}.txt"
        return m

    def groups_entry(self) -> Any:
        m = CommentedMap()
        for gid, members in self.result.party_groups.items():
            seq = CommentedSeq(members)
            seq.fa.set_flow_style()
            m[gid] = seq
        return m

    def party_entries(self) -> list[Any]:
        return [CommentedMap(p.as_dict()) for p in self.result.parties]

    def as_yaml(self) -> str:
        doc = CommentedMap()
        if self.result.parties:
            doc["parties"] = self.party_entries()
        if self.result.party_groups:
            doc["party_groups"] = self.groups_entry()
        doc["sources"] = [self.source_entry()]
        if self.events:
            doc["events"] = self.events
        doc["commitments"] = self.commitments
        doc["exclusions"] = self.exclusions
        if self.result.updates:
            doc["updates"] = self.updates_entry()
            doc.yaml_set_comment_before_after_key(
                "updates",
                before="Updates proposed for commitments already tracked, which this document"
                " reports on\n(--write adds each to its commitment's updates, as a draft).",
            )
        buf = io.StringIO()
        round_trip_yaml().dump(doc, buf)
        n_c, n_x = len(self.commitments), len(self.exclusions)
        n_r = sum(1 for c in self.result.commitments if c.restates)
        n_u = len(self.result.updates)
        linked = (
            f", {n_r} restating tracked ones, {plural(n_u, 'proposed update')} of tracked ones"
            if (n_r or n_u)
            else ""
        )
        return (
            f"# Drafted by 'sco-tracker draft' from {self.text_file}: {n_c} proposed commitments,"
            f" {n_x} proposed exclusions{linked}.\n"
            "# Review every entry, then remove its 'draft: true'. Run with --write to write them "
            f"to {source_file_name(self.source_id)}, which {self.file} includes.\n"
            + self.speakers_note()
            + buf.getvalue()
        )

    def speakers_note(self) -> str:
        """A comment line when nobody is named as speaking, so the parties are a guess."""
        if not (self.result.speakers_guessed and self.commitments):
            return ""
        return (
            "# Nobody is named as speaking in the text: the proposals are credited to the member"
            f" States of {os.path.basename(self.file)}; change their 'parties' where another"
            " body speaks.\n"
        )

    def write(self) -> str:
        """Write the drafts to the source's own file (sources/ownfile.py)."""
        from sco_tracker.sources.ownfile import write_own_file  # noqa: PLC0415 - it uses this module

        return write_own_file(self)

    def _linked(self) -> str:
        n_r = sum(1 for c in self.result.commitments if c.restates)
        n_u = len(self.result.updates)
        if not (n_r or n_u):
            return ""
        return (
            f" ({n_r} restating tracked commitments), {plural(n_u, 'draft update')} of tracked ones"
        )


def _prepare(
    file: str, text_file: str, new: NewSource, warn: Callable[[str], None] | None = None
) -> _Drafted:
    """Check the new source, read its text and draft it (raises UserError on what to fix)."""
    if not SLUG.fullmatch(new.id):
        raise UserError(
            f"--source-id '{new.id}' is not a valid id: use lower-case letters, digits, '-', '_'"
            " or '.'"
        )
    text, stored, taken = _read_communique(text_file)
    if taken is not None and _is_target(file, text_file, new.id):
        raise UserError(
            f"{text_file} is not one paragraph per line and is the source text itself: run"
            f" 'sco-tracker import' on the original document (it writes {text_file}), or put"
            " one paragraph on each line by hand"
        )
    if taken is not None and warn is not None:
        warn(_intake_warning(text_file, taken))
    project = load_project(file)
    if new.id in project.sources:
        where = source_ids(file, file).get(new.id) or project.positions.locate(("sources",))
        raise source_taken(new.id, where)
    found = taken.date if taken is not None else None
    day = _source_date(new.date, text, text_file) if new.date or not found else found
    lines = paragraphs(text)
    title = (
        new.title
        if new.title is not None
        else (taken and taken.title)
        or text_title(lines, front(lines))  # as import finds it
        or _first_sentence(text, new.id)
    )
    result = draft_beside(project, text, new.id, day, new.url, title)
    if result.party_groups and "party_groups" not in _known_fields():
        for stub in result.commitments:  # this schema has no groups: name their members
            stub.parties = [m for p in stub.parties for m in result.party_groups.get(p, [p])]
        result.party_groups = {}
    entries = _entries(result)
    return _Drafted(
        file,
        text_file,
        new.id,
        title,
        day,
        new.place or (taken.place if taken is not None else None),
        new.url,
        result,
        stored,
        *entries,
        include=list(project.include),
        known_groups=list(getattr(project, "party_groups", None) or {}),
    )


def draft_beside(
    project: Project,
    text: str,
    source_id: str,
    day: date,
    url: str | None = None,
    title: str | None = None,
) -> Draft:
    """Draft the text as a new source of the project, linked to what the project tracks."""
    result = draft(
        text,
        source_id,
        parties={pid: p.kind.value for pid, p in project.parties.items()},
        events={eid: e.place for eid, e in project.events.items()},
        taken_ids={c.id for c in project.commitments},
        party_names={pid: p.name for pid, p in project.parties.items()},
        party_groups=dict(getattr(project, "party_groups", None) or {}),
        title=title,
    )
    link_draft(result, text, project, day, url)
    return result


def link_draft(result: Draft, text: str, project: Project, day: date, url: str | None) -> None:
    """Link the drafts to the commitments already tracked (sources/linking.py): `restates` on
    the proposals that restate an earlier commitment, and `result.updates`, the dated updates
    proposed for those the document reports on."""
    groups = {k: list(v) for k, v in (getattr(project, "party_groups", None) or {}).items()}
    speakers = set(result.speakers)
    for g in list(speakers & set(groups)):
        speakers |= set(groups[g])
    numbers = numbers_by_line(paragraphs(text))
    doc = NewDocument(
        result.source_id, day, url, frozenset(speakers), tuple(sentences_of(text)), numbers
    )
    result.updates = link(doc, list(result.commitments), tracked_from(project), groups)


def sentences_of(text: str) -> list[tuple[int | str, str]]:
    """(paragraph as drafting cites it, sentence) for every sentence of the text."""
    lines = paragraphs(text)
    cite: dict[int, int | str] = {n: label for label, n in labels(lines).items()}
    return [(cite.get(n, n), s.text) for n, para in enumerate(lines, 1) for s in split(para)]


def tracked_from(project: Project) -> list[Tracked]:
    """The reviewed commitments of the project, as the linker reads them."""
    out: list[Tracked] = []
    for c in project.commitments:
        source = project.sources.get(c.source)
        if c.draft or source is None:
            continue
        event = project.events.get(c.due) if isinstance(c.due, str) else None
        out.append(
            Tracked(
                c.id,
                c.title,
                c.quote,
                frozenset(c.parties),
                source.id,
                source.title,
                source.date,
                source.place,
                event.title if event else None,
                event.place if event else None,
                event.date if event else None,
            )
        )
    return out


def _is_target(file: str, text_file: str, source_id: str) -> bool:
    """The text to draft is sources/<id>.txt itself (as `import` wrote it): nothing to copy."""
    target = Path(file).parent / "sources" / f"{source_id}.txt"
    try:
        return os.path.samefile(text_file, target)
    except OSError:
        return False


def _read_communique(text_file: str) -> tuple[str, bytes, Intake | None]:
    """The text to draft, the bytes to store, and the intake when the file needed one."""
    data = read_limited(text_file)
    if kind_of(data) == "text" and _is_utf8(data):  # else intake says what is wrong with it
        try:
            text = read_text(text_file)
        except InvalidFile as exc:
            raise UserError(
                f"{text_file}: {exc.problems[0].message if exc.problems else exc.message}"
            ) from None
        if not text.strip():
            raise UserError(f"{text_file}: the file is empty")
        if is_one_paragraph_per_line(text):
            return text, text.encode("utf-8"), None
    taken = intake_bytes(data, text_file)
    return taken.text, taken.text.encode("utf-8"), taken


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _intake_warning(text_file: str, taken: Intake) -> str:
    report = taken.report
    checks = report.needs_checking()
    return (
        f"warning: {text_file} is not one paragraph per line: intake took it in first"
        f" ({plural(len(taken.paragraphs), 'paragraph')};"
        f" {plural(sum(report.furniture.values()), 'page header or footer line')} and"
        f" {plural(len(report.footnotes), 'footnote')} removed; {plural(checks, 'item')} to"
        f" check). Run 'sco-tracker import {text_file} --source-id ID --dry-run' for the full"
        " report."
    )


def _source_date(given: str | None, text: str, text_file: str) -> date:
    """The --date given, or the document's date as import finds it (guess_source_date)."""
    if given is not None:
        try:
            return parse_day(given)
        except ValueError as exc:
            raise UserError(f"--date: {exc}") from None
    guessed = guess_source_date(text)
    if guessed is None:
        raise UserError(
            f"could not find the date of {text_file} (no dateline, no 'adopted on' line, no date"
            " in its first paragraphs); give it with --date YYYY-MM-DD"
        )
    return guessed


def _first_sentence(text: str, fallback: str) -> str:
    first = split(paragraphs(text)[0])
    return " ".join(first[0].text.split()).rstrip(".") if first else fallback


def _entries(result: Draft) -> tuple[list[Any], list[Any], list[Any]]:
    """The events, commitments and exclusions of the draft as round-trip YAML maps."""

    known = _known_fields()

    def commitment_entry(stub: Any) -> Any:
        d = stub.as_dict()
        extra: list[str] = []
        if "addressees" in d and "addressees" not in known:
            extra.append("addressees: " + ", ".join(d.pop("addressees")))
        if d.get("kind") == "deliverable" and d.get("due") is None:
            if "unspecified" in known:
                d = _put_after(d, "kind", "due", "unspecified")
            else:  # this schema needs a date for a deliverable: review it once a year instead
                d = _put_after(d, "kind", "review_every", "1 year")
                d["kind"] = "continuous"
                extra.append("a deliverable, but the text gives no date (due: unspecified)")
        m = CommentedMap(d)
        parties = CommentedSeq(m["parties"])
        parties.fa.set_flow_style()
        m["parties"] = parties
        why = f"why: {stub.why}" if stub.why else ""
        linked = [f"why: {stub.restates_why}"] if stub.restates else []
        m.yaml_set_start_comment("\n".join([why, *linked, *extra]).strip(), indent=2)
        return m

    events = [
        CommentedMap([("id", e.id), ("title", e.title)] + ([("place", e.place)] if e.place else []))
        for e in result.events
    ]
    commitments = [commitment_entry(c) for c in result.commitments]
    exclusions = [CommentedMap(x.as_dict()) for x in result.exclusions]
    return events, commitments, exclusions


def update_entries(result: Draft, indent: int) -> list[tuple[str, Any]]:
    """(commitment id, the proposed update as a round-trip map, its `# why:` above it)."""
    out: list[tuple[str, Any]] = []
    for u in result.updates:
        m = CommentedMap(u.as_dict())
        m.yaml_set_start_comment(f"why: {u.why}", indent=indent)
        out.append((u.commitment, m))
    return out


def _put_after(d: dict[str, Any], after: str, key: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        out[k] = v
        if k == after:
            out[key] = value
    return out


def _known_fields() -> set[str]:
    """The optional fields this version's schema accepts: addressees, party_groups and
    'unspecified' (due: unspecified). A field it does not know is given in a comment instead."""
    fields = set(spec_model.Commitment.model_fields)
    if importlib.util.find_spec("sco_tracker.spec.vocabulary") is not None:
        vocabulary = importlib.import_module("sco_tracker.spec.vocabulary")
        if getattr(vocabulary, "UNSPECIFIED", None) == "unspecified":
            fields.add("unspecified")
    if hasattr(spec_model, "PartyGroupsSection"):
        fields.add("party_groups")
    return fields


def _copy_text(raw: bytes, target: Path, roots: list[str]) -> bool:
    """Copy the communiqué under sources/; True when the copy was created (not already there).

    A text already there is read as a regular file of bounded size (never a named pipe or a
    device), and the copy is written only inside roots (a sources/ that is a link out of the
    project is refused)."""
    try:
        existing: bytes | None = read_regular(target, limit=len(raw) + 1, roots=roots)
    except FileNotFoundError:
        existing = None
    except Unreadable as exc:
        if exc.size is None:
            raise UserError(f"{target} cannot be used: {exc.reason}") from None
        existing = b""  # larger than the new text: another text
    if existing is not None:
        if existing != raw:
            raise UserError(
                f"{target} already exists with another text; remove it or choose another"
                " --source-id"
            )
        return False
    write_atomic(target, raw, roots=roots)
    return True
