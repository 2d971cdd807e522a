"""Backend ``kemar`` of mono_to_binaural: measured MIT KEMAR HRIRs shipped by Debian.

Debian's ``libmysofa1`` installs the MIT KEMAR (normal pinna) HRTF set, 710 directions
measured at 44.1 kHz (Gardner & Martin 1994), as a SOFA file. Fixed directions are rendered
with the HRIR pair of the nearest measured direction; moving sources by 50%-overlapping Hann
blocks, each with the nearest measured direction at its centre time (the window overlap
cross-fades between neighbouring HRIRs). ``--hrtf FILE.sofa`` replaces the set.
"""

from __future__ import annotations

import logging
from pathlib import Path

from audiogpt.backends.base import Backend, Request, file, module
from audiogpt.core.results import ToolResult

logger = logging.getLogger(__name__)

KEMAR_SOFA = "/usr/share/libmysofa/MIT_KEMAR_normal_pinna.sofa"
KEMAR_SHA256 = "2768ac841213a7ae11d1ea7fd0f25a69b39216102dc5dd913ea6ba0f0dc57e28"


class KemarBinaural(Backend):
    """Nearest-direction convolution with the measured MIT KEMAR HRIRs (offline default)."""

    name = "kemar"
    tool = "mono_to_binaural"
    summary = "measured MIT KEMAR HRIRs (Debian libmysofa1)"
    requires = (module("scipy", "core"), module("h5py", "core"),
                file(KEMAR_SOFA, "sudo apt-get install libmysofa1"))
    priority = 20

    @classmethod
    def extra_check(cls) -> str | None:
        """Unavailable when the installed SOFA file is not the pinned one."""
        from audiogpt.backends.pinned import sha256_of

        path = Path(KEMAR_SOFA)
        if path.is_file() and sha256_of(path) != KEMAR_SHA256:
            return (f"{KEMAR_SOFA} fails its sha256 check "
                    "(sudo apt-get install --reinstall libmysofa1)")
        return None

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.sound.binaural.spherical import render_request

        return render_request(req, default_sofa=Path(KEMAR_SOFA))
