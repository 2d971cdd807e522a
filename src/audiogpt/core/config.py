"""Settings: argument > environment variable (``AUDIOGPT_*``) > config file > default.

The config file is TOML at ``$AUDIOGPT_HOME/config.toml`` (or ``AUDIOGPT_CONFIG``)::

    max_file_mb = 200
    [backends]
    speech_recognition = "pocketsphinx"
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ENV_PREFIX = "AUDIOGPT_"


def default_home() -> Path:
    """The workspace root: ``AUDIOGPT_HOME`` or the user's data directory."""
    env = os.environ.get("AUDIOGPT_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("audiogpt", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """All configuration of one process. Frozen: build a new one with :meth:`replace`.

    Attributes:
        home: Workspace root (artifacts, sessions database).
        max_file_mb: Largest input file accepted, in MiB.
        max_duration_s: Longest input audio accepted, in seconds.
        max_channels: Most channels accepted in an input file.
        max_text_chars: Longest text argument accepted.
        backends: Preferred backend per tool name.
        llm_base_url: OpenAI-compatible server URL; empty means the offline planner.
        llm_model: Model name for the LLM server.
        llm_api_key: API key (never logged or stored).
        api_token: Bearer token required by the HTTP API when set.
        max_upload_mb: Largest HTTP upload accepted, in MiB.
        chunk_s: Block length for tools that process long recordings block by block.
    """

    home: Path = field(default_factory=default_home)
    max_file_mb: float = 500.0
    max_duration_s: float = 4 * 3600.0
    max_channels: int = 32
    max_text_chars: int = 100_000
    backends: dict[str, str] = field(default_factory=dict)
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_timeout_s: float = 120.0
    api_token: str = field(default="", repr=False)
    max_upload_mb: float = 200.0
    chunk_s: float = 60.0

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    @property
    def db_path(self) -> Path:
        """The SQLite database of sessions and artifacts."""
        return self.home / "audiogpt.sqlite3"


def _coerce(name: str, raw: Any, current: Any) -> Any:
    if isinstance(current, bool):
        return str(raw).lower() in {"1", "true", "yes", "on"}
    if isinstance(current, int):
        return int(raw)
    if isinstance(current, float):
        return float(raw)
    if isinstance(current, Path):
        return Path(str(raw)).expanduser()
    if isinstance(current, dict):
        if isinstance(raw, dict):
            return {str(k): str(v) for k, v in raw.items()}
        # "tool=backend,tool2=backend2" from the environment
        pairs = [p.split("=", 1) for p in str(raw).split(",") if "=" in p]
        return {k.strip(): v.strip() for k, v in pairs}
    return str(raw)


def load_settings(**overrides: Any) -> Settings:
    """Build the settings from defaults, the config file, the environment and ``overrides``.

    Args:
        **overrides: Values given as arguments (highest precedence); ``None`` values are ignored.

    Returns:
        The frozen settings.
    """
    base = Settings()
    values: dict[str, Any] = {}
    config_path = Path(os.environ.get("AUDIOGPT_CONFIG", base.home / "config.toml"))
    if config_path.is_file():
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            logger.warning("ignoring unreadable config file %s: %s", config_path, exc)
            data = {}
        for f in dataclasses.fields(Settings):
            if f.name in data:
                values[f.name] = _coerce(f.name, data[f.name], getattr(base, f.name))
    for f in dataclasses.fields(Settings):
        env = os.environ.get(ENV_PREFIX + f.name.upper())
        if env not in (None, ""):
            values[f.name] = _coerce(f.name, env, getattr(base, f.name))
    if "llm_api_key" not in values and os.environ.get("OPENAI_API_KEY"):
        values["llm_api_key"] = os.environ["OPENAI_API_KEY"]
    for key, val in overrides.items():
        if val is not None:
            values[key] = val
    return base.replace(**values)
