"""sound_event_detection: what sounds occur and when, with a posteriorgram image."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class SoundEventDetectionArgs(ToolArgs):
    """Arguments of sound_event_detection."""

    audio: AudioFile = Field(description="The audio to analyse.")


class SoundEventDetection(Tool):
    """Detect sound events over time."""

    name = "sound_event_detection"
    description = (
        "Detect which sounds occur and when: speech, singing, music, babble, impulsive sounds "
        "(barks, knocks), steady noise (rain, wind, engines), tonal sounds (birds, whistles, "
        "sirens) and silence. Returns events [{label, start, end, score}] and a posteriorgram "
        "image (classes x time)."
    )
    Args = SoundEventDetectionArgs
    outputs = ("image",)
    chunking = "events"  # long recordings run block by block (agent/chunked.py)
    examples = ("what sounds are in this recording?", "detect the sound events in this file",
                "when is there speech in this audio?")
