"""The network tab never holds up a key press: when its blocs and centrality are not at hand,
it shows a loading indicator and fills once a worker has computed them."""

from __future__ import annotations

from textual.app import App, ComposeResult

from exercise.engine import facilitator_view
from exercise.tui.widgets.network import NetworkPane

from .helpers import screen_text, sync, wait_until


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield NetworkPane()


@sync
async def test_network_pane_computes_in_a_worker_then_fills(make_game):
    game = make_game(humans=("atlantia",))
    game.resolve(force=True, missing="strategy")
    state = game.state()
    state.scenario.memo.clear()  # nothing computed yet (as on a fresh turn)
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(NetworkPane)
        pane.show_world(facilitator_view(state, game.events()), state)
        assert pane.loading and pane.pending is not None
        await pane.pending.wait()
        await wait_until(pilot, lambda: not pane.loading, "the pane filled")
        text = screen_text(app.screen)
        assert "atlantia" in text and "ties (weight)" in text
