"""target_sound_detection: when does a given sound (a label or an example clip) occur?"""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, AudioFileOrLabel, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class TargetSoundDetectionArgs(ToolArgs):
    """Arguments of target_sound_detection."""

    audio: AudioFile = Field(description="The audio to search.")
    target: AudioFileOrLabel = Field(
        min_length=1,
        description=("The sound to find: a label (e.g. speech, dog bark, rain, bird, music) or "
                     "an example audio file of the sound (an artifact id or an uploaded file; "
                     "a local path from the command line)."),
    )


class TargetSoundDetection(Tool):
    """Find when a target sound occurs."""

    name = "target_sound_detection"
    description = (
        "Find when a target sound occurs in an audio file. The target is a sound label "
        "(speech, singing, music, babble, dog bark/knock/clap, rain/wind/engine noise, "
        "bird/whistle/siren, silence) or an example clip of the sound (query by example). "
        "Returns segments [{start, end, score}]."
    )
    Args = TargetSoundDetectionArgs
    outputs = ()
    examples = ("when did the dog bark?", "find where someone is speaking",
                  "where does this sound occur in the recording?")
    hints = PlannerHints(
        intents=(
            (r"\bwhere (?:in (?:this|the) \w+ )?(?:does|do|is|are|did|can)\b|\bwhen (?:\w+ )?(?:does|do|is|are|did|was|were)\b|at what (?:time|point|moment)|what time does|"
             r"(?:find|locate|spot|mark|show me) (?:\w+ )?(?:times?|moments?|timestamps?|where|when)|"
             r"timestamps? (?:of|for|when)|(?:is|are) there (?:a|an|any) .{1,30}(?:in|within)|"
             r"(?:detect|find|show|tell me|mark|identify|list) (?:exactly )?(?:when|where)\b|"
             r"(?:detect|find|locate|spot|mark|count) (?:the |all |every |each )?(?:\w+ )?(?:barks?|barking|cries|"
             r"crying|rings?|ringing|honks?|knocks?|knocking|claps?|coughs?|coughing|sneezes?|laughs?|"
             r"laughter|screams?|gunshots?|shots|alarms?|sirens?|footsteps|beeps?|meows?)\b|"
             r"how many times|does (?:the |this )?(?:\w+ ){0,2}(?:contain|include)|^(?:is|are|was|were) "
             r"(?:someone|somebody|anyone|anybody|a|an|the|there|any) .{1,30}\b(?:in|on) (?:this|the)\b|"
             r"(?:detect|find|locate|spot) (?:the |a |an |any |every |each )?(?!(?:the |all |any )?(?:sound events|events|"
             r"sounds|noises|audio events)\b)\w+ (?:\w+ )?(?:in|within|inside)", 3),
            (r"什么时候|何时|哪个时间|几秒|时间点|时间段|在哪里出现|有没有.{1,10}(?:声|音)|定位|出现的时间|"
             r"いつ|何秒|どこで.{0,6}(?:鳴|聞こえ)", 3),
        ),
        examples=("When does the dog bark in this clip?", "Find the moments where a baby cries",
                  "At what time does the doorbell ring?", "Locate the car horn in the recording"),
        summary='find when a given sound occurs', short='find the sound', label='Target sound',
    )
