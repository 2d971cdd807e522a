"""speech_translation: speech in one language -> text in another (recognition + MT)."""



from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints

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
    hints = PlannerHints(
        intents=(
            # "in French please, not translated": a translation refused is not one asked for
            (r"^(?!.*(?:\bnot|n't|\bno|\bwithout|\bnever)\s+(?:\w+\s+){0,3}?translat)"
             r"(?:.*?)(?:translat|interpret)", 3.5),
            (r"\b(?:in|into) (?:english|spanish|french|german|chinese|japanese|italian|korean|"
             r"portuguese|russian) (?:please)?$", 1),
            # 翻成语音 turns text into speech (no language): not a translation
            (r"翻译(?!成(?:语音|声音|音频))|译成(?!语音|声音|音频)|译为|翻成(?!语音|声音|音频)|翻訳|訳して|訳す", 3.5),
        ),
        examples=("Translate this speech into Spanish", "What does this say in English?",
                  "Give me a French translation of the recording", "Translate the audio to German"),
        summary='translate speech', short='translate speech', label='Translation',
        output_words=r"translat|翻译|翻訳",
    )
