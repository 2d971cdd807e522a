"""talking_head: a video of a face speaking the given audio."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, ImageFile, Tool, ToolArgs


class TalkingHeadArgs(ToolArgs):
    """Arguments of talking_head."""

    audio: AudioFile = Field(description="The speech the face says.")
    image: ImageFile | None = Field(
        None, description="Optional portrait (a frontal face); without it a drawn face is used.")


class TalkingHead(Tool):
    """Lip-synced talking-head video from speech and an optional portrait."""

    name = "talking_head"
    description = (
        "Make a talking-head video (mp4 with the audio): a face whose mouth follows the speech, "
        "with blinks and small head motion. Uses the given portrait image (its face is found and "
        "animated) or a drawn face."
    )
    Args = TalkingHeadArgs
    outputs = ("video",)
    examples = ("make a talking head video of this speech", "animate this portrait saying this",
                "generate a talking face for the audio")
