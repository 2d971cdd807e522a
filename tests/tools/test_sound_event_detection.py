"""sound_event_detection through the CLI: speech placed at 4-15 s over rain is found there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_file
from tests.sound_fixtures import RATE, iou, speech_over_rain


@pytest.fixture(scope="module")
def rain_mix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, tuple[float, float]]:
    """JFK at 4-15 s over rain (0 dB), and the clean speech as placed."""
    shared_file("eval-audio/noise/maxaudio_rain.wav")
    from audiogpt.core.audio import Audio

    mix, clean, span = speech_over_rain(start=4.0, duration=20.0, snr_db=0.0)
    d = tmp_path_factory.mktemp("rainmix")
    return (Audio(mix, RATE).to_file(d / "speech_rain.wav"),
            Audio(clean, RATE).to_file(d / "speech_clean.wav"), span)


def test_speech_over_rain_is_detected_where_it_is(cli, rain_mix) -> None:
    mix, _, (s, e) = rain_mix
    res = cli("run", "sound_event_detection", "--audio", mix, "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    events = out["data"]["events"]
    speech = [(ev["start"], ev["end"]) for ev in events if ev["label"] == "speech"]
    assert iou(speech, [(s, e)]) >= 0.6, events
    noise = [ev for ev in events if ev["label"] == "steady_noise"]
    assert sum(ev["end"] - ev["start"] for ev in noise) > 10, events
    png = [a for a in out["artifacts"] if a["kind"] == "image"]
    assert png and Path(png[0]["path"]).stat().st_size > 1000
    assert Path(png[0]["path"]).read_bytes()[:4] == b"\x89PNG"


def test_silence_and_tone_are_told_apart() -> None:
    import numpy as np

    from audiogpt.backends.sound.events.features import compute

    t = np.arange(4 * RATE) / RATE
    y = np.zeros_like(t)
    y[2 * RATE:] = 0.3 * np.sin(2 * np.pi * 2500 * t[2 * RATE:])  # a whistle-like tone
    for use_silero in (True, False):
        post = compute(y.astype(np.float32), use_silero=use_silero)
        half = post.probs.shape[1] // 2
        assert post.row("silence")[5:half - 5].mean() > 0.9
        assert post.row("tonal")[half + 10:-5].mean() > 0.5
        assert post.row("speech")[half + 10:-5].mean() < 0.2
        assert post.row("singing")[half + 10:-5].mean() < 0.2


def test_non_audio_input_exits_2(cli, tmp_path) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("this is not audio")
    res = cli("run", "sound_event_detection", "--audio", bad, "--json")
    assert res.rc == 2
    assert len(res.stderr.strip().splitlines()) == 1
