"""Catalog wiring of the separation backends: a tiny random HTDemucs bag served as
``adefossez/HTDemucs`` (under the file names of that repository) and a tiny Conv-TasNet served
as ``JorisCos/ConvTasNet_Libri2Mix_sepclean_16k`` by the local fake hub, pulled with
``audiogpt models pull``, then found by their backends without environment variables and run
on the shared recordings. Random weights do not separate; the tests check the pull commands
while missing, the pulled model being the one loaded, and the output contract."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import shared_file
from tests.fake_hub import HubServer

pytestmark = pytest.mark.slow  # builds a tiny model and pulls it from the fake hub


@pytest.fixture(scope="module")
def tiny_repos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tests.tiny_models_found import build_demucs_bag, build_tasnet

    d = tmp_path_factory.mktemp("separators")
    return {"adefossez/HTDemucs": build_demucs_bag(d / "htdemucs", "htdemucs.yaml", "955717e8"),
            "JorisCos/ConvTasNet_Libri2Mix_sepclean_16k": build_tasnet(d / "tasnet")}


def test_missing_models_say_the_pull_commands(cli) -> None:
    tools = {t["name"]: t for t in json.loads(cli("tools", "--json").stdout)}
    backs = {b["name"]: b for b in tools["sound_extraction"]["backends"]}
    assert "audiogpt models pull htdemucs" in backs["demucs"]["reason"]
    backs = {b["name"]: b for b in tools["speech_separation"]["backends"]}
    assert ("audiogpt models pull convtasnet-libri2mix-16k --accept-license"
            in backs["tasnet"]["reason"])
    from audiogpt.backends.models import store
    from audiogpt.backends.models.catalog import get_spec

    for name in ("htdemucs", "htdemucs-ft", "htdemucs-6s", "convtasnet-libri2mix-16k"):
        assert get_spec(name).backend and store.status(name).state == "missing"


def test_pulled_models_are_found_and_run(tiny_repos: dict[str, Path],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.app import App
    from audiogpt.backends.models import hub, store
    from audiogpt.core.audio import Audio
    from audiogpt.core.errors import ToolInputError

    with HubServer() as fake:
        for repo, folder in tiny_repos.items():
            fake.add(repo, folder)
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        monkeypatch.delenv("HF_HUB_OFFLINE")
        hub.pull("htdemucs", echo=lambda m: None)
        with pytest.raises(ToolInputError, match="--accept-license"):
            hub.pull("convtasnet-libri2mix-16k", echo=lambda m: None)
        hub.pull("convtasnet-libri2mix-16k", accept_license=True, echo=lambda m: None)
    mix_path = shared_file("eval-audio/mixtures/two_speakers_mix.wav")  # 3.5 s, 16 kHz
    mix = Audio.from_file(mix_path)
    out = App().run_tool("sound_extraction", {"audio": str(mix_path), "query": "the vocals"})
    assert out.backend == "demucs" and out.data["model"] == str(store.status("htdemucs").path)
    assert out.data["stems"] == ["vocals"]
    assert Audio.from_file(out.artifacts[0].path).frames == mix.frames
    sep = App().run_tool("speech_separation", {"audio": str(mix_path)})
    assert sep.backend == "tasnet"
    assert sep.data["model"].startswith(str(store.status("convtasnet-libri2mix-16k").path))
    parts = [Audio.from_file(a.path).mono for a in sep.artifacts if a.kind == "audio"]
    assert len(parts) == 2 and np.allclose(parts[0] + parts[1], mix.mono, atol=2e-3)
