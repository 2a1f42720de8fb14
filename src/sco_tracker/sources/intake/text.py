"""Text extracted from a document, cleaned to one paragraph per line.

The steps, in order: the metadata front matter read and removed; the footnotes at the end
removed; page headers and footers removed (furniture.py); the lines joined into paragraphs
(a break is kept where a new numbered or lettered paragraph starts, where a blank line follows
a sentence end, and after a heading); the footnote markers removed (footnotes.py); paragraphs
glued together split again (a paragraph number, a sub-paragraph letter or a preambular
participle after a sentence end, an "Annex" heading glued to its title); then the numbering is
checked. A text that is already one paragraph per line passes unchanged.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sco_tracker.sources.intake import footnotes, furniture, pagenotes
from sco_tracker.sources.intake.furniture import PAGE, REMOVED
from sco_tracker.sources.intake.report import Report

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
_BULLET = re.compile(r"^[•●▪◦‣∙*\-–—]\s+\S")
_LETTERED = re.compile(r"^\(([a-z]{1,2}|[ivxlc]{1,6})\)\s+")
_TERMINAL = tuple('.;:!?”"’)]')
#: A paragraph may end with a comma: the preambular paragraphs of a resolution do.
_ENDS = (*_TERMINAL, ",")
#: The participles that open the preambular paragraphs of resolutions and declarations.
_OPENERS = (
    "Acknowledging|Affirming|Alarmed|Appreciating|Aware|Bearing in mind|Believing|Cognizant|"
    "Concerned|Conscious|Considering|Convinced|Deeply concerned|Deploring|Desiring|Determined|"
    "Emphasizing|Encouraged|Expressing|Fully aware|Gravely concerned|Guided|Having|"
    "Highlighting|Mindful|Noting|Observing|Reaffirming|Recalling|Recognizing|Regretting|"
    "Reiterating|Seeking|Stressing|Taking into account|Taking note|Underlining|Underscoring|"
    "Welcoming"
)
#: Words a sentence cannot end with: after them the sentence goes on.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "nor",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "this",
        "that",
        "these",
        "those",
        "as",
        "than",
        "including",
        "such",
        "between",
        "among",
        "within",
        "without",
        "under",
        "over",
        "through",
        "against",
        "towards",
        "per",
        "via",
    ]
)
_OPENER = re.compile(rf"^(?:{_OPENERS})\b")
_GLUED_OPENER = re.compile(rf"(?<=[,;])\s+(?=(?:{_OPENERS})\b(?: also| further)?)")
_HEADING_WORDS = r"(?:Annex(?:es)?|Appendix|Enclosure|Attachment)(?:\s+(?:[IVXLC]{1,6}|\d{1,2}))?"
_GLUED_HEADING = re.compile(rf"^({_HEADING_WORDS})\s+(?=[A-Z0-9“\"])")


@dataclass
class Cleaned:
    """The cleaned paragraphs, the metadata of the front matter and the report."""

    paragraphs: list[str]
    metadata: dict[str, Any] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    #: The exact text to store: the input itself when it passed unchanged.
    text: str = ""


def clean(raw: str, *, title: str | None = None) -> Cleaned:
    """Clean an extracted text (see the module's docstring)."""
    if is_one_paragraph_per_line(raw):
        lines = raw.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return Cleaned(lines, {}, Report(unchanged=True), raw)
    tidied, done = _tidy_ends(raw)
    if done and is_one_paragraph_per_line(tidied):  # one paragraph a line, but for its ends
        return Cleaned(tidied.splitlines(), {}, Report(notes=done), tidied)
    report = Report()
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    metadata, text = _front_matter(text)
    if metadata:
        report.notes.append("Front matter read and removed: " + ", ".join(f"{k}" for k in metadata))
    text = _plain_markdown(text)
    if "\f" in text:
        text = pagenotes.move_to_end(text.replace("\f", "\n\f\n"))
    notes = footnotes.take_definitions(text.split("\n"))
    report.footnotes.update(notes.notes)
    heading_title = title or _str(metadata.get("title")) or _title_line(notes.lines)
    lines = furniture.remove(notes.lines, heading_title, report.furniture)
    paras = _group(lines, report)
    paras, report.markers_removed, report.markers_missing = footnotes.remove_markers(
        paras, notes.notes
    )
    paras = _split_glued(paras, report)
    paras = [_fix_spaced_hyphens(p) for p in paras]
    _check_numbering(paras, report)
    return Cleaned(paras, metadata, report, "".join(p + "\n" for p in paras))


#: The mark that closes a press release: "-END-", "- ends -", "ENDS", "###", "***".
_END_MARK = re.compile(r"^\s*(?:[-–—*]+\s*ends?\s*[-–—*]+|ends?\.?|#{3,}|\*{3,})\s*$", re.I)


def _tidy_ends(raw: str) -> tuple[str, list[str]]:
    """A text of one paragraph a line but for a headline wrapped over two lines at its top, or
    a press release's closing mark: the headline made one line and the mark removed (with what
    was done, in words), so that the rest passes as it is."""
    lines = raw.replace("\r\n", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    notes: list[str] = []
    if lines and _END_MARK.match(lines[-1]):
        notes.append(f"The closing mark {lines.pop().strip()!r} removed")
    for i in range(min(len(lines) - 1, 6)):
        line, nxt = lines[i], lines[i + 1]
        if (
            _heading_like(line)
            and not _terminated(line)
            and nxt[:1].islower()
            and len(nxt.split()) <= 12
            and not _terminated(nxt)
        ):
            lines[i : i + 2] = [f"{line.rstrip()} {nxt.strip()}"]
            notes.append(f"A headline over two lines made one: {lines[i]!r}")
            break
    return "".join(line + "\n" for line in lines), notes


def _plain_markdown(text: str) -> str:
    """Markdown marks an extraction may add: '# ' before a heading, '**bold**', '*italic*'."""
    text = re.sub(r"(?m)^#{1,6}[ \t]+(.*)$", "\\1\n", text)  # a heading: a line of its own
    text = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"\1", text)
    return re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", text)


def _title_line(lines: list[str]) -> str | None:
    """The title as printed under the resolution's number ("80/16. Open-ended ...")."""
    for i, line in enumerate(lines[:60]):
        m = re.match(r"^\d{1,3}/\d{1,4}\.\s+(\S.*)$", line.strip())
        if m:
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            return f"{m.group(1)} {nxt}" if nxt and not _terminated(m.group(1)) else m.group(1)
    return None


def _str(value: Any) -> str | None:
    return str(value) if value is not None else None


def is_one_paragraph_per_line(text: str) -> bool:
    """True for a text already as the tool keeps sources: one paragraph a line, nothing else."""
    if not text.strip() or text.startswith("---") or "[^" in text or "\f" in text:
        return False
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if any(not line.strip() for line in lines):
        return False
    short = Counter(line for line in lines if len(line.split()) <= 15)
    if any(n > 1 for n in short.values()):
        return False
    # Lines of paragraph length (not wrapped at a page's width): intake's own output, where a
    # heading, a dating line or a line before a page break may end without punctuation.
    long_lines = statistics.median(len(line) for line in lines) >= 100
    for i, line in enumerate(lines):
        if furniture.is_page_stamp(line):
            return False
        if _terminated(line):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _heading_like(line) and (nxt[:1].isupper() or nxt[:1].isdigit() or not nxt):
            continue
        if (long_lines or _ended(line, nxt)) and not _continues(line, nxt):
            continue
        return False
    return True


_DATING = re.compile(
    r"^(?:Resolution adopted by .* on \d{1,2} \w+ \d{4}|\d+(?:st|nd|rd|th) plenary meeting\b.*"
    r"|\d{1,3}/\d{1,4}\.\s.*)$"
)


def _ended(line: str, nxt: str) -> bool:
    """An unterminated line intake keeps as a paragraph: the last line, a dating line, the
    title under the resolution's number, or a line the next paragraph plainly starts after."""
    return (
        not nxt
        or bool(_DATING.match(line))
        or _starts_paragraph(nxt)
        or bool(_OPENER.match(nxt))
        or nxt.startswith(("[", "Resolution adopted by", "The General Assembly"))
    )


def _continues(line: str, nxt: str) -> bool:
    """The next line plainly goes on with this one's sentence (a line wrapped, not ended)."""
    last = line.rsplit(None, 1)[-1] if line.split() else ""
    if _DATING.match(line):
        return False
    dangling = last.casefold() in _FUNCTION_WORDS and not _opens_sentence(nxt)
    return dangling or last.endswith("-") or nxt[:1].islower()


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, Any] = {}
    for line in m.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z_][\w-]*", key.strip()):
            return {}, text  # not a metadata block: leave the text as it is
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].replace('\\"', '"')
        meta[key.strip()] = value
    if isinstance(meta.get("title"), str):
        meta["title"] = re.sub(r"\s*[:;,]\s*$", "", meta["title"])
    return meta, text[m.end() :]


