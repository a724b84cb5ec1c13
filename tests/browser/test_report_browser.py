"""The after-action report opened in a real browser (Debian's headless Chromium, driven by
Playwright): every section is drawn, the three charts are SVG with their data, nothing is
fetched from anywhere, and the print layout fits A4 and Letter. Screenshots go to
$EXERCISE_SCREENSHOTS (default /tmp). Skips without Chromium, except in CI."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_browser_seat import ARGS, CHROMIUM, SHOTS, _need_browser

from exercise.store import Game

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = (
    "overview",
    "objectives",
    "analysis",
    "teams",
    "timeline",
    "charts",
    "scorecard",
    "plan",
    "notes",
    "sources",
)
MM = 96 / 25.4  # CSS pixels per millimetre


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    _need_browser()
    folder = tmp_path_factory.mktemp("report")
    save = folder / "class.db"
    with Game.create(save, ROOT / "scenarios" / "tutorial.toml", humans=["atlantia", "borealis"]) as game:
        while not game.finished:
            game.resolve(force=True, missing="strategy")
        ev = game.evaluation
        ev.add_roles(evaluators=1)
        ev.score("evaluator-1", 3, "atlantia", "lo-1", 4, "Pushed the Assembly with a clear text")
        ev.score("evaluator-1", 3, "borealis", "lo-1", 2, "Blocked without offering anything")
        ev.add_item("One objection stops the Assembly", "Brief coalition building", "trainer", "2027-01-15", "lo-1")
    out = folder / "class.html"
    done = subprocess.run(
        [sys.executable, "-m", "exercise", "report", str(save), "--out", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def test_every_section_and_chart_is_drawn_and_nothing_is_fetched(report_file, browser):
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report_file.as_uri())
    page.wait_for_load_state("load")
    assert requests == [report_file.as_uri()]  # the file itself, and nothing else
    for section in SECTIONS:
        heading = page.locator(f"section#{section} h2")
        assert heading.is_visible(), section
    charts = page.locator("figure.chart svg")
    assert charts.count() == 3
    for i in range(3):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 600 and box["height"] > 250
    adoption = page.locator("figure[data-chart=adoption] svg")
    # one drawn line per norm, with a point per turn 0..8, and the norms in the legend
    assert adoption.locator("g.series path.line").count() == 4
    line = adoption.locator("g.series path.line").first.get_attribute("d")
    assert len(re.findall(r"-?[\d.]+ -?[\d.]+", line)) == 9
    legend = adoption.locator("g.legends").text_content()
    for norm in ("clean-networks", "free-flow", "info-security", "protect-hospitals"):
        assert norm in legend
    scores = page.locator("figure[data-chart=scores] svg g.series path.line")
    assert scores.count() == 2
    bars = page.locator("figure[data-chart=forums] svg g.series rect.rect")
    assert bars.count() >= 2
    assert page.locator("#scorecard tr.group td").first.inner_text() == "group average"
    assert "One objection stops the Assembly" in page.locator("#plan").inner_text()
    page.screenshot(path=str(SHOTS / "report-top.png"))
    page.locator("#charts").screenshot(path=str(SHOTS / "report-charts.png"))
    page.close()


@pytest.mark.parametrize("paper, width_mm", [("A4", 210), ("Letter", 215.9)])
def test_the_print_layout_fits_the_paper(report_file, browser, paper, width_mm):
    # the printable width: the paper less the report's 14 mm side margins (@page)
    width = int((width_mm - 28) * MM)
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(report_file.as_uri())
    page.emulate_media(media="print")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px wider than {paper}"
    for i in range(3):
        assert page.locator("figure.chart svg").nth(i).bounding_box()["width"] <= width
    breaks = page.evaluate("getComputedStyle(document.querySelector('#charts')).breakBefore")
    assert breaks == "page"
    pdf = page.pdf(format=paper, print_background=True)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 3
    page.screenshot(path=str(SHOTS / f"report-print-{paper.lower()}.png"), full_page=True)
    page.close()
