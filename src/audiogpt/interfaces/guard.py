"""ASGI middleware in front of the whole server: bearer token, Host check, body size limit.

- Token: when set, every request but ``/api/health`` needs ``Authorization: Bearer TOKEN``
  or the ``audiogpt_token`` cookie; opening ``/?token=TOKEN`` in a browser sets the cookie.
- Host check (loopback binds): the Host header must name a loopback address, so a web page
  on another origin cannot reach the server through DNS rebinding.
- Body limit: requests announcing (or streaming) more than ``limit_bytes`` get a 413.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "audiogpt_token"
_LOOPBACK_NAMES = {"localhost", "localhost.", "127.0.0.1", "::1", "[::1]"}


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address, maybe ``[v6]``) is a loopback address."""
    h = host.strip().strip("[]").lower()
    if h in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def _host_of(header: str) -> str:
    header = header.strip()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a streamed body passes the limit."""


class Guard:
    """See the module docstring."""

    def __init__(self, app: ASGIApp, token: str = "", limit_bytes: int = 200 * 2**20,
                 loopback_only_hosts: bool = True) -> None:
        self.app = app
        self.token = token
        self.limit = limit_bytes
        self.loopback_only_hosts = loopback_only_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        path = scope.get("path", "")
        if self.loopback_only_hosts and not is_loopback(_host_of(headers.get("host", ""))):
            await _reject(send, 421, "bad_host",
                          "this server only answers requests addressed to a loopback host")
            return
        if self.token and path != "/api/health":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            if path == "/" and self._ok(query.get("token", [""])[0]):
                await _redirect_with_cookie(send, self.token)
                return
            if not self._authorized(headers):
                await _reject(send, 401, "unauthorized",
                              "missing or wrong bearer token (AUDIOGPT_API_TOKEN)",
                              extra=[(b"www-authenticate", b"Bearer")])
                return
        if scope["type"] == "http" and scope.get("method") in ("POST", "PUT", "PATCH"):
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > self.limit:
                await _reject(send, 413, "too_large",
                              f"request body is over {self.limit / 2**20:.0f} MiB "
                              "(AUDIOGPT_MAX_UPLOAD_MB)")
                return
            receive = self._counting(receive)
        try:
            await self.app(scope, receive, send)
        except BodyTooLarge:
            await _reject(send, 413, "too_large", "request body is over the upload limit")

    def _ok(self, candidate: str) -> bool:
        return bool(candidate) and hmac.compare_digest(candidate.encode(), self.token.encode())

    def _authorized(self, headers: dict[str, str]) -> bool:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and self._ok(auth[7:].strip()):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:
            return False
        morsel = cookie.get(COOKIE)
        return morsel is not None and self._ok(morsel.value)

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message.get("type") == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message

        return wrapped


async def _reject(send: Send, status: int, kind: str, message: str,
                  extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": {"type": kind, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_cookie(send: Send, token: str) -> None:
    cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict".encode()
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", b"/"), (b"set-cookie", cookie),
                            (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
