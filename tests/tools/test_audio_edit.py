"""audio_edit on real audio: durations, levels, sample-exact trims, bad parameters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogpt.app import App
from audiogpt.backends.edit.dsp import loudness_lufs
from audiogpt.core.audio import Audio
from audiogpt.core.errors import ToolInputError
from tests.conftest import sine


@pytest.fixture
def app() -> App:
    return App()


def _run(app: App, **args) -> Audio:
    rec = app.run_tool("audio_edit", args)
    assert rec.backend == "dsp"
    return Audio.from_file(rec.artifacts[0].path)


def test_trim_is_sample_exact(app: App, jfk: Path) -> None:
    src = Audio.from_file(jfk)
    out = _run(app, audio=str(jfk), operation="trim", start=1, end=3)
    assert out.frames == 2 * src.sample_rate
    assert np.allclose(out.samples, src.samples[:, src.sample_rate: 3 * src.sample_rate],
                       atol=1 / 32768)


def test_cut_removes_the_region_sample_exactly(app: App, jfk: Path) -> None:
    src = Audio.from_file(jfk)
    out = _run(app, audio=str(jfk), operation="cut", start=2, end=4)
    sr = src.sample_rate
    assert out.frames == src.frames - 2 * sr
    expected = np.concatenate([src.samples[:, : 2 * sr], src.samples[:, 4 * sr:]], axis=1)
    assert np.allclose(out.samples, expected, atol=1 / 32768)


def test_concat_and_mix(app: App, jfk: Path, tmp_path: Path) -> None:
    tone = Audio(sine(440, 2.0, 44100, 0.1), 44100).to_file(tmp_path / "tone.wav")
    src = Audio.from_file(jfk)
    cat = _run(app, audio=str(jfk), audio2=str(tone), operation="concat")
    assert cat.sample_rate == src.sample_rate
    assert abs(cat.duration - (src.duration + 2.0)) < 1e-3
    mix = _run(app, audio=str(tone), audio2=str(jfk), operation="mix", gain_db=-6)
    assert abs(mix.duration - src.duration) < 1e-3  # length = longer
    assert mix.sample_rate == 44100


def test_gain_and_normalize(app: App, jfk: Path) -> None:
    src = Audio.from_file(jfk)
    louder = _run(app, audio=str(jfk), operation="gain", gain_db=-6)
    ratio = np.sqrt(np.mean(louder.mono**2) / np.mean(src.mono**2))
    assert abs(20 * np.log10(ratio) + 6) < 0.05
    norm = _run(app, audio=str(jfk), operation="normalize", target_lufs=-30)
    assert abs(loudness_lufs(norm) + 30) < 0.3


def test_fade_speed_reverse(app: App, jfk: Path) -> None:
    src = Audio.from_file(jfk)
    faded = _run(app, audio=str(jfk), operation="fade", fade_in=1.0, fade_out=1.0)
    assert abs(faded.samples[0, 0]) < 1e-4 and abs(faded.samples[0, -1]) < 1e-4
    assert faded.frames == src.frames
    fast = _run(app, audio=str(jfk), operation="speed", speed=2.0)
    assert abs(fast.duration - src.duration / 2) < 0.05
    rev = _run(app, audio=str(jfk), operation="reverse")
    assert np.allclose(rev.samples[0, ::-1], src.samples[0], atol=1 / 32768)


def test_speed_keeps_pitch(app: App, tmp_path: Path) -> None:
    tone = Audio(sine(440, 3.0, 16000, 0.3), 16000).to_file(tmp_path / "tone.wav")
    out = _run(app, audio=str(tone), operation="speed", speed=1.5)
    x = out.mono[2000:-2000]
    f = np.fft.rfftfreq(len(x), 1 / 16000)[np.argmax(np.abs(np.fft.rfft(x)))]
    assert abs(f - 440) < 5


def test_convert(app: App, jfk: Path) -> None:
    rec = app.run_tool("audio_edit", {"audio": str(jfk), "operation": "convert",
                                      "sample_rate": 44100, "channels": 2, "format": "flac"})
    path = rec.artifacts[0].path
    assert path.suffix == ".flac"
    out = Audio.from_file(path)
    assert out.sample_rate == 44100 and out.channels == 2


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ({"operation": "trim", "start": 3, "end": 1}, "greater than"),
        ({"operation": "trim", "start": 1, "end": 99}, "past the end"),
        ({"operation": "trim", "start": 50}, "past the end"),
        ({"operation": "explode"}, "invalid --operation"),
        ({"operation": "mix"}, "needs --audio2"),
        ({"operation": "speed", "speed": 10}, "outside"),
        ({"operation": "gain"}, "needs --gain_db"),
    ],
)
def test_bad_parameters(app: App, jfk: Path, args: dict, match: str) -> None:
    with pytest.raises(ToolInputError, match=match):
        app.run_tool("audio_edit", {"audio": str(jfk), **args})
