"""What the world tabs and the replay screen say, by pressing their keys: assertions on the
words instead of snapshots, so a Textual upgrade that moves a pixel does not fail them (the
layout of the home screen, the desk and the white cell is still guarded by test_snapshots.py)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from exercise.engine.metrics import central_actors
from exercise.store import Game

from .helpers import plain, replaying, seated, settle, sync

SIZE = (120, 40)


@pytest.fixture
def played(make_game):
    game = make_game(humans=("atlantia", "borealis"))
    for _ in range(2):
        game.resolve(force=True, missing="strategy")
    return game


async def _open_tab(pilot, app, key: str) -> None:
    await pilot.press(key)
    await settle(pilot, app)
    for _ in range(3):  # the network tab computes its facts in a worker
        await pilot.pause()
        await app.workers.wait_for_complete()


def _column(table: DataTable, index: int = 0) -> list[str]:
    return [plain(table.get_row_at(row)[index]).strip() for row in range(table.row_count)]


@sync
async def test_the_forums_tab_describes_the_highlighted_forum(tmp_path, played):
    state = played.state()
    async with seated(tmp_path, played, "atlantia") as (app, pilot):
        await _open_tab(pilot, app, "2")
        first = state.scenario.forums[0]
        text = plain(app.screen.query_one("#forum-detail", Static).content)
        members = state.forums[first.id].members
        assert text.startswith(f"{first.name}  [{first.id}]")
        assert f"Members ({len(members)}): {', '.join(members)}" in text
        for item in state.forums[first.id].agenda:
            assert item.norm in text


@sync
async def test_the_norm_board_lists_every_norm_and_details_the_first(tmp_path, played):
    scenario = played.scenario
    async with seated(tmp_path, played, "atlantia") as (app, pilot):
        await _open_tab(pilot, app, "3")
        assert _column(app.screen.query_one("#norm-table", DataTable)) == [n.id for n in scenario.norms]
        first = scenario.norms[0]
        detail = plain(app.screen.query_one("#norm-text", Static).content)
        assert detail.startswith(f"{first.id}\n“{first.statement}”")


@sync
async def test_the_network_tab_ranks_every_actor_and_shows_the_first_ones_ties(tmp_path, played):
    scenario = played.scenario
    ranked = [actor for actor, _, _ in central_actors(scenario, top=len(scenario.delegations))]
    async with seated(tmp_path, played, "atlantia") as (app, pilot):
        await _open_tab(pilot, app, "4")
        assert _column(app.screen.query_one("#central", DataTable)) == ranked
        ties = plain(app.screen.query_one("#ties", Static).content)
        assert ties.startswith(f"{scenario.delegation(ranked[0]).name} [{ranked[0]}]") and "ties (weight):" in ties


@sync
async def test_replay_steps_back_a_turn_in_the_white_cells_view(tmp_path, played):
    async with replaying(tmp_path, played) as (app, pilot):
        bar = app.screen.query_one("#replay-bar", Static)
        assert "turn 2 of 2" in plain(bar.content)
        await pilot.press("left")
        await settle(pilot, app)
        assert "turn 1 of 2" in plain(bar.content) and "view: White cell" in plain(bar.content)


@sync
async def test_a_package_on_the_agenda_shows_what_it_holds_and_the_desk_offers_it(tmp_path):
    from pathlib import Path

    gge = Path(__file__).resolve().parents[2] / "scenarios" / "gge-2015-vs-2017.toml"
    game = Game.create(tmp_path / "gge.db", gge, humans=["bra"])
    try:
        async with seated(tmp_path, game, "bra") as (app, pilot):
            offered = [str(order) for order, why in app.screen.query_one("Desk").shown if why is None]
            assert "amend report-2015 in gge-2015 drop privacy-online" in offered
            await _open_tab(pilot, app, "2")
            text = plain(app.screen.query_one("#forum-detail", Static).content)
            assert "report-2015" in text
            assert "package, adopted or not as one: no-attack-ci + protect-certs + report-vulns" in text
    finally:
        game.close()
