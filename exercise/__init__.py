"""exercise: a tabletop exercise engine for negotiating international cyber norms."""

__version__ = "0.1.0"
