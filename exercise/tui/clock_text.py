"""The round clock in words, the same on every screen: seats, the white cell, the projector.

`clock_line(clock)` gives (text, style); the last minute and a clock past zero get styles no
one in the room can miss.
"""

from __future__ import annotations

from exercise.store.records import Clock

LAST_MINUTE = 60.0

AT_ZERO_WORDS = {
    "warn": "the white cell decides",
    "pass": "the turn resolves; seats that have not submitted pass",
    "strategy": "the turn resolves; seats that have not submitted are played by their strategy",
}

CALM, HURRY, UP, STOPPED = "bold", "bold white on dark_orange3", "bold white on red3 blink", "bold black on grey70"


def mm_ss(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))  # 0.4 s left still shows 0:01, never a premature 0:00
    return f"{seconds // 60}:{seconds % 60:02d}"


def clock_line(clock: Clock) -> tuple[str, str]:
    """('⏱ 12:34 left in turn 3', style); ('', '') when the clock is off."""
    if not clock.on:
        return "", ""
    if clock.state == "held":
        return f"⏸ game paused, clock stopped at {mm_ss(clock.remaining)}", STOPPED
    if clock.state == "paused":
        return f"⏸ clock paused: {mm_ss(clock.remaining)} left in turn {clock.turn}", STOPPED
    if clock.expired:
        return f"TIME IS UP for turn {clock.turn}: {AT_ZERO_WORDS.get(clock.at_zero, '')}", UP
    if clock.remaining <= LAST_MINUTE:
        return f"⏱ LAST MINUTE: {mm_ss(clock.remaining)} left in turn {clock.turn}", HURRY
    return f"⏱ {mm_ss(clock.remaining)} left in turn {clock.turn}", CALM
