"""Long recordings block by block: exact block cuts, merged results, limits before loading."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from audiogpt.app import App
from audiogpt.core.config import load_settings
from audiogpt.core.errors import InputTooLarge
from audiogpt.core.stream import iter_blocks


@pytest.fixture
def speech46(tmp_path: Path, jfk: Path) -> Path:
    """JFK four times with half-second gaps and light noise: 46 s."""
    x, sr = sf.read(jfk, dtype="float32")
    y = np.concatenate([x, np.zeros(sr // 2, np.float32)] * 4)
    y += 0.003 * np.random.default_rng(0).standard_normal(y.size).astype(np.float32)
    path = tmp_path / "speech46.wav"
    sf.write(path, y, sr, subtype="FLOAT")
    return path


def test_blocks_cover_the_file_exactly_and_cut_at_quiet_points(speech46: Path) -> None:
    whole, sr = sf.read(speech46, dtype="float32")
    blocks = list(iter_blocks(speech46, 10.0, search_s=2.0))
    assert len(blocks) == 4
    joined = np.concatenate([b.samples[0] for _, b in blocks])
    assert np.array_equal(joined, whole)
    for start, block in blocks:
        assert block.duration <= 14.0 + 1e-6
        assert start == pytest.approx(sum(b.duration for s, b in blocks if s < start))
    cuts = [int(s * sr) for s, _ in blocks[1:]]
    level = np.sqrt(np.mean(whole ** 2))
    for cut in cuts:  # the cut falls in a pause, far quieter than the speech
        assert np.sqrt(np.mean(whole[cut - 400:cut + 400] ** 2)) < 0.2 * level


def _app(home: Path, chunk_s: float) -> App:
    return App(load_settings(home=home, chunk_s=chunk_s))


@pytest.mark.slow
def test_events_and_enhancement_merge_across_blocks(workspace: Path, speech46: Path) -> None:
    chunked = _app(workspace, 10.0)
    rec = chunked.run_tool("sound_event_detection", {"audio": str(speech46)})
    assert rec.data["blocks"] == 4 and rec.data["duration"] == pytest.approx(46.0, abs=0.01)
    speech = [e for e in rec.data["events"] if e["label"] == "speech"]
    whole = _app(workspace, 600.0).run_tool("sound_event_detection", {"audio": str(speech46)})
    assert "blocks" not in whole.data
    ref = [e for e in whole.data["events"] if e["label"] == "speech"]
    covered = sum(e["end"] - e["start"] for e in speech)
    assert covered == pytest.approx(sum(e["end"] - e["start"] for e in ref), rel=0.1)
    assert all(0 <= e["start"] < e["end"] <= 46.01 for e in rec.data["events"])
    (img,) = rec.artifacts
    assert img.kind == "image" and img.path.stat().st_size > 1000

    enh = chunked.run_tool("speech_enhancement", {"audio": str(speech46)})
    assert enh.data["blocks"] == 4
    out, sr = sf.read(enh.artifacts[0].path, dtype="float32")
    ref_out, _ = sf.read(_app(workspace, 600.0).run_tool(
        "speech_enhancement", {"audio": str(speech46)}).artifacts[0].path, dtype="float32")
    assert out.shape == ref_out.shape == (46 * sr,)
    # Each block is enhanced with up to 5 s of its neighbours as context (the recurrent
    # enhancer settles before the block starts), so the blocks follow the whole-file run.
    assert np.corrcoef(out, ref_out)[0, 1] > 0.98


def test_transcript_merges_with_shifted_word_times(workspace: Path, jfk: Path) -> None:
    rec = _app(workspace, 4.0).run_tool("speech_recognition", {"audio": str(jfk)})
    assert rec.data["blocks"] >= 2
    assert "country" in rec.text
    starts = [w["start"] for w in rec.data["words"]]
    assert starts == sorted(starts) and starts[-1] > 6.0 and rec.data["words"][-1]["end"] <= 11.01
    assert rec.artifacts[0].path.read_text() == rec.text


def test_tools_that_need_the_whole_file_refuse_long_inputs_before_loading(
        workspace: Path, tmp_path: Path, cli) -> None:
    long = tmp_path / "long.wav"
    sf.write(long, np.zeros(21 * 60 * 1000, np.int16), 1000)  # 21 minutes at 1 kHz
    app = App(load_settings(home=workspace))
    with pytest.raises(InputTooLarge, match="at most 20 min"):
        app.run_tool("audio_edit", {"audio": str(long), "operation": "reverse"})
    res = cli("run", "audio_edit", "--audio", long, "--operation", "reverse", "--json")
    assert res.rc == 2 and "at most 20 min" in res.stderr
    from audiogpt.interfaces.http import create_app

    with TestClient(create_app(app, ui=False, mcp=False), base_url="http://127.0.0.1:7860") \
            as client, long.open("rb") as fh:
        resp = client.post("/api/tools/audio_edit", data={"args": '{"operation": "reverse"}'},
                           files={"audio": ("long.wav", fh, "audio/wav")})
    assert resp.status_code == 413 and resp.json()["error"]["type"] == "too_large"
