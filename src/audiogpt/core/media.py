"""Image and Video values and their I/O.

``Image`` holds RGB pixels (uint8, height x width x 3) decoded with OpenCV; loading validates the
file and raises :class:`~audiogpt.core.errors.ToolInputError` with a one-line message for missing,
empty, oversized or undecodable files. ``Video`` describes a media file probed with ``ffprobe``
(streams, codecs, size, duration).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import BackendUnavailable, ToolInputError

if TYPE_CHECKING:
    import os

    import numpy as np

    from audiogpt.core.config import Settings

logger = logging.getLogger(__name__)

IMAGE_EXTS = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff", ".ppm", ".pgm"}
MAX_PIXELS = 64_000_000


@dataclass(frozen=True, eq=False)
class Image:
    """An RGB image.

    Attributes:
        pixels: uint8 array shaped (height, width, 3), RGB order.
    """

    pixels: np.ndarray

    def __post_init__(self) -> None:
        import numpy as np

        arr = np.asarray(self.pixels)
        if arr.ndim == 2:
            arr = np.repeat(arr[:, :, None], 3, axis=2)
        if arr.ndim != 3 or arr.shape[2] not in (3, 4) or arr.shape[0] < 1 or arr.shape[1] < 1:
            raise ValueError(f"image pixels must be (height, width, 3), got {arr.shape}")
        if arr.dtype != np.uint8:
            arr = np.clip(arr, 0, 255).astype(np.uint8)
        object.__setattr__(self, "pixels", np.ascontiguousarray(arr[:, :, :3]))

    @property
    def width(self) -> int:
        """Width in pixels."""
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        """Height in pixels."""
        return int(self.pixels.shape[0])

    def gray(self) -> np.ndarray:
        """Luma (uint8, height x width)."""
        import cv2

        return cv2.cvtColor(self.pixels, cv2.COLOR_RGB2GRAY)

    def resized(self, max_side: int, *, even: bool = False) -> Image:
        """Return the image scaled so its longer side is ``max_side`` (area/cubic resampling).

        Args:
            max_side: Target length of the longer side.
            even: Round both sides to even numbers (needed by yuv420p video).
        """
        import cv2

        scale = max_side / max(self.width, self.height)
        w = max(2, round(self.width * scale))
        h = max(2, round(self.height * scale))
        if even:
            w, h = w - w % 2, h - h % 2
        if (w, h) == (self.width, self.height):
            return self
        interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        return Image(cv2.resize(self.pixels, (w, h), interpolation=interp))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], settings: Settings | None = None) -> Image:
        """Load and validate an image file (png, jpeg, bmp, webp, tiff, gif's first frame).

        Raises:
            ToolInputError: Missing, empty, too large, or not a decodable image.
        """
        import cv2
        import numpy as np

        from audiogpt.core.audio import check_input_file
        from audiogpt.core.config import load_settings

        settings = settings or load_settings()
        p = check_input_file(path, settings, "image")
        name = str(path)
        raw = np.fromfile(p, dtype=np.uint8)
        img = cv2.imdecode(raw, cv2.IMREAD_UNCHANGED)
        if img is None and p.suffix.lower() == ".gif":
            img = _gif_first_frame(p)
        if img is None or img.size == 0:
            raise ToolInputError(
                f"{name}: not a readable image (expected png, jpeg, bmp, webp, tiff or gif)"
            )
        if img.shape[0] * img.shape[1] > MAX_PIXELS:
            raise ToolInputError(f"{name}: image is {img.shape[1]}x{img.shape[0]}, too large")
        if img.dtype != np.uint8:  # 16-bit PNG/TIFF
            img = (img / (256.0 if img.dtype == np.uint16 else img.max() / 255.0)).astype(np.uint8)
        if img.ndim == 2:
            rgb = cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
        elif img.shape[2] == 4:
            alpha = img[:, :, 3:4].astype(np.float32) / 255.0
            bgr = img[:, :, :3].astype(np.float32) * alpha + 255.0 * (1 - alpha)  # on white
            rgb = cv2.cvtColor(bgr.astype(np.uint8), cv2.COLOR_BGR2RGB)
        else:
            rgb = cv2.cvtColor(img[:, :, :3], cv2.COLOR_BGR2RGB)
        return cls(rgb)

    def to_file(self, path: str | os.PathLike[str]) -> Path:
        """Write the image (format by extension) and return the path."""
        import cv2

        p = Path(path)
        ok, buf = cv2.imencode(p.suffix or ".png", cv2.cvtColor(self.pixels, cv2.COLOR_RGB2BGR))
        if not ok:
            raise ToolInputError(f"{p}: cannot encode an image with this extension")
        p.write_bytes(buf.tobytes())
        return p


def _gif_first_frame(p: Path) -> np.ndarray | None:
    """Decode a GIF's first frame through ffmpeg (OpenCV builds often lack GIF)."""
    import cv2
    import numpy as np

    if not shutil.which("ffmpeg"):
        return None
    proc = subprocess.run(["ffmpeg", "-v", "error", "-i", str(p), "-frames:v", "1", "-f",
                           "image2pipe", "-c:v", "png", "-"], capture_output=True, check=False)
    if proc.returncode != 0 or not proc.stdout:
        return None
    return cv2.imdecode(np.frombuffer(proc.stdout, np.uint8), cv2.IMREAD_UNCHANGED)


@dataclass(frozen=True)
class Stream:
    """One stream of a media file."""

    kind: str
    codec: str
    duration: float | None = None
    width: int | None = None
    height: int | None = None
    sample_rate: int | None = None
    frame_rate: float | None = None


@dataclass(frozen=True)
class Video:
    """A probed media file (typically mp4).

    Attributes:
        path: The file.
        duration: Container duration in seconds.
        streams: Its streams.
    """

    path: Path
    duration: float
    streams: tuple[Stream, ...] = field(default_factory=tuple)

    def stream(self, kind: str) -> Stream | None:
        """The first stream of ``kind`` (video, audio), or None."""
        return next((s for s in self.streams if s.kind == kind), None)

    @property
    def has_video(self) -> bool:
        """Whether it holds a video stream."""
        return self.stream("video") is not None

    @property
    def has_audio(self) -> bool:
        """Whether it holds an audio stream."""
        return self.stream("audio") is not None

    @classmethod
    def probe(cls, path: str | os.PathLike[str]) -> Video:
        """Read streams and duration with ffprobe.

        Raises:
            ToolInputError: Missing or unreadable media file.
            BackendUnavailable: ffprobe is not installed.
        """
        p = Path(path)
        if not p.exists():
            raise ToolInputError(f"{path}: file not found")
        if not shutil.which("ffprobe"):
            raise BackendUnavailable("ffprobe is missing (sudo apt-get install ffmpeg)")
        proc = subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries",
             ("format=duration:stream=codec_type,codec_name,duration,width,height,sample_rate,"
              "avg_frame_rate"), "-of", "json", str(p)],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            raise ToolInputError(f"{path}: not a readable media file ({proc.stderr.strip()[:120]})")
        info: dict[str, Any] = json.loads(proc.stdout or "{}")
        streams = tuple(_stream(s) for s in info.get("streams", []))
        dur = _float(info.get("format", {}).get("duration"))
        if dur is None:
            dur = max((s.duration or 0.0 for s in streams), default=0.0)
        return cls(p, float(dur), streams)


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _stream(s: dict[str, Any]) -> Stream:
    rate = None
    fr = s.get("avg_frame_rate")
    if isinstance(fr, str) and "/" in fr:
        num, den = fr.split("/", 1)
        rate = float(num) / float(den) if float(den or 0) else None
    return Stream(
        kind=str(s.get("codec_type", "")), codec=str(s.get("codec_name", "")),
        duration=_float(s.get("duration")), width=s.get("width"), height=s.get("height"),
        sample_rate=int(s["sample_rate"]) if s.get("sample_rate") else None, frame_rate=rate,
    )
