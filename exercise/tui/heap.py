"""Keep Python's garbage collector out of key presses.

A big game holds a million or so objects (the state, the events, the views, the widgets of
every pane). Python's full collections walk all of them, for a noticeable pause
on the 200-delegation scenario (docs/performance.md), at unpredictable key presses (the spikes of the norm board's scroll
and of tab switches). So what is built and meant to stay (start-up imports, a main screen
once drawn, a pane once filled) is frozen (`gc.freeze`, which costs nothing): later
collections walk only what was made since, and are quick.

Frozen objects that become garbage wait for `reclaim`, which collects everything once, at
moments the user is waiting anyway: while a turn resolves, and when a game is closed. A
collection there is slow even on the tutorial (Textual and its imports are big), which is
why it is not done on every screen change.
"""

from __future__ import annotations

import gc


def freeze() -> None:
    """What exists now is meant to stay: keep it out of later collections."""
    gc.freeze()


def reclaim() -> None:
    """Collect everything once (frozen garbage included), then freeze what is alive."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
