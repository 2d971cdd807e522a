"""HTTP routes of enrolled voices: consent required, uploads only, list/show/delete, cloning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from audiogpt.app import App
from audiogpt.core.config import load_settings
from audiogpt.interfaces.http import create_app
from tests.conftest import shared_file

AXB = ["eval-audio/speech_en/cmu_arctic/cmu_arctic_us_axb_a0004.wav",
       "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_axb_a0006.wav"]


@pytest.fixture
def client(tmp_path: Path):
    app = App(load_settings(home=tmp_path / "home"))
    with TestClient(create_app(app, ui=False), base_url="http://127.0.0.1:7860") as c:
        yield c


def _files(paths: list[Path]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("from", (p.name, p.read_bytes(), "audio/wav")) for p in paths]


def test_consent_required_and_paths_refused(client: TestClient) -> None:
    paths = [shared_file(f) for f in AXB]
    res = client.post("/api/voices", data={"name": "me"}, files=_files(paths))
    assert res.status_code == 400 and "consent" in res.json()["error"]["message"]
    res = client.post("/api/voices", data={"name": "me", "consent": "true", "from": str(paths[0])})
    assert res.status_code == 400  # a server path is not an upload
    assert client.get("/api/voices").json() == []
    assert client.get("/api/voices/me").status_code == 404


@pytest.mark.slow
def test_diary_flow_enroll_clone_stream_delete(client: TestClient, tmp_path: Path) -> None:
    """Chat refuses to enroll (and says how), the consent form enrolls, the entry is read in
    the voice by a tool call, by chat ("my voice" = the only voice) and sentence by sentence
    by the stream, every output watermarked; then the voice is deleted."""
    from audiogpt.backends.dsp.watermark import detect
    from audiogpt.core.audio import Audio

    paths = [shared_file(f) for f in AXB]
    session = client.post("/api/sessions").json()["id"]
    turn = client.post(f"/api/sessions/{session}/messages",
                       data={"text": "add my voice from these files"}, files=_files(paths)).json()
    assert turn["steps"] == [] and "--consent" in turn["reply"]
    assert client.get("/api/voices").json() == []

    res = client.post("/api/voices", data={"name": "Sister", "consent": "true"},
                      files=_files(paths))
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["name"] == "sister" and body["speech_seconds"] > 4 and body["warnings"]
    assert [v["name"] for v in client.get("/api/voices").json()] == ["sister"]
    res = client.post("/api/tools/voice_clone",
                      data={"args": json.dumps({"text": "See you tomorrow.",
                                                "reference": "sister"})})
    assert res.status_code == 200, res.text
    assert res.json()["data"]["voice"] == "sister"

    def marked(art_id: str) -> dict:
        wav = tmp_path / f"{art_id}.wav"
        wav.write_bytes(client.get(f"/api/artifacts/{art_id}").content)
        return detect(Audio.from_file(wav))

    entry = "Today I walked by the sea and the wind was cold. Then I went home."
    turn = client.post(f"/api/sessions/{session}/messages",
                       data={"text": f"read this entry in my voice: {entry}"}).json()
    (step,) = turn["steps"]
    assert step["tool"] == "voice_clone" and "error" not in step, turn
    assert marked(step["outputs"][0])["tool"] == "voice_clone"

    res = client.post("/api/tools/voice_clone/stream", data={
        "args": json.dumps({"text": entry, "reference": "sister"}), "session": session})
    events = [json.loads(line) for line in res.text.splitlines()]
    assert [e["event"] for e in events] == ["start", "sentence", "sentence", "sentence", "done"]
    assert events[1]["text"] == "Today I walked by the sea"  # the first phrase comes first
    done = events[-1]
    assert done["data"]["voice"] == "sister" and done["data"]["streamed"]["pieces"] == 3
    assert marked(done["artifacts"][0]["id"])["watermarked"] is True

    assert client.delete("/api/voices/sister").json() == {"removed": "sister"}
    assert client.delete("/api/voices/sister").status_code == 404
