"""A short demo that runs real tools on a generated signal (``python -m audiogpt.demo``)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)


def main() -> None:
    """Generate a tone, edit it with audio_edit, and show where the results are stored."""
    import numpy as np
    from rich.console import Console

    from audiogpt.app import App
    from audiogpt.core.audio import Audio

    con = Console()
    app = App()
    sr = 22050
    t = np.arange(int(3 * sr)) / sr
    tone = Audio(0.3 * np.sin(2 * np.pi * 440 * t) * np.exp(-t), sr)
    with tempfile.TemporaryDirectory() as td:
        src = tone.to_file(Path(td) / "tone.wav")
        steps = [("trim", {"start": 0.5, "end": 2.0}), ("normalize", {"target_lufs": -16}),
                 ("fade", {"fade_out": 0.5}), ("speed", {"speed": 1.5})]
        current = str(src)
        for op, extra in steps:
            rec = app.run_tool("audio_edit", {"audio": current, "operation": op, **extra},
                               session="demo")
            art = rec.artifacts[0]
            con.print(f"[bold]{op}[/] -> {art.id} {art.path} ({rec.text})")
            current = art.id
    con.print(f"Workspace: {app.settings.home}")


if __name__ == "__main__":
    main()
