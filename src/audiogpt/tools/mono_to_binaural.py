"""mono_to_binaural: place a mono sound at a direction (or along a path) for headphones."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from pydantic import Field

from audiogpt.backends.sound.binaural.trajectory import parse_trajectory
from audiogpt.tools.base import AnyFile, AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints

__all__ = ["MonoToBinaural", "MonoToBinauralArgs", "parse_trajectory"]


class MonoToBinauralArgs(ToolArgs):
    """Arguments of mono_to_binaural."""

    audio: AudioFile = Field(description="The (mono) sound to spatialise; stereo is mixed down.")
    azimuth: float = Field(0.0, ge=-180, le=180,
                           description="Direction in degrees: 0 front, +90 right, -90 left, 180 back.")
    elevation: float = Field(0.0, ge=-90, le=90, description="Elevation in degrees (+90 above).")
    trajectory: str | None = Field(
        None, description="A moving source: keyframes 'TIME:AZIMUTH[:ELEVATION],...' in seconds "
                          "and degrees, interpolated, e.g. '0:-90,5:90' (left to right in 5 s).")
    hrtf: AnyFile | None = Field(
        None, description="A SOFA file of measured HRIRs to use instead of the built-in KEMAR set "
                          "or the spherical-head model.")


class MonoToBinaural(Tool):
    """Binaural rendering for headphones."""

    name = "mono_to_binaural"
    description = (
        "Turn mono audio into 2-channel binaural audio for headphones, placing the sound at an "
        "azimuth/elevation (azimuth +90 = right, -90 = left) or moving it along a trajectory "
        "'time:azimuth,...'; uses measured MIT KEMAR HRIRs (or a spherical-head model, or "
        "HRIRs from a given SOFA file)."
    )
    Args = MonoToBinauralArgs
    outputs = ("audio",)
    examples = ("make this sound come from the right", "spatialize it to the left side",
                  "make the sound move from left to right", "convert mono to binaural audio")

    hints = PlannerHints(
        intents=(
            (r"\b(?:1[0-2]|[1-9]) o'?clock\b", 3.5),
            (r"binaural|spatiali[sz]|3-?d (?:audio|sound)|spatial (?:audio|sound)|surround|"
             r"headphones? (?:experience|effect)|\bhrtf\b|azimuth|immersive", 4),
            (r"(?:behind|in front of|to the (?:left|right) of|above|over) (?:me|you|the listener|"
             r"my head)|as if .{0,40}(?:behind|to the left|to the right|above|far away)", 4),
            (r"(?:from|to|on|at) (?:the |my )?(?:[\w-]+'s )?(?:left|right)(?: side)?|(?:move|pan|place|position|"
             r"put)\w* .{0,20}(?:left|right|behind|around|above)|come from behind|circle around", 2),
            (r"(?:come|coming|comes|sound|sounds|appear) (?:to come )?from (?:directly |straight |right )?(?:to )?(?:behind|"
             r"(?:the |my |your |our |his |her |their )?(?:[\w-]+'s )?(?:left|right|back|front|side)|above|(?<!drum )(?<!drums )(?<!snare )(?<!kit )(?<!cymbal )overhead(?! (?:tracks?|mics?|microphones?|channels?|stems?|takes?|recordings?|cams?)\b))", 3.5),
            (r"(?:mov|spin|rotat|circl|go|fly|flies|orbit|whirl|swirl|swing|drift|float|travel|pan)\w* (?:\w+ly )?(?:a)?round (?:me|my head|"
             r"the listener|you|the room)|(?:mov|pan|travel|go|sweep|fly|flies|flying|walk)\w* (?:\w+ )?from (?:the |my )?"
             r"(?:left|right|front|back)(?: side)? (?:to|towards?|over to|across to) (?:the |my )?(?:left|right|front|back)", 4),
            (r"双耳|立体声|空间音频|空间化|3D音|环绕|左边|右边|左侧|右侧|バイノーラル|立体音響|"
             r"立体的|左から|右から|从(?:我的?)?(?:左|右|后|背后|前)(?:边|面|方|侧)?(?:传来|过来|发出|响起)|"
             r"从\s*[左右前后]\S{0,3}?(?:到|移到|移动到|飘到)\s*[左右前后]", 3.5),
        ),
        examples=("Make it sound like it comes from the left",
                  "Spatialize this recording for headphones", "Turn this into 3D audio"),
        summary='make audio binaural / 3-D', short='make binaural', label='Binaural audio',
        output_words=r"binaural|spatiali[sz]ed|双耳|バイノーラル",
    )

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: MonoToBinauralArgs = args  # type: ignore[assignment]
        if a.trajectory:
            parse_trajectory(a.trajectory)
