"""Decisions on drafts (entries with `draft: true`), written safely (sco-tracker review).

Each decision is one edit of the file that holds the draft (commitments.yaml or a file it
includes: entries.edit_entry) through yamledit.edit_file: comments and
formatting kept, the result validated before it replaces the file, the edit lock, an atomic
write, and only the lines of the entry decided on may change (new lines may be added, such
as the exclusion that replaces a commitment). The comment lines above the next entry (the
`# why:` of the next draft) are stored by ruamel.yaml with this entry: yamlcomments carries
them over, and the guard counts them as lines of what follows, never of this entry.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sco_tracker.problems import UserError
from sco_tracker.spec.entries import edit_entry, file_holding
from sco_tracker.spec.model import (
    Commitment,
    Exclusion,
    ExclusionReason,
    Party,
    Update,
)
from sco_tracker.spec.notify_settings import subscriptions
from sco_tracker.spec.project import Project
from sco_tracker.spec.vocabulary import DRAFT_EXCLUSION_NOTE, plural
from sco_tracker.spec.yamlcomments import (
    delete_item,
    keep_trailing_comment,
    replace_item,
    take_following,
)
from sco_tracker.spec.yamledit import round_trip_yaml, why_above

REASONS = [r.value for r in ExclusionReason]


class StillNamed(UserError):
    """A drafted party that commitments still name cannot be dropped (nothing is written)."""


@dataclass(frozen=True)
class Draft:
    """One entry awaiting review: a proposed commitment, exclusion or update of a commitment,
    or a party drafted for them."""

    section: str  # "commitments", "exclusions", "updates" or "parties"
    #: The commitment's (or party's) id; for an exclusion, (source, paragraph, quote) find it
    #: again; for an update, (commitment id, date, note).
    key: tuple[Any, ...]
    source: str
    paragraph: int | str | None
    quote: str | None
    #: The text of the paragraph in the source (None without a local text).
    text: str | None
    entry: Commitment | Exclusion | Update | Party
    #: For an update: the title of the commitment it would update, to judge the link by.
    title: str | None = None
    #: How the paragraph is shown (Project.place: "paragraph 5", "line 11"); None without one.
    label: str | None = None
    #: For a party: the commitments that name it (as a party, the lead, an addressee or in an
    #: assessment); it cannot be dropped while they do.
    named_by: tuple[str, ...] = ()
    #: For a party: the subscriptions of settings.notify that name it ("webhook 1").
    told: tuple[str, ...] = ()

    @property
    def ident(self) -> tuple[Any, ...]:
        """The draft among all drafts (a party and a commitment may share an id)."""
        return (self.section, *self.key)

    @property
    def where(self) -> str:
        if self.section == "parties":
            return f"named by {plural(len(self.named_by), 'commitment')}"
        return f"source '{self.source}'" + (f", {self.label}" if self.label else "")

    @property
    def what(self) -> str:
        if isinstance(self.entry, Party):
            return f"party '{self.entry.id}'"
        if isinstance(self.entry, Commitment):
            return f"commitment '{self.entry.id}'"
        if isinstance(self.entry, Update):
            return f"update of {self.entry.date} to commitment '{self.key[0]}'"
        return f"exclusion ({self.entry.reason.value})"


def drafts(project: Project, source: str | None = None) -> list[Draft]:
    """The drafts of the project (of one source), commitments first, in the order of the file."""
    found: list[Draft] = []
    for c in project.commitments:
        if c.draft and (source is None or c.source == source):
            found.append(
                Draft(
                    "commitments",
                    (c.id,),
                    c.source,
                    c.paragraph,
                    c.quote,
                    _text(project, c),
                    c,
                    label=project.place(c.source, c.paragraph),
                )
            )
    for x in project.exclusions:
        # an exclusion whose note is still drafting's placeholder, its 'draft: true' removed by
        # hand, is refused by --strict too (SCO506): it is reviewed, for its note
        if (x.draft or _placeholder(x.note)) and (source is None or x.source == source):
            found.append(
                Draft(
                    "exclusions",
                    (x.source, x.paragraph, x.quote),
                    x.source,
                    x.paragraph,
                    x.quote,
                    _text(project, x),
                    x,
                    label=project.place(x.source, x.paragraph),
                )
            )
    for c in project.commitments:  # updates proposed from the source, to earlier commitments
        for _, u in c.draft_updates:
            cited = sorted(_cited(project, u))
            if source is None or source in cited:
                key = (c.id, u.date, u.note)
                by = source or (cited[0] if cited else c.source)  # the source reporting on it
                found.append(Draft("updates", key, by, None, c.quote, None, u, c.title))
    for pid, party in project.parties.items():  # last: the commitments decided may name them
        if not party.draft:
            continue
        naming = [c for c in project.commitments if _names(c, pid)]
        if source is None or not naming or any(c.source == source for c in naming):
            by = naming[0].source if naming else ""
            ids = tuple(c.id for c in naming)
            told = tuple(
                f"{'e-mail recipient' if path[0] == 'email' else 'webhook'} {path[-1] + 1}"
                for path, sub in subscriptions(project.settings.notify)
                if pid in sub.parties or pid in sub.leads
            )
            found.append(
                Draft("parties", (pid,), by, None, None, None, party, named_by=ids, told=told)
            )
    return found


def _names(c: Commitment, pid: str) -> bool:
    """Whether the commitment names the party (validation checks each of these references)."""
    return (
        pid in c.parties
        or c.lead == pid
        or pid in c.addressees
        or any(a.party == pid for a in c.assessments)
    )


def _cited(project: Project, u: Update) -> set[str]:
    """The sources a draft update names: by its link (a source's url) or by id in its note."""
    return {
        sid
        for sid, s in project.sources.items()
        if (s.url and u.source == s.url) or f"'{sid}'" in u.note
    }


def _text(project: Project, entry: Commitment | Exclusion) -> str | None:
    paras = project.paragraphs.get(entry.source)
    line = entry.line
    if paras is None or line is None or not 1 <= line <= len(paras):
        return None
    return paras[line - 1]


# -- finding the entry in the round-trip data ------------------------------------------------------
def _entries(data: Any, draft: Draft) -> tuple[Any, Any]:
    """(the list that holds the entry, the commitment holding it for an update, else data)."""
    if draft.section != "updates":
        seq = data.get(draft.section) if hasattr(data, "get") else None
        return seq, data
    for c in data.get("commitments") or [] if hasattr(data, "get") else []:
        if hasattr(c, "get") and c.get("id") == draft.key[0]:
            return c.get("updates"), c
    return None, data


def _index(data: Any, draft: Draft) -> int:
    seq, _ = _entries(data, draft)
    if isinstance(seq, list):
        for i, entry in enumerate(seq):
            if not hasattr(entry, "get") or not _pending(entry, draft.section):
                continue
            if draft.section in ("commitments", "parties") and entry.get("id") == draft.key[0]:
                return i
            if draft.section == "updates" and (
                draft.key[0],
                entry.get("date"),
                " ".join(str(entry.get("note")).split()),
            ) == (draft.key[0], draft.key[1], " ".join(str(draft.key[2]).split())):
                return i
            if (
                draft.section == "exclusions"
                and (
                    entry.get("source"),
                    entry.get("paragraph"),
                    entry.get("quote"),
                )
                == draft.key
            ):
                return i
    raise UserError(
        f"the draft {draft.what} ({draft.where}) is no longer in the file: it was changed "
        "meanwhile. Run 'sco-tracker review' again."
    )


def _item(data: Any, draft: Draft) -> tuple[Any, int]:
    """The list holding the draft entry and its index there."""
    i = _index(data, draft)
    return _entries(data, draft)[0], i


def _lines(data: Any, draft: Draft) -> range:
    """The lines (from 0) of the entry in the file as read."""
    seq, i = _item(data, draft)
    start = seq.lc.item(i)[0]
    if len(seq) == 1 and draft.section != "exclusions":  # taking it out: the key goes too
        start = _entries(data, draft)[1].lc.key(draft.section)[0]
    if i + 1 < len(seq):
        end = seq.lc.item(i + 1)[0]
    elif draft.section == "updates":  # the last update: up to the commitment's next key
        commitment = _entries(data, draft)[1]
        keys = list(commitment.keys())
        after = keys.index("updates") + 1
        if after < len(keys):
            end = commitment.lc.key(keys[after])[0]
        else:
            end = _end_of(data, "commitments", _commitment_index(data, draft.key[0]))
    else:
        end = _end_of(data, draft.section, i)
    return range(start, max(end, start + 1))


def _commitment_index(data: Any, commitment_id: str) -> int:
    for i, c in enumerate(data["commitments"]):
        if hasattr(c, "get") and c.get("id") == commitment_id:
            return i
    raise UserError(f"commitment '{commitment_id}' is no longer in the file")


def _end_of(data: Any, section: str, i: int) -> int:
    """The first line after item i of a top-level section (the next item, or the next key)."""
    seq = data[section]
    if i + 1 < len(seq):
        return int(seq.lc.item(i + 1)[0])
    keys = list(data.keys())
    after = keys.index(section) + 1
    return int(data.lc.key(keys[after])[0]) if after < len(keys) else 10**9


def _matches(draft: Draft) -> tuple[str, Callable[[dict[str, Any]], bool]]:
    """The section of the file that holds the draft and a test of its entries (as read): the
    entry itself, or for an update the commitment it is proposed for."""
    if draft.section == "updates":
        return "commitments", lambda entry: entry.get("id") == draft.key[0]

    def test(entry: dict[str, Any]) -> bool:
        if not _pending(entry, draft.section):
            return False
        if draft.section in ("commitments", "parties"):
            return bool(entry.get("id") == draft.key[0])
        return (entry.get("source"), entry.get("paragraph"), entry.get("quote")) == draft.key

    return draft.section, test


def holder(file: str | os.PathLike[str], draft: Draft) -> Path:
    """The file that holds the draft: commitments.yaml or a file it includes."""
    return file_holding(file, *_matches(draft)) or Path(file)


def _write(
    file: str | os.PathLike[str], draft: Draft, mutate: Any, what: str, removes: bool = False
) -> str:
    """Write one decision. removes: the decision takes the entry out of its list (drop,
    exclude a proposed commitment), and the `# why:` lines draft wrote above it go with it."""
    section, test = _matches(draft)

    def first_line(data: Any) -> int:
        seq, i = _item(data, draft)
        return int(seq.lc.item(i)[0])

    return edit_entry(
        file,
        section,
        test,
        mutate,
        what=what,
        may_rewrite=lambda data: _lines(data, draft),
        removes=first_line if removes else None,
    )[1]


# -- the decisions ---------------------------------------------------------------------------------
def _placeholder(note: object) -> bool:
    return isinstance(note, str) and " ".join(note.split()) == DRAFT_EXCLUSION_NOTE


def _pending(entry: Any, section: str) -> bool:
    """An entry (as read) that awaits review: a draft, or an exclusion with the placeholder."""
    return bool(entry.get("draft")) or (section == "exclusions" and _placeholder(entry.get("note")))


def needs_note(draft: Draft) -> bool:
    """A drafted exclusion whose note is still drafting's placeholder: accepted as it is, it
    would fail `validate --strict` (SCO506), so the analyst must write the note first."""
    return isinstance(draft.entry, Exclusion) and _placeholder(draft.entry.note)


def _placeholder_refused(draft: Draft) -> UserError:
    """The refusal of a decision that would keep drafting's placeholder as a reviewed note
    (accepting it as it is, or an edit that leaves it)."""
    return UserError(
        f"the note of {draft.what} is still the placeholder drafting wrote: write why the"
        " sentence is not a commitment"
    )


def accept(file: str | os.PathLike[str], draft: Draft) -> str:
    """Keep the entry as proposed: remove its `draft: true`. An exclusion whose note is still
    the placeholder is refused: give it its note with `exclude`."""
    if needs_note(draft):
        raise _placeholder_refused(draft)

    def mutate(data: Any) -> None:
        seq, i = _item(data, draft)
        entry = seq[i]
        with keep_trailing_comment(entry):  # the comment above the next entry stays
            del entry["draft"]

    return _write(file, draft, mutate, f"accepting the draft {draft.what}")


def exclude(file: str | os.PathLike[str], draft: Draft, reason: str, note: str | None) -> str:
    """Decide that the sentence is not a commitment: a draft commitment becomes an exclusion
    (its source, paragraph and quote, with the reason and note); a draft exclusion is kept with
    this reason and note."""
    if draft.section == "updates":
        raise UserError("an update is not excluded: accept it, drop it or edit it")
    if reason not in REASONS:
        raise UserError(f"unknown reason '{reason}'; the reasons are: {', '.join(REASONS)}")

    def mutate(data: Any) -> None:
        seq = data[draft.section]
        i = _index(data, draft)
        if draft.section == "exclusions":
            entry = seq[i]
            with keep_trailing_comment(entry):
                entry.pop("draft", None)
                entry["reason"] = reason
                if note:
                    entry["note"] = note
                elif "note" in entry and reason != "other":
                    del entry["note"]
            return
        old = seq[i]
        item = CommentedMap()
        item["source"] = old["source"]
        if "paragraph" in old:
            item["paragraph"] = old["paragraph"]
        item["quote"] = old["quote"]
        item["reason"] = reason
        if note:
            item["note"] = note
        if len(seq) == 1:  # the file's only commitment: 'commitments:' goes too
            del data["commitments"]
        else:
            delete_item(seq, i)  # the comments above and below it stay
        exclusions = data.get("exclusions")
        if exclusions is None:
            with keep_trailing_comment(data):
                data["exclusions"] = CommentedSeq([item])
        elif isinstance(exclusions, list):
            with keep_trailing_comment(exclusions):
                exclusions.append(item)
        else:
            raise UserError("'exclusions' is not a list; run 'sco-tracker validate'")

    removes = draft.section != "exclusions"  # a proposed commitment goes, with its evidence
    return _write(file, draft, mutate, f"excluding the draft {draft.what}", removes)


def drop(file: str | os.PathLike[str], draft: Draft) -> str:
    """Decide that a proposed update is not evidence about the commitment, or that a drafted
    party is not wanted: remove it, with the `# why:` lines draft wrote above it (the other
    comment lines above and below it stay). A party that commitments still name is refused."""
    if draft.section not in ("updates", "parties"):
        raise UserError("only a proposed update or party is dropped; exclude a proposed commitment")
    if draft.named_by:
        names = ", ".join(f"'{c}'" for c in draft.named_by[:3])
        more = f" and {len(draft.named_by) - 3} more" if len(draft.named_by) > 3 else ""
        raise StillNamed(
            f"{draft.what} cannot be dropped: {plural(len(draft.named_by), 'commitment')} name"
            f"{'s' if len(draft.named_by) == 1 else ''} it ({names}{more}). Accept it (a) or "
            "correct its name and kind (e); to drop it, first exclude the commitments that name "
            "it or edit them to name another party"
        )
    if draft.told:
        raise StillNamed(
            f"{draft.what} cannot be dropped: settings.notify names it (in the 'parties' or "
            f"'leads' of {', '.join(draft.told)}). Accept it (a), or take it out of those "
            "settings first"
        )

    def mutate(data: Any) -> None:
        seq, i = _item(data, draft)
        holder = _entries(data, draft)[1]
        if len(seq) == 1:  # its only update (the only party): the key goes too
            with keep_trailing_comment(holder):
                del holder[draft.section]
        else:
            delete_item(seq, i)

    return _write(file, draft, mutate, f"dropping the draft {draft.what}", removes=True)


def why_of(file: str | os.PathLike[str], draft: Draft) -> list[str]:
    """The evidence drafting wrote above the draft: its `# why:` comment lines (the comment
    block right above its first line), as text; none when there is no such comment."""
    path = holder(file, draft)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    seq, i = _item(round_trip_yaml().load(text), draft)
    lines = text.splitlines()
    # the lines drafting wrote, at the entry's indentation (never a note's text above)
    return [lines[k].strip()[1:].strip() for k in why_above(text, seq.lc.item(i)[0])]


def entry_text(file: str | os.PathLike[str], draft: Draft) -> str:
    """The entry as YAML, for the analyst to edit (comments inside it kept)."""
    y = round_trip_yaml()
    with open(holder(file, draft), encoding="utf-8") as f:
        data = y.load(f)
    seq, i = _item(data, draft)
    entry = seq[i]
    take_following(entry)  # the comment lines below it belong to the next entry
    buf = io.StringIO()
    y.dump(entry, buf)
    return buf.getvalue()


def replace(file: str | os.PathLike[str], draft: Draft, text: str) -> str:
    """Put the edited entry (YAML text) in place of the draft; refused unless the file stays
    valid (InvalidFile lists the problems), when the text is not one entry, or when a reviewed
    exclusion (its `draft: true` removed) keeps drafting's placeholder as its note."""
    y = round_trip_yaml()
    try:
        new = y.load(text)
    except Exception as exc:  # noqa: BLE001 ruamel raises many error types: not valid YAML
        raise UserError(f"the edited entry is not valid YAML: {_first_line(exc)}") from None
    if not isinstance(new, CommentedMap):
        raise UserError(
            "the edited entry must be one mapping of keys to values (id: ..., title: ...)"
        )
    if draft.section == "exclusions" and not new.get("draft") and _placeholder(new.get("note")):
        raise _placeholder_refused(draft)

    def mutate(data: Any) -> None:
        replace_item(*_item(data, draft), new)

    return _write(file, draft, mutate, f"the edit of the draft {draft.what}")


def _first_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:200]
