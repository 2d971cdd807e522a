"""voice_clone: speak a text in the voice/style of a reference recording (paper: style transfer)."""

from __future__ import annotations

import re

from pydantic import Field

from audiogpt.core.errors import ToolInputError
from audiogpt.tools.base import AudioFile, Tool, ToolArgs


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
