"""Saved games in SQLite: the only code that imports SQLAlchemy."""
