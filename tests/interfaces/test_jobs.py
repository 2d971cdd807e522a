"""Long jobs over HTTP: start, progress, result, cancel, restart survival, a fast server."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from audiogpt.app import App
from audiogpt.core.config import load_settings
from audiogpt.core.jobs import JobStore
from audiogpt.interfaces.http import create_app

BASE = "http://127.0.0.1:7860"


def _client(home: Path) -> TestClient:
    return TestClient(create_app(App(load_settings(home=home)), ui=False, mcp=False),
                      base_url=BASE)


def _wait(client: TestClient, job_id: str, timeout: float = 120.0) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "error", "cancelled"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish: {job}")


@pytest.mark.serial  # a latency bound (health p95): `make test` runs it alone on a quiet CPU
def test_tool_job_reports_progress_and_result_while_health_stays_fast(
        workspace: Path, jfk: Path) -> None:
    with _client(workspace) as client:
        with jfk.open("rb") as fh:
            resp = client.post("/api/jobs", data={"tool": "speech_recognition", "args": "{}"},
                               files={"audio": ("jfk.wav", fh, "audio/wav")})
        assert resp.status_code == 200, resp.text
        job_id = resp.json()["id"]
        latencies, states = [], set()
        while True:
            t0 = time.perf_counter()
            assert client.get("/api/health").json() == {"status": "ok"}
            latencies.append(time.perf_counter() - t0)
            job = client.get(f"/api/jobs/{job_id}").json()
            states.add(job["state"])
            if job["state"] in ("done", "error", "cancelled"):
                break
            time.sleep(0.1)
        assert job["state"] == "done", job
        assert job["progress"] == 1.0
        assert "country" in job["result"]["text"].lower()
        assert job["result"]["tool"] == "speech_recognition"
        assert np.percentile(latencies, 95) < 0.2, latencies
        listed = client.get("/api/jobs").json()
        assert [j["id"] for j in listed] == [job_id]
    # A new server on the same workspace still has the job and its result.
    with _client(workspace) as client:
        again = client.get(f"/api/jobs/{job_id}").json()
        assert again["state"] == "done" and again["result"] == job["result"]


def test_cancel_stops_a_running_job(workspace: Path, tmp_path: Path, jfk: Path) -> None:
    speech, rate = sf.read(jfk, dtype="float32")
    long = tmp_path / "long.wav"
    sf.write(long, np.tile(speech, 30), rate)  # 5.5 minutes
    with _client(workspace) as client:
        with long.open("rb") as fh:
            job_id = client.post("/api/jobs", data={"tool": "speech_recognition"},
                                 files={"audio": ("long.wav", fh, "audio/wav")}).json()["id"]
        end = time.monotonic() + 60
        while client.get(f"/api/jobs/{job_id}").json()["state"] != "running":
            assert time.monotonic() < end
            time.sleep(0.1)
        resp = client.delete(f"/api/jobs/{job_id}")
        assert resp.status_code == 200 and resp.json()["state"] == "cancelled"
        manager = client.app.state.jobs
        time.sleep(0.5)
        assert not manager._procs, "the job's process is still running"
        assert client.get(f"/api/jobs/{job_id}").json()["state"] == "cancelled"


def test_job_interrupted_by_a_restart_runs_again(workspace: Path, jfk: Path) -> None:
    app = App(load_settings(home=workspace))
    art = app.store.import_file(jfk, "api")
    store = JobStore(app.settings.db_path)
    job_id = store.create("tool", {"tool": "audio_edit", "session": "api", "args": {
        "audio": art.id, "operation": "trim", "start": 1.0, "end": 2.0}})
    assert store.claim() == job_id  # "running" in a server that then died
    with _client(workspace) as client:
        job = _wait(client, job_id)
    assert job["state"] == "done", job
    out = job["result"]["artifacts"][0]
    assert sf.info(out["path"]).duration == pytest.approx(1.0, abs=0.01)


def test_bad_job_requests(workspace: Path) -> None:
    with _client(workspace) as client:
        for body, status in (({"tool": "no_such_tool"}, 404), ({}, 400),
                             ({"tool": "audio_edit", "args": {"audio": "/etc/passwd",
                                                              "operation": "trim"}}, 400),
                             ({"session": "nope", "text": "hi"}, 404)):
            resp = client.post("/api/jobs", json=body)
            assert resp.status_code == status, (body, resp.text)
            assert set(resp.json()["error"]) == {"type", "message"}
        assert client.get("/api/jobs/jdoesnotexist").status_code == 404
        assert client.delete("/api/jobs/jdoesnotexist").status_code == 404
        assert client.post("/api/jobs", content=b"x",
                           headers={"content-type": "text/plain"}).status_code == 400


# ---------------------------------------------------------------- web UI: the Jobs tab
def _gradio_call(client: TestClient, name: str, data: list) -> list:
    """Call a Gradio event by its api_name the way the page does (queue + server-sent events)."""
    import json

    event = client.post(f"/gradio_api/call/{name}", json={"data": data})
    assert event.status_code == 200, event.text
    stream = client.get(f"/gradio_api/call/{name}/{event.json()['event_id']}").text
    lines = stream.splitlines()
    kinds = [x.split(": ", 1)[1] for x in lines if x.startswith("event: ")]
    assert kinds[-1] == "complete", stream
    return json.loads([x for x in lines if x.startswith("data: ")][-1][6:])


@pytest.mark.slow
def test_web_jobs_tab_starts_a_job_and_shows_its_progress(workspace: Path, jfk: Path) -> None:
    app = App(load_settings(home=workspace))
    with TestClient(create_app(app, ui=True, mcp=False), base_url=BASE) as client:
        assert "tab-jobs" in client.get("/config").text
        with jfk.open("rb") as fh:
            uploaded = client.post("/gradio_api/upload",
                                   files={"files": ("jfk.wav", fh, "audio/wav")}).json()
        file_data = {"path": uploaded[0], "meta": {"_type": "gradio.FileData"},
                     "orig_name": "jfk.wav"}
        status, table, _pick = _gradio_call(client, "jobs_start",
                                            [file_data, "speech_recognition", ""])
        assert status.startswith("Started job"), status
        job_id = status.split("`")[1]
        assert job_id in table and "<progress" in table
        end, html_ = time.monotonic() + 120, table
        while 'data-state="done"' not in html_:
            assert time.monotonic() < end, html_
            time.sleep(0.5)
            html_ = _gradio_call(client, "jobs_refresh", [None])[0]
            assert 'data-state="error"' not in html_, html_
        assert "100%" in html_ and "country" in html_.lower()
        assert client.get(f"/api/jobs/{job_id}").json()["state"] == "done"
        # A text file named .wav is refused before any job is queued; nothing leaks a path.
        fake = workspace / "notes.wav"
        fake.write_text("just words\n" * 50)
        with fake.open("rb") as fh:
            uploaded = client.post("/gradio_api/upload",
                                   files={"files": ("notes.wav", fh, "audio/wav")}).json()
        status = _gradio_call(client, "jobs_start", [
            {"path": uploaded[0], "meta": {"_type": "gradio.FileData"}}, "speech_recognition",
            ""])[0]
        assert status.startswith("Not started") and str(workspace) not in status, status
        assert len(client.get("/api/jobs").json()) == 1
