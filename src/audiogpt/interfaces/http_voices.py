"""HTTP routes of enrolled voices (uploads only; consent field required).

::

    GET    /api/voices            [summary, ...]
    POST   /api/voices            multipart: "name", "consent" (true), files "from" -> as `voices add --json`
    GET    /api/voices/{name}     summary
    DELETE /api/voices/{name}     {"removed": name}
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Request
from starlette.datastructures import UploadFile

from audiogpt.core.errors import ToolInputError
from audiogpt.interfaces.uploads import save_upload, validate_file

if TYPE_CHECKING:
    from fastapi import FastAPI

    from audiogpt.interfaces.service import Service

TRUE = {"1", "true", "yes", "on"}


def install(api: FastAPI, service: Service, limit: int, form_reader: Any) -> None:
    """Add the voice routes to ``api``."""
    from audiogpt.backends.speech.voice import profiles

    home = service.app.settings.home

    @api.get("/api/voices")
    async def list_voices() -> list[dict[str, Any]]:
        return [profiles.load(home, n).summary() for n in profiles.names(home)]

    def _known(name: str) -> str:
        from audiogpt.interfaces.service import NotFound

        norm = profiles.check_name(name)
        if norm not in profiles.names(home):
            raise NotFound(f"no enrolled voice named {norm!r}")
        return norm

    @api.get("/api/voices/{name}")
    async def show_voice(name: str) -> dict[str, Any]:
        return profiles.load(home, _known(name)).summary()

    @api.delete("/api/voices/{name}")
    async def remove_voice(name: str) -> dict[str, str]:
        profiles.remove(home, _known(name))
        return {"removed": profiles.check_name(name)}

    @api.post("/api/voices")
    async def add_voice(request: Request) -> dict[str, Any]:
        from audiogpt.agent.voices import add_voice as enroll

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
            return await service.call(enroll, service.app.registry, service.app.settings, name,
                                      files, consent=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
