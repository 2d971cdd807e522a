"""HTTP routes of enrolled voices (uploads only; consent field required).

::

    GET    /api/voices            [summary, ...]
    POST   /api/voices            multipart: "name", "consent" (true), files "from" -> as `voices add --json`
    GET    /api/voices/{name}     summary
    DELETE /api/voices/{name}     {"removed": name}
    POST   /api/tools/{name}/stream   text_to_speech / voice_clone read sentence by sentence:
                                  multipart "args" (JSON) + "session" -> application/x-ndjson

The stream's lines: ``{"event": "start", "pieces": n}``, one ``{"event": "sentence",
"index", "of", "text", "ready_s", "sample_rate", "audio": base64 WAV}`` per sentence (the first
may be cut after its first phrase) as soon as it is spoken, then ``{"event": "done", ...as
run --json}`` (the whole text as one stored, watermarked artifact), or ``{"event": "error",
"error": {"type", "message"}}``. Bad input is refused with a 4xx before the stream starts.
"""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import StreamingResponse
from starlette.datastructures import UploadFile

from audiogpt.core.errors import AudioGPTError, ToolInputError, failure_log
from audiogpt.interfaces.http_errors import redact_paths
from audiogpt.interfaces.uploads import save_upload, validate_file

if TYPE_CHECKING:
    from fastapi import FastAPI

    from audiogpt.interfaces.service import Service

TRUE = {"1", "true", "yes", "on"}


def install(api: FastAPI, service: Service, limit: int, form_reader: Any) -> None:
    """Add the voice routes to ``api``."""
    from audiogpt.agent import voices
    from audiogpt.backends.speech.voice import profiles

    settings = service.app.settings
    home = settings.home

    @api.get("/api/voices")
    async def list_voices() -> list[dict[str, Any]]:
        return await service.call(voices.list_voices, settings)

    def _known(name: str) -> str:
        from audiogpt.interfaces.service import NotFound

        norm = profiles.check_name(name)
        if norm not in profiles.names(home):
            raise NotFound(f"no enrolled voice named {norm!r}")
        return norm

    @api.get("/api/voices/{name}")
    async def show_voice(name: str) -> dict[str, Any]:
        return voices.show_voice(settings, _known(name))

    @api.delete("/api/voices/{name}")
    async def remove_voice(name: str) -> dict[str, str]:
        return {"removed": voices.remove_voice(settings, _known(name))}

    @api.post("/api/voices")
    async def add_voice(request: Request) -> dict[str, Any]:
        form = await form_reader(request)
        consent = str(form.get("consent") or "").strip().lower() in TRUE
        if not consent:
            raise ToolInputError('voices add: consent is required: send "consent": "true" to '
                                 "confirm the voice is yours or its owner agreed")
        name = form.get("name")
        if not isinstance(name, str):
            raise ToolInputError('voices add: send the voice "name"')
        folder = Path(tempfile.mkdtemp(prefix="audiogpt-voice-"))
        try:
            files: list[Path] = []
            for key, value in form.multi_items():
                if not isinstance(value, UploadFile):
                    continue
                if key != "from":
                    raise ToolInputError(f"voices add: unexpected file field {key!r} (use 'from')")
                path = await save_upload(value, folder, len(files) + 1, limit)
                await service.call(validate_file, path, "audio", value.filename or path.name)
                files.append(path)
            return await service.call(voices.add_voice, service.app.registry, settings, name,
                                      files, consent=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    install_stream(api, service, form_reader)


def install_stream(api: FastAPI, service: Service, form_reader: Any) -> None:
    """Add ``POST /api/tools/{name}/stream`` (sentence-by-sentence speech) to ``api``."""
    from audiogpt.core.access import FileAccess
    from audiogpt.interfaces.speech_stream import SentenceStream, wav_bytes

    remote = FileAccess.remote(caller="http")

    @api.post("/api/tools/{name}/stream")
    async def stream_tool(name: str, request: Request) -> StreamingResponse:
        tool = service.tool(name)
        form = await form_reader(request)
        for key, value in form.multi_items():
            if isinstance(value, UploadFile) or key not in ("args", "session"):
                raise ToolInputError(f"{tool.name}/stream: send only \"args\" (JSON) and "
                                     "\"session\"; name the reference by an enrolled voice or "
                                     "an artifact id")
        args = _json_object(form.get("args"))
        session = str(form.get("session") or "api")
        stream = await service.call(SentenceStream, service.app, tool.name, args,
                                    session=session, access=remote)
        return StreamingResponse(_lines(service, stream, wav_bytes),
                                 media_type="application/x-ndjson")


async def _lines(service: Service, stream: Any, wav_bytes: Any) -> AsyncIterator[bytes]:
    def line(obj: dict[str, Any]) -> bytes:
        return (json.dumps(obj, ensure_ascii=False) + "\n").encode()

    yield line({"event": "start", "pieces": len(stream.parts)})
    pieces = iter(stream)
    try:
        while True:
            piece = await service.call(next, pieces, None)
            if piece is None:
                break
            yield line({"event": "sentence", "index": piece.index, "of": piece.total,
                        "text": piece.text, "ready_s": round(piece.ready_s, 3),
                        "sample_rate": piece.audio.sample_rate,
                        "audio": base64.b64encode(wav_bytes(piece.audio)).decode()})
        yield line({"event": "done", **stream.record.to_json()})
    except AudioGPTError as exc:
        yield line({"event": "error", "error": {"type": exc.kind,
                                                "message": redact_paths(exc.message)}})
    except Exception:
        failure_log.warning("streamed %s failed", stream.tool.name, exc_info=True)
        yield line({"event": "error", "error": {"type": "internal",
                                                "message": "internal error (see the log)"}})


def _json_object(raw: Any) -> dict[str, Any]:
    if raw in (None, ""):
        raise ToolInputError('send "args" as a JSON object with the "text" to speak')
    try:
        args = json.loads(str(raw))
    except json.JSONDecodeError as exc:
        raise ToolInputError(f'"args" is not valid JSON: {exc.msg}') from None
    if not isinstance(args, dict):
        raise ToolInputError('"args" must be a JSON object')
    return args
