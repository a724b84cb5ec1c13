"""The report as PDF: the HTML rendering laid out by WeasyPrint (pip-installable; it needs the
Pango library, which most Linux, macOS and Windows systems have) on A4 or Letter."""

from __future__ import annotations

import logging

from exercise.errors import ExerciseError

PAPERS = ("a4", "letter")
HOW = (
    "PDF needs WeasyPrint and the Pango library: pip install 'exercise[pdf]' "
    "(Debian: apt-get install libpango-1.0-0), or write --format html and print it from a browser"
)


def render_pdf(html: str, paper: str = "a4") -> bytes:
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there but Pango is not
        raise ExerciseError(f"cannot make a PDF here ({exc.__class__.__name__}): {HOW}") from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its notes on CSS it ignores
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    size = CSS(string=f"@page {{ size: {'A4' if paper == 'a4' else 'Letter'}; }}")
    return HTML(string=html).write_pdf(stylesheets=[size])
