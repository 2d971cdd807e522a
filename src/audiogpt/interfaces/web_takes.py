"""Recording takes for the Voices tab: the live level meter while the microphone records, and
the check of a finished take (speech seconds, level, SNR, clipping) with what to re-record.

Both judge with the same thresholds: the enrollment checks' (:data:`enroll.MIN_SNR_DB`,
:data:`enroll.MAX_CLIPPED`) and the level thresholds of :mod:`audiogpt.backends.dsp.levels`
(:data:`~audiogpt.backends.dsp.levels.CLIP_LEVEL`, :data:`~audiogpt.backends.dsp.levels.QUIET_DB`).

:class:`LiveTake` receives the microphone's chunks (Gradio's streaming microphone sends one
every ``stream_every`` seconds), returns a meter reading for each, and at the end joins
them into the take: a 16-bit WAV file that goes through the same check and keep/enroll flow
as an uploaded take.
"""

from __future__ import annotations

import html
import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.backends.dsp import levels as lv

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

#: Longest take the live recorder keeps (seconds); the stream is closed after it.
MAX_TAKE_S = 300.0
#: The meter judges speech level and noise only once this much has been recorded (seconds).
SETTLE_S = 2.0
#: A chunk that arrives this soon after a take was closed belongs to that take (dropped).
LATE_S = 1.0

QUIET = "too quiet: speak up or move closer to the microphone"
NO_SOUND = "no sound: check that the microphone is on and not muted"
CLIPPING = "clipping: lower the input level or move back from the microphone"


def clipped_warning(fraction: float) -> str:
    return (f"{100 * fraction:.1f} % of samples clipped: lower the input level or move back "
            "from the microphone, then record again")


def noise_warning(snr_db: float) -> str:
    from audiogpt.backends.speech.voice.enroll import MIN_SNR_DB

    return (f"background noise (SNR {snr_db:.0f} dB, want {MIN_SNR_DB:.0f}+): record in a "
            "quieter room, closer to the microphone")


def meter_bar(level_db: float, peak_db: float, clipping: bool, quiet: bool) -> str:
    """An HTML level bar: -60..0 dBFS, level filled, peak marked; red when clipping,
    orange when too quiet, else green."""
    fill = max(0.0, min(100.0, (level_db + 60.0) / 60.0 * 100.0))
    peak = max(0.0, min(100.0, (peak_db + 60.0) / 60.0 * 100.0))
    color = "#c0392b" if clipping else "#e67e22" if quiet else "#27ae60"
    return ('<div class="ag-meter" style="position:relative;height:12px;background:'
            'var(--background-fill-secondary);border-radius:3px">'
            f'<div class="ag-meter-fill" style="width:{fill:.0f}%;height:100%;background:{color};'
            'border-radius:3px"></div><div style="position:absolute;left:'
            f'{peak:.0f}%;top:0;width:2px;height:100%;background:var(--body-text-color)"></div>'
            '</div>')


# ---------------------------------------------------------------------- a finished take
def take_report(path: str | Path) -> dict[str, Any]:
    """Measure one take with the enrollment checks.

    Returns:
        ``{"seconds", "speech_s", "level_db", "peak_db", "snr_db", "clipped", "warnings"}``
        (``warnings`` empty when the take is good).
    """
    import numpy as np

    from audiogpt.backends.speech.voice import enroll
    from audiogpt.core.audio import Audio

    audio = Audio.from_file(path)
    mat = enroll.measure(audio, Path(path).name)
    mono = audio.to_mono().mono.astype(np.float64)
    level = lv.speech_level_db(lv.frame_db(mono, audio.sample_rate))
    warnings: list[str] = []
    if mat.speech_s < 1.0:
        warnings.append("no speech heard: check the microphone and read the text aloud")
    elif level < lv.QUIET_DB:
        warnings.append(QUIET)
    if mat.clipped > enroll.MAX_CLIPPED:
        warnings.append(clipped_warning(mat.clipped))
    if mat.speech_s >= 1.0 and mat.snr_db < enroll.MIN_SNR_DB:
        warnings.append(noise_warning(mat.snr_db))
    peak = float(np.max(np.abs(mono))) if mono.size else 0.0
    return {"seconds": round(audio.duration, 2), "speech_s": round(mat.speech_s, 1),
            "level_db": round(level, 1), "peak_db": round(lv.to_db(peak), 1),
            "snr_db": round(mat.snr_db, 1), "clipped": round(mat.clipped, 5),
            "warnings": warnings}


def report_html(rep: dict[str, Any]) -> str:
    """A take's check as HTML: level bar, numbers, and "Good take" or what to re-record."""
    verdict = ("<b>Good take.</b>" if not rep["warnings"] else
               "<b>Re-record:</b><ul>" + "".join(f"<li>{html.escape(w)}</li>"
                                                 for w in rep["warnings"]) + "</ul>")
    bar = meter_bar(rep["level_db"], rep["peak_db"], rep["peak_db"] > -0.1,
                    rep["level_db"] < lv.QUIET_DB)
    return (f'{bar}<p>{rep["speech_s"]:g} s of speech in '
            f'{rep["seconds"]:g} s · level {rep["level_db"]:g} dBFS (peak {rep["peak_db"]:g}) · '
            f'SNR {rep["snr_db"]:g} dB · clipped {100 * rep["clipped"]:.2f} %</p>{verdict}')


