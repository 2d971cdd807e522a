"""DSP backend of audio_inpainting: Janssen AR interpolation (< 100 ms); for longer gaps Burg
AR extrapolation from both borders plus a level-limited similarity patch (``inpaint_hybrid``).

Audio outside the gap is copied unchanged. Output WAVs are 16-bit PCM (the store's default):
for 16-bit sources (most files) every sample outside the gap is bit-identical to the input;
for higher-precision sources it equals the input quantised to 16 bits.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from pathlib import Path

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

#: Gaps shorter than this use Janssen AR interpolation; longer ones Burg AR + patch.
SHORT_GAP_S = 0.1


def gap_samples(audio: Audio, start: float, end: float) -> tuple[int, int]:
    """The gap [lo, hi) in samples; raises ToolInputError when it is not inside the audio."""
    sr = audio.sample_rate
    if end > audio.duration + 0.5 / sr:
        raise ToolInputError(
            f"audio_inpainting: the gap {start:g}-{end:g} s goes past the end of the audio "
            f"({audio.duration:.3f} s)"
        )
    lo, hi = int(round(start * sr)), min(audio.frames, int(round(end * sr)))
    if hi - lo < 1:
        raise ToolInputError(f"audio_inpainting: the gap {start:g}-{end:g} s holds no samples")
    if lo == 0 and hi == audio.frames:
        raise ToolInputError("audio_inpainting: the gap covers the whole file; nothing to fill from")
    return lo, hi


def inpaint(audio: Audio, lo: int, hi: int, method: str = "auto") -> tuple[Audio, dict]:
    """Fill samples [lo, hi) of every channel; everything else is copied unchanged.

    Args:
        audio: The input.
        lo: First sample of the gap.
        hi: One past the last sample of the gap.
        method: ``auto`` (by gap length), ``janssen``, ``hybrid`` (Burg AR extrapolation
            plus a level-limited similarity patch) or ``patch`` (the patch alone).

    Returns:
        (the repaired audio, information on the method that ran).
    """
    import numpy as np

    from audiogpt.backends.sound.inpainting.ar import janssen
    from audiogpt.backends.sound.inpainting.hybrid import hybrid_fill
    from audiogpt.backends.sound.inpainting.patch import find_candidates, patch_fill
    from audiogpt.core.audio import Audio

    sr = audio.sample_rate
    n = hi - lo
    if method == "auto":
        method = "janssen" if n < SHORT_GAP_S * sr else "hybrid"
    out = audio.samples.copy()
    peak = float(np.abs(audio.samples).max()) or 1.0
    info: dict = {}
    if method in ("patch", "hybrid"):
        cands = find_candidates(audio.mono.astype(np.float64), sr, lo, hi)
        if not cands:
            method = "janssen"
            info["note"] = "file too short for a similarity patch; used AR interpolation"
        else:
            best = cands[0]
            for ch in range(audio.channels):
                x = audio.samples[ch].astype(np.float64)
                fill = patch_fill(x, lo, hi, best, sr)
                if method == "hybrid":
                    fill, hinfo = hybrid_fill(x, lo, hi, fill, sr)
                    info.update(hinfo)
                out[ch, lo:hi] = fill
            method_name = "burg_ar+similarity_patch" if method == "hybrid" else "similarity_patch"
            info.update(method=method_name, source_start=round(best.start / sr, 4),
                        source_end=round(best.end / sr, 4), candidates=len(cands),
                        border_ncc=[round(best.ncc_left, 3), round(best.ncc_right, 3)],
                        feature_distance=round(best.feature_distance, 3))
    if method == "janssen":
        for ch in range(audio.channels):
            fill, jinfo = janssen(audio.samples[ch].astype(np.float64), lo, hi, order=_order(n))
            out[ch, lo:hi] = fill
        info = {**jinfo, **info}
    out[:, lo:hi] = np.clip(out[:, lo:hi], -peak, peak)
    return Audio(out, sr), info


_LABELS = {"janssen_ar": "Janssen AR interpolation",
           "similarity_patch": "a similarity patch",
           "burg_ar+similarity_patch": "Burg AR extrapolation from both sides plus a "
                                       "similarity patch"}


def _order(n: int) -> int:
    import numpy as np

    return int(np.clip(3 * n + 2, 32, 1024))


def before_after_png(before: Audio, after: Audio, marks: tuple[float, float], path: Path) -> Path:
    """Two mel spectrograms (before, after) with the gap shaded, in one PNG."""
    from audiogpt.core.render import mel_db, pyplot, save_figure

    plt = pyplot()
    fig, axes = plt.subplots(2, 1, figsize=(8, 5), sharex=True)
    for ax, audio, title in ((axes[0], before, "before"), (axes[1], after, "after (inpainted)")):
        db, hop = mel_db(audio)
        ax.imshow(db, origin="lower", aspect="auto", cmap="magma",
                  extent=(0, db.shape[1] * hop, 0, db.shape[0]))
        ax.axvspan(marks[0], marks[1], color="cyan", alpha=0.2)
        ax.set_ylabel("mel band")
        ax.set_title(f"{title}: gap {marks[0]:.3f}-{marks[1]:.3f} s")
    axes[1].set_xlabel("time (s)")
    fig.tight_layout()
    return save_figure(fig, plt, path)


class DSPInpaint(Backend):
    """Janssen AR interpolation for short gaps, similarity-based patches for long ones."""

    name = "dsp"
    tool = "audio_inpainting"
    summary = ("Janssen iterative AR interpolation (< 100 ms); for longer gaps Burg AR "
               "extrapolation from both borders plus a level-limited similarity patch "
               "(log-mel + chroma context match, waveform-aligned, cross-faded)")
    requires = (module("scipy", "core"), module("librosa", "core"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        args = req.args
        audio = req.audio("audio")
        lo, hi = gap_samples(audio, float(args.start), float(args.end))
        req.progress(0.1, "inpainting")
        out, info = inpaint(audio, lo, hi)
        sr = audio.sample_rate
        marks = (lo / sr, hi / sr)
        png = before_after_png(audio, out, marks, req.workdir / "inpaint_mel.png")
        data = {**info, "start": round(marks[0], 6), "end": round(marks[1], 6),
                "gap_ms": round(1000 * (hi - lo) / sr, 3), "gap_samples": hi - lo,
                "sample_rate": sr, "channels": audio.channels,
                "outside_gap": "unchanged (bit-identical for 16-bit PCM input)"}
        text = (f"Filled {data['gap_ms']:.0f} ms at {marks[0]:.3f}-{marks[1]:.3f} s with "
                f"{_LABELS.get(info['method'], info['method'])}; the rest of the audio is "
                "unchanged.")
        return ToolResult(outputs=[Output("audio", out, "inpainted"),
                                   Output("image", png, "inpaint_mel")], text=text, data=data)
