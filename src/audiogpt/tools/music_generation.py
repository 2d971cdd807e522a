"""music_generation: compose and render music from a text description."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import Tool, ToolArgs


class MusicGenerationArgs(ToolArgs):
    """Arguments of music_generation."""

    text: str = Field(
        min_length=1,
        description="What music to make: mood, genre, tempo (e.g. '90 bpm', 'slow'), key "
                    "('in D minor'), instruments ('piano and strings'), or how the user feels.",
    )
    duration: float | None = Field(
        None, gt=0, le=600,
        description="Length in seconds (default: a duration named in the text, else 20).",
    )
    seed: int | None = Field(
        None, ge=0, description="Random seed; the same text and seed give the same music.",
    )


class MusicGeneration(Tool):
    """Music generation from a description."""

    name = "music_generation"
    description = (
        "Compose and render a piece of music from a text description (mood, genre, tempo, key, "
        "instruments, how the listener feels). Returns the audio and the MIDI score."
    )
    Args = MusicGenerationArgs
    outputs = ("audio", "midi")
    examples = (
        "I am tired today, can you generate a music for me?",
        "make an upbeat happy pop song at 128 bpm",
        "compose a sad piano piece in D minor, 30 seconds",
        "generate relaxing ambient music for sleep",
    )
