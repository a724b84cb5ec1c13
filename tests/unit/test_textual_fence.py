"""Textual's private API is used in one module only (exercise/tui/textual_tricks.py), so a
Textual upgrade has one place to look, and one switch turns it all off."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCE = ROOT / "exercise" / "tui" / "textual_tricks.py"
# Private Textual modules, and the private names the tricks use (issue 16, item 1).
PRIVATE = re.compile(
    r"from textual[\w.]*\._\w+ import|import textual[\w.]*\._\w+|"
    r"\b(_data_table|_row_locations|_new_rows|_update_count|_highlight_cursor|_on_resize|_update_dimensions|"
    r"_styles_cache|_compositor|_vertical_scrollbar|_horizontal_scrollbar|_start_widget|_clear_caches|"
    r"_pseudo_class_state|_border_title|_border_subtitle|_require_update_dimensions|_notifications)\b"
)


def test_no_private_textual_api_outside_the_fence():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "exercise").rglob("*.py"))
        if path != FENCE
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert found == []


def test_the_fence_names_an_upstream_limitation_for_every_trick():
    text = FENCE.read_text(encoding="utf-8")
    tricks = re.findall(r"^# --- \d+\. (\w+)", text, re.M)
    assert len(tricks) == 6
    for block in re.split(r"^# --- \d+\. ", text, flags=re.M)[1:]:
        assert "\n# Upstream: " in block.split("\nclass ", 1)[0].split("\ndef ", 1)[0]
