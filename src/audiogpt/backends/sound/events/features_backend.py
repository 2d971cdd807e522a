"""Offline sound event detection: feature-based class posteriors (``sed_features``) turned into
events by hysteresis thresholds, gap filling and minimum durations, plus a posteriorgram PNG."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

    from audiogpt.backends.sound.events.features import Posteriors
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

#: Per class: (on threshold, off threshold, fill gaps shorter than s, drop events shorter than s).
EVENT_RULES: dict[str, tuple[float, float, float, float]] = {
    "speech": (0.4, 0.2, 1.0, 0.25),
    "singing": (0.5, 0.3, 1.0, 0.5),
    "music": (0.5, 0.3, 1.0, 0.5),
    "babble": (0.5, 0.3, 1.0, 1.0),
    "impulsive": (0.5, 0.3, 0.1, 0.05),
    "steady_noise": (0.5, 0.3, 1.0, 1.0),
    "tonal": (0.5, 0.3, 0.3, 0.1),
    "silence": (0.5, 0.3, 0.1, 0.3),
}

DESCRIPTIONS = {
    "speech": "speech", "singing": "singing", "music": "music",
    "babble": "speech babble (many talkers)",
    "impulsive": "impulsive sounds (e.g. barks, knocks, claps)",
    "steady_noise": "steady background noise (e.g. rain, wind, engine)",
    "tonal": "tonal sounds (e.g. birds, whistles, sirens)", "silence": "silence",
}


def analyze(audio: Audio, use_silero: bool = True) -> Posteriors:
    """Class posteriors of any audio (mixed to mono and resampled to 16 kHz)."""
    from audiogpt.backends.sound.events.features import RATE, compute

    return compute(audio.to_mono().resampled(RATE).mono, use_silero=use_silero)


def segments(prob: np.ndarray, hop_s: float, on: float = 0.5, off: float = 0.3,
             gap_s: float = 0.5, min_s: float = 0.2) -> list[tuple[float, float, float]]:
    """Hysteresis segmentation of one posterior track.

    Returns:
        (start s, end s, mean posterior) per segment.
    """
    import numpy as np

    active = np.zeros(len(prob), bool)
    state = False
    for i, p in enumerate(prob):
        state = p >= on if not state else p >= off
        active[i] = state
    idx = np.flatnonzero(np.diff(np.concatenate([[0], active.astype(np.int8), [0]])))
    runs = [[a, b] for a, b in zip(idx[::2], idx[1::2], strict=True)]
    merged: list[list[int]] = []
    for a, b in runs:
        if merged and (a - merged[-1][1]) * hop_s < gap_s:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [(a * hop_s, b * hop_s, float(prob[a:b].mean())) for a, b in merged
            if (b - a) * hop_s >= min_s]


def events(post: Posteriors, duration: float) -> list[dict[str, Any]]:
    """Events ``{label, start, end, score}`` of every class, sorted by start."""
    out = []
    for label in post.classes:
        on, off, gap, min_s = EVENT_RULES[label]
        for s, e, score in segments(post.row(label), post.hop_s, on, off, gap, min_s):
            out.append({"label": label, "start": round(s, 3), "end": round(min(e, duration), 3),
                        "score": round(score, 3)})
    return sorted(out, key=lambda ev: (ev["start"], ev["label"]))


def posteriorgram_png(post: Posteriors, path: Path, evs: list[dict[str, Any]],
                      title: str = "") -> Path:
    """Draw the posteriorgram (classes x time) with event boxes."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    n = post.probs.shape[1]
    fig, ax = plt.subplots(figsize=(9, 3.2))
    ax.imshow(post.probs, aspect="auto", origin="lower", cmap="viridis", vmin=0, vmax=1,
              extent=(0, n * post.hop_s, -0.5, len(post.classes) - 0.5), interpolation="nearest")
    for ev in evs:
        row = post.classes.index(ev["label"])
        ax.add_patch(plt.Rectangle((ev["start"], row - 0.45), ev["end"] - ev["start"], 0.9,
                                   fill=False, edgecolor="white", linewidth=1.0))
    ax.set_yticks(range(len(post.classes)))
    ax.set_yticklabels(post.classes)
    ax.set_xlabel("time (s)")
    ax.set_title(title or "sound event posteriorgram")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def summarize(evs: list[dict[str, Any]], limit: int = 8) -> str:
    """A one-line text summary of the events."""
    shown = [e for e in evs if e["label"] != "silence"] or evs
    parts = [f"{e['label']} {e['start']:.1f}-{e['end']:.1f} s" for e in shown[:limit]]
    more = f" (+{len(shown) - limit} more)" if len(shown) > limit else ""
    return ("Detected: " + ", ".join(parts) + more) if parts else "No events detected."


class FeatureSED(Backend):
    """Signal-feature event detector with the Silero VAD for speech."""

    name = "features"
    tool = "sound_event_detection"
    summary = ("Silero VAD (ONNX) + pitch/HPSS/chroma/flatness features -> 8 class posteriors "
               "-> hysteresis events")
    requires = (module("librosa", "sound"), module("scipy", "core"), module("matplotlib", "core"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        audio = req.audio("audio")
        req.progress(0.1, "computing features")
        post = analyze(audio)
        evs = events(post, audio.duration)
        png = posteriorgram_png(post, req.workdir / "posteriorgram.png", evs)
        data = {"events": evs, "classes": list(post.classes), "hop_s": round(post.hop_s, 4),
                "method": f"features+{post.vad_method}", "duration": round(audio.duration, 3)}
        return ToolResult(outputs=[Output("image", png, "posteriorgram")],
                          text=summarize(evs), data=data)
