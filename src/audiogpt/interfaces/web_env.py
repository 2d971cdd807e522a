"""The web UI's process environment: offline Gradio, and where it keeps uploads."""

from __future__ import annotations

import os
from pathlib import Path

_USER_UPLOADS = "GRADIO_TEMP_DIR" in os.environ  # set by the user: respected


def offline_env(uploads: Path | None = None) -> None:
    """No telemetry or hub calls; with ``uploads``, Gradio keeps uploads and recordings in
    that private folder (mode 0700) instead of the machine's shared /tmp/gradio."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    if uploads is not None and not _USER_UPLOADS:
        uploads.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ["GRADIO_TEMP_DIR"] = str(uploads)
