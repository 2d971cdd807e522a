"""Server-side state shared by the HTTP API, the web UI and the MCP server.

One :class:`Service` per server process holds the :class:`~audiogpt.app.App` (so backends
and their models are loaded once and shared), a worker pool that runs CPU-heavy tool calls
off the event loop, the dialogue agent, and the safe lookup of artifacts by id.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import secrets
import tempfile
import threading
import time
import zipfile
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from audiogpt.core.access import FileAccess
from audiogpt.core.errors import AudioGPTError, BackendUnavailable, ToolInputError, failure_log

if TYPE_CHECKING:
    from audiogpt.app import App
    from audiogpt.core.artifacts import Artifact

logger = logging.getLogger(__name__)
T = TypeVar("T")
#: A server's callers are remote clients unless an interface says otherwise (MCP stdio).
REMOTE = FileAccess.remote(caller="http")
#: How often a synchronous tool call checks whether its HTTP client is still connected.
WATCH_S = 0.25


class NotFound(AudioGPTError):
    """An unknown tool, session or artifact (HTTP 404)."""

    exit_code = 2
    kind = "not_found"


class ClientGone(AudioGPTError):
    """The HTTP client disconnected before its tool run finished; the run was stopped."""

    exit_code = 1
    kind = "cancelled"


class Service:
    """Everything the server interfaces share.

    Args:
        app: The application (a new one from the settings when omitted).
        workers: Size of the worker pool for tool runs and turns (default: CPU count, >= 2).
    """

    def __init__(self, app: App | None = None, workers: int | None = None) -> None:
        if app is None:
            from audiogpt.app import App

            app = App()
        self.app = app
        self.workers = workers or max(2, os.cpu_count() or 2)
        self.executor = ThreadPoolExecutor(max_workers=self.workers,
                                           thread_name_prefix="audiogpt-worker")
        self._agent: Any = None
        self._agent_lock = threading.Lock()
        self._session_locks: dict[str, threading.Lock] = {}
        self._tools_cache: tuple[float, list[dict[str, Any]]] | None = None
        #: The background job manager, set when the job endpoints are mounted.
        self.jobs: Any = None

    # ------------------------------------------------------------------ pool
    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` in the worker pool without blocking the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    def close(self) -> None:
        """Stop the worker pool (running calls finish)."""
        self.executor.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------------ tools
    def tools(self, max_age_s: float = 10.0) -> list[dict[str, Any]]:
        """The ``tools --json`` listing (cached for ``max_age_s``: availability checks cost)."""
        cached = self._tools_cache
        if cached and time.monotonic() - cached[0] < max_age_s:
            return cached[1]
        listing = self.app.registry.describe()
        self._tools_cache = (time.monotonic(), listing)
        return listing

    def tool(self, name: str) -> Any:
        """The tool class called ``name``.

        Raises:
            NotFound: No such tool.
        """
        key = name.replace("-", "_")
        tools = self.app.registry.tools
        if key not in tools:
            raise NotFound(f"unknown tool {name!r}; available: {', '.join(sorted(tools))}")
        return tools[key]

    def run_tool(self, name: str, args: dict[str, Any], session: str = "api",
                 progress: Callable[[float, str], None] | None = None,
                 access: FileAccess = REMOTE) -> dict[str, Any]:
        """Run a tool (blocking) and return the ``run --json`` form.

        ``access`` says which files the caller may name (a remote client by default).
        """
        tool = self.tool(name)
        try:
            record = self.app.run_tool(tool.name, args, session=session, progress=progress,
                                       access=access)
        except ClientGone:
            raise
        except Exception:
            failure_log.warning("%s call from a %s client failed", tool.name, access.caller,
                                exc_info=True)
            raise
        return record.to_json()

    async def run_tool_watched(self, is_disconnected: Callable[[], Awaitable[bool]],
                               name: str, args: dict[str, Any], session: str = "api",
                               access: FileAccess = REMOTE) -> dict[str, Any]:
        """:meth:`run_tool` in the pool, stopped when the client disconnects.

        Every ``WATCH_S`` seconds the request is checked; once the client is gone, the run's
        progress callback raises :class:`ClientGone` at its next report (before and after
        the backend loads, every block of a long recording, every decoded segment of
        speech), so the tool stops there, its imported input copy is removed, and nothing is
        stored. The request ends at once; the server log says when the run stopped.

        Args:
            is_disconnected: The request's ``is_disconnected``.
            name: Tool name.
            args: Arguments (files as upload paths or artifact ids).
            session: The session the outputs join.
            access: Which files the caller may name.

        Raises:
            ClientGone: The client disconnected (nobody reads the answer).
        """
        gone = threading.Event()

        def progress(_fraction: float, _message: str) -> None:
            if gone.is_set():
                raise ClientGone(f"{name}: stopped because the client disconnected")

        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.executor, functools.partial(
            self.run_tool, name, args, session, progress=progress, access=access))
        while True:
            done, _ = await asyncio.wait({future}, timeout=WATCH_S)
            if done:
                return future.result()
            if await is_disconnected():
                break
        gone.set()
        started = time.monotonic()

        def stopped(fut: Any) -> None:
            exc = fut.exception()
            if isinstance(exc, ClientGone):
                logger.warning("%s: the client disconnected; the run stopped %.1f s later",
                               name, time.monotonic() - started)
            elif exc is None:
                logger.warning("%s: the client disconnected; the run had already finished",
                               name)

        future.add_done_callback(stopped)
        raise ClientGone(f"{name}: stopped because the client disconnected")

    # ------------------------------------------------------------------ sessions
    def new_session(self, prefix: str = "s") -> str:
        """Create a session with a fresh random name and return the name."""
        name = f"{prefix}-{secrets.token_hex(4)}"
        self.app.store.db.ensure_session(name)
        return name

    def check_session(self, name: str) -> str:
        """Return ``name`` if that session exists.

        Raises:
            NotFound: It does not.
        """
        from audiogpt.core.sessions import check_session_name

        try:
            check_session_name(name)
        except ToolInputError:
            raise NotFound(f"unknown session {name!r}") from None
        if not self.app.store.db.session_exists(name):
            raise NotFound(f"unknown session {name!r}")
        return name

    def sessions(self) -> list[dict[str, Any]]:
        """All sessions, newest first."""
        return self.app.store.db.list_sessions()

    def history(self, name: str) -> dict[str, Any]:
        """A session's turns (steps, replies, artifacts) and its artifacts with provenance."""
        self.check_session(name)
        turns = [t.to_dict() for t in self.app.store.db.turns(name)]
        arts = [{**a.ref(), "meta": a.meta} for a in self.app.store.list(name)]
        return {"id": name, "turns": turns, "artifacts": arts}

    def agent(self) -> Any:
        """The dialogue agent, built on first use.

        Raises:
            BackendUnavailable: The dialogue engine is not installed.
        """
        with self._agent_lock:
            if self._agent is None:
                try:
                    from audiogpt.agent.loop import Agent

                    self._agent = Agent(self.app)
                except ImportError as exc:
                    raise BackendUnavailable(
                        f"the dialogue engine is not available: {exc}") from None
            return self._agent

    def warm(self) -> None:
        """Build the dialogue agent and load the offline planner's sentence encoder now, so
        the first chat turn does not pay for it (called in the background at start-up)."""
        start = time.perf_counter()
        try:
            self.agent()
            if not self.app.settings.llm_base_url:
                from audiogpt.dialogue.embed import encoder

                encoder()
        except Exception as exc:
            logger.warning("could not warm the dialogue engine: %s", exc)
            return
        logger.info("dialogue engine ready in %.1f s", time.perf_counter() - start)

    def turn(self, session: str, text: str, attachments: list[str] | None = None,
             on_step: Callable[[dict[str, Any]], Any] | None = None,
             stream: Callable[[str], Any] | None = None,
             access: FileAccess = REMOTE) -> dict[str, Any]:
        """Run one chat turn (blocking); turns of one session run one at a time.

        Args:
            session: An existing session.
            text: The user's words.
            attachments: Paths or artifact ids of attached files.
            on_step: Called when a step starts and ends (see ``Agent.turn``).
            stream: Called with pieces of the reply text.
            access: Which files the caller may name (a remote client by default).

        Returns:
            One ``chat --script`` output line.
        """
        self.check_session(session)
        with self._agent_lock:
            lock = self._session_locks.setdefault(session, threading.Lock())
        agent = self.agent()
        kwargs: dict[str, Any] = {"attachments": list(attachments or []), "access": access}
        if on_step is not None:
            kwargs["on_step"] = on_step
        if stream is not None:
            kwargs["stream"] = stream
        with lock:
            return agent.turn(session, text, **kwargs)

    def export(self, name: str) -> Path:
        """Zip a session (history JSON + its artifact files and sidecars) into a temp file."""
        import json

        hist = self.history(name)
        fd, tmp = tempfile.mkstemp(prefix=f"audiogpt-{name}-", suffix=".zip")
        os.close(fd)
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("history.json", json.dumps(hist, indent=2, default=str))
            for art in hist["artifacts"]:
                try:
                    path = self.safe_path(art["id"])
                except NotFound:
                    continue
                zf.write(path, f"artifacts/{path.name}")
                sidecar = path.with_name(path.name + ".json")
                if sidecar.is_file() and self._inside_store(sidecar.resolve()):
                    zf.write(sidecar, f"artifacts/{sidecar.name}")
        return Path(tmp)

    # ------------------------------------------------------------------ artifacts
    def _inside_store(self, resolved: Path) -> bool:
        root = self.app.store.root.resolve()
        return resolved.is_relative_to(root)

    def artifact(self, art_id: str) -> Artifact:
        """The artifact with this id, only when its file lies inside the store.

        Raises:
            NotFound: Unknown id, missing file, or a file (or symlink target) outside the store.
        """
        from audiogpt.core.artifacts import is_artifact_id

        if not isinstance(art_id, str) or not is_artifact_id(art_id):
            raise NotFound("unknown artifact id")
        try:
            art = self.app.store.get(art_id)
        except ToolInputError:
            raise NotFound(f"unknown artifact id {art_id!r}") from None
        try:
            resolved = Path(art.path).resolve(strict=True)
        except (OSError, RuntimeError):
            raise NotFound(f"artifact {art_id}: file is missing") from None
        if not self._inside_store(resolved) or not resolved.is_file():
            logger.warning("refusing artifact %s: %s is outside the store", art_id, resolved)
            raise NotFound(f"unknown artifact id {art_id!r}")
        return art

    def safe_path(self, art_id: str) -> Path:
        """The resolved file path of a store artifact (see :meth:`artifact`)."""
        return Path(self.artifact(art_id).path).resolve(strict=True)
