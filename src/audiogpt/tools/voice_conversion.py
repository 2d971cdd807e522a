"""voice_conversion: keep the words of a recording, change the voice toward a reference."""

from __future__ import annotations

from pydantic import Field

from audiogpt.core.errors import ToolInputError
from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class VoiceConversionArgs(ToolArgs):
    """Arguments of voice_conversion."""

    audio: AudioFile = Field(description="The speech recording whose voice is changed.")
    reference: AudioFile = Field(description="A recording of the target voice.")


class VoiceConversion(Tool):
    """Same words, the reference speaker's voice."""

    name = "voice_conversion"
    description = (
        "Convert the voice of a speech recording toward a reference speaker, keeping the words "
        "and the timing: pitch level and range and formants (vocal-tract length) are matched "
        "to the reference recording."
    )
    Args = VoiceConversionArgs
    outputs = ("audio",)
    examples = ("make my recording sound like this speaker", "convert this voice to that voice")

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: VoiceConversionArgs = args  # type: ignore[assignment]
        if not a.audio:
            raise ToolInputError("voice_conversion: missing required argument --audio")
        if not a.reference:
            raise ToolInputError("voice_conversion: missing required argument --reference")
