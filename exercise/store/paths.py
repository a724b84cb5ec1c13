"""Where a new save goes by default: `SAVES/<scenario>-<date>-<time>.db`, always inside SAVES.

Scenario ids are checked words with dashes (core/limits.py), so they cannot hold a `/` or a
`..`; this checks again anyway, because a path outside the saves folder would be written
without a word to anyone (the command line and the terminal UI both build names here).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from exercise.errors import SaveError


def save_name_problem(name: str) -> str | None:
    """Why `name` cannot be one file name inside a folder, or None."""
    if not name or name in (".", "..") or name.startswith("."):
        return f"{name!r} is not a plain file name"
    if any(sep and sep in name for sep in ("/", "\\", os.sep, os.altsep)) or "\x00" in name:
        return f"{name!r} holds a path separator"
    if len(name.encode("utf-8")) > 255:
        return f"{name[:40]!r}… is longer than a file name may be"
    return None


def new_save_path(saves_dir: Path | str, scenario_id: str, tag: str = "") -> Path:
    """A fresh `saves_dir/<scenario_id>[-tag]-<date>-<time>[-n].db` that does not exist yet;
    SaveError if the name would leave `saves_dir`."""
    saves_dir = Path(saves_dir)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    stem = "-".join(part for part in (scenario_id, tag, stamp) if part)
    n = 1
    while True:
        name = f"{stem}.db" if n == 1 else f"{stem}-{n}.db"
        problem = save_name_problem(name)
        if problem:
            raise SaveError(f"scenario id {scenario_id!r}: cannot name a save after it ({problem})")
        path = saves_dir / name
        if path.resolve().parent != saves_dir.resolve():
            raise SaveError(f"scenario id {scenario_id!r}: a save named after it would leave {saves_dir}")
        if not path.exists():  # two games created in the same second get -2, -3, ...
            return path
        n += 1
