"""The analysts' live commitments.yaml, as it is today.

This is the only test that reads the live file: every other test starts from the frozen copy
in tests/data/beijing, so an analyst's ordinary edit (a new commitment, a dated update) cannot
break them. The live file must validate as of today, with the files it includes (the
commitments/<source-id>.yaml that `sco-tracker draft --write` adds under `include:`), which are
read relative to it whatever folder the tests run from; how many commitments or warnings it
holds is the analysts' business and is not pinned here.
"""

from __future__ import annotations

from conftest import ROOT
from sco_tracker.spec.validation import validate_file


def test_the_live_commitments_file_validates() -> None:
    live = ROOT / "commitments.yaml"
    result = validate_file(str(live))  # as of today: analysts add updates dated today
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.project is not None and result.project.commitments
