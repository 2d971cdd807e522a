"""``audiogpt batch``: 40 files with bad items, resume, kill-and-resume, JSONL args, plans."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batch.clips import make_clips, rms
from tests.conftest import EVAL


def _lines(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines() if x]


def _files(out: Path) -> set[Path]:
    return {p for p in out.rglob("*") if p.is_file() and p.name != "results.jsonl"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    make_clips(src, 38)
    (src / "notes.wav").write_text("this is a text file, not audio\n" * 20)
    (src / "empty.wav").write_bytes(b"")
    return src


def test_forty_files_bad_items_and_resume(cli, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cmd = ("batch", "audio_edit", "--input", folder, "--out", out, "--operation", "gain",
           "--gain_db", "-6", "--workers", "2", "--json")
    res = cli(*cmd)
    assert res.rc == 0, res.stderr
    assert json.loads(res.stdout) | {"seconds": 0} == {"ok": 38, "error": 2, "skipped": 0,
                                                        "seconds": 0}
    lines = _lines(out)
    assert len(lines) == 40 and len({x["input"] for x in lines}) == 40
    for line in lines:
        assert {"input", "status", "tool", "backend", "artifacts", "seconds"} <= set(line)
        assert line["tool"] == "audio_edit" and line["backend"] == "dsp"
        name = Path(line["input"]).name
        if name in ("notes.wav", "empty.wav"):
            assert line["status"] == "error" and name in line["error"]
            assert "Traceback" not in line["error"] and "sessions/" not in line["error"]
            continue
        assert line["status"] == "ok", line
        (art,) = line["artifacts"]
        assert art["kind"] == "audio" and Path(art["path"]).is_relative_to(out)
        assert rms(art["path"]) / rms(line["input"]) == pytest.approx(10 ** (-6 / 20), rel=0.02)
    assert len({x["worker"] for x in lines if "worker" in x}) <= 2  # models loaded once each
    files = _files(out)
    again = cli(*cmd)
    assert json.loads(again.stdout) | {"seconds": 0} == {"ok": 0, "error": 2, "skipped": 38,
                                                          "seconds": 0}
    rerun = _lines(out)[40:]
    assert {x["input"]: x["status"] for x in rerun} == {x["input"]: (
        "error" if x["status"] == "error" else "skipped") for x in lines}
    assert _files(out) == files  # nothing was redone
    skipped = next(x for x in rerun if x["status"] == "skipped")
    first = next(x for x in lines if x["input"] == skipped["input"])
    assert skipped["artifacts"] == first["artifacts"]


def test_kill_midway_then_resume_redoes_nothing(workspace: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_clips(src, 40)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "audiogpt", "batch", "audio_edit", "--input", str(src),
           "--out", str(out), "--operation", "reverse", "--workers", "1", "--json"]
    env = dict(os.environ, AUDIOGPT_HOME=str(workspace))
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        end = time.monotonic() + 120
        while not (out / "results.jsonl").exists() or len(_lines(out)) < 5:
            assert proc.poll() is None and time.monotonic() < end, proc.stderr.read()
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    before = _lines(out)
    assert 5 <= len(before) < 40 and all(x["status"] == "ok" for x in before)
    done = {x["input"] for x in before}
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["skipped"] == len(done) and summary["ok"] == 40 - len(done)
    after = _lines(out)[len(before):]
    assert {x["input"] for x in after if x["status"] == "ok"}.isdisjoint(done)
    assert {x["input"] for x in after if x["status"] == "skipped"} == done
    assert not [p for p in out.rglob(".tmp-*")], "a half-written file was left"
    outputs = [a["path"] for x in after for a in x["artifacts"]]
    assert len(set(outputs)) == 40 and all(Path(p).is_file() for p in outputs)


def test_jsonl_arguments_and_a_plan_file(cli, tmp_path: Path) -> None:
    clips = make_clips(tmp_path / "in", 3)
    listing = tmp_path / "list.jsonl"
    listing.write_text("\n".join([
        json.dumps({"input": "in/clip00.wav", "args": {"gain_db": -12}}),
        json.dumps({"input": str(clips[1]), "gain_db": 6}),
        json.dumps(str(clips[2])),
        "{not json",
        json.dumps({"input": "in/missing.wav"}),
    ]) + "\n")
    out = tmp_path / "out"
    res = cli("batch", "audio_edit", "--input", listing, "--out", out, "--operation", "gain",
              "--gain-db", "-6", "--workers", "1", "--json")
    assert json.loads(res.stdout)["ok"] == 3, res.stderr
    lines = {Path(x["input"]).name: x for x in _lines(out)}
    for name, db in (("clip00.wav", -12), ("clip01.wav", 6), ("clip02.wav", -6)):
        gain = rms(lines[name]["artifacts"][0]["path"]) / rms(clips[int(name[5])])
        assert gain == pytest.approx(10 ** (db / 20), rel=0.03), name
    assert "not JSON" in lines["list.jsonl:4"]["error"]
    assert lines["missing.wav"]["error"].endswith("file not found")

    plan = tmp_path / "plan.json"
    plan.write_text(cli("plan", "make it quieter by 6 dB then reverse it", "--attach",
                        clips[0], "--json").stdout)
    steps = json.loads(plan.read_text())["steps"]
    assert [s["tool"] for s in steps] == ["audio_edit", "audio_edit"], steps
    out2 = tmp_path / "out2"
    res = cli("batch", plan, "--input", tmp_path / "in", "--out", out2, "--workers", "1",
              "--json")
    assert json.loads(res.stdout)["ok"] == 3, res.stderr
    for line in _lines(out2):
        assert line["tool"] == "audio_edit>audio_edit" and len(line["artifacts"]) == 2


def test_bad_batch_commands(cli, tmp_path: Path) -> None:
    for args, needle in (
            (("no_such_tool", "--input", tmp_path), "unknown tool"),
            (("audio_edit", "--input", tmp_path / "nothing-*.wav"), "no input files"),
            (("audio_edit", "--input", EVAL / "speech_en", "--bogus", "1"), "unknown argument")):
        res = cli("batch", *args, "--out", tmp_path / "o")
        assert res.rc == 2 and needle in res.stderr and "Traceback" not in res.stderr, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1
