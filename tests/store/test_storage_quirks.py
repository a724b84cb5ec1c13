"""Storage that is not a plain writable disk: a folder or file this user cannot write, a full
disk, a save another program has open when `new --force` or `branch --force` would replace it.

Read-only storage is tested for real: the readers run as child processes that cannot write
the folder. Tests run as root here, and root writes anywhere, so as root the child drops
CAP_DAC_OVERRIDE (and CAP_DAC_READ_SEARCH) before it starts: it is then held to the file
modes like any user, while it can still read the interpreter under /root. A full disk is a
real 1 MB tmpfs, mounted when the tests run as root.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.errors import SaveError
from exercise.store import Game
from tests.as_user import held_to_permissions

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"


def cli(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, err.getvalue()


MANY = """
import contextlib, io, json, os, sys
from exercise.cli import main
commands, folder = json.loads(sys.argv[1]), sys.argv[2]
results = []
for argv in commands:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(argv)
    results.append([code, err.getvalue(), sorted(os.listdir(folder))])
print(json.dumps(results))
"""


def as_user_many(commands: list[list], folder: Path, cwd: Path) -> list[tuple[int, str, list[str]]]:
    """Several commands in one child held to file permissions (one interpreter start, not
    one each): (exit code, stderr, what `folder` holds afterwards) for each."""
    argv = json.dumps([[str(a) for a in c] for c in commands])
    run = subprocess.run(
        [sys.executable, "-c", MANY, argv, str(folder)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=held_to_permissions(),
    )
    assert run.returncode == 0, run.stderr
    return [tuple(r) for r in json.loads(run.stdout)]


def _child_cannot_write(folder: Path) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"],
        capture_output=True,
        preexec_fn=held_to_permissions(),
    )
    if probe.returncode == 0:
        (folder / "probe").unlink()
        pytest.skip("a child process here can write a folder with mode 555 (no way to drop root's override)")


@pytest.fixture
def played(tmp_path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    save = folder / "g.db"
    assert cli("new", TUTORIAL, "--save", save)[0] == 0
    assert cli("run", save, "--turns", 2)[0] == 0
    return save


def test_every_reader_works_in_a_folder_it_cannot_write_and_leaves_nothing(played, tmp_path):
    folder = played.parent
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(played, 0o444)
    os.chmod(folder, 0o555)
    try:
        _child_cannot_write(folder)
        commands = [
            ["verify", played],
            ["replay", played, "--turn", 1],
            ["replay", played, "--as", "atlantia"],
            ["export", played, "--out", out / "g.jsonl"],
            ["debrief", played],
            ["compare", played, played],
            ["saves", folder],
            ["branch", played, "--from-turn", 1, "--save", out / "b.db"],
            ["verify", out / "b.db"],
            ["run", played],
        ]
        results = as_user_many(commands, folder, cwd=out)
        for argv, (code, err, left) in zip(commands[:-1], results):
            assert code == 0, (argv, err)
            assert left == ["g.db"], argv  # no -wal, no -shm
        code, err, left = results[-1]
        assert code == 2 and err.strip().endswith("cannot be written (read-only file or directory); open it read-only")
    finally:
        os.chmod(folder, 0o755)
        os.chmod(played, 0o644)


def test_a_read_only_file_in_a_writable_folder_gets_no_sidecar_files(played, tmp_path):
    os.chmod(played, 0o444)
    try:
        commands = [["replay", played], ["verify", played], ["debrief", played, "--json"]]
        for argv, (code, err, left) in zip(commands, as_user_many(commands, played.parent, cwd=tmp_path)):
            assert code == 0, (argv, err)
            assert left == ["g.db"], argv
    finally:
        os.chmod(played, 0o644)
    assert cli("run", played, "--turns", 1)[0] == 0  # the owner plays on: nothing of the reader's in the way


@pytest.fixture
def tiny_disk(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a full disk is a 1 MB tmpfs, which only root can mount")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a 1 MB tmpfs to fill: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as fh, contextlib.suppress(OSError):
        while fh.write(b"\0" * 4096):
            pass
    return filler


def test_a_full_disk_fails_writes_in_one_line_keeps_the_last_turn_and_reads_still_work(tiny_disk, tmp_path):
    save = tiny_disk / "g.db"
    assert cli("new", TUTORIAL, "--save", save)[0] == 0
    assert cli("run", save, "--turns", 1)[0] == 0
    filler = _fill(tiny_disk)
    for argv, name in (
        (["run", save, "--turns", 2], save),
        (["new", TUTORIAL, "--save", tiny_disk / "h.db"], tiny_disk / "h.db"),
        (["branch", save, "--from-turn", 1, "--save", tiny_disk / "b.db"], tiny_disk / "b.db"),
    ):
        code, err = cli(*argv)
        assert code == 2 and err.strip().splitlines() == [
            f"{name}: cannot be written: the disk is full (the save stays at its last complete turn; free some space and go on)"
        ]
    out = tmp_path / "out.jsonl"
    for argv in (
        ["replay", save],
        ["verify", save],
        ["debrief", save],
        ["export", save, "--out", out],
        ["compare", save, save],
        ["saves", tiny_disk],
    ):
        code, err = cli(*argv)
        assert code == 0, (argv, err)
    with Game.open(save, read_only=True) as game:
        assert game.turn == 1
    assert sorted(p.name for p in tiny_disk.iterdir() if not p.name.startswith("g.db")) == ["filler"]
    filler.unlink()
    assert cli("run", save, "--turns", 1)[0] == 0 and cli("verify", save)[0] == 0


HOLDER = """
import sys
from exercise.store import Game
game = Game.open(sys.argv[1])
game.turn
print("open", flush=True)
sys.stdin.read()
game.close()
"""


@contextlib.contextmanager
def held_elsewhere(save: Path):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(save)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "open"
        yield child
    finally:
        child.stdin.close()
        child.wait(timeout=30)


def test_force_refuses_to_replace_a_save_another_program_has_open(played, tmp_path):
    other = tmp_path / "other.db"
    assert cli("new", TUTORIAL, "--save", other)[0] == 0
    before = played.read_bytes()
    with held_elsewhere(played):
        code, err = cli("new", TUTORIAL, "--save", played, "--force")
        assert code == 2 and err.strip() == (
            f"{played}: is open in another program (a terminal playing, replaying or "
            "serving it); close it there first, or its later turns would be lost"
        )
        code, err = cli("branch", other, "--from-turn", 0, "--save", played, "--force")
        assert code == 2 and "is open in another program" in err
        assert not list(played.parent.glob(".*.tmp"))
    assert played.read_bytes() == before or cli("verify", played)[0] == 0
    assert cli("new", TUTORIAL, "--save", played, "--force")[0] == 0  # closed there: replacing is fine


def test_a_game_whose_file_was_replaced_refuses_to_write_into_the_old_one(played, tmp_path):
    other = tmp_path / "other.db"
    assert cli("new", TUTORIAL, "--save", other)[0] == 0
    with Game.open(played) as game:
        _ = game.turn  # read once, so the Game holds the file open
        os.replace(other, played)  # what a careless copy or an older exercise could do
        with pytest.raises(SaveError, match="was replaced or removed by another program"):
            game.pause()
    with Game.open(played, read_only=True) as fresh:
        assert fresh.turn == 0 and not fresh.paused


def test_exclusive_use_does_not_disturb_the_readers_of_this_process(played):
    from exercise.store.database import in_use_elsewhere

    with Game.open(played, read_only=True) as game:
        assert in_use_elsewhere(played)  # this process holds it: never probed from outside SQLite
        assert game.turn == 2
    name = f"{uuid.uuid4().hex}.db"
    assert not in_use_elsewhere(played.with_name(name))
    time.sleep(0)  # nothing held now
    assert not in_use_elsewhere(played)
