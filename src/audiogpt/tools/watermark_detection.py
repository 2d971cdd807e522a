"""watermark_detection: does a file carry the watermark of audiogpt's cloned voices?"""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


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
    hints = PlannerHints(
        intents=(
            (r"watermark|(?:cloned|clone|fake|synthe\w*|generated|deep ?fake|real|genuine|authentic)"
             r"\b.{0,20}\b(?:voice|recording|speech|audio)\b.{0,12}\?|(?:made|generated|created) (?:by|with) "
             r"(?:audiogpt|this (?:app|tool))|is (?:this|it|that) (?:voice |recording )?(?:real|fake|cloned"
             r"|synthesi[sz]ed|genuine)", 4.0),
            (r"水印|是不是(?:克隆|合成)|真(?:的|人)还是(?:合成|克隆)|透かし|クローン音声か|合成音声か", 4.0),
        ),
        summary="check a file for the watermark of cloned voices", short="check for a watermark",
        label="Watermark", output_words=r"watermark")
