"""watermark_detection: does a file carry the watermark of audiogpt's cloned voices?"""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class WatermarkDetectionArgs(ToolArgs):
    """Arguments of watermark_detection."""

    audio: AudioFile = Field(description="The audio file to check.")


class WatermarkDetection(Tool):
    """Detect the keyed watermark of synthesized (cloned) voices."""

    name = "watermark_detection"
    description = (
        "Check whether an audio file carries the inaudible watermark that audiogpt puts in "
        "every voice it clones or converts, and if so which tool made it and on which day. "
        "Survives MP3, gain changes and resampling. Use it to tell a cloned voice from a real "
        "recording."
    )
    Args = WatermarkDetectionArgs
    outputs = ()
    examples = ("is this recording a cloned voice?", "was this audio made by audiogpt?",
                "check this file for a watermark", "is this voice real or synthesized?",
                "detect the watermark in this clip")
