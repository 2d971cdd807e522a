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
from audiogpt.core.artifacts import Artifact, ArtifactStore, is_artifact_id
from audiogpt.core.errors import AudioGPTError, BackendError, ToolInputError

if TYPE_CHECKING:
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


def resolve_file(value: str, store: ArtifactStore, session: str) -> Artifact:
    """Turn a file argument (an artifact id or a user path) into a stored artifact.

    User files are copied into the store (never modified); artifact ids are looked up.

    Raises:
        ToolInputError: Neither an existing file nor a known artifact id.
    """
    if is_artifact_id(value) and not Path(value).exists():
        return store.get(value)
    p = Path(value).expanduser()
    if not p.exists():
        raise ToolInputError(f"{value}: file not found")
    if p.is_dir():
        raise ToolInputError(f"{value}: is a directory, not a file")
    root = store.root
    try:
        resolved = p.resolve()
        if resolved.is_relative_to(root):
            # Already in the store (e.g. a path from an earlier run): reuse its artifact.
            for art in store.list(resolved.parent.name):
                if art.path == resolved:
                    return art
    except (OSError, ValueError):
        pass
    return store.import_file(p, session)


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
    chosen = registry.select(t.name, backend, settings)
    files: dict[str, Path] = {}
    input_ids: dict[str, str] = {}
    voices = enrolled_voice_args(t, args, settings)
    for name in t.file_args():
        value = getattr(args, name, None)
        if value in (None, "") or name in voices:
            continue
        art = resolve_file(str(value), store, session)
        files[name] = art.path
        input_ids[name] = art.id
    start = time.perf_counter()
    chosen.ensure_loaded()
    req = Request(args=args, files=files, settings=settings, sample_rate=chosen.sample_rate,
                  progress=progress or (lambda f, m: None), voices=voices,
                  transcribe=transcriber(registry, settings) if t.voice_args else None)
    try:
        try:
            result = chosen.run(req)
        except AudioGPTError:
            raise
        except MemoryError:
            raise BackendError(f"{t.name}/{chosen.name}: out of memory") from None
        except Exception as exc:
            logger.debug("backend failure", exc_info=True)
            raise BackendError(f"{t.name}/{chosen.name} failed: {type(exc).__name__}: {exc}") from exc
        seconds = time.perf_counter() - start
        provenance = {
            "tool": t.name, "backend": chosen.name,
            "arguments": {k: v for k, v in args.model_dump().items() if v is not None},
            "inputs": input_ids, "seconds": round(seconds, 3),
            **({"voices": voices} if voices else {}),
        }
        stored: list[Artifact] = []
        for out in result.outputs:
            meta = {**provenance, **out.meta}
            if out.kind == "audio":
                stored.append(store.save_audio(out.value, session, out.name, meta, out_dir,
                                                   ext=out.ext))
            elif out.kind == "text":
                stored.append(store.save_text(str(out.value), session, out.name, meta, out_dir))
            else:
                stored.append(store.save_path(Path(out.value), out.kind, session, out.name, meta,
                                              out_dir))
    finally:
        req.cleanup()
    return RunRecord(tool=t.name, backend=chosen.name, artifacts=stored, text=result.text,
                     data=result.data, seconds=time.perf_counter() - start, inputs=input_ids)
