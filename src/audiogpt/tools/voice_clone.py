"""voice_clone: speak a text in the voice/style of a reference recording (paper: style transfer)."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

import re

from pydantic import Field

from audiogpt.core.errors import ToolInputError
from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class VoiceCloneArgs(ToolArgs):
    """Arguments of voice_clone."""

    text: str = Field(description="What the cloned voice should say.")
    reference: AudioFile = Field(description=(
        "The voice to speak in: an enrolled voice name (see `audiogpt voices list`; 'me' = "
        "the user's own voice, or the only enrolled one) or an audio file of that speaker "
        "(enrolled on the fly; 30-60 s of speech works best)."))
    language: str = Field("en", description="Language of the text, ISO 639-1 (en, es, zh, ...).")


class VoiceClone(Tool):
    """Text to speech in the reference speaker's voice."""

    name = "voice_clone"
    description = (
        "Say a text in the voice of a reference speaker (voice cloning / style transfer). The "
        "reference is an enrolled voice name ('me' for the user's own voice) or a recording. "
        "The voice is learned from the speaker's recorded speech (spectral envelope, pitch, "
        "speaking rate); the output carries an inaudible watermark. E.g. 'read my diary "
        "entry in my own voice'."
    )
    Args = VoiceCloneArgs
    outputs = ("audio",)
    examples = ("read this text in my voice", "say 'good morning' in the voice of this recording",
                "clone this speaker and make it say hello",
                "read today's diary entry in my own voice",
                "read this entry in my voice: today I walked by the sea",
                "make grandma's voice say happy birthday",
                "use my enrolled voice to say I will be late tonight")
    voice_args = ("reference",)

    hints = PlannerHints(
        intents=(
            (r"\b(?:this|that|the same) (?:voice|speaker|person|guy|woman|man|narrator)\b.{0,12}\b(?:say|read|speak|sing)\b", 3.5),
            # a person's voice as the means of speaking: "in the original speaker's voice", "私の声で"
            (r"\bin (?:his|her|their|the (?:original |same |first |second )?(?:speaker|narrator|person|guy|woman|man|singer|caller)'s) "
             r"(?:own |original |real )?voice\b|(?:私|自分|彼|彼女|話者|話し手|本人)の声で|用(?:我|他|她|我自己)的声音", 3.5),
            (r"clone|mimic|imitat|impersonat|replicat|copy (?:this|the|that|his|her|my) voice|in (?:the|my|his|her|their|this|that) (?:[\w']+ ){0,2}voice|"
             r"voice of (?:this|the|that|my)|(?:sounding|sounds?) like (?:this|the|that) (?:speaker|"
             r"person|voice|recording)|same voice|using (?:this|the|that) (?:voice|speaker)|"
             r"style of (?:this|the) (?:speaker|voice|recording)|(?:this|that|the) (?:person|speaker|guy|woman|man|"
             r"narrator)'s voice|(?:talk|speak|sound)\w* like (?:the|this|that) "
             r"(?:person|speaker|guy|woman|man|voice|narrator)|(?:make|let|have) (?:this|the|that) "
             r"(?:voice|speaker|person) (?:say|read|speak)|(?:use|using|with) (?:this|the|that|my|his|her) "
             r"(?:\w+(?:'s)? )?voice", 3),
            (r"克隆|模仿|用(?:这个|他|她|我|这段|该)的?(?:声音|嗓音)|用.{0,8}的声音|同样的声音|"
             r"声で|の声|クローン|声をまね", 3),
        ),
        examples=("Say this sentence in the voice of this recording", "Clone this voice to say hello",
                  "Make this speaker say good night", "Read my text using the voice in the sample"),
        summary='speak text in a reference voice (voice cloning)', short='speak in the reference voice', label='Cloned-voice speech',
        output_words=r"synthes|spoken|speech (?:you|we) (?:made|generated)|tts|合成的(?:语音|声音)|読み上げ|clon",
    )

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: VoiceCloneArgs = args  # type: ignore[assignment]
        if not re.search(r"\w", a.text):
            raise ToolInputError("voice_clone: --text is empty (nothing to say)")
        if not a.reference:
            raise ToolInputError("voice_clone: missing required argument --reference")
        if not re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z]{2,4})?", a.language):
            raise ToolInputError(f"voice_clone: --language {a.language!r} is not an ISO 639-1 "
                                 "code (e.g. en, es, zh)")
