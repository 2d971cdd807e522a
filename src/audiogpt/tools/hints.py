"""What a tool tells the dialogue engine about itself, declared once on the Tool class.

The offline planner, the "what I can do" list, reply labels and reference words ("the
transcript", "the cleaned audio") are all derived from these hints, so a tool (built-in or a
plugin's) is routable from its own file. Every field is optional: a tool that declares only
``name``, ``description`` and ``examples`` is still routed (its examples feed the planner's
example matcher and a trigger built from its name).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlannerHints:
    """Planner knowledge about one tool.

    Attributes:
        intents: ``(regex, weight)`` triggers in English, Chinese and Japanese; a weight of
            3 or more is a clear request, 1.5-3 a hint (matched case-insensitively).
        examples: Extra example requests for the example matcher (besides ``Tool.examples``).
        summary: Short phrase for "I can ..." (e.g. "transcribe speech").
        short: Verb phrase for a plan line (e.g. "transcribe").
        label: Heading of its result in a reply (e.g. "Transcript").
        output_words: Regex of the words that name its output in a later turn
            ("the transcript", "the denoised audio").
        keeps_voice: Its audio output is the same voice, processed (a clone can use it).
    """

    intents: tuple[tuple[str, float], ...] = ()
    examples: tuple[str, ...] = ()
    summary: str = ""
    short: str = ""
    label: str = ""
    output_words: str = ""
    keeps_voice: bool = False
