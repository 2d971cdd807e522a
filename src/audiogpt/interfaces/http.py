"""The HTTP API (FastAPI), with the web UI mounted at ``/`` and MCP at ``/mcp``.

Contract (DESIGN.md, "HTTP contract")::

    GET  /api/health                      {"status": "ok"}
    GET  /api/tools                       as `tools --json`
    POST /api/tools/{name}                multipart: files named by argument + "args" (JSON)
    POST /api/sessions                    {} -> {"id"}
    POST /api/sessions/{id}/messages      multipart: "text" and/or files -> one chat turn
    GET  /api/sessions/{id}               history
    GET  /api/artifacts/{id}              the file (store artifacts only)
    /api/voices                           enrolled voices (see :mod:`http_voices`)

Errors are ``{"error": {"type", "message"}}`` with a 4xx/5xx status. Tool runs and chat turns
run in the service's worker pool so the event loop stays responsive.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import shutil
import tempfile
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile

from audiogpt.core.access import FileAccess
from audiogpt.core.errors import AudioGPTError, ToolInputError
from audiogpt.interfaces.guard import BodyTooLarge, Guard, is_loopback
from audiogpt.interfaces.http_errors import (
    ERROR_RESPONSES,
    NoTraceback,
    UIParams,
    install_api_fallback,
    install_error_handlers,
    multipart_body,
)
from audiogpt.interfaces.jobs import mount_jobs
from audiogpt.interfaces.service import Service
from audiogpt.interfaces.uploads import kind_for_extension, save_upload, validate_file

if TYPE_CHECKING:
    from audiogpt.app import App

logger = logging.getLogger(__name__)

# Served inline with their own type; anything else is a download of application/octet-stream.
_SAFE_TYPES = {
    ".wav": "audio/wav", ".flac": "audio/flac", ".ogg": "audio/ogg", ".oga": "audio/ogg",
    ".opus": "audio/ogg", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".webm": "audio/webm",
    ".aiff": "audio/aiff", ".aif": "audio/aiff", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".mp4": "video/mp4",
    ".mid": "audio/midi", ".midi": "audio/midi", ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}


async def _form(request: Request) -> Any:
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise ToolInputError("send multipart/form-data (files named by argument, \"args\" JSON)")
    try:
        return await request.form(max_files=32, max_fields=64)
    except (AudioGPTError, BodyTooLarge):
        raise
    except Exception as exc:
        logger.warning("malformed form data: %s", exc)
        raise ToolInputError("malformed form data (send multipart/form-data)") from None


def _parse_args(raw: Any) -> dict[str, Any]:
    if raw in (None, ""):
        return {}
    if isinstance(raw, UploadFile):
        raise ToolInputError('"args" must be a JSON object string, not a file')
    try:
        args = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ToolInputError(f'"args" is not valid JSON: {exc.msg}') from None
    if not isinstance(args, dict):
        raise ToolInputError('"args" must be a JSON object')
    return args


def build_api(service: Service) -> FastAPI:
    """The FastAPI app with the ``/api`` routes only (no UI, no MCP)."""
    settings = service.app.settings
    limit = int(settings.max_upload_mb * 2**20)
    api = FastAPI(title="audiogpt", docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/openapi.json")
    install_error_handlers(api)
    remote = FileAccess.remote(caller="http")

    @api.get("/api/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @api.get("/api/tools")
    async def tools() -> list[dict[str, Any]]:
        return await service.call(service.tools)

    tool_body = multipart_body({
        "args": {"type": "string", "description": "The arguments as a JSON object; file "
                 "arguments name artifact ids (or are sent as file parts)"},
        "session": {"type": "string", "description": "Session the outputs join (default api)"},
    })
    tool_body["requestBody"]["content"]["multipart/form-data"]["schema"][
        "additionalProperties"]["description"] = "A file part named by its file argument"

    @api.post("/api/tools/{name}", responses=ERROR_RESPONSES, openapi_extra=tool_body)
    async def run_tool(name: str, request: Request) -> dict[str, Any]:
        """Run a tool on uploaded files and/or artifact ids (as ``run --json``)."""
        tool = service.tool(name)
        form = await _form(request)
        args = _parse_args(form.get("args"))
        session = str(form.get("session") or "api")
        # Over HTTP, files come as uploads or as ids of store artifacts, never server paths:
        # the runner reads nothing but the store and this request's upload folder.
        file_args = {**tool.file_args(), **tool.file_or_label_args()}
        folder = Path(tempfile.mkdtemp(prefix="audiogpt-upload-"))
        try:
            index = 0
            for key, value in form.multi_items():
                if not isinstance(value, UploadFile):
                    if key not in ("args", "session"):
                        raise ToolInputError(f"{tool.name}: unexpected form field {key!r}")
                    continue
                if key not in file_args:
                    raise ToolInputError(f"{tool.name}: {key!r} is not a file argument "
                                         f"(file arguments: {', '.join(file_args) or 'none'})")
                index += 1
                path = await save_upload(value, folder, index, limit)
                await service.call(validate_file, path, file_args[key], f"{tool.name}: --{key}")
                args[key] = str(path)
            return await service.run_tool_watched(request.is_disconnected, tool.name, args,
                                                  session, access=remote.with_folder(folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @api.get("/api/sessions")
    async def list_sessions() -> list[dict[str, Any]]:
        return await service.call(service.sessions)

    @api.post("/api/sessions")
    async def new_session() -> dict[str, str]:
        return {"id": await service.call(service.new_session)}

    @api.get("/api/sessions/{session}", responses=ERROR_RESPONSES)
    async def history(session: str) -> dict[str, Any]:
        return await service.call(service.history, session)

    @api.get("/api/sessions/{session}/export", responses=ERROR_RESPONSES)
    async def export(session: str) -> FileResponse:
        path = await service.call(service.export, session)
        return FileResponse(path, media_type="application/zip", filename=f"{session}.zip",
                            background=BackgroundTask(path.unlink, missing_ok=True))

    @api.post("/api/sessions/{session}/messages", responses=ERROR_RESPONSES,
              openapi_extra=multipart_body({
                  "text": {"type": "string", "description": "The user's words"}}))
    async def message(session: str, request: Request) -> dict[str, Any]:
        """One chat turn: "text" and/or attached files (as a ``chat --script`` line)."""
        service.check_session(session)
        form = await _form(request)
        text = form.get("text")
        text = "" if text is None or isinstance(text, UploadFile) else str(text).strip()
        folder = Path(tempfile.mkdtemp(prefix="audiogpt-upload-"))
        try:
            attachments: list[str] = []
            for _key, value in form.multi_items():
                if not isinstance(value, UploadFile):
                    continue
                path = await save_upload(value, folder, len(attachments) + 1, limit)
                await service.call(validate_file, path, kind_for_extension(path),
                                   value.filename or path.name)
                attachments.append(str(path))  # the turn imports it (only a completed turn's
                # attachments become referable)
            if not text and not attachments:
                raise ToolInputError('send "text" and/or files')
            return await service.call(service.turn, session, text, attachments,
                                      access=remote.with_folder(folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @api.get("/api/artifacts/{art_id}", responses=ERROR_RESPONSES)
    async def artifact(art_id: str) -> FileResponse:
        path = await service.call(service.safe_path, art_id)
        media = _SAFE_TYPES.get(path.suffix.lower())
        headers = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"}
        if media is None:
            return FileResponse(path, media_type="application/octet-stream", filename=path.name,
                                headers=headers)
        return FileResponse(path, media_type=media, headers=headers,
                            content_disposition_type="inline", filename=path.name)

    mount_jobs(api, service)
    from audiogpt.interfaces.http_voices import install

    install(api, service, limit, _form)
    install_api_fallback(api)  # last: unknown /api routes and methods answer 404/405
    return api


def create_app(app: App | None = None, *, ui: bool = True, mcp: bool = True,
               host: str = "127.0.0.1", token: str | None = None,
               workers: int | None = None, warm: bool = False) -> FastAPI:
    """The server: HTTP API + web UI at ``/`` + MCP (streamable HTTP) at ``/mcp``.

    Args:
        app: The application (built from the settings when omitted).
        ui: Mount the Gradio web UI at ``/``.
        mcp: Mount the MCP server at ``/mcp``.
        host: The address the server binds to; a loopback address also turns on the
            Host-header check against DNS rebinding.
        token: Bearer token required on every request but ``/api/health``
            (default: ``settings.api_token``, i.e. ``AUDIOGPT_API_TOKEN``).
        workers: Size of the worker pool.
        warm: Load the dialogue engine in the background at start-up (``serve`` does).

    Returns:
        The FastAPI application (serve it with uvicorn).
    """
    service = Service(app, workers=workers)
    api = build_api(service)
    api.state.service = service
    mcp_manager = None
    if mcp:
        from audiogpt.interfaces.mcp import mount_streamable_http

        mcp_manager = mount_streamable_http(api, service, host=host)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        if warm:
            service.executor.submit(service.warm)
        try:
            if mcp_manager is not None:
                async with mcp_manager.run():
                    yield
            else:
                yield
        finally:
            service.close()

    api.router.lifespan_context = lifespan
    if ui:
        from audiogpt.interfaces.web import mount_ui

        mount_ui(api, service)
    if ui:
        api.add_middleware(UIParams)
    api.add_middleware(NoTraceback)
    secret = service.app.settings.api_token if token is None else token
    api.add_middleware(Guard, token=secret or "", limit_bytes=int(
        service.app.settings.max_upload_mb * 2**20) + 2**20,
        loopback_only_hosts=is_loopback(host))
    return api


def guess_type(path: Path) -> str:
    """MIME type of a file (for the UI's links)."""
    return _SAFE_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or \
        "application/octet-stream"