def _terminated(line: str) -> bool:
    text = line.rstrip()
    bare = re.sub(r"(?:\s?\[\^\d+\]|(?<=[.;:,”\"’)])\s?\d{1,3})$", "", text)
    return bare.endswith(_ENDS)


def _starts_paragraph(line: str) -> bool:
    """A numbered "5. Requests" or lettered "(a) To ..." paragraph starts here."""
    m = _NUMBERED.match(line) or _LETTERED.match(line)
    return bool(m) and line[m.end() : m.end() + 1][:1].isupper() if m else False


def _group(lines: list[str], report: Report) -> list[str]:
    """Join the lines into paragraphs."""
    lengths = [len(x) for x in lines if x.strip() and x not in (PAGE, REMOVED)]
    wrapped = bool(lengths) and statistics.median(lengths) < 100
    width = sorted(lengths)[int(len(lengths) * 0.95)] if lengths else 0  # a full line
    vocabulary = _vocabulary(lines)
    paras: list[str] = []
    cur: str | None = None
    last_line = ""
    gap = removed = False
    for line in lines:
        if line in (PAGE, REMOVED) or not line.strip():
            gap = True
            removed = removed or line in (PAGE, REMOVED)
            continue
        text = " ".join(line.split())
        if cur is None:
            cur = text
        elif _breaks(cur, last_line, text, gap, wrapped, width, report):
            paras.append(cur)
            cur = text
        else:
            if removed and not _terminated(cur) and text[:1].islower():
                report.uncertain_joins.append((cur[-50:], text[:50]))
            cur = _join(cur, text, vocabulary)
        last_line = text
        gap = removed = False
    if cur is not None:
        paras.append(cur)
    return paras


