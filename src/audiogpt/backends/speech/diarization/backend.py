"""speaker_diarization backend: Silero VAD + GE2E embeddings + agglomerative clustering.

Besides the turns it reports, per speaker, the total speech time, the median pitch of the
speaker's turns (SwiftF0, or librosa's YIN when SwiftF0 is not installed) and a *pitch-based*
guess of the voice type: median F0 below 150 Hz -> "male", above 170 Hz -> "female", between
-> "uncertain". It is an estimate from pitch alone, and says so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

    from audiogpt.backends.speech.diarization.cluster import Segment
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

MALE_BELOW_HZ = 150.0
FEMALE_ABOVE_HZ = 170.0
VOICE_TYPE_NOTE = ("voice type is a pitch-based estimate (median F0 < 150 Hz: male, "
                   "> 170 Hz: female), not an identification")


def pitch_track(y: np.ndarray, sr: int) -> tuple[np.ndarray, np.ndarray]:
    """(times, f0 in Hz with NaN where unvoiced) of a mono signal."""
    import numpy as np

    try:
        from swift_f0 import SwiftF0
    except ImportError:
        import librosa

        f0 = librosa.yin(y, fmin=60, fmax=500, sr=sr, frame_length=1024, hop_length=160)
        rms = librosa.feature.rms(y=y, frame_length=1024, hop_length=160)[0][: f0.size]
        f0 = np.where(rms > 0.1 * np.max(rms), f0, np.nan)
        return np.arange(f0.size) * 160 / sr, f0
    res = SwiftF0().detect(y, sr, fmin=60.0, fmax=500.0)
    f0 = np.where(res.confidence >= 0.5, res.pitch_hz, np.nan)
    return res.timestamps, f0


def speaker_summary(audio: Audio, segments: list[Segment]) -> list[dict[str, Any]]:
    """Per speaker: total speech seconds, turns, median pitch and a pitch-based voice type."""
    import numpy as np

    a = audio.to_mono()
    times, f0 = pitch_track(a.samples[0], a.sample_rate)
    out = []
    for spk in sorted({s.speaker for s in segments}, key=lambda x: int(x.rsplit("_", 1)[-1])):
        mine = [s for s in segments if s.speaker == spk]
        mask = np.zeros(times.size, bool)
        for s in mine:
            mask |= (times >= s.start) & (times < s.end)
        voiced = f0[mask]
        voiced = voiced[np.isfinite(voiced)]
        median = float(np.median(voiced)) if voiced.size >= 10 else None
        if median is None:
            vtype = "unknown"
        elif median < MALE_BELOW_HZ:
            vtype = "male"
        elif median > FEMALE_ABOVE_HZ:
            vtype = "female"
        else:
            vtype = "uncertain"
        out.append({"speaker": spk, "speech_seconds": round(sum(s.end - s.start for s in mine), 2),
                    "turns": len(mine),
                    "median_pitch_hz": round(median, 1) if median else None,
                    "voice_type": vtype, "voice_type_method": "pitch-based estimate"})
    return out


def timeline_png(segments: list[Segment], duration: float, path: Path,
                 summary: list[dict[str, Any]]) -> Path:
    """One row per speaker, a bar per turn."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    rows = [s["speaker"] for s in summary]
    fig, ax = plt.subplots(figsize=(8, 0.6 * max(1, len(rows)) + 1.2))
    colors = plt.get_cmap("tab10")
    for i, spk in enumerate(rows):
        bars = [(s.start, s.end - s.start) for s in segments if s.speaker == spk]
        ax.broken_barh(bars, (i - 0.35, 0.7), color=colors(i % 10))
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{s['speaker']} ({s['voice_type']})" for s in summary])
    ax.set_xlim(0, max(duration, 0.1))
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel("time (s)")
    ax.set_title(f"who spoke when — {len(rows)} speaker(s)")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


class EmbeddingDiarization(Backend):
    """VAD + Resemblyzer GE2E sliding embeddings + agglomerative clustering."""

    name = "ge2e-cluster"
    tool = "speaker_diarization"
    summary = ("Silero VAD + Resemblyzer GE2E speaker embeddings (1.5 s windows) + "
               "agglomerative clustering; speaker count estimated when not given")
    sample_rate = 16000
    requires = (module("resemblyzer", "speech", pip="resemblyzer"),
                module("webrtcvad", "speech", pip="webrtcvad"),
                module("torch", "speech", pip="torch"), module("scipy", "core"))
    priority = 10

    @classmethod
    def extra_check(cls) -> str | None:
        from audiogpt.backends.speech.speaker_encoder import problem

        return problem()

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.speech.diarization.cluster import diarize
        from audiogpt.core.errors import ToolInputError

        audio = req.audio("audio")
        if audio.duration < 0.5:
            raise ToolInputError("speaker_diarization: the audio is shorter than 0.5 s")
        n = req.get("num_speakers")
        req.progress(0.1, "finding speech")
        segments, regions = diarize(audio, n)
        req.progress(0.8, "summarising speakers")
        summary = speaker_summary(audio, segments)
        png = timeline_png(segments, audio.duration, req.workdir / "timeline.png", summary)
        count = len(summary)
        data = {"segments": [{"speaker": s.speaker, "start": s.start, "end": s.end}
                             for s in segments],
                "num_speakers": count, "speakers": summary,
                "num_speakers_given": n is not None,
                "speech_seconds": round(sum(b - a for a, b in regions), 2),
                "note": VOICE_TYPE_NOTE}
        if count == 0:
            text = "No speech found in the recording."
        else:
            parts = [f"{s['speaker']}: {s['speech_seconds']:.1f} s in {s['turns']} turn(s), "
                     + (f"median pitch {s['median_pitch_hz']:.0f} Hz, likely {s['voice_type']}"
                        if s["median_pitch_hz"] else "pitch not measurable")
                     for s in summary]
            text = (f"{count} speaker(s) found" + (" (count given)" if n else "") + ". "
                    + "; ".join(parts) + " (voice type is a pitch-based estimate).")
        return ToolResult(outputs=[Output("image", png, "timeline")], text=text, data=data)
