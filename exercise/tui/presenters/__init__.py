"""Presenters: plain data the screens show, computed from views, states and events.

No Textual here: pure functions, so they can be tested (and timed) on their own, and every
screen derives what it shows from the same place. A seat's screens are fed only from
`view_for(state, seat, events)`; the facilitator's from the whole state. The words shared with
the CLI and the handouts come from `exercise.core.wording`.
"""
