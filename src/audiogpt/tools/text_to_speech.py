"""text_to_speech: text -> spoken audio, voice chosen by name or language."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import Tool, ToolArgs


class TextToSpeechArgs(ToolArgs):
    """Arguments of text_to_speech."""

    text: str = Field(min_length=1, description="The text to speak.")
    voice: str | None = Field(
        None, max_length=64,
        description="Voice name: joe (US male, Piper neural voice, default English), "
                    "slt_hts (US female, festival HTS), slt (US female, flite), rms (US male), "
                    "awb (Scottish male), kal16 (US male diphone), kal_diphone, or "
                    "espeak-<lang> for other languages (e.g. espeak-zh).",
    )
    language: str = Field("en", min_length=2, max_length=12,
                          pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$",
                          description="ISO 639-1 code of the text's language (default en).")
    speed: float = Field(1.0, ge=0.25, le=4.0,
                         description="Speaking rate factor (1 = normal, 1.5 = faster).")
    sample_rate: int | None = Field(
        None, description="Output sample rate in Hz: 16000, 22050 or 24000 (also 8000, 32000, "
                          "44100, 48000); default: the voice's own rate.")


class TextToSpeech(Tool):
    """Speak text aloud."""

    name = "text_to_speech"
    description = (
        "Convert text to speech audio. Choose a voice by name or a language (ISO 639-1: en, "
        "zh, ja, es, fr, de, ... 100+ languages), and a speed. Long text is read sentence by "
        "sentence."
    )
    Args = TextToSpeechArgs
    outputs = ("audio",)
    examples = ("read this text aloud: hello world", "say 'good morning' in a female voice",
                "convert this sentence to speech", "speak this in Chinese: 你好",
                "say 'welcome home' with a male voice", "read it with the voice slt")

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        from audiogpt.backends.speech.synthesis.offline import SAMPLE_RATES, resolve_voice
        from audiogpt.core.errors import ToolInputError

        a: TextToSpeechArgs = args  # type: ignore[assignment]
        if not any(ch.isalnum() for ch in a.text):
            raise ToolInputError("text_to_speech: --text is empty (nothing to say)")
        if a.sample_rate is not None and a.sample_rate not in SAMPLE_RATES:
            raise ToolInputError(
                f"text_to_speech: --sample_rate {a.sample_rate} is not one of "
                + ", ".join(str(r) for r in SAMPLE_RATES))
        resolve_voice(a.voice, a.language)
