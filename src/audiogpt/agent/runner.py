"""Run one tool: validate arguments, import input files, choose a backend, store outputs.

This is the single path every interface (CLI ``run``, chat, HTTP, MCP) uses to run a tool,
so provenance and error handling are the same everywhere.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.agent.voices import enrolled_voice_args, transcriber
from audiogpt.backends.base import ProgressFn, Request
from audiogpt.core.access import LOCAL, FileAccess, looks_like_path
from audiogpt.core.artifacts import Artifact, ArtifactStore, is_artifact_id
from audiogpt.core.audio import looks_like_text
from audiogpt.core.errors import AudioGPTError, BackendError, ToolInputError

if TYPE_CHECKING:
    from collections.abc import Callable

    from audiogpt.core.config import Settings
    from audiogpt.registry import Registry

logger = logging.getLogger(__name__)


@dataclass
class RunRecord:
    """The result of one tool run, with its stored artifacts."""

    tool: str
    backend: str
    artifacts: list[Artifact] = field(default_factory=list)
    text: str | None = None
    data: dict[str, Any] | None = None
    seconds: float = 0.0
    inputs: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The CLI/HTTP contract form."""
        out: dict[str, Any] = {"tool": self.tool, "backend": self.backend}
        if self.text is not None:
            out["text"] = self.text
        if self.data is not None:
            out["data"] = self.data
        out["artifacts"] = [a.ref() for a in self.artifacts]
        out["seconds"] = round(self.seconds, 3)
        return out


def resolve_file(value: str, store: ArtifactStore, session: str, *,
                 access: FileAccess = LOCAL, arg: str = "file",
                 imported: list[Artifact] | None = None,
                 meta: dict[str, Any] | None = None, kind: str = "any") -> Artifact:
    """Turn a file argument (an artifact id or a path) into a stored artifact.

    Files are copied into the store (never modified); artifact ids and paths of store
    artifacts are looked up. What a caller may name is decided by ``access``: the local user
    any path, a remote client only store artifacts and the server's own upload folders.

    Args:
        value: The argument's value.
        store: The artifact store.
        session: The session new imports join.
        access: The caller's file access policy.
        arg: The argument's name (for messages).
        imported: Receives the artifacts this call created (to remove them on failure).
        meta: Extra provenance for an imported file.
        kind: The argument's file kind; a text file named as ``audio`` is refused before
            anything is copied (``audio=/etc/passwd`` leaves no copy even if killed).

    Raises:
        ToolInputError: Not a file the caller may name, not found, or an unknown id.
    """
    local = access.local_paths
    if is_artifact_id(value) and not (local and Path(value).exists()):
        try:
            art = store.get(value)
        except ToolInputError:
            if local:
                raise
            raise ToolInputError(f"--{arg}: unknown artifact id {value!r}") from None
        if not local and not store.inside(art):
            raise ToolInputError(f"--{arg}: unknown artifact id {value!r}")
        return art
    p = Path(value).expanduser()
    found = store.find(p)
    if found is not None:
        return found  # already in the store (e.g. a path from an earlier run)
    if not access.may_read(p):
        raise access.refusal(arg)  # the same answer whether the path exists or not
    shown = value if local else p.name
    if not p.exists():
        raise ToolInputError(f"{shown}: file not found")
    if p.is_dir():
        raise ToolInputError(f"{shown}: is a directory, not a file")
    if kind == "audio" and looks_like_text(p):
        raise ToolInputError(f"{shown}: not an audio file (it looks like text)")
    art = store.import_file(p, session, meta=meta)
    if imported is not None:
        imported.append(art)
    return art


def resolve_file_or_label(value: str, store: ArtifactStore, session: str, *,
                          access: FileAccess = LOCAL, arg: str = "target",
                          imported: list[Artifact] | None = None) -> Artifact | None:
    """Resolve an argument that is an example file or a text label (``AudioFileOrLabel``).

    Returns:
        The stored artifact when the value names a file the caller may name, None for a label.

    Raises:
        ToolInputError: It reads as a path the caller may not name (the same answer whether
            it exists or not), or (local user) a path that does not exist.
    """
    if is_artifact_id(value) and store.db.artifact_row(value) is not None:
        return resolve_file(value, store, session, access=access, arg=arg, imported=imported)
    if access.local_paths:
        p = Path(value).expanduser()
        if p.is_file():
            return resolve_file(value, store, session, access=access, arg=arg,
                                imported=imported, kind="audio")
        if "/" in value or "\\" in value or looks_like_path(value):
            raise ToolInputError(f"--{arg} file not found: {value}")
        return None
    if looks_like_path(value):
        return resolve_file(value, store, session, access=access, arg=arg, imported=imported,
                            kind="audio")
    return None


