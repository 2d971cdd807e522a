"""image_to_audio: a soundscape that matches what an image shows."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import ImageFile, Tool, ToolArgs


class ImageToAudioArgs(ToolArgs):
    """Arguments of image_to_audio."""

    image: ImageFile = Field(description="The image (png, jpeg, ...) to sonify.")
    duration: float = Field(10.0, gt=0, le=300, description="Length in seconds (default 10).")


class ImageToAudio(Tool):
    """Sound of a picture: analyse the scene, render matching ambience."""

    name = "image_to_audio"
    description = (
        "Generate the sound of the scene in an image: analyses colours, brightness, texture, "
        "horizon, sky, water, vegetation, sand, fire and faces, then renders a matching "
        "soundscape (waves, wind, birds, crickets, traffic, voices...) and says what it inferred."
    )
    Args = ImageToAudioArgs
    outputs = ("audio",)
    examples = ("what does this picture sound like?", "generate audio for this image",
                "make the sound of this photo")
