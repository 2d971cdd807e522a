"""music_generation: compose and render music from a text description."""



from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


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
    hints = PlannerHints(
        intents=(
            (r"music|\bsongs?\b|melod|tune|compose|composition|\bbeat\b|soundtrack|jingle|instrumental|"
             r"piano piece|symphony|lullaby|(?<![a-z])bgm(?![a-z])|\d+\s*bpm\b|"
             r"chords?|\briff\b|loop for|groove|bass ?line|"
             r"drum (?:beat|loop|pattern)|rhythm|hip[- ]?hop|jazz|techno|\bedm\b|lo-?fi|orchestra|"
             r"ballad|anthem|waltz|march\b", 3),
            (r"音乐|乐曲|曲子|旋律|作曲|配乐|歌曲|一首|背景乐|钢琴曲|音楽|作曲|メロディ|曲を", 3),
        ),
        examples=("Generate a happy piano melody",
                  "Make a short upbeat song", "Create background music for a video"),
        summary='compose music', short='compose music', label='Music',
        output_words=r"music|song|melody|tune|音乐|曲",
    )