def run_tool(
    registry: Registry,
    store: ArtifactStore,
    settings: Settings,
    tool: str,
    raw_args: dict[str, Any],
    *,
    backend: str | None = None,
    session: str = "run",
    out_dir: Path | None = None,
    progress: ProgressFn | None = None,
    access: FileAccess = LOCAL,
    meta: dict[str, Any] | None = None,
) -> RunRecord:
    """Run ``tool`` with ``raw_args`` and store its outputs.

    Args:
        registry: Tools and backends.
        store: Where inputs are imported and outputs written.
        settings: Current settings (limits, backend preferences).
        tool: Tool name.
        raw_args: Argument values; file arguments are paths or artifact ids.
        backend: Backend name to force.
        session: Session the artifacts belong to.
        out_dir: Write outputs there instead of the session folder.
        progress: Progress callback (fraction, message).
        access: Which files the caller may name (the local user by default).
        meta: Extra provenance for the outputs and imported inputs.

    Files imported for this call are removed again when it fails, so a failed call leaves
    no copy of a file the caller named.

    Returns:
        The run record with the stored artifacts.

    Raises:
        ToolInputError, BackendUnavailable, BackendError: As their names say.
    """
    t = registry.tool(tool)
    args = t.validate(raw_args)
    for key, value in args.model_dump().items():
        if isinstance(value, str) and len(value) > settings.max_text_chars:
            raise ToolInputError(
                f"{t.name}: --{key} is {len(value)} characters, over the limit of "
                f"{settings.max_text_chars} (AUDIOGPT_MAX_TEXT_CHARS)"
            )
    chosen = registry.select(t.name, backend, settings, args)
    imported: list[Artifact] = []
    try:
        transcribe = transcriber(registry, settings) if t.voice_args else None
        return _run_resolved(t, args, chosen, store, settings, session, out_dir, progress,
                             access, meta or {}, imported, transcribe)
    except BaseException:
        for art in imported:
            try:
                store.remove(art)
            except OSError as exc:  # pragma: no cover - a read-only store
                logger.warning("could not remove %s after a failed call: %s", art.id, exc)
        raise


def _run_resolved(t: Any, args: Any, chosen: Any, store: ArtifactStore, settings: Settings,
                  session: str, out_dir: Path | None, progress: ProgressFn | None,
                  access: FileAccess, meta: dict[str, Any], imported: list[Artifact],
                  transcribe: Callable[[Path], str] | None = None) -> RunRecord:
    """Import the file arguments, run the backend and store its outputs."""
    files: dict[str, Path] = {}
    input_ids: dict[str, str] = {}
    names: dict[str, str] = {}
    voices = enrolled_voice_args(t, args, settings)
    for name in t.file_args():
        value = getattr(args, name, None)
        if value in (None, "") or name in voices:
            continue
        art = resolve_file(str(value), store, session, access=access, arg=name,
                           imported=imported, meta=meta, kind=t.file_args()[name])
        files[name], input_ids[name] = art.path, art.id
        names[name] = str(value) if access.local_paths else Path(str(value)).name
    for name in t.file_or_label_args():
        value = getattr(args, name, None)
        if value in (None, ""):
            continue
        art = resolve_file_or_label(str(value), store, session, access=access, arg=name,
                                    imported=imported)
        if art is not None:  # the backend sees the file in req.files and its id as the value
            files[name], input_ids[name] = art.path, art.id
            names[name] = str(value) if access.local_paths else Path(str(value)).name
            args = args.model_copy(update={name: art.id})
    from audiogpt.agent.chunked import check_input_limits, chunk_plan, run_chunked

    blocks = chunk_plan(t, files, settings)
    if blocks is None:
        check_input_limits(t, files, settings)
    start = time.perf_counter()
    report = progress or (lambda f, m: None)
    report(0.0, f"loading {chosen.name}")  # also where a cancelled call stops (see service)
    chosen.ensure_loaded()
    report(0.0, f"running {chosen.name}")
    req = Request(args=args, files=files, settings=settings, sample_rate=chosen.sample_rate,
                  progress=report, names=names, voices=voices, transcribe=transcribe)
    try:
        try:
            if blocks is not None:
                result = run_chunked(t, chosen, args, files, blocks, settings, req.progress,
                                     req.workdir)
            else:
                result = chosen.run(req)
        except AudioGPTError:
            raise
        except MemoryError:
            raise BackendError(f"{t.name}/{chosen.name}: out of memory") from None
        except Exception as exc:
            logger.debug("%s/%s failed", t.name, chosen.name, exc_info=True)
            raise BackendError(f"{t.name}/{chosen.name} failed: {type(exc).__name__}: {exc}") from exc
        seconds = time.perf_counter() - start
        arguments = {k: v for k, v in args.model_dump().items() if v is not None}
        arguments.update({k: input_ids[k] for k in input_ids})  # files by artifact id
        provenance = {
            "tool": t.name, "backend": chosen.name, "arguments": arguments,
            "inputs": input_ids, "seconds": round(seconds, 3), **meta,
            **({"voices": voices} if voices else {}),
        }
        stored: list[Artifact] = []
        for out in result.outputs:
            out_meta = {**provenance, **out.meta}
            if out.kind == "audio" and isinstance(out.value, Path):  # written block by block
                art = store.save_path(out.value, "audio", session, out.name, out_meta, out_dir)
            elif out.kind == "audio":
                art = store.save_audio(out.value, session, out.name, out_meta, out_dir,
                                       ext=out.ext)
            elif out.kind == "text":
                art = store.save_text(str(out.value), session, out.name, out_meta, out_dir)
            else:
                art = store.save_path(Path(out.value), out.kind, session, out.name, out_meta,
                                      out_dir)
            stored.append(art)
            imported.append(art)  # removed again if a later output fails
    finally:
        req.cleanup()
    return RunRecord(tool=t.name, backend=chosen.name, artifacts=stored, text=result.text,
                     data=result.data, seconds=time.perf_counter() - start, inputs=input_ids)
