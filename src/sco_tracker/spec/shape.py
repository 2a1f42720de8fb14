"""The shape of each entry: keys, types and formats (model.py), as messages for an analyst.

A Checker collects problems and warnings, each with its code (codes.py) and its place in the
file. shape() validates one entry against its model and turns pydantic's errors into
messages; rules.py and settings_rules.py add the rules that span entries.
"""

from __future__ import annotations

import re
import sys
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from sco_tracker.problems import Problem, closest, did_you_mean
from sco_tracker.spec import codes
from sco_tracker.spec.codes import Code
from sco_tracker.spec.model import CHECKED, FAST
from sco_tracker.spec.yamlfile import Path, Positions

#: Characters no text may hold: the C0 controls but tab, line feed and carriage return, DEL
#: and the C1 controls. YAML lets them in only as escapes in double quotes ("\0", "\x07");
#: PostgreSQL refuses NUL in text, and XML (the reports' HTML, iCalendar) refuses the rest.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


#: What a missing field is, where the bare name is not enough: (section, field) -> the hint.
MISSING_HINTS = {
    ("sources", "date"): (
        ": the date the document was adopted or issued (YYYY-MM-DD), as printed on it; "
        "'sco-tracker draft' fills it in from the document when it can find it"
    ),
}


#: The fields whose texts repeat from entry to entry (party, source and window ids, themes,
#: wordings, due dates, cadences, links): each distinct text is kept once (sys.intern).
_REPEATED = {
    "Commitment": (
        "source",
        "theme",
        "parties",
        "addressees",
        "lead",
        "strength",
        "due",
        "review_every",
    ),
    "Update": ("source",),
    "Assessment": ("party", "window", "source"),
    "Exclusion": ("source",),
}
_NESTED = {"Commitment": ("updates", "assessments")}


class Compactor:
    """Validated models made smaller as they are built: the texts that repeat are shared
    (100,000 commitments name the same 8 parties 600,000 times), and so is pydantic's set of
    the fields each model was given (hundreds of bytes per model; the models given the same
    fields share one). Nothing reads that set but pydantic's exclude_unset, model_fields_set
    (neither used here) and model_copy, which copies it: sharing changes no value, dump or
    comparison."""

    def __init__(self) -> None:
        self._fields: dict[frozenset[str], set[str]] = {}

    def __call__(self, model: BaseModel) -> None:
        given = model.__pydantic_fields_set__
        shared = self._fields.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(model, "__pydantic_fields_set__", shared)
        name = type(model).__name__
        values = model.__dict__
        for key in _REPEATED.get(name, ()):
            value = values[key]
            if type(value) is str:
                values[key] = sys.intern(value)
            elif type(value) is list:
                value[:] = [sys.intern(v) if type(v) is str else v for v in value]
        for key in _NESTED.get(name, ()):
            for item in values[key]:
                self(item)


