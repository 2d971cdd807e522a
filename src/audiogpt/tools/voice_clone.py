"""voice_clone: speak a text in the voice/style of a reference recording (paper: style transfer)."""

from __future__ import annotations

import re

from pydantic import Field

from audiogpt.core.errors import ToolInputError
from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class VoiceCloneArgs(ToolArgs):
    """Arguments of voice_clone."""

    text: str = Field(description="What the cloned voice should say.")
    reference: AudioFile = Field(description="A recording of the voice to imitate (a few seconds "
                                             "of speech).")
    language: str = Field("en", description="Language of the text, ISO 639-1 (en, es, zh, ...).")


class VoiceClone(Tool):
    """Text to speech in the reference speaker's voice."""

    name = "voice_clone"
    description = (
        "Say a text in the voice of a reference speaker (voice cloning / style transfer): "
        "synthesizes the text, then moves pitch, pitch range, formants (vocal-tract length) "
        "and speaking rate toward the reference recording. E.g. 'read my diary in my own voice'."
    )
    Args = VoiceCloneArgs
    outputs = ("audio",)
    examples = ("read this text in my voice", "say 'good morning' in the voice of this recording",
                "clone this speaker and make it say hello")

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
