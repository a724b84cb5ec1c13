"""`exercise report` as an instructor runs it: real processes on real saves; every number in
the report is checked against the save it came from."""

import csv
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from exercise.engine.metrics import delegation_score
from exercise.store import Game
from tests.as_user import held_to_permissions
from tests.report.helpers import TUTORIAL, play_out


def exercise(*args, preexec_fn=None):
    return subprocess.run(
        [sys.executable, "-m", "exercise", *map(str, args)], capture_output=True, text=True, preexec_fn=preexec_fn
    )


SECTIONS = (
    "Exercise overview",
    "Objectives and how each was evaluated",
    "Analysis of each objective",
    "Analysis of each team's play",
    "Timeline of turning points",
    "Charts",
    "Scorecard",
    "Improvement plan",
    "Notes",
    "Where the numbers come from",
)


def _report(save: Path, tmp_path: Path, fmt: str, *extra) -> str:
    out = tmp_path / f"r-{fmt}-{len(extra)}.{fmt}"
    done = exercise("report", save, "--format", fmt, "--out", out, *extra)
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")


def test_html_is_one_self_contained_file_with_every_section_and_three_charts(evaluated_save, tmp_path):
    html = _report(evaluated_save, tmp_path, "html")
    for heading in SECTIONS:
        assert f">{heading}</h2>" in html.replace("&#x27;", "'")
    assert html.count("<svg") == 3
    assert "<script" not in html and "<link" not in html and "@import" not in html
    outside = set(re.findall(r"(?:src|href)=[\"']([^\"'#][^\"']*)", html)) | set(
        re.findall(r"url\(([^)#][^)]*)\)", html)
    )
    assert not outside, outside
    assert "@media print" in html and "@page" in html


def test_scorecard_numbers_are_the_saves(evaluated_save, tmp_path):
    md = _report(evaluated_save, tmp_path, "md")
    with Game.open(evaluated_save, read_only=True) as game:
        final = game.state()
        atlantia, borealis = delegation_score(final, "atlantia"), delegation_score(final, "borealis")
    card = md.split("## Scorecard")[1].split("## Improvement plan")[0]
    # team | engine | evaluator mean | lo-1 .. lo-4
    assert f"| Republic of Atlantia (`atlantia`) | {atlantia:.0f} | 3.5 | 4.0 | - | - | 3.0 |" in card
    assert f"| Borealis Federation (`borealis`) | {borealis:.0f} | 1.5 | 1.5 | - | - | - |" in card
    # the group average is the teams' average: lo-1 (4.0 + 1.5) / 2
    assert f"| **group average** | {(atlantia + borealis) / 2:.0f} | 2.5 | 2.8 | - | - | 3.0 |" in card
    assert "Evaluated by evaluator-1, evaluator-2" in card


def test_findings_plan_notes_and_timeline_come_from_the_save(evaluated_save, tmp_path):
    md = _report(evaluated_save, tmp_path, "md")
    analysis = md.split("## Analysis of each objective")[1].split("## Analysis of each team's play")[0]
    lo1 = analysis.split("### lo-1")[1].split("### lo-2")[0]
    strengths, improvements = lo1.split("**Areas for improvement**")
    assert "Republic of Atlantia: Pushed the Assembly with a clear text [evaluator-1, turn 3, level 4]" in strengths
    assert "Borealis Federation: Blocked without offering anything [evaluator-1, turn 3, level 1]" in improvements
    assert (
        "| 1 | lo-1 | One objection stops the Assembly | Brief coalition building before turn 3 | trainer | 2027-01-15 |"
        in md
    )
    assert "| 3 | Stop here and explain the consensus rule | instructor |" in md
    assert "| 4 | borealis: Borealis asked for a recess | evaluator-2 |" in md
    with Game.open(evaluated_save, read_only=True) as game:
        final_hash = game.state_hash()
    assert final_hash in md
    assert "| **3** |" in md  # the Assembly's first session is one of the biggest turns


def test_a_save_without_evaluators_reports_engine_scores_only_and_says_so(plain_save, tmp_path):
    md = _report(plain_save, tmp_path, "md")
    assert "No evaluator scored this game: the scores in this report are the engine's only." in md
    assert "No improvement items yet" in md
    html = _report(plain_save, tmp_path, "html")
    assert "the scores in this report are the engine&#x27;s only" in html


def test_a_teams_report_shows_its_own_play_and_scores_only_once_released(evaluated_save, tmp_path):
    md = _report(evaluated_save, tmp_path, "md", "--as", "borealis")
    assert "### Borealis Federation (`borealis`)" in md
    assert "Republic of Atlantia (`atlantia`)" not in md
    assert "have not been released to the teams: engine scores only" in md
    assert "Blocked without offering anything" not in md and "explain the consensus rule" not in md
    with Game.open(evaluated_save) as game:
        game.evaluation.release(True)
    try:
        md = _report(evaluated_save, tmp_path, "md", "--as", "borealis", "--force")
        assert "Blocked without offering anything" in md
        assert "explain the consensus rule" not in md  # the instructor's notes stay with the white cell
    finally:
        with Game.open(evaluated_save) as game:
            game.evaluation.release(False)