def _breaks(
    cur: str, last: str, nxt: str, gap: bool, wrapped: bool, width: int, report: Report
) -> bool:
    """Whether nxt starts a new paragraph after the paragraph cur (whose last line is last)."""
    if _starts_paragraph(nxt) or (_BULLET.match(nxt) and _terminated(cur)):
        return True
    if nxt[:1].islower() or not (nxt[:1].isalnum() or nxt.startswith(("“", '"', "‘", "[", "("))):
        return False  # the sentence goes on
    if not _terminated(cur):
        if _heading_like(cur) and (gap or _ends_early(last, nxt, width * 0.8)):
            return True  # a heading
        if not gap:
            return False
        dangling = cur.rsplit(None, 1)[-1].casefold() in _FUNCTION_WORDS
        if dangling and not _opens_sentence(nxt):
            # "... including the" / "Doha Programme of Action ...": the sentence goes on
            report.uncertain_joins.append((cur[-50:], nxt[:50]))
            return False
        if dangling or (len(cur.split()) > 25 and _opens_sentence(nxt)):
            report.unplaced.append(
                f"a paragraph ends without punctuation (words may be lost at a page break):"
                f" '...{cur[-60:]}' before '{nxt[:40]}...'"
            )
        return True  # a title, a line of the masthead, or words lost
    if gap:
        return True
    # a sentence ends at the end of a line: a new paragraph only where the line ends early
    return wrapped and _ends_early(last, nxt, width)


def _ends_early(last: str, nxt: str, width: float) -> bool:
    """The next line's first word would have fitted on the last line: the line was ended on
    purpose (a paragraph or a heading ends there), not wrapped."""
    first = nxt.split(None, 1)[0] if nxt.split() else ""
    return len(last) + 1 + len(first) <= width


def _heading_like(text: str) -> bool:
    """A title or heading: short, capitalised, not cut after 'the' or 'of'."""
    words = text.split()
    return (
        0 < len(words) <= 25
        and (text[:1].isupper() or text[:1].isdigit())
        and words[-1].casefold() not in _FUNCTION_WORDS
        and not _NUMBERED.match(text)
    )


def _opens_sentence(line: str) -> bool:
    """The line starts as a paragraph does (a participle, a gerund, 'We'), not a name."""
    first = re.match(r"[A-Za-z]+", line)
    word = first.group(0) if first else ""
    return (
        bool(_OPENER.match(line))
        or word in ("We", "They", "It", "The")
        or (len(word) > 5 and word.endswith("ing"))
    )


