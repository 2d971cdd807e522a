"""sound_extraction: extract a described sound (or one like an example clip) from a mixture."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, AudioFileOrLabel, Tool, ToolArgs


class SoundExtractionArgs(ToolArgs):
    """Arguments of sound_extraction."""

    audio: AudioFile = Field(description="The mixture.")
    query: AudioFileOrLabel = Field(
        min_length=1,
        description=("What to extract: e.g. 'the man speaking', 'voice', 'drums', 'piano', "
                     "'singing', 'birds', 'low sounds', 'high sounds', or an example audio file "
                     "(an artifact id or an uploaded file; a local path from the command line)."),
    )


class SoundExtraction(Tool):
    """Extract the queried sound from a mixture."""

    name = "sound_extraction"
    description = (
        "Extract a sound from a mixture given a text query: speech/voice (denoised), "
        "percussion/drums, tonal instruments/singing/birds (harmonic part), low or high "
        "sounds (band filters), or a sound like an example clip. Returns the extracted audio."
    )
    Args = SoundExtractionArgs
    outputs = ("audio",)
    examples = ("extract the man speaking from this recording", "isolate the drums",
                "pull out the bird song", "keep only the low rumble")
