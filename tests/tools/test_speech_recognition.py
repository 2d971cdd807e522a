"""speech_recognition through the CLI on the JFK clip: text, word and segment timestamps,
and bad input."""

from __future__ import annotations

from pathlib import Path

from audiogpt.eval.wer import wer
from tests.conftest import sine

JFK = ("And so my fellow Americans, ask not what your country can do for you, "
       "ask what you can do for your country.")


def test_jfk_transcript_with_timestamps(cli, jfk: Path) -> None:
    res = cli("run", "speech_recognition", "--audio", str(jfk), "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["tool"] == "speech_recognition" and out["backend"] == "pocketsphinx"
    assert wer(JFK, out["text"]) <= 0.35
    assert "country" in out["text"]
    data = out["data"]
    assert data["language"] == "en"
    words = data["words"]
    assert {"word", "start", "end"} <= set(words[0])
    assert all(0 <= w["start"] < w["end"] <= 11.05 for w in words)
    country = next(w for w in words if w["word"] == "country")
    assert 5.0 < country["start"] < 8.5  # "what your country can do" is spoken around 6-7 s
    assert data["segments"] and all(s["start"] < s["end"] for s in data["segments"])
    assert out["artifacts"][0]["kind"] == "text"
    assert Path(out["artifacts"][0]["path"]).read_text().strip() == out["text"]


def test_bad_input_exits_2(cli, jfk: Path, tmp_path: Path) -> None:
    res = cli("run", "speech_recognition", "--audio", str(jfk), "--language", "de", "--json")
    assert res.rc == 2 and "no offline model for 'de'" in res.stderr
    assert "whisper" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    bogus = tmp_path / "notes.wav"
    bogus.write_text("not audio at all")
    res = cli("run", "speech_recognition", "--audio", str(bogus), "--json")
    assert res.rc == 2 and len(res.stderr.strip().splitlines()) == 1


def test_tone_gives_no_words_not_an_error(cli, tmp_path: Path) -> None:
    import soundfile as sf

    path = tmp_path / "tone.wav"
    sf.write(path, sine(440, 1.0, 16000, 0.001)[0], 16000)
    res = cli("run", "speech_recognition", "--audio", str(path), "--json")
    assert res.rc == 0, res.stderr
    assert isinstance(res.json()["data"]["words"], list)
