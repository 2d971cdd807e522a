"""mono_to_binaural: place a mono sound at a direction (or along a path) for headphones."""

from __future__ import annotations

from pydantic import Field

from audiogpt.errors import ToolInputError
from audiogpt.tools.base import AnyFile, AudioFile, Tool, ToolArgs


def parse_trajectory(text: str) -> list[tuple[float, float, float]]:
    """Parse ``"t:az[:el],t:az[:el],..."`` keyframes (seconds, degrees) into sorted tuples.

    Azimuth +90 is the listener's right, -90 the left, 0 straight ahead; elevation +90 is
    above. Between keyframes the direction is interpolated linearly; before the first and
    after the last it stays put.

    Raises:
        ToolInputError: Malformed keyframes, times not increasing, or angles out of range.
    """
    keys: list[tuple[float, float, float]] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        bits = part.split(":")
        try:
            if len(bits) not in (2, 3):
                raise ValueError
            t, az = float(bits[0]), float(bits[1])
            el = float(bits[2]) if len(bits) == 3 else 0.0
        except ValueError:
            raise ToolInputError(
                f"mono_to_binaural: bad trajectory keyframe {part!r}; use TIME:AZIMUTH[:ELEVATION]"
                ", e.g. '0:-90,5:90'"
            ) from None
        if t < 0:
            raise ToolInputError(f"mono_to_binaural: trajectory time {t:g} s is negative")
        if not -180 <= az <= 180:
            raise ToolInputError(f"mono_to_binaural: trajectory azimuth {az:g} is outside [-180, 180]")
        if not -90 <= el <= 90:
            raise ToolInputError(f"mono_to_binaural: trajectory elevation {el:g} is outside [-90, 90]")
        if keys and t <= keys[-1][0]:
            raise ToolInputError("mono_to_binaural: trajectory times must increase")
        keys.append((t, az, el))
    if not keys:
        raise ToolInputError("mono_to_binaural: empty trajectory; use e.g. '0:-90,5:90'")
    return keys


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

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: MonoToBinauralArgs = args  # type: ignore[assignment]
        if a.trajectory:
            parse_trajectory(a.trajectory)
