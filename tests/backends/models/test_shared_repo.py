"""Two catalog models in one hub repository (``kyutai/pocket-tts`` holds the 100M and the 2M
Pocket TTS weights at one commit): pulled side by side, each is its own state, and removing one
keeps the other's files intact and verified. Served by the local fake hub with small files."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.backends.models.catalog import get_spec
from tests.fake_hub import HubServer

BIG, SMALL = "pocket-tts-english", "pocket-tts-english-2m"


def test_models_sharing_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from audiogpt.backends.models import hub, store

    for spec in (get_spec(BIG), get_spec(SMALL)):
        path = tmp_path / spec.files[0].path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(spec.name.encode() * 1000)
    with HubServer() as fake:
        fake.add("kyutai/pocket-tts", tmp_path, commit=get_spec(BIG).revision)
        monkeypatch.setenv("HF_ENDPOINT", fake.url)
        monkeypatch.delenv("HF_HUB_OFFLINE")
        hub.pull(SMALL, accept_license=True, echo=lambda m: None)
        assert store.status(BIG).state == "missing"  # the shared snapshot holds none of its files
        hub.pull(BIG, accept_license=True, echo=lambda m: None)
    assert store.status(BIG).ready and store.status(SMALL).ready
    assert hub.remove(BIG) == len(BIG) * 1000
    assert store.status(BIG).state == "missing" and store.status(SMALL).ready
    assert hub.verify(SMALL, echo=lambda m: None)["ok"]
    assert (store.status(SMALL).path / get_spec(SMALL).files[0].path).read_bytes().startswith(
        SMALL.encode())
