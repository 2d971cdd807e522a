"""target_sound_detection: when does a given sound (a label or an example clip) occur?"""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, AudioFileOrLabel, Tool, ToolArgs


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
