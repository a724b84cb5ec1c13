"""The limits of issue 17: every number finite and in its range, every integer within 64 bits,
every string bounded, ids of one exact shape, nesting bounded; said once as field metadata,
and the docs table generated from it."""

from __future__ import annotations

import contextlib
import io
import typing
from pathlib import Path

import attrs
import pytest

from exercise.cli import main
from exercise.core.limits import ID, RANGE, TEXT, nesting
from exercise.core.spec import REF, ModelParams, Scenario
from exercise.engine import new_game, view_for
from exercise.scenario import reference
from exercise.scenario.keys import key_path, quote_key

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = (ROOT / "scenarios" / "tutorial.toml").read_text(encoding="utf-8")


def cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def _classes(cls: type, seen: set) -> None:
    if cls in seen:
        return
    seen.add(cls)
    for field in attrs.fields(cls):
        for arg in [field.type, *typing.get_args(field.type)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and attrs.has(inner):
                    _classes(inner, seen)


def test_the_docs_ranges_table_is_the_one_the_fields_declare():
    doc = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    assert reference.table() in doc, "regenerate it: python -m exercise.scenario.reference"
    assert "| [model] | `cascade_weight` | number 0..10 |" in doc


def test_every_number_and_string_of_the_schema_has_a_limit():
    import exercise.scenario.loader  # noqa: F401  (resolves the annotations)

    classes: set = set()
    _classes(Scenario, classes)
    unlimited = []
    for cls in classes:
        for field in attrs.fields(cls):
            text = str(field.type)
            if "Literal" in text or text in ("bool", "<class 'bool'>") or attrs.has(field.type):
                continue
            if "tuple[exercise" in text or ("| None" in text and "exercise.core" in text):
                continue  # a list of, or an optional, spec object: its own fields are checked
            if not {RANGE, TEXT, ID, REF} & set(field.metadata):
                unlimited.append(f"{cls.__name__}.{field.name}: {text}")
    assert unlimited == []
    assert {f.name for f in attrs.fields(ModelParams) if RANGE in f.metadata} == {
        f.name for f in attrs.fields(ModelParams)
    }


def write(tmp_path: Path, old: str, new: str, name: str = "bad.toml") -> Path:
    assert old in TUTORIAL, old
    path = tmp_path / name
    path.write_text(TUTORIAL.replace(old, new, 1), encoding="utf-8")
    return path


# Each of the findings: the value, and the one line validate now prints for it.
FINDINGS = [
    ("budget = 4", "budget = nan", "delegations[0].budget: must be a finite number between 0 and 1000, not nan"),
    ("budget = 4", "budget = inf", "delegations[0].budget: must be a finite number between 0 and 1000, not inf"),
    ("budget = 4", "budget = 1e308", "delegations[0].budget: must be between 0 and 1000, not 1e+308"),
    (
        "seed = 7",
        "seed = 9223372036854775808",
        "seed: must be a whole number that fits 64 bits, not 9223372036854775808",
    ),
    ("seed = 7", "seed = -1", "seed: must be at least 0, not -1"),
    ("turns = 8", "turns = 100000000", "turns: must be at most 1000, not 100000000"),
    (
        "cadence = 3",
        "cadence = 1000000000000000000",
        "forums[0].cadence: must be at most 1000, not 1000000000000000000",
    ),
    (
        'id = "tutorial"',
        'id = "../../escaped/pwned"',
        "id: '../../escaped/pwned' holds '.'; use lowercase letters, digits and '-' (e.g. 'no-attack-ci')",
    ),
    (
        'id = "tutorial"',
        'id = "/tmp/abs"',
        "id: '/tmp/abs' holds '/'; use lowercase letters, digits and '-' (e.g. 'no-attack-ci')",
    ),
    ('id = "tutorial"', 'id = ""', "id: must not be empty"),
    ('id = "atlantia"', 'id = "white"', "delegations[0].id: 'white' is reserved for live play"),
    ('id = "atlantia"', 'id = "@white"', "delegations[0].id: '@white' holds '@'"),
    ('id = "atlantia"', 'id = "projector"', "delegations[0].id: 'projector' is reserved for live play"),
    ('id = "atlantia"', 'id = "evaluator-2"', "delegations[0].id: 'evaluator-2' is reserved for live play"),
    ('id = "atlantia"', 'id = "a,b"', "delegations[0].id: 'a,b' holds ','"),
    ('id = "atlantia"', 'id = "-dash"', "delegations[0].id: '-dash' must be words joined by single '-'"),
    (
        'id = "atlantia"',
        'id = "at\\u200blantia"',
        "delegations[0].id: 'at\\u200blantia' holds U+200B (ZERO WIDTH SPACE)",
    ),
    ('id = "atlantia"', 'id = "Atlantia"', "delegations[0].id: 'Atlantia' holds 'A'"),
    (
        'name = "Republic of Atlantia"',
        'name = "Atl\\nantia"',
        "delegations[0].name: must be one line (it holds a line break)",
    ),
]


@pytest.mark.parametrize("old, new, line", FINDINGS, ids=[f[1][:30] for f in FINDINGS])
def test_a_bad_value_is_one_line_naming_file_and_key_and_new_writes_nothing(tmp_path, old, new, line):
    path = write(tmp_path, old, new)
    code, _, err = cli("validate", path)
    assert code == 2
    assert f"bad.toml: {line}" in err.splitlines()[0] or any(
        lt.startswith(f"bad.toml: {line}") for lt in err.splitlines()
    )
    code, _, err = cli("new", path, "--save", tmp_path / "x.db")
    assert code == 2 and "internal error" not in err
    assert not (tmp_path / "x.db").exists() and list(tmp_path.glob("*.db*")) == []


@pytest.mark.parametrize("key", ["cascade_weight", "cost_weight", "diffusion_noise", "vote_yes"])
@pytest.mark.parametrize("value", ["nan", "inf", "-50", "1e308"])
def test_model_keys_are_range_checked(tmp_path, key, value):
    path = tmp_path / "m.toml"
    path.write_text(TUTORIAL + f"\n[model]\n{key} = {value}\n", encoding="utf-8")
    code, _, err = cli("validate", path)
    assert code == 2 and err.startswith(f"m.toml: model.{key}: must be")


def test_the_widest_valid_values_play_and_replay(tmp_path):
    text = (
        TUTORIAL.replace("budget = 4", "budget = 1000", 1)
        .replace("seed = 7", f"seed = {2**63 - 1}", 1)
        .replace("cadence = 3", "cadence = 1000", 1)
    )
    path = tmp_path / "wide.toml"
    path.write_text(text, encoding="utf-8")
    save = tmp_path / "w.db"
    for argv in (
        ["new", path, "--save", save],
        ["run", save, "--turns", 2],
        ["replay", save, "--turn", 1],
        ["verify", save],
        ["debrief", save],
    ):
        code, _, err = cli(*argv)
        assert code == 0, (argv, err)


def test_next_session_is_arithmetic_not_a_loop_over_the_cadence(tutorial):
    import time

    forum = tutorial.forums[0]
    wide = attrs.evolve(tutorial, forums=(attrs.evolve(forum, cadence=10**18, offset=5), *tutorial.forums[1:]))
    started = time.perf_counter()
    view = view_for(new_game(wide, 1), tutorial.delegations[0].id)
    assert view.next_session(forum.id) == 5
    assert time.perf_counter() - started < 1
    for cadence in range(1, 6):
        for offset in range(0, 4):
            f = attrs.evolve(forum, cadence=cadence, offset=offset)
            s = attrs.evolve(tutorial, forums=(f, *tutorial.forums[1:]))
            state = new_game(s, 1)
            for turn in range(0, 8):
                state.turn = turn
                expected = next(t for t in range(turn + 1, turn + 20) if f.meets_on(t))
                assert view_for(state, None).next_session(f.id) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["new", "tutorial", "--seed", str(2**63)],
        ["new", "tutorial", "--seed", "-1"],
        ["run", "tutorial", "--seed", str(2**64)],
        ["sweep", "tutorial", "--seed", str(2**63)],
        ["experiments", "clarity", "--seed", "1e3"],
    ],
)
def test_seed_arguments_are_checked_like_the_file(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(*argv)
    assert code == 2 and "--seed" in err and "internal error" not in err
    assert list(tmp_path.rglob("*.db")) == []


@pytest.mark.parametrize(
    "option, value, message",
    [
        (
            "--set",
            "model.cascade_weight=nan",
            "model.cascade_weight: must be a finite number between 0 and 10, not nan",
        ),
        ("--set", "model.cascade_weight=-50", "model.cascade_weight: must be between 0 and 10, not -50"),
        ("--vary", "delegations.atlantia.budget=1,inf", "delegations[0].budget: must be a finite number"),
        ("--set", "norms.0.statement=" + "[" * 3000 + "]" * 3000, "nests lists or tables too deeply"),
        ("--set", "norms.0.statement=" + "[" * 20 + "]" * 20, "nests tables and lists more than 8 levels deep"),
    ],
)
def test_sweep_values_meet_the_same_limits(option, value, message):
    code, _, err = cli("sweep", ROOT / "scenarios" / "tutorial.toml", "--runs", 1, "--quiet", option, value)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_keys_are_quoted_when_they_need_it_and_a_newline_never_splits_a_line(tmp_path):
    assert quote_key("security") == "security"
    assert quote_key("my key") == '"my key"'
    assert quote_key('q"uote') == '"q\\"uote"'
    assert quote_key("a\nb") == '"a\\nb"'
    assert quote_key("x\u200b") == '"x\\u200B"'
    assert key_path(["delegations", 3, "values", "a.b"]) == 'delegations[3].values."a.b"'
    path = write(tmp_path, "values = { security = 0.7", 'values = { "a\\nb" = 0.5, "my key" = 0.2, security = 0.7')
    code, _, err = cli("validate", path)
    lines = err.strip().splitlines()
    assert code == 2
    assert "bad.toml: delegations[0].values.\"a\\nb\": unknown domain 'a\\nb'" in lines
    assert "bad.toml: delegations[0].values.\"my key\": unknown domain 'my key'" in lines
    path = write(
        tmp_path,
        'name = "Republic of Atlantia"',
        'name = "Republic of Atlantia"\n"odd\\nkey" = 1\n"x y" = 2',
        "keys.toml",
    )
    code, _, err = cli("validate", path)
    assert code == 2 and err.strip().splitlines() == ['keys.toml: delegations[0]: unknown key(s): "odd\\nkey", "x y"']


def test_an_unknown_seat_of_a_2000_seat_game_is_one_short_line(tmp_path):
    seats = "".join(f'[[delegations]]\nid = "s{i}"\nname = "S{i}"\n' for i in range(2000))
    path = tmp_path / "big.toml"
    path.write_text(
        'id = "big"\ntitle = "Big"\n' + seats + '[[norms]]\nid = "n"\nstatement = "s"\n'
        '[[forums]]\nid = "f"\nname = "F"\nopen_to_all = true\n',
        encoding="utf-8",
    )
    code, _, err = cli("new", path, "--human", "atlantis", "--save", tmp_path / "b.db")
    assert code == 2 and len(err.splitlines()) == 1 and len(err) < 300
    assert f"… and 1,992 more (see `exercise scenarios {path}`)" in err


def test_nesting_is_measured_without_recursion():
    deep: list = []
    node = deep
    for _ in range(100_000):
        node.append([])
        node = node[0]
    assert nesting(deep) == 9  # stops counting past the limit
    assert nesting({"a": [{"b": 1}]}) == 3


def test_default_save_names_never_leave_the_saves_folder(tmp_path):
    from exercise.errors import SaveError
    from exercise.store import new_save_path

    assert new_save_path(tmp_path, "tutorial").parent == tmp_path
    for bad in ("../../escaped/pwned", "/tmp/abs", "..", "a/b"):
        with pytest.raises(SaveError):
            new_save_path(tmp_path, bad)


def test_the_key_tables_of_the_docs_give_the_fields_own_ranges():
    """The per-section tables (`| key | type | default | meaning |`) state a range for most
    numbers: each must be the field's, so the prose tables cannot drift from the metadata."""
    from exercise.core.spec import Delegation, Forum, Inject, Norm

    doc = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    sections = {
        "## Top level": Scenario,
        "## `[[delegations]]`": Delegation,
        "## `[[norms]]`": Norm,
        "## `[[forums]]`": Forum,
        "## `[[injects]]`": Inject,
    }
    checked = 0
    for heading, cls in sections.items():
        body = doc.split(heading, 1)[1].split("\n## ", 1)[0]
        for field in attrs.fields(cls):
            rule = field.metadata.get(RANGE)
            row = next((line for line in body.splitlines() if line.startswith(f"| `{field.name}` |")), None)
            if rule is None or row is None:
                continue
            cell = row.split("|")[2]
            expected = "0..2**63-1" if field.name == "seed" else rule.text().replace(",", "")
            assert expected in cell.replace(",", ""), (
                f"{heading} {field.name}: {cell.strip()!r}, fields say {rule.text()}"
            )
            checked += 1
    assert checked >= 20


def test_the_names_live_play_gives_the_white_cell_are_all_reserved():
    from exercise.core.limits import ID_KIND, RESERVED_IDS
    from exercise.core.seats import FACILITATOR, WHITE_NAMES

    assert set(WHITE_NAMES) | {FACILITATOR, "projector"} <= RESERVED_IDS
    assert all(ID_KIND.problem(name) for name in [*RESERVED_IDS, "evaluator-a", "observer-1"])
    assert ID_KIND.problem("observers") is None and ID_KIND.problem("é-中-2") is None
