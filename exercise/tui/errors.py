"""Errors as plain words on screen, never a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from exercise.errors import ExerciseError, ScenarioError

F = TypeVar("F", bound=Callable[..., Any])


def describe(exc: BaseException) -> str:
    if isinstance(exc, ScenarioError):
        return "; ".join(exc.problems)
    if isinstance(exc, ExerciseError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} ({exc.filename})" if getattr(exc, "filename", None) else str(exc)
    return f"something went wrong inside the program ({exc.__class__.__name__}: {exc})"


def plain_errors(method: F) -> F:
    """Wrap an action so a failure becomes an error notification on the app."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:  # the app must stay up; the message says what went wrong
            app = getattr(self, "app", None)
            if app is None:
                raise
            app.notify(describe(exc), title="That did not work", severity="error", timeout=8)
            return None

    return wrapper  # type: ignore[return-value]
