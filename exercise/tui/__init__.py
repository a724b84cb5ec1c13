"""The Textual terminal UI: the only code that imports Textual."""
