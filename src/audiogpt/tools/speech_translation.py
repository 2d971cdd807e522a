"""speech_translation: speech in one language -> text in another (recognition + MT)."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs

_LANG = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$"


class SpeechTranslationArgs(ToolArgs):
    """Arguments of speech_translation."""

    audio: AudioFile = Field(description="The speech recording to translate.")
    target_language: str = Field(min_length=2, max_length=12, pattern=_LANG,
                                 description="ISO 639-1 code of the language to translate into.")
    source_language: str | None = Field(
        None, min_length=2, max_length=12, pattern=_LANG,
        description="ISO 639-1 code of the spoken language; omit it to detect the language.")


class SpeechTranslation(Tool):
    """Translate speech into text in another language."""

    name = "speech_translation"
    description = (
        "Translate the speech in an audio file into another language: Whisper translates any "
        "language into English; other targets go through offline machine translation. Returns "
        "the translated text and the transcript. "
        "For spoken output, chain text_to_speech on the translation."
    )
    Args = SpeechTranslationArgs
    outputs = ("text",)
    examples = ("translate this recording into Spanish", "what does he say, in Catalan?",
                "translate the speech to Galician")
