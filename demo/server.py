"""The HTTP side of the demo world: a threaded loopback server that routes requests to
providers, applies faults and answers the ``/_control/`` endpoints."""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import json
import re
import socket
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from demo import faults, site
from demo.exchange import DemoRequest, DemoResponse, json_response, not_found, redirect

if TYPE_CHECKING:
    from demo.world import DemoWorld

MAX_CONTROL_BODY = 64 * 1024
HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


class DemoHTTPServer(ThreadingHTTPServer):
    """Threaded server that never waits for handler threads on close and can cut every open
    connection (so a hanging ``timeout`` fault does not outlive ``stop()``)."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], world: DemoWorld) -> None:
        self.world = world
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, DemoRequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def cut_connections(self) -> None:
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed by the client
                sock.shutdown(socket.SHUT_RDWR)


class DemoRequestHandler(BaseHTTPRequestHandler):
    """Routes ``/``, ``/robots.txt``, ``/_control/…`` and ``/<provider>/…``."""

    protocol_version = "HTTP/1.1"
    server_version = "FamilienpunktDemo/1.0"
    sys_version = ""
    timeout = 15  # idle keep-alive connections are closed after this many seconds
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server: DemoHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if self.server.world.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_POST(self) -> None:
        path = self.path.split("?")[0]
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_CONTROL_BODY:
            self.close_connection = True  # the unread body must not be taken for a request
            self._send(json_response({"error": "missing or too large body"}, 413), head=False)
            return
        raw = self.rfile.read(length) if length else b""
        if not path.startswith("/_control/"):
            self._send(json_response({"error": "POST only under /_control/"}, 405), head=False)
            return
        self._send(self._control(path, raw), head=False)

    # -- routing

    def _dispatch(self, *, head: bool) -> None:
        world = self.server.world
        path = self.path.split("?")[0]
        method = "HEAD" if head else "GET"
        if path == "/robots.txt":
            response = site.robots_txt()
        elif path in ("/", "/index.html"):
            response = site.index_page(world.providers)
        elif path == "/_control/state":
            response = self._control(path, b"") if self._loopback() else _forbidden()
        elif path.startswith("/_control/"):
            response = json_response({"error": "use POST for controls"}, 405)
        else:
            segment = path.split("/")[1]
            provider = world.provider(segment)
            if provider is None:
                response = not_found()
            elif path == f"/{segment}":
                response = redirect(f"/{segment}/", 301)
            else:
                mode = world.state.fault(segment)
                if mode == "slow":
                    world.stopping.wait(faults.SLOW_S)
                if mode == "500":
                    response = faults.server_error()
                elif mode == "timeout":
                    world.stopping.wait(world.timeout_fault_s)
                    self.close_connection = True
                    return
                elif mode == "lose" and faults.is_lost(path):
                    response = faults.server_error(503)
                else:
                    response = self._provider_response(provider, method, mode)
        self._send(response, head=head)

    def _provider_response(self, provider: Any, method: str, mode: str | None) -> DemoResponse:
        world = self.server.world
        host = self.headers.get("Host") or ""
        request = DemoRequest.parse(
            method,
            self.path,
            prefix=provider.prefix,
            host=host if HOST_HEADER.fullmatch(host) else "",
        )
        try:
            response = provider.handle(request, world.state.view(provider.id))
        except Exception:  # a bug in a provider must show up in tests, not kill the thread
            world.errors.append(f"{self.path}: {traceback.format_exc()}")
            return faults.server_error()
        share = faults.truncate_share(mode)
        if share is not None and response.status == 200:
            response = faults.truncate(response, share)
        if mode == "garbage" and response.status == 200:
            response = faults.garbage(response)
        return response

    # -- controls

    def _loopback(self) -> bool:
        return ipaddress.ip_address(self.client_address[0]).is_loopback

    def _control(self, path: str, raw: bytes) -> DemoResponse:
        if not self._loopback():
            return _forbidden()
        world = self.server.world
        action = path.removeprefix("/_control/").strip("/")
        try:
            data = json.loads(raw or b"{}")
            if not isinstance(data, dict):
                raise ValueError("the body must be a JSON object")
            if action == "state":
                return json_response(
                    {
                        **world.state.snapshot(),
                        "providers": {p: i.expected_count for p, i in world.providers.items()},
                    }
                )
            if action == "fault":
                mode = data.get("mode")
                world.set_fault(_field(data, "provider"), None if mode is None else str(mode))
                return json_response({"ok": True})
            if action == "book":
                free = world.book(
                    _field(data, "provider"), _field(data, "offer_key"), int(data.get("n", 1))
                )
                return json_response({"ok": True, "free_places": free})
            if action == "remove":
                world.remove_offer(_field(data, "provider"), _field(data, "offer_key"))
                return json_response({"ok": True})
            if action == "reset":
                world.reset()
                return json_response({"ok": True})
            return json_response({"error": f"unknown control {action!r}"}, 404)
        except KeyError as exc:
            return json_response({"error": str(exc.args[0] if exc.args else exc)}, 404)
        except (ValueError, TypeError) as exc:
            return json_response({"error": str(exc)}, 400)

    # -- output

    def _send(self, response: DemoResponse, *, head: bool) -> None:
        body = response.body
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        if response.status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        if response.status == 200:
            self.send_header("ETag", etag)
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if response.stall_after is not None:
            self._stall(body[: response.stall_after], head=head)
            return
        if not head:
            self.wfile.write(body)

    def _stall(self, start: bytes, *, head: bool) -> None:
        """Send the start of a body, then hang like a stuck backend; ``stop()`` cuts it."""
        world = self.server.world
        if not head and start:
            self.wfile.write(start)
            self.wfile.flush()
        world.stopping.wait(world.timeout_fault_s)
        self.close_connection = True


def _field(data: dict, name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise ValueError(f"field {name!r} (a non-empty string) is required")
    return value


def _forbidden() -> DemoResponse:
    return json_response({"error": "controls are only available from loopback"}, 403)
