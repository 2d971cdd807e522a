"""speaker_diarization: who spoke when, how many speakers, and a pitch-based voice type each."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs


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
