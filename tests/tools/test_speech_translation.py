"""speech_translation through the CLI: French speech to English (Whisper's translate task),
JFK to Spanish (Whisper + Apertium), pivots, missing pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.backends.speech.translation.apertium import installed_pairs, route, translate
from audiogpt.core.errors import ToolInputError
from tests.conftest import shared_file


def test_french_to_english_with_whisper(cli) -> None:
    fr = shared_file("eval-audio/speech_other/uberi_french.aiff")
    res = cli("run", "speech_translation", "--audio", str(fr), "--target_language", "en",
              "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["backend"] == "faster-whisper+apertium"
    data = out["data"]
    assert data["route"] == "whisper-translate" and data["path"] == ["fr", "en"]
    assert data["source_language"] == "fr" and "dictée" in data["transcript"].lower()
    words = set(out["text"].lower().strip(".").replace(",", "").split())
    assert words & {"dictation", "dictated"} and words & {"the", "is", "that's", "and"}, out["text"]
    assert "dictée" not in out["text"].lower()


def test_chinese_to_spanish_pivots_through_english(cli) -> None:
    if ("en", "es") not in installed_pairs():
        pytest.skip("apertium en-es not installed")
    zh = shared_file("eval-audio/speech_zh/aishell_BAC009S0764W0121.wav")
    res = cli("run", "speech_translation", "--audio", str(zh), "--target_language", "es",
              "--json")
    assert res.rc == 0, res.stderr
    data = res.json()["data"]
    assert data["route"] == "whisper-translate+apertium" and data["path"] == ["zh", "en", "es"]
    assert data["source_language"] == "zh" and "交易" in data["transcript"]
    assert res.json()["text"] and not any("\u4e00" <= c <= "\u9fff" for c in res.json()["text"])


def test_jfk_to_spanish(cli, jfk: Path) -> None:
    res = cli("run", "speech_translation", "--audio", str(jfk), "--target_language", "es",
              "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert "país" in out["text"].lower()
    data = out["data"]
    assert out["backend"] == "faster-whisper+apertium" and data["route"] == "whisper+apertium"
    assert data["pair"] == "en-es" and data["source_language"] == "en"
    assert data["target_language"] == "es" and data["translation"] == out["text"]
    assert "country" in data["transcript"]
    art = out["artifacts"][0]
    assert art["kind"] == "text" and Path(art["path"]).read_text().strip() == out["text"]


def test_pivot_through_spanish() -> None:
    if ("en", "es") not in installed_pairs() or ("es", "pt") not in installed_pairs():
        pytest.skip("apertium en-es / es-pt not installed")
    assert route("en", "pt") == [("en", "es"), ("es", "pt")]
    text, pair = translate("my country", "en", "pt")
    assert pair == "en-es-pt" and "país" in text.lower()


def test_missing_pair_lists_installed_ones(cli, jfk: Path) -> None:
    res = cli("run", "speech_translation", "--audio", str(jfk), "--target_language", "de",
              "--json")
    assert res.rc == 2 and "no Apertium pair for en->de" in res.stderr
    assert "en-es" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    with pytest.raises(ToolInputError):
        route("en", "zz")
    res = cli("run", "speech_translation", "--audio", str(jfk), "--target_language", "es",
              "--source_language", "fr", "--backend", "pocketsphinx+apertium", "--json")
    assert res.rc == 2 and "no offline model for 'fr'" in res.stderr
    res = cli("run", "speech_translation", "--audio", str(jfk), "--target_language", "es",
              "--source_language", "xx", "--json")
    assert res.rc == 2 and "does not know the language 'xx'" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
