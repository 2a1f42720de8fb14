"""The rules that span entries: ids, references, dependency and restatement cycles, quotes
against the source texts, update and assessment dates, statuses and scores.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from sco_tracker.paths import project_roots
from sco_tracker.problems import InvalidFile, did_you_mean
from sco_tracker.sources.paragraphs import line_namer, place
from sco_tracker.sources.text import paragraphs
from sco_tracker.spec import codes, yamlfile
from sco_tracker.spec.cycles import cycles
from sco_tracker.spec.dates import parse_period
from sco_tracker.spec.document_rules import DocumentChecker
from sco_tracker.spec.model import Commitment, Exclusion, Kind, Party, Source, set_line
from sco_tracker.spec.vocabulary import DRAFT_EXCLUSION_NOTE, UNSPECIFIED, listing, score_label
from sco_tracker.spec.yamlfile import Path

#: The section that holds the ids of each kind of reference.
_SECTION_OF = {
    "party": "parties",
    "source": "sources",
    "event": "events",
    "commitment": "commitments",
}


class _Refs(NamedTuple):
    """What a commitment refers to: the part of it checked against the other entries."""

    id: str | None
    source: str | None
    parties: list[str]
    lead: str | None
    depends_on: list[str]
    due: str | None


class RulesChecker(DocumentChecker):
    """Shape (shape.py), settings (settings_rules.py), groups and paragraphs
    (document_rules.py) and the rules across entries."""

    #: Sections missing or not a list: references to them cannot be checked.
    broken: set[str]

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
                first_file, first_line, _ = self.pos.locate((section, seen[eid], "id"))
                where = (
                    f"line {first_line}"
                    if first_file == self.pos.locate((section, i, "id"))[0]
                    else f"{first_file}:{first_line}"
                )
                self.error(
                    codes.DUPLICATE_ID,
                    (section, i, "id"),
                    f"duplicate id '{eid}' (first used at {where})",
                )
                continue
            seen[eid] = i
            known[eid] = valid.get(i)
        return known

    def source_texts(self, sources: list[tuple[int, Source]]) -> dict[str, list[str] | None]:
        texts: dict[str, list[str] | None] = {}
        roots = project_roots(self.path)  # once: it resolves the project's links
        for i, s in sources:
            if s.text is None:
                texts[s.id] = None
                continue
            texts[s.id] = None
            self.__dict__.setdefault("_text_names", {})[s.id] = s.text
            where: Path = ("sources", i, "text")
            parts = s.text.replace("\\", "/").split("/")
            if os.path.isabs(s.text) or ".." in parts or not s.text.strip():
                self.error(
                    codes.SOURCE_TEXT_PATH,
                    where,
                    "'text' must be a file name under sources/, such as 'beijing-2018.txt', got "
                    f"'{s.text}'",
                )
                continue
            file = self.path.parent / "sources" / s.text
            try:
                # a regular file inside the project: never a pipe, a device or a link out of it
                texts[s.id] = paragraphs(yamlfile.read_text(file, roots=roots))
            except InvalidFile as exc:
                reason = exc.problems[0].message if exc.problems else exc.message
                if reason == "no such file":
                    self.error(
                        codes.SOURCE_TEXT_MISSING,
                        where,
                        f"source text '{s.text}' not found under sources/ (looked for {file})",
                    )
                else:
                    self.error(
                        codes.SOURCE_TEXT_MISSING,
                        where,
                        f"source text '{s.text}' cannot be used: {reason}",
                    )
        return texts

    def ref(self, path: Path, value: str, known: dict[str, Any], what: str) -> None:
        if value in known or _SECTION_OF[what] in self.broken:
            return
        hint = did_you_mean(value, known)
        if what == "party":
            self.error(
                codes.UNKNOWN_PARTY,
                path,
                f"unknown party '{value}'{hint}; the parties are: {listing(known)}. "
                "To add one, list it under 'parties:' (id, name, kind)",
            )
        else:
            self.error(codes.UNKNOWN_REFERENCE, path, f"unknown {what} '{value}'{hint}")

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
        groups = getattr(self, "groups", {})
        for j, p in enumerate(r.parties):
            if p and p not in parties and p not in groups:  # (most commitments name many)
                self.ref(base + ("parties", j), p, {**parties, **groups}, "party")
        if r.lead is not None:
            self.ref(base + ("lead",), r.lead, parties, "party")
            if r.lead in parties and r.parties and r.lead not in self.expand(r.parties):
                self.error(
                    codes.LEAD_NOT_PARTY,
                    base + ("lead",),
                    f"lead '{r.lead}' is not among the commitment's parties",
                )
        for j, d in enumerate(r.depends_on):
            if d:
                self.ref(base + ("depends_on", j), d, commitments, "commitment")
        if r.due is not None:
            try:
                period = parse_period(r.due)
            except ValueError:
                period = None  # an impossible date; the shape check reports it
            if period is None and r.due != UNSPECIFIED and not self.is_bad(base + ("due",)):
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
            self.error(
                codes.DUE_REQUIRED,
                base,
                "a deliverable needs a 'due' (a date, a month, a year or an event id; "
                f"'{UNSPECIFIED}' when the document gives no date)",
            )
        if c.kind is Kind.continuous and c.review_every is None:
            self.error(
                codes.REVIEW_REQUIRED,
                base,
                "a continuous commitment needs 'review_every' (e.g. 'every 6 months')",
            )

        set_line(c, self.check_quoted(base, c.source, c.paragraph, c.quote, sources, texts))
        if c.addressees:
            self.check_addressees(base, c.addressees, parties)

        previous: date | None = None
        for j, u in enumerate(c.updates):
            if u.date > today:
                self.error(
                    codes.IN_THE_FUTURE,
                    base + ("updates", j, "date"),
                    f"update dated {u.date} is in the future (today is {today})",
                )
            if previous is not None and u.date < previous:
                self.error(
                    codes.UPDATES_ORDER,
                    base + ("updates", j, "date"),
                    f"the update of {u.date} is listed after the one of {previous}: list "
                    "updates oldest first",
                )
            previous = u.date
        if c.restates is not None:
            self.ref(base + ("restates",), c.restates, commitments, "commitment")
        if c.assessments:
            self.check_assessments(base, c, parties, today)
        for u in reversed(c.updates):  # the latest reviewed update that sets a status
            if u.status is not None and not u.draft:
                if u.status != c.status:
                    self.error(
                        codes.STATUS_DISAGREES,
                        base + ("status",),
                        f"status '{c.status.value}' disagrees with the latest update that sets "
                        f"one ({u.date}: {u.status.value})",
                    )
                break

    def check_assessments(
        self, base: Path, c: Commitment, parties: dict[str, Party | None], today: date
    ) -> None:
        seen: dict[tuple[str, str], int] = {}
        groups = getattr(self, "groups", {})
        for j, a in enumerate(c.assessments):
            apath: Path = base + ("assessments", j)
            shown = score_label(a.score)
            members = groups.get(a.party, [a.party])
            for party in members:
                if party not in parties:
                    self.ref(apath + ("party",), party, {**parties, **groups}, "party")
                elif party not in c.parties:
                    of = f" (of group '{a.party}')" if party != a.party else ""
                    self.error(
                        codes.ASSESSED_NON_PARTY,
                        apath + ("party",),
                        f"'{party}'{of} is not among the parties of commitment '{c.id}' "
                        f"({', '.join(c.parties)}): score only the parties that made the "
                        "commitment",
                    )
            if a.window in self.broken_windows:
                pass  # its window has a mistake of its own, reported there
            elif a.window not in self.windows:
                if self.windows:
                    self.error(
                        codes.UNKNOWN_WINDOW,
                        apath + ("window",),
                        "unknown assessment window "
                        f"'{a.window}'{did_you_mean(a.window, self.windows)}; the windows are: "
                        f"{', '.join(self.windows)}",
                    )
                else:
                    self.error(
                        codes.UNKNOWN_WINDOW,
                        apath + ("window",),
                        f"unknown assessment window '{a.window}': define it under "
                        "settings.assessment_windows (id, start, end)",
                    )
            else:
                w = self.windows[a.window]
                if a.date > w.end:
                    self.error(
                        codes.EVIDENCE_AFTER_WINDOW,
                        apath + ("date",),
                        f"evidence dated {a.date} is after the end of window '{w.id}' ({w.end}): "
                        "score it in a later window",
                    )
            if a.score != "n/a" and not (a.source or "").strip():
                self.error(
                    codes.SCORE_WITHOUT_SOURCE,
                    apath,
                    f"the score {shown} for '{a.party}' has no source: add 'source:' with a link "
                    "to the evidence",
                )
            if a.score == "n/a" and not (a.note or "").strip():
                self.error(
                    codes.NA_WITHOUT_NOTE,
                    apath,
                    f"n/a for '{a.party}' needs a 'note' saying why the commitment does not "
                    "apply to it",
                )
            if a.date > today:
                self.error(
                    codes.IN_THE_FUTURE,
                    apath + ("date",),
                    f"assessment dated {a.date} is in the future (today is {today})",
                )
            for party in members:
                key = (party, a.window)
                if key in seen:
                    first = self.pos.of_value(base + ("assessments", seen[key]))[0]
                    self.error(
                        codes.ASSESSED_TWICE,
                        apath + ("party",),
                        f"'{party}' is assessed twice in window '{a.window}' (first at line "
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
                self.error(codes.BAD_RESTATEMENT, path, f"commitment '{c.id}' restates itself")
                reported.add(frozenset([c.id]))
                continue
            earlier = by_id.get(c.restates)
            if earlier is not None:
                mine, theirs = sources.get(c.source), sources.get(earlier[1].source)
                if mine is not None and theirs is not None and theirs.date > mine.date:
                    self.error(
                        codes.BAD_RESTATEMENT,
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
                        self.error(
                            codes.BAD_RESTATEMENT, path, "restatement cycle: " + " -> ".join(cycle)
                        )
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
                codes.WRONG_TYPE,
                ("exclusions",),
                "'exclusions' must be a list of entries, each starting with '- '",
            )
            return []
        result: list[Exclusion] = []
        namers: dict[str, Callable[[int], str]] = {}
        for i, entry in enumerate(raw):
            base: Path = ("exclusions", i)
            x = self.shape(Exclusion, entry, base)
            if x is None:
                if isinstance(entry, dict):  # its source and quote, if they are well formed
                    self.check_raw_exclusion(base, entry, sources, texts)
                continue
            result.append(x)
            self.ref(base + ("source",), x.source, sources, "source")
            if x.reason.value == "other" and not (x.note or "").strip():
                self.error(
                    codes.EXCLUSION_NOTE,
                    base + ("reason",),
                    "an exclusion with reason 'other' needs a 'note' saying why the sentence is "
                    "not a commitment",
                )
            paras = texts.get(x.source)
            line = (
                self.paragraph_line(base, x.source, x.paragraph, paras)
                if paras is not None
                else None
            )
            set_line(x, line)
            placeholder = " ".join((x.note or "").split()) == DRAFT_EXCLUSION_NOTE
            if x.draft or placeholder:
                if paras is not None and line is not None:
                    if x.source not in namers:
                        namers[x.source] = line_namer(paras)
                    where = namers[x.source](line)
                else:
                    where = place(x.paragraph, None)
            if x.draft:
                self.warn(
                    codes.DRAFT,
                    base + ("draft",),
                    f"exclusion of {where} of source '{x.source}' is a draft proposed by"
                    " 'sco-tracker draft': review it, then remove 'draft: true'",
                )
            elif placeholder:
                self.warn(
                    codes.DRAFT_NOTE,
                    base + ("note",),
                    f"the note of the exclusion of {where} of source '{x.source}' is still the"
                    " placeholder 'sco-tracker draft' left: write in 'note' why the sentence is"
                    " not a commitment (for example 'Praise of an initiative of Kazakhstan; the"
                    " sides undertake nothing'), as the reports publish it",
                )
            if paras is None:
                continue
            if line is not None and x.quote is not None:
                self.check_quote(
                    base, x.source, x.paragraph, line, x.quote, paras, self._text(x.source)
                )
        return result

    def check_raw_exclusion(
        self,
        base: Path,
        entry: dict[str, Any],
        sources: dict[str, Source],
        texts: dict[str, list[str] | None],
    ) -> None:
        """The source and quote of an exclusion whose other fields have mistakes."""
        quoted = self.raw_quoted(base, entry)
        if quoted is None:
            return
        self.ref(base + ("source",), quoted.source, sources, "source")
        paras = texts.get(quoted.source)
        if paras is None or quoted.paragraph is None:
            return
        line = self.paragraph_line(base, quoted.source, quoted.paragraph, paras)
        if line is not None and quoted.quote is not None:
            self.check_quote(
                base,
                quoted.source,
                quoted.paragraph,
                line,
                quoted.quote,
                paras,
                self._text(quoted.source),
            )

    def check_cycles(self, items: list[tuple[int, str, list[str]]]) -> None:
        graph: dict[str, list[str]] = {}
        index: dict[str, int] = {}
        for i, cid, deps in items:
            if cid not in graph:  # a duplicate id is reported elsewhere
                graph[cid] = deps
                index[cid] = i
        for node, j, cycle in cycles(graph):
            self.error(
                codes.DEPENDENCY_CYCLE,
                ("commitments", index[node], "depends_on", j),
                "dependency cycle: " + " -> ".join(cycle),
            )
