"""The CLI contract: tools --json, run --json, exit codes, one-line errors, fast --help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from audiogpt.core.audio import Audio
from tests.conftest import CLIResult


def test_tools_json(cli) -> None:
    res: CLIResult = cli("tools", "--json")
    assert res.rc == 0, res.stderr
    listing = res.json()
    edit = next(t for t in listing if t["name"] == "audio_edit")
    assert set(edit) >= {"name", "description", "inputs", "backends"}
    assert edit["inputs"]["type"] == "object" and "audio" in edit["inputs"]["properties"]
    assert set(edit["backends"][0]) >= {"name", "available", "reason"}


def test_run_trim_contract(cli, jfk: Path, tmp_path: Path) -> None:
    res = cli("run", "audio_edit", "--audio", jfk, "--operation", "trim", "--start", "1",
              "--end", "3", "--json")
    assert res.rc == 0, res.stderr
    out = res.json()
    assert set(out) >= {"tool", "backend", "artifacts", "seconds"}
    assert out["tool"] == "audio_edit" and out["backend"] == "dsp"
    art = out["artifacts"][0]
    assert set(art) == {"id", "kind", "path"} and art["kind"] == "audio"
    path = Path(art["path"])
    assert abs(Audio.from_file(path).duration - 2.0) < 1e-9
    sidecar = json.loads(path.with_name(path.name + ".json").read_text())
    assert sidecar["tool"] == "audio_edit" and sidecar["arguments"]["start"] == 1


def test_run_out_dir_and_dashed_names(cli, jfk: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "outs"
    res = cli("run", "audio-edit", "--audio", jfk, "--operation=gain", "--gain-db", "-3",
              "--out", out_dir, "--json")
    assert res.rc == 0, res.stderr
    assert Path(res.json()["artifacts"][0]["path"]).parent == out_dir.resolve()


def _bad_inputs(tmp_path: Path, jfk: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    text = tmp_path / "text.wav"
    text.write_text("hello, I am a text file\n" * 20)
    trunc = tmp_path / "trunc.wav"
    trunc.write_bytes(jfk.read_bytes()[:20000])
    return {"empty": empty, "text": text, "truncated": trunc, "missing": tmp_path / "no.wav",
            "directory": tmp_path}


@pytest.mark.parametrize("case", ["empty", "text", "truncated", "missing", "directory"])
def test_bad_input_exits_2_with_one_line(cli, jfk: Path, tmp_path: Path, case: str) -> None:
    path = _bad_inputs(tmp_path, jfk)[case]
    res = cli("run", "audio_edit", "--audio", path, "--operation", "reverse", "--json")
    assert res.rc == 2
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["run", "no_such_tool", "--x", "1"],
        ["run", "audio_edit", "--operation", "trim"],
        ["run", "audio_edit", "--bogus", "1"],
    ],
)
def test_usage_errors_exit_2(cli, args: list[str]) -> None:
    res = cli(*args)
    assert res.rc == 2 and len(res.stderr.strip().splitlines()) == 1, res.stderr


PLUGIN = """
from audiogpt.backends.base import Backend, module

class NeedsGPU(Backend):
    name = "gpu-model"
    tool = "audio_edit"
    priority = 100
    embedded = False
    requires = (module("surely_missing_module_abc", pip="surely-missing-abc"),)

BACKENDS = [NeedsGPU]
"""


def test_third_party_plugin_unavailable_exits_3(cli, jfk: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    dist = site / "audiogpt_testplugin-0.1.dist-info"
    dist.mkdir(parents=True)
    (site / "audiogpt_testplugin.py").write_text(PLUGIN)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: audiogpt-testplugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[audiogpt.backends]\ngpu = audiogpt_testplugin\n")
    monkeypatch.setenv("PYTHONPATH", str(site))
    listing = cli("tools", "--json").json()
    edit = next(t for t in listing if t["name"] == "audio_edit")
    gpu = next(b for b in edit["backends"] if b["name"] == "gpu-model")
    assert gpu["available"] is False and "pip install surely-missing-abc" in gpu["reason"]
    # best available still works; asking for the missing one exits 3 with the install hint
    ok = cli("run", "audio_edit", "--audio", jfk, "--operation", "reverse", "--json")
    assert ok.rc == 0 and ok.json()["backend"] == "dsp"
    res = cli("run", "audio_edit", "--audio", jfk, "--operation", "reverse", "--backend",
              "gpu-model")
    assert res.rc == 3 and "pip install surely-missing-abc" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    res = cli("run", "audio_edit", "--audio", jfk, "--operation", "reverse", "--backend", "nope")
    assert res.rc == 2 and "unknown backend" in res.stderr


def test_debug_shows_traceback(cli, tmp_path: Path) -> None:
    res = cli("--debug", "run", "audio_edit", "--audio", tmp_path / "x.wav", "--operation",
              "reverse")
    assert res.rc == 2 and "Traceback" in res.stderr


def test_help_imports_no_heavy_modules() -> None:
    code = ("import sys\nfrom audiogpt.interfaces.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('numpy', 'pydantic', 'torch', 'librosa', 'scipy', 'matplotlib')"
            " if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "HEAVY []" in out, out


def test_listing_tools_loads_no_model_library() -> None:
    """`tools --json` (and /api/tools) checks every backend's availability without importing
    torch or a model package: listing stays well under a second."""
    code = ("import sys\nfrom audiogpt.interfaces.cli import main\n"
            "try:\n    main(['tools', '--json'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('torch', 'transformers', 'diffusers', 'pocket_tts', 'kokoro')"
            " if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "HEAVY []" in out, out[-300:]


def test_random_bytes_named_mp3_is_one_clear_line(cli, tmp_path: Path) -> None:
    bad = tmp_path / "song.mp3"
    bad.write_bytes(bytes(range(256)) * 40)
    res = cli("run", "audio_edit", "--audio", bad, "--operation", "reverse", "--json")
    assert res.rc == 2
    assert res.stderr.strip().splitlines() == [
        f"error: {bad}: not a readable audio file (its data could not be decoded as audio)"]
