"""audio_captioning through the CLI: speech is called speech, vocadito singing/music."""

from __future__ import annotations

import pytest

from tests.conftest import shared_file


def test_caption_mentions_speech(cli) -> None:
    clip = shared_file("eval-audio/speech_en/librivox_pocketsphinx/"
                       "sense_and_sensibility_01_austen_64kb-0880.wav")
    res = cli("run", "audio_captioning", "--audio", clip, "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert "speak" in out["text"].lower()
    assert out["artifacts"][0]["kind"] == "text"


@pytest.mark.slow
def test_caption_mentions_singing_for_vocadito(cli) -> None:
    clip = shared_file("eval-audio/music_singing/vocadito_1.wav")
    res = cli("run", "audio_captioning", "--audio", clip, "--json")
    assert res.rc == 0, res.stderr
    text = res.json()["text"].lower()
    assert "sing" in text or "music" in text
