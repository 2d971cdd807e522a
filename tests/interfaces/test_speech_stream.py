"""Reading a diary entry sentence by sentence: the first piece comes before the whole, and the
whole is stored once, with provenance (library and ``POST /api/tools/{name}/stream``)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from audiogpt.app import App
from audiogpt.core.config import load_settings
from audiogpt.interfaces.http import create_app
from audiogpt.interfaces.speech_stream import SentenceStream, lead_phrase, sentences

ENTRY = ("Today I walked by the sea with Dr. Brown. The wind was cold, and the gulls were loud. "
         "Tomorrow I will call my sister.")


def test_sentences_keep_titles_and_cut_a_long_first_sentence() -> None:
    parts = sentences(ENTRY + "\n\nP.S. Buy milk!")
    assert parts == ["Today I walked by the sea with Dr. Brown.",
                     "The wind was cold, and the gulls were loud.",
                     "Tomorrow I will call my sister.", "P.S. Buy milk!"]
    assert lead_phrase(parts[0]) == ("Today I walked by the sea", "with Dr. Brown.")
    assert lead_phrase(parts[1]) == ("The wind was cold,", "and the gulls were loud.")
    assert lead_phrase("Tomorrow I will call my sister.") is None  # short: spoken whole


@pytest.fixture
def app(tmp_path: Path) -> App:
    return App(load_settings(home=tmp_path / "home"))


def test_tts_stream_plays_first_and_stores_one_file(app: App) -> None:
    stream = SentenceStream(app, "text_to_speech", {"text": ENTRY}, session="diary")
    assert stream.parts[:2] == ["Today I walked by the sea", "with Dr. Brown."]
    pieces = list(stream)
    assert [p.index for p in pieces] == [1, 2, 3, 4] and pieces[0].total == 4
    assert pieces[0].ready_s < pieces[-1].ready_s <= stream.record.seconds + 1e-6
    for p in pieces:
        assert 0.3 < p.audio.duration < 4.0 and float(np.abs(p.audio.mono).max()) > 0.05

    record = stream.record.to_json()
    (art,) = record["artifacts"]
    assert record["tool"] == "text_to_speech" and record["data"]["streamed"]["pieces"] == 4
    assert app.store.list("diary") and len(app.store.list("diary")) == 1  # one file, not four
    whole, rate = sf.read(art["path"])
    expected = sum(p.audio.duration for p in pieces) + sum(stream.pauses)
    assert rate == pieces[0].audio.sample_rate and abs(len(whole) / rate - expected) < 0.01
    meta = app.store.get(art["id"]).meta
    assert meta["arguments"]["text"] == ENTRY and meta["streamed"]["first_audio_s"] > 0


def test_stream_refuses_other_tools_and_bad_text(app: App) -> None:
    from audiogpt.core.errors import ToolInputError

    with pytest.raises(ToolInputError, match="only text_to_speech and voice_clone"):
        SentenceStream(app, "speech_recognition", {"audio": "x.wav"})
    with pytest.raises(ToolInputError):
        SentenceStream(app, "text_to_speech", {"text": ""})


@pytest.fixture
def client(tmp_path: Path):
    app = App(load_settings(home=tmp_path / "home"))
    with TestClient(create_app(app, ui=False), base_url="http://127.0.0.1:7860") as c:
        yield c


def _events(res) -> list[dict]:
    assert res.status_code == 200, res.text
    assert res.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in res.text.splitlines() if line.strip()]


def test_http_stream_sends_sentences_then_the_stored_file(client: TestClient) -> None:
    text = "The kettle boiled. I made tea and sat by the window."
    res = client.post("/api/tools/text_to_speech/stream",
                      data={"args": json.dumps({"text": text}), "session": "diary"})
    events = _events(res)
    assert events[0] == {"event": "start", "pieces": 2}
    chunks = [e for e in events if e["event"] == "sentence"]
    assert [c["text"] for c in chunks] == ["The kettle boiled.", "I made tea and sat by the window."]
    audio, rate = sf.read(io.BytesIO(base64.b64decode(chunks[0]["audio"])))
    assert rate == chunks[0]["sample_rate"] and 0.3 < len(audio) / rate < 3.0
    done = events[-1]
    assert done["event"] == "done" and done["tool"] == "text_to_speech"
    art = done["artifacts"][0]
    assert client.get(f"/api/artifacts/{art['id']}").status_code == 200


@pytest.mark.parametrize(("path", "data", "status"), [
    ("/api/tools/nope/stream", {"args": "{}"}, 404),
    ("/api/tools/speech_recognition/stream", {"args": "{}"}, 400),
    ("/api/tools/text_to_speech/stream", {}, 400),
    ("/api/tools/text_to_speech/stream", {"args": "[1]"}, 400),
    ("/api/tools/text_to_speech/stream", {"args": '{"text": "hi"}', "other": "x"}, 400),
    ("/api/tools/voice_clone/stream", {"args": '{"text": "hi", "reference": "/etc/passwd"}'}, 400),
])
def test_http_stream_bad_input_is_4xx(client: TestClient, path: str, data: dict,
                                      status: int) -> None:
    res = client.post(path, data=data)
    assert res.status_code == status, res.text
    message = res.json()["error"]["message"]
    assert "Traceback" not in message and "/etc/" not in message


def test_http_stream_refuses_uploads(client: TestClient, tmp_path: Path) -> None:
    wav = tmp_path / "ref.wav"
    sf.write(wav, np.zeros(1600, np.float32), 16000)
    res = client.post("/api/tools/voice_clone/stream",
                      data={"args": json.dumps({"text": "Hello there."})},
                      files={"reference": ("ref.wav", wav.read_bytes(), "audio/wav")})
    assert res.status_code == 400 and "enrolled voice" in res.json()["error"]["message"]


def test_cli_voices_read_writes_each_sentence_as_it_comes(cli, tmp_path: Path) -> None:
    out = tmp_path / "entry.wav"
    res = cli("voices", "read", "--text", "The kettle boiled. I made tea.", "--wav", out,
              "--json")
    assert res.rc == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["event"] for x in lines] == ["sentence", "sentence", "done"]
    assert lines[0]["text"] == "The kettle boiled." and lines[0]["ready_s"] < lines[1]["ready_s"]
    stored, rate = sf.read(lines[-1]["artifacts"][0]["path"])
    written, wrate = sf.read(out)  # the streamed file equals the stored one
    assert wrate == rate and abs(len(written) - len(stored)) <= 2
    assert cli("voices", "read", "--text", "Hi.", "--wav", "-", "--json").rc == 2
    bad = cli("voices", "read", "nobody", "--text", "Hi.")
    assert bad.rc == 2 and "neither an enrolled voice" in bad.stderr
