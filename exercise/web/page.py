"""The page a browser tab loads: textual-serve's terminal (textual.js, xterm) and nothing else.

textual-serve's own page asks fonts.googleapis.com for its font; a classroom may have no
internet, so this one declares the Roboto Mono that textual-serve ships (falling back on the
system's monospace) and its Content-Security-Policy lets the browser fetch from this server
only. The inline script is allowed by its hash, so no other inline script can run.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from string import Template

DEFAULT_FONT_SIZE = 16
PROJECTOR_FONT_SIZE = 24  # a 1920x1080 screen at 24 px: about 130 columns by 37 lines
FONT_SIZES = range(8, 73)

# Restart reloads this very address (its token included), without textual.js's `delay`.
SCRIPT = """
function restart() {
  const params = new URLSearchParams(window.location.search);
  params.delete("delay");
  window.location.href = window.location.pathname + (params.toString() ? "?" + params : "");
}
window.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.restart")) {
    button.addEventListener("click", restart);
  }
});
"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>$title</title>
<link rel="stylesheet" href="${static}css/xterm.css">
<style>
@font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
  src: url("${static}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
  src: url("${static}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
html, body { margin: 0; height: 100%; background: #0c181f; }
body { font-family: "Roboto Mono", monospace; color: rgba(255, 255, 255, 0.95); }
.textual-terminal { width: 100vw; height: 100vh; opacity: 0; transition: opacity 0.3s ease-out; }
body.-first-byte .textual-terminal { opacity: 1; }
.dialog { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  z-index: 10; background: #0c181f; }
.dialog > div { max-width: 40em; padding: 2em; background: #12232d; text-align: center; font-size: 16px; }
body.-first-byte .connecting, .closed, #start { display: none; }
body.-closed .closed { display: flex; }
#start.-delay { display: inline-block; }
button { margin-top: 1em; padding: 0.8em 2em; border: none; background: #5e0ba7; color: inherit;
  font: inherit; cursor: pointer; }
button:hover { background: #ac5af4; }
</style>
<script src="${static}js/textual.js"></script>
<script>$script</script>
</head>
<body>
<div class="dialog connecting"><div>$title<br>connecting…<br>
<button type="button" class="restart" id="start">Start</button></div></div>
<div class="dialog closed"><div>This tab's session has ended: the seat was closed, taken over in another
tab, or the server stopped.<br><button type="button" class="restart">Open it again</button></div></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="$websocket"
 data-font-size="$font_size"></div>
</body>
</html>
""")


def render(*, title: str, static_url: str, websocket_url: str, font_size: int) -> str:
    """The page: `static_url` ends with a slash; both URLs carry the seat's token."""
    return PAGE.substitute(
        title=escape(title),
        static=escape(static_url, quote=True),
        websocket=escape(websocket_url, quote=True),
        font_size=int(font_size),
        script=SCRIPT,
    )


def security_policy(origin: str, websocket_origin: str) -> str:
    """Content-Security-Policy: this server's origin only (the public URL's, and the one the
    page came from), no frames around the page, no forms, no other inline script."""
    here = f"'self' {origin}"
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {here} '{SCRIPT_HASH}'",
            f"style-src {here} 'unsafe-inline'",  # xterm writes style elements of its own
            f"font-src {here}",
            f"img-src {here} data:",
            f"connect-src 'self' {websocket_origin}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def font_size(text: str | None, default: int) -> int:
    """`?fontsize=N` in a seat's address, within reason; else the server's default."""
    try:
        size = int(text) if text is not None else default
    except ValueError:
        return default
    return size if size in FONT_SIZES else default
