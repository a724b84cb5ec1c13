"""The frozen records a view hands out (engine/views.py): no reader depends on a string key or
can change the state through them, so the views of one state may share them (engine/reading.py)."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from exercise.core.spec import DelegationKind
from exercise.core.state import NormStatus


@attrs.frozen
class AgendaEntry:
    """One item on a forum's agenda, as every seat sees it. A package's `norm` is its name and
    `norms` what it holds; a single norm's `norms` is empty."""

    norm: str
    proposer: str
    since: int  # the turn it was proposed
    sessions: int  # sessions it has been before
    endorsers: tuple[str, ...]
    objectors: tuple[str, ...]
    norms: tuple[str, ...] = ()

    @property
    def is_package(self) -> bool:
        return bool(self.norms)

    @property
    def texts(self) -> tuple[str, ...]:
        """The norm ids it puts to the vote: a package's, or its one norm (never a package name)."""
        return self.norms or (self.norm,)


@attrs.frozen
class NormQualities:
    """A norm's public qualities now (amendments and grafts change them)."""

    clarity: float
    utility: float
    doability: float
    framework: str | None
    status: NormStatus
    adopted_in: Mapping[str, int]  # forum -> turn adopted (read-only)


@attrs.frozen
class PublicDelegation:
    """What anyone may know of a delegation."""

    id: str
    name: str
    kind: DelegationKind
    bloc: str  # "" when in none
    power: float
