"""Spoken queries (modality transformation) through ``audiogpt chat --script``: a French
recording is recognised with its language, translated to English with Whisper before the
offline planner reads it, and the reply says so; a Chinese one goes to the planner as is."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import shared_file


def test_french_and_chinese_spoken_queries(cli, tmp_path: Path) -> None:
    fr = shared_file("eval-audio/speech_other/uberi_french.aiff")
    zh = shared_file("eval-audio/speech_zh/aishell_BAC009S0764W0121.wav")
    script = tmp_path / "turns.jsonl"
    script.write_text("\n".join(json.dumps({"say": "", "attach": [str(p)]}) for p in (fr, zh)))
    res = cli("chat", "--script", str(script), "--json", "--session", "spoken")
    assert res.rc == 0, res.stderr
    t1, t2 = (json.loads(x) for x in res.stdout.splitlines())

    asr, translation = t1["steps"][0], t1["steps"][1]
    assert asr["tool"] == "speech_recognition" and "dictée" in asr["text"].lower()
    assert translation["tool"] == "speech_translation"
    assert translation["args"]["target_language"] == "en"
    assert translation["args"]["source_language"] == "fr"
    assert "dictat" in translation["text"].lower()  # "dictation" / "dictated": the meaning, not one wording
    assert "I heard (French)" in t1["reply"] and "translated to English with Whisper" in t1["reply"]

    assert t2["steps"][0]["tool"] == "speech_recognition"
    assert "交易" in t2["steps"][0]["text"]
    assert all(s["tool"] != "speech_translation" for s in t2["steps"])  # the planner reads zh
    assert "I heard (Chinese)" in t2["reply"]
