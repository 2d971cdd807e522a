"""Settings: argument > environment variable (``AUDIOGPT_*``) > config file > default.

The config file is TOML at ``$AUDIOGPT_HOME/config.toml`` (or ``AUDIOGPT_CONFIG``)::

    max_file_mb = 200
    llm = "ollama:qwen2.5:7b"
    [backends]
    speech_recognition = "pocketsphinx"

The dialogue engine is chosen by one spec, ``llm`` (``AUDIOGPT_LLM``, ``--llm``); see
:func:`resolve_llm`.
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


def default_model_cache() -> Path:
    """Where models shipped inside packages are assembled: the user's cache directory."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("audiogpt", appauthor=False)) / "models"


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
        llm: The dialogue engine spec (``ollama:MODEL``, ``llamacpp:URL``, ``openai:MODEL``,
            an OpenAI-compatible base URL, or ``offline``); resolved into ``llm_base_url``
            and ``llm_model`` when the settings are loaded.
        llm_base_url: OpenAI-compatible server URL; empty means the offline planner.
        llm_model: Model name for the LLM server.
        llm_api_key: API key (never logged or stored).
        api_token: Bearer token required by the HTTP API when set.
        max_upload_mb: Largest HTTP upload accepted, in MiB.
        llm_mode: How to call the LLM server: ``auto``, ``tools`` or ``json``.
        planner_embeddings: Let the offline planner use its sentence encoder.
        planner_arbiter: Let the learned intent arbiter overrule the planner's rules where they
            are weak (``AUDIOGPT_PLANNER_ARBITER``; on by default; needs ``planner_embeddings``).
        soundfont: General MIDI soundfont for music (empty: the Debian one).
        apertium_modes: Extra folder of Apertium ``*.mode`` files.
        whisper_model, mms_tts_model, musicgen_model, ast_model, nllb_model, clap_model,
            whisper_ct2_model, qwen2_audio_model, audioldm2_model, demucs_model,
            separation_model, stable_audio_model, kokoro_model: Local folders (or pulled
            catalog names) of the foundation models (empty: a model pulled with ``audiogpt models pull``, if any).
        audioldm2_steps: Diffusion steps of AudioLDM2 (0: the model card's 200).
        stable_audio_steps: Diffusion steps of Stable Audio Open (0: 100).
        ps_options: PocketSphinx decoder options overriding the tuned defaults
            (``AUDIOGPT_PS_OPTIONS="beam=1e-40,lw=7"``, or one ``AUDIOGPT_PS_<KEY>`` each).
        model_cache: Folder where models shipped inside packages are joined and verified
            (``AUDIOGPT_MODEL_CACHE``; default the user's cache directory).
        chunk_s: Block length for tools that process long recordings block by block.
        threads: CPU threads per engine (0: every core this process may use); batch workers
            set it to split the cores between them.
        voice_guard: At voice enrollment, check the converted voice with Whisper and lower the
            mapping strength of the finer cepstra until the words survive
            (``AUDIOGPT_VOICE_GUARD=0``: keep the full mapping, unchecked).
        voice_timing: Cloned speech takes the user's durations per broad sound class
            (pauses, unvoiced, voiced), learned at enrollment, instead of one speaking-rate
            ratio (``AUDIOGPT_VOICE_TIMING=1``; off by default, see notes/clonetime.md).
    """

    home: Path = field(default_factory=default_home)
    max_file_mb: float = 500.0
    max_duration_s: float = 4 * 3600.0
    max_channels: int = 32
    max_text_chars: int = 100_000
    backends: dict[str, str] = field(default_factory=dict)
    llm: str = ""
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_timeout_s: float = 120.0
    api_token: str = field(default="", repr=False)
    max_upload_mb: float = 200.0
    llm_mode: str = "auto"
    planner_embeddings: bool = True
    planner_arbiter: bool = True
    soundfont: str = ""
    apertium_modes: str = ""
    whisper_model: str = ""
    mms_tts_model: str = ""
    musicgen_model: str = ""
    ast_model: str = ""
    nllb_model: str = ""
    clap_model: str = ""
    whisper_ct2_model: str = ""
    qwen2_audio_model: str = ""
    audioldm2_model: str = ""
    audioldm2_steps: int = 0
    stable_audio_steps: int = 0
    demucs_model: str = ""
    separation_model: str = ""
    stable_audio_model: str = ""
    kokoro_model: str = ""
    ps_options: dict[str, str] = field(default_factory=dict)
    model_cache: Path = field(default_factory=default_model_cache)
    chunk_s: float = 60.0
    threads: int = 0
    voice_guard: bool = True
    voice_timing: bool = False

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
    ps = {k[len(ENV_PREFIX) + 3:].lower(): v for k, v in os.environ.items()
          if k.startswith(ENV_PREFIX + "PS_") and k != ENV_PREFIX + "PS_OPTIONS" and v}
    if ps:
        values["ps_options"] = {**values.get("ps_options", {}), **ps}
    for key, val in overrides.items():
        if val is not None:
            values[key] = val
    if values.get("llm"):
        target = resolve_llm(str(values["llm"]), values.get("llm_model", ""))
        values.update(llm_base_url=target.base_url, llm_model=target.model)
        provider = target.provider
    else:
        provider = "url" if values.get("llm_base_url") else "offline"
    # OPENAI_API_KEY is only for OpenAI or a server the user named; never sent to Ollama or
    # llama.cpp, which need no key.
    if ("llm_api_key" not in values and os.environ.get("OPENAI_API_KEY")
            and provider not in ("ollama", "llamacpp")):
        values["llm_api_key"] = os.environ["OPENAI_API_KEY"]
    return base.replace(**values)


OLLAMA_URL = "http://127.0.0.1:11434/v1"
LLAMACPP_URL = "http://127.0.0.1:8080/v1"
OPENAI_URL = "https://api.openai.com/v1"
OFFLINE = ("offline", "planner", "none", "off")
LLM_SPEC_HELP = ("ollama:MODEL, llamacpp:URL, openai:MODEL, an OpenAI-compatible base URL "
                 "(http://host:port/v1, optionally #MODEL), or offline")


@dataclass(frozen=True)
class LLMTarget:
    """Where an ``llm`` spec points.

    Attributes:
        provider: ``ollama``, ``llamacpp``, ``openai``, ``url`` or ``offline``.
        base_url: OpenAI-compatible base URL; empty for the offline planner.
        model: Model name sent to the server.
    """

    provider: str
    base_url: str
    model: str


def resolve_llm(spec: str, model: str = "") -> LLMTarget:
    """Turn an ``--llm`` / ``AUDIOGPT_LLM`` spec into a server URL and model.

    ``ollama:MODEL`` -> Ollama at ``OLLAMA_HOST`` or 127.0.0.1:11434 (``/v1``);
    ``llamacpp:URL`` -> a llama.cpp ``llama-server`` (``/v1`` added when the URL has no path;
    ``llamacpp:`` alone = 127.0.0.1:8080); ``openai:MODEL`` -> api.openai.com (key from
    ``OPENAI_API_KEY``); ``http(s)://...[#MODEL]`` -> any OpenAI-compatible server;
    ``offline`` -> the offline planner.

    Args:
        spec: The spec.
        model: Model to use when the spec names none (``llm_model``).

    Raises:
        ToolInputError: The spec is not one of the forms above (one line).
    """
    from urllib.parse import urlsplit

    from audiogpt.core.errors import ToolInputError

    raw = spec.strip()
    kind, _, rest = raw.partition(":")
    kind = kind.lower()
    if raw.lower() in OFFLINE:
        return LLMTarget("offline", "", "")
    if kind == "ollama":
        if not rest.strip():
            raise ToolInputError("--llm ollama: needs a model, e.g. ollama:qwen2.5:7b "
                                 "(see `ollama list`)")
        host = os.environ.get("OLLAMA_HOST", "").strip()
        url = OLLAMA_URL
        if host:
            host = host if "://" in host else "http://" + host
            url = host.rstrip("/") + "/v1"
        return LLMTarget("ollama", url, rest.strip())
    if kind == "llamacpp":
        url = rest.strip() or LLAMACPP_URL
        url, _, name = url.partition("#")
        url = url if "://" in url else "http://" + url
        if urlsplit(url).path in ("", "/"):
            url = url.rstrip("/") + "/v1"
        _check_url(url, raw)
        return LLMTarget("llamacpp", url, name or model or "default")
    if kind == "openai" and not rest.startswith("//"):
        if not rest.strip():
            raise ToolInputError("--llm openai: needs a model, e.g. openai:gpt-4o-mini")
        return LLMTarget("openai", OPENAI_URL, rest.strip())
    if kind in ("http", "https"):
        url, _, name = raw.partition("#")
        _check_url(url, raw)
        return LLMTarget("url", url.rstrip("/"), name or model or "default")
    raise ToolInputError(f"unknown --llm / AUDIOGPT_LLM value {spec!r}: use {LLM_SPEC_HELP}")


def _check_url(url: str, spec: str) -> None:
    from urllib.parse import urlsplit

    from audiogpt.core.errors import ToolInputError

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ToolInputError(f"--llm {spec!r}: not an http(s) URL with a host; use {LLM_SPEC_HELP}")


def env_setting(variable: str) -> str:
    """The current value of the setting an ``AUDIOGPT_*`` variable names, read through
    :func:`load_settings` (so the config file counts too), as a string ("" when unset).

    Example: ``env_setting("AUDIOGPT_WHISPER_MODEL")`` is ``load_settings().whisper_model``.
    """
    name = variable.removeprefix(ENV_PREFIX).lower()
    value = getattr(load_settings(), name)
    return str(value).strip() if value is not None else ""
