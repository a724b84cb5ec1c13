"""The white cell's round-clock menu: set the round's length, pause, extend, restart, and what
happens at zero. Every action goes through the store, which records it in the audit trail."""

from __future__ import annotations

from exercise.store.records import AT_ZERO
from exercise.tui.clock_text import AT_ZERO_WORDS, mm_ss
from exercise.tui.errors import describe


def clock_menu(screen) -> None:
    """Open the menu over `screen` (the white cell's), whose `game` has the clock."""
    from exercise.tui.screens.prompt import ChoiceScreen

    live = screen.game.live
    clock = live.clock()
    choices = [("set", "Set the round's length (starts the clock)…")]
    if clock.on:
        if clock.running:
            choices.append(("pause", f"Pause the clock ({mm_ss(clock.remaining)} left)"))
        else:
            choices.append(("resume", f"Resume the clock ({mm_ss(clock.remaining)} left)"))
        choices += [
            ("+60", "One more minute"),
            ("+300", "Five more minutes"),
            ("-60", "One minute less"),
            ("restart", f"Restart the round ({mm_ss(clock.round_seconds)})"),
        ]
        choices += [
            (f"zero:{choice}", f"At zero: {AT_ZERO_WORDS[choice]}" + ("  (now)" if clock.at_zero == choice else ""))
            for choice in AT_ZERO
        ]
        choices.append(("off", "Turn the clock off"))
    note = (
        f"now: {clock.state}, {mm_ss(clock.remaining)} left of {mm_ss(clock.round_seconds)}"
        if clock.on
        else "the clock is off"
    )

    def chosen(choice: str | None) -> None:
        if choice is None:
            return
        if choice == "set":
            _ask_length(screen)
            return
        try:
            if choice == "pause":
                live.pause_clock()
            elif choice == "resume":
                live.resume_clock()
            elif choice == "restart":
                live.restart_clock()
            elif choice == "off":
                live.set_clock(0)
            elif choice.startswith("zero:"):
                live.set_at_zero(choice[5:])
            else:
                live.extend_clock(float(choice))
        except Exception as exc:
            screen.notify(describe(exc), title="The clock did not change", severity="error")
            return
        screen.notify(f"Clock: {dict(choices)[choice].split('  (')[0]}")
        screen.query("RoundClock").first().tick()

    screen.app.push_screen(ChoiceScreen("The round clock", choices, note=note), chosen)


def _ask_length(screen) -> None:
    from exercise.store.live import parse_round
    from exercise.tui.screens.prompt import PromptScreen

    def entered(text: str | None) -> None:
        if not text:
            return
        try:
            clock = screen.game.live.set_clock(parse_round(text))
        except Exception as exc:
            screen.notify(describe(exc), title="The clock did not change", severity="error")
            return
        screen.notify(f"Clock: {mm_ss(clock.round_seconds)} a round, running.")
        screen.query("RoundClock").first().tick()

    clock = screen.game.live.clock()
    screen.app.push_screen(
        PromptScreen(
            "Length of a round",
            value=mm_ss(clock.round_seconds) if clock.on else "15m",
            note="e.g. 15m, 90s, 1h or 12:30; it starts now, for this turn and each next",
        ),
        entered,
    )
