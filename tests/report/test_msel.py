"""`exercise msel export|import` as a planner uses them: real processes, real CSV and Excel
files, every bad cell named by row and column, nothing written on a problem."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exercise.msel.columns import COLUMNS
from exercise.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
TUTORIAL = SCENARIOS / "tutorial.toml"


def exercise(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "exercise", *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("name", ["tutorial", "cent-vs-decent", "gge-2015-vs-2017"])
def test_export_then_import_gives_the_same_injects(tmp_path, name, suffix):
    source = SCENARIOS / f"{name}.toml"
    sheet, new = tmp_path / f"injects{suffix}", tmp_path / "new.toml"
    out = exercise("msel", "export", source, "--out", sheet)
    assert out.returncode == 0, out.stderr
    out = exercise("msel", "import", source, sheet, "--out", new)
    assert out.returncode == 0, out.stderr
    before, after = load_scenario(source), load_scenario(new)
    assert after.injects == before.injects
    assert after == before  # and nothing else of the scenario changed


def test_the_sheet_has_the_planners_columns_one_row_per_inject(tmp_path):
    exercise("msel", "export", TUTORIAL, "--out", tmp_path / "m.xlsx")
    rows = list(load_workbook(tmp_path / "m.xlsx").active.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    assert [r[1] for r in rows[1:]] == ["hospital-ransomware", "leak", "grid-blackout"]
    by_id = {r[1]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    assert by_id["hospital-ransomware"]["turn or trigger"] == "turn 3"
    assert by_id["leak"]["turn or trigger"] == "when on_agenda info-security in assembly"
    assert by_id["grid-blackout"]["turn or trigger"] == "manual"
    assert (
        by_id["grid-blackout"]["effects"]
        == "capacity delegation=deltora delta=-0.1; salience domain=security delta=0.2"
    )


def _edit_csv(path: Path, changes: dict[tuple[int, str], str]) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for (index, column), value in changes.items():
        rows[index][column] = value
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)


def test_planner_columns_edited_in_the_sheet_land_in_the_scenario_and_play(tmp_path):
    sheet, new = tmp_path / "m.csv", tmp_path / "new.toml"
    exercise("msel", "export", TUTORIAL, "--out", sheet)
    _edit_csv(
        sheet,
        {
            (0, "from"): "Press agency",
            (0, "to"): "atlantia, borealis",
            (0, "expected player action"): "Propose protect-hospitals",
            (0, "objective"): "lo-1",
            (1, "turn or trigger"): "turn 5",
            (2, "turn or trigger"): "when adopted free-flow in coalition",
        },
    )
    assert exercise("msel", "import", TUTORIAL, sheet, "--out", new).returncode == 0
    s = load_scenario(new)
    first = s.inject("hospital-ransomware")
    assert (first.sender, first.recipients, first.objective) == ("Press agency", ("atlantia", "borealis"), "lo-1")
    assert s.inject("leak").turn == 5 and s.inject("leak").when is None
    assert s.inject("grid-blackout").when.forum == "coalition" and not s.inject("grid-blackout").manual
    out = exercise("run", new, "--turns", 5)
    assert out.returncode == 0, out.stderr
    assert "inject: A leaked draft" in out.stdout


def test_every_bad_cell_is_one_line_naming_row_and_column_and_nothing_is_written(tmp_path):
    sheet, new = tmp_path / "m.csv", tmp_path / "new.toml"
    exercise("msel", "export", TUTORIAL, "--out", sheet)
    _edit_csv(
        sheet,
        {
            (0, "to"): "atlantis",
            (1, "turn or trigger"): "when exploded info-security",
            (2, "effects"): "capacity delegation=nobody delta=-0.1",
            (2, "number"): "x",
        },
    )
    out = exercise("msel", "import", TUTORIAL, sheet, "--out", new)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert "m.csv: row 2, column 'to': unknown delegation 'atlantis'" in lines
    assert any(line.startswith("m.csv: row 3, column 'turn or trigger': trigger event 'exploded'") for line in lines)
    assert "m.csv: row 4, column 'number': 'x' is not a whole number" in lines
    assert "Traceback" not in out.stderr
    assert not new.exists()
    _edit_csv(sheet, {(0, "to"): "", (1, "turn or trigger"): "turn 1", (2, "number"): "3"})
    out = exercise("msel", "import", TUTORIAL, sheet, "--out", new)
    assert out.returncode == 2
    assert out.stderr.strip() == "m.csv: row 4, column 'effects': unknown delegation 'nobody'"
    assert not new.exists()


def test_unknown_columns_and_missing_required_ones_are_named(tmp_path):
    sheet = tmp_path / "m.csv"
    sheet.write_text("number,inject title,colour\n1,A title,red\n", encoding="utf-8")
    out = exercise("msel", "import", TUTORIAL, sheet, "--out", tmp_path / "new.toml")
    assert out.returncode == 2
    assert "m.csv: row 1: unknown column 'colour'" in out.stderr
    assert "m.csv: row 1: the required column 'id' is missing" in out.stderr
    assert not (tmp_path / "new.toml").exists()


def test_never_writes_over_a_file_unless_forced(tmp_path):
    sheet, new = tmp_path / "m.xlsx", tmp_path / "new.toml"
    exercise("msel", "export", TUTORIAL, "--out", sheet)
    new.write_text("keep me", encoding="utf-8")
    out = exercise("msel", "import", TUTORIAL, sheet, "--out", new)
    assert out.returncode == 2 and "already exists" in out.stderr
    assert new.read_text(encoding="utf-8") == "keep me"
    out = exercise("msel", "export", TUTORIAL, "--out", sheet)
    assert out.returncode == 2 and "already exists" in out.stderr
    assert exercise("msel", "import", TUTORIAL, sheet, "--out", new, "--force").returncode == 0
    assert load_scenario(new).injects == load_scenario(TUTORIAL).injects


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("m.xlsx", b"PK\x03\x04 not really", "not a readable .xlsx workbook"),
        ("m.csv", b"", "is empty"),
        ("m.csv", b"\xff\xfe\x00bad", "is not UTF-8 text"),
    ],
)
def test_a_sheet_that_is_not_a_sheet_is_one_line(tmp_path, name, content, message):
    sheet = tmp_path / name
    sheet.write_bytes(content)
    out = exercise("msel", "import", TUTORIAL, sheet, "--out", tmp_path / "new.toml")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and message in out.stderr, out.stderr


def test_other_suffixes_and_missing_files_are_refused(tmp_path):
    out = exercise("msel", "export", TUTORIAL, "--out", tmp_path / "m.ods")
    assert out.returncode == 2 and "an MSEL is a .csv or .xlsx file" in out.stderr
    out = exercise("msel", "import", TUTORIAL, tmp_path / "none.csv", "--out", tmp_path / "new.toml")
    assert out.returncode == 2 and "no such file" in out.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_cell_a_spreadsheet_would_run_is_written_as_text_and_reads_back(tmp_path, suffix):
    """An inject description starting with '=' must not become a live formula in the planners'
    sheet (openpyxl stores such a string as a formula); import gives the text back unchanged."""
    text = TUTORIAL.read_text(encoding="utf-8")
    scenario = tmp_path / "s.toml"
    old = 'description = "Hospitals in three countries divert ambulances after a ransomware attack."'
    assert old in text
    scenario.write_text(text.replace(old, 'description = "=1+2 hospitals"', 1), encoding="utf-8")
    assert load_scenario(scenario).injects[0].description == "=1+2 hospitals"
    sheet, new = tmp_path / f"m{suffix}", tmp_path / "new.toml"
    assert exercise("msel", "export", scenario, "--out", sheet).returncode == 0
    if suffix == ".xlsx":
        cells = {c.value: c.data_type for row in load_workbook(sheet).active.iter_rows() for c in row}
        assert cells["'=1+2 hospitals"] == "s"  # a string, not a formula
    else:
        assert "'=1+2 hospitals" in sheet.read_text(encoding="utf-8")
    assert exercise("msel", "import", scenario, sheet, "--out", new).returncode == 0, new
    assert load_scenario(new).injects[0].description == "=1+2 hospitals"
