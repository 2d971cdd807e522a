"""music_transcription: audio (singing, an instrument) -> notes, MIDI and a piano roll."""

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs


class MusicTranscriptionArgs(ToolArgs):
    """Arguments of music_transcription."""

    audio: AudioFile = Field(description="A recording of music: singing, a melody, an "
                                         "instrument (piano, guitar...).")


class MusicTranscription(Tool):
    """Transcribe music to notes."""

    name = "music_transcription"
    description = (
        "Automatic music transcription: turn a recording of singing or an instrument into "
        "notes. Returns a MIDI file, the notes [{pitch (MIDI number), name (e.g. C#4), start, "
        "end (s), velocity}] and a piano-roll image. Use it for 'what notes are sung/played', "
        "'give me the MIDI', 'transcribe this melody'."
    )
    Args = MusicTranscriptionArgs
    outputs = ("midi", "image")
    examples = (
        "transcribe this melody to MIDI",
        "give me the MIDI of this song",
        "what notes is she singing?",
        "convert this piano recording to sheet notes",
        "which notes are played in this clip",
        "make a piano roll of this tune",
        "turn my humming into MIDI",
    )
