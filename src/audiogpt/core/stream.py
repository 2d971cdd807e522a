"""Streaming reads of long audio files: the header's facts, and blocks cut at quiet moments.

Long recordings are processed block by block so that memory does not grow with the file's
length. Blocks end at the quietest 50 ms inside a search window around the nominal block
length, so a cut rarely falls inside a word or an event.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audiogpt.core.errors import ToolInputError

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio
    from audiogpt.core.config import Settings

logger = logging.getLogger(__name__)

QUIET_FRAME_S = 0.05


@dataclass(frozen=True)
class AudioInfo:
    """What a file's header says, read without decoding the samples."""

    frames: int
    sample_rate: int
    channels: int

    @property
    def duration(self) -> float:
        """Duration in seconds."""
        return self.frames / self.sample_rate if self.sample_rate else 0.0


def audio_info(path: str | os.PathLike[str]) -> AudioInfo | None:
    """The header of a file libsndfile can stream (WAV, FLAC, OGG, MP3...), else None."""
    import soundfile as sf

    from audiogpt.core.audio import starts_like_mpeg

    p = Path(path)
    if p.suffix.lower() == ".mp3" and not starts_like_mpeg(p):  # libsndfile would print noise
        return None
    try:
        info = sf.info(str(path))
    except Exception:
        return None
    if info.frames <= 0 or info.samplerate <= 0 or info.frames >= 2**62:
        return None
    return AudioInfo(int(info.frames), int(info.samplerate), int(info.channels))


def _quietest(mono, rate: int, lo: int, hi: int) -> int:
    """Index of the centre of the quietest 50 ms frame of ``mono[lo:hi]``."""
    import numpy as np

    hop = max(1, int(QUIET_FRAME_S * rate))
    seg = mono[lo:hi]
    n = seg.size // hop
    if n < 2:
        return hi
    energy = np.square(seg[: n * hop].reshape(n, hop)).mean(axis=1)
    return lo + int(np.argmin(energy)) * hop + hop // 2


def iter_blocks(path: str | os.PathLike[str], block_s: float, search_s: float = 5.0,
                settings: Settings | None = None) -> Iterator[tuple[float, Audio]]:
    """Yield ``(start_seconds, Audio)`` blocks of about ``block_s`` seconds, cut at quiet points.

    At most ``block_s + 2 * search_s`` seconds are held in memory at a time.

    Args:
        path: A file libsndfile can read (see :func:`audio_info`).
        block_s: Nominal block length.
        search_s: Half-width of the window searched for the quietest cut point.
        settings: Limits (channels, duration); checked from the header before reading.

    Raises:
        ToolInputError: The file is unreadable, over the limits, or holds NaN samples.
    """
    import numpy as np
    import soundfile as sf

    from audiogpt.core.audio import MAX_RATE, MIN_RATE, Audio

    name = Path(path).name
    info = audio_info(path)
    if info is None:
        raise ToolInputError(f"{name}: not a readable audio file")
    if not MIN_RATE <= info.sample_rate <= MAX_RATE:
        raise ToolInputError(f"{name}: absurd sample rate {info.sample_rate} Hz")
    if settings is not None:
        if info.channels > settings.max_channels:
            raise ToolInputError(f"{name}: {info.channels} channels, over the limit of "
                                 f"{settings.max_channels}")
        if info.duration > settings.max_duration_s:
            raise ToolInputError(f"{name}: {info.duration:.0f} s long, over the limit of "
                                 f"{settings.max_duration_s:g} s (AUDIOGPT_MAX_DURATION_S)")
    rate = info.sample_rate
    block, search = int(block_s * rate), int(search_s * rate)
    start = 0
    carry = np.zeros((0, info.channels), np.float32)
    try:
        with sf.SoundFile(str(path)) as fh:
            while True:
                want = block + search - carry.shape[0]
                data = fh.read(max(0, want), dtype="float32", always_2d=True)
                buf = np.concatenate([carry, data]) if carry.size else data
                if buf.shape[0] == 0:
                    return
                if not np.isfinite(buf).all():
                    raise ToolInputError(f"{name}: contains NaN or infinite samples")
                left = info.frames - fh.tell()
                if data.shape[0] < want or left < search:
                    if left > 0:  # the short tail joins this block
                        tail = fh.read(left, dtype="float32", always_2d=True)
                        buf = np.concatenate([buf, tail])
                    yield start / rate, Audio(buf.T, rate)
                    return
                cut = _quietest(buf.mean(axis=1), rate, block - search, buf.shape[0])
                yield start / rate, Audio(buf[:cut].T, rate)
                start += cut
                carry = buf[cut:]
    except (sf.LibsndfileError, RuntimeError) as exc:
        raise ToolInputError(f"{name}: not a readable audio file ({exc})") from None
