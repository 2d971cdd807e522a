"""Waveform and spectrogram PNGs."""

from __future__ import annotations

from pathlib import Path

from audiogpt.core.audio import Audio
from audiogpt.core.render import spectrogram_png, waveform_png


def test_pngs_are_written(tmp_path: Path, jfk: Path) -> None:
    audio = Audio.from_file(jfk)
    for fn in (waveform_png, spectrogram_png):
        out = fn(audio, tmp_path / f"{fn.__name__}.png")
        data = out.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
