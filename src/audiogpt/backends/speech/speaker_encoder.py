"""Speaker embeddings: the GE2E speaker encoder of Resemblyzer (Apache-2.0, weights in the wheel).

One module that every tool can reuse (diarization, voice matching, enrolment)::

    from audiogpt.backends.speech.speaker_encoder import embed, sliding_embeddings, similarity
    e = embed(audio)                               # (256,) L2-normalised
    s = embed_speech(audio)                        # pauses trimmed first (voice enrollment)
    times, E = sliding_embeddings(audio, 1.5, 0.25)  # window centres (s), (n, 256)

The encoder (3-layer LSTM over 40 mel bands at 16 kHz, Wan et al. 2018) is loaded once from
``resemblyzer/pretrained.pt`` after a sha256 check. Same-speaker cosine similarity on the
shared clips is about 0.70 or more, different speakers 0.62 or less (utterance level).
Needs torch (CPU), ``resemblyzer`` and ``webrtcvad`` (imported by resemblyzer).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from audiogpt.backends.pinned import PinnedFile

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

RATE = 16000
HOP_S = 0.01  # mel frame step
PARTIAL_FRAMES = 160  # 1.6 s, the encoder's training length
INSTALL = "pip install resemblyzer webrtcvad"
WEIGHTS = PinnedFile("resemblyzer", "pretrained.pt",
                     "39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e", INSTALL)
MODULES = ("resemblyzer", "webrtcvad", "torch", "librosa")

_LOCK = threading.Lock()
_MODEL: list = []


def problem() -> str | None:
    """None when the encoder can run here, else one line with the fix."""
    import importlib.util

    for name in MODULES:
        try:
            missing = importlib.util.find_spec(name) is None
        except (ImportError, ValueError):
            missing = True
        if missing:
            return f"Python package {name} is missing ({INSTALL})"
    return WEIGHTS.problem()


def _model():
    with _LOCK:
        if not _MODEL:
            import warnings

            import torch

            with warnings.catch_warnings():  # webrtcvad (imported by resemblyzer) warns
                warnings.simplefilter("ignore")
                from resemblyzer.voice_encoder import VoiceEncoder

            path = WEIGHTS.checked_path()
            torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
            enc = VoiceEncoder(device="cpu", verbose=False, weights_fpath=path)
            enc.eval()
            _MODEL.append(enc)
        return _MODEL[0]


def _prepare(audio: Audio | np.ndarray, sample_rate: int | None = None) -> np.ndarray:
    """Mono 16 kHz float32, normalised to -30 dBFS like Resemblyzer's preprocessing."""
    import numpy as np

    if sample_rate is None:
        a = audio.to_mono()  # type: ignore[union-attr]
        if a.sample_rate != RATE:
            a = a.resampled(RATE)
        y = a.samples[0]
    else:
        y = np.asarray(audio, dtype=np.float32).reshape(-1)
        if sample_rate != RATE:
            import soxr

            y = soxr.resample(y, sample_rate, RATE)
    rms = float(np.sqrt(np.mean(y.astype(np.float64) ** 2))) if y.size else 0.0
    if rms > 1e-6:
        y = y * (10 ** (-30 / 20) / rms)
    return y.astype(np.float32)


def _mels(y: np.ndarray) -> np.ndarray:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from resemblyzer.audio import wav_to_mel_spectrogram

    return wav_to_mel_spectrogram(y)


def _forward(batch: np.ndarray) -> np.ndarray:
    import numpy as np
    import torch

    enc = _model()
    out = []
    with torch.no_grad():
        for i in range(0, len(batch), 64):
            out.append(enc(torch.from_numpy(np.ascontiguousarray(batch[i:i + 64]))).numpy())
    return np.concatenate(out) if out else np.zeros((0, 256), np.float32)


def embed(audio: Audio | np.ndarray, sample_rate: int | None = None) -> np.ndarray:
    """One L2-normalised 256-d embedding of an utterance (mean of 1.6 s partials, 50 % overlap).

    Args:
        audio: An ``Audio``, or a mono array with ``sample_rate``.
        sample_rate: The array's rate (only for arrays).
    """
    import numpy as np

    y = _prepare(audio, sample_rate)
    mel = _mels(y)
    n = mel.shape[0]
    if n < PARTIAL_FRAMES:
        mel = np.pad(mel, ((0, PARTIAL_FRAMES - n), (0, 0)))
        n = PARTIAL_FRAMES
    starts = list(range(0, n - PARTIAL_FRAMES + 1, PARTIAL_FRAMES // 2)) or [0]
    parts = _forward(np.stack([mel[s:s + PARTIAL_FRAMES] for s in starts]))
    e = parts.mean(axis=0)
    return (e / (np.linalg.norm(e) + 1e-9)).astype(np.float32)


def sliding_embeddings(audio: Audio | np.ndarray, window_s: float = 1.5, hop_s: float = 0.25,
                       sample_rate: int | None = None,
                       spans: list[tuple[float, float]] | None = None,
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Embeddings of sliding windows, optionally only inside ``spans`` (e.g. speech regions).

    A span shorter than the window gives one window covering the span (its mel frames only).

    Returns:
        (window centre times in seconds, (n, 256) L2-normalised embeddings).
    """
    import numpy as np

    y = _prepare(audio, sample_rate)
    mel = _mels(y)
    total = mel.shape[0] * HOP_S
    win = max(20, int(round(window_s / HOP_S)))
    hop = max(1, int(round(hop_s / HOP_S)))
    spans = spans if spans is not None else [(0.0, total)]
    windows: list[np.ndarray] = []
    centres: list[float] = []
    for start, end in spans:
        a, b = int(start / HOP_S), min(mel.shape[0], int(np.ceil(end / HOP_S)))
        if b - a <= 0:
            continue
        if b - a <= win:
            windows.append(mel[a:b])
            centres.append((a + b) / 2 * HOP_S)
            continue
        for s in range(a, b - win + 1, hop):
            windows.append(mel[s:s + win])
            centres.append((s + win / 2) * HOP_S)
        if (b - win - a) % hop:
            windows.append(mel[b - win:b])
            centres.append((b - win / 2) * HOP_S)
    if not windows:
        return np.zeros(0), np.zeros((0, 256), np.float32)
    embeds = np.zeros((len(windows), 256), np.float32)
    by_len: dict[int, list[int]] = {}
    for i, w in enumerate(windows):
        by_len.setdefault(w.shape[0], []).append(i)
    for idx in by_len.values():
        embeds[idx] = _forward(np.stack([windows[i] for i in idx]))
    return np.asarray(centres), embeds


def embed_speech(audio: Audio) -> np.ndarray:
    """One L2-normalised embedding of the speech in a recording, its pauses trimmed first
    (Resemblyzer's own preprocessing and ``embed_utterance``): what voice enrollment stores.

    Raises:
        BackendUnavailable: The encoder cannot run here (the message says how to fix it).
    """
    import warnings

    import numpy as np

    from audiogpt.core.errors import BackendUnavailable

    reason = problem()
    if reason:
        raise BackendUnavailable(f"speaker encoder: {reason}")
    with warnings.catch_warnings():  # webrtcvad (imported by resemblyzer) warns
        warnings.simplefilter("ignore")
        from resemblyzer import preprocess_wav

    y = audio.to_mono().resampled(RATE).mono.astype(np.float32)
    wav = preprocess_wav(y, RATE)
    if wav.size < RATE // 10:  # nothing left after trimming: embed the whole signal
        wav = y
    return np.asarray(_model().embed_utterance(wav), np.float32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two embeddings."""
    import numpy as np

    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))
