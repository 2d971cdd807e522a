"""voice_clone and voice_conversion through the CLI: F0 near the reference, still intelligible."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.core.audio import Audio
from audiogpt.eval.metrics import median_f0, semitones
from tests.conftest import shared_file

TEXT = "Please read my diary entry for today in my own voice."
MALE = "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav"
FEMALE = "eval-audio/speech_en/ljspeech/LJ001-0001.wav"


def _transcribe(audio: Audio) -> str:
    from audiogpt.backends.speech.recognition.pocketsphinx import transcribe

    return transcribe(audio.to_mono().resampled(16000))["text"]


@pytest.mark.parametrize(("ref", "base"), [(MALE, "rms"), (FEMALE, "slt")])
def test_clone_matches_reference_pitch_and_stays_intelligible(cli, ref: str, base: str) -> None:
    from audiogpt.eval.wer import wer

    ref_path = shared_file(ref)
    res = cli("run", "voice_clone", "--text", TEXT, "--reference", ref_path,
              "--backend", "praat-adapt", "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["backend"] == "praat-adapt"
    assert out["data"]["base_voice"] == base
    audio = Audio.from_file(out["artifacts"][0]["path"])
    err = semitones(median_f0(audio), median_f0(Audio.from_file(ref_path)))
    assert abs(err) <= 2.0, f"median F0 {err:+.2f} semitones from the reference"
    assert wer(TEXT, _transcribe(audio)) <= 0.35


def test_conversion_keeps_duration_and_moves_pitch(cli) -> None:
    src = shared_file(MALE)
    ref = shared_file("eval-audio/speech_en/ljspeech/LJ001-0002.wav")
    res = cli("run", "voice_conversion", "--audio", src, "--reference", ref,
              "--backend", "praat-adapt", "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    audio = Audio.from_file(out["artifacts"][0]["path"])
    before = Audio.from_file(src)
    assert audio.frames == before.frames and audio.sample_rate == before.sample_rate
    err = semitones(median_f0(audio), median_f0(Audio.from_file(ref)))
    assert abs(err) <= 2.0
    assert abs(semitones(median_f0(audio), median_f0(before))) > 6  # male -> female register
    assert out["data"]["formant_warp"] > 1.0  # shorter vocal tract


@pytest.mark.parametrize("args", [
    ("voice_clone", "--text", "   ", "--reference", "{wav}"),
    ("voice_clone", "--text", "hello", "--reference", "{txt}"),
    ("voice_clone", "--text", "hello"),
    ("voice_clone", "--text", "hello", "--reference", "{wav}", "--language", "klingon!"),
    ("voice_conversion", "--audio", "{wav}"),
    ("voice_conversion", "--audio", "{txt}", "--reference", "{wav}"),
])
def test_bad_input_exit_2(cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    wav = shared_file(MALE)
    txt = tmp_path / "notes.txt"
    txt.write_text("not audio")
    argv = [a.format(wav=wav, txt=txt) for a in args]
    res = cli("run", *argv, "--json")
    assert res.rc == 2, res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_reference_without_voice_is_rejected(cli, tmp_path: Path) -> None:
    import numpy as np

    noise = Audio(np.random.default_rng(0).normal(0, 0.1, 16000).astype("float32"), 16000)
    path = noise.to_file(tmp_path / "noise.wav")
    res = cli("run", "voice_clone", "--text", "hello", "--reference", path,
              "--backend", "praat-adapt", "--json")
    assert res.rc == 2
    assert "no voiced speech" in res.stderr
    res = cli("run", "voice_clone", "--text", "hello", "--reference", path,
              "--backend", "world-map", "--json")
    assert res.rc == 2 and "s of speech" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_world_map_clone_from_a_file_is_watermarked_and_in_register(cli) -> None:
    """A reference file is enrolled on the fly (transcribed, mapped) and not stored."""
    from audiogpt.backends.dsp.watermark import detect

    ref_path = shared_file(FEMALE)
    res = cli("run", "voice_clone", "--text", TEXT, "--reference", ref_path,
              "--backend", "world-map", "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["data"]["enrolled"] is False and out["data"]["watermark"] is True
    audio = Audio.from_file(out["artifacts"][0]["path"])
    err = semitones(median_f0(audio), median_f0(Audio.from_file(ref_path)))
    assert abs(err) <= 2.0, f"median F0 {err:+.2f} semitones from the reference"
    mark = detect(audio)
    assert mark["watermarked"] and mark["tool"] == "voice_clone"
    assert cli("voices", "list", "--json").json() == []  # nothing stored


@pytest.mark.slow
def test_world_map_clone_with_the_users_timing_says_so(cli, monkeypatch) -> None:
    """AUDIOGPT_VOICE_TIMING=1: the clone takes the reference's per-class durations, labelled."""
    from audiogpt.backends.dsp.watermark import detect

    monkeypatch.setenv("AUDIOGPT_VOICE_TIMING", "1")
    res = cli("run", "voice_clone", "--text", TEXT, "--reference", shared_file(MALE),
              "--backend", "world-map", "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["data"]["timing"] == "user's per-class durations"
    audio = Audio.from_file(out["artifacts"][0]["path"])
    assert 2.0 < audio.duration < 8.0
    assert detect(audio)["tool"] == "voice_clone"
