"""The web UI's Voices tab, through its handlers (as the page calls them) and its layout:
take feedback on real recordings, consent refusal, enroll -> compare side by side -> read
sentence by sentence -> remove."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from audiogpt.app import App
from audiogpt.core.audio import Audio
from audiogpt.core.config import load_settings
from audiogpt.interfaces.service import Service
from audiogpt.interfaces.web_voices import VoiceHandlers
from tests.conftest import shared_file

AEW = ["eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav",
       "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0002.wav"]


@pytest.fixture
def uploads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Gradio's upload folder (where the browser's takes arrive)."""
    folder = tmp_path / "gradio"
    folder.mkdir()
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(folder))
    return folder


@pytest.fixture
def handlers(tmp_path: Path):
    service = Service(App(load_settings(home=tmp_path / "home")), workers=2)
    yield VoiceHandlers(service)
    service.close()


def _upload(uploads: Path, rel: str, name: str, change=None) -> str:
    audio = Audio.from_file(shared_file(rel))
    y = audio.mono if change is None else change(audio.mono)
    dest = uploads / name
    sf.write(dest, np.clip(y, -1, 1), audio.sample_rate)
    return str(dest)


def test_take_feedback_level_noise_clipping(handlers: VoiceHandlers, uploads: Path) -> None:
    good = handlers.check_take(_upload(uploads, AEW[0], "good.wav"))
    assert "Good take" in good and "s of speech" in good and "ag-meter" in good
    clipped = handlers.check_take(_upload(uploads, AEW[0], "loud.wav", lambda y: y * 12))
    assert "Re-record" in clipped and "clipped" in clipped
    rng = np.random.default_rng(0)
    noisy = handlers.check_take(_upload(
        uploads, AEW[0], "noisy.wav", lambda y: y + 0.05 * rng.standard_normal(y.size)))
    assert "background noise" in noisy and "clipped" not in noisy.split("Re-record")[1]
    quiet = handlers.check_take(_upload(uploads, AEW[0], "quiet.wav", lambda y: y * 0.02))
    assert "too quiet" in quiet


def _browser_chunks(uploads: Path, y: np.ndarray, rate: int, every_s: float = 0.25) -> list[str]:
    """The streaming microphone's uploads: 16-bit WAV pieces; after the first, each is the
    first piece's 44-byte header followed by the new samples (as Gradio's recorder sends)."""
    pcm = (np.clip(y, -1, 1) * 32767).astype("<i2")
    step = int(every_s * rate)
    header = b""
    paths = []
    for k, i in enumerate(range(0, pcm.size, step)):
        buf = io.BytesIO()
        sf.write(buf, pcm[i:i + step], rate, format="WAV", subtype="PCM_16")
        data = buf.getvalue()
        header = header or data[:44]
        path = uploads / f"chunk-{k}" / "audio.wav"
        path.parent.mkdir(parents=True)
        path.write_bytes(data if k == 0 else header + pcm[i:i + step].tobytes())
        paths.append(str(path))
    return paths


def _record(handlers: VoiceHandlers, uploads: Path, y: np.ndarray, rate: int
            ) -> tuple[list[str], tuple]:
    live, meters = None, []
    chunks = _browser_chunks(uploads, y, rate)
    for chunk in chunks:
        meter, live = handlers.live_chunk(chunk, live)
        meters.append(meter)
    assert all(Path(c).exists() for c in chunks)
    finished = handlers.finish_recording(live)
    assert not any(Path(c).exists() for c in chunks)  # the chunks are deleted with the take
    return meters, finished


def test_live_meter_while_recording_then_the_take(handlers: VoiceHandlers, uploads: Path) -> None:
    import gradio as gr

    audio = Audio.from_file(shared_file(AEW[0]))
    meters, (take, feedback, final, live) = _record(handlers, uploads, audio.mono,
                                                     audio.sample_rate)
    assert len(meters) == 16 and all('data-state="ok"' in m for m in meters)
    assert "level -24 dBFS" in meters[0] and "3.9 s" in final
    # the take: every chunk joined, in the upload folder, private, and checked as before
    path = Path(take)
    assert path.parent.parent == uploads and oct(path.stat().st_mode & 0o777) == "0o600"
    rec = Audio.from_file(path)
    assert rec.sample_rate == audio.sample_rate and rec.mono.size == audio.mono.size
    assert np.max(np.abs(rec.mono - audio.mono)) < 1e-3
    assert "Good take" in feedback
    assert handlers.finish_recording(live)[0] == gr.skip()  # repeated stop events
    late = _browser_chunks(uploads / "late", audio.mono[:4000], audio.sample_rate)[0]
    assert handlers.live_chunk(late, live) == (gr.skip(), live)  # a straggler is dropped
    takes, kept, *_ = handlers.keep_take(take, [], None)  # keep/enroll flow as for uploads
    assert takes[0]["speech_s"] > 2 and "of 60 s" in kept

    meters, (_, feedback, final, _) = _record(handlers, uploads / "loud", audio.mono * 12,
                                              audio.sample_rate)
    assert 'data-state="clip"' in meters[0] and "clipping: lower the input level" in meters[0]
    assert "#c0392b" in meters[0] and "clipped" in feedback and 'data-state="clip"' in final

    meters, (_, feedback, _, _) = _record(handlers, uploads / "quiet", audio.mono * 0.02,
                                          audio.sample_rate)
    assert all("too quiet" not in m for m in meters[:7])  # not judged in the first 2 s
    assert all('data-state="quiet"' in m and "too quiet" in m for m in meters[8:])
    assert "too quiet" in feedback

    noise = 0.05 * np.random.default_rng(0).standard_normal(audio.mono.size)
    meters, (_, feedback, _, _) = _record(handlers, uploads / "noisy", audio.mono + noise,
                                          audio.sample_rate)
    assert 'data-state="noise"' in meters[-1] and "background noise (SNR" in meters[-1]
    assert "background noise" in feedback


