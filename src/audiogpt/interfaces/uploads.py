"""Uploaded files: saved to a temporary folder under a safe name, size-limited and validated.

The runner copies accepted files into the artifact store; the temporary folder is removed
after the request.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from audiogpt.core.errors import ToolInputError

logger = logging.getLogger(__name__)

_CHUNK = 1 << 20
_AUDIO_EXT = {".wav", ".flac", ".ogg", ".oga", ".mp3", ".aiff", ".aif", ".m4a", ".webm", ".opus",
              ".aac", ".au"}
_IMAGE_EXT = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"}


class UploadTooLarge(ToolInputError):
    """An upload is over ``max_upload_mb`` (HTTP 413)."""

    kind = "too_large"


def safe_filename(name: str | None, index: int) -> str:
    """A file name without any folder part, limited to letters, digits, ``._-``."""
    base = Path(str(name or "")).name
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_")[:40] or f"upload{index}"
    ext = re.sub(r"[^A-Za-z0-9]+", "", ext)[:8].lower()
    return f"{index:02d}-{stem}" + (f".{ext}" if ext else "")


async def save_upload(upload: Any, folder: Path, index: int, limit_bytes: int) -> Path:
    """Copy a Starlette ``UploadFile`` into ``folder`` and return its path.

    Raises:
        UploadTooLarge: The file is bigger than ``limit_bytes``.
        ToolInputError: The file is empty.
    """
    dest = folder / safe_filename(getattr(upload, "filename", None), index)
    size = 0
    with dest.open("wb") as fh:
        while True:
            chunk = await upload.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit_bytes:
                raise UploadTooLarge(
                    f"{upload.filename or dest.name}: upload is over the limit of "
                    f"{limit_bytes / 2**20:g} MiB (AUDIOGPT_MAX_UPLOAD_MB)"
                )
            fh.write(chunk)
    if size == 0:
        raise ToolInputError(f"{upload.filename or dest.name}: uploaded file is empty")
    return dest


def validate_file(path: Path, kind: str, label: str) -> None:
    """Check that an uploaded file is what the argument expects (runs in a worker).

    Args:
        path: The saved upload.
        kind: ``audio``, ``image`` or ``any`` (the argument's file kind).
        label: Name used in the error message.

    Raises:
        ToolInputError: The file is not a readable audio file / image.
    """
    if kind == "audio":
        _check_audio(path, label)
    elif kind == "image":
        _check_image(path, label)


def _check_audio(path: Path, label: str) -> None:
    """Decode the whole file: a truncated file, NaN samples or undecodable bytes are refused
    here, before anything is imported into the store."""
    from audiogpt.core.audio import looks_like_text

    if looks_like_text(path):
        raise ToolInputError(f"{label}: not an audio file (it looks like text)")
    from audiogpt.core.audio import Audio

    try:
        Audio.from_file(path)
    except ToolInputError as exc:
        raise ToolInputError(f"{label}: {exc.message.split(': ', 1)[-1]}") from None


def _check_image(path: Path, label: str) -> None:
    try:
        from PIL import Image

        with Image.open(path) as img:
            img.verify()
    except Exception:
        raise ToolInputError(f"{label}: not a readable image file") from None


def kind_for_extension(path: Path) -> str:
    """``audio``, ``image`` or ``any`` from a file extension (for chat attachments)."""
    ext = path.suffix.lower()
    if ext in _AUDIO_EXT:
        return "audio"
    if ext in _IMAGE_EXT:
        return "image"
    return "any"
