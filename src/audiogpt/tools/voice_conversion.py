"""voice_conversion: keep the words of a recording, change the voice toward a reference."""

from __future__ import annotations

from pydantic import Field

from audiogpt.core.errors import ToolInputError
from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class VoiceConversionArgs(ToolArgs):
    """Arguments of voice_conversion."""

    audio: AudioFile = Field(description="The speech recording whose voice is changed.")
    reference: AudioFile = Field(description=(
        "The target voice: an enrolled voice name ('me' = the user's own voice) or a "
        "recording of the target speaker (enrolled on the fly)."))


class VoiceConversion(Tool):
    """Same words, the reference speaker's voice."""

    name = "voice_conversion"
    description = (
        "Convert the voice of a speech recording toward a reference speaker, keeping the words "
        "and the timing: spectral envelope, pitch level and range are mapped to the reference "
        "(an enrolled voice name or a recording); the output carries an inaudible watermark."
    )
    Args = VoiceConversionArgs
    outputs = ("audio",)
    examples = ("make my recording sound like this speaker", "convert this voice to that voice",
                "make this recording sound like my voice")
    voice_args = ("reference",)

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: VoiceConversionArgs = args  # type: ignore[assignment]
        if not a.audio:
            raise ToolInputError("voice_conversion: missing required argument --audio")
        if not a.reference:
            raise ToolInputError("voice_conversion: missing required argument --reference")
