"""Long jobs over HTTP: ``POST /api/jobs``, ``GET /api/jobs[/{id}]``, ``DELETE /api/jobs/{id}``.

A job is a tool run (``{"tool", "args"}``) or a chat turn (``{"session", "text"}``), sent as
JSON (files named by artifact id) or multipart (files uploaded under their argument name,
``"args"`` JSON; for a turn, ``"text"`` and any files). Uploads are imported into the store
before the job is queued, so the job does not depend on the request. The job runs in a worker
process (:mod:`audiogpt.interfaces.job_runner`); ``GET`` shows its state, progress and result.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, FastAPI, Request
from starlette.datastructures import UploadFile

from audiogpt.core.errors import ToolInputError
from audiogpt.interfaces.job_runner import JobManager
from audiogpt.interfaces.service import NotFound
from audiogpt.interfaces.uploads import kind_for_extension, save_upload, validate_file

if TYPE_CHECKING:
    from audiogpt.interfaces.service import Service


def mount_jobs(api: FastAPI, service: Service, slots: int = 1) -> JobManager:
    """Add the job endpoints to ``api``.

    The job manager starts now when jobs are waiting (queued, or interrupted by a restart),
    otherwise with the first job; it stops (killing running job processes, which are queued
    again on the next start) when the process exits.
    """
    import atexit

    settings = service.app.settings
    manager = JobManager(settings.db_path, service.app.store.root, slots)
    api.include_router(jobs_router(service, manager))
    api.state.jobs = manager
    service.jobs = manager
    if manager.store.pending():
        manager.start()
    atexit.register(manager.stop)
    return manager


async def _request_body(request: Request) -> tuple[dict[str, Any], Any]:
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            raise ToolInputError("the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise ToolInputError('send a JSON object: {"tool", "args"} or {"session", "text"}')
        return body, None
    if ctype.startswith("multipart/form-data"):
        try:
            form = await request.form(max_files=32, max_fields=64)
        except Exception as exc:
            raise ToolInputError(f"malformed form data: {exc}") from None
        body = {k: v for k, v in form.multi_items() if not isinstance(v, UploadFile)}
        if isinstance(body.get("args"), str):
            try:
                body["args"] = json.loads(body["args"] or "{}")
            except ValueError:
                raise ToolInputError('"args" must be a JSON object') from None
        return body, form
    raise ToolInputError("send application/json or multipart/form-data")


def jobs_router(service: Service, manager: JobManager) -> APIRouter:
    """The job endpoints."""
    router = APIRouter()
    limit = int(service.app.settings.max_upload_mb * 2**20)

    async def _uploads(form: Any, session: str, allowed: dict[str, str] | None
                       ) -> dict[str, list[str]]:
        """Save, check and import uploaded files; {field: [artifact ids]}."""
        out: dict[str, list[str]] = {}
        if form is None:
            return out
        folder = Path(tempfile.mkdtemp(prefix="audiogpt-upload-"))
        try:
            for key, value in form.multi_items():
                if not isinstance(value, UploadFile):
                    continue
                if allowed is not None and key not in allowed:
                    raise ToolInputError(f"{key!r} is not a file argument (file arguments: "
                                         f"{', '.join(allowed) or 'none'})")
                path = await save_upload(value, folder, sum(map(len, out.values())) + 1, limit)
                kind = allowed[key] if allowed is not None else kind_for_extension(path)
                await service.call(validate_file, path, kind, value.filename or path.name)
                art = await service.call(service.app.store.import_file, path, session)
                out.setdefault(key, []).append(art.id)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return out

    @router.post("/api/jobs")
    async def create_job(request: Request) -> dict[str, str]:
        body, form = await _request_body(request)
        if body.get("tool"):
            tool = service.tool(str(body["tool"]))
            args = body.get("args") or {}
            if not isinstance(args, dict):
                raise ToolInputError('"args" must be a JSON object')
            session = str(body.get("session") or "api")
            files = tool.file_args()
            for key, value in args.items():
                if key in files and value not in (None, "") and not _known(service, value):
                    raise ToolInputError(f"{tool.name}: --{key} must be an uploaded file or an "
                                         f"artifact id, not {str(value)[:60]!r}")
            for key, ids in (await _uploads(form, session, files)).items():
                args[key] = ids[0]
            await service.call(tool.validate, args)
            await service.call(service.app.store.db.ensure_session, session)
            request_ = {"tool": tool.name, "args": args, "session": session}
            manager.start()
            return {"id": await service.call(manager.store.create, "tool", request_)}
        if body.get("session"):
            session = service.check_session(str(body["session"]))
            text = str(body.get("text") or "").strip()
            atts = [str(a) for a in body.get("attachments") or [] if _known(service, a)]
            for ids in (await _uploads(form, session, None)).values():
                atts.extend(ids)
            if not text and not atts:
                raise ToolInputError('send "text" and/or files')
            request_ = {"session": session, "text": text, "attachments": atts}
            manager.start()
            return {"id": await service.call(manager.store.create, "turn", request_)}
        raise ToolInputError('a job needs "tool" (with "args") or "session" (with "text")')

    @router.get("/api/jobs")
    async def list_jobs() -> list[dict[str, Any]]:
        return await service.call(manager.store.list)

    @router.get("/api/jobs/{job_id}")
    async def get_job(job_id: str) -> dict[str, Any]:
        job = await service.call(manager.store.get, job_id)
        if job is None:
            raise NotFound(f"unknown job {job_id!r}")
        return job

    @router.delete("/api/jobs/{job_id}")
    async def cancel_job(job_id: str) -> dict[str, Any]:
        if await service.call(manager.store.get, job_id) is None:
            raise NotFound(f"unknown job {job_id!r}")
        await service.call(manager.cancel, job_id)
        return await service.call(manager.store.get, job_id)

    return router


def _known(service: Service, value: Any) -> bool:
    try:
        service.artifact(str(value))
    except NotFound:
        return False
    return True
