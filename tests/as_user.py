"""Run a child process held to file permissions even when the tests run as root (as CI does):
root's capabilities to override them are dropped from the child's bounding set before exec."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable


def _drop_dac_override() -> None:  # runs in the child, before exec
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def held_to_permissions() -> Callable[[], None] | None:
    """A `preexec_fn` for subprocess: drops root's override; nothing to do for other users."""
    return _drop_dac_override if os.geteuid() == 0 else None
