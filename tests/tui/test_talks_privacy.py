"""No seat's screen holds talk it did not hear: another pair's messages and deals, a coalition it
is not in, the chair's word to another seat. At a hot-seat keyboard the privacy screen clears
the last seat's talk notices."""

from __future__ import annotations

from exercise.store import Game
from exercise.tui.widgets.talks import TalksPane
from exercise.tui.widgets.world import WorldTabs

from .helpers import SIZE, each_hot_seat, new_app, notices, screen_text, sync, wait_until

# what atlantia heard and borealis must never see
ATLANTIA_ONLY = {
    "bilateral": "say to cordova: atlantia and cordova alone",
    "coalition": "say to coalition pact: the pact's own line",
    "secret offer": "offer cordova: implement protect-hospitals if implement clean-networks",
}
CHAIR_TO_ATLANTIA = "say to atlantia: the chair's word for atlantia"


def secrets_of(game) -> list[str]:
    game.talk.post("atlantia", ATLANTIA_ONLY["bilateral"])
    game.talk.post("atlantia", "form pact with cordova")
    game.talk.post("cordova", "join pact")
    game.talk.post("atlantia", ATLANTIA_ONLY["coalition"])
    game.talk.post("atlantia", ATLANTIA_ONLY["secret offer"])
    game.talk.post("@white", CHAIR_TO_ATLANTIA)
    return [
        "atlantia and cordova alone",
        "the pact's own line",
        "implement protect-hospitals if implement clean-networks",
        "the chair's word for atlantia",
        "pact",
    ]


@sync
async def test_hot_seat_talk_stays_with_its_audience_and_notices_go_with_the_seat(tmp_path, make_game):
    game = make_game(humans=("atlantia", "borealis"))
    secrets = secrets_of(game)

    def at_privacy(screen) -> None:
        assert not [n for n in notices(app) if "talk" in n], "a talk notice outlived its seat"

    async def visit(screen) -> None:
        me = screen.seat
        await pilot.press("6")
        await wait_until(pilot, lambda: screen.query_one(WorldTabs).active == "tab-talks", "Talks")
        await screen.query_one(WorldTabs).build_all()
        text = screen_text(screen)
        if me == "atlantia":
            for secret in secrets:
                assert secret in text, f"atlantia heard {secret!r} and should see it"
            await pilot.press("1")  # back to the desk: new talk comes as a notice
            with Game.open(game.path) as cordova_side:
                cordova_side.talk.post("cordova", "say to atlantia: a late word for atlantia")
            await wait_until(pilot, lambda: any("new line(s) of talk" in n for n in notices(app)), "notice")
        else:
            for secret in [*secrets, "a late word for atlantia"]:
                assert secret not in text, f"{me}'s screen shows talk it did not hear: {secret!r}"
            assert "Talk of turn 1, as heard by borealis" in screen_text(screen.query_one(TalksPane))

    app = new_app(tmp_path, game=game)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        checked = await each_hot_seat(pilot, {"atlantia", "borealis"}, visit, at_privacy)
    assert checked == {"atlantia", "borealis"}
