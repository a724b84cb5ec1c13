"""The after-action report (`exercise report`): a report model gathered from a save
(gather.py, model.py), rendered as HTML with inline SVG charts, Markdown or PDF."""
