"""Tool and backend registries, filled from the entry-point groups ``audiogpt.tools`` and
``audiogpt.backends``. Built-in ones register the same way as third-party plugins.

An entry point may name a Tool/Backend class, a list of them, or a module with a ``TOOLS``
or ``BACKENDS`` list (classes or ``"module:Class"`` strings, imported lazily).
"""

from __future__ import annotations

import importlib
import logging
import threading
from functools import lru_cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend
from audiogpt.core.errors import BackendUnavailable, ToolInputError
from audiogpt.tools.base import Tool, ToolArgs

if TYPE_CHECKING:
    from audiogpt.core.config import Settings

logger = logging.getLogger(__name__)

BUILTIN_MODULES = {"audiogpt.tools": "audiogpt.tools.builtin",
                   "audiogpt.backends": "audiogpt.backends.builtin"}


def _import_ref(ref: str) -> Any:
    mod, _, attr = ref.partition(":")
    obj = importlib.import_module(mod)
    return getattr(obj, attr) if attr else obj


def _expand(obj: Any, attr: str) -> list[Any]:
    if isinstance(obj, type):
        return [obj]
    if isinstance(obj, (list, tuple)):
        items = obj
    else:
        items = getattr(obj, attr, [])
    out = []
    for item in items:
        try:
            out.append(_import_ref(item) if isinstance(item, str) else item)
        except Exception as exc:  # a broken plugin must not break the app
            logger.error("cannot load %s: %s", item, exc)
    return out


def _load_group(group: str, attr: str) -> list[Any]:
    found: list[Any] = []
    eps = list(entry_points(group=group))
    if not any(ep.value == BUILTIN_MODULES[group] for ep in eps):
        # Running from a source tree without installed metadata: load the built-ins directly.
        found += _expand(importlib.import_module(BUILTIN_MODULES[group]), attr)
    for ep in eps:
        try:
            found += _expand(ep.load(), attr)
        except Exception as exc:
            logger.error("cannot load entry point %s = %s: %s", ep.name, ep.value, exc)
    return found


class Registry:
    """All tools and their backends."""

    def __init__(self, tools: list[type[Tool]], backends: list[type[Backend]]) -> None:
        self.tools: dict[str, type[Tool]] = {}
        for t in tools:
            if t.name in self.tools:
                logger.warning("tool %s registered twice; keeping the first", t.name)
                continue
            self.tools[t.name] = t
        self.backends: dict[str, list[type[Backend]]] = {name: [] for name in self.tools}
        for b in backends:
            if b.tool not in self.tools:
                logger.warning("backend %s serves unknown tool %s", b.name, b.tool)
                continue
            if any(x.name == b.name for x in self.backends[b.tool]):
                continue
            self.backends[b.tool].append(b)
        for lst in self.backends.values():
            lst.sort(key=lambda b: (-b.priority, b.name))
        self._instances: dict[type[Backend], Backend] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_entry_points(cls) -> Registry:
        """Build the registry from the installed entry points."""
        return cls(_load_group("audiogpt.tools", "TOOLS"),
                   _load_group("audiogpt.backends", "BACKENDS"))

    def tool(self, name: str) -> type[Tool]:
        """The tool called ``name`` (dashes accepted for underscores).

        Raises:
            ToolInputError: No such tool.
        """
        key = name.replace("-", "_")
        if key not in self.tools:
            raise ToolInputError(
                f"unknown tool {name!r}; available: {', '.join(sorted(self.tools))}"
            )
        return self.tools[key]

    def backends_for(self, tool: str) -> list[type[Backend]]:
        """The tool's backends, preferred first."""
        return list(self.backends.get(self.tool(tool).name, []))

    def instance(self, backend_cls: type[Backend]) -> Backend:
        """The shared instance of a backend class (models are loaded once per process)."""
        with self._lock:
            if backend_cls not in self._instances:
                self._instances[backend_cls] = backend_cls()
            return self._instances[backend_cls]

    def select(self, tool: str, explicit: str | None = None,
               settings: Settings | None = None, args: ToolArgs | None = None) -> Backend:
        """Choose a backend: ``explicit`` > configured > best available.

        With ``args``, a backend whose ``accepts`` declines them is skipped by automatic
        selection (and a configured preference for it does not apply to them).

        Raises:
            ToolInputError: The named backend does not exist for this tool, or was named
                explicitly and declines these arguments.
            BackendUnavailable: The chosen backend (or every backend) cannot run here.
        """
        t = self.tool(tool)
        options = self.backends_for(t.name)
        if not options:
            raise BackendUnavailable(f"{t.name}: no backend is installed for this tool")
        wanted = explicit or (settings.backends.get(t.name) if settings else None)
        if wanted:
            match = [b for b in options if b.name == wanted]
            if not match:
                names = ", ".join(b.name for b in options)
                raise ToolInputError(f"{t.name}: unknown backend {wanted!r}; choose from {names}")
            declined = match[0].accepts(args) if args is not None else None
            if declined and explicit:
                raise ToolInputError(f"{t.name}/{wanted}: {declined}")
            if not declined:
                av = match[0].availability()
                if not av.available:
                    raise BackendUnavailable(f"{t.name}/{wanted} is unavailable: {av.reason}")
                return self.instance(match[0])
        reasons = []
        for b in options:
            declined = b.accepts(args) if args is not None else None
            if declined:
                reasons.append(f"{b.name}: {declined}")
                continue
            av = b.availability()
            if av.available:
                return self.instance(b)
            reasons.append(f"{b.name}: {av.reason}")
        raise BackendUnavailable(f"{t.name}: no backend available ({'; '.join(reasons)})")

    def describe(self) -> list[dict[str, Any]]:
        """The ``tools --json`` listing."""
        out = []
        for name in sorted(self.tools):
            t = self.tools[name]
            backs = []
            for b in self.backends[name]:
                av = b.availability()
                backs.append({"name": b.name, "available": av.available, "reason": av.reason,
                              "embedded": b.embedded, "summary": b.summary})
            out.append({"name": name, "description": t.description,
                        "inputs": t.input_schema(), "outputs": list(t.outputs),
                        "backends": backs})
        return out


_lock = threading.Lock()


@lru_cache(maxsize=1)
def get_registry() -> Registry:
    """The process-wide registry (built on first use)."""
    with _lock:
        return Registry.from_entry_points()