def test_takes_are_uploads_only_and_consent_is_required(handlers: VoiceHandlers,
                                                        uploads: Path) -> None:
    import gradio as gr

    with pytest.raises(gr.Error, match="not an upload"):
        handlers.check_take(str(shared_file(AEW[0])))  # a server path named by a client
    takes, kept, folder, cleared, _ = handlers.keep_take(
        _upload(uploads, AEW[0], "t1.wav"), [], None)
    assert len(takes) == 1 and "of 60 s" in kept and cleared is None
    assert Path(takes[0]["path"]).parent == Path(folder) and folder != str(uploads)
    status, *rest = handlers.add("me", False, takes, folder)
    assert status.startswith("**Not added:** tick the consent box")
    assert rest == [gr.skip()] * 6  # the takes and the form stay as they are
    assert handlers.listing()[0] == "<p>No voices yet.</p>"  # nothing was enrolled
    handlers.clear_takes(folder)
    assert not Path(folder).exists()


def test_tab_is_part_of_the_page(handlers: VoiceHandlers) -> None:
    from audiogpt.interfaces.web import build_ui

    config = build_ui(handlers.service).get_config_file()
    by_id = {c["props"].get("elem_id"): c["props"] for c in config["components"]}
    assert by_id["voice-take"]["sources"] == ["upload"]
    assert by_id["voice-mic"]["sources"] == ["microphone"] and by_id["voice-mic"]["streaming"]
    assert 'data-state="idle"' in by_id["voice-meter"]["value"]
    streams = [d for d in config["dependencies"] if d["targets"][0][1] == "stream"]
    assert [d["stream_every"] for d in streams] == [0.25]  # the meter: 4 readings a second
    types = {c["id"]: (c["type"], c["props"].get("elem_id")) for c in config["components"]}
    assert [types[i] for i in streams[0]["inputs"]] == [("audio", "voice-mic"), ("state", None)]
    assert [types[i] for i in streams[0]["outputs"]] == [("html", "voice-meter"), ("state", None)]
    assert by_id["voice-live"]["streaming"] is True
    assert by_id["voice-consent"]["value"] is False
    assert {"tab-voices", "voice-original", "voice-clone", "voice-add"} <= set(by_id)


@pytest.mark.slow
def test_enroll_compare_read_remove(handlers: VoiceHandlers, uploads: Path) -> None:
    from audiogpt.backends.dsp.watermark import detect

    takes, folder = [], None
    for i, rel in enumerate(AEW):
        takes, _, folder, _, _ = handlers.keep_take(_upload(uploads, rel, f"t{i}.wav"), takes,
                                                    folder)
    status, table, picker, takes, _, folder, consent = handlers.add("Me", True, takes, folder)
    assert "Added voice **me**" in status and "60 s" in status  # short material is flagged
    assert ">me<" in table and picker.value == "me" and consent is False and takes == []

    original, clone, info, session = handlers.compare("me", "", None)
    rate, samples = original
    assert samples.size / rate > 3.0  # the enrollment sample, played next to the clone
    assert Path(clone).is_file() and "watermark detected" in info and session

    updates = list(handlers.read("me", "I slept well. Then I walked to the market.", session))
    chunks = [u[0] for u in updates if u[0] is not None]
    assert len(chunks) == 2 and all(sf.info(io.BytesIO(c)).duration > 0.3 for c in chunks)
    *_, (last_chunk, whole, done, _) = updates
    assert last_chunk is None and "first audio after" in done and "watermarked" in done
    mark = detect(Audio.from_file(whole))
    assert mark["watermarked"] and mark["tool"] == "voice_clone"

    removed, table, picker = handlers.remove("me")
    assert "Removed" in removed and picker.choices == [] and table == "<p>No voices yet.</p>"
    shutil.rmtree(uploads, ignore_errors=True)