# ---------------------------------------------------------------------- the live meter
def live_warnings(r: lv.Reading) -> list[str]:
    """What the meter warns about now (empty when all is well)."""
    from audiogpt.backends.speech.voice.enroll import MAX_CLIPPED, MIN_SNR_DB

    warnings: list[str] = []
    if r.clipping:
        warnings.append(CLIPPING)
    if r.clipped > MAX_CLIPPED:
        warnings.append(clipped_warning(r.clipped))
    if r.seconds >= SETTLE_S:
        if r.speech_db < lv.SILENT_DB:
            warnings.append(NO_SOUND)
        elif r.speech_db < lv.QUIET_DB:
            warnings.append(QUIET)
        elif r.snr_db is not None and r.snr_db < MIN_SNR_DB:
            warnings.append(noise_warning(r.snr_db))
    return warnings


def live_html(r: lv.Reading | None) -> str:
    """The live meter as HTML; its ``data-state`` is ``idle``, ``ok``, ``quiet``, ``noise``
    or ``clip`` (the worst warning)."""
    if r is None:
        return ('<div id="ag-live" data-state="idle">'
                + meter_bar(-60.0, -60.0, False, False)
                + "<p>Press Record: the level shows here while you read.</p></div>")
    from audiogpt.backends.speech.voice.enroll import MAX_CLIPPED

    warnings = live_warnings(r)
    quiet = r.seconds >= SETTLE_S and r.speech_db < lv.QUIET_DB
    state = ("clip" if r.clipping or r.clipped > MAX_CLIPPED else
             "quiet" if quiet else "noise" if warnings else "ok")
    snr = "" if r.snr_db is None else f" · SNR ~{round(r.snr_db)} dB"
    text = "".join(f'<li>{html.escape(w)}</li>' for w in warnings)
    return (f'<div id="ag-live" data-state="{state}">'
            + meter_bar(r.level_db, r.peak_db, state == "clip", quiet)
            + f"<p>{r.seconds:.1f} s · level {round(r.level_db)} dBFS · peak {round(r.peak_db)} "
            f"dBFS · speech {round(r.speech_db)} dBFS{snr}</p>"
            + (f'<ul class="ag-live-warn">{text}</ul>' if text else "") + "</div>")


class LiveTake:
    """One recording in progress: its chunks, its level tracker, and whether it was closed.

    Thread-safe: Gradio may run a chunk and the stop event at the same time.
    """

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = int(sample_rate)
        self.tracker = lv.LevelTracker(self.sample_rate)
        self.chunks: list[np.ndarray] = []
        self.files: set[Path] = set()
        self.closed_at: float | None = None
        self.reading: lv.Reading | None = None
        self._lock = threading.Lock()

    @property
    def seconds(self) -> float:
        return self.tracker.seconds

    def is_late(self) -> bool:
        """Closed less than :data:`LATE_S` ago (a straggling chunk of this take)."""
        return self.closed_at is not None and time.monotonic() - self.closed_at < LATE_S

    def add(self, samples: np.ndarray, file: Path | None = None) -> lv.Reading | None:
        """Append a chunk (int16 or float, mono or (frames, channels)); ``None`` once the take
        is closed or full. ``file``, the chunk's upload, is deleted when the take is closed."""
        x = lv.as_float(samples)
        with self._lock:
            if file is not None:
                self.files.add(file)
            if self.closed_at is not None or self.seconds + x.size / self.sample_rate > MAX_TAKE_S:
                return None
            self.chunks.append(x)
            self.reading = self.tracker.add(x)
            return self.reading

    def close(self, folder: Path) -> Path | None:
        """Close the take, delete its chunk files, and write it as a 16-bit WAV (mode 0600)
        in a new private folder under ``folder``; ``None`` when it was already closed or holds
        under 0.5 s."""
        import numpy as np
        import soundfile as sf

        with self._lock:
            if self.closed_at is not None:
                return None
            self.closed_at = time.monotonic()
            chunks, self.chunks = self.chunks, []
            files, self.files = self.files, set()
        for file in files:
            file.unlink(missing_ok=True)
        if sum(c.size for c in chunks) < 0.5 * self.sample_rate:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        private = Path(tempfile.mkdtemp(prefix="audiogpt-take-", dir=folder))
        os.chmod(private, 0o700)
        dest = private / "recording.wav"
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            sf.write(f, np.clip(np.concatenate(chunks), -1.0, 1.0), self.sample_rate,
                     format="WAV", subtype="PCM_16")
        return dest
