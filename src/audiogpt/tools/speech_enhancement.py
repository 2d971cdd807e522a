"""speech_enhancement: remove noise from speech, time-aligned with the input."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class SpeechEnhancementArgs(ToolArgs):
    """Arguments of speech_enhancement."""

    audio: AudioFile = Field(description="The noisy speech recording.")


class SpeechEnhancement(Tool):
    """Denoise speech."""

    name = "speech_enhancement"
    description = (
        "Remove background noise from a speech recording (denoise / clean up / enhance speech). "
        "The output has the same length, sample rate and timing as the input."
    )
    Args = SpeechEnhancementArgs
    outputs = ("audio",)
    chunking = "audio"  # long recordings run block by block (agent/chunked.py)
    examples = ("remove the noise from this recording", "clean up this noisy speech",
                "denoise my voice memo")
