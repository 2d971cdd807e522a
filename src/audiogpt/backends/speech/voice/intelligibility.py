"""Intelligibility guard of an enrolled voice: how much of the learned mapping to apply.

A mapping learned from a few seconds of noisy speech (an outdoor recording, a phone) can carry
the noise and the recording's colouring into every converted sentence, and then words get
lost. At enrollment the base voice speaks two check sentences that are not in the user's
material, each is converted at ``STRENGTHS`` (the share of the learned difference of the
finer cepstra, c5 up, strongest first; c1-c4, the spectral tilt and broad shape that carry
most of the voice, are always converted in full, see ``world_map.KEEP_LOW``) and transcribed
with the project's Whisper; the strongest setting whose word error rate stays within
``MAX_WER`` (or within the base voice's own error, if that is higher) wins, else the one
with the fewest errors. Each step costs about 2-3 s on 2 cores; a clean enrollment stops at
the first. The result and the error rates it was chosen from are
written to the profile (``strength``, ``strength_check``). Without Whisper the full mapping
is kept and the profile says it was not checked.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audiogpt.backends.speech.voice.world_map import Mapping
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

#: Check sentences: everyday words, most English phonemes; never part of the enrollment.
CHECK_TEXTS = ("Thank you for the lovely flowers, they brightened up the whole kitchen.",
               "We should leave early tomorrow because the highway gets very busy.")
#: Share of the learned difference of c5.. tried, strongest first.
STRENGTHS = (1.0, 0.5, 0.25, 0.0)
#: Highest mean word error rate of the check sentences accepted for a strength.
MAX_WER = 0.1


def _asr():
    """The project's Whisper transcriber, or None (with the reason) when it is unavailable."""
    try:
        from audiogpt.backends.speech.recognition.whisper_embedded import get_model, transcribe

        get_model()
    except Exception as exc:  # any failure means: not checked
        return None, f"{type(exc).__name__}: {exc}"

    def heard(audio: Audio) -> str:
        return transcribe(audio, "en", word_timestamps=False, vad=False)["text"]

    return heard, ""


def choose_strength(mapping: Mapping, base_voice: str) -> tuple[float, str]:
    """The strength to store for ``mapping`` and a one-line account of how it was chosen.

    Args:
        mapping: The learned mapping (its ``strength`` is left at the chosen value).
        base_voice: The base voice the mapping converts from.

    Returns:
        (strength, account), e.g. ``(0.5, "whisper check: WER 0.30 at 1, 0.04 at 0.5 (base
        voice 0.00) -> strength 0.5")``.
    """
    import numpy as np

    from audiogpt.backends.speech.synthesis.offline import synthesize
    from audiogpt.backends.speech.voice import world_map as wm
    from audiogpt.eval.wer import wer

    heard, why = _asr()
    if heard is None:
        mapping.strength = 1.0
        return 1.0, f"not checked (Whisper unavailable: {why})"
    bases = [synthesize(t, voice=base_voice, language="en", sample_rate=wm.RATE)
             for t in CHECK_TEXTS]
    floor = float(np.mean([wer(t, heard(b)) for t, b in zip(CHECK_TEXTS, bases)]))
    limit = max(MAX_WER, floor)
    analyses = [wm.analyse(b) for b in bases]
    tried: list[tuple[float, float]] = []
    for strength in STRENGTHS:
        mapping.strength = strength
        err = float(np.mean([wer(t, heard(wm.render(a, mapping)))
                             for t, a in zip(CHECK_TEXTS, analyses)]))
        tried.append((strength, err))
        if err <= limit:
            break
    last, err = tried[-1]  # the loop stops at the first strength within the limit
    chosen = last if err <= limit else min(tried, key=lambda se: (se[1], -se[0]))[0]
    mapping.strength = chosen
    account = "whisper check: WER " + ", ".join(f"{e:.2f} at {s:g}" for s, e in tried)
    account += f" (base voice {floor:.2f}) -> strength {chosen:g}"
    logger.info("%s", account)
    return chosen, account
