"""audio_captioning: describe an audio file in one or two sentences."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


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
    hints = PlannerHints(
        intents=(
            (r"caption|describe|description|summari[sz]e|summary|what (?:this|the|that) (?:audio |recording |clip |file )?sounds like|what (?:is|does) (?:this|the) (?:audio|"
             r"recording|clip|sound|file) (?:about|sound like|contain)|tell me about (?:this|the) "
             r"(?:audio|recording|clip|sound)|^(?:so |and |ok,? )?what(?:'s| is) (?:this|that|it)\s*\??$|"
             r"what(?:'s| is) in (?:this|the) (?:audio|recording|clip|"
             r"file)|explain (?:this|the) (?:audio|sound|recording)", 3),
            # "which instrument plays the melody?": a question the audio-language model answers
            (r"\b(?:which|what) (?:kind of |type of |sort of )?instruments?\b|instruments? (?:is|are) (?:playing|used)", 4),
            (r"^(?:这|那)是什么[？?]?$|これは何|描述|概括|总结一下|说明一下这段|这段(?:音频|录音|声音)是什么|讲的是什么内容|"
             r"説明|キャプション|描写|要約|どんな内容", 3.5),
        ),
        examples=("Describe what you hear in this recording",
                  "What is this recording about?", "Write a short description of the sound"),
        summary='describe audio in words', short='caption', label='Caption',
        output_words=r"caption|description|描述|説明",
    )
