"""The facilitator guides of the shipped scenarios (docs/scenarios/<id>.md) and what the
handouts take from them: the debrief questions."""

from __future__ import annotations

import re
import sys
from pathlib import Path

QUESTIONS_HEADING = "## Debrief questions"
_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*])\s+(.*)$")


def guides_dir() -> Path | None:
    """docs/scenarios in the working directory, the source checkout, or the installed share."""
    candidates = (
        Path.cwd() / "docs" / "scenarios",
        Path(__file__).resolve().parents[2] / "docs" / "scenarios",
        Path(sys.prefix) / "share" / "exercise" / "guides",
    )
    return next((d for d in candidates if d.is_dir() and any(d.glob("*.md"))), None)


def guide_path(scenario_id: str) -> Path | None:
    directory = guides_dir()
    path = directory / f"{scenario_id}.md" if directory else None
    return path if path is not None and path.is_file() else None


def debrief_questions(scenario_id: str) -> list[str]:
    """The numbered questions under the guide's "Debrief questions" heading, each on one line
    (none when the scenario has no guide, or its guide no such section)."""
    path = guide_path(scenario_id)
    if path is None:
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return questions_in(text)


def questions_in(guide: str) -> list[str]:
    lines = guide.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == QUESTIONS_HEADING) + 1
    except StopIteration:
        return []
    questions: list[str] = []
    for line in lines[start:]:
        if line.startswith("#"):
            break
        item = _ITEM.match(line)
        if item:
            questions.append(item.group(1).strip())
        elif line.strip() and questions:
            questions[-1] += " " + line.strip()
    return questions
