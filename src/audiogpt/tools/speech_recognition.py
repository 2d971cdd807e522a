"""speech_recognition: speech -> text with word and segment timestamps."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class SpeechRecognitionArgs(ToolArgs):
    """Arguments of speech_recognition."""

    audio: AudioFile = Field(description="The speech recording to transcribe.")
    language: str | None = Field(
        None, min_length=2, max_length=12, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$",
        description="ISO 639-1 code of the spoken language; omit it to detect the language.")
    prompt: str | None = Field(
        None, max_length=800,
        description="Optional vocabulary or spelling hint: names, terms or a sentence in the "
                    "style of the speech (Whisper's initial prompt).")


class SpeechRecognition(Tool):
    """Transcribe speech (automatic speech recognition)."""

    name = "speech_recognition"
    description = (
        "Transcribe speech in an audio file to text (automatic speech recognition) in any of "
        "99 languages, detecting the language, with word and segment timestamps in seconds."
    )
    Args = SpeechRecognitionArgs
    outputs = ("text",)
    chunking = "text"  # long recordings run block by block (agent/chunked.py)
    examples = ("what does the speaker say?",
                  "write down the words in this audio", "give me the transcript with timestamps")
    hints = PlannerHints(
        intents=(
            (r"transcri|speech[- ]to[- ]text|\bstt\b|\basr\b|dictat|(?:write|type) (?:down|out|up) (?:what|everything|all)|"
             r"(?:jot|write|note|type|take|put) (?:\w+ )?down (?:the |what|everything)|"
             r"(?:jot|write|type|take|put) (?:it|this|that|them|everything|it all) (?:down|out)\b(?! (?:to|by|the volume))|"
             r"(?:the |every )words (?:in|of|from) (?:this|the)|spoken words|what(?:'s| is| was) (?:being )?said|"
             r"so (?:that )?I can read|text of (?:this|the)|in writing|written (?:form|version)|"
             r"just the words|the words only|\b(?:what|which) (?:the )?lyrics\b|\blyrics (?:she|he|they|the singer) (?:sings?|sang)|"
             r"(?:write|type|jot|get) (?:down |out )?the lyrics|\b(?:work|figure|make|puzzle) out (?:what (?:it|he|she|they|the \w+) (?:says?|said|is saying|are saying)|the words)\b|minutes (?:from|of)|meeting notes|notes (?:from|of) (?:this|the)", 3),
            (r"what (?:the|this|that|he|she|they)(?:'s|'re| is| are)? (?:\w+ ){0,2}(?:is |was |are |were |has |have |had )?(?:say|says|said|saying|talking about)\b", 3),
            (r"what (?:is|are|was|were) (?:they |he |she |being |the (?:speaker|person) )?"
             r"(?:say|said|saying|talking about|spoken)|what (?:words|did (?:he|she|they|the \w+) say)"
             r"|what (?:does|do|did) (?:he|she|it|they|people|the \w+) say|words (?:are )?spoken|"
             r"give me the words", 3),
            (r"recogni[sz]e (?:the )?(?:speech|words|voice)|speech recognition|(?:into|to|as) (?:plain )?text"
             r"|subtitles?|lyrics of|what'?s being said|text version", 2.5),
            (r"写下来|记下来|打出来|(?:讲|说)(?:了|的|些)?什么|识别|转写|转成文字|转为文字|转文字|文字稿|听写|说了什么|说的什么|讲了什么|语音转文字|字幕|"
             r"文字起こし|文字に起こ|書き起こ|テキストに|何と言って|何て言って|音声認識", 3),
        ),
        examples=("What is being said in this audio?",
                  "Convert the speech to text", "Write down what the speaker says",
                  "Give me a transcript of the meeting", "Recognize the words in this clip"),
        summary='transcribe speech', short='transcribe', label='Transcript',
        output_words=r"transcri|文字稿|转写|文字起こし",
    )
