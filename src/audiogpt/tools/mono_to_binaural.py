"""mono_to_binaural: place a mono sound at a direction (or along a path) for headphones."""

from __future__ import annotations

from pydantic import Field

from audiogpt.backends.sound.binaural.trajectory import parse_trajectory
from audiogpt.tools.base import AnyFile, AudioFile, Tool, ToolArgs

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

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: MonoToBinauralArgs = args  # type: ignore[assignment]
        if a.trajectory:
            parse_trajectory(a.trajectory)