def test_same_save_same_report(evaluated_save, tmp_path):
    a = _report(evaluated_save, tmp_path, "html")
    b = _report(evaluated_save, tmp_path, "html", "--force")
    assert a == b


def _pdf_library_or_skip() -> None:
    """WeasyPrint needs Debian's Pango; a machine without it skips, except in CI (.ci/run installs it)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as why:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"PDF reports cannot be tested in CI: {why}")
        pytest.skip(
            "no WeasyPrint or Pango: pip install -e '.[test]' and apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0 to test PDF reports"
        )


def test_pdf_is_made_on_a4_and_letter(evaluated_save, tmp_path):
    _pdf_library_or_skip()
    for paper in ("a4", "letter"):
        out = tmp_path / f"r-{paper}.pdf"
        done = exercise("report", evaluated_save, "--format", "pdf", "--paper", paper, "--out", out)
        assert done.returncode == 0, done.stderr
        data = out.read_bytes()
        assert data.startswith(b"%PDF")
        streams = [data] + [
            zlib.decompress(m) for m in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S) if m[:1] == b"x"
        ]
        box = {"a4": rb"/MediaBox \[0 0 595", "letter": rb"/MediaBox \[0 0 612"}[paper]  # width in points
        pages = sum(len(re.findall(rb"/Type /Page\b", s)) for s in streams)
        assert any(re.search(box, s) for s in streams)
        assert pages >= 3


def _refused(args, *, absent=(), message="", preexec_fn=None):
    done = exercise("report", *args, preexec_fn=preexec_fn)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr
    assert message in lines[-1], done.stderr
    for path in absent:
        assert not Path(path).exists()
    return lines


def test_bad_input_is_one_line_exit_2_nothing_written(plain_save, tmp_path):
    missing = tmp_path / "none.db"
    assert len(_refused([missing], absent=[tmp_path / "none.html"], message="no such save")) == 1
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert len(_refused([damaged, "--out", tmp_path / "d.html"], absent=[tmp_path / "d.html"])) == 1
    _refused([plain_save, "--format", "docx"], message="invalid choice: 'docx'")
    lines = _refused([plain_save, "--out", tmp_path / "nodir" / "r.html"], message="cannot be written")
    assert len(lines) == 1
    existing = tmp_path / "keep.html"
    existing.write_text("keep", encoding="utf-8")
    _refused([plain_save, "--out", existing], message="already exists")
    assert existing.read_text(encoding="utf-8") == "keep"
    _refused([plain_save, "--out", plain_save, "--force"], message="is an input")
    _refused([plain_save, "--as", "nobody"], message="has no seat 'nobody'")


def test_an_unwritable_directory_is_one_line(plain_save, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:  # as root (CI) the child drops root's override, so the mode holds there too
        lines = _refused(
            [plain_save, "--out", locked / "r.html"], message="cannot be written", preexec_fn=held_to_permissions()
        )
        assert len(lines) == 1
    finally:
        locked.chmod(0o700)


def test_injects_the_msel_ties_to_an_objective_show_in_its_analysis(tmp_path):
    """A planner's MSEL names the objective an inject serves; the report of a game of that
    scenario lists the inject under the objective, with the turn it fired."""
    sheet, scenario = tmp_path / "m.csv", tmp_path / "tutorial-v2.toml"
    assert exercise("msel", "export", TUTORIAL, "--out", sheet).returncode == 0
    with sheet.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows[0]["objective"] = "lo-1"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert exercise("msel", "import", TUTORIAL, sheet, "--out", scenario).returncode == 0
    save = play_out(tmp_path / "v2.db", scenario=scenario)
    md = _report(save, tmp_path, "md")
    lo1 = md.split("## Analysis of each objective")[1].split("### lo-2")[0]
    assert "Injects serving it: Ransomware hits hospitals (fired on turn 3)." in lo1
    rows[0]["objective"] = "lo-9"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = exercise("msel", "import", TUTORIAL, sheet, "--out", tmp_path / "bad.toml")
    assert out.returncode == 2
    assert out.stderr.startswith("m.csv: row 2, column 'objective': unknown objective 'lo-9'")
    assert not (tmp_path / "bad.toml").exists()


def test_without_weasyprint_a_pdf_is_refused_in_one_line_and_nothing_written(plain_save, tmp_path, monkeypatch, capsys):
    from exercise.cli import main

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    out = tmp_path / "r.pdf"
    assert main(["report", str(plain_save), "--format", "pdf", "--out", str(out)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "cannot make a PDF here" in lines[0] and "pip install 'exercise[pdf]'" in lines[0]
    assert not out.exists()
