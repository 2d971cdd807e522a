"""`audiogpt models`: pull from a local fake hub (HF_ENDPOINT on 127.0.0.1) serving a tiny CLAP
the tests build as ``laion/clap-htsat-unfused``, verify, resume, tamper, licences, and the
CLAP backends running on the pulled model. No test reaches the network."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import shared_file
from tests.fake_hub import FakeHub, HubServer

NAME = "clap-htsat-unfused"
REPO = "laion/clap-htsat-unfused"
WEIGHTS = "model.safetensors"


@pytest.fixture(scope="module")
def tiny_clap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.tiny_models import build_clap

    return build_clap(tmp_path_factory.mktemp("clap") / "tiny")


@pytest.fixture(scope="module")
def server(tiny_clap: Path):
    with HubServer() as hub:
        hub.add(REPO, tiny_clap)
        yield hub


@pytest.fixture
def hub(server: FakeHub, monkeypatch: pytest.MonkeyPatch) -> FakeHub:
    """The fake hub, reset, with HF_ENDPOINT pointing at it and offline mode lifted."""
    server.cut.clear()
    server.down.clear()
    server.ranges.clear()
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setenv("HF_HUB_ETAG_TIMEOUT", "5")
    return server


@pytest.fixture
def dog() -> Path:
    return shared_file("eval-audio/events/esc10/dog_bark__1-100032-A.ogg")


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.strip().splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_missing_model_says_the_pull_command(cli, dog: Path) -> None:
    from audiogpt.app import App

    tools = {t["name"]: t for t in json.loads(cli("tools", "--json").stdout)}
    for tool in ("sound_event_detection", "target_sound_detection"):
        clap = next(b for b in tools[tool]["backends"] if b["name"] == "clap")
        assert not clap["available"]
        assert f"audiogpt models pull {NAME}" in clap["reason"]
    r = cli("run", "target_sound_detection", "--audio", dog, "--target", "dog",
            "--backend", "clap", "--json")
    assert r.rc == 3 and f"models pull {NAME}" in one_line(r.stderr)
    rec = App().run_tool("target_sound_detection", {"audio": str(dog), "target": "dog"})
    assert rec.backend == "template"  # the embedded default keeps working
    r = cli("models", "path", NAME)
    assert r.rc == 2 and f"models pull {NAME}" in one_line(r.stderr)


def test_pull_verify_then_both_tools_run_on_the_pulled_model(cli, hub: FakeHub,
                                                             dog: Path) -> None:
    r = cli("models", "pull", NAME, "--json")
    assert r.rc == 0, r.stderr
    info = r.json()
    assert info["installed"] and info["state"] == "ready" and info["tools"] == [
        "sound_event_detection", "target_sound_detection"]
    folder = Path(info["path"])
    assert folder.name == hub.repos[REPO].commit and (folder / "config.json").is_file()
    assert info["installed_bytes"] == sum(len(b) for b in hub.repos[REPO].files.values())
    assert cli("models", "path", NAME).stdout.strip() == str(folder)
    listed = {m["name"]: m for m in json.loads(cli("models", "list", "--json").stdout)}
    assert listed[NAME]["installed"] and not listed["ast-audioset"]["installed"]
    assert listed["nllb-200-distilled-600m"]["restricted"]
    r = cli("models", "verify", NAME)
    assert r.rc == 0 and f"{NAME}: ok" in r.stdout

    from audiogpt.app import App

    out = App().run_tool("sound_event_detection", {"audio": str(dog)}, backend="clap").to_json()
    assert out["backend"] == "clap" and out["data"]["model"] == str(folder)
    assert out["data"]["window_s"] == 2.0 and out["data"]["duration"] == pytest.approx(5.0, 0.01)
    assert len(out["data"]["classes"]) == 8 and out["artifacts"][0]["kind"] == "image"
    for ev in out["data"]["events"]:
        assert ev["label"] in out["data"]["classes"] and 0 <= ev["start"] < ev["end"] <= 5.01
    rec = App().run_tool("target_sound_detection", {"audio": str(dog), "target": "dog barking"})
    assert rec.backend == "clap"  # a pulled foundation model is preferred
    data = rec.data
    assert data["method"] == "clap-text" and 0 <= data["best_score"] <= 1
    assert all(0 <= s["start"] < s["end"] <= 5.01 for s in data["segments"])


def test_interrupted_pull_resumes_where_it_stopped(cli, hub: FakeHub) -> None:
    size = len(hub.repos[REPO].files[WEIGHTS])
    cut = size // 3
    hub.cut[WEIGHTS] = cut
    r = cli("models", "pull", NAME)
    assert r.rc == 1 and "run `audiogpt models pull" in one_line(r.stderr)
    assert hub.ranges[WEIGHTS] == [None]
    partial = list((Path(os.environ["HF_HOME"]) / "hub").rglob("*.incomplete"))
    assert len(partial) == 1 and partial[0].stat().st_size == cut
    hub.down.clear()  # the network is back
    r = cli("models", "pull", NAME)
    assert r.rc == 0, r.stderr
    assert hub.ranges[WEIGHTS][-1] == f"bytes={cut}-"  # only the rest was asked for
    assert cli("models", "verify", NAME).rc == 0


def test_tampered_file_fails_verify_and_the_backend_says_how_to_fix_it(cli,
                                                                      hub: FakeHub) -> None:
    from audiogpt.backends.models import hub as models_hub
    from audiogpt.backends.sound.clap import ClapSED

    models_hub.pull(NAME)
    assert ClapSED.availability().available
    weights = (models_hub.store.snapshot(models_hub.get_spec(NAME)) / WEIGHTS).resolve()
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte changed
    weights.write_bytes(bytes(data))
    av = ClapSED.availability()
    assert not av.available and f"audiogpt models verify {NAME}" in av.reason
    r = cli("models", "verify", NAME)
    assert r.rc == 2 and "sha256 mismatch" in one_line(r.stderr)
    av = ClapSED.availability()
    assert not av.available and f"audiogpt models pull {NAME} --force" in av.reason
    r = cli("models", "verify")  # every pulled model
    assert r.rc == 2 and "FAILED" in r.stdout
    assert cli("models", "pull", NAME, "--force").rc == 0
    assert ClapSED.availability().available
    r = cli("models", "remove", NAME)
    assert r.rc == 0 and not ClapSED.availability().available


def test_licences_offline_and_unknown_names(cli, hub: FakeHub,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    r = cli("models", "pull", "nllb-200-distilled-600m")
    line = one_line(r.stderr)
    assert r.rc == 2 and "CC-BY-NC-4.0" in line and "--accept-license" in line
    r = cli("models", "pull", "nllb-200-distilled-600m", "--accept-license")
    assert r.rc == 1 and "was not found" in one_line(r.stderr)  # the fake hub lacks it
    hub.gated.add("stabilityai/stable-audio-open-1.0")
    r = cli("models", "pull", "stable-audio-open-1.0")
    assert r.rc == 2 and "gated" in one_line(r.stderr)
    r = cli("models", "pull", "stable-audio-open-1.0", "--accept-license")
    line = one_line(r.stderr)
    assert r.rc == 1 and "is gated: accept its terms at" in line and "HF_TOKEN" in line
    r = cli("models", "pull", "no-such-model")
    assert r.rc == 2 and "known models" in one_line(r.stderr)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    r = cli("models", "pull", NAME)
    assert r.rc == 3 and "HF_HUB_OFFLINE" in one_line(r.stderr)


def test_environment_variable_still_overrides(tiny_clap: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.backends.sound.clap import ENV, ClapTSD

    monkeypatch.setenv(ENV, NAME)  # a catalog name that is not pulled
    av = ClapTSD.availability()
    assert not av.available and f"models pull {NAME}" in av.reason
    monkeypatch.setenv(ENV, str(tiny_clap))  # a local folder
    assert ClapTSD.availability().available
    assert ClapTSD.model_folder() == tiny_clap
