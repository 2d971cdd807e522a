"""PocketSphinx engine: words with times inside the audio, pause chunking, language check."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from audiogpt.backends.dsp.pauses import pause_chunks, speech_mask
from audiogpt.backends.speech.recognition.pocketsphinx import transcribe
from audiogpt.core.audio import Audio
from audiogpt.core.errors import ToolInputError
from audiogpt.eval.wer import wer
from tests.conftest import shared_file

TEXT = "he was not an ill disposed young man"


@pytest.fixture(scope="module")
def clip() -> Audio:
    return Audio.from_file(shared_file(
        "eval-audio/speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0880.wav"))


def test_transcribe_returns_ordered_word_times(clip: Audio) -> None:
    res = transcribe(clip)
    assert wer(TEXT, res["text"]) <= 0.5
    starts = [w["start"] for w in res["words"]]
    assert starts == sorted(starts)
    assert all(0 <= w["start"] < w["end"] <= clip.duration + 0.02 for w in res["words"])
    assert " ".join(s["text"] for s in res["segments"]) == res["text"]


def test_other_rates_and_stereo_give_the_same_words(clip: Audio) -> None:
    stereo44 = Audio(np.vstack([clip.samples, clip.samples]), clip.sample_rate).resampled(44100)
    assert wer(transcribe(clip)["text"], transcribe(stereo44)["text"]) <= 0.2


def test_long_audio_is_chunked_at_pauses_with_offset_times(clip: Audio) -> None:
    gap = np.zeros((1, clip.sample_rate), np.float32)
    long = Audio(np.concatenate([clip.samples, gap] * 4, axis=1), clip.sample_rate)  # 16 s
    seen = []
    res = transcribe(long, max_chunk_s=6.0, progress=lambda f, m: seen.append(f))
    assert res["chunks"] >= 3 and seen[-1] == 1.0
    assert wer(" ".join([TEXT] * 4), res["text"]) <= 0.5
    assert res["words"][-1]["start"] > 12.0  # times are offset by the chunk start
    assert len(res["segments"]) >= 4


def test_pause_chunks_cut_in_silence() -> None:
    sr = 16000
    rng = np.random.default_rng(0)
    burst = (rng.standard_normal(3 * sr) * 0.2).astype(np.float32)
    x = np.concatenate([burst, np.zeros(sr // 2, np.float32)] * 6)  # 21 s
    chunks = pause_chunks(x, sr, max_s=8.0, min_s=2.0)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(x)
    for (_, e), (s, _) in itertools.pairwise(chunks):
        assert e == s
        assert np.abs(x[e - 800: e + 800]).max() == 0  # every cut lies in a pause
    assert speech_mask(x, sr)[: 3 * 100 - 30].all()


def test_non_english_is_refused_naming_whisper(clip: Audio) -> None:
    with pytest.raises(ToolInputError, match="no offline model for 'fr'.*whisper"):
        transcribe(clip, language="fr")
