"""Response rendering: waveform and mel-spectrogram PNGs for any audio (headless matplotlib)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio


def pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def mel_db(audio: Audio, n_mels: int = 80, hop_s: float = 0.01) -> tuple[np.ndarray, float]:
    """Log-mel spectrogram in dB (n_mels, frames) and the hop in seconds."""
    import librosa
    import numpy as np

    y = audio.mono
    sr = audio.sample_rate
    hop = max(1, int(sr * hop_s))
    n_fft = 1 << int(np.ceil(np.log2(max(hop * 4, int(0.025 * sr)))))
    mel = librosa.feature.melspectrogram(y=y, sr=sr, n_fft=n_fft, hop_length=hop, n_mels=n_mels,
                                         fmax=sr / 2)
    return librosa.power_to_db(mel + 1e-12, ref=1.0, top_db=90.0), hop / sr


def waveform_png(audio: Audio, path: str | Path, title: str = "") -> Path:
    """Draw the waveform (one row per channel) to a PNG."""
    import numpy as np

    plt = pyplot()
    fig, axes = plt.subplots(audio.channels, 1, figsize=(8, 1.6 * audio.channels + 0.6),
                             squeeze=False, sharex=True)
    t = np.arange(audio.frames) / audio.sample_rate
    step = max(1, audio.frames // 20000)
    for ch in range(audio.channels):
        ax = axes[ch][0]
        ax.plot(t[::step], audio.samples[ch, ::step], linewidth=0.6, color="#2b6cb0")
        ax.set_ylim(-1.05, 1.05)
        ax.set_ylabel(f"ch{ch + 1}" if audio.channels > 1 else "amplitude")
    axes[-1][0].set_xlabel("time (s)")
    axes[0][0].set_title(title or f"waveform — {audio.duration:.2f} s, {audio.sample_rate} Hz")
    fig.tight_layout()
    return save_figure(fig, plt, path)


def spectrogram_png(audio: Audio, path: str | Path, title: str = "",
                    marks: tuple[float, float] | None = None) -> Path:
    """Draw the log-mel spectrogram to a PNG; ``marks`` shades a [start, end] region."""
    plt = pyplot()
    db, hop = mel_db(audio)
    fig, ax = plt.subplots(figsize=(8, 3))
    ax.imshow(db, origin="lower", aspect="auto", cmap="magma",
              extent=(0, db.shape[1] * hop, 0, db.shape[0]))
    if marks:
        ax.axvspan(marks[0], marks[1], color="cyan", alpha=0.25)
    ax.set_xlabel("time (s)")
    ax.set_ylabel("mel band")
    ax.set_title(title or "mel spectrogram")
    fig.tight_layout()
    return save_figure(fig, plt, path)


def save_figure(fig, plt, path: str | Path) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def events_png(events: list[dict], duration: float, path: str | Path, title: str = "") -> Path:
    """Draw labelled events ``[{label, start, end}]`` as a timeline (one row per label)."""
    plt = pyplot()
    labels = sorted({e["label"] for e in events})
    fig, ax = plt.subplots(figsize=(9, 0.5 + 0.35 * max(1, len(labels))))
    for row, label in enumerate(labels):
        spans = [(e["start"], max(1e-3, e["end"] - e["start"])) for e in events
                 if e["label"] == label]
        ax.broken_barh(spans, (row - 0.4, 0.8), color=f"C{row % 10}")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    ax.set_xlim(0, max(duration, 1e-3))
    ax.set_xlabel("time (s)")
    ax.set_title(title or "sound events")
    fig.tight_layout()
    return save_figure(fig, plt, path)
