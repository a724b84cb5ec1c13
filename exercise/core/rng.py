"""Seeded random streams. Every stream is derived from the game seed and a label path, so
adding a new consumer never shifts the numbers another one sees."""

from __future__ import annotations

import hashlib
import random


def derive_seed(seed: int, *labels: object) -> int:
    text = ":".join([str(seed), *(str(label) for label in labels)])
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def stream(seed: int, *labels: object) -> random.Random:
    """A private random generator for (seed, labels...)."""
    return random.Random(derive_seed(seed, *labels))


class LazyStream:
    """`stream(seed, *labels)`, derived on first use. Most scripted strategies are
    deterministic and never draw, and deriving a stream (a sha256 and a Mersenne Twister
    seeding) for every seat every turn was a twentieth of a headless game."""

    __slots__ = ("_labels", "_rng", "_seed")

    def __init__(self, seed: int, *labels: object):
        self._seed, self._labels = seed, labels
        self._rng: random.Random | None = None

    def __getattr__(self, name: str):
        if self._rng is None:
            self._rng = stream(self._seed, *self._labels)
        return getattr(self._rng, name)
