"""speech_enhancement: remove noise from speech, time-aligned with the input."""



from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class SpeechEnhancementArgs(ToolArgs):
    """Arguments of speech_enhancement."""

    audio: AudioFile = Field(description="The noisy speech recording.")


class SpeechEnhancement(Tool):
    """Denoise speech."""

    name = "speech_enhancement"
    description = (
        "Remove background noise from a speech recording (denoise / clean up / enhance speech). "
        "The output has the same length, sample rate and timing as the input."
    )
    Args = SpeechEnhancementArgs
    outputs = ("audio",)
    chunking = "audio"  # long recordings run block by block (agent/chunked.py)
    examples = ("remove the noise from this recording", "clean up this noisy speech",
                  "denoise my voice memo")
    hints = PlannerHints(
        intents=(
            (r"denois|de-nois|noise (?:removal|reduction|suppression|cancell?ation)|(?:remove|reduce|"
             r"suppress|cut|eliminate|filter|get rid of|kill|clean|clear|strip|scrub|wipe|ditch|lose|"
             r"take)\w* (?:out )?(?:\w+ ){0,4}(?:noise|hiss|hum|"
             r"static|background|clatter|clank|clink|dishes|traffic|buzz|crackl|rumble|wind|echo|reverb|"
             r"chatter|fan)", 3.5),
            # "the wind noise is terrible on this, fix it": a noise named, then a repair asked for
            (r"\b(?:noise|hiss|hum|buzz|static|wind|crackle|rumble)\b.{0,50}\b(?:fix|sort (?:it|this|that) out|"
             r"deal with|do something about|help|(?:remove|get rid of|kill|lose|strip|take out|eliminate) "
             r"(?:it|that|this|them))\b|"
             r"\b(?:fix|sort out|deal with)\b.{0,30}\b(?:noise|hiss|hum|buzz|static|wind)\b", 3.5),
            (r"clean (?:up|it|this|the)|clean\w* (?:\w+ ){1,3}up\b|enhanc|clearer|more (?:clear|intelligible|audible)|"
             r"improve (?:the )?(?:quality|clarity|sound|audio|speech)|noisy|too much noise|"
             r"background (?:sounds?|noise)|restore (?:the )?(?:speech|voice)", 2.5),
            (r"降噪|去噪|除噪|消噪|去除.{0,6}(?:噪|杂音)|噪音|噪声|杂音|增强|变清楚|更清晰|清晰一点|"
             r"ノイズ|雑音|クリアに|聞き取りやすく", 3.5),
        ),
        examples=("Remove the background noise", "Clean up this noisy recording",
                  "Make the speech clearer", "Reduce the hiss in this audio"),
        summary='remove noise from speech', short='denoise', label='Denoised audio',
        output_words=r"denois|clean(?:ed)?|enhanc|降噪|去噪|增强|ノイズ除去",
        keeps_voice=True,
    )
