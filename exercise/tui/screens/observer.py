"""An observer's seat (`exercise play SAVE --as observer-1`): everything a chosen team sees,
live, and no way to act (screens/watch.py does the watching)."""

from __future__ import annotations

from exercise.tui.screens.tabbed import tab_keys
from exercise.tui.screens.watch import WatchScreen


class ObserverScreen(WatchScreen):
    BINDINGS = [*WatchScreen.BINDINGS, *tab_keys("Orders", "Brief", "Forums", "Norms", "Network", "Timeline", "Talks")]
    WHAT = "Observer"
