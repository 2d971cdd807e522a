"""text_to_audio: generate a sound scene (not speech, not music) from a description."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import Tool, ToolArgs


class TextToAudioArgs(ToolArgs):
    """Arguments of text_to_audio."""

    text: str = Field(min_length=1, description="Description of the sounds, e.g. 'heavy rain "
                      "on a tin roof with distant thunder'.")
    duration: float = Field(10.0, gt=0, le=300, description="Length in seconds (default 10).")


class TextToAudio(Tool):
    """Sound effects and ambiences from a text description."""

    name = "text_to_audio"
    description = (
        "Generate sound effects or an ambience (not speech or music) from a description: rain, "
        "wind, sea waves, streams, fire, thunder, birds, seagulls, crickets, footsteps, engines, "
        "traffic, bells, sirens, clocks, applause, crowds, people talking, dogs; with levels "
        "(heavy/light/distant), left/right positions and sequences ('then')."
    )
    Args = TextToAudioArgs
    outputs = ("audio",)
    examples = ("birds singing and people speaking", "heavy rain on a tin roof",
                "generate the sound of a thunderstorm", "make a sound of waves on a beach",
                "a dog barking then a car passing")
