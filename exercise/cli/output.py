"""Writing a command's output file: never over an existing file unless --force, never over
an input, and whole or not at all (a temporary file beside it, renamed into place)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from exercise.errors import ExerciseError


def check_output(out: Path, force: bool, inputs: Iterable[object] = ()) -> None:
    """Refuse, before any work, an --out that exists (without force), is an input, or whose
    directory is missing or cannot be written."""
    for source in inputs:  # a save on a server is never a file here
        if isinstance(source, str | Path) and out.resolve() == Path(source).resolve():
            raise ExerciseError(f"{out}: is an input of this command; write to another file")
    if out.is_dir():
        raise ExerciseError(f"{out}: is a directory; name a file")
    if out.exists() and not force:
        raise ExerciseError(f"{out}: already exists (choose another name, or --force to replace it)")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise ExerciseError(f"{out}: cannot be written (no directory {parent})")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ExerciseError(f"{out}: cannot be written (permission denied)")


def write_output(out: Path, data: bytes | str) -> None:
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        tmp.replace(out)
    except OSError as exc:
        raise ExerciseError(f"{out}: cannot be written ({exc.strerror})") from None
    finally:
        tmp.unlink(missing_ok=True)
