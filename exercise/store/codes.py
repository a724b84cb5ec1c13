"""Join codes: short enough to read aloud or write on a card, stored only as salted digests.

A code is two everyday words and two digits ("maple-otter-42"): about 23 bits from 256 words,
which with scrypt's cost (tens of ms a guess) keeps a team from guessing another's seat
during a session. Codes keep teams honest on a shared machine and are the lock for browser
seats; whoever holds the save file has everything, codes or not (docs/tui.md).

Typed codes are forgiving: case, spaces, and dashes versus spaces do not matter.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

# 256 short, distinct, easily spelled words: 8 bits each.
WORDS = tuple(
    """
acorn amber anchor apple arrow aspen badge baker bamboo banjo barley basil beacon beaver berry
birch bison blade bloom bolt bonus boulder brave breeze brick bridge brook brush bubble bucket
cabin cactus camel candle canoe canyon carbon cargo carrot castle cedar cello chalk cherry
chess cider cinder circle citrus clay cliff clock cloud clover cobalt comet copper coral cotton
crane crater cricket crown crystal cupola dahlia daisy delta denim desert dingo dolphin dove
dragon drum dune eagle echo elbow ember emerald engine falcon fern ferry fiddle figure flame
flint forest fossil fox frost garnet gecko geyser ginger glacier globe goose granite grape
gravel harbor hazel heron hickory honey horizon hornet iris island ivory jacket jade jasper
jelly juniper kayak kernel kettle kiwi koala ladder lagoon lantern larch lemon lentil lily
linen lizard lobster locust lotus magnet mango maple marble meadow melon meteor mint mirror
monsoon moose mosaic moss nectar nickel noodle nutmeg oasis ocean olive onyx opal orbit orchid
otter oyster paddle panda paper parrot peach pebble pepper pigeon pine planet plum pollen pony
poppy prairie prism pumpkin quail quartz quill rabbit radish raven reef ribbon river robin
rocket rose ruby saddle saffron salmon sandal sapphire scarf shell sierra silver sketch sparrow
spruce squash stone summit sunset swan tango thistle thunder tiger timber tomato topaz tulip
tundra turtle umber velvet violet walnut walrus willow window winter wolf yarrow zebra zephyr
zinc
almond badger beetle blossom bramble cashew cobra compass cypress ferret gopher harp jaguar lark lynx mallow marigold nautilus pelican puffin sequoia sorrel starling tamarind wren
""".split()
)
assert len(WORDS) == len(set(WORDS)) == 256, "the code words must be 256 distinct words"

# scrypt's cost: ~16 MiB and tens of milliseconds per check, so guessing is slow.
_N, _R, _P = 2**14, 8, 1


def new_code() -> str:
    words = [WORDS[secrets.randbelow(256)] for _ in range(2)]
    return f"{words[0]}-{words[1]}-{secrets.randbelow(100):02d}"


def normalised(code: str) -> str:
    """What is hashed: lowercase, words joined by single dashes ('Maple otter 42' works)."""
    return "-".join(w for w in re.split(r"[\s\-_.]+", code.strip().lower()) if w)


def digest(code: str, salt: bytes) -> bytes:
    return hashlib.scrypt(normalised(code).encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)


def new_digest(code: str) -> tuple[bytes, bytes]:
    """(salt, digest) to store for a code."""
    salt = secrets.token_bytes(16)
    return salt, digest(code, salt)


def matches(code: str, salt: bytes, stored: bytes) -> bool:
    return hmac.compare_digest(digest(code, salt), stored)


def web_token(secret: str, seat: str) -> str:
    """A seat's address token for the web server: stable for a save, unguessable without it."""
    return hmac.new(secret.encode("ascii"), seat.encode("utf-8"), hashlib.sha256).hexdigest()[:24]
