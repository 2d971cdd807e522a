"""target_sound_detection through the CLI: a bark found by example, speech found by label."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_file
from tests.sound_fixtures import RATE, bark_in_noise, iou, speech_over_rain


@pytest.fixture(scope="module")
def bark_mix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[float, float]]]:
    """The ESC-10 bark hidden twice (3 s and 11 s) in kitchen noise."""
    shared_file("eval-audio/events/esc10/dog_bark__1-100032-A.ogg")
    from audiogpt.core.audio import Audio

    mix, _, truth = bark_in_noise(times=(3.0, 11.0), snr_db=6.0)
    d = tmp_path_factory.mktemp("barkmix")
    return Audio(mix, RATE).to_file(d / "barks.wav"), truth


def test_bark_found_by_example_file(cli, bark_mix) -> None:
    mix, truth = bark_mix
    example = shared_file("eval-audio/events/esc10/dog_bark__1-100032-A.ogg")
    res = cli("run", "target_sound_detection", "--audio", mix, "--target", example, "--json")
    assert res.rc == 0, res.stderr
    data = res.json()["data"]
    assert data["method"].startswith("example")
    segs = [(s["start"], s["end"]) for s in data["segments"]]
    assert iou(segs, truth) >= 0.5, data


def test_speech_found_by_label(cli, tmp_path) -> None:
    shared_file("eval-audio/noise/maxaudio_rain.wav")
    from audiogpt.core.audio import Audio

    mix, _, span = speech_over_rain(start=4.0, duration=20.0, snr_db=0.0)
    path = Audio(mix, RATE).to_file(tmp_path / "speech_rain.wav")
    res = cli("run", "target_sound_detection", "--audio", path, "--target", "speech", "--json")
    assert res.rc == 0, res.stderr
    data = res.json()["data"]
    assert data["method"] == "label:speech"
    assert iou([(s["start"], s["end"]) for s in data["segments"]], [span]) >= 0.5, data


def test_unknown_target_file_exits_2(cli, bark_mix) -> None:
    res = cli("run", "target_sound_detection", "--audio", bark_mix[0], "--target",
              "/no/such/bark.wav", "--json")
    assert res.rc == 2
    assert "target file not found" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_label_mapping() -> None:
    from audiogpt.backends.sound.target_detection import label_class

    assert label_class("when did the dog bark") == "impulsive"
    assert label_class("a man speaking") == "speech"
    assert label_class("rain") == "steady_noise"
    assert label_class("birds chirping") == "tonal"
    assert label_class("xylophagous") is None
