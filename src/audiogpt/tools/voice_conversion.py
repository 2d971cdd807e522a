"""voice_conversion: keep the words of a recording, change the voice toward a reference."""



from __future__ import annotations

from pydantic import Field

from audiogpt.core.errors import ToolInputError
from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class VoiceConversionArgs(ToolArgs):
    """Arguments of voice_conversion."""

    audio: AudioFile = Field(description="The speech recording whose voice is changed.")
    reference: AudioFile = Field(description=(
        "The target voice: an enrolled voice name ('me' = the user's own voice) or a "
        "recording of the target speaker (enrolled on the fly)."))


class VoiceConversion(Tool):
    """Same words, the reference speaker's voice."""

    name = "voice_conversion"
    description = (
        "Convert the voice of a speech recording toward a reference speaker, keeping the words "
        "and the timing: spectral envelope, pitch level and range are mapped to the reference "
        "(an enrolled voice name or a recording); the output carries an inaudible watermark."
    )
    Args = VoiceConversionArgs
    outputs = ("audio",)
    examples = ("make my recording sound like this speaker", "convert this voice to that voice",
                "make this recording sound like my voice")
    voice_args = ("reference",)

    hints = PlannerHints(
        intents=(
            (r"voice conversion|convert (?:the |my |his |her |this )?voice|change (?:the |my |his |her )?"
             r"voice|swap (?:the )?voices?|voice swap|transform (?:the |my )?voice|"
             r"\b(?:convert|turn|change|transform|switch)\w* (?:it|this|that|them|(?:the|my|this) \w+) (?:in)?to "
             r"(?:the |a |his |her |their |that )?(?:\w+ )?voice (?:in|of|from)\b|"
             r"\b(?:convert|turn|change|transform|switch)\w* (?:it|this|that|them|"
             r"(?:the|my|this|his|her|our|[\w-]+'s) (?:[\w'-]+ ){0,3}?"
             r"(?:recording|message|voicemail|memo|note|clip|audio|speech|take|vocals?|singing)) (?:in)?to "
             r"(?:my|his|her|their|our|[\w-]+'s) (?:own )?voice\b", 3.5),
            (r"(?:sound|sounds) like (?:the )?(?:speaker|person|voice|one) (?:of|in|from) (?:the )?"
             r"(?:second|other|2nd|reference|that)|make (?:the )?(?:first|this) (?:clip|recording|"
             r"file|audio|one) sound like|in the voice of the (?:second|other)|(?:speaker|person|voice|"
             r"speech|talker) (?:in|of|from) the (?:second|other|reference|2nd|next)", 3.5),
            # "my line has to sound like our narrator": a recording that should take another person's voice
            (r"\b(?:it|this|that|my (?:line|take|read|recording|voice|delivery|part)) (?:has to|needs to|should|must|"
             r"has got to|gotta|to) sound like (?:our|my|the|his|her|their|that) (?!(?:\w+ )?(?:robot|radio|tele?phone|"
             r"chipmunk|megaphone|church|hall|cathedral|room|cave|bathroom|stadium|space|underwater)\b)[\w-]+|"
             r"\bkeep (?:my|the|his|her|our) (?:own )?(?:timing|delivery|intonation|pacing|performance|phrasing)\b", 4),
            (r"变声|声音转换|转换.{0,4}声音|换成.{0,12}(?:的?声音|说话人|音色)|音色|换声|变成.{0,8}的声音|声質変換|声を変換|"
             r"声を変え", 3.5),
        ),
        examples=("Make the first clip sound like the speaker of the second",
                  "Convert my voice to the reference speaker", "Change the voice in this recording to that one"),
        summary='convert a voice to another speaker', short='convert the voice', label='Converted voice',
        output_words=r"convert(?:ed)? voice|converted",
    )

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: VoiceConversionArgs = args  # type: ignore[assignment]
        if not a.audio:
            raise ToolInputError("voice_conversion: missing required argument --audio")
        if not a.reference:
            raise ToolInputError("voice_conversion: missing required argument --reference")
