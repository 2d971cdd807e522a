"""sound_event_detection: what sounds occur and when, with a posteriorgram image."""



from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class SoundEventDetectionArgs(ToolArgs):
    """Arguments of sound_event_detection."""

    audio: AudioFile = Field(description="The audio to analyse.")


class SoundEventDetection(Tool):
    """Detect sound events over time."""

    name = "sound_event_detection"
    description = (
        "Detect which sounds occur and when: speech, singing, music, babble, impulsive sounds "
        "(barks, knocks), steady noise (rain, wind, engines), tonal sounds (birds, whistles, "
        "sirens) and silence. Returns events [{label, start, end, score}] and a posteriorgram "
        "image (classes x time)."
    )
    Args = SoundEventDetectionArgs
    outputs = ("image",)
    chunking = "events"  # long recordings run block by block (agent/chunked.py)
    examples = ("what sounds are in this recording?", "detect the sound events in this file",
                  "when is there speech in this audio?")
    hints = PlannerHints(
        intents=(
            (r"(?:sound|audio|acoustic) events?|detect (?:the |all )?(?:sounds|events|noises)|"
             r"(?:what|which) (?:kinds? of )?(?:sounds|noises|events)|what can you hear|what do you hear|"
             r"(?:identify|classify|tag|label|recogni[sz]e|list) (?:the |all |every )?(?:\w+ )?(?:sounds|"
             r"noises|events|audio events)|what(?:'s| is) (?:happening|going on)|sounds? (?:are )?"
             r"(?:present|in (?:this|the))|classify (?:this|the) (?:audio|sound|clip)|"
             r"what (?:sound|noise) is (?:this|that)|what(?:'s| is) making (?:the |this |that |a |some |all "
             r"(?:the|this|that) )?(?:sound|noise)|label (?:the |all )?(?:sound )?events", 3),
            # "a timeline of all the noises", "list each sound in it with the times": the sounds, listed
            (r"\b(?:list|log|timeline|catalog(?:ue)?|inventory|rundown|tally)\b(?: of)? "
             r"(?:the |all |every |each )*(?:of )?(?:the )?(?:\w+ )?"
             r"(?:sounds?|noises?|(?:sound |audio )?events?)\b", 3.5),
            (r"声音事件|声学事件|检测.{0,6}(?:事件|声音)|有(?:哪些|什么)声音|什么声音|(?:识别|分类).{0,6}"
             r"(?:声音|音频事件)|听到了什么|音イベント|どんな音|何の音|音を検出", 3),
        ),
        examples=("What sounds can you hear in this clip?",
                  "Identify all the noises in the audio", "Tag the sounds in this file",
                  "What is happening in this recording?"),
        summary='detect sound events', short='detect sound events', label='Sound events',
    )
