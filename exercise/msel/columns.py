"""One MSEL row <-> one inject: the planners' columns and the short texts that say when an
inject fires and what it does, so a spreadsheet holds everything a scenario's inject holds.

    turn or trigger   "turn 3" (or "3") | "when EVENT NORM [in FORUM] [above VALUE]" | "manual",
                      joined by ", " ("turn 3, manual"); empty: only the white cell fires it
    to                delegation ids, ", " between them (empty: everyone)
    effects           "KIND key=value ..." per effect, "; " between them, keys domain,
                      delegation, forum, delta: "salience domain=security delta=0.2"
"""

from __future__ import annotations

from typing import Any, get_args

from exercise.core.spec import Effect, EffectKind, Inject, TriggerEvent

EFFECT_KINDS: tuple[str, ...] = get_args(EffectKind)
TRIGGER_EVENTS: tuple[str, ...] = get_args(TriggerEvent)

NUMBER, ID, WHEN, TITLE, DESCRIPTION, FROM, TO, ACTION, OBJECTIVE, NOTES, EFFECTS = (
    "number",
    "id",
    "turn or trigger",
    "inject title",
    "description",
    "from",
    "to",
    "expected player action",
    "objective",
    "notes",
    "effects",
)
COLUMNS: tuple[str, ...] = (NUMBER, ID, WHEN, TITLE, DESCRIPTION, FROM, TO, ACTION, OBJECTIVE, NOTES, EFFECTS)
REQUIRED: tuple[str, ...] = (ID, TITLE)
# The inject key each column fills (the scenario checker's key paths name these).
KEY_OF_COLUMN: dict[str, str] = {
    ID: "id",
    TITLE: "title",
    DESCRIPTION: "description",
    FROM: "sender",
    TO: "recipients",
    ACTION: "expected_action",
    OBJECTIVE: "objective",
    NOTES: "notes",
    EFFECTS: "effects",
}
COLUMN_OF_KEY: dict[str, str] = {**{v: k for k, v in KEY_OF_COLUMN.items()}, "turn": WHEN, "when": WHEN, "manual": WHEN}
EFFECT_KEYS = ("domain", "delegation", "forum", "delta")


class RowError(ValueError):
    """A cell that cannot be read: its column and what is wrong."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def when_text(inject: Inject) -> str:
    parts = []
    if inject.turn is not None:
        parts.append(f"turn {inject.turn}")
    if inject.when is not None:
        w = inject.when
        text = f"when {w.event} {w.norm}" + (f" in {w.forum}" if w.forum else "")
        if w.value or w.event == "breadth_above":
            text += f" above {_number(w.value)}"
        parts.append(text)
    if inject.manual:
        parts.append("manual")
    return ", ".join(parts)


def effect_text(effect: Effect) -> str:
    words: list[str] = [effect.kind]
    for key in EFFECT_KEYS:
        value = getattr(effect, key)
        if key == "delta":
            if value:
                words.append(f"delta={_number(value)}")
        elif value is not None:
            words.append(f"{key}={value}")
    return " ".join(words)


def row_of(number: int, inject: Inject) -> dict[str, Any]:
    """The MSEL row of an inject, column name -> cell (the number a whole number, the rest text)."""
    return {
        NUMBER: number,
        ID: inject.id,
        WHEN: when_text(inject),
        TITLE: inject.title,
        DESCRIPTION: inject.description,
        FROM: inject.sender,
        TO: ", ".join(inject.recipients),
        ACTION: inject.expected_action,
        OBJECTIVE: inject.objective,
        NOTES: inject.notes,
        EFFECTS: "; ".join(effect_text(e) for e in inject.effects),
    }


def _float(column: str, word: str, what: str) -> float:
    try:
        value = float(word)
    except ValueError:
        raise RowError(column, f"{what} {word!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise RowError(column, f"{what} {word!r} is not a number")
    return value


def _when(text: str) -> dict[str, Any]:
    """The trigger cell -> inject keys turn, when, manual (TOML data, checked later)."""
    data: dict[str, Any] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        words = part.split()
        if words[0] == "manual" and len(words) == 1:
            data["manual"] = True
        elif (words[0] == "turn" and len(words) == 2) or (len(words) == 1 and words[0].isdigit()):
            word = words[-1]
            if not word.isdigit():
                raise RowError(WHEN, f"turn {word!r} is not a whole number")
            data["turn"] = int(word)
        elif words[0] == "when":
            data["when"] = _trigger(words[1:], part)
        else:
            raise RowError(WHEN, f"{part!r} is not 'turn N', 'when EVENT NORM [in FORUM] [above VALUE]' or 'manual'")
    return data


def _trigger(words: list[str], part: str) -> dict[str, Any]:
    if len(words) < 2:
        raise RowError(WHEN, f"{part!r}: a trigger needs an event and a norm (when adopted NORM)")
    event, norm, rest = words[0], words[1], words[2:]
    if event not in TRIGGER_EVENTS:
        raise RowError(WHEN, f"trigger event {event!r} must be one of {', '.join(TRIGGER_EVENTS)}")
    trigger: dict[str, Any] = {"event": event, "norm": norm}
    while rest:
        if len(rest) < 2 or rest[0] not in ("in", "above"):
            raise RowError(WHEN, f"{part!r}: after the norm only 'in FORUM' and 'above VALUE' may follow")
        if rest[0] == "in":
            trigger["forum"] = rest[1]
        else:
            trigger["value"] = _float(WHEN, rest[1], "trigger value")
        rest = rest[2:]
    if event == "breadth_above" and "value" not in trigger:
        raise RowError(WHEN, f"{part!r}: breadth_above needs 'above VALUE'")
    return trigger


def _effects(text: str) -> list[dict[str, Any]]:
    effects = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        kind, *pairs = part.split()
        if kind not in EFFECT_KINDS:
            raise RowError(EFFECTS, f"effect kind {kind!r} must be one of {', '.join(EFFECT_KINDS)}")
        effect: dict[str, Any] = {"kind": kind}
        for pair in pairs:
            key, eq, value = pair.partition("=")
            if not eq or key not in EFFECT_KEYS or not value:
                raise RowError(
                    EFFECTS, f"{pair!r} in {part!r} is not one of {', '.join(k + '=...' for k in EFFECT_KEYS)}"
                )
            effect[key] = _float(EFFECTS, value, "delta") if key == "delta" else value
        effects.append(effect)
    return effects


def inject_data(row: dict[str, str]) -> dict[str, Any]:
    """A row's cells (column -> text, all columns present) -> the inject's TOML data, or
    RowError for the first cell that cannot be read. Ids and references are checked after,
    with the whole scenario."""
    data: dict[str, Any] = {"id": row[ID], "title": row[TITLE]}
    for column in (DESCRIPTION, FROM, ACTION, OBJECTIVE, NOTES):
        if row[column]:
            data[KEY_OF_COLUMN[column]] = row[column]
    data.update(_when(row[WHEN]))
    recipients = [r.strip() for r in row[TO].split(",") if r.strip()]
    if recipients:
        data["recipients"] = recipients
    effects = _effects(row[EFFECTS])
    if effects:
        data["effects"] = effects
    return data
