"""The headless commands as a user runs them, on real files: in this process through the `cli`
fixture, and in a real process where the process is what is tested (the console entry point,
exit codes from argparse, hash randomisation between processes, what a command imports)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exercise.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"


def exercise(*args, env=None, cwd=None, script=False):
    """The command in a new process: `python -m exercise`, or (script) the installed console script."""
    command = [str(Path(sys.executable).parent / "exercise")] if script else [sys.executable, "-m", "exercise"]
    return subprocess.run(
        [*command, *map(str, args)], capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=cwd
    )


def test_run_prints_every_turn_and_the_final_report(cli):
    code, text, err = cli("run", TUTORIAL, "--turns", 6, "--seed", 7)
    assert code == 0, err
    for turn in range(1, 7):
        assert f"Turn {turn}  (state " in text
    assert "assembly: no session this turn" in text
    assert "inject: Ransomware hits hospitals" in text
    for heading in ("Norms", "Forums (turns to first adoption)", "Conflict index", "Scores against objectives"):
        assert heading in text


def test_same_seed_same_bytes_in_another_process_another_seed_differs():
    a = exercise("run", TUTORIAL, "--seed", 7, env={"PYTHONHASHSEED": "1"}).stdout
    b = exercise("run", TUTORIAL, "--seed", 7, env={"PYTHONHASHSEED": "2"}).stdout
    c = exercise("run", TUTORIAL, "--seed", 8, script=True).stdout
    assert a == b
    assert a != c


def test_json_report_has_turns_and_final_metrics(cli):
    code, out, err = cli("run", TUTORIAL, "--turns", 4, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [t["turn"] for t in data["turns"]] == [1, 2, 3, 4]
    assert data["turns"][0]["sessions"]["assembly"] == "no session this turn"
    final = data["final"]
    assert {n["norm"] for n in final["norms"]} == {"protect-hospitals", "clean-networks", "free-flow", "info-security"}
    assert {"breadth", "mean_depth", "by_kind", "origin_forum"} <= set(final["norms"][0])
    assert {"conflict_index", "blocs", "scores", "forums"} <= set(final)


def test_run_on_a_missing_or_broken_file_is_one_line_exit_2(tmp_path):
    out = exercise("run", tmp_path / "nope.toml")
    assert out.returncode == 2 and out.stderr.strip() == f"{tmp_path / 'nope.toml'}: no such file"
    bad = tmp_path / "bad.toml"
    bad.write_text("id = 'x'\ntitle = \n")
    out = exercise("run", bad)
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


def test_generate_is_reproducible_valid_and_never_overwrites(tmp_path, cli):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    assert cli("generate", "--delegations", 40, "--forums", 5, "--norms", 12, "--seed", 3, "-o", a)[0] == 0
    assert cli("generate", "--delegations", 40, "--forums", 5, "--norms", 12, "--seed", 3, "-o", b)[0] == 0
    assert a.read_bytes() == b.read_bytes()
    assert cli("validate", a)[0] == 0
    before = a.read_bytes()
    code, _, err = cli("generate", "--seed", 4, "-o", a)
    assert code == 2 and "already exists" in err
    assert a.read_bytes() == before


def test_strategies_lists_all_six(cli):
    code, out, _ = cli("strategies")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == sorted(names)
    assert {"champion", "blocker", "bandwagoner", "broker", "lip-service", "random-legal"} <= set(names)


def test_unknown_command_or_flag_is_exit_2():
    """argparse's usage errors end the real process with 2 (in-process they raise SystemExit)."""
    fly = exercise("fly", script=True)
    assert fly.returncode == 2 and "usage: exercise" in fly.stderr and "Traceback" not in fly.stderr
    assert exercise("run", TUTORIAL, "--turns", "many").returncode == 2


def test_only_seats_with_objectives_are_scored(cli):
    cent = ROOT / "scenarios" / "cent-vs-decent.toml"
    final = json.loads(cli("run", cent, "--turns", 3, "--json")[1])["final"]
    from exercise.scenario import load_scenario

    with_objectives = {d.id for d in load_scenario(cent).delegations if d.objectives}
    assert set(final["scores"]) == with_objectives
    assert final["unscored"] and not set(final["unscored"]) & with_objectives
    text = cli("run", cent, "--turns", 3)[1]
    assert "no objectives (not scored): " + ", ".join(final["unscored"]) in text


def test_every_command_has_a_help_page_that_reads_cleanly(capsys):
    """`exercise COMMAND --help` for every command: exit 0, a description, no argparse escapes left."""
    commands = sorted(build_parser()._subparsers._group_actions[0].choices)
    assert {"play", "sweep", "experiments", "verify"} <= set(commands)
    for command in commands:
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        text = capsys.readouterr().out
        assert info.value.code == 0 and f"usage: exercise {command}" in text
        assert "%%" not in text and "%(" not in text, command


def test_a_command_imports_only_what_it_needs():
    """`exercise validate` is run over and over while writing a scenario: it must not pay for
    SQLAlchemy, Textual or the batch runner, which only other commands use."""
    code = (
        "import sys; from exercise.cli import main; code = main(['validate', sys.argv[1]]); "
        "print(code, sorted(m for m in ('sqlalchemy', 'textual', 'exercise.store', 'exercise.batch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(TUTORIAL)], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[-2] == "0 []", out.stdout
