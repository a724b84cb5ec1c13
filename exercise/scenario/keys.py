"""Key paths in problem lines: `delegations[3].values.security`, with any key that is not a
bare TOML key quoted as TOML would (`values."my key"`, `"a\nb"`), so a path is never ambiguous
and a line break in a key never splits a problem line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def quote_key(key: object) -> str:
    """A key as it may stand in a key path: bare if TOML allows it, else a quoted string."""
    text = str(key)
    if _BARE.fullmatch(text):
        return text
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch != " " and unicodedata.category(ch)[0] in "CZ":
            out.append(f"\\u{ord(ch):04X}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def key_path(parts: Iterable[object]) -> str:
    """("delegations", 3, "values", "x y") -> `delegations[3].values."x y"`."""
    out = ""
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + quote_key(part)
    return out or "(top level)"


def join(path: str, *parts: object) -> str:
    """Extend a rendered path: join("delegations[0]", "values", "x y")."""
    rest = key_path(parts)
    if not path:
        return rest
    return path + (rest if rest.startswith("[") else "." + rest)
