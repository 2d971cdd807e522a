"""audio_captioning: describe an audio file in one or two sentences."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class AudioCaptioningArgs(ToolArgs):
    """Arguments of audio_captioning."""

    audio: AudioFile = Field(description="The audio to describe.")
    question: str | None = Field(
        None, min_length=1,
        description=("Optional question about the audio (e.g. 'which instrument plays?'); "
                     "answered by an audio-language model backend."),
    )


class AudioCaptioning(Tool):
    """Describe audio in words."""

    name = "audio_captioning"
    description = (
        "Describe an audio file in one or two sentences: which sounds occur and when, speech "
        "(voice pitch, first words when recognisable), music (tempo, key), loudness and "
        "background. With a question, an audio-language model answers it about the file."
    )
    Args = AudioCaptioningArgs
    outputs = ("text",)
    examples = ("describe this audio", "what is this recording?", "caption this sound")
