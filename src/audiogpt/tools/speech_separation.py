"""speech_separation: split overlapping speakers into one audio per speaker."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class SpeechSeparationArgs(ToolArgs):
    """Arguments of speech_separation."""

    audio: AudioFile = Field(description="A recording where several people speak at once "
                                         "(mono, or multi-channel from a microphone array).")
    num_speakers: int = Field(2, ge=2, le=4, description="How many speakers to separate (2-4).")


class SpeechSeparation(Tool):
    """Separate a mixture of speakers."""

    name = "speech_separation"
    description = (
        "Separate overlapping speakers in a recording into one audio file per speaker "
        "(cocktail-party separation). Single-channel input uses multi-pitch tracking and "
        "harmonic masking; multi-channel input uses ILRMA blind source separation."
    )
    Args = SpeechSeparationArgs
    outputs = ("audio",)
    examples = ("separate the two speakers in this recording",
                  "split this conversation into one file per speaker")
    hints = PlannerHints(
        intents=(
            (r"(?:separat|split|isolat|pull apart|untangle|demix|disentangle)\w* (?:\w+ ){0,6}"
             r"(?:speakers?|voices|talkers|people|persons|conversation|each (?:speaker|voice|person)|everybody|everyone|each other)|"
             r"speaker separation|speech separation|one (?:file|track) per (?:speaker|person|voice)|"
             r"each speaker|(?:each|every) (?:person|speaker|talker|voice)'?s? (?:voice )?(?:on|in|into) (?:its|their|a) "
             r"(?:own|separate)|separate tracks|own track", 3.5),
            (r"talking over each other|overlapping (?:speech|voices|speakers|talk)|cross-?talk|"
             r"(?:two|three|several|multiple) (?:people|speakers|persons) (?:are )?(?:talking|speaking)", 2),
            (r"(?:^|[.?!]\s*)(?:please )?(?:separate|split|untangle|pull apart) (?:them|it|those)\b", 1.5),
            (r"(?:分离|分开|拆分|分出).{0,8}(?:说话人|说话者|人声|声音|每个人|两个人|三个人|几个人|讲话人)|"
             r"(?:说话人|人声|每个人的声音|[两二三四几每多]个人|对话).{0,10}(?:分离|分开|拆开)|(?:把|将).{0,10}(?:声音|人声|说话人)"
             r".{0,4}(?:分开|分离)|話者ごと|話者分離|話者を分|声を分離", 3.5),
        ),
        examples=("Split the two voices into separate files",
                  "Isolate each person talking"),
        summary='separate overlapping speakers', short='separate speakers', label='Separated speakers',
        output_words=r"separated|separation|分离",
    )
