"""The project's OptionList. With Textual's private-API tricks on (the default;
`exercise/tui/textual_tricks.py`) it keeps its rendered options when its tab is shown again
and its scrollbars keep their drawing across focus moves; with `EXERCISE_TEXTUAL_TRICKS=0` it
is Textual's OptionList."""

from __future__ import annotations

from textual.widgets import OptionList

from exercise.tui.textual_tricks import OPTIONS_TRICKS


class Options(*OPTIONS_TRICKS, OptionList):  # type: ignore[misc]
    pass
