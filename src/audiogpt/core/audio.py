"""The ``Audio`` value: float32 samples shaped (channels, frames) with their sample rate.

The sample rate always travels with the samples. Loading validates the file and raises
:class:`~audiogpt.core.errors.ToolInputError` with a one-line message naming the file and the
problem; saving is atomic (temporary file + rename).
"""

from __future__ import annotations

import logging
import os
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audiogpt.core.errors import BackendUnavailable, ToolInputError

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.config import Settings

logger = logging.getLogger(__name__)

#: Extensions libsndfile reads and writes directly.
SOUNDFILE_EXTS = {".wav", ".flac", ".ogg", ".oga", ".aiff", ".aif", ".mp3", ".au", ".opus"}
#: Extensions handled through ffmpeg.
FFMPEG_EXTS = {".m4a", ".mp4", ".webm", ".aac", ".mkv", ".mov", ".wma"}
AUDIO_EXTS = SOUNDFILE_EXTS | FFMPEG_EXTS
MIN_RATE, MAX_RATE = 1000, 768_000


@dataclass(frozen=True, eq=False)
class Audio:
    """Audio samples with their sample rate.

    Attributes:
        samples: float32 array shaped (channels, frames).
        sample_rate: Samples per second per channel.
    """

    samples: np.ndarray
    sample_rate: int

    def __post_init__(self) -> None:
        import numpy as np

        arr = np.asarray(self.samples, dtype=np.float32)
        if arr.ndim == 1:
            arr = arr[np.newaxis, :]
        if arr.ndim != 2:
            raise ValueError(f"audio samples must be 1-D or (channels, frames), got {arr.shape}")
        if not isinstance(self.sample_rate, (int, np.integer)) or self.sample_rate <= 0:
            raise ValueError(f"sample_rate must be a positive int, got {self.sample_rate!r}")
        object.__setattr__(self, "samples", np.ascontiguousarray(arr))
        object.__setattr__(self, "sample_rate", int(self.sample_rate))

    # ------------------------------------------------------------------ properties
    @property
    def channels(self) -> int:
        """Number of channels."""
        return int(self.samples.shape[0])

    @property
    def frames(self) -> int:
        """Number of frames (samples per channel)."""
        return int(self.samples.shape[1])

    @property
    def duration(self) -> float:
        """Duration in seconds."""
        return self.frames / self.sample_rate

    @property
    def mono(self) -> np.ndarray:
        """A 1-D float32 mono signal (mean of the channels)."""
        return self.samples.mean(axis=0) if self.channels > 1 else self.samples[0]

    # ------------------------------------------------------------------ transforms
    def to_mono(self) -> Audio:
        """Return the mono mix-down."""
        return self if self.channels == 1 else Audio(self.mono, self.sample_rate)

    def resampled(self, sample_rate: int) -> Audio:
        """Return the audio at ``sample_rate`` using the soxr high-quality resampler."""
        if sample_rate == self.sample_rate:
            return self
        if not MIN_RATE <= sample_rate <= MAX_RATE:
            raise ToolInputError(f"sample rate {sample_rate} Hz is out of range")
        import soxr

        out = soxr.resample(self.samples.T, self.sample_rate, sample_rate, quality="HQ")
        return Audio(out.T, sample_rate)

    def with_channels(self, channels: int) -> Audio:
        """Return the audio with ``channels`` channels (mix down or duplicate mono)."""
        import numpy as np

        if channels == self.channels:
            return self
        mono = self.mono
        return Audio(np.tile(mono, (channels, 1)), self.sample_rate)

    def slice(self, start: float, end: float | None = None) -> Audio:
        """Return the part between ``start`` and ``end`` seconds (sample-exact rounding)."""
        a = int(round(start * self.sample_rate))
        b = self.frames if end is None else int(round(end * self.sample_rate))
        return Audio(self.samples[:, a:b], self.sample_rate)

    @classmethod
    def silence(cls, duration: float, sample_rate: int, channels: int = 1) -> Audio:
        """Return ``duration`` seconds of silence."""
        import numpy as np

        return cls(np.zeros((channels, int(round(duration * sample_rate))), np.float32), sample_rate)

    # ------------------------------------------------------------------ I/O
    @classmethod
    def from_file(cls, path: str | os.PathLike[str], settings: Settings | None = None) -> Audio:
        """Load and validate an audio file.

        Args:
            path: The file (wav, flac, ogg, mp3, aiff; m4a/mp4/webm through ffmpeg).
            settings: Limits on size, duration and channels; defaults from the environment.

        Returns:
            The audio, float32, with its native sample rate and channels.

        Raises:
            ToolInputError: The file is missing, empty, not audio, truncated, or out of limits.
        """
        from audiogpt.core.config import load_settings

        settings = settings or load_settings()
        p = check_input_file(path, settings, "audio")
        name = str(path)
        _check_wav_truncation(p, name)
        audio = _decode(p, name)
        _validate(audio, name, settings)
        return audio

    def to_file(self, path: str | os.PathLike[str], subtype: str | None = None) -> Path:
        """Write the audio atomically; the format follows the extension.

        Args:
            path: Destination (wav, flac, ogg, mp3, aiff; m4a/webm/mp4 through ffmpeg).
            subtype: soundfile subtype (e.g. ``"PCM_16"``); a sensible default otherwise.

        Returns:
            The written path.
        """
        import numpy as np
        import soundfile as sf

        dest = Path(path)
        ext = dest.suffix.lower()
        if ext not in AUDIO_EXTS:
            raise ToolInputError(f"{dest.name}: unsupported output format {ext or '(none)'}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        data = np.clip(self.samples.T, -1.0, 1.0) if subtype != "FLOAT" else self.samples.T
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=ext, dir=dest.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            if ext in FFMPEG_EXTS:
                with tempfile.TemporaryDirectory() as td:
                    wav = Path(td) / "in.wav"
                    sf.write(wav, data, self.sample_rate, subtype="PCM_16")
                    _ffmpeg(["-i", str(wav), "-vn", str(tmp)], dest.name)
            else:
                fmt = {".oga": "OGG", ".opus": "OGG", ".aif": "AIFF", ".au": "AU"}.get(ext)
                if subtype is None:
                    subtype = {".ogg": "VORBIS", ".oga": "VORBIS", ".opus": "OPUS",
                               ".mp3": "MPEG_LAYER_III"}.get(ext, "PCM_16")
                sf.write(tmp, data, self.sample_rate, subtype=subtype, format=fmt)
            os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)
        return dest


