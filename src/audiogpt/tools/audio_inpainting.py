"""audio_inpainting: fill a masked region [start, end] of a recording."""



from __future__ import annotations

from pydantic import Field

from audiogpt.core.errors import ToolInputError
from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class AudioInpaintingArgs(ToolArgs):
    """Arguments of audio_inpainting."""

    audio: AudioFile = Field(description="The audio with a region to fill.")
    start: float = Field(ge=0, description="Start of the region to fill, in seconds.")
    end: float = Field(gt=0, description="End of the region to fill, in seconds.")


class AudioInpainting(Tool):
    """Reconstruct a missing or damaged region of audio from its surroundings."""

    name = "audio_inpainting"
    description = (
        "Inpaint (fill in) the region between start and end seconds of an audio file from the "
        "surrounding audio: short gaps by autoregressive interpolation, long gaps by "
        "autoregressive extrapolation from both sides plus the most similar part of the "
        "recording. Audio outside the region is unchanged. "
        "Returns the repaired audio and a before/after mel spectrogram."
    )
    Args = AudioInpaintingArgs
    outputs = ("audio", "image")
    examples = ("fill the gap between 1.2 and 1.5 seconds",
                  "repair the dropout at 3 s to 3.1 s", "inpaint the masked part of this audio")

    hints = PlannerHints(
        intents=(
            (r"inpaint|fill (?:in )?(?:(?:the|that|this|those|these|any|its) )?(?:\w+ )?"
             r"(?:gap|gaps|hole|holes|missing|silence|dropouts?)|"
             r"(?:restore|repair|fix|reconstruct|recover|patch)\w* (?:\w+ ){0,4}(?:gap|missing|"
             r"dropout|damaged|corrupted|section|part|segment|glitch)", 4),
            (r"(?:damaged|corrupted|missing|dropout|drop-out|glitch|gap|silent|silence|cut out|muted)\w*\W.{0,40}"
             r"(?:repair|fix|restore|fill|reconstruct|recover|patch)|"
             r"\b(?:dropouts?|drop-outs?|gaps?|holes?|glitch(?:es)?|skips?)\b.{0,80}"
             r"\b(?:fill\w*|patch\w*|seamless\w*)", 4),
            (r"修复|补全|填补|填充|缺失|修补|修復|補完|欠損|穴埋め", 4),
        ),
        examples=("Inpaint the audio between 1 and 2 seconds", "Fill in the missing part from 3 s to 4 s",
                  "Repair the damaged section of this clip"),
        summary='fill in a missing part of audio (inpainting)', short='inpaint', label='Inpainted audio',
        output_words=r"inpaint|repaired|restored|修复",
    )

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: AudioInpaintingArgs = args  # type: ignore[assignment]
        if a.start >= a.end:
            raise ToolInputError(
                f"audio_inpainting: --start ({a.start:g}) must be less than --end ({a.end:g})"
            )
