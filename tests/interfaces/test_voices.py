"""Enrolled voices end to end through the CLI: consent, checks, storage, cloning, watermark."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from audiogpt.core.audio import Audio
from tests.conftest import shared_file

AEW = ["eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav",
       "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0002.wav"]


def test_add_without_consent_is_refused(cli) -> None:
    res = cli("voices", "add", "me", "--from", shared_file(AEW[0]), "--json")
    assert res.rc == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "consent" in lines[0] and "Traceback" not in res.stderr


@pytest.mark.slow
def test_enroll_clone_watermark_remove(cli, workspace: Path) -> None:
    files = [shared_file(f) for f in AEW]
    res = cli("voices", "add", "Me", "--from", files[0], "--from", files[1], "--consent", "--json")
    assert res.rc == 0, res.stderr
    added = res.json()
    assert added["name"] == "me" and 5.0 < added["speech_seconds"] < 9.0
    assert any("60 s" in w for w in added["warnings"])  # short material is flagged
    folder = workspace / "voices" / "me"
    for f in folder.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700

    listed = cli("voices", "list", "--json").json()
    assert [v["name"] for v in listed] == ["me"]
    shown = cli("voices", "show", "me", "--json").json()
    assert "own" in shown["consent"] and shown["created"] and shown["f0_median_hz"] < 160

    text = "Today I walked by the sea and watched the boats."
    res = cli("run", "voice_clone", "--text", text, "--reference", "my voice", "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["backend"] == "world-map" and out["data"]["voice"] == "me"
    path = out["artifacts"][0]["path"]
    audio = Audio.from_file(path)
    assert 1.5 < audio.duration < 6.0

    mark = cli("watermark", "detect", path, "--json")
    assert mark.rc == 0 and mark.json()["watermarked"] is True
    assert mark.json()["tool"] == "voice_clone"
    natural = cli("watermark", "detect", files[0], "--json").json()
    assert natural["watermarked"] is False

    src = shared_file("eval-audio/speech_en/ljspeech/LJ001-0002.wav")
    for backend in ("praat-adapt", "world-map"):
        res = cli("run", "voice_conversion", "--audio", src, "--reference", "me",
                  "--backend", backend, "--json")
        assert res.rc == 0, res.stderr
        conv = Audio.from_file(res.json()["artifacts"][0]["path"])
        assert conv.frames == Audio.from_file(src).frames
        mark = cli("watermark", "detect", res.json()["artifacts"][0]["path"], "--json").json()
        assert mark["watermarked"] and mark["tool"] == "voice_conversion", (backend, mark)

    bad = cli("run", "voice_clone", "--text", "hi", "--reference", "nobody", "--json")
    assert bad.rc == 2 and "neither an enrolled voice" in bad.stderr

    assert cli("voices", "remove", "me").rc == 0
    assert cli("voices", "list", "--json").json() == []
    assert not folder.exists()
    gone = cli("voices", "show", "me")
    assert gone.rc == 2 and len(gone.stderr.strip().splitlines()) == 1
