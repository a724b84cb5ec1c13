"""The turn: phases, decision rules, dissemination, internalization, metrics and views.

Imports exercise.core and networkx only.
"""

from exercise.engine.setup import new_game
from exercise.engine.turn import TurnResult, resolve_turn, validate_orders
from exercise.engine.views import View, facilitator_view, view_for

__all__ = ["TurnResult", "View", "facilitator_view", "new_game", "resolve_turn", "validate_orders", "view_for"]
