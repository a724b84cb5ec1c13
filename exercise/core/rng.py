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
