"""The HTTP contract: health, tools, tool runs on uploads, sessions, artifacts, errors,
path traversal, upload validation and limits, the token, and 40 concurrent requests."""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from audiogpt.app import App
from audiogpt.core.config import load_settings
from audiogpt.interfaces.http import create_app
from tests.interfaces.server_util import raw_get, start_server, write_tone

BASE = "http://127.0.0.1:7860"
SECRET_MARK = b"audiogpt-secret-outside-the-store"


def _app(home: Path, **settings: object) -> App:
    return App(load_settings(home=home, **settings))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("http-home")


@pytest.fixture(scope="module")
def client(home: Path):
    with TestClient(create_app(_app(home), ui=False), base_url=BASE) as c:
        yield c


@pytest.fixture(scope="module")
def tone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tone(tmp_path_factory.mktemp("clips") / "tone.wav", 1.0)


def _trim(client: TestClient, tone: Path, **extra: str) -> httpx.Response:
    with tone.open("rb") as fh:
        return client.post("/api/tools/audio_edit", files={"audio": ("tone.wav", fh, "audio/wav")},
                           data={"args": json.dumps({"operation": "trim", "start": 0.25,
                                                     "end": 0.75}), **extra})


def _error(resp: httpx.Response, status: int | tuple[int, ...]) -> dict:
    statuses = (status,) if isinstance(status, int) else status
    assert resp.status_code in statuses, (resp.status_code, resp.text)
    err = resp.json()["error"]
    assert set(err) == {"type", "message"} and err["message"]
    return err


def test_health_and_tools(client: TestClient, home: Path) -> None:
    assert client.get("/api/health").json() == {"status": "ok"}
    listing = client.get("/api/tools").json()
    assert listing == json.loads(json.dumps(_app(home).registry.describe(), default=str))
    edit = next(t for t in listing if t["name"] == "audio_edit")
    assert edit["inputs"]["properties"]["audio"]["format"] == "audio-file"
    assert edit["backends"][0]["available"] is True


def test_tool_run_on_upload_and_download(client: TestClient, tone: Path, home: Path) -> None:
    resp = _trim(client, tone)
    assert resp.status_code == 200, resp.text
    out = resp.json()
    assert set(out) >= {"tool", "backend", "artifacts", "seconds"} and out["backend"] == "dsp"
    art = out["artifacts"][0]
    assert set(art) == {"id", "kind", "path"} and art["kind"] == "audio"
    assert Path(art["path"]).resolve().is_relative_to(home.resolve())
    got = client.get(f"/api/artifacts/{art['id']}")
    assert got.status_code == 200 and got.headers["content-type"] == "audio/wav"
    assert got.content == Path(art["path"]).read_bytes()
    import io

    import soundfile as sf

    data, sr = sf.read(io.BytesIO(got.content))
    assert sr == 16000 and abs(len(data) / sr - 0.5) < 1e-6
    # An earlier artifact can be named by id in "args" instead of uploading again.
    again = client.post("/api/tools/audio_edit", data={"args": json.dumps(
        {"audio": art["id"], "operation": "gain", "gain_db": -6})})
    assert again.status_code == 200, again.text


@pytest.mark.parametrize("case", ["text", "png", "empty", "truncated"])
def test_non_audio_upload_is_4xx(client: TestClient, tone: Path, case: str) -> None:
    payload = {"text": b"I am not audio at all, just words.\n" * 30,
               "png": b"\x89PNG\r\n\x1a\n" + os.urandom(400),
               "empty": b"", "truncated": tone.read_bytes()[:30]}[case]
    resp = client.post("/api/tools/audio_edit", files={"audio": ("x.wav", payload, "audio/wav")},
                       data={"args": json.dumps({"operation": "reverse"})})
    assert _error(resp, (400, 422))["type"] == "bad_input"


