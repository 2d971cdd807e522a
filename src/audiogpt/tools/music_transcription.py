"""music_transcription: audio (singing, an instrument) -> notes, MIDI and a piano roll."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


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

    hints = PlannerHints(
        intents=(
            (r"\bmidi\b|sheet music|piano[- ]roll|\bnotation\b|notate|(?:transcri\w*|write (?:down|out)|get|give me|extract|work out|"
             r"figure out|tell me|what are|which are)(?: \w+){0,3} (?:notes|melody|chords|score|tabs?)\b|"
             r"(?:melody|notes|tune|song|music|singing|humming|piano|guitar)\s+(?:in)?to (?:midi|notes|a score|sheet music)|what notes", 3.5),
            (r"扒谱|记谱|转成?\s*midi|乐谱|简谱|五线谱|音符|採譜|楽譜|譜面|midiに", 3.5),
        ),
        examples=("Transcribe this melody to MIDI", "Write down the notes of this tune",
                  "Give me the sheet music for this piano piece"),
        summary="transcribe music to notes and MIDI", short="transcribe the music",
        label="Notes", output_words=r"\bmidi\b|notes|score|piano[- ]roll")
