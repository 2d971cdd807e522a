"""The dialogue CLI contract: plan --json, plan --batch, chat --script (the 8-turn scenario),
sessions list/show/export, eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shared_file

DATA = Path(__file__).resolve().parents[1] / "dialogue" / "data"


def test_plan_json(cli, jfk: Path) -> None:
    res = cli("plan", "Denoise and then transcribe this", "--attach", jfk, "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    # issue 13: confidence, and which path decided (the rules, or the opt-in learned arbiter)
    assert set(out) == {"steps", "unsupported", "reply", "confidence", "method"}
    assert 0.7 <= out["confidence"] <= 1.0
    assert out["method"] == "rules"
    assert out["steps"] == [{"tool": "speech_enhancement", "args": {"audio": str(jfk)}},
                            {"tool": "speech_recognition", "args": {"audio": "$1"}}]


def test_plan_batch_contract(cli, tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    lines = [{"id": "a", "query": "Separate the three voices", "attachments": ["mix.wav"]},
             {"id": "b", "query": "Order a pizza for me", "attachments": []},
             {"id": "c", "query": "Say 'hi there' in the voice of this recording",
              "attachments": ["ref.wav"]}]
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n\nnot json\n")
    res = cli("plan", "--batch", batch)
    assert res.rc == 0, res.stderr
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert [o["id"] for o in out[:3]] == ["a", "b", "c"] and len(out) == 4
    for o in out:
        assert {"id", "steps", "unsupported", "reply"} <= set(o)
    assert out[0]["steps"] == [{"tool": "speech_separation",
                                "args": {"audio": "mix.wav", "num_speakers": 3}}]
    assert out[1]["unsupported"] is True and out[1]["steps"] == []
    assert out[2]["steps"][0]["args"] == {"text": "hi there", "reference": "ref.wav"}
    assert "invalid JSON" in out[3]["reply"]


def test_plan_json_asks_when_vague(cli, jfk: Path) -> None:
    res = cli("plan", "do something with this", "--attach", jfk, "--json")
    out = res.json()
    assert res.rc == 0 and out["steps"] == [] and not out["unsupported"]
    assert out["clarify"] == out["reply"] and "transcribe" in out["reply"]
    assert "speech_recognition" in out["options"] and out["confidence"] == 0.0


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run the 8-turn script once (module scope: the tools are slow-ish)."""
    import os
    import subprocess
    import sys

    dog = shared_file("eval-audio/events/esc10/dog_bark__1-100032-A.ogg")
    tmp = tmp_path_factory.mktemp("scenario")
    broken = tmp / "broken.wav"
    broken.write_text("hello, I am a text file\n" * 20)
    turns = [
        {"say": "Please synthesize speech saying 'good morning everyone'"},
        {"say": "Make the synthesized audio binaural"},
        {"say": "What sounds can you hear in this file?", "attach": [str(dog)]},
        {"say": "Book a table for two at an Italian restaurant tonight"},
        {"say": "Denoise it"},
        {"say": "Now transcribe the result"},
        {"say": "Transcribe this recording too", "attach": [str(broken)]},
        {"say": "Generate the sound of rain on a tin roof"},
    ]
    script = tmp / "script.jsonl"
    script.write_text("\n".join(json.dumps(t) for t in turns) + "\n")
    env = dict(os.environ, AUDIOGPT_HOME=str(tmp / "home"))
    proc = subprocess.run([sys.executable, "-m", "audiogpt", "chat", "--script", str(script),
                           "--json", "--session", "demo"], capture_output=True, text=True,
                          timeout=600, env=env)
    show = subprocess.run([sys.executable, "-m", "audiogpt", "sessions", "show", "demo", "--json"],
                          capture_output=True, text=True, timeout=120, env=env)
    return {"proc": proc, "lines": [json.loads(x) for x in proc.stdout.splitlines()],
            "history": json.loads(show.stdout), "env": env}


@pytest.mark.slow
def test_chat_script_eight_turns(scenario: dict) -> None:
    proc, lines = scenario["proc"], scenario["lines"]
    assert proc.returncode == 0, proc.stderr
    assert [x["turn"] for x in lines] == list(range(1, 9))
    for x in lines:
        assert set(x) == {"turn", "steps", "reply", "artifacts"} and x["reply"]
    t1, t2, t3, t4, t5, t6, t7, t8 = lines
    history = scenario["history"]["turns"]

    assert t1["steps"][0]["tool"] == "text_to_speech"
    assert "good morning everyone" in t1["steps"][0]["args"]["text"]
    tts_id = t1["steps"][0]["outputs"][0] if t1["steps"][0]["outputs"] else None
    assert tts_id and "error" not in t1["steps"][0]
    assert any(a["kind"] == "image" for a in t1["artifacts"])  # waveform of the speech
    assert t2["steps"][0]["tool"] == "mono_to_binaural"
    assert t2["steps"][0]["args"]["audio"] == tts_id
    assert t2["steps"][0]["outputs"]

    dog_id = history[2]["attachments"][0]
    assert t3["steps"][0]["tool"] in ("sound_event_detection", "audio_captioning")
    assert t3["steps"][0]["args"]["audio"] == dog_id

    assert t4["steps"] == [] and "can't" in t4["reply"]

    assert t5["steps"][0]["tool"] == "speech_enhancement"
    assert t5["steps"][0]["args"]["audio"] == dog_id  # "it" = the latest audio
    denoised = t5["steps"][0]["outputs"][0] if t5["steps"][0]["outputs"] else None
    assert denoised
    assert t6["steps"][0]["tool"] == "speech_recognition"
    assert t6["steps"][0]["args"]["audio"] == denoised

    assert t7["steps"] and t7["steps"][0].get("error")  # the broken attachment
    assert "failed" in t7["reply"]

    assert t8["steps"][0]["tool"] == "text_to_audio" and "rain" in t8["steps"][0]["args"]["text"]
    assert "error" not in t8["steps"][0] and any(a["kind"] == "audio" for a in t8["artifacts"])


def test_sessions_list_show_export(scenario: dict, tmp_path: Path) -> None:
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "audiogpt", *args], capture_output=True,
                              text=True, timeout=120, env=scenario["env"])

    listing = json.loads(run("sessions", "list", "--json").stdout)
    assert any(r["name"] == "demo" and r["turns"] == 8 for r in listing)
    hist = scenario["history"]
    assert hist["session"] == "demo" and len(hist["turns"]) == 8
    assert hist["turns"][0]["steps"] == scenario["lines"][0]["steps"]
    md = tmp_path / "demo.md"
    res = run("sessions", "export", "demo", "--format", "markdown", "--out", str(md))
    assert res.returncode == 0, res.stderr
    text = md.read_text()
    assert text.startswith("# Session demo") and "## Turn 8" in text and "text_to_speech" in text
    res = run("sessions", "show", "nope")
    assert res.returncode == 2 and "no session" in res.stderr


def test_eval_capability_on_own_cases(cli) -> None:
    res = cli("eval", "capability", "--cases", DATA / "routing_holdout.jsonl", "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert out["tool_sequence_accuracy"] >= 0.85 and out["unsupported_declined"] >= 0.8
