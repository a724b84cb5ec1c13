"""Keep Python's garbage collector out of key presses.

A big game holds a million or so objects (the state, the events, the views, every widget).
Python's full collections walk all of them: 200-300 ms each on the 200-delegation scenario,
at unpredictable key presses (the spikes of the norm board's scroll and the tab switches).
So once a main screen is built and drawn, the heap is collected once and what is alive is
frozen (`gc.freeze`): later collections walk only what was made since, and are quick. When
the main screen changes, the old one is unfrozen so that its garbage can be collected.
"""

from __future__ import annotations

import gc


def release() -> None:
    """A main screen is being replaced: let everything be collectable again."""
    gc.unfreeze()


def settle() -> None:
    """A main screen is built and drawn: collect once now, then freeze what is alive."""
    gc.collect()
    gc.freeze()


def freeze() -> None:
    """A pane was just built: freeze it too (no collection: that is for `settle`)."""
    gc.freeze()
