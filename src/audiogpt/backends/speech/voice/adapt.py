"""Voice adaptation with Praat (praat-parselmouth): measure a speaker, move a voice toward it.

A speaker profile holds the median F0, the spread of log2-F0 (pitch range), the median of
the first three formants over voiced frames (a proxy for vocal-tract length) and the
speaking rate (syllable nuclei per second of speech, after de Jong & Wempe 2009).
:func:`adapt` then applies Praat's PSOLA "Change gender" manipulation: formants scaled by
the geometric-mean formant ratio, F0 median set to the target's, F0 range scaled by the
ratio of the log-F0 spreads, and duration scaled to match the speaking rate.
"""

from __future__ import annotations

import logging
import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import ToolInputError

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

PITCH_FLOOR, PITCH_CEILING = 60.0, 500.0
#: Median F0 below this is treated as a low (typically male) voice when choosing a base voice.
LOW_VOICE_HZ = 165.0
FORMANT_CLAMP = (0.8, 1.25)
RANGE_CLAMP = (0.5, 2.5)
RATE_CLAMP = (0.7, 1.4)


@dataclass(frozen=True)
class SpeakerProfile:
    """Measured voice characteristics of a recording.

    Attributes:
        f0_median: Median F0 of voiced frames (Hz).
        f0_spread: Standard deviation of log2 F0 (octaves).
        formants: Median F1, F2, F3 (Hz) over voiced frames.
        syllable_rate: Syllable nuclei per second of speech.
        voiced_fraction: Fraction of pitch frames (16 ms, SwiftF0) that are voiced.
    """

    f0_median: float
    f0_spread: float
    formants: tuple[float, float, float]
    syllable_rate: float
    voiced_fraction: float

    def as_dict(self) -> dict[str, Any]:
        """Rounded values for the tool's ``data``."""
        d = asdict(self)
        return {k: ([round(x, 1) for x in v] if isinstance(v, tuple) else round(v, 3))
                for k, v in d.items()}


def _sound(audio: Audio):
    import numpy as np
    import parselmouth

    return parselmouth.Sound(audio.mono.astype(np.float64), audio.sample_rate)


def _syllable_rate(snd: Any, f0_times: Any, f0_values: Any) -> float:
    """Syllable nuclei per second of speech: voiced intensity peaks with a 2 dB dip between."""
    import numpy as np
    from scipy.signal import find_peaks

    inten = snd.to_intensity(minimum_pitch=100, time_step=0.01)
    db = np.asarray(inten.values[0], np.float64)
    times = np.asarray(inten.xs())
    if db.size < 3:
        return 0.0
    thresh = max(np.percentile(db, 99) - 25.0, np.median(db))
    f0 = np.interp(times, f0_times, f0_values) if len(f0_times) else np.zeros_like(times)
    peaks, _ = find_peaks(db, prominence=2.0, distance=8)
    nuclei = [p for p in peaks if db[p] > thresh and f0[p] > 0]
    speech_s = float(np.sum(db > thresh) * 0.01)
    return len(nuclei) / speech_s if speech_s > 0.2 else 0.0


def profile(audio: Audio, what: str = "reference") -> SpeakerProfile:
    """Measure a recording's voice.

    Raises:
        ToolInputError: The recording has (almost) no voiced speech.
    """
    import numpy as np

    from audiogpt.backends.dsp.pitch import track

    snd = _sound(audio)
    times, f0, _ = track(audio, PITCH_FLOOR, PITCH_CEILING)
    voiced = f0[f0 > 0]
    if voiced.size < 10:
        raise ToolInputError(f"the {what} audio has no voiced speech to measure a voice from")
    med = float(np.median(voiced))
    ceiling = 5000.0 if med < LOW_VOICE_HZ else 5500.0
    fm = snd.to_formant_burg(time_step=0.01, max_number_of_formants=5, maximum_formant=ceiling)
    rows = []
    for t, v in zip(times, f0):
        if v > 0:
            row = [fm.get_value_at_time(i, t) for i in (1, 2, 3)]
            if not any(math.isnan(x) for x in row):
                rows.append(row)
    formants = tuple(float(x) for x in np.median(np.array(rows), axis=0)) if rows else (
        500.0, 1500.0, 2500.0)
    return SpeakerProfile(
        f0_median=med,
        f0_spread=float(np.std(np.log2(voiced))),
        formants=formants,  # type: ignore[arg-type]
        syllable_rate=_syllable_rate(snd, times, f0),
        voiced_fraction=float(voiced.size / max(f0.size, 1)),
    )


def formant_ratio(source: SpeakerProfile, target: SpeakerProfile) -> float:
    """Geometric mean of target/source F1-F3, clamped to keep speech natural."""
    logs = [math.log(t / s) for s, t in zip(source.formants, target.formants) if s > 0 and t > 0]
    ratio = math.exp(sum(logs) / len(logs)) if logs else 1.0
    return min(max(ratio, FORMANT_CLAMP[0]), FORMANT_CLAMP[1])


def adapt(audio: Audio, source: SpeakerProfile, target: SpeakerProfile, *,
          match_rate: bool = True) -> tuple[Audio, dict[str, float]]:
    """Move ``audio`` (spoken by ``source``) toward the ``target`` voice.

    Args:
        audio: Mono speech.
        source: Profile of ``audio``.
        target: Profile of the reference speaker.
        match_rate: Scale the duration so the syllable rate matches the target.

    Returns:
        (adapted audio at the input rate, the applied factors).
    """
    import numpy as np
    import parselmouth
    from parselmouth.praat import call

    from audiogpt.core.audio import Audio

    warp = formant_ratio(source, target)
    spread = target.f0_spread / source.f0_spread if source.f0_spread > 1e-3 else 1.0
    spread = min(max(spread, RANGE_CLAMP[0]), RANGE_CLAMP[1])
    rate = 1.0
    if match_rate and source.syllable_rate > 0 and target.syllable_rate > 0:
        rate = min(max(source.syllable_rate / target.syllable_rate, RATE_CLAMP[0]), RATE_CLAMP[1])
    snd = _sound(audio)
    out = None
    # Praat's "Change gender" can fail on long sentences when a wide range factor meets a
    # formant warp below 1 (an undefined pitch value inside Praat); the range factor is then
    # halved toward 1 until it succeeds, and the factor applied is the one reported.
    for attempt in (spread, 1.0 + (spread - 1.0) / 2, 1.0):
        try:
            out = call(snd, "Change gender", 75, 600, warp, target.f0_median, attempt, rate)
        except parselmouth.PraatError:
            if attempt == 1.0:
                raise
            logger.info("Praat Change gender failed with range factor %.2f; retrying", attempt)
            continue
        spread = attempt
        break
    values = np.asarray(out.values, np.float32).mean(axis=0)
    peak = float(np.max(np.abs(values))) if values.size else 0.0
    if peak > 0.99:
        values = values * (0.99 / peak)
    result = Audio(values, round(out.sampling_frequency))
    if result.sample_rate != audio.sample_rate:
        result = result.resampled(audio.sample_rate)
    factors = {"formant_warp": round(warp, 3), "f0_target_hz": round(target.f0_median, 1),
               "f0_range_factor": round(spread, 3), "duration_factor": round(rate, 3)}
    return result, factors
