"""The artifact store: copies, sidecars, ids, atomic writes under kill -9."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audiogpt.core.artifacts import ArtifactStore, is_artifact_id
from audiogpt.core.audio import Audio
from audiogpt.core.config import load_settings
from audiogpt.core.errors import ToolInputError
from tests.conftest import sine


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_import_copies_and_never_modifies(tmp_path: Path, jfk: Path) -> None:
    store = ArtifactStore(load_settings())
    before, mtime = _sha(jfk), jfk.stat().st_mtime
    art = store.import_file(jfk, "s1")
    assert is_artifact_id(art.id)
    assert art.path != jfk and art.path.is_file() and art.path.is_relative_to(store.root)
    assert _sha(art.path) == before
    assert _sha(jfk) == before and jfk.stat().st_mtime == mtime
    sidecar = json.loads(art.path.with_name(art.path.name + ".json").read_text())
    assert sidecar["id"] == art.id and sidecar["source"] == str(jfk.resolve())
    assert store.get(art.id).path == art.path


def test_save_audio_records_provenance(tmp_path: Path) -> None:
    store = ArtifactStore(load_settings())
    art = store.save_audio(Audio(sine(seconds=1.5, sr=22050), 22050), "s1", "tone",
                           {"tool": "x", "backend": "y", "arguments": {"a": 1}, "inputs": {}})
    meta = json.loads(art.path.with_name(art.path.name + ".json").read_text())
    for key in ("tool", "backend", "arguments", "inputs", "created", "duration", "sample_rate",
                "channels"):
        assert key in meta
    assert meta["duration"] == 1.5 and meta["sample_rate"] == 22050 and meta["channels"] == 1
    assert [a.id for a in store.list("s1")] == [art.id]


def test_unknown_id_and_bad_session_name() -> None:
    store = ArtifactStore(load_settings())
    with pytest.raises(ToolInputError, match="unknown artifact"):
        store.get("zzzzzzzz")
    with pytest.raises(ToolInputError, match="invalid session name"):
        store.session_dir("../etc")


WRITER = r"""
import sys, numpy as np
from audiogpt.core.artifacts import ArtifactStore
from audiogpt.core.audio import Audio
from audiogpt.core.config import load_settings
store = ArtifactStore(load_settings())
big = Audio(np.random.default_rng(0).standard_normal((2, 48000 * 600)).astype('float32') * 0.1, 48000)
print('ready', flush=True)
i = 0
while True:
    store.save_audio(big, 'kill', f'big{i}', {'tool': 't'}, ext='.flac')
    i += 1
"""


def test_write_killed_midway_leaves_no_half_file(workspace: Path) -> None:
    env = dict(os.environ, AUDIOGPT_HOME=str(workspace))
    proc = subprocess.Popen([sys.executable, "-c", WRITER], env=env, stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"ready"
    time.sleep(1.5)  # encoding 10 minutes of stereo FLAC takes several seconds: mid-write
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = ArtifactStore(load_settings())
    folder = workspace / "sessions" / "kill"
    # temporary files are hidden (".tmp-*") and never indexed; every visible file is whole
    finished = [p for p in folder.glob("*.flac") if not p.name.startswith(".")]
    indexed = {a.path for a in store.list("kill")}
    assert all(not p.name.startswith(".") for p in indexed)
    for p in finished:  # every visible file is complete and readable
        assert Audio.from_file(p).frames == 48000 * 600
    assert store.db.integrity_ok()
    for art in store.list("kill"):  # every indexed artifact has its file
        assert art.path.is_file()
    # stale partial files are swept when the store opens later
    assert store.sweep_partial(max_age_s=0) >= 0
    assert not list(folder.glob(".tmp-*"))
