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
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from audiogpt.core.errors import (
    AudioGPTError,
    BackendError,
    BackendUnavailable,
    ToolInputError,
    UnsupportedRequest,
)
from audiogpt.interfaces.guard import BodyTooLarge, Guard, is_loopback
from audiogpt.interfaces.service import NotFound, Service
from audiogpt.interfaces.uploads import (
    UploadTooLarge,
    kind_for_extension,
    save_upload,
    validate_file,
)

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


def error_response(status: int, kind: str, message: str) -> JSONResponse:
    """The contract's error envelope."""
    return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status)


def status_for(exc: AudioGPTError) -> int:
    """HTTP status of an audiogpt error."""
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, UploadTooLarge):
        return 413
    if isinstance(exc, (ToolInputError, UnsupportedRequest)):
        return 400
    if isinstance(exc, BackendUnavailable):
        return 503
    if isinstance(exc, BackendError):
        return 500
    return 500


def _install_error_handlers(api: FastAPI) -> None:
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
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled server error")
        return error_response(500, "server_error", f"{type(exc).__name__}: {exc}")


async def _form(request: Request) -> Any:
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise ToolInputError("send multipart/form-data (files named by argument, \"args\" JSON)")
    try:
        return await request.form(max_files=32, max_fields=64)
    except (AudioGPTError, BodyTooLarge):
        raise
    except Exception as exc:
        raise ToolInputError(f"malformed form data: {exc}") from None


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
    _install_error_handlers(api)

    @api.get("/api/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @api.get("/api/tools")
    async def tools() -> list[dict[str, Any]]:
        return await service.call(service.tools)

    @api.post("/api/tools/{name}")
    async def run_tool(name: str, request: Request) -> dict[str, Any]:
        tool = service.tool(name)
        form = await _form(request)
        args = _parse_args(form.get("args"))
        session = str(form.get("session") or "api")
        file_args = tool.file_args()
        for key, value in args.items():
            # Over HTTP, files come as uploads or as ids of store artifacts, never server paths.
            if (key in file_args and value not in (None, "") and not _is_artifact(service, value)
                    and not _is_voice(service, tool, key, value)):
                raise ToolInputError(f"{tool.name}: --{key} must be an uploaded file or an "
                                     f"artifact id, not {str(value)[:60]!r}")
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
            return await service.call(service.run_tool, tool.name, args, session)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @api.get("/api/sessions")
    async def list_sessions() -> list[dict[str, Any]]:
        return await service.call(service.sessions)

    @api.post("/api/sessions")
    async def new_session() -> dict[str, str]:
        return {"id": await service.call(service.new_session)}

    @api.get("/api/sessions/{session}")
    async def history(session: str) -> dict[str, Any]:
        return await service.call(service.history, session)

    @api.get("/api/sessions/{session}/export")
    async def export(session: str) -> FileResponse:
        path = await service.call(service.export, session)
        return FileResponse(path, media_type="application/zip", filename=f"{session}.zip",
                            background=BackgroundTask(path.unlink, missing_ok=True))

    @api.post("/api/sessions/{session}/messages")
    async def message(session: str, request: Request) -> dict[str, Any]:
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
                art = await service.call(service.app.store.import_file, path, session)
                attachments.append(str(art.path))
            if not text and not attachments:
                raise ToolInputError('send "text" and/or files')
            return await service.call(service.turn, session, text, attachments)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @api.get("/api/artifacts/{art_id}")
    async def artifact(art_id: str) -> FileResponse:
        path = await service.call(service.safe_path, art_id)
        media = _SAFE_TYPES.get(path.suffix.lower())
        headers = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"}
        if media is None:
            return FileResponse(path, media_type="application/octet-stream", filename=path.name,
                                headers=headers)
        return FileResponse(path, media_type=media, headers=headers,
                            content_disposition_type="inline", filename=path.name)

    from audiogpt.interfaces.http_voices import install

    install(api, service, limit, _form)
    return api


def _is_voice(service: Service, tool: Any, key: str, value: Any) -> bool:
    """Whether ``value`` names an enrolled voice for a voice argument (voice_clone reference)."""
    if key not in getattr(tool, "voice_args", ()) or not isinstance(value, str):
        return False
    from audiogpt.backends.speech.voice.profiles import resolve_name

    return resolve_name(service.app.settings.home, value) is not None


def _is_artifact(service: Service, value: Any) -> bool:
    try:
        service.artifact(str(value))
    except NotFound:
        return False
    return True


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
    secret = service.app.settings.api_token if token is None else token
    api.add_middleware(Guard, token=secret or "", limit_bytes=int(
        service.app.settings.max_upload_mb * 2**20) + 2**20,
        loopback_only_hosts=is_loopback(host))
    return api


def guess_type(path: Path) -> str:
    """MIME type of a file (for the UI's links)."""
    return _SAFE_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or \
        "application/octet-stream"