class Checker:
    def __init__(self, positions: Positions) -> None:
        self.pos = positions
        self.problems: list[Problem] = list(positions.problems)
        self.warnings: list[Problem] = []
        self.bad_paths: set[Path] = set()
        self.compact = Compactor()

    # -- reporting ---------------------------------------------------------------------------
    def error(self, code: Code, path: Path, message: str, *, at_key: bool = False) -> None:
        self.problems.append(self.pos.problem(path, message, at_key=at_key, code=code))

    def warn(self, code: Code, path: Path, message: str) -> None:
        self.warnings.append(self.pos.problem(path, message, severity="warning", code=code))

    # -- shape -------------------------------------------------------------------------------
    def shape(self, model: type[BaseModel], raw: Any, base: Path) -> Any:
        try:
            built = model.model_validate(raw)
        except ValidationError as exc:
            errors = []
            for err in exc.errors(include_url=False):
                loc = err["loc"]
                if (
                    FAST in loc
                ):  # the compiled shortcut refused it; the Python validator's error follows
                    continue
                if CHECKED in loc:
                    err["loc"] = tuple(p for p in loc if p != CHECKED)
                errors.append(err)
            misspelt = _misspelt_fields(model, errors)
            for err in errors:
                loc = tuple(err["loc"])
                self.bad_paths.add(base + loc)
                if err["type"] == "missing" and loc in misspelt:
                    continue  # the unknown key's "did you mean" says it: one mistake, one message
                self.translate(model, err, base)
            return None
        self.compact(built)
        return built

    def is_bad(self, path: Path) -> bool:
        """Whether a shape problem was reported at path or inside it."""
        return bool(self.bad_paths) and any(bad[: len(path)] == path for bad in self.bad_paths)

    def control_characters(self, value: Any, path: Path) -> None:
        """Report every text (key or value) under path that holds a control character."""
        if isinstance(value, str):
            m = CONTROL.search(value)
            if m:
                self.bad_paths.add(path)
                self.error(
                    codes.CONTROL_CHARACTER,
                    path,
                    f"the text holds the control character U+{ord(m.group()):04X}, which the "
                    "database and the reports cannot hold: delete it (in double quotes it is "
                    "written with a backslash, such as \\0)",
                )
        elif isinstance(value, dict):
            for k, v in value.items():
                if CONTROL.search(k):
                    self.control_characters(k, path + (k,))
                else:
                    self.control_characters(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                self.control_characters(v, path + (i,))

    def translate(self, model: type[BaseModel], err: Any, base: Path) -> None:
        loc = tuple(err["loc"])
        kind = err["type"]
        path = base + loc
        name = str(loc[-1]) if loc else str(base[-1]) if base else "value"
        where = ".".join(str(p) for p in loc) or str(name)
        value = err.get("input")
        if path[1:3] == ("notify", "webhooks") and isinstance(value, str) and "://" in value:
            value = WITHHELD  # a webhook's address holds its secret: never repeated
        if not loc and len(base) == 2 and isinstance(base[1], int):
            # A whole entry of a section, e.g. '- just text' among the commitments.
            example = (
                "id: ..., title: ..." if base[0] != "parties" else "id: ..., name: ..., kind: ..."
            )
            if kind in ("model_type", "dict_type", "model_attributes_type"):
                self.error(
                    codes.NOT_A_MAPPING,
                    base,
                    f"each entry of '{base[0]}' should be a mapping of keys to values "
                    f"({example}), got {_describe(value)}",
                )
                return
        if kind == "enum" and not isinstance(value, str):
            expected = err.get("ctx", {}).get("expected", "")
            choices = [s.strip(" '") for s in expected.replace(" or ", ",").split(",") if s.strip()]
            self.error(
                codes.UNKNOWN_CHOICE,
                path,
                f"'{where}' should be one of: {', '.join(choices)}; got {_describe(value)}",
            )
        elif kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            fields = [f.alias or n for n, f in owner.model_fields.items()] if owner else []
            self.error(
                codes.UNKNOWN_KEY,
                path,
                f"unknown key '{name}'{did_you_mean(name, fields)}; allowed here: "
                f"{', '.join(fields)}",
                at_key=True,
            )
        elif kind == "missing":
            hint = MISSING_HINTS.get((str(base[0]) if base else "", name), "")
            self.error(codes.MISSING, path[:-1], f"missing required field '{name}'{hint}")
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            choices = [s.strip(" '") for s in expected.replace(" or ", ",").split(",") if s.strip()]
            self.error(
                codes.UNKNOWN_CHOICE,
                path,
                f"unknown {name} '{value}'{did_you_mean(str(value), choices)}; expected one of: "
                f"{', '.join(choices)}",
            )
        elif value is None and kind.endswith("_type"):
            self.error(codes.WRONG_TYPE, path, f"'{where}' has no value")
        elif kind == "value_error":
            cause = err.get("ctx", {}).get("error")
            code = getattr(cause, "code", codes.INVALID_VALUE)  # a CodedValueError says which
            self.error(code, path, err["msg"].removeprefix("Value error, "))
        elif kind in ("string_type",):
            self.error(codes.WRONG_TYPE, path, f"'{where}' should be text, got {_describe(value)}")
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            self.error(
                codes.WRONG_TYPE,
                path,
                f"'{where}' should be a whole number, got {_describe(value)}",
            )
        elif kind == "list_type":
            self.error(
                codes.WRONG_TYPE,
                path,
                f"'{where}' should be a list (one '- ' item per line), got {_describe(value)}",
            )
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            self.error(
                codes.NOT_A_MAPPING,
                path,
                f"'{where}' should be a mapping of keys to values, got {_describe(value)}",
            )
        elif kind == "string_too_short":
            self.error(codes.EMPTY_VALUE, path, f"'{where}' must not be empty")
        elif kind == "too_short":
            what = "text" if isinstance(value, str) else "list"
            self.error(
                codes.EMPTY_VALUE,
                path,
                f"'{where}' must not be empty"
                if what == "text"
                else f"'{where}' needs at least one item",
            )
        elif kind == "greater_than_equal":
            self.error(
                codes.OUT_OF_RANGE,
                path,
                f"'{where}' must be at least {err['ctx']['ge']}, got {value}",
            )
        elif kind == "less_than_equal":
            self.error(
                codes.OUT_OF_RANGE,
                path,
                f"'{where}' must be at most {err['ctx']['le']}, got {_describe(value)}",
            )
        else:
            self.error(codes.INVALID_VALUE, path, f"'{where}': {err['msg']}")


def _misspelt_fields(model: type[BaseModel], errors: list[Any]) -> set[tuple[Any, ...]]:
    """The places of the missing fields that an unknown key of the same entry is a misspelling
    of ('strenght' for a missing 'strength')."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing" and e["loc"]}
    found: set[tuple[Any, ...]] = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] != "extra_forbidden" or not loc:
            continue
        owner = _model_at(model, loc[:-1])
        fields = [f.alias or n for n, f in owner.model_fields.items()] if owner else []
        close = closest(str(loc[-1]), fields)
        if close is not None and loc[:-1] + (close,) in missing:
            found.add(loc[:-1] + (close,))
    return found


def misspelt_fields(model: type[BaseModel], entry: dict[str, Any]) -> set[str]:
    """The fields of model that entry lacks and that one of its unknown keys is a misspelling
    of ('paragraf' for 'paragraph'): the rules that ask for such a field stay silent, as the
    shape's own "missing" does, since the unknown key's "did you mean" says it."""
    fields = [f.alias or n for n, f in model.model_fields.items()]
    errors = [{"type": "extra_forbidden", "loc": (k,)} for k in entry if k not in fields]
    errors += [{"type": "missing", "loc": (f,)} for f in fields if f not in entry]
    return {str(loc[0]) for loc in _misspelt_fields(model, errors)}


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


#: Stands for a value a message must not repeat (a webhook's address, with its token).
WITHHELD = object()


def _describe(value: Any) -> str:
    if value is WITHHELD:
        return "a web address (not repeated here: a webhook's address holds its secret)"
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
