"""The Audio value: formats, resampling, validation of bad files."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from audiogpt.core.audio import Audio
from audiogpt.core.config import load_settings
from audiogpt.core.errors import ToolInputError
from tests.conftest import sine


def _peak_freq(x: np.ndarray, sr: int) -> float:
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / sr)[np.argmax(spec)])


@pytest.mark.parametrize("ext", [".wav", ".flac", ".aiff", ".ogg", ".mp3"])
def test_round_trip_soundfile_formats(tmp_path: Path, ext: str) -> None:
    a = Audio(sine(440, 1.0, 16000, channels=2), 16000)
    path = a.to_file(tmp_path / f"x{ext}")
    b = Audio.from_file(path)
    assert b.sample_rate == 16000 and b.channels == 2
    assert abs(b.duration - 1.0) < 0.06  # lossy codecs pad by a frame at most
    assert abs(_peak_freq(b.mono, 16000) - 440) < 3
    if ext in (".wav", ".flac", ".aiff"):
        assert b.frames == a.frames
        assert np.max(np.abs(b.samples - a.samples)) < 1e-3


@pytest.mark.parametrize("ext", [".m4a", ".webm"])
def test_round_trip_through_ffmpeg(tmp_path: Path, ext: str) -> None:
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed")
    a = Audio(sine(1000, 1.0, 48000), 48000)
    b = Audio.from_file(a.to_file(tmp_path / f"x{ext}"))
    assert abs(b.duration - 1.0) < 0.1
    assert abs(_peak_freq(b.mono, b.sample_rate) - 1000) < 5


def test_resampling_keeps_frequency_and_level() -> None:
    a = Audio(sine(1000, 2.0, 44100, amp=0.5), 44100)
    b = a.resampled(16000)
    assert b.sample_rate == 16000 and abs(b.duration - 2.0) < 1e-3
    assert abs(_peak_freq(b.mono, 16000) - 1000) < 1
    core = b.mono[1000:-1000]
    rms_db = 20 * np.log10(np.sqrt(np.mean(core**2)) / (0.5 / np.sqrt(2)))
    assert abs(rms_db) < 0.05


def test_to_mono_and_slice_are_sample_exact() -> None:
    a = Audio(np.stack([np.ones(16000), -np.ones(16000)]), 16000)
    assert np.allclose(a.to_mono().samples, 0)
    s = a.slice(0.25, 0.5)
    assert s.frames == 4000


# ---------------------------------------------------------------- bad inputs
def _write_wav_header(path: Path, data_bytes: int, actual: int, sr: int = 16000) -> None:
    fmt = struct.pack("<HHIIHH", 1, 1, sr, sr * 2, 2, 16)
    body = b"fmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", data_bytes)
    path.write_bytes(b"RIFF" + struct.pack("<I", 4 + len(body) + data_bytes) + b"WAVE" + body
                     + b"\x00" * actual)


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.wav"
    p.write_bytes(b"")
    with pytest.raises(ToolInputError, match="empty"):
        Audio.from_file(p)


def test_text_file_named_wav(tmp_path: Path) -> None:
    p = tmp_path / "notes.wav"
    p.write_text("this is not audio\n" * 50)
    with pytest.raises(ToolInputError, match="not a readable audio file") as e:
        Audio.from_file(p)
    assert "\n" not in str(e.value) and "notes.wav" in str(e.value)


def test_truncated_wav(tmp_path: Path) -> None:
    p = tmp_path / "cut.wav"
    _write_wav_header(p, data_bytes=32000, actual=1000)
    with pytest.raises(ToolInputError, match="truncated"):
        Audio.from_file(p)


def test_truncated_real_recording(tmp_path: Path, jfk: Path) -> None:
    data = jfk.read_bytes()
    p = tmp_path / "jfk_cut.wav"
    p.write_bytes(data[: len(data) // 3])
    with pytest.raises(ToolInputError, match="truncated"):
        Audio.from_file(p)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ToolInputError, match="not found"):
        Audio.from_file(tmp_path / "nope.wav")
    with pytest.raises(ToolInputError, match="directory"):
        Audio.from_file(tmp_path)


def test_zero_length(tmp_path: Path) -> None:
    p = tmp_path / "zero.wav"
    _write_wav_header(p, data_bytes=0, actual=0)
    with pytest.raises(ToolInputError, match="no audio samples"):
        Audio.from_file(p)


def test_nan_samples(tmp_path: Path) -> None:
    p = tmp_path / "nan.wav"
    x = sine(440, 0.1)[0]
    x[10] = np.nan
    sf.write(p, x, 16000, subtype="FLOAT")
    with pytest.raises(ToolInputError, match="NaN"):
        Audio.from_file(p)


def test_absurd_sample_rate(tmp_path: Path) -> None:
    p = tmp_path / "slow.wav"
    sf.write(p, sine(10, 1, 100)[0], 100)
    with pytest.raises(ToolInputError, match="sample rate"):
        Audio.from_file(p)


def test_limits_on_channels_size_and_duration(tmp_path: Path) -> None:
    p = tmp_path / "multi.wav"
    sf.write(p, sine(440, 2.0, 16000, channels=4).T, 16000)
    with pytest.raises(ToolInputError, match="channels"):
        Audio.from_file(p, load_settings(max_channels=2))
    with pytest.raises(ToolInputError, match="MiB"):
        Audio.from_file(p, load_settings(max_file_mb=0.01))
    with pytest.raises(ToolInputError, match="over the limit of 1 s"):
        Audio.from_file(p, load_settings(max_duration_s=1.0))


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    Audio(sine(), 16000).to_file(tmp_path / "a.wav")
    assert [p.name for p in tmp_path.iterdir()] == ["a.wav"]
