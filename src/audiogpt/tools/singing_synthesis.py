"""singing_synthesis: sing lyrics on a score of notes and durations."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class SingingSynthesisArgs(ToolArgs):
    """Arguments of singing_synthesis."""

    lyrics: str = Field(
        min_length=1,
        description="The words to sing: Chinese characters (one syllable each) or English words "
                    "(split into syllables); AP = breath, SP = pause.",
    )
    notes: str = Field(
        min_length=1,
        description="Notes in scientific pitch names, e.g. 'C4 D4 E4' or the grouped form "
                    "'C#4/Db4 | F#4/Gb4 A4 | rest' (one '|' group per syllable; rest/AP/SP "
                    "for rests).",
    )
    durations: str = Field(
        min_length=1,
        description="Seconds per note, same count and grouping as notes, e.g. '0.5 0.5 1' "
                    "or '0.407 | 0.376 0.2 | 0.22'.",
    )


class SingingSynthesis(Tool):
    """Singing voice synthesis from a score."""

    name = "singing_synthesis"
    description = (
        "Sing lyrics on a melody: give the lyrics, the notes (C4, C#4/Db4, rest, ...) and one "
        "duration in seconds per note; '|' groups the notes sung on one syllable. Returns the "
        "sung audio."
    )
    Args = SingingSynthesisArgs
    outputs = ("audio",)
    examples = (
        "sing 小酒窝长睫毛 AP 是你最美的记号 with these notes and durations",
        "sing 'twinkle twinkle little star' on C4 C4 G4 G4 A4 A4 G4",
        "generate a singing voice from this score",
    )

    hints = PlannerHints(
        intents=(
            (r"\bsing\b|\bsings\b|singing (?:synthesis|voice synthesis)|sing-?along|karaoke|"
             r"(?:make|let|have) .{0,20}\bsing\b", 4),
            (r"\bnotes?\b.*\bdurations?\b|[A-G][#b]?\d\s+[A-G][#b]?\d", 2),
            (r"唱|歌声合成|演唱|歌って|歌わせ|歌声", 4),
        ),
        examples=("Sing these lyrics with these notes", "Sing 'hello' on C4 for one second",
                  "Make a singing voice for this melody"),
        summary='synthesize singing from lyrics and notes', short='sing', label='Singing',
        output_words=r"synthes|spoken|speech (?:you|we) (?:made|generated)|tts|合成的(?:语音|声音)|読み上げ|sing|singing|歌声|唱",
    )

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        from audiogpt.backends.generation.singing.score import parse_score

        a: SingingSynthesisArgs = args  # type: ignore[assignment]
        parse_score(a.lyrics, a.notes, a.durations)