# ---------------------------------------------------------------------- helpers
def fit_peak(samples: np.ndarray, ceiling: float = 0.999) -> tuple[np.ndarray, float]:
    """Scale samples down so their peak is at most ``ceiling`` (keeps 16-bit output from clipping).

    Args:
        samples: Samples of any shape.
        ceiling: Largest absolute sample value allowed.

    Returns:
        The samples (scaled only when their peak exceeded ``ceiling``) and the gain applied (1.0 = none).
    """
    import numpy as np

    peak = float(np.max(np.abs(samples))) if samples.size else 0.0
    if peak <= ceiling:
        return samples, 1.0
    gain = ceiling / peak
    return samples * np.asarray(gain, dtype=samples.dtype), gain


def check_input_file(path: str | os.PathLike[str], settings: Settings, what: str) -> Path:
    """Check that an input file exists, is a non-empty file and is within the size limit.

    Args:
        path: The user's file.
        settings: Limits (``max_file_mb``).
        what: What the file should be (``audio``, ``image``), for the message.

    Returns:
        The path.

    Raises:
        ToolInputError: One line naming the file and the problem.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise ToolInputError(f"{name}: file not found")
    if p.is_dir():
        raise ToolInputError(f"{name}: is a directory, not an {what} file")
    size = p.stat().st_size
    if size == 0:
        raise ToolInputError(f"{name}: file is empty")
    if size > settings.max_file_mb * 1024 * 1024:
        raise ToolInputError(
            f"{name}: file is {size / 2**20:.0f} MiB, over the limit of "
            f"{settings.max_file_mb:g} MiB (AUDIOGPT_MAX_FILE_MB)"
        )
    return p


def _check_wav_truncation(p: Path, name: str) -> None:
    """Raise if a RIFF/WAVE file's data chunk is shorter than its header says."""
    with p.open("rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return
        size = p.stat().st_size
        pos = 12
        while pos + 8 <= size:
            fh.seek(pos)
            chunk = fh.read(8)
            if len(chunk) < 8:
                break
            cid, csize = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if cid == b"data":
                available = size - pos - 8
                # 0 and 0xFFFFFFFF are placeholders written by streaming encoders.
                if csize not in (0, 0xFFFFFFFF) and available < csize:
                    raise ToolInputError(
                        f"{name}: WAV file is truncated ({available} of {csize} data bytes present)"
                    )
                return
            pos += 8 + csize + (csize & 1)
        raise ToolInputError(f"{name}: WAV file has no data chunk (truncated or corrupt)")


def _decode(p: Path, name: str) -> Audio:
    import soundfile as sf

    ext = p.suffix.lower()
    sf_error: str | None = None
    # libsndfile's MPEG decoder prints "Note: Illegal Audio-MPEG-Header" lines straight to
    # stderr on garbage: hand files that do not start like MPEG audio to ffmpeg instead.
    if ext not in FFMPEG_EXTS and (ext != ".mp3" or starts_like_mpeg(p)):
        try:
            data, sr = sf.read(p, dtype="float32", always_2d=True)
            return Audio(data.T, int(sr))
        except (sf.LibsndfileError, RuntimeError, ValueError) as exc:
            sf_error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    try:
        return _decode_ffmpeg(p, name)
    except BackendUnavailable:
        if sf_error:
            raise ToolInputError(f"{name}: not a readable audio file ({sf_error})") from None
        raise
    except ToolInputError:
        raise
    except Exception as exc:  # pragma: no cover - defensive
        raise ToolInputError(f"{name}: not a readable audio file ({exc})") from None


def looks_like_text(path: str | os.PathLike[str]) -> bool:
    """Whether a file's first 512 bytes are printable UTF-8 text (so it is not audio)."""
    with Path(path).open("rb") as fh:
        head = fh.read(512)
    if not head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable / max(1, len(text)) > 0.97


def starts_like_mpeg(p: Path) -> bool:
    """Whether a file begins with an ID3 tag or an MPEG audio frame sync."""
    with p.open("rb") as fh:
        head = fh.read(4)
    return head[:3] == b"ID3" or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _decode_ffmpeg(p: Path, name: str) -> Audio:
    import soundfile as sf

    with tempfile.TemporaryDirectory() as td:
        out = Path(td) / "decoded.wav"
        _ffmpeg(["-i", str(p), "-vn", "-acodec", "pcm_f32le", "-f", "wav", str(out)], name)
        try:
            data, sr = sf.read(out, dtype="float32", always_2d=True)
        except Exception:
            raise ToolInputError(f"{name}: not a readable audio file") from None
    return Audio(data.T, int(sr))


def _ffmpeg(args: list[str], name: str) -> None:
    import shutil

    exe = shutil.which("ffmpeg")
    if exe is None:
        raise BackendUnavailable("ffmpeg is not installed (sudo apt-get install ffmpeg)")
    proc = subprocess.run(
        [exe, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args],
        capture_output=True, text=True, timeout=600,
    )
    if proc.returncode != 0:
        raise ToolInputError(f"{name}: not a readable audio file ({_ffmpeg_reason(proc.stderr)})")


def _ffmpeg_reason(stderr: str) -> str:
    """ffmpeg's last error line in plain words, without the (internal) file path it names."""
    detail = (stderr.strip().splitlines() or ["ffmpeg failed"])[-1]
    if "Invalid argument" in detail or "Invalid data" in detail or "could not find codec" in \
            detail.lower():
        return "its data could not be decoded as audio"
    return detail.rsplit(": ", 1)[-1] if ": " in detail else detail


def _validate(audio: Audio, name: str, settings: Settings) -> None:
    import numpy as np

    if not MIN_RATE <= audio.sample_rate <= MAX_RATE:
        raise ToolInputError(f"{name}: absurd sample rate {audio.sample_rate} Hz")
    if audio.channels > settings.max_channels:
        raise ToolInputError(
            f"{name}: {audio.channels} channels, over the limit of {settings.max_channels}"
        )
    if audio.frames == 0:
        raise ToolInputError(f"{name}: contains no audio samples (zero length)")
    if not np.isfinite(audio.samples).all():
        raise ToolInputError(f"{name}: contains NaN or infinite samples")
    if audio.duration > settings.max_duration_s:
        raise ToolInputError(
            f"{name}: {audio.duration:.0f} s long, over the limit of "
            f"{settings.max_duration_s:g} s (AUDIOGPT_MAX_DURATION_S)"
        )
