"""The list of problems: one stable code per kind of problem that validate reports.

A code never changes meaning once published, so that scripts (validate --json) and people can
rely on it; a message's wording may improve. README.md, "List of problems", is generated from
this registry (`python -m sco_tracker.spec.codes` prints the table; a test compares them).

    SCO1xx  reading the file (encoding, YAML)
    SCO2xx  the shape of an entry (keys, types, formats, ranges)
    SCO3xx  settings that a later step (run, report, schedule, calendar) depends on
    SCO4xx  rules across entries (ids, references, quotes, dates, statuses, scores)
    SCO5xx  warnings
    SCO6xx  what only `validate --strict` refuses
    SCO7xx  files included from commitments.yaml (`include:`)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    description: str

    def __str__(self) -> str:
        return self.code


REGISTRY: dict[str, Code] = {}


def _code(code: str, name: str, description: str) -> Code:
    assert code not in REGISTRY and all(c.name != name for c in REGISTRY.values()), code
    REGISTRY[code] = entry = Code(code, name, description)
    return entry


# -- reading the file ---------------------------------------------------------------------------
NO_SUCH_FILE = _code("SCO101", "no-such-file", "The file (or a source text) does not exist.")
UNREADABLE = _code(
    "SCO102", "unreadable-file", "The file cannot be read: a folder, too large, or not permitted."
)
NOT_UTF8 = _code("SCO103", "not-utf8", "The file is not UTF-8 text.")
EMPTY_FILE = _code("SCO104", "empty-file", "The file is empty.")
YAML_SYNTAX = _code("SCO105", "yaml-syntax", "The file is not valid YAML.")
YAML_CONTROL = _code(
    "SCO106", "yaml-control-character", "YAML does not allow a control character in the file."
)
YAML_TOO_BIG = _code(
    "SCO107",
    "yaml-too-complex",
    "The YAML is nested too deeply, or its aliases (*name) expand to too much data.",
)
YAML_KEY = _code(
    "SCO108",
    "bad-key",
    "A key is given twice in one mapping, is not plain text, or is a merge key (<<).",
)

# -- the shape of an entry ----------------------------------------------------------------------
NOT_A_MAPPING = _code(
    "SCO201", "not-a-mapping", "The file, a section or an entry is not a mapping of keys to values."
)
UNKNOWN_KEY = _code(
    "SCO202", "unknown-key", "A key that the format does not have (maybe misspelt)."
)
MISSING = _code("SCO203", "missing-field", "A required section or field is missing.")
WRONG_TYPE = _code(
    "SCO204", "wrong-type", "A value of the wrong kind: text, number, list or mapping expected."
)
INVALID_VALUE = _code(
    "SCO205", "invalid-value", "A value in the wrong form: a date, a cadence, a duration, a score."
)
UNKNOWN_CHOICE = _code(
    "SCO206", "unknown-choice", "A value that is not one of the allowed words (status, kind...)."
)
OUT_OF_RANGE = _code(
    "SCO207", "out-of-range", "A number or a date outside the range the tracker can work with."
)
EMPTY_VALUE = _code("SCO208", "empty-value", "A value that must not be empty is empty.")
INVALID_ID = _code(
    "SCO209",
    "invalid-id",
    "An id that is not lower-case letters, digits, '-', '_' or '.', or longer than 200 characters.",
)
CONTROL_CHARACTER = _code(
    "SCO210",
    "control-character",
    "A text holds a control character (such as NUL, written \\0 in quotes) that the database "
    "or the reports cannot hold.",
)

# -- settings a later step depends on -----------------------------------------------------------
UNKNOWN_TIMEZONE = _code("SCO301", "unknown-timezone", "settings.timezone is not an IANA name.")
INVALID_SCHEDULE = _code(
    "SCO302", "invalid-schedule", "A settings.schedule entry that the scheduler cannot use."
)
TEMPLATES_DIR = _code(
    "SCO303",
    "templates-dir",
    "settings.templates_dir is not an existing folder inside the project.",
)
TEMPLATE_ERROR = _code(
    "SCO304", "template-error", "A template in settings.templates_dir cannot be read or parsed."
)
REPORTS_DIR = _code(
    "SCO305",
    "reports-dir",
    "settings.reports_dir is a file, cannot be created, or is outside the project.",
)
REPORTS_MANIFEST = _code(
    "SCO306", "reports-manifest", "The reports manifest (reports.json) is damaged."
)
DATABASE_SETTING = _code(
    "SCO307",
    "database-setting",
    "settings.database is an SQLite file outside the project, or a URL with a password in it.",
)
UNSUPPORTED_DATABASE = _code(
    "SCO308",
    "unsupported-database",
    "settings.database names a database other than SQLite or PostgreSQL (MySQL, Oracle...).",
)
DUPLICATE_SUBSCRIBER = _code(
    "SCO309",
    "duplicate-subscriber-name",
    "Two subscribers under settings.notify (e-mail recipients, webhooks) have the same name: the "
    "news waiting for a subscriber follows its name, so each name must be its own.",
)

# -- rules across entries -----------------------------------------------------------------------
DUPLICATE_ID = _code("SCO401", "duplicate-id", "Two entries of a section have the same id.")
UNKNOWN_PARTY = _code("SCO402", "unknown-party", "A party id that is not listed under parties.")
UNKNOWN_REFERENCE = _code(
    "SCO403",
    "unknown-reference",
    "A source, event or commitment id that is not defined in its section.",
)
LEAD_NOT_PARTY = _code(
    "SCO404", "lead-not-a-party", "The lead of a commitment is not among its parties."
)
DUE_REQUIRED = _code("SCO405", "due-required", "A deliverable has no due date.")
REVIEW_REQUIRED = _code("SCO406", "review-required", "A continuous commitment has no review_every.")
DEPENDENCY_CYCLE = _code(
    "SCO407", "dependency-cycle", "Commitments depend on each other in a loop."
)
BAD_RESTATEMENT = _code(
    "SCO408",
    "bad-restatement",
    "A commitment restates itself, a later commitment, or restatements form a loop.",
)
SOURCE_TEXT_PATH = _code(
    "SCO409", "source-text-path", "A source's text is not a file name under sources/."
)
SOURCE_TEXT_MISSING = _code(
    "SCO410", "source-text-unreadable", "A source's text file is missing or cannot be read."
)
PARAGRAPH_REQUIRED = _code(
    "SCO411",
    "paragraph-required",
    "A commitment quotes a source with a local text but gives no paragraph.",
)
PARAGRAPH_RANGE = _code(
    "SCO412", "paragraph-out-of-range", "A paragraph number beyond the end of the source text."
)
QUOTE_MISMATCH = _code(
    "SCO413", "quote-not-in-paragraph", "A quote is not found in the paragraph it names."
)
IN_THE_FUTURE = _code(
    "SCO414", "dated-in-the-future", "An update or an assessment dated after today."
)
UPDATES_ORDER = _code(
    "SCO415", "updates-out-of-order", "A commitment's updates are not oldest first."
)
STATUS_DISAGREES = _code(
    "SCO416",
    "status-disagrees",
    "The status differs from the one set by the latest update that sets one.",
)
ASSESSED_NON_PARTY = _code(
    "SCO417", "assessed-non-party", "A party scored on a commitment it did not make."
)
UNKNOWN_WINDOW = _code(
    "SCO418", "unknown-window", "An assessment names a window not in settings.assessment_windows."
)
EVIDENCE_AFTER_WINDOW = _code(
    "SCO419", "evidence-after-window", "Evidence dated after the end of its assessment window."
)
SCORE_WITHOUT_SOURCE = _code(
    "SCO420", "score-without-source", "A score of -1, 0 or +1 without a source for the evidence."
)
NA_WITHOUT_NOTE = _code("SCO421", "na-without-note", "A score of n/a without a note saying why.")
ASSESSED_TWICE = _code(
    "SCO422", "assessed-twice", "A party scored twice in one window on one commitment."
)
EXCLUSION_NOTE = _code(
    "SCO423", "exclusion-needs-note", "An exclusion with reason 'other' has no note."
)
WINDOW_ORDER = _code(
    "SCO424", "window-ends-before-start", "An assessment window ends before it starts."
)
UNKNOWN_PARAGRAPH = _code(
    "SCO425",
    "unknown-paragraph-number",
    'A paragraph given as the document\'s own number ("5", "annex 13") that its text does '
    "not have.",
)
GROUP_CLASHES = _code(
    "SCO426", "group-id-clashes", "A party_groups id that is also the id of a party."
)
GROUP_CYCLE = _code("SCO427", "group-cycle", "Party groups that contain each other in a loop.")
RESERVED_ID = _code(
    "SCO428",
    "reserved-event-id",
    "An event with the id 'unspecified', which 'due: unspecified' (no date given) reserves.",
)
WINDOW_UNKNOWN_SOURCE = _code(
    "SCO429",
    "window-unknown-source",
    "An assessment window names a source (in its 'sources:') that is not in 'sources:'.",
)

# -- warnings -----------------------------------------------------------------------------------
QUOTE_UNVERIFIED = _code(
    "SCO501",
    "quote-unverified",
    "Warning: the quote cannot be checked, the source has no local text.",
)
DRAFT = _code(
    "SCO502",
    "draft",
    "Warning (an error with --strict): an entry proposed by 'sco-tracker draft' not yet reviewed.",
)
NOT_A_LINK = _code(
    "SCO503",
    "not-a-link",
    "Warning: a url or source that is not a web or mail link (an address without https://, a "
    "site with no dot, javascript:, a citation); shown as plain text, not counted as evidence.",
)
NOTIFY_LIMIT_NOTHING = _code(
    "SCO504",
    "notify-limit-matches-nothing",
    "Warning: a settings.notify limit names a theme no commitment has, so it lets nothing through.",
)
ADDRESSEE_LIKE_PARTY = _code(
    "SCO505",
    "addressee-like-party",
    "Warning: an addressee written as a plain name that is close to a party or group id "
    "(maybe misspelt).",
)
DRAFT_NOTE = _code(
    "SCO506",
    "draft-note",
    "Warning (an error with --strict): an exclusion whose note is still the placeholder "
    "'sco-tracker draft' writes when it cannot tell why a sentence is not a commitment.",
)

# -- validate --strict --------------------------------------------------------------------------
UNDECIDED_SENTENCE = _code(
    "SCO601",
    "undecided-sentence",
    "With --strict: an undertaking (a clause of a sentence) neither quoted by a commitment nor "
    "excluded; a sentence with several undertakings is decided only when each one is.",
)
EXCLUSION_WITHOUT_NOTE = _code(
    "SCO602",
    "exclusion-without-note",
    "With --strict: an exclusion of a sentence with undertaking language says in no note of its "
    "own why that undertaking is not tracked.",
)

# -- included files -----------------------------------------------------------------------------
INCLUDE_FORM = _code(
    "SCO701",
    "include-form",
    "'include:' is not a list of file names or patterns relative to commitments.yaml, such as "
    "'commitments/*.yaml'.",
)
INCLUDE_MISSING = _code("SCO702", "include-missing", "A file named in 'include:' does not exist.")
INCLUDE_NO_MATCH = _code("SCO703", "include-no-match", "A pattern in 'include:' matches no file.")
INCLUDE_TWICE = _code(
    "SCO704",
    "include-twice",
    "A file is included twice (named twice, or named and also matched by a pattern), or "
    "commitments.yaml includes itself.",
)
INCLUDE_OUTSIDE = _code(
    "SCO705",
    "include-outside",
    "An included file is outside the project folder (or a link that leads out of it), or is "
    "not a regular file.",
)
INCLUDED_SETTINGS = _code(
    "SCO706",
    "settings-in-included-file",
    "An included file has 'settings:': the settings stay in commitments.yaml.",
)
NESTED_INCLUDE = _code(
    "SCO707",
    "nested-include",
    "An included file has 'include:' of its own: only commitments.yaml includes files.",
)


def readme_table() -> str:
    """The "List of problems" table of README.md."""
    rows = ["| Code | Name | What it means |", "|---|---|---|"]
    for c in REGISTRY.values():
        description = c.description.replace("|", "\\|")
        rows.append(f"| {c.code} | {c.name} | {description} |")
    return "\n".join(rows) + "\n"


class CodedValueError(ValueError):
    """A ValueError that says which problem it is (pydantic keeps it in the error's context)."""

    def __init__(self, message: str, code: Code) -> None:
        super().__init__(message)
        self.code = code


if __name__ == "__main__":
    print(readme_table(), end="")