def test_bad_requests(client: TestClient, tone: Path) -> None:
    assert _error(client.post("/api/tools/no_such_tool", data={"args": "{}"}), 404)["type"] == \
        "not_found"
    assert "JSON" in _error(client.post("/api/tools/audio_edit", data={"args": "{oops"}), 400)[
        "message"]
    _error(client.post("/api/tools/audio_edit", data={"args": "[1, 2]"}), 400)
    with tone.open("rb") as fh:  # a valid file, but operation is missing
        _error(client.post("/api/tools/audio_edit", files={"audio": ("t.wav", fh)}), 400)
    with tone.open("rb") as fh:  # a file under a name that is not a file argument
        _error(client.post("/api/tools/audio_edit", files={"operation": ("t.wav", fh)},
                           data={"args": '{"operation": "reverse"}'}), 400)
    # Server paths are never accepted over HTTP, only uploads and artifact ids.
    err = _error(client.post("/api/tools/audio_edit", data={"args": json.dumps(
        {"audio": str(tone), "operation": "reverse"})}), 400)
    assert "artifact id" in err["message"]
    _error(client.post("/api/tools/audio_edit", json={"args": {}}), 400)
    assert _error(client.get("/api/artifacts/zzzzzzzz"), 404)["type"] == "not_found"
    _error(client.get("/api/sessions/nope-nope"), 404)
    _error(client.post("/api/sessions/nope-nope/messages", data={"text": "hi"}), 404)


def test_upload_size_limit(tmp_path: Path, tone: Path) -> None:
    app = _app(tmp_path / "small", max_upload_mb=0.01)  # 10 KiB; the tone is 32 KiB
    with TestClient(create_app(app, ui=False, mcp=False), base_url=BASE) as c:
        err = _error(_trim(c, tone), 413)
        assert err["type"] == "too_large"


