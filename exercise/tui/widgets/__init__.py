"""Reusable widgets: one per file. Parents set their data (`show(...)`); they post messages up."""
