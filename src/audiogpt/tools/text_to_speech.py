"""text_to_speech: text -> spoken audio, voice chosen by name or language."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


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

    hints = PlannerHints(
        intents=(
            (r"(?:written|text|typed) (?:\w+ )?(?:words|content|text|sentences?)?\s*(?:in)?to (?:natural[- ]sounding |spoken |natural )?(?:speech|spoken audio|voice|audio)|"
             r"(?:voice|speech) from (?:the |my |a |this |some )?text|\bspeech synthesis\b|natural[- ]sounding (?:speech|voice)|voice audio with the text", 3),
            (r"\bsay\b|\bspeak\b|pronounce|read (?:\w+ )?(?:aloud|out)|read (?:this|it|the following)"
             r"|text[- ]to[- ]speech|\btts\b|narrat|voice ?over|speak (?:it|this|out)|out loud|aloud", 3),
            (r"(?:hear|have|get) .{0,40}(?:spoken|said|read out|voiced)|\bspoken (?:aloud|out)|"
             r"\b(?:read|recite|announce|voice|utter|say|speak)\b.{0,25}QTEXT|QTEXT\d+\W{0,3}(?:aloud|out loud)|"
             r"^voice (?:this|the following|these|my)|(?:voice|speech|audio|someone|somebody|a person|"
             r"robot|narrator|announcer) (?:saying|that says|announcing|reading|speaking)|"
             # "an audio file at 16 kHz that says '...'": a file to make whose words are quoted
             r"\b(?:file|clip|audio|recording|message|greeting|announcement|prompt|something|one)\b[^.?!]{0,30}"
             r"\b(?:that|which) (?:says|goes)\s*[:,]?\s*QTEXT", 3),
            (r"QTEXT\d+.{0,6}(?:读出来|念出来|说出来|读一下|念一下)|(?:读|念|说)出?.{0,3}QTEXT", 3),
            # "play me that transcript as speech", "把转写的文字翻成语音": a text turned into speech
            (r"\b(?:transcript(?:ion)?|translation|text|summary|notes?|caption|description|answer)\b.{0,30}\b"
             r"(?:as|into|in|to) (?:spoken |synthetic )?(?:speech|spoken words|a voice|voice|spoken audio)\b|"
             r"(?:文字|文本|转写|转录|译文|翻译|稿).{0,12}(?:翻成|转成|变成|转为|合成|做成)(?:语音|声音|音频)|"
             r"(?:テキスト|文字|書き起こし|翻訳).{0,10}(?:音声に|読み上げ)", 3.5),
            (r"synthesi[sz]e (?:speech|a voice|voice|the sentence|the text|spoken)|spoken version|"
             r"(?:generate|create|make|produce) (?:a |some )?(?:speech|spoken|voice (?:message|clip|line)"
             r"|audio of (?:someone|a person|me) saying)|(?:turn|convert) .*(?:text|sentence|words).* "
             r"(?:into|to) (?:speech|audio|voice)", 3),
            (r"朗读|读出|念出|念一下|读一下|读一遍|念|说出|说一句|说：|语音合成|合成语音|合成一段语音|转成语音|"
             r"转为语音|(?:转换|转化|变|做)成语音|转语音|生成语音|配音|音声にして|音声化|(?:用语音|大声|帮我|请)说|说一(?:声|下|句)|読み上げ|読んで|音読|話して|言って|音声合成|(?:读|念)给.{0,3}听|(?:读|念)出来|読み聞かせ", 3),
        ),
        examples=("Read this sentence aloud", "Say good morning", "Convert this text to speech",
                  "Speak the following words", "Synthesize speech saying hello",
                  "Can you pronounce this for me"),
        summary='speak text (TTS)', short='speak text', label='Synthesized speech',
        output_words=r"synthes|spoken|speech (?:you|we) (?:made|generated)|tts|合成的(?:语音|声音)|読み上げ",
    )

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        """Checks that hold for every backend; voices, languages and output rates are each
        backend's own (it raises ToolInputError or BackendUnavailable)."""
        from audiogpt.core.errors import ToolInputError

        a: TextToSpeechArgs = args  # type: ignore[assignment]
        if not any(ch.isalnum() for ch in a.text):
            raise ToolInputError("text_to_speech: --text is empty (nothing to say)")
