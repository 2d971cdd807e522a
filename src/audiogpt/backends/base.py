"""Backend declarations, availability checks and the per-call request.

A backend serves one tool. It declares the sample rate its engine needs (inputs are
resampled at the call), what it requires (Python modules, programs, files), and loads its
model lazily on first use. Availability is checked without importing heavy modules.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from audiogpt.core.errors import BackendUnavailable

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio
    from audiogpt.core.config import Settings
    from audiogpt.core.results import ToolResult
    from audiogpt.tools.base import ToolArgs

logger = logging.getLogger(__name__)

PIP_HINT = "pip install 'audiogpt[{extra}]'"
APT_HINT = "sudo apt-get install {pkg}"


@dataclass(frozen=True)
class Requirement:
    """Something a backend needs.

    Attributes:
        kind: ``module`` (importable Python module), ``program`` (on PATH), ``file`` (a path),
            or ``env`` (an environment variable naming a model path that must exist).
        name: The module, program, path or variable name.
        install: The exact command (or instruction) that provides it.
    """

    kind: str
    name: str
    install: str

    def missing(self) -> bool:
        """True when the requirement is not met."""
        if self.kind == "module":
            try:
                return importlib.util.find_spec(self.name) is None
            except (ImportError, ValueError):
                return True
        if self.kind == "program":
            return shutil.which(self.name) is None
        if self.kind == "file":
            return not Path(self.name).exists()
        if self.kind == "env":
            from audiogpt.core.config import env_setting

            value = env_setting(self.name) if self.name.startswith("AUDIOGPT_") else \
                os.environ.get(self.name, "")
            return not value or not Path(value).expanduser().exists()
        raise ValueError(f"unknown requirement kind {self.kind}")

    def describe(self) -> str:
        """Human description of what is missing."""
        what = {"module": "Python package", "program": "program", "file": "file",
                "env": "model path in"}[self.kind]
        return f"{what} {self.name} is missing ({self.install})"


def module(name: str, extra: str | None = None, pip: str | None = None) -> Requirement:
    """A Python module, installed by ``pip install 'audiogpt[extra]'`` or ``pip``."""
    hint = f"pip install {pip}" if pip else PIP_HINT.format(extra=extra or "all")
    return Requirement("module", name, hint)


def program(name: str, apt: str | None = None) -> Requirement:
    """A program on PATH, installed from a Debian package."""
    return Requirement("program", name, APT_HINT.format(pkg=apt or name))


def file(path: str, install: str) -> Requirement:
    """A file that must exist."""
    return Requirement("file", path, install)


@dataclass(frozen=True)
class Availability:
    """Whether a backend can run here and, if not, why (with the install command)."""

    available: bool
    reason: str = ""


class Backend:
    """Base class of backends. Subclasses set the class attributes and implement ``run``.

    Attributes:
        name: Backend name, unique within its tool (``--backend NAME``).
        tool: The tool it serves.
        summary: One line on the method (shown in ``tools`` and outputs).
        sample_rate: Rate the engine needs; audio inputs are resampled to it (None = any).
        requires: What must be installed.
        priority: Higher is preferred when several are available.
        embedded: True for offline defaults, False for foundation models.
    """

    name: ClassVar[str]
    tool: ClassVar[str]
    summary: ClassVar[str] = ""
    sample_rate: ClassVar[int | None] = None
    requires: ClassVar[tuple[Requirement, ...]] = ()
    priority: ClassVar[int] = 0
    embedded: ClassVar[bool] = True

    def __init__(self) -> None:
        self._loaded = False
        self._lock = threading.Lock()

    @classmethod
    def availability(cls) -> Availability:
        """Check the requirements without importing them."""
        missing = [r for r in cls.requires if r.missing()]
        if missing:
            return Availability(False, "; ".join(r.describe() for r in missing))
        extra = cls.extra_check()
        return Availability(False, extra) if extra else Availability(True, "")

    @classmethod
    def extra_check(cls) -> str | None:
        """Further availability check (e.g. a model path); return a reason when unavailable."""
        return None

    @classmethod
    def accepts(cls, args: ToolArgs) -> str | None:
        """Why this backend cannot serve these arguments, or None when it can.

        A backend that handles only part of a tool's requests (e.g. music stems among
        sound_extraction queries) returns a reason for the rest; automatic selection then
        passes them to the next backend, and naming it with ``--backend`` is a bad input.
        """
        return None

    def ensure_loaded(self) -> None:
        """Load the engine once (thread-safe)."""
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                av = self.availability()
                if not av.available:
                    raise BackendUnavailable(f"{self.tool}/{self.name}: {av.reason}")
                self.load()
                self._loaded = True

    def load(self) -> None:
        """Load models (called once, lazily). Override when there is something to load."""

    def run(self, req: Request) -> ToolResult:
        """Run the tool on a request. Must be implemented."""
        raise NotImplementedError


ProgressFn = Callable[[float, str], None]


@dataclass
class Request:
    """One call of a backend: validated arguments, resolved file paths, helpers.

    Attributes:
        args: The validated argument model.
        files: Resolved local paths of the file arguments.
        settings: Current settings.
        sample_rate: The backend's required sample rate (None = native).
        progress: Callback taking a fraction in [0, 1] and a message.
        names: How messages name each file argument (the caller's file, not the store copy).
        voices: File arguments that named an enrolled voice instead of a file (arg -> voice).
        transcribe: Speech-to-text of a local audio file (the speech_recognition tool), for
            backends that need a transcript (enrollment on the fly); None when not offered.
    """

    args: ToolArgs
    files: dict[str, Path]
    settings: Settings
    sample_rate: int | None = None
    progress: ProgressFn = field(default=lambda f, m: None)
    names: dict[str, str] = field(default_factory=dict)
    voices: dict[str, str] = field(default_factory=dict)
    transcribe: Callable[[Path], str] | None = None
    _audio_cache: dict[str, Audio] = field(default_factory=dict)
    _workdir: tempfile.TemporaryDirectory[str] | None = None

    def audio(self, name: str = "audio", *, native: bool = False) -> Audio:
        """Load a file argument as ``Audio``, resampled to the backend's rate unless ``native``.

        Raises:
            ToolInputError: The file is not valid audio.
        """
        from audiogpt.core.audio import Audio
        from audiogpt.core.errors import ToolInputError

        key = f"{name}:{native}"
        if key not in self._audio_cache:
            path = self.files[name]
            try:
                audio = Audio.from_file(path, self.settings)
            except ToolInputError as exc:  # name the caller's file, not the store's copy
                shown = self.names.get(name, f"--{name}")
                raise ToolInputError(exc.message.replace(str(path), shown)) from None
            if self.sample_rate and not native:
                audio = audio.resampled(self.sample_rate)
            self._audio_cache[key] = audio
        return self._audio_cache[key]

    def has(self, name: str) -> bool:
        """Whether the file argument ``name`` was given."""
        return name in self.files

    @property
    def workdir(self) -> Path:
        """A scratch folder for this call, removed after the outputs are stored."""
        if self._workdir is None:
            self._workdir = tempfile.TemporaryDirectory(prefix="audiogpt-")
        return Path(self._workdir.name)

    def cleanup(self) -> None:
        """Remove the scratch folder."""
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None

    def get(self, name: str, default: Any = None) -> Any:
        """An argument's value."""
        return getattr(self.args, name, default)
