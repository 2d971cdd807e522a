"""speaker_diarization: who spoke when, how many speakers, and a pitch-based voice type each."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class SpeakerDiarizationArgs(ToolArgs):
    """Arguments of speaker_diarization."""

    audio: AudioFile = Field(description="A recording of one or more people talking in turns "
                                         "(a conversation, meeting, interview, podcast).")
    num_speakers: int | None = Field(
        None, ge=1, le=10,
        description="How many people speak, when known (1-10); omitted: estimated.")


class SpeakerDiarization(Tool):
    """Find who spoke when."""

    name = "speaker_diarization"
    description = (
        "Speaker diarization: find who spoke when in a recording. Returns the turns "
        "[{speaker, start, end}] in seconds, the number of speakers (estimated unless "
        "num_speakers is given), and for each speaker the total speaking time, median pitch "
        "and a likely voice type (male/female, a pitch-based estimate), plus a timeline image. "
        "Use it to answer how many people talk, who speaks when, whether a speaker is a man "
        "or a woman, or to cut each speaker's part (then audio_edit trim with start/end)."
    )
    Args = SpeakerDiarizationArgs
    outputs = ("image",)
    examples = (
        "who speaks when in this recording?",
        "how many people are talking in this audio?",
        "how many speakers are in this meeting recording",
        "is the speaker a man or a woman?",
        "diarize this interview with 2 speakers",
        "give me a timeline of the speakers in this conversation",
        "when does the second speaker talk?",
        "how long does each person speak in this podcast",
    )

    hints = PlannerHints(
        intents=(
            (r"diari[sz]|who(?:'s| is| was|'d| had)? (?:speaks?|spoke|talks?|talked|speaking|talking|said what) (?:and )?when|how many (?:different |distinct |separate )?"
             r"(?:people|speakers|persons|voices|talkers|men|women)|(?:number|count) of (?:different )?(?:speakers|voices|people)|"
             r"\b(?:man|male|guy|boy)\b.{0,6}\bor\b.{0,6}\b(?:woman|female|girl|lady)\b|\b(?:woman|female|girl|lady)\b.{0,6}\bor\b.{0,6}\b(?:man|male|guy|boy)\b|"
             r"gender|(?:male|female) (?:voice|speaker)s?\?|(?:people|speakers|persons|voices)\b.{0,10}\bor (?:just |only )?(?:one|two|more|a single)\b|who(?:'s| is) (?:talking|speaking)(?: here| in)|which (?:parts?|bits?) (?:does|did) each|speaker (?:turns|labels|timeline|changes)|"
             r"(?:speaking|talking|conversation(?:al)?) turns|turn[- ]taking|(?:each|every) (?:one|person|speaker)'?s? (?:turns|parts|lines|segments)", 3.5),
            (r"男声还是女声|男的还是女的|男性还是女性|男生还是女生|是男是女|性别|(?:几|多少)(?:个)?人(?:在)?(?:说话|讲话|对话|唱|聊|发言)|"
             r"谁在什么时候说|说话人(?:识别|日志|分割)|何人(?:が|で)?(?:話|歌|喋)|話者は何人|何人の話者|男性か女性|男か女|話者の数|誰がいつ", 3.5),
        ),
        examples=("How many speakers are in this recording?", "Is the speaker a man or a woman?",
                  "Who speaks when in this meeting?", "Label the speakers in this conversation"),
        summary="tell who speaks when (speaker diarization, gender by pitch)",
        short="find who speaks when", label="Speakers",
        output_words=r"diari[sz]|speaker (?:labels|timeline|segments)")
