"""The run shortcut sees every template the report's Jinja loader sees, sub-folders included."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import FileSystemLoader

from sco_tracker.cache import TEMPLATES, template_digests


def test_the_digests_list_exactly_what_jinja_lists(tmp_path: Path) -> None:
    (tmp_path / "parts" / "deeper").mkdir(parents=True)
    (tmp_path / "report.html.j2").write_text("{% include 'parts/row.html.j2' %}")
    (tmp_path / "parts" / "row.html.j2").write_text("row")
    (tmp_path / "parts" / "deeper" / "cell.md.j2").write_text("cell")
    for folder in (str(tmp_path), str(TEMPLATES)):
        listed = {os.path.join(folder, n) for n in FileSystemLoader(folder).list_templates()}
        assert set(template_digests([folder])) == listed


def test_an_edit_in_a_sub_folder_changes_the_digests(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    row = tmp_path / "parts" / "row.html.j2"
    row.write_text("row")
    before = template_digests([str(tmp_path)])
    row.write_text("row, edited")
    assert template_digests([str(tmp_path)]) != before
