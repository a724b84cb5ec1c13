"""Where a served seat is reached from another laptop: the public URL, the port, the token.

A seat's address is `BASE/t/TOKEN/`: the token is part of the path so that the page, its
script and its websocket all carry it (textual.js appends `?width=..&height=..` to the
websocket's address, so a query string would not survive there).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import attrs

from exercise.errors import ExerciseError

ANY_HOST = ("0.0.0.0", "::", "")  # listening everywhere: no name another laptop can use
UNKNOWN_HOST = "THIS-MACHINE"


def token_path(token: str) -> str:
    return f"/t/{token}/"


@attrs.frozen
class PublicUrl:
    """How other laptops reach this machine: scheme and host, and the port if one is named
    (else each server's own listening port)."""

    scheme: str
    host: str
    port: int | None = None

    def base(self, listening_port: int, offset: int = 0) -> str:
        """The base address (no path) of the server listening on `listening_port`, or of the
        `offset`-th server after it when the public URL names a port of its own."""
        port = (self.port if self.port is not None else listening_port) + offset
        return base_url(self.scheme, self.host, port)


def parse_public_url(text: str) -> PublicUrl:
    """`--public-url`: http(s)://HOST[:PORT], nothing else. ExerciseError in one line."""
    hint = "give the address other laptops reach this machine by, e.g. http://trainer-laptop"
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError as exc:
        raise ExerciseError(f"--public-url {text}: {exc}; {hint}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ExerciseError(f"--public-url {text}: not an http:// address; {hint}")
    if parts.username or parts.password or parts.query or parts.fragment or parts.path not in ("", "/"):
        raise ExerciseError(f"--public-url {text}: only a scheme, a host and a port, no path; {hint}")
    if parts.hostname in ANY_HOST:
        raise ExerciseError(f"--public-url {text}: {parts.hostname} is no address another laptop can reach; {hint}")
    if port == 0:
        raise ExerciseError(f"--public-url {text}: port 0; {hint}")
    return PublicUrl(parts.scheme, parts.hostname, port)


def base_url(scheme: str, host: str, port: int) -> str:
    """scheme://host:port, without the port where it is the scheme's own."""
    try:
        if ipaddress.ip_address(host).version == 6:
            host = f"[{host}]"
    except ValueError:
        pass
    default = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{host}" if port == default else f"{scheme}://{host}:{port}"


def printed_base(public: PublicUrl | None, host: str, port: int, offset: int = 0) -> str:
    """The base to print for the server on `port` (+ `offset`): the public URL if given, else
    the listening host, else THIS-MACHINE (see `needs_public_url`)."""
    if public is not None:
        return public.base(port, offset)
    return base_url("http", UNKNOWN_HOST if host in ANY_HOST else host, port + offset)


def needs_public_url(public: PublicUrl | None, host: str) -> bool:
    return public is None and host in ANY_HOST


PUBLIC_URL_ADVICE = (
    f"{UNKNOWN_HOST}: this machine's name or address on the classroom network; "
    "give it with --public-url http://NAME to print complete addresses"
)
