"""praat-adapt on a diary-length sentence: a wide F0 range toward a high voice does not fail."""

from __future__ import annotations

import numpy as np

from audiogpt.backends.speech.voice.adapt import SpeakerProfile, adapt

#: The bench's third diary sentence; with the flite slt voice, a formant warp of 0.9, a range
#: factor of 2.5 and a 200 Hz target, Praat's "Change gender" raised PraatError ("rounding up
#: the real value --undefined--") and the whole clone bench stopped.
TEXT = ("Tomorrow I want to wake up early, go for a long walk before work, and write down "
        "three things that made me happy this week.")


def test_a_failing_range_factor_is_lowered_and_reported() -> None:
    from audiogpt.backends.speech.synthesis.offline import synthesize

    speech = synthesize(TEXT, voice="slt", language="en", sample_rate=16000)
    source = SpeakerProfile(f0_median=168.0, f0_spread=0.08, formants=(600.0, 1700.0, 2700.0),
                            syllable_rate=7.0, voiced_fraction=0.5)
    target = SpeakerProfile(f0_median=199.7, f0_spread=0.25, formants=(540.0, 1530.0, 2430.0),
                            syllable_rate=7.0, voiced_fraction=0.5)
    out, factors = adapt(speech, source, target, match_rate=True)
    assert factors["formant_warp"] == 0.9
    assert 1.0 <= factors["f0_range_factor"] < 2.5, factors
    assert out.duration > 5.0 and np.isfinite(out.samples).all()
    assert float(np.abs(out.samples).max()) > 0.05
