"""Trajectory keyframes of mono_to_binaural: ``"t:az[:el],..."`` parsed and checked."""

from __future__ import annotations

from audiogpt.core.errors import ToolInputError


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
