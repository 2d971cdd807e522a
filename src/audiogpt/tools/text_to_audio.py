"""text_to_audio: generate a sound scene (not speech, not music) from a description."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class TextToAudioArgs(ToolArgs):
    """Arguments of text_to_audio."""

    text: str = Field(min_length=1, description="Description of the sounds, e.g. 'heavy rain "
                      "on a tin roof with distant thunder'.")
    duration: float = Field(10.0, gt=0, le=300, description="Length in seconds (default 10).")


class TextToAudio(Tool):
    """Sound effects and ambiences from a text description."""

    name = "text_to_audio"
    description = (
        "Generate sound effects or an ambience (not speech or music) from a description: rain, "
        "wind, sea waves, streams, fire, thunder, birds, seagulls, crickets, footsteps, engines, "
        "traffic, bells, sirens, clocks, applause, crowds, people talking, dogs; with levels "
        "(heavy/light/distant), left/right positions and sequences ('then')."
    )
    Args = TextToAudioArgs
    outputs = ("audio",)
    examples = ("birds singing and people speaking", "heavy rain on a tin roof",
                  "make a sound of waves on a beach",
                  "a dog barking then a car passing")
    hints = PlannerHints(
        intents=(
            (r"(?:generate|create|make|produce|synthesi[sz]e|design|give me|render)\w* .{0,30}"
             r"(?:sound|noise|effect|ambien|foley|soundscape|audio of|atmosphere)", 3),
            # "make a short clip of a cat purring": a recording of something making a sound.
            (r"(?:generate|create|make|produce|give me|record|synthesi[sz]e)\w* (?:me )?(?:a |an |some )?(?:\w+[- ])?"
             r"(?:clip|recording|loop|sample|snippet|take) of (?:a |an |some |the )?(?:\w+ ){0,2}\w+(?:ing|s)\b"
             r"(?!.{0,30}\b(?:video|movie|film|footage|photo|picture|image)\b)", 2.5),
            (r"(?:generate|create|make|produce|give me|synthesi[sz]e)\w* .{0,30}(?:rain|thunder|waves?|"
             r"ocean|wind|birds?|chirp|dogs? bark|barking|fire|footsteps|traffic|crowd|engine|explosion|"
             r"applause|siren|river|stream|forest|city|storm|door|knock|bell|alarm|horn|clock|"
             r"keyboard|typing|glass|gunshot|car|train|plane|helicopter|insects?|crickets|frogs?|birdsong)", 3),
            (r"(?:\d+|a few|some|ten|five|thirty) (?:seconds?|secs?|minutes?) of (?:\w+ )?(?:rain|thunder|waves?|"
             r"ocean|wind|birds?|birdsong|crowds?|cheering|applause|traffic|fire|footsteps|engine|sirens?|"
             r"river|stream|forest|city|storm|crickets|insects|dogs?|cats?|bells?|clock|typing|keyboard)", 3),
            (r"(?:\b\d+(?:\.\d+)?|\b(?:a few|some|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty|fifty|sixty))[\s-]*"
             r"(?:seconds?|secs?|minutes?) of (?!(?:silence|the|this|that|it|my|your|his|her|its|their|audio|music|speech|"
             r"recording|clip|file|track|song)\b)\w+", 2.5),
            # "for a scene I need the ambience of a busy train station": a sound asked for by its kind
            (r"\b(?:need|want|looking for|would like|'d like|could use|after)\b.{0,30}\b(?:ambien(?:ce|t)|atmosphere|"
             r"soundscape|sound effects?|sfx|foley|room tone|background (?:sound|noise))s?\b(?! (?:track|music|song))", 3),
            (r"sound effect|\bsfx\b|foley|soundscape|ambien(?:ce|t) (?:sound|audio)|ambience of|sound of (?:a |an |the )?"
             r"\w+|noise of|(?:rain|thunder|thunderstorm|wind|ocean|waves?|birds?|dogs?|cats?|fire|"
             r"footsteps|traffic|crowd|engine|explosion|applause|siren|river|forest|city) "
             r"(?:sound|noise|ambience|audio)s?", 2.5),
            (r"(?:生成|制作|做|创造|合成|来一段|给我).{0,12}(?:声音|音效|声|环境音|音频)|音效|効果音|"
             r"の音を.{0,8}(?:生成|作|つく)|環境音", 3),
        ),
        examples=("Generate the sound of rain", "Make a thunderstorm sound effect",
                  "Create audio of birds chirping in a forest", "Produce footsteps on gravel",
                  "I need the sound of a car engine starting"),
        summary='generate sound effects from text', short='generate a sound', label='Generated sound',
        output_words=r"generated sound|sound effect|generated audio|生成的(?:声音|音效|音频)",
    )
