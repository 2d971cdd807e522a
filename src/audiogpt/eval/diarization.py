"""Diarization evaluation: build a two-speaker conversation with known turns, score DER.

The conversation alternates real recordings of two speakers from ``../shared/eval-audio``
with pauses between turns, so its reference turns are exact. DER (NIST style, no overlap in
the reference) = (missed speech + false alarm + speaker confusion) / reference speech, on
10 ms frames, with the optimal one-to-one speaker mapping and an optional forgiveness collar
around reference boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio

FRAME = 0.01

#: Female (LJ Speech) and male (LibriVox reader) turns, alternating: the benchmark conversation.
LJ_LIBRIVOX = (
    ("speech_en/ljspeech/LJ001-0002.wav", "A"),
    ("speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0870.wav", "B"),
    ("speech_en/ljspeech/LJ001-0005.wav", "A"),
    ("speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0880.wav", "B"),
    ("speech_en/ljspeech/LJ001-0007.wav", "A"),
    ("speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0890.wav", "B"),
)
#: CMU ARCTIC aew and axb turns: the conversation the clustering threshold was tuned on.
ARCTIC = (
    ("speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav", "A"),
    ("speech_en/cmu_arctic/cmu_arctic_us_axb_a0004.wav", "B"),
    ("speech_en/cmu_arctic/cmu_arctic_us_aew_a0002.wav", "A"),
    ("speech_en/cmu_arctic/cmu_arctic_us_axb_a0005.wav", "B"),
    ("speech_en/cmu_arctic/cmu_arctic_us_aew_a0003.wav", "A"),
    ("speech_en/cmu_arctic/cmu_arctic_us_axb_a0006.wav", "B"),
)


def build_conversation(root: Path, turns: Sequence[tuple[str, str]] = LJ_LIBRIVOX,
                       pause_s: float = 0.5, rate: int = 16000
                       ) -> tuple[Audio, list[tuple[str, float, float]]]:
    """Concatenate turns with pauses; returns (audio, reference [(speaker, start, end)]).

    Each clip is trimmed of leading/trailing silence (40 dB below its peak) so the reference
    turns match the speech; clips are loudness-matched (RMS) so loudness does not give the
    speaker away.
    """
    import librosa
    import numpy as np

    from audiogpt.core.audio import Audio

    pieces, ref, t = [], [], 0.0
    gap = np.zeros(int(pause_s * rate), np.float32)
    for rel, spk in turns:
        y = Audio.from_file(root / rel).to_mono().resampled(rate).samples[0]
        y, _ = librosa.effects.trim(y, top_db=40)
        y = y * (0.05 / (float(np.sqrt(np.mean(y ** 2))) + 1e-9))
        if pieces:
            pieces.append(gap)
            t += pause_s
        pieces.append(y.astype(np.float32))
        ref.append((spk, round(t, 3), round(t + len(y) / rate, 3)))
        t += len(y) / rate
    return Audio(np.concatenate(pieces)[None, :], rate), ref


def _frames(segs: Sequence[tuple[str, float, float]], n: int) -> list[set[str]]:
    out: list[set[str]] = [set() for _ in range(n)]
    for spk, start, end in segs:
        for i in range(int(round(start / FRAME)), min(n, int(round(end / FRAME)))):
            out[i].add(spk)
    return out


def der(reference: Sequence[tuple[str, float, float]],
        hypothesis: Sequence[tuple[str, float, float]], collar: float = 0.0) -> float:
    """Diarization error rate with the optimal speaker mapping.

    Args:
        reference: [(speaker, start, end)] ground truth (no overlap assumed).
        hypothesis: [(speaker, start, end)] system output.
        collar: Seconds around each reference boundary excluded from scoring (NIST uses 0.25).
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    end = max([e for _, _, e in [*reference, *hypothesis]] + [0.0])
    n = int(np.ceil(end / FRAME)) + 1
    ref, hyp = _frames(reference, n), _frames(hypothesis, n)
    scored = np.ones(n, bool)
    if collar > 0:
        c = int(round(collar / FRAME))
        for _, s, e in reference:
            for b in (int(round(s / FRAME)), int(round(e / FRAME))):
                scored[max(0, b - c):b + c] = False
    rs = sorted({s for s, _, _ in reference})
    hs = sorted({s for s, _, _ in hypothesis})
    overlap = np.zeros((len(rs), len(hs)))
    for i in np.flatnonzero(scored):
        for r in ref[i]:
            for h in hyp[i]:
                overlap[rs.index(r), hs.index(h)] += 1
    mapping = {}
    if rs and hs:
        rows, cols = linear_sum_assignment(-overlap)
        mapping = {hs[c]: rs[r] for r, c in zip(rows, cols, strict=True)}
    total = miss = fa = conf = 0
    for i in np.flatnonzero(scored):
        r, h = ref[i], {mapping.get(x, f"?{x}") for x in hyp[i]}
        total += len(r)
        miss += max(0, len(r) - len(h))
        fa += max(0, len(h) - len(r))
        conf += min(len(r), len(h)) - len(r & h)
    return (miss + fa + conf) / total if total else 0.0
