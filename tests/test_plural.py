"""One definition of "1 commitment" / "2 commitments": the commands and both template
environments (reports, notifications) use spec.vocabulary.plural."""

from __future__ import annotations

from sco_tracker.notify import render as notify_render
from sco_tracker.report import render as report_render
from sco_tracker.spec.vocabulary import plural


def test_plural_counts_one_and_many() -> None:
    assert plural(1, "commitment") == "1 commitment"
    assert plural(0, "commitment") == "0 commitments"
    assert plural(22, "draft") == "22 drafts"
    assert plural(2, "party", "parties") == "2 parties"
    assert plural(1, "party", "parties") == "1 party"


def test_the_templates_use_the_same_plural() -> None:
    assert report_render.environment(None).filters["plural"] is plural
    assert notify_render.environment(None).filters["plural"] is plural
