"""The web server of one seat: textual-serve's aiohttp server with the doors a classroom needs.

- Every request must carry the seat's token in its path (`/t/TOKEN/...`, compared with
  hmac.compare_digest); anything else is 403 with no game data. The page, its script, its
  styles, its fonts and its websocket live under that path only.
- A websocket opened by a page from another site (its Origin is neither this server's public
  URL nor the host the browser asked for) is refused (403).
- At most `max_per_address` tabs per client address and `max_tabs` in all are live at once;
  another gets 429 (or 503) with a sentence, before any process starts.
- Each tab runs one `exercise play` process, started directly (textual-serve starts it through
  a shell: two processes a tab), with EXERCISE_SERVED=1 and EXERCISE_PLACE naming the tab's
  address, and without the trainer's EXERCISE_CODE. When the tab closes, the process is asked
  to quit and stopped if it has not within QUIT_SECONDS; when the process ends (the seat was
  taken over in another tab), the tab's websocket closes.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import shlex
import signal
from collections import Counter
from collections.abc import Callable

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from exercise.web import page
from exercise.web.address import token_path

log = logging.getLogger("exercise.web")

QUIT_SECONDS = 3.0  # a tab's process has this long to quit by itself once its tab has closed
HEARTBEAT_SECONDS = 15.0  # a tab whose laptop vanished without closing is noticed within ~2x this
DROPPED_ENV = ("EXERCISE_CODE",)  # the trainer's own code must not unlock every tab
HOST_HEADER = re.compile(r"[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")

FORBIDDEN = (
    "403 Forbidden: this address needs its token. Ask the trainer for your seat's whole "
    "address, /t/ and the long code after it included.\n"
)
FOREIGN_ORIGIN = "403 Forbidden: a page from another site may not open this seat.\n"
SECURITY_HEADERS = {"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"}


class Tab(AppService):
    """One browser tab's `exercise play` process (see the module's docstring)."""

    def __init__(self, argv: list[str], *, extra_env: dict[str, str], **kwargs) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv
        self.extra_env = extra_env
        self._stopping: asyncio.Task | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        for name in DROPPED_ENV:
            environment.pop(name, None)
        environment.update(self.extra_env)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24):
        pipe = asyncio.subprocess.PIPE
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=pipe, stdout=pipe, stderr=pipe, env=self._build_environment(width, height)
        )
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Quit the process, for sure; safe to call more than once, from several tasks."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            try:
                await self.send_meta({"type": "quit"})
            except Exception:  # its stdin is gone already
                pass
            if not await _ended(process, QUIT_SECONDS):
                process.terminate()
                if not await _ended(process, 2.0):
                    process.kill()
                    await process.wait()
        if self._task is not None:  # the reader stops at the end of the process's output
            try:
                await asyncio.wait_for(self._task, 2.0)
            except (TimeoutError, asyncio.CancelledError):
                pass
            self._task = None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)


async def _ended(process: asyncio.subprocess.Process, seconds: float) -> bool:
    try:
        await asyncio.wait_for(process.wait(), seconds)
    except TimeoutError:
        return False
    return True


class SeatServer(Server):
    """Serve `argv` (an `exercise play` command line) to browsers that know `token`.

    `public_base` is how other laptops reach this server (scheme://host:port), written into
    the page's script and websocket addresses; None: the host the browser asked for.
    `serve_all` runs it (with others, one port each)."""

    def __init__(
        self,
        argv: list[str],
        *,
        token: str,
        host: str,
        port: int,
        title: str,
        public_base: str | None = None,
        font_size: int = page.DEFAULT_FONT_SIZE,
        max_per_address: int = 4,
        max_tabs: int = 12,
    ) -> None:
        super().__init__(shlex.join(argv), host=host, port=port, title=title, public_url=public_base)
        self.argv = argv
        self.token = token
        self.public_base = public_base.rstrip("/") if public_base else None
        self.font_size = font_size
        self.max_per_address = max_per_address
        self.max_tabs = max_tabs
        self.per_address: Counter[str] = Counter()  # live tabs (and tabs still closing) per address
        self.tabs: dict[web.WebSocketResponse, Tab] = {}
        self.closing: dict[str, set[asyncio.Event]] = {}

    # --- the doors ---------------------------------------------------------------------
    def has_token(self, path: str) -> bool:
        if not path.startswith("/t/"):
            return False
        given = path[3:].split("/", 1)[0]
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode())

    def origin_ok(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:  # not a browser: every browser sends one with a websocket
            return True
        allowed = {f"http://{request.host}".lower(), f"https://{request.host}".lower()}
        if self.public_base:
            allowed.add(self.public_base.lower())
            # a page opened on this machine by its loopback name, whose websocket goes to the
            # public name: still this server's own page
            allowed |= {f"http://{name}:{self.port}" for name in ("localhost", "127.0.0.1", "[::1]")}
        return origin.rstrip("/").lower() in allowed

    def refusal(self, address: str) -> web.Response | None:
        if self.per_address[address] >= self.max_per_address:
            return web.Response(
                status=429,
                text=(
                    f"429: {self.per_address[address]} tabs from {address} are open on this seat already "
                    f"(at most {self.max_per_address}). Close one, then reload this page.\n"
                ),
            )
        if sum(self.per_address.values()) >= self.max_tabs:
            return web.Response(
                status=503,
                text=(
                    f"503: {self.max_tabs} tabs are open on this seat already, the most this server runs. "
                    "Close one, then reload this page.\n"
                ),
            )
        return None

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        if not self.has_token(request.rel_url.raw_path):
            response: web.StreamResponse = web.Response(status=403, text=FORBIDDEN)
        else:
            response = await handler(request)
        if not response.prepared:
            response.headers.update(SECURITY_HEADERS)
        return response

    # --- the routes ----------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        prefix = token_path(self.token)
        app.add_routes(
            [
                web.get(prefix.rstrip("/"), self.handle_bare_token),
                web.get(prefix, self.handle_index),
                web.get(prefix + "ws", self.handle_websocket),
                web.static(prefix + "static", self.statics_path, show_index=False),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_bare_token(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(token_path(self.token))

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        refused = self.refusal(request.remote or "?")
        if refused is not None:
            return refused
        if self.public_base:
            origin = self.public_base
        elif HOST_HEADER.fullmatch(request.host):
            origin = f"{request.scheme}://{request.host}"
        else:
            return web.Response(status=400, text="400: this request names no host.\n")
        websocket_origin = ("wss" if origin.startswith("https:") else "ws") + origin[origin.index(":") :]
        prefix = token_path(self.token)
        html = page.render(
            title=self.title,
            static_url=f"{origin}{prefix}static/",
            websocket_url=f"{websocket_origin}{prefix}ws",
            font_size=page.font_size(request.query.get("fontsize"), self.font_size),
        )
        return web.Response(
            text=html,
            content_type="text/html",
            headers={
                "Content-Security-Policy": page.security_policy(origin, websocket_origin),
                "Cache-Control": "no-store",
            },
        )

    # textual-serve declares a WebSocketResponse; aiohttp takes any response from a handler,
    # and a refused websocket gets a plain one (403/400) here
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        if not self.origin_ok(request):
            log.warning("refused a websocket from a page at %s", request.headers.get("Origin"))
            return web.Response(status=403, text=FOREIGN_ORIGIN)
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
        if not websocket.can_prepare(request).ok:
            return web.Response(
                status=400,
                text=f"400: this is the page's websocket; open the page, {token_path(self.token)}, instead.\n",
            )
        address = request.remote or "?"
        refused = self.refusal(address)
        if refused is not None:
            return refused
        self.per_address[address] += 1  # counted before any await: no two tabs slip past the bound
        tab: Tab | None = None
        try:
            await self._after_closing(address)
            await websocket.prepare(request)
            tab = Tab(
                self.argv,
                extra_env={"EXERCISE_SERVED": "1", "EXERCISE_PLACE": f"browser tab from {address}"},
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            self.tabs[websocket] = tab
            await tab.start(_cells(request.query.get("width"), 80), _cells(request.query.get("height"), 24))
            assert tab._task is not None
            tab._task.add_done_callback(lambda _: asyncio.ensure_future(websocket.close()))
            await self._process_messages(websocket, tab)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except Exception as error:  # a broken message from the browser: that tab ends, the server goes on
            log.warning("a tab from %s ended: %s", address, error)
        finally:
            done = asyncio.Event()
            self.closing.setdefault(address, set()).add(done)
            try:
                if tab is not None:
                    await tab.stop()
                if not websocket.closed and websocket.prepared:
                    await websocket.close()
            finally:
                self.tabs.pop(websocket, None)
                self.per_address[address] -= 1
                if not self.per_address[address]:
                    del self.per_address[address]
                self.closing[address].discard(done)
                done.set()
        return websocket

    async def _after_closing(self, address: str) -> None:
        """A reload: let the same address's closing tab end its process (and give up the seat)
        before the new tab's process asks for it."""
        waiting = [asyncio.ensure_future(event.wait()) for event in self.closing.get(address, ())]
        if waiting:
            await asyncio.wait(waiting, timeout=QUIT_SECONDS + 3)
            for task in waiting:
                task.cancel()

    # --- stopping -----------------------------------------------------------------------
    async def on_shutdown(self, app: web.Application) -> None:
        for websocket in list(self.tabs):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"the server stopped")
        await asyncio.gather(*(tab.stop() for tab in list(self.tabs.values())), return_exceptions=True)