def _vocabulary(lines: list[str]) -> set[str]:
    words: set[str] = set()
    for line in lines:
        words.update(w.casefold() for w in re.findall(r"[A-Za-z][\w-]*", line))
    return words


def _join(cur: str, nxt: str, vocabulary: set[str]) -> str:
    m = re.search(r"([A-Za-z]+)-$", cur)
    if m and nxt[:1].islower():
        first = re.match(r"[A-Za-z]+", nxt)
        whole = (m.group(1) + (first.group(0) if first else "")).casefold()
        if (
            whole in vocabulary
            and f"{m.group(1)}-{first.group(0) if first else ''}".casefold() not in vocabulary
        ):
            return cur[:-1] + nxt  # a word broken at the end of the line
        return cur + nxt  # a compound: keep its hyphen
    return f"{cur} {nxt}"


def _fix_spaced_hyphens(text: str) -> str:
    """'long- lasting' (a line-end hyphen the extraction spaced) -> 'long-lasting'; a
    suspended hyphen ('pre- and post-conflict') is kept."""
    return re.sub(r"(?<=[a-z])- (?!(?:and|or|to|nor|as)\b)(?=[a-z])", "-", text)


def _split_glued(paras: list[str], report: Report) -> list[str]:
    out: list[str] = []
    last = 0
    split = 0
    for para in paras:
        for piece in _split_heading(para):
            while True:
                m = _NUMBERED.match(piece)
                if m:
                    last = int(m.group(1))
                head, rest = _split_number(piece, last + 1)
                if rest is None:
                    head, rest = _split_letter(piece)
                if rest is None and _OPENER.match(piece):
                    head, rest = _split_opener(piece)
                if rest is None:
                    out.append(piece)
                    break
                out.append(head)
                split += 1
                piece = rest
    if split:
        report.notes.append(f"Paragraphs glued together split again: {split}")
    return out


def _split_heading(para: str) -> list[str]:
    m = _GLUED_HEADING.match(para)
    if m and not _terminated(para[m.end() :]) and len(para.split()) <= 40:
        return [m.group(1), para[m.end() :]]
    return [para]


def _split_number(para: str, n: int) -> tuple[str, str | None]:
    """Split before paragraph n glued after a sentence end (or after a short heading)."""
    for m in re.finditer(rf"(?<=\S)\s+({n})\.\s+(?=[A-Z“\"‘])", para):
        head = para[: m.start()]
        if _terminated(head) or (
            len(head.split()) <= 10
            and head[:1].isupper()
            and not _NUMBERED.match(head)
            and not re.search(r"[,;:]$", head)
        ):
            return head, para[m.start() :].lstrip()
    return para, None


def _split_letter(para: str) -> tuple[str, str | None]:
    m = re.search(r"(?<=[;:])\s+(?:and\s+|or\s+)?(?=\((?:[a-z]|[ivx]{1,5})\)\s+[A-Z])", para)
    if m:
        return para[: m.start()], para[m.end() :]
    return para, None


def _split_opener(para: str) -> tuple[str, str | None]:
    for m in _GLUED_OPENER.finditer(para):
        if m.start() > 40:
            return para[: m.start()], para[m.end() :]
    return para, None


def _check_numbering(paras: list[str], report: Report) -> None:
    """Report paragraph numbers skipped or repeated, and sub-paragraphs without a letter."""
    expected: int | None = None
    seen: set[int] = set()
    unlettered = 0
    for para in paras:
        m = _NUMBERED.match(para)
        if m:
            n = int(m.group(1))
            if n == 1 and expected not in (None, 2):
                seen = set()  # a new series (an annex)
            elif n in seen:
                report.unplaced.append(f"paragraph {n} appears twice")
            elif expected is not None and n > expected:
                missing = ", ".join(str(k) for k in range(expected, n))
                report.unplaced.append(f"paragraph(s) {missing} not found before paragraph {n}")
            seen.add(n)
            expected = n + 1
            unlettered = 0
            continue
        letter = _LETTERED.match(para)
        if letter and unlettered and letter.group(1) not in ("a", "i"):
            report.unplaced.append(
                f"({letter.group(1)}) follows {unlettered} sub-paragraph(s) without a letter:"
                " their letters were probably lost in the extraction"
            )
            unlettered = 0
        elif not letter and expected is not None and not _OPENER.match(para):
            unlettered += 1
