"""The tools over the Model Context Protocol (official ``mcp`` SDK, v2 low-level server).

Every registry tool is exposed with its own JSON schema (the same one ``tools --json``
shows). A call runs through the same runner as the CLI, so outputs land in the artifact
store with provenance; the result carries the ``run --json`` form as structured content,
a text summary, and the audio/image outputs inline (base64) when they are small.

Transports: ``audiogpt mcp`` (stdio) and ``/mcp`` (streamable HTTP) in the FastAPI server.
File arguments: over stdio, local paths or artifact ids (the local user's
``FileAccess.local``); over HTTP, artifact ids, files already in the store, or ``data:`` URIs
(base64) — never other server paths (``FileAccess.remote``; the runner enforces it, and a
refused path gets the same answer whether it exists or not).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt import __version__
from audiogpt.core.access import FileAccess
from audiogpt.core.errors import AudioGPTError, ToolInputError
from audiogpt.interfaces.http_errors import redact_paths

if TYPE_CHECKING:
    from fastapi import FastAPI

    from audiogpt.interfaces.service import Service

logger = logging.getLogger(__name__)

INLINE_MAX_BYTES = 4 * 2**20
_DATA_URI = re.compile(r"^data:(?P<mime>[\w.+-]+/[\w.+-]+)?(;[\w=.-]+)*;base64,(?P<data>.*)$",
                       re.DOTALL)
_MIME_EXT = {"audio/wav": ".wav", "audio/x-wav": ".wav", "audio/wave": ".wav",
             "audio/flac": ".flac", "audio/ogg": ".ogg", "audio/mpeg": ".mp3",
             "audio/mp3": ".mp3", "audio/webm": ".webm", "audio/mp4": ".m4a",
             "image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp",
             "application/octet-stream": ".bin"}
_INLINE_MIME = {".wav": "audio/wav", ".flac": "audio/flac", ".ogg": "audio/ogg",
                ".mp3": "audio/mpeg", ".png": "image/png", ".jpg": "image/jpeg",
                ".jpeg": "image/jpeg"}


def build_server(service: Service, *, allow_paths: bool) -> Any:
    """The low-level MCP ``Server`` exposing every registry tool.

    Args:
        service: Shared server state.
        allow_paths: Accept local file paths in file arguments (stdio only).
    """
    import anyio
    import mcp_types as types
    from mcp.server import Server

    registry = service.app.registry
    access = (FileAccess.local(caller="mcp-stdio") if allow_paths
              else FileAccess.remote(caller="mcp-http"))

    def schema_of(name: str) -> dict[str, Any] | None:
        tool = registry.tools.get(name)
        return tool.input_schema() if tool else None

    async def list_tools(_ctx: Any, _params: Any) -> Any:
        listing = await anyio.to_thread.run_sync(service.tools)
        tools = []
        for entry in listing:
            avail = [b["name"] for b in entry["backends"] if b["available"]]
            desc = entry["description"] + (
                f" (backends available: {', '.join(avail)})" if avail
                else " (no backend available on this machine)")
            tools.append(types.Tool(name=entry["name"], description=desc,
                                    input_schema=entry["inputs"]))
        return types.ListToolsResult(tools=tools)

    async def call_tool(_ctx: Any, params: Any) -> Any:
        name = params.name
        folder = Path(tempfile.mkdtemp(prefix="audiogpt-mcp-"))
        try:
            tool = service.tool(name)
            args = prepare_args(service, tool, dict(params.arguments or {}), folder)
            record = await service.call(service.run_tool, tool.name, args, "mcp",
                                        access=access.with_folder(folder))
        except AudioGPTError as exc:
            message = exc.message if allow_paths else redact_paths(exc.message)
            return types.CallToolResult(
                content=[types.TextContent(text=f"error ({exc.kind}): {message}")],
                is_error=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return types.CallToolResult(content=result_content(record), structured_content=record)

    return Server("audiogpt", version=__version__,
                  instructions="Audio tools: speech, music, sound, talking-head video. File "
                               "arguments take artifact ids from earlier results.",
                  get_tool_input_schema=schema_of,
                  on_list_tools=list_tools, on_call_tool=call_tool)


def prepare_args(service: Service, tool: Any, args: dict[str, Any], folder: Path
                 ) -> dict[str, Any]:
    """Decode ``data:`` URIs of file arguments into ``folder``; other values (artifact ids,
    paths) go to the runner, which applies the caller's file access policy.

    Raises:
        ToolInputError: A malformed or oversized ``data:`` URI.
    """
    limit = int(service.app.settings.max_upload_mb * 2**20)
    for key in {**tool.file_args(), **tool.file_or_label_args()}:
        value = args.get(key)
        if isinstance(value, str) and value.startswith("data:"):
            args[key] = str(_decode_data_uri(value, folder / f"{key}", limit))
    return args


def _decode_data_uri(uri: str, stem: Path, limit: int) -> Path:
    m = _DATA_URI.match(uri)
    if not m:
        raise ToolInputError("malformed data: URI (expected data:MIME;base64,...)")
    if len(m.group("data")) * 3 // 4 > limit:
        raise ToolInputError("data: URI is over the upload limit (AUDIOGPT_MAX_UPLOAD_MB)")
    try:
        raw = base64.b64decode(m.group("data"), validate=False)
    except (binascii.Error, ValueError):
        raise ToolInputError("data: URI is not valid base64") from None
    dest = stem.with_suffix(_MIME_EXT.get((m.group("mime") or "").lower(), ".bin"))
    dest.write_bytes(raw)
    return dest


def result_content(record: dict[str, Any]) -> list[Any]:
    """MCP content blocks for a ``run --json`` record."""
    import mcp_types as types

    blocks: list[Any] = []
    summary = record.get("text") or f"{record['tool']} ran with backend {record['backend']}"
    blocks.append(types.TextContent(text=summary))
    blocks.append(types.TextContent(text=json.dumps(record, ensure_ascii=False, default=str)))
    for art in record.get("artifacts", []):
        path = Path(art["path"])
        mime = _INLINE_MIME.get(path.suffix.lower())
        if not mime or not path.is_file() or path.stat().st_size > INLINE_MAX_BYTES:
            continue
        data = base64.b64encode(path.read_bytes()).decode()
        if mime.startswith("audio/"):
            blocks.append(types.AudioContent(data=data, mime_type=mime))
        else:
            blocks.append(types.ImageContent(data=data, mime_type=mime))
    return blocks


def mount_streamable_http(api: FastAPI, service: Service, host: str = "127.0.0.1") -> Any:
    """Add ``/mcp`` (streamable HTTP) to ``api``; return the session manager to run.

    The caller must enter ``manager.run()`` in the application's lifespan.
    """
    from mcp.server.streamable_http_manager import (
        StreamableHTTPASGIApp,
        StreamableHTTPSessionManager,
    )
    from mcp.server.transport_security import TransportSecuritySettings
    from starlette.routing import Route

    from audiogpt.interfaces.guard import is_loopback

    server = build_server(service, allow_paths=False)
    security = None
    if is_loopback(host):
        security = TransportSecuritySettings(
            enable_dns_rebinding_protection=True,
            allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.1", "localhost"],
            allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"],
        )
    manager = StreamableHTTPSessionManager(
        app=server, json_response=False, stateless=False, security_settings=security,
        max_request_body_size=int(service.app.settings.max_upload_mb * 2**20 * 4 // 3) + 2**20)
    api.router.routes.append(Route("/mcp", endpoint=StreamableHTTPASGIApp(manager),
                                   methods=["GET", "POST", "DELETE"]))
    return manager


def run_stdio(service: Service | None = None) -> None:
    """Serve the tools over stdio until the client disconnects (``audiogpt mcp``)."""
    import anyio
    from mcp.server.stdio import stdio_server

    from audiogpt.interfaces.service import Service

    svc = service or Service()
    server = build_server(svc, allow_paths=True)

    async def main() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    try:
        anyio.run(main)
    finally:
        svc.close()
