"""The rules for documents beyond the SCO's own: party groups, addressees, and paragraphs cited
by the document's own numbers ("5", "annex 13", "13 (a)") with their quotes.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any

from pydantic import ValidationError

from sco_tracker.problems import did_you_mean
from sco_tracker.sources.paragraphs import canonical, labels, nearest, place, shown
from sco_tracker.sources.text import find_quote, quote_in, where_they_part
from sco_tracker.spec import codes
from sco_tracker.spec.model import PartyGroupsSection, Quoted
from sco_tracker.spec.settings_rules import SettingsChecker
from sco_tracker.spec.vocabulary import UNSPECIFIED
from sco_tracker.spec.yamlfile import Path


class DocumentChecker(SettingsChecker):
    """Party groups, addressees and the document's own paragraph numbers."""

    #: Sections missing or not a list: references to them cannot be checked.
    broken: set[str]
    #: group id -> the party ids it stands for (groups of groups expanded).
    groups: dict[str, list[str]]
    _labels: dict[str, dict[str, int]]
    _text_names: dict[str, str]

    # -- party groups ------------------------------------------------------------------------
    def check_party_groups(self, raw: Any, parties: dict[str, Any]) -> dict[str, list[str]]:
        """The groups, each expanded to party ids; reports unknown members, clashes, cycles."""
        self.groups = {}
        if raw is None:
            return self.groups
        if not isinstance(raw, dict):
            self.error(
                codes.WRONG_TYPE,
                ("party_groups",),
                "'party_groups' must be a mapping of group ids to lists of party ids, such as "
                "'sco-members: [china, india, kazakhstan]'",
            )
            return self.groups
        wrapped = self.shape(PartyGroupsSection, {"party_groups": raw}, ())
        if wrapped is None:
            return self.groups
        defined: dict[str, list[str]] = wrapped.party_groups
        for gid, members in defined.items():
            if gid in parties:
                self.error(
                    codes.GROUP_CLASHES,
                    ("party_groups", gid),
                    f"group '{gid}' has the id of a party: give the group another id, such as "
                    f"'{gid}-group'",
                    at_key=True,
                )
            for j, member in enumerate(members):
                if member not in parties and member not in defined and "parties" not in self.broken:
                    self.error(
                        codes.UNKNOWN_PARTY,
                        ("party_groups", gid, j),
                        f"unknown party '{member}' in group '{gid}'"
                        f"{did_you_mean(member, [*parties, *defined])}; a group lists party ids "
                        "(or other group ids) from 'parties:'",
                    )
        reported: set[frozenset[str]] = set()
        for gid in defined:
            self.groups[gid] = self._expand_group(gid, defined, parties, [gid], reported)
        return self.groups

    def _expand_group(
        self,
        gid: str,
        defined: dict[str, list[str]],
        parties: dict[str, Any],
        trail: list[str],
        reported: set[frozenset[str]],
    ) -> list[str]:
        result: list[str] = []
        for j, member in enumerate(defined[gid]):
            if member in parties:
                found = [member]
            elif member in defined:
                if member in trail:
                    cycle = trail[trail.index(member) :] + [member]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        self.error(
                            codes.GROUP_CYCLE,
                            ("party_groups", gid, j),
                            "party groups contain each other in a loop: " + " -> ".join(cycle),
                        )
                    continue
                found = self._expand_group(member, defined, parties, [*trail, member], reported)
            else:
                continue
            result.extend(p for p in found if p not in result)
        return result

    def expand(self, ids: list[str]) -> list[str]:
        """Party ids with each group id replaced by its members (first mention kept)."""
        groups = getattr(self, "groups", {})
        result: list[str] = []
        for pid in ids:
            for p in groups.get(pid, [pid]):
                if p not in result:
                    result.append(p)
        return result

    def check_addressees(self, base: Path, addressees: list[str], parties: dict[str, Any]) -> None:
        """A plain name close to a party or group id is probably that id, misspelt."""
        known = [*parties, *getattr(self, "groups", {})]
        for j, name in enumerate(addressees):
            if name in known:
                continue
            close = get_close_matches(name.strip().lower(), known, n=1, cutoff=0.8)
            if close:
                self.warn(
                    codes.ADDRESSEE_LIKE_PARTY,
                    base + ("addressees", j),
                    f"addressee '{name}' is not a party id but is close to '{close[0]}': did you "
                    f"mean '{close[0]}'? (a plain name is fine when it is not a listed party)",
                )

    def check_reserved_events(self, raw: list[Any]) -> None:
        for i, entry in enumerate(raw):
            if isinstance(entry, dict) and entry.get("id") == UNSPECIFIED:
                self.error(
                    codes.RESERVED_ID,
                    ("events", i, "id"),
                    f"an event cannot have the id '{UNSPECIFIED}': 'due: {UNSPECIFIED}' means "
                    "the document gives no date; give the event another id",
                )

    # -- paragraphs --------------------------------------------------------------------------
    def check_quoted(
        self,
        base: Path,
        source: str,
        paragraph: int | str | None,
        quote: str,
        sources: dict[str, Any],
        texts: dict[str, list[str] | None],
        *,
        paragraph_misspelt: bool = False,
    ) -> int | None:
        """Check a commitment's paragraph and quote against its source's text; the line of
        the text the paragraph is (None without a text, or when the paragraph is wrong).
        paragraph_misspelt: the entry has a misspelling of 'paragraph' (its unknown key's
        message says so: one mistake, one message)."""
        paras = texts.get(source)
        src = sources.get(source)
        if src is not None and paras is None and src.text is None:
            self.warn(
                codes.QUOTE_UNVERIFIED,
                base + ("quote",),
                f"the quote cannot be verified: source '{source}' has no local text",
            )
            return None
        if paras is None:
            return None
        if paragraph is None and paragraph_misspelt:
            return None
        if paragraph is None:
            self.error(
                codes.PARAGRAPH_REQUIRED,
                base,
                f"missing required field 'paragraph': source '{source}' has a local text, "
                "so say which paragraph the quote is in",
            )
            return None
        line = self.paragraph_line(base, source, paragraph, paras)
        if line is not None:
            self.check_quote(base, source, paragraph, line, quote, paras, self._text(source))
        return line

    def _text(self, source: str) -> str | None:
        """The name of the source's text file (under sources/), as messages give it."""
        names: dict[str, str] = self.__dict__.get("_text_names", {})
        return names.get(source)

    def raw_quoted(self, base: Path, entry: dict[str, Any]) -> Quoted | None:
        """The source, paragraph and quote of an entry whose shape failed, when these three
        are well formed themselves (their own mistakes are reported already)."""
        if any(self.is_bad(base + (key,)) for key in ("source", "paragraph", "quote")):
            return None
        try:
            return Quoted.model_validate(entry)
        except ValidationError:
            return None

    def paragraph_line(
        self, base: Path, source: str, paragraph: int | str, paras: list[str]
    ) -> int | None:
        """The line of the source text that paragraph names, or None (the problem reported)."""
        where = base + ("paragraph",)
        if isinstance(paragraph, int):
            if paragraph > len(paras):
                self.error(
                    codes.PARAGRAPH_RANGE,
                    where,
                    f"paragraph {paragraph} is out of range: source '{source}' has "
                    f"{len(paras)} paragraphs",
                )
                return None
            return paragraph
        cache = self.__dict__.setdefault("_labels", {})
        known = cache.get(source)
        if known is None:
            known = cache[source] = labels(paras)
        line = known.get(canonical(paragraph))
        if line is not None:
            return line
        if not known:
            self.error(
                codes.UNKNOWN_PARAGRAPH,
                where,
                f"source '{source}' does not number its paragraphs, so there is no paragraph "
                f"'{paragraph}': give the line of its text as a whole number, without quotes "
                "(paragraph: 5)",
            )
        else:
            self.error(
                codes.UNKNOWN_PARAGRAPH,
                where,
                f"source '{source}' has no paragraph numbered '{paragraph}'; the nearest are: "
                + ", ".join(f"'{k}'" for k in nearest(paragraph, known))
                + " (or give the line of its text as a whole number, without quotes)",
            )
        return None

    def check_quote(
        self,
        base: Path,
        source: str,
        paragraph: int | str,
        line: int,
        quote: str,
        paras: list[str],
        text_name: str | None,
    ) -> None:
        if quote_in(quote, paras[line - 1]):
            return
        self.error(
            codes.QUOTE_MISMATCH,
            base + ("quote",),
            self._mismatch(source, paragraph, line, quote, paras, text_name),
        )

    def _mismatch(
        self,
        source: str,
        paragraph: int | str,
        line: int,
        quote: str,
        paras: list[str],
        text_name: str | None,
    ) -> str:
        cache = self.__dict__.setdefault("_labels", {})
        known = cache.get(source)
        if known is None:
            known = cache[source] = labels(paras)
        numbers = {n: k for k, n in known.items()}
        message = f"the quote is not in {place(paragraph, numbers)} of source '{source}'"
        if not isinstance(paragraph, int):
            message += f" (sources/{text_name}:{line})" if text_name else f" (line {line})"
        found = find_quote(quote, paras)
        if found:
            if found in numbers:
                return f"{message}; it is in {shown(numbers[found])} (line {found})"
            return f"{message}; it is in {place(found, numbers)}"
        return where_they_part(message, quote, paras[line - 1])
