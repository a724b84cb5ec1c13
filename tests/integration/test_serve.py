"""`exercise serve`: the terminal UI in a browser. A real server process, a real websocket
(what textual.js opens), and the seat's desk drawn into it."""

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from exercise.cli import main
from exercise.store import Game

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def screen_text(port: int, wanted: str, seconds: float = 30) -> str:
    seen = ""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=160&height=48") as ws:
            try:
                async with asyncio.timeout(seconds):
                    async for message in ws:
                        data = message.data
                        seen += data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
                        if wanted in seen:
                            break
            except TimeoutError:
                pass
    return seen


def test_a_browser_tab_plays_the_seat_on_the_save(tmp_path, tutorial_path):
    save = tmp_path / "class.db"
    Game.create(save, tutorial_path, humans=["atlantia"]).close()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "exercise", "serve", str(save), "--as", "atlantia",
                               "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        page = None
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert page is not None and f"ws://127.0.0.1:{port}/ws" in page and "exercise: class.db as atlantia" in page
        seen = asyncio.run(screen_text(port, "Republic of Atlantia"))
        assert "Republic of Atlantia" in seen, seen[-500:]
    finally:
        server.terminate()
        server.wait(timeout=10)
    with Game.open(save, read_only=True) as game:  # still a sound save, where it was
        assert game.turn == 0


@pytest.mark.parametrize("args, message", [
    (["nofile.db"], "nofile.db: no such save"),
    (["--as", "usa"], "--as and --replay need a SAVE to open"),
    (["--port", "0"], "--port 0: must be between 1 and 65535"),
])
def test_bad_arguments_are_one_line_before_anything_is_served(capsys, args, message):
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err == message


def wait_for_page(port: int) -> str | None:
    for _ in range(150):
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read().decode()
        except OSError:
            time.sleep(0.2)
    return None


def test_every_seat_gets_its_own_address_and_ctrl_c_stops_them_all(tmp_path, tutorial_path):
    import signal

    save = tmp_path / "class.db"
    Game.create(save, tutorial_path, humans=["atlantia", "borealis"]).close()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "exercise", "serve", str(save), "--every-seat",
                               "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        lines = [server.stdout.readline() for _ in range(4)]
        assert [line.split()[0] for line in lines[:3]] == [f"http://127.0.0.1:{port + i}" for i in range(3)]
        assert "white cell" in lines[0] and "[atlantia]" in lines[1] and "[borealis]" in lines[2]
        for offset, seat in enumerate(("white", "atlantia", "borealis")):
            page = wait_for_page(port + offset)
            assert page is not None and f"exercise: class.db as {seat}" in page
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=20)
    for offset in range(3):  # every server is gone with it
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port + offset)) != 0


def test_every_seat_needs_a_save_and_no_single_seat(capsys, tmp_path):
    assert main(["serve", "--every-seat"]) == 2
    assert "--every-seat needs a SAVE" in capsys.readouterr().err
