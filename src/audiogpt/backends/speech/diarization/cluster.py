"""Who spoke when: speech regions (Silero VAD) -> sliding GE2E embeddings -> clustering.

1. Speech regions: Silero VAD probability per 32 ms, threshold 0.5, gaps under 0.3 s closed,
   regions under 0.25 s dropped.
2. Embeddings: 1.5 s windows every 0.25 s inside each region (Resemblyzer GE2E encoder,
   :mod:`audiogpt.backends.speech.speaker_encoder`).
3. Clustering: agglomerative, average linkage on cosine distance. With ``num_speakers`` the tree
   is cut at that count; otherwise at ``DISTANCE_THRESHOLD`` (tuned on a CMU ARCTIC aew/axb
   conversation, not on the LJ/LibriVox conversation of the benchmark), then clusters holding
   under ``MIN_SHARE`` of the windows are merged into the nearest large one.
4. Labels: each 10 ms speech frame takes the label of the nearest window centre in its region;
   a median filter over windows removes single-window flips; runs become segments.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

VAD_THRESHOLD = 0.5
MIN_GAP_S = 0.3
MIN_REGION_S = 0.25
WINDOW_S = 1.5
HOP_S = 0.5
DISTANCE_THRESHOLD = 0.4
MIN_SHARE = 0.08
MAX_SPEAKERS = 10
FRAME_S = 0.01


@dataclass(frozen=True)
class Segment:
    """One turn: a speaker label (``SPEAKER_1``...) and its start/end in seconds."""

    speaker: str
    start: float
    end: float


def speech_regions(y16k: np.ndarray) -> list[tuple[float, float]]:
    """Speech regions (start, end) in seconds from Silero VAD (webrtcvad when it is missing)."""
    import numpy as np

    from audiogpt.backends.dsp import vad

    prob = vad.speech_probability(y16k)
    if prob is not None:
        active, step = prob >= VAD_THRESHOLD, vad.HOP_S
    else:
        import webrtcvad

        det = webrtcvad.Vad(2)
        n = 480  # 30 ms at 16 kHz
        pcm = (np.clip(y16k, -1, 1) * 32767).astype(np.int16)
        active = np.array([det.is_speech(pcm[i:i + n].tobytes(), 16000)
                           for i in range(0, len(pcm) - n + 1, n)], dtype=bool)
        step = n / 16000
    regions: list[list[float]] = []
    for i, on in enumerate(active):
        if not on:
            continue
        t0, t1 = i * step, (i + 1) * step
        if regions and t0 - regions[-1][1] < MIN_GAP_S:
            regions[-1][1] = t1
        else:
            regions.append([t0, t1])
    dur = len(y16k) / 16000
    return [(a, min(b, dur)) for a, b in regions if b - a >= MIN_REGION_S]


def cluster(embeds: np.ndarray, num_speakers: int | None) -> np.ndarray:
    """Cluster window embeddings; labels are numbered by first appearance."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    n = len(embeds)
    if n == 0:
        return np.zeros(0, int)
    if n == 1 or num_speakers == 1:
        return np.zeros(n, int)
    tree = linkage(embeds, method="average", metric="cosine")
    if num_speakers:
        labels = fcluster(tree, t=min(num_speakers, n), criterion="maxclust")
    else:
        labels = fcluster(tree, t=DISTANCE_THRESHOLD, criterion="distance")
        labels = _merge_small(embeds, labels)
    order: dict[int, int] = {}
    for lab in labels:
        order.setdefault(int(lab), len(order))
    return np.array([order[int(lab)] for lab in labels])


def _merge_small(embeds: np.ndarray, labels: np.ndarray) -> np.ndarray:
    import numpy as np

    labels = labels.copy()
    while True:
        ids, counts = np.unique(labels, return_counts=True)
        if len(ids) <= 1:
            return labels
        big = ids[counts >= max(2, MIN_SHARE * len(labels))]
        if len(ids) > MAX_SPEAKERS:
            big = ids[np.argsort(-counts)[:MAX_SPEAKERS]]
        small = [i for i in ids if i not in set(big.tolist())]
        if not small or len(big) == 0:
            return labels
        cents = {b: embeds[labels == b].mean(axis=0) for b in big}
        for s in small:
            c = embeds[labels == s].mean(axis=0)
            best = max(cents, key=lambda b: float(np.dot(c, cents[b]) /
                                                 (np.linalg.norm(c) * np.linalg.norm(cents[b]))))
            labels[labels == s] = best


def _smooth(labels: np.ndarray, region_of: np.ndarray) -> np.ndarray:
    """Median-of-three within each region: a single-window flip takes its neighbours' label."""
    out = labels.copy()
    for i in range(1, len(labels) - 1):
        if region_of[i - 1] == region_of[i] == region_of[i + 1] \
                and labels[i - 1] == labels[i + 1] != labels[i]:
            out[i] = labels[i - 1]
    return out


def diarize(audio: Audio, num_speakers: int | None = None
            ) -> tuple[list[Segment], list[tuple[float, float]]]:
    """Diarize a recording.

    Args:
        audio: Any rate/channels (mixed to mono 16 kHz).
        num_speakers: Known number of speakers, or None to estimate it.

    Returns:
        (segments sorted by start, the speech regions found by the VAD).
    """
    import numpy as np

    from audiogpt.backends.speech.speaker_encoder import sliding_embeddings

    a = audio.to_mono()
    a = a.resampled(16000) if a.sample_rate != 16000 else a
    y = a.samples[0]
    regions = speech_regions(y)
    if not regions:
        return [], []
    centres, embeds = sliding_embeddings(y, WINDOW_S, HOP_S, sample_rate=16000, spans=regions)
    region_of = np.searchsorted([r[0] for r in regions], centres, side="right") - 1
    labels = _smooth(cluster(embeds, num_speakers), region_of)
    segments: list[Segment] = []
    for r, (start, end) in enumerate(regions):
        idx = np.flatnonzero(region_of == r)
        if idx.size == 0:
            continue
        times = np.arange(start, end, FRAME_S) + FRAME_S / 2
        nearest = idx[np.argmin(np.abs(centres[idx][None, :] - times[:, None]), axis=1)]
        frame_labels = labels[nearest]
        cut = np.flatnonzero(np.diff(frame_labels)) + 1
        bounds = [0, *cut.tolist(), len(frame_labels)]
        for s, e in zip(bounds[:-1], bounds[1:], strict=True):
            t0 = start + s * FRAME_S
            t1 = min(end, start + e * FRAME_S)
            segments.append(Segment(f"SPEAKER_{int(frame_labels[s]) + 1}", round(t0, 2),
                                    round(t1, 2)))
    return _merge_adjacent(segments), regions


def _merge_adjacent(segments: list[Segment], gap: float = MIN_GAP_S) -> list[Segment]:
    out: list[Segment] = []
    for s in segments:
        if out and out[-1].speaker == s.speaker and s.start - out[-1].end < gap:
            out[-1] = Segment(s.speaker, out[-1].start, s.end)
        else:
            out.append(s)
    return out
