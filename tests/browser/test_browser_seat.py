"""A seat served to a real browser: Debian's headless Chromium, driven by Playwright, opens a
team's address as another laptop would (the trainer's machine by its public name), and the
seat's desk is drawn. Without Chromium or Playwright these tests skip, except in CI (CI=true),
where they fail: there `.ci/run` installs Chromium."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from exercise.store import Game

CHROMIUM = Path("/usr/bin/chromium")
HOW = "install Debian's chromium: apt-get install chromium (and pip install playwright, in the test extra)"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP trainer-laptop 127.0.0.1",
]  # the classroom's name for this machine
SHOTS = Path(os.environ.get("EXERCISE_SCREENSHOTS", "/tmp"))


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


def _need_browser() -> None:
    missing = _missing()
    if missing is None:
        return
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"browser tests cannot run in CI: {missing}; {HOW}")
    pytest.skip(f"browser tests: {missing}; {HOW}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(servers: list, save: Path, *args: str) -> str:
    """Start `exercise serve SAVE ARGS` (kept in `servers`, to be stopped); its printed address."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "exercise",
            "serve",
            str(save),
            *args,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--public-url",
            f"http://trainer-laptop:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    servers.append(server)
    line = server.stdout.readline()
    assert line.startswith("  http://trainer-laptop:"), f"exercise serve {' '.join(args)} did not start"
    return line.split()[0]


@pytest.fixture(scope="module")
def seat_server(tmp_path_factory, tutorial_path):
    _need_browser()
    save = tmp_path_factory.mktemp("browser") / "class.db"
    Game.create(save, tutorial_path, humans=["atlantia", "borealis"]).close()
    servers = []
    try:
        address = serve(servers, save, "--as", "atlantia")
        projector_address = serve(servers, save, "--projector")
        public = address.split("/t/")[0]
        with Game.open(save, read_only=True) as game:
            other = game.live.web_token("borealis")
        yield {"address": address, "public": public, "other": f"{public}/t/{other}/", "projector": projector_address}
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=15)


@pytest.fixture(scope="module")
def browser(seat_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def test_a_team_opens_its_address_and_its_desk_is_drawn(seat_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    received, requests, problems = [], [], []
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived",
            lambda frame: received.append(frame if isinstance(frame, str) else frame.decode("utf-8", "replace")),
        ),
    )
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    response = page.goto(seat_server["address"])
    assert response.status == 200 and page.title() == "exercise: class.db as atlantia"
    deadline = time.monotonic() + 30
    while "Republic of Atlantia" not in "".join(received) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert "Republic of Atlantia" in "".join(received), "".join(received)[-500:]
    page.wait_for_selector("body.-first-byte", timeout=10_000)  # textual.js wrote the screen into xterm
    page.wait_for_timeout(500)
    before = len(received)
    page.focus(".xterm-helper-textarea")  # where xterm takes the keyboard, as a click on the page does
    page.keyboard.press("Escape")  # a key typed in the browser reaches the seat's process: the tutorial closes
    # the tutorial's dialog closes: the desk under it is drawn
    while "Your orders this turn" not in "".join(received[before:]) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert "Your orders this turn" in "".join(received[before:])
    page.wait_for_timeout(1000)  # let the frame settle before the picture
    shot = SHOTS / "exercise-browser-atlantia.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 30_000  # a drawn desk, not an empty page (that is ~5 KB)
    assert page.locator(".xterm-screen").is_visible()
    # every request went to the trainer's machine, by its public name: nothing from the internet
    assert requests and all(
        url.startswith(seat_server["public"] + "/") or url.startswith("ws://trainer-laptop:") for url in requests
    ), requests
    assert not [p for p in problems if "Content Security Policy" in p or "Failed to load" in p], problems
    page.close()


def test_an_address_without_the_token_or_with_another_seats_is_403(seat_server, browser):
    page = browser.new_page()
    for url in (seat_server["public"] + "/", seat_server["other"], seat_server["address"].replace("/t/", "/t/0")):
        response = page.goto(url)
        assert response.status == 403, url
        text = page.inner_text("body")
        assert "needs its token" in text and "tlantia" not in text and "class.db" not in text
    page.close()


def test_the_projector_fills_a_1080p_screen_in_type_a_room_can_read(seat_server, browser):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    sockets, received = [], []
    page.on(
        "websocket",
        lambda ws: (
            sockets.append(ws.url),
            ws.on(
                "framereceived",
                lambda frame: received.append(frame if isinstance(frame, str) else frame.decode("utf-8", "replace")),
            ),
        ),
    )
    assert page.goto(seat_server["projector"]).status == 200
    deadline = time.monotonic() + 30
    while "Forum decisions" not in "".join(received) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert "Forum decisions" in "".join(received), "".join(received)[-500:]
    size = parse_qs(urlsplit(sockets[0]).query)
    columns, lines = int(size["width"][0]), int(size["height"][0])
    assert 100 <= columns <= 140 and 30 <= lines <= 45, (columns, lines)  # 24 px type, not the 16 px of a desk
    print(f"the projector at 1920x1080: {columns} columns, {lines} lines")
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "exercise-browser-projector.png"))
    page.close()
