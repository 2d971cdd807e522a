"""speech_translation through the CLI: JFK to Spanish, pivot through Spanish, missing pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.backends.speech.translation.apertium import installed_pairs, route, translate
from audiogpt.core.errors import ToolInputError


def test_jfk_to_spanish(cli, jfk: Path) -> None:
    res = cli("run", "speech_translation", "--audio", str(jfk), "--target_language", "es",
              "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert "país" in out["text"].lower()
    data = out["data"]
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
              "--source_language", "fr", "--json")
    assert res.rc == 2 and "no offline model for 'fr'" in res.stderr
