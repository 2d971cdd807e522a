"""speech_separation: split overlapping speakers into one audio per speaker."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class SpeechSeparationArgs(ToolArgs):
    """Arguments of speech_separation."""

    audio: AudioFile = Field(description="A recording where several people speak at once "
                                         "(mono, or multi-channel from a microphone array).")
    num_speakers: int = Field(2, ge=2, le=4, description="How many speakers to separate (2-4).")


class SpeechSeparation(Tool):
    """Separate a mixture of speakers."""

    name = "speech_separation"
    description = (
        "Separate overlapping speakers in a recording into one audio file per speaker "
        "(cocktail-party separation). Single-channel input uses multi-pitch tracking and "
        "harmonic masking; multi-channel input uses ILRMA blind source separation."
    )
    Args = SpeechSeparationArgs
    outputs = ("audio",)
    examples = ("separate the two speakers in this recording",
                "split this conversation into one file per speaker")
