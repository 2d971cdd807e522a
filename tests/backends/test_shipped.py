"""Models shipped in packages: joined once, pinned by sha256, rebuilt when a file changes,
never left half-built, and a failed hash makes the backend unavailable with the fix."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from audiogpt.backends.shipped import STAMP, ModelFile, ShippedModel, Source, ensure
from audiogpt.core.errors import BackendUnavailable

PKG = "audiogpt_test_shipped_pkg"
PART1 = b"first half of the weights " * 1000
PART2 = b"second half" * 500
CONFIG = b'{"layers": 2}'


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


@pytest.fixture
def model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ShippedModel:
    """A two-part model inside a package installed on sys.path for this test."""
    pkg = tmp_path / "site" / PKG
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "data" / "model.bin.part1").write_bytes(PART1)
    (pkg / "data" / "model.bin.part2").write_bytes(PART2)
    (pkg / "data" / "config.json").write_bytes(CONFIG)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.delitem(sys.modules, PKG, raising=False)

    def src(name: str, data: bytes) -> Source:
        return Source("test-pkg", PKG, f"data/{name}", len(data), _sha(data))

    return ShippedModel("toy-v1", (
        ModelFile("model.bin", (src("model.bin.part1", PART1), src("model.bin.part2", PART2)),
                  len(PART1 + PART2), _sha(PART1 + PART2)),
        ModelFile("config.json", (src("config.json", CONFIG),), len(CONFIG), _sha(CONFIG)),
    ), pins="pip install test-pkg==1.0")


def test_joined_once_verified_and_reused(model: ShippedModel, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert model.problem(cache) is None
    folder = ensure(model, cache)
    assert (folder / "model.bin").read_bytes() == PART1 + PART2
    assert (folder / "config.json").read_bytes() == CONFIG
    assert (folder / STAMP).is_file()
    assert sorted(p.name for p in cache.iterdir()) == ["toy-v1"]  # no temporary folder left
    mtime = (folder / "model.bin").stat().st_mtime_ns
    assert ensure(model, cache) == folder
    assert (folder / "model.bin").stat().st_mtime_ns == mtime  # not rebuilt


def test_corrupted_file_is_rebuilt(model: ShippedModel, tmp_path: Path) -> None:
    folder = ensure(model, tmp_path / "cache")
    blob = bytearray((folder / "model.bin").read_bytes())
    blob[10] ^= 0xFF  # same size, different content: only the hash can tell
    (folder / "model.bin").write_bytes(bytes(blob))
    ensure(model, tmp_path / "cache")
    assert (folder / "model.bin").read_bytes() == PART1 + PART2


def test_hash_mismatch_is_unavailable_with_fix(model: ShippedModel, tmp_path: Path) -> None:
    pkg_file = Path(model.files[0].parts[1].locate())
    pkg_file.write_bytes(PART2[:-1] + b"X")  # a damaged wheel: right size, wrong bytes
    cache = tmp_path / "cache"
    with pytest.raises(BackendUnavailable, match="pip install test-pkg==1.0 --force-reinstall"):
        ensure(model, cache)
    assert not (cache / "toy-v1").exists()  # nothing half-built
    assert "sha256" in (model.problem(cache) or "")  # listed unavailable from now on
    pkg_file.write_bytes(PART2)  # repaired
    assert model.problem(cache) is None
    assert (ensure(model, cache) / "model.bin").read_bytes() == PART1 + PART2


def test_missing_package_names_the_install_command(model: ShippedModel) -> None:
    Path(model.files[1].parts[0].locate()).unlink()
    assert "config.json of package test-pkg is missing (pip install test-pkg==1.0)" in (
        model.problem() or "")


def test_whisper_base_is_pinned_and_joins_to_the_published_size() -> None:
    from audiogpt.backends.speech.recognition.whisper_embedded import WHISPER_BASE, model_path

    model_bin = WHISPER_BASE.files[0]
    assert model_bin.size == 145_217_607 == sum(s.size for s in model_bin.parts)
    assert WHISPER_BASE.problem() is None, WHISPER_BASE.problem()
    folder = model_path()
    assert (folder / "model.bin").stat().st_size == 145_217_607
    assert {p.name for p in folder.iterdir()} >= {"model.bin", "config.json", "tokenizer.json",
                                                  "vocabulary.json"}


def test_unwritable_cache_says_which_setting_fixes_it(model: ShippedModel, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(BackendUnavailable, match="AUDIOGPT_MODEL_CACHE"):
        ensure(model, blocker / "cache")


@pytest.mark.slow
def test_unusable_cache_falls_back_to_pocketsphinx(cli, jfk: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("AUDIOGPT_MODEL_CACHE", str(blocker / "cache"))
    listed = {b["name"]: b for t in cli("tools", "--json").json()
              if t["name"] == "speech_recognition" for b in t["backends"]}
    assert not listed["faster-whisper"]["available"]
    assert "AUDIOGPT_MODEL_CACHE" in listed["faster-whisper"]["reason"]
    res = cli("run", "speech_recognition", "--audio", str(jfk), "--json")
    assert res.rc == 0 and res.json()["backend"] == "pocketsphinx"
