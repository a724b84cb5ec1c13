"""Ctrl-C in a sweep or the experiments stops them at once: the queued work is cancelled,
the workers end, the exit code is 130 and no output file (nor a half-written one) is left."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _ctrl_c_as_at_a_terminal() -> None:  # runs in the child, before exec
    # A process started with SIGINT ignored keeps ignoring it (Python then installs no
    # KeyboardInterrupt handler); a test worker may run so, and its children would inherit it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt(argv: list[str], cwd: Path, after: float = 1.0) -> tuple[int, str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "exercise", *argv],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_at_a_terminal,
    )
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:  # until its workers are running
        if children.exists() and len(children.read_text().split()) >= 2:
            break
        time.sleep(0.05)
    time.sleep(after)
    assert child.poll() is None, "finished before it could be interrupted: make it longer"
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)  # the whole job takes minutes: ending here means it stopped
    return child.returncode, err


@pytest.mark.parametrize(
    "argv",
    [
        [
            "sweep",
            str(ROOT / "scenarios" / "cent-vs-decent.toml"),
            "--runs",
            "3000",
            "--workers",
            "2",
            "--quiet",
            "--out",
            "results.csv",
        ],
        ["experiments", "--workers", "2", "--quiet"],
    ],
    ids=["sweep", "experiments"],
)
def test_ctrl_c_stops_the_job_with_exit_130_and_no_output(argv, tmp_path):
    code, err = interrupt(argv, tmp_path)
    assert code == 130 and err.strip() == "interrupted"
    assert list(tmp_path.iterdir()) == []  # no results.csv, no results.csv.part
