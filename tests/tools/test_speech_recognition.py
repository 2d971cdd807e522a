"""speech_recognition through the CLI: the embedded Whisper default on real English, French and
Chinese recordings (language detected, timestamps), the prompt hint, long files with silence,
the pocketsphinx fallback, and bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogpt.core.audio import Audio
from audiogpt.eval.wer import wer
from tests.conftest import shared_file, sine

JFK = ("And so my fellow Americans, ask not what your country can do for you, "
       "ask what you can do for your country.")


def cer(ref: str, hyp: str) -> float:
    """Character error rate over the Chinese characters (punctuation and spaces dropped)."""
    from audiogpt.eval.wer import edit_distance

    keep = [c for c in ref if "\u4e00" <= c <= "\u9fff"]
    got = [c for c in hyp if "\u4e00" <= c <= "\u9fff"]
    return edit_distance(keep, got) / len(keep)


def test_jfk_transcript_with_timestamps(cli, jfk: Path) -> None:
    res = cli("run", "speech_recognition", "--audio", str(jfk), "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["tool"] == "speech_recognition" and out["backend"] == "faster-whisper"
    assert wer(JFK, out["text"]) <= 0.05, out["text"]
    data = out["data"]
    assert data["language"] == "en" and data["language_detected"] is True
    words = data["words"]
    assert {"word", "start", "end"} <= set(words[0])
    assert all(0 <= w["start"] <= w["end"] <= 11.05 for w in words)
    starts = [w["start"] for w in words]
    assert starts == sorted(starts)
    country = next(w for w in words if w["word"].strip(",.").lower() == "country")
    assert 5.0 < country["start"] < 8.5  # "what your country can do" is spoken around 6-7 s
    assert data["segments"] and all(s["start"] < s["end"] for s in data["segments"])
    assert out["artifacts"][0]["kind"] == "text"
    assert Path(out["artifacts"][0]["path"]).read_text().strip() == out["text"]


@pytest.mark.slow
def test_french_and_chinese_detected(cli) -> None:
    fr = shared_file("eval-audio/speech_other/uberi_french.aiff")
    res = cli("run", "speech_recognition", "--audio", str(fr), "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["data"]["language"] == "fr" and out["data"]["language_probability"] > 0.8
    assert "dictée" in out["text"].lower() and "numéro" in out["text"].lower()
    zh = shared_file("eval-audio/speech_zh/aishell_BAC009S0764W0121.wav")
    res = cli("run", "speech_recognition", "--audio", str(zh), "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["data"]["language"] == "zh"
    assert out["data"]["script"].startswith("simplified")
    assert cer("甚至出现交易几乎停滞的情况", out["text"]) <= 0.2, out["text"]
    assert all(s["text"] for s in out["data"]["segments"])


@pytest.mark.slow
def test_prompt_fixes_a_name(cli) -> None:
    clip = shared_file("eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav")
    plain = cli("run", "speech_recognition", "--audio", str(clip), "--language", "en", "--json")
    hinted = cli("run", "speech_recognition", "--audio", str(clip), "--language", "en",
                 "--prompt", "Philip Steels", "--json")
    assert plain.rc == 0 and hinted.rc == 0, plain.stderr + hinted.stderr
    assert "Philip" not in plain.json()["text"]  # "fill up steels" without the hint
    assert "Philip Steels" in hinted.json()["text"]
    assert hinted.json()["data"]["prompt"] == "Philip Steels"


def test_long_file_with_silence_keeps_true_times(jfk: Path) -> None:
    """Speech, 25 s of silence, speech: VAD skips the gap; times stay on the input's clock."""
    from audiogpt.backends.speech.recognition.whisper_embedded import transcribe

    first = Audio.from_file(shared_file(
        "eval-audio/speech_en/librivox_pocketsphinx/sense_and_sensibility_01_austen_64kb-0880.wav"))
    second = Audio.from_file(jfk)
    gap = np.zeros((1, 25 * 16000), dtype=np.float32)
    audio = Audio(np.concatenate([first.samples, gap, second.samples], axis=1), 16000)
    seen: list[float] = []
    res = transcribe(audio, progress=lambda f, m: seen.append(f))
    assert res["duration"] > 38 and res["speech_s"] < 20  # the silence was not decoded
    assert wer("he was not an ill disposed young man " + JFK, res["text"]) <= 0.1, res["text"]
    country = [w for w in res["words"] if w["word"].strip(",.").lower() == "country"]
    offset = first.duration + 25.0
    assert len(country) == 2 and all(offset + 5 < w["start"] < offset + 11 for w in country)
    ill = next(w for w in res["words"] if w["word"].lower() == "ill")
    assert ill["start"] < 3.0
    assert seen and seen == sorted(seen) and seen[-1] > 0.9


def test_pocketsphinx_stays_as_fallback(cli, jfk: Path) -> None:
    res = cli("run", "speech_recognition", "--audio", str(jfk), "--backend", "pocketsphinx",
              "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["backend"] == "pocketsphinx" and "country" in out["text"]
    assert out["data"]["language"] == "en"


def test_bad_input_exits_2(cli, jfk: Path, tmp_path: Path) -> None:
    res = cli("run", "speech_recognition", "--audio", str(jfk), "--language", "xx", "--json")
    assert res.rc == 2 and "does not know the language 'xx'" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    res = cli("run", "speech_recognition", "--audio", str(jfk), "--language", "de",
              "--backend", "pocketsphinx", "--json")
    assert res.rc == 2 and "no offline model for 'de'" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    bogus = tmp_path / "notes.wav"
    bogus.write_text("not audio at all")
    res = cli("run", "speech_recognition", "--audio", str(bogus), "--json")
    assert res.rc == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.stderr


def test_tone_gives_no_words_not_an_error(cli, tmp_path: Path) -> None:
    import soundfile as sf

    path = tmp_path / "tone.wav"
    sf.write(path, sine(440, 1.0, 16000, 0.3)[0], 16000)
    res = cli("run", "speech_recognition", "--audio", str(path), "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["backend"] == "faster-whisper" and out["data"]["words"] == []
    assert out["text"] == ""


def test_numbers_come_as_digits() -> None:
    from audiogpt.backends.speech.recognition.whisper_embedded import transcribe

    clip = Audio.from_file(shared_file("eval-audio/speech_en/uberi_english.wav"))  # 44.1 kHz
    res = transcribe(clip, language="en")
    assert [w["word"].strip(",.") for w in res["words"]] == ["1", "2", "3"], res["text"]