def test_artifact_symlink_and_outside_rows_are_refused(client: TestClient, tone: Path,
                                                       home: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.wav"
    outside.write_bytes(SECRET_MARK)
    art = _trim(client, tone).json()["artifacts"][0]
    path = Path(art["path"])
    path.unlink()
    path.symlink_to(outside)  # a symlink inside the store pointing outside it
    resp = client.get(f"/api/artifacts/{art['id']}")
    assert resp.status_code == 404 and SECRET_MARK not in resp.content
    # An indexed artifact written outside the store (CLI --out) is not served either.
    app = _app(home)
    rec = app.run_tool("audio_edit", {"audio": str(tone), "operation": "reverse"},
                       out_dir=tmp_path / "elsewhere")
    resp = client.get(f"/api/artifacts/{rec.artifacts[0].id}")
    assert resp.status_code == 404 and resp.content[:4] != b"RIFF"


def test_token_and_host_checks(home: Path) -> None:
    api = create_app(_app(home), ui=False, mcp=False, token="s3cret-token")
    with TestClient(api, base_url=BASE) as c:
        assert c.get("/api/health").status_code == 200
        assert _error(c.get("/api/tools"), 401)["type"] == "unauthorized"
        assert c.get("/api/tools", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/tools",
                     headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        r = c.get("/?token=s3cret-token", follow_redirects=False)
        assert r.status_code == 303 and "audiogpt_token=s3cret-token" in r.headers["set-cookie"]
        c.cookies.set("audiogpt_token", "s3cret-token")
        assert c.get("/api/tools").status_code == 200
    with TestClient(create_app(_app(home), ui=False, mcp=False), base_url=BASE) as c:
        # DNS rebinding: a loopback-bound server answers only loopback Host names.
        assert c.get("/api/health", headers={"Host": "evil.example:7860"}).status_code == 421
        # CORS is off: no Access-Control-Allow-Origin for a foreign origin.
        r = c.get("/api/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in r.headers


@pytest.mark.slow
def test_session_with_tts_turn(client: TestClient) -> None:
    sid = client.post("/api/sessions", json={}).json()["id"]
    assert client.get(f"/api/sessions/{sid}").json()["turns"] == []
    resp = client.post(f"/api/sessions/{sid}/messages",
                       data={"text": "Synthesize a speech with text 'hello there'"})
    assert resp.status_code == 200, resp.text
    line = resp.json()
    assert set(line) >= {"turn", "steps", "reply", "artifacts"} and line["turn"] == 1
    assert [s["tool"] for s in line["steps"]] == ["text_to_speech"], line
    assert "hello there" in line["steps"][0]["args"]["text"].lower()
    audio = [a for a in line["artifacts"] if a["kind"] == "audio"]
    assert audio and client.get(f"/api/artifacts/{audio[0]['id']}").content[:4] == b"RIFF"
    hist = client.get(f"/api/sessions/{sid}").json()
    assert hist["id"] == sid and len(hist["turns"]) == 1
    turn = hist["turns"][0]
    assert turn["reply"] == line["reply"] and turn["steps"][0]["tool"] == "text_to_speech"
    assert {a["id"] for a in line["artifacts"]} <= {a["id"] for a in hist["artifacts"]}
    export = client.get(f"/api/sessions/{sid}/export")
    assert export.status_code == 200 and export.content[:2] == b"PK"


def test_message_with_upload(client: TestClient, tone: Path) -> None:
    sid = client.post("/api/sessions", json={}).json()["id"]
    with tone.open("rb") as fh:
        resp = client.post(f"/api/sessions/{sid}/messages",
                           data={"text": "reverse this audio"},
                           files={"file": ("tone.wav", fh, "audio/wav")})
    assert resp.status_code == 200, resp.text
    line = resp.json()
    hist = client.get(f"/api/sessions/{sid}").json()
    assert hist["turns"][0]["attachments"], hist
    assert line["reply"]
    with tone.open("rb") as fh:  # a text file posing as audio is refused before the turn
        bad = client.post(f"/api/sessions/{sid}/messages", data={"text": "reverse"},
                          files={"file": ("notes.wav", b"just some text\n" * 40, "audio/wav")})
    _error(bad, 400)


# ---------------------------------------------------------------- a real server
@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    srv = start_server(tmp_path_factory.mktemp("serve-home"), timeout=60)
    yield srv
    srv.stop()


def test_serve_is_healthy_within_60s_and_serves_ui(server) -> None:
    assert server.startup_s < 60
    page = httpx.get(server.url + "/", timeout=30)
    assert page.status_code == 200 and "gradio" in page.text.lower()
    assert "cdnjs.cloudflare.com" not in page.text and "fonts.googleapis" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]


TRAVERSALS = [
    "/api/artifacts/../../../../etc/passwd",
    "/api/artifacts/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/api/artifacts/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/api/artifacts/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/api/artifacts/%2fetc%2fpasswd",
    "/api/artifacts/..%5c..%5c..%5cetc%5cpasswd",
    "/api/artifacts/....//....//etc/passwd",
    "/file=/etc/passwd",
    "/gradio_api/file=/etc/passwd",
    "/gradio_api/file=../../../../etc/passwd",
    "/gradio_api/file=%2fetc%2fpasswd",
    "/static/../../../../etc/passwd",
    "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/../../../../etc/passwd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_traversal_never_serves_outside_files(server, path: str) -> None:
    status, body = raw_get(server.url, path)
    assert b"root:x:0:0" not in body and b"root:" not in body[:200], (path, status)
    assert status != 200 or b"<html" in body[:2000].lower(), (path, status, body[:200])


def test_sqlite_and_config_not_served_by_ui(server) -> None:
    db = server.home / "audiogpt.sqlite3"
    for path in (f"/gradio_api/file={db}", f"/file={db}"):
        _status, body = raw_get(server.url, path)
        assert not body.startswith(b"SQLite format"), path


def test_40_concurrent_tool_requests(server, tone: Path) -> None:
    payload = tone.read_bytes()

    def one(i: int) -> tuple[int, float]:
        start = time.perf_counter()
        op = ("trim", {"start": 0.1, "end": 0.6}) if i % 2 else ("gain", {"gain_db": -3})
        with httpx.Client(timeout=120) as c:
            r = c.post(server.url + "/api/tools/audio_edit",
                       files={"audio": (f"t{i}.wav", payload, "audio/wav")},
                       data={"args": json.dumps({"operation": op[0], **op[1]})})
        ok = r.status_code == 200 and r.json()["artifacts"][0]["kind"] == "audio"
        return (200 if ok else r.status_code), time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=40) as pool:
        futures = [pool.submit(one, i) for i in range(40)]
        # The event loop stays responsive while the pool works.
        health = httpx.get(server.url + "/api/health", timeout=10)
        results = [f.result() for f in futures]
    assert health.status_code == 200
    assert [s for s, _ in results] == [200] * 40
    hist = httpx.get(server.url + "/api/sessions/api", timeout=10).json()
    outputs = {a["id"] for a in hist["artifacts"] if a["meta"].get("tool") == "audio_edit"}
    assert len(outputs) == 40
