"""speech_recognition: speech -> text with word and segment timestamps."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class SpeechRecognitionArgs(ToolArgs):
    """Arguments of speech_recognition."""

    audio: AudioFile = Field(description="The speech recording to transcribe.")
    language: str = Field("en", min_length=2, max_length=12, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$",
                          description="ISO 639-1 code of the spoken language (default en).")


class SpeechRecognition(Tool):
    """Transcribe speech (automatic speech recognition)."""

    name = "speech_recognition"
    description = (
        "Transcribe speech in an audio file to text (automatic speech recognition), with word "
        "and segment timestamps in seconds. Offline model: English; other languages need the "
        "Whisper backend."
    )
    Args = SpeechRecognitionArgs
    outputs = ("text",)
    chunking = "text"  # long recordings run block by block (agent/chunked.py)
    examples = ("transcribe this recording", "what does the speaker say?",
                "write down the words in this audio", "give me the transcript with timestamps")
