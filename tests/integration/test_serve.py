"""`exercise serve`: the terminal UI in a browser. A real server process on a loopback port, a
real HTTP client, a real websocket (what textual.js opens) and the seat's desk drawn into it;
the processes behind each tab counted in /proc."""

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.store import Game

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

PUBLIC = "http://trainer-laptop"


def serve_argv(*args: object) -> list[str]:
    """The command line of a real `exercise serve` process with these arguments."""
    return [sys.executable, "-m", "exercise", "serve", *map(str, args)]


def free_port(count: int = 1) -> int:
    """A port with `count` free ports from it (for --every-seat)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port + count > 65535:
            continue
        try:
            held = []
            for offset in range(1, count):
                held.append(socket.socket())
                held[-1].bind(("127.0.0.1", port + offset))
            return port
        except OSError:
            continue
        finally:
            for s in held:
                s.close()
    raise RuntimeError("no free ports")


def get(url: str, headers: dict | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def wait_for_port(port: int, server: subprocess.Popen | None = None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server is None or server.poll() is None, "the server stopped"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def children(pid: int) -> list[int]:
    """The live (not zombie) child processes of `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def wait_children(pid: int, count: int, seconds: float = 15) -> float:
    """Seconds until `pid` has exactly `count` children."""
    start = time.monotonic()
    while len(children(pid)) != count:
        assert time.monotonic() - start < seconds, f"{children(pid)} children, not {count}"
        time.sleep(0.05)
    return time.monotonic() - start


def environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


async def screen_text(
    url: str, wanted: str, seconds: float = 30, origin: str | None = None, pid: int | None = None
) -> tuple[str, dict]:
    """Read the websocket at `url` until `wanted` is drawn; with `pid`, what the server's
    child process looks like meanwhile."""
    seen, child = "", {}
    headers = {"Origin": origin} if origin else {}
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{url}?width=160&height=48", headers=headers) as ws,
    ):
        try:
            async with asyncio.timeout(seconds):
                async for message in ws:
                    data = message.data
                    seen += data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
                    if wanted in seen:
                        break
        except TimeoutError:
            pass
        if pid is not None:
            pids = children(pid)
            child = {
                "pids": pids,
                "cmdline": [Path(f"/proc/{p}/cmdline").read_bytes().split(b"\0") for p in pids],
                "env": [environ(p) for p in pids],
            }
    return seen, child


async def handshake_status(url: str, origin: str | None = None) -> int:
    """The HTTP status a websocket handshake gets (101: accepted, then closed at once)."""
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers):
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


@pytest.fixture(scope="module")
def served(tmp_path_factory, tutorial_path):
    """One seat's server for the whole module: atlantia, at most 2 tabs per address."""
    save = tmp_path_factory.mktemp("serve") / "class.db"
    Game.create(save, tutorial_path, humans=["atlantia", "borealis"]).close()
    port = free_port()
    log = save.parent / "serve.log"
    with open(log, "w") as out:  # a file, not a pipe nobody reads: the tabs' own messages come out here too
        server = subprocess.Popen(
            serve_argv(
                save,
                "--as",
                "atlantia",
                "--host",
                "127.0.0.1",
                "--port",
                port,
                "--public-url",
                PUBLIC,
                "--max-per-address",
                "2",
            ),
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "EXERCISE_CODE": "not-for-the-tabs"},
        )
    try:
        wait_for_port(port, server)
        while not log.read_text().endswith("\n"):  # printed once it listens
            time.sleep(0.05)
        printed = log.read_text().splitlines()[0]
        with Game.open(save) as game:
            tokens = {seat: game.live.web_token(seat) for seat in ("atlantia", "borealis", "@white", "projector")}
        yield {
            "save": save,
            "port": port,
            "server": server,
            "printed": printed,
            "tokens": tokens,
            "local": f"http://127.0.0.1:{port}",
            "public": f"{PUBLIC}:{port}",
        }
    finally:
        server.terminate()
        server.wait(timeout=15)
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]  # whatever the tests sent it


def test_the_printed_address_carries_the_seats_token_and_the_public_url(served):
    token = served["tokens"]["atlantia"]
    assert served["printed"].split() == [f"{served['public']}/t/{token}/", "Republic", "of", "Atlantia", "[atlantia]"]
    assert re.fullmatch(r"[0-9a-f]{24}", token)


def test_without_the_seats_token_every_request_is_403_and_says_nothing_of_the_game(served):
    local, tokens = served["local"], served["tokens"]
    for path in [
        "/",
        "/ws",
        "/static/js/textual.js",
        "/t/",
        "/t/0123456789abcdef01234567/",
        f"/t/{tokens['atlantia'][:-1]}/",
        f"/t/{tokens['atlantia']}0/",
        f"/t/{tokens['atlantia'].upper()}/",
        f"/t/{tokens['borealis']}/",
        f"/t/{tokens['@white']}/",
        f"/t/{tokens['projector']}/ws",
        f"/t/{tokens['borealis']}/static/js/textual.js",
        f"/x/t/{tokens['atlantia']}/",
    ]:
        status, body, _ = get(local + path)
        assert status == 403, path
        assert "needs its token" in body and not re.search(r"atlantia|borealis|class\.db|tutorial", body, re.I), body


def test_with_the_token_the_page_names_the_public_url_for_its_script_and_websocket(served):
    token, public = served["tokens"]["atlantia"], served["public"]
    status, page, headers = get(f"{served['local']}/t/{token}/")
    assert status == 200 and "exercise: class.db as atlantia" in page
    assert f'src="{public}/t/{token}/static/js/textual.js"' in page
    assert f'data-session-websocket-url="ws://trainer-laptop:{served["port"]}/t/{token}/ws"' in page
    assert "0.0.0.0" not in page and "127.0.0.1" not in page
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and f"connect-src 'self' ws://trainer-laptop:{served['port']}" in policy
    assert headers["Referrer-Policy"] == "no-referrer"
    assert get(f"{served['local']}/t/{token}")[0] == 200  # the address without its last slash still opens
    assert get(f"{served['local']}/t/{token}/ws")[0] == 400  # the websocket's address, opened as a page


def test_nothing_in_the_page_or_its_assets_is_fetched_from_another_host(served):
    token, local = served["tokens"]["atlantia"], served["local"]
    page = get(f"{local}/t/{token}/")[1]
    assets = re.findall(rf'(?:href="|src="|url\("){re.escape(served["public"])}(/t/{token}/static/[^"\')]+)', page)
    assert {a.rsplit("/", 2)[-2] for a in assets} >= {"js", "css", "fonts"}, assets
    texts = {"page": page}
    for asset in assets:
        status, body, _ = get(local + asset)
        assert status == 200, asset
        texts[asset] = re.sub(r"/\*.*?\*/", "", body, flags=re.S) if asset.endswith(".css") else body
    for name, text in texts.items():
        if name.endswith(".ttf"):
            continue
        hosts = set(re.findall(r"(?:https?|wss?)://([^/\"'\s:)]+)", text))
        assert hosts <= {"trainer-laptop"}, (name, hosts)
    assert "fonts.googleapis" not in page


def test_a_websocket_from_another_sites_page_is_refused_and_starts_nothing(served):
    url = f"ws://127.0.0.1:{served['port']}/t/{served['tokens']['atlantia']}/ws"
    assert asyncio.run(handshake_status(url, origin="http://evil.example")) == 403
    assert asyncio.run(handshake_status(url, origin="http://trainer-laptop.evil.example:80")) == 403
    other = f"ws://127.0.0.1:{served['port']}/t/{served['tokens']['borealis']}/ws"
    assert asyncio.run(handshake_status(other, origin=served["public"])) == 403
    assert children(served["server"].pid) == []
    # the page opened as http://localhost:PORT on the trainer's machine is this server's own
    assert asyncio.run(handshake_status(url, origin=f"http://localhost:{served['port']}")) == 101
    assert asyncio.run(handshake_status(url, origin=f"http://localhost:{served['port'] + 1}")) == 403
    wait_children(served["server"].pid, 0)


def test_a_tab_plays_the_seat_in_one_process_that_ends_with_the_tab(served):
    server = served["server"]
    url = f"ws://127.0.0.1:{served['port']}/t/{served['tokens']['atlantia']}/ws"
    seen, child = asyncio.run(screen_text(url, "Republic of Atlantia", origin=served["public"], pid=server.pid))
    assert "Republic of Atlantia" in seen, seen[-500:]
    assert len(child["pids"]) == 1  # one process per tab: `exercise play` itself, no shell around it
    assert child["cmdline"][0][1:5] == [b"-m", b"exercise", b"play", str(served["save"].resolve()).encode()]
    env = child["env"][0]
    assert env["EXERCISE_SERVED"] == "1" and env["EXERCISE_PLACE"] == "browser tab from 127.0.0.1"
    assert "EXERCISE_CODE" not in env  # the trainer's code never unlocks a tab
    seconds = wait_children(server.pid, 0)
    print(f"the tab's process ended {seconds:.2f} s after its tab closed")
    with Game.open(served["save"], read_only=True) as game:  # still a sound save, where it was
        assert game.turn == 0


def test_tabs_beyond_the_bound_per_address_are_refused_before_any_process_starts(served):
    server, token = served["server"], served["tokens"]["atlantia"]
    url = f"ws://127.0.0.1:{served['port']}/t/{token}/ws"

    async def three_tabs():
        async with aiohttp.ClientSession() as session:
            first = await session.ws_connect(url)
            second = await session.ws_connect(url)
            await asyncio.to_thread(wait_children, server.pid, 2)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(url)
            page = await asyncio.to_thread(get, f"{served['local']}/t/{token}/")
            assert len(children(server.pid)) == 2
            await first.close()
            await second.close()
            return refused.value, page

    refused, (status, body, _) = asyncio.run(three_tabs())
    assert refused.status == 429 and status == 429
    assert "2 tabs from 127.0.0.1 are open on this seat already (at most 2)" in body
    wait_children(server.pid, 0)
    assert get(f"{served['local']}/t/{token}/")[0] == 200  # closed tabs make room again


@pytest.mark.parametrize(
    "args, message",
    [
        (["nofile.db"], "nofile.db: no such save"),
        (["--as", "usa"], "--as and --replay need a SAVE to open"),
        (["--port", "0"], "--port 0: must be between 1 and 65535"),
        (
            ["--public-url", "trainer-laptop"],
            "--public-url trainer-laptop: not an http:// address; give the address "
            "other laptops reach this machine by, e.g. http://trainer-laptop",
        ),
        (
            ["--public-url", "http://0.0.0.0:8000"],
            "--public-url http://0.0.0.0:8000: 0.0.0.0 is no address another "
            "laptop can reach; give the address other laptops reach this machine "
            "by, e.g. http://trainer-laptop",
        ),
        (
            ["--public-url", "http://host/seat"],
            "--public-url http://host/seat: only a scheme, a host and a port, no "
            "path; give the address other laptops reach this machine by, e.g. "
            "http://trainer-laptop",
        ),
        (["--projector"], "--projector needs a SAVE, and neither --as nor --replay"),
        (["--max-per-address", "0"], "--max-per-address and --max-tabs: at least 1"),
    ],
)
def test_bad_arguments_are_one_line_before_anything_is_served(capsys, args, message):
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err == message


def test_a_port_already_taken_is_one_line_and_exit_2_and_frees_the_others(tmp_path, tutorial_path):
    save = tmp_path / "class.db"
    Game.create(save, tutorial_path, humans=["atlantia"]).close()
    port = free_port(3)
    with socket.socket() as taken:  # atlantia's port, after the white cell's
        taken.bind(("127.0.0.1", port + 1))
        taken.listen()
        done = subprocess.run(
            serve_argv(save, "--every-seat", "--host", "127.0.0.1", "--port", port),
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"--host 127.0.0.1 --port {port + 1}: cannot listen ("), done.stderr
    assert done.stdout == ""  # no address printed for a server that is not there
    with socket.socket() as s:  # the white cell's port, listened on first, is free again
        s.bind(("127.0.0.1", port))


def test_every_seat_gets_its_own_address_and_ctrl_c_stops_them_all(tmp_path, tutorial_path):
    save = tmp_path / "class.db"
    Game.create(save, tutorial_path, humans=["atlantia", "borealis"]).close()
    port = free_port(4)
    server = subprocess.Popen(
        serve_argv(save, "--every-seat", "--host", "127.0.0.1", "--port", port, "--public-url", f"{PUBLIC}:{port}"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    seats = ("@white", "atlantia", "borealis", "projector")
    try:
        lines = [server.stdout.readline() for _ in range(5)]
        with Game.open(save, read_only=True) as game:
            tokens = [game.live.web_token(seat) for seat in seats]
        assert [line.split()[0] for line in lines[:4]] == [
            f"{PUBLIC}:{port + i}/t/{token}/" for i, token in enumerate(tokens)
        ]
        assert "white cell" in lines[0] and "[atlantia]" in lines[1] and "[borealis]" in lines[2]
        assert "projector" in lines[3] and lines[4].startswith("Ctrl+C stops every server")
        for offset, title in enumerate(("white", "atlantia", "borealis", "projector")):
            status, page, _ = get(f"http://127.0.0.1:{port + offset}/t/{tokens[offset]}/")
            assert status == 200 and f"exercise: class.db as {title}" in page
            assert f'src="{PUBLIC}:{port + offset}/t/{tokens[offset]}/static/js/textual.js"' in page
            # no seat's token opens another seat's server
            assert get(f"http://127.0.0.1:{port + offset}/t/{tokens[(offset + 1) % 4]}/")[0] == 403
        projector_page = get(f"http://127.0.0.1:{port + 3}/t/{tokens[3]}/")[1]
        assert 'data-font-size="24"' in projector_page  # a room's font
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=20)
    for offset in range(4):  # every server is gone with it
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port + offset)) != 0


def test_without_a_public_url_the_page_uses_the_host_the_browser_asked_for(tmp_path, tutorial_path):
    save = tmp_path / "class.db"
    Game.create(save, tutorial_path, humans=["atlantia"]).close()
    port = free_port()
    server = subprocess.Popen(
        serve_argv(save, "--as", "white", "--host", "0.0.0.0", "--port", port),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        lines = [server.stdout.readline() for _ in range(3)]
        with Game.open(save, read_only=True) as game:
            token = game.live.web_token("@white")
        assert lines[0].split() == [f"http://THIS-MACHINE:{port}/t/{token}/", "the", "white", "cell"]
        assert "--public-url" in lines[1]
        status, page, _ = get(f"http://127.0.0.1:{port}/t/{token}/", headers={"Host": f"laptop-7.local:{port}"})
        assert status == 200 and f'"ws://laptop-7.local:{port}/t/{token}/ws"' in page and "0.0.0.0" not in page
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_the_home_screen_is_served_behind_a_token_too(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        serve_argv("--host", "127.0.0.1", "--port", port, "--saves", tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address, *what = server.stdout.readline().split()
        assert what == ["the", "home", "screen"]
        assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/t/[0-9a-f]{{24}}/", address), address
        assert get(f"http://127.0.0.1:{port}/")[0] == 403
        status, page, _ = get(address)
        assert status == 200 and "<title>exercise</title>" in page
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_every_seat_needs_a_save_and_no_single_seat(capsys, tmp_path):
    assert main(["serve", "--every-seat"]) == 2
    assert "--every-seat needs a SAVE" in capsys.readouterr().err


def test_the_web_server_does_not_import_textual():
    code = (
        "import sys, exercise.web.server, exercise.cli.serve_cmd; "
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
    )


class Tab:
    """A browser tab as textual.js is one: a websocket, what it drew, and keys typed into it."""

    def __init__(self, session, url: str) -> None:
        self.session, self.url, self.seen, self.closed = session, url, "", False

    async def __aenter__(self):
        self.ws = await self.session.ws_connect(f"{self.url}?width=160&height=48")
        self.reader = asyncio.ensure_future(self._read())
        return self

    async def _read(self) -> None:
        async for message in self.ws:
            data = message.data
            self.seen += data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
        self.closed = True

    async def wait_for(self, wanted: str, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while wanted not in self.seen and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return wanted in self.seen

    async def type(self, keys: str) -> None:
        await self.ws.send_json(["stdin", keys])

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()
        self.reader.cancel()


def test_a_second_tab_on_the_seat_takes_it_over_and_the_first_tabs_process_ends(served):
    server, token = served["server"], served["tokens"]["atlantia"]
    url = f"ws://127.0.0.1:{served['port']}/t/{token}/ws"

    async def two_tabs():
        async with aiohttp.ClientSession() as session, Tab(session, url) as first:
            assert await first.wait_for("Republic of Atlantia"), first.seen[-500:]
            async with Tab(session, url) as second:
                # the lease names where the seat is open: the first tab's address
                assert await second.wait_for("browser tab from 127.0.0.1"), second.seen[-800:]
                assert len(children(server.pid)) == 2
                await second.type("\r")  # "Take it over here"
                assert await first.wait_for("was taken over", seconds=20), first.seen[-800:]
                start = time.monotonic()
                while not first.closed and time.monotonic() - start < 20:
                    await asyncio.sleep(0.1)
                assert first.closed  # its process ended, and the tab's websocket with it
                seconds = time.monotonic() - start
                await asyncio.to_thread(wait_children, server.pid, 1, 10)
                assert not second.closed
                return seconds

    seconds = asyncio.run(two_tabs())
    print(f"the tab taken over closed {seconds:.1f} s after it said so")
    wait_children(server.pid, 0)


def test_in_a_coded_save_the_token_opens_the_page_and_only_the_seats_code_opens_the_seat(tmp_path, tutorial_path):
    save = tmp_path / "class.db"
    Game.create(save, tutorial_path, humans=["atlantia", "borealis"]).close()
    with Game.open(save) as game:
        codes = game.live.issue_codes()
        token = game.live.web_token("atlantia")
    port = free_port()
    server = subprocess.Popen(
        serve_argv(save, "--as", "atlantia", "--host", "127.0.0.1", "--port", port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "EXERCISE_CODE": codes["@white"]},
    )

    async def tab():
        async with aiohttp.ClientSession() as session, Tab(session, f"ws://127.0.0.1:{port}/t/{token}/ws") as browser:
            assert await browser.wait_for("type the join code"), browser.seen[-800:]
            assert "Instructions from your capital" not in browser.seen
            await browser.type(codes["borealis"] + "\r")  # another team's code opens nothing
            assert await browser.wait_for("That is not"), browser.seen[-800:]
            assert "Instructions from your capital" not in browser.seen
            await browser.type(codes["atlantia"] + "\r")
            assert await browser.wait_for("Instructions from your capital"), browser.seen[-800:]

    try:
        wait_for_port(port, server)
        asyncio.run(tab())
    finally:
        server.terminate()
        server.wait(timeout=15)