def serve_all(servers: list[SeatServer], on_ready: Callable[[], None] | None = None) -> None:
    """Serve every server (one port each) in this process until SIGINT or SIGTERM, then close
    every tab and free every port. `on_ready` is called once all of them listen. OSError (with
    the port as `.port`) if one cannot listen; the others are closed first."""
    logging.basicConfig(level=logging.WARNING, format="exercise serve: %(message)s")
    # textual-serve says "Application failed to start" of every tab closed before its screen
    # came up; a tab whose `play` really fails prints its own error line here anyway
    logging.getLogger("textual-serve").setLevel(logging.CRITICAL)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(_serve_all(loop, servers, on_ready))
    finally:
        loop.close()
        asyncio.set_event_loop(None)


async def _serve_all(
    loop: asyncio.AbstractEventLoop, servers: list[SeatServer], on_ready: Callable[[], None] | None
) -> None:
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    runners: list[web.AppRunner] = []
    try:
        for server in servers:
            runner = web.AppRunner(await server._make_app(), access_log=None, shutdown_timeout=QUIT_SECONDS + 3)
            await runner.setup()
            runners.append(runner)
            try:
                await web.TCPSite(runner, server.host, server.port, shutdown_timeout=QUIT_SECONDS + 3).start()
            except OSError as exc:
                exc.port = server.port  # type: ignore[attr-defined]
                raise
        if on_ready is not None:
            on_ready()
        await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        await asyncio.gather(*(runner.cleanup() for runner in runners), return_exceptions=True)


def _cells(text: str | None, default: int) -> int:
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return min(max(value, 10), 1000)
