"""Enrolled voices seen from the task handler: reference resolution and transcription.

A tool's ``voice_args`` (voice_clone/voice_conversion ``reference``) may name an enrolled
voice. Resolution order: 1) an enrolled voice name (``me`` also means the only enrolled
voice), 2) an artifact id, 3) a file path. Only names are resolved here; the backend opens
the profile from the workspace, never a path the client named.

The service functions of enrolled voices (add, list, show, remove, the enrollment sample) are
here too: the CLI, the HTTP routes and the web UI all call them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audiogpt.core.config import Settings
    from audiogpt.registry import Registry
    from audiogpt.tools.base import Tool, ToolArgs

logger = logging.getLogger(__name__)

#: The enrollment sample kept with a profile (played next to the clone in the web UI).
SAMPLE_FILE = "sample.wav"
SAMPLE_MAX_S = 12.0


def enrolled_voice_args(tool: type[Tool], args: ToolArgs, settings: Settings) -> dict[str, str]:
    """The tool's voice arguments whose value names an enrolled voice (arg -> voice name)."""
    from audiogpt.backends.speech.voice.profiles import names, resolve_name
    from audiogpt.core.artifacts import is_artifact_id
    from audiogpt.core.errors import ToolInputError

    found: dict[str, str] = {}
    for name in tool.voice_args:
        value = getattr(args, name, None)
        if not isinstance(value, str) or not value:
            continue
        voice = resolve_name(settings.home, value)
        if voice:
            found[name] = voice
        elif (not is_artifact_id(value) and not any(c in value for c in "/\\.")
              and not Path(value).exists()):
            known = ", ".join(names(settings.home)) or "none"
            raise ToolInputError(f"{tool.name}: --{name} {value!r} is neither an enrolled voice "
                                 f"(enrolled: {known}) nor an audio file")
    return found


def transcriber(registry: Registry, settings: Settings) -> Callable[[Path], str]:
    """Speech-to-text of a local file through the speech_recognition tool's best backend."""

    def transcribe(path: Path) -> str:
        from audiogpt.backends.base import Request

        tool = registry.tool("speech_recognition")
        args = tool.validate({"audio": str(path), "language": "en"})
        backend = registry.select(tool.name, None, settings)
        backend.ensure_loaded()
        req = Request(args=args, files={"audio": Path(path)}, settings=settings,
                      sample_rate=backend.sample_rate)
        try:
            text = backend.run(req).text or ""
        finally:
            req.cleanup()
        logger.info("transcript via %s: %s", backend.name, text[:80])
        return text

    return transcribe


def add_voice(registry: Registry, settings: Settings, name: str, files: list[Path], *,
              consent: bool, progress: Callable[[float, str], None] | None = None,
              ) -> dict[str, Any]:
    """Enroll a voice from local files (CLI ``voices add``, HTTP uploads).

    Raises:
        ToolInputError: No consent, a bad name, unreadable audio or too little speech.
    """
    from audiogpt.backends.speech.voice import enroll, profiles
    from audiogpt.core.audio import Audio, check_input_file
    from audiogpt.core.errors import ToolInputError

    if not consent:
        raise ToolInputError("voices add: consent is required: pass --consent to confirm the "
                             "voice is yours or its owner agreed")
    norm = profiles.check_name(name)
    if not files:
        raise ToolInputError("voices add: give at least one recording with --from FILE")
    audios = []
    for f in files:
        path = check_input_file(f, settings, "audio")
        audios.append((Path(f).name, Audio.from_file(path, settings)))
    transcribe = transcriber(registry, settings)
    prof, mapping = enroll.enroll(norm, audios, lambda i: transcribe(Path(files[i])),
                                  consent=profiles.CONSENT_STATEMENT, progress=progress,
                                  check=settings.voice_guard, timing=settings.voice_timing)
    folder = profiles.save(settings.home, prof, mapping)
    _save_sample(folder, [a for _, a in audios])
    return {"name": prof.name, "speech_seconds": round(prof.speech_seconds, 1),
            "warnings": prof.warnings}


def _save_sample(folder: Path, audios: list[Any]) -> None:
    """Keep the longest recording (at most ``SAMPLE_MAX_S``) as the voice's sample, mode 0600."""
    import io
    import os

    import soundfile as sf

    best = max(audios, key=lambda a: a.duration).to_mono()
    samples = best.mono[: int(SAMPLE_MAX_S * best.sample_rate)]
    buf = io.BytesIO()
    sf.write(buf, samples, best.sample_rate, format="WAV", subtype="PCM_16")
    path = folder / SAMPLE_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(buf.getvalue())
    os.chmod(path, 0o600)


def list_voices(settings: Settings) -> list[dict[str, Any]]:
    """Summaries of the enrolled voices (``voices list --json``), sorted by name."""
    from audiogpt.backends.speech.voice import profiles

    return [profiles.load(settings.home, n).summary() for n in profiles.names(settings.home)]


def show_voice(settings: Settings, name: str) -> dict[str, Any]:
    """One voice's summary (``voices show --json``).

    Raises:
        ToolInputError: A bad name or no voice of that name.
    """
    from audiogpt.backends.speech.voice import profiles

    return profiles.load(settings.home, name).summary()


def remove_voice(settings: Settings, name: str) -> str:
    """Delete a voice (profile, mapping and sample); returns its normalised name.

    Raises:
        ToolInputError: A bad name or no voice of that name.
    """
    from audiogpt.backends.speech.voice import profiles

    profiles.remove(settings.home, name)
    return profiles.check_name(name)


def voice_sample(settings: Settings, name: str) -> Path | None:
    """The stored enrollment sample of a voice, or None (voices enrolled before samples were
    kept). Server-side only: the path never comes from a client.

    Raises:
        ToolInputError: A bad name or no voice of that name.
    """
    from audiogpt.backends.speech.voice import profiles

    folder = profiles.load(settings.home, name).folder
    path = folder / SAMPLE_FILE if folder is not None else None
    return path if path is not None and path.is_file() else None
