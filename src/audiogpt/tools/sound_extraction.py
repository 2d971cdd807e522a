"""sound_extraction: extract a described sound (or one like an example clip) from a mixture."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, AudioFileOrLabel, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class SoundExtractionArgs(ToolArgs):
    """Arguments of sound_extraction."""

    audio: AudioFile = Field(description="The mixture.")
    query: AudioFileOrLabel = Field(
        min_length=1,
        description=("What to extract: e.g. 'the man speaking', 'voice', 'drums', 'piano', "
                     "'singing', 'birds', 'low sounds', 'high sounds', or an example audio file "
                     "(an artifact id or an uploaded file; a local path from the command line)."),
    )


class SoundExtraction(Tool):
    """Extract the queried sound from a mixture."""

    name = "sound_extraction"
    description = (
        "Extract a sound from a mixture given a text query: speech/voice (denoised), "
        "percussion/drums, tonal instruments/singing/birds (harmonic part), low or high "
        "sounds (band filters), or a sound like an example clip. Returns the extracted audio."
    )
    Args = SoundExtractionArgs
    outputs = ("audio",)
    examples = ("extract the man speaking from this recording", "isolate the drums",
                  "pull out the bird song", "keep only the low rumble")
    hints = PlannerHints(
        intents=(
            (r"(?:give me|want|need|get me|leave)(?: just| only)? the \w+ (?:part|track|stem|line)\b|(?:get|take|pull) the \w+ out of|\b(?:get|take|pull|lift|strip)\w* (?:the |his |her |their |just the |only the )(?:lead |main |backing )?(?:voice|vocals?|vocal (?:line|track|part)|singing|speech|dialogue|guitar|piano|drums?|bass ?line|violin|melody|sax\w*|trumpet|flute|cello) (?:\w+ )?out of\b", 3.5),
            (r"extract|take out just|everything (?:but|except)|all but the|(?:isolate|pull out|keep only|only keep|keep just|just keep|get only|separate out|single out|filter out)"
             r"(?! (?:each|the|every)? ?(?:speakers?|voices|talkers|people))|"
             r"only the (?:\w+ )?(?:sound|part)|just the (?!words|text|speech|transcript|first|second|third|last|other|new|old|one\b)\w+", 3),
            (r"提取|抽取|分离出|单独.{0,4}出|只保留|只留|只要|抽出|取り出|だけを", 3),
        ),
        examples=("Isolate the dog barking from the recording",
                  "Keep only the bird sounds", "Pull out the vocals"),
        summary='extract one sound from a mix', short='extract the sound', label='Extracted sound',
        output_words=r"extracted|isolated|\bvocals\b|\bvocal (?:track|stem|part)\b|a ?cappella|\bstem\b|提取|抽出|取り出",
        keeps_voice=True,
    )
