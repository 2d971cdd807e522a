"""Errors over HTTP: the ``{"error": {"type", "message"}}`` envelope, exception handlers,
the 404/405 answers of unknown ``/api`` routes, the OpenAPI description of errors and
multipart bodies, and a last line of defence that never lets a traceback reach a client.

Messages shown to clients carry no internal paths (see :func:`redact_paths`); the full
error, with its traceback, goes to the server log at WARNING.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from audiogpt.core.errors import (
    AudioGPTError,
    BackendError,
    BackendUnavailable,
    ToolInputError,
    UnsupportedRequest,
)
from audiogpt.interfaces.guard import BodyTooLarge

if TYPE_CHECKING:
    from fastapi import FastAPI

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                   Awaitable[None]]

#: An absolute POSIX path (two or more components) or a Windows drive path.
_ABS_PATH = re.compile(r"(?<![\w.:/~-])(?:/[^\s'\"/,;:()<>|]+){2,}/?|[A-Za-z]:\\[^\s'\",;()<>|]+")

ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["type", "message"], "properties": {
        "type": {"type": "string", "examples": ["bad_input"]},
        "message": {"type": "string", "examples": ["audio_edit: missing required argument "
                                                   "--operation"]}}}},
}
_ERROR_CONTENT = {"application/json": {"schema": ERROR_SCHEMA}}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad input (one line saying what is wrong)", "content": _ERROR_CONTENT},
    404: {"description": "Unknown tool, session or artifact", "content": _ERROR_CONTENT},
    413: {"description": "Upload over AUDIOGPT_MAX_UPLOAD_MB", "content": _ERROR_CONTENT},
    422: {"description": "Malformed request", "content": _ERROR_CONTENT},
    503: {"description": "No backend of the tool is installed", "content": _ERROR_CONTENT},
}


def multipart_body(fields: dict[str, dict[str, Any]], required: list[str] | None = None
                   ) -> dict[str, Any]:
    """An ``openapi_extra`` describing a multipart/form-data request body."""
    schema: dict[str, Any] = {"type": "object", "properties": fields,
                              "additionalProperties": {"type": "string", "format": "binary"}}
    if required:
        schema["required"] = required
    return {"requestBody": {"required": True,
                            "content": {"multipart/form-data": {"schema": schema}}}}


def redact_paths(message: str) -> str:
    """Replace absolute paths in a client-facing message by their last component."""
    def short(m: re.Match[str]) -> str:
        parts = re.split(r"[/\\]", m.group(0).rstrip("/\\"))
        return parts[-1] or "file"

    return _ABS_PATH.sub(short, message)


def error_response(status: int, kind: str, message: str) -> JSONResponse:
    """The contract's error envelope (internal paths removed from the message)."""
    return JSONResponse({"error": {"type": kind, "message": redact_paths(message)}},
                        status_code=status)


def status_for(exc: AudioGPTError) -> int:
    """HTTP status of an audiogpt error."""
    from audiogpt.interfaces.service import NotFound
    from audiogpt.interfaces.uploads import UploadTooLarge

    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, UploadTooLarge) or exc.kind == "too_large":
        return 413
    if isinstance(exc, (ToolInputError, UnsupportedRequest)):
        return 400
    if isinstance(exc, BackendUnavailable):
        return 503
    if isinstance(exc, BackendError):
        return 500
    return 500


def install_error_handlers(api: FastAPI) -> None:
    """Answer every error of the API in the contract's envelope."""

    @api.exception_handler(AudioGPTError)
    async def _audiogpt_error(_: Request, exc: AudioGPTError) -> JSONResponse:
        return error_response(status_for(exc), exc.kind, exc.message)

    @api.exception_handler(BodyTooLarge)
    async def _too_large(_: Request, exc: BodyTooLarge) -> JSONResponse:
        return error_response(413, "too_large", "request body is over the upload limit "
                              "(AUDIOGPT_MAX_UPLOAD_MB)")

    @api.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            exc.status_code, "bad_request" if exc.status_code < 500 else "server_error")
        return error_response(exc.status_code, kind, str(exc.detail))

    @api.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        loc = ".".join(str(x) for x in first.get("loc", ()))
        return error_response(422, "bad_input", f"{loc}: {first.get('msg', 'invalid request')}")

    @api.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.warning("unhandled error in %s %s", request.method, request.url.path,
                       exc_info=exc)
        return error_response(500, "server_error", "internal server error (see the server log)")


def install_api_fallback(api: FastAPI) -> None:
    """Unknown ``/api`` paths answer 404 and known paths with another method 405, in the
    contract's envelope (instead of falling through to the web UI). Call after the routes."""
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    @api.api_route("/api/{rest:path}", methods=methods, include_in_schema=False)
    async def _fallback(request: Request, rest: str) -> JSONResponse:
        allowed: set[str] = set()
        for route in api.router.routes:
            if getattr(route, "endpoint", None) is _fallback or not hasattr(route, "matches"):
                continue
            match, _ = route.matches(request.scope)
            if match == Match.PARTIAL:
                allowed |= set(getattr(route, "methods", ()) or ())
        if allowed:
            resp = error_response(405, "method_not_allowed",
                                  f"{request.method} is not allowed on api/{rest[:80]}; "
                                  f"use {', '.join(sorted(allowed))}")
            resp.headers["Allow"] = ", ".join(sorted(allowed))
            return resp
        return error_response(404, "not_found", f"no such API route: api/{rest[:80]}")


class NoTraceback:
    """ASGI middleware: a server error (raised, or a 500 page some mounted app wrote with a
    traceback in it) reaches the client as the JSON envelope; the details go to the log."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = {"started": False, "swallow": False}

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                ctype = headers.get(b"content-type", b"").decode("latin-1")
                if message["status"] >= 500 and not ctype.startswith("application/json"):
                    state["swallow"] = True
                    return
                state["started"] = True
            elif state["swallow"]:
                if not message.get("more_body"):
                    await _send_500(send)
                    state["started"] = True
                return
            await send(message)

        try:
            await self.app(scope, receive, guarded)
        except BodyTooLarge:
            raise
        except Exception:
            logger.warning("server error in %s %s", scope.get("method"), scope.get("path"),
                           exc_info=True)
            if not state["started"]:
                await _send_500(send)


async def _send_500(send: Any) -> None:
    await _send_json(send, 500, "server_error", "internal server error (see the server log)")


_DEEP_LINK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class UIParams:
    """ASGI middleware in front of the Gradio UI: its ``page`` query names one of the UI's
    pages (ours has only the main one: anything else is a 404, not Gradio's KeyError), and
    its ``deep_link`` query is a plain id (Gradio joins it into a file path)."""

    def __init__(self, app: ASGIApp, pages: tuple[str, ...] = ("",)) -> None:
        self.app = app
        self.pages = pages

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            from urllib.parse import parse_qs

            query = parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            links = query.get("deep_link", [])
            if any(link and not _DEEP_LINK.match(link) for link in links):
                await _send_json(send, 400, "bad_input", "deep_link must be a plain id")
                return
            if scope.get("path") == "/" and any(p not in self.pages for p in query.get("page", [])):
                await _send_json(send, 404, "not_found", "no such page")
                return
        await self.app(scope, receive, send)


async def _send_json(send: Any, status: int, kind: str, message: str) -> None:
    body = json.dumps({"error": {"type": kind, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
