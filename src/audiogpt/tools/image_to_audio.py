"""image_to_audio: a soundscape that matches what an image shows."""



from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import ImageFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


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
    examples = ("what does this picture sound like?", "make the sound of this photo")
    hints = PlannerHints(
        intents=(
            (r"(?:image|picture|photo|photograph|drawing|scene|painting|png|jpe?g)", 2.5),
            (r"sound (?:for|of|to match|that fits) (?:this|the) (?:image|picture|photo|scene)|"
             r"what (?:does|would) (?:this|the) (?:image|picture|photo|scene) sound like|sonif", 3),
            (r"图片|图像|照片|画面|这张图|画像|写真|絵", 2.5),
        ),
        examples=("What would this picture sound like?",
                  "Make a soundtrack matching the scene in this photo"),
        summary='make sound for an image', short='make sound for the image', label='Sound for the image',
        output_words=r"generated sound|sound effect|generated audio|生成的(?:声音|音效|音频)",
    )
