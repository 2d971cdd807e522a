"""The application object shared by every interface: settings, registry, store."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audiogpt.agent.runner import RunRecord
    from audiogpt.backends.base import ProgressFn
    from audiogpt.core.access import FileAccess
    from audiogpt.core.artifacts import ArtifactStore
    from audiogpt.core.config import Settings
    from audiogpt.registry import Registry


class App:
    """Lazily-built settings, registry and artifact store."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings

    @cached_property
    def settings(self) -> Settings:
        """The settings."""
        from audiogpt.core.config import load_settings

        return self._settings or load_settings()

    @cached_property
    def registry(self) -> Registry:
        """The tool/backend registry."""
        from audiogpt.registry import get_registry

        return get_registry()

    @cached_property
    def store(self) -> ArtifactStore:
        """The artifact store."""
        from audiogpt.core.artifacts import ArtifactStore

        return ArtifactStore(self.settings)

    def run_tool(self, tool: str, args: dict[str, Any], *, backend: str | None = None,
                 session: str = "run", out_dir: Path | None = None,
                 progress: ProgressFn | None = None, access: FileAccess | None = None,
                 meta: dict[str, Any] | None = None) -> RunRecord:
        """Run a tool and store its outputs (see :func:`audiogpt.agent.runner.run_tool`).

        ``access`` is the caller's file access policy (the local user when omitted).
        """
        from audiogpt.agent.runner import run_tool
        from audiogpt.core.access import LOCAL

        return run_tool(self.registry, self.store, self.settings, tool, args, backend=backend,
                        session=session, out_dir=out_dir, progress=progress,
                        access=access or LOCAL, meta=meta)
