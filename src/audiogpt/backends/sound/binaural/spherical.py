"""Backend of mono_to_binaural: Brown-Duda spherical head, or measured HRIRs from a SOFA file.

``render_request`` is shared with the ``kemar`` backend (``binaural_kemar.py``): a SOFA file
given with ``--hrtf`` is used by whichever backend runs (``data.method`` = ``sofa_hrir``);
otherwise each backend uses its own default (the model here, the KEMAR set there).
"""

from __future__ import annotations

import logging
from pathlib import Path

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

#: Text phrase per ``data.method``.
METHOD_TEXT = {"sofa_hrir": "measured HRIRs from the given SOFA file",
               "kemar_hrir": "measured MIT KEMAR HRIRs",
               "spherical_head": "a spherical-head model"}
MOVING_NOTE = ("Hann blocks of 1024 samples, 50% overlap (cross-fade); each block uses the "
               "nearest measured direction at its centre time")


def render_request(req: Request, default_sofa: Path | None = None) -> ToolResult:
    """Render one mono_to_binaural request.

    Args:
        req: The request (``audio``, ``azimuth``, ``elevation``, ``trajectory``, ``hrtf``).
        default_sofa: HRIR set used when ``--hrtf`` is not given (``data.method`` =
            ``kemar_hrir``); None means the spherical-head model.

    Returns:
        The 2-channel result; ``data.method`` says which HRIRs were used.

    Raises:
        ToolInputError: ``--hrtf`` is not a valid SOFA HRIR file.
    """
    import numpy as np

    from audiogpt.backends.sound.binaural.dsp import (
        render_fixed,
        render_moving,
        spherical_head_hrir,
        theoretical_itd,
    )
    from audiogpt.backends.sound.binaural.trajectory import parse_trajectory
    from audiogpt.core.audio import Audio, fit_peak

    args = req.args
    src = req.audio("audio")
    sr = src.sample_rate
    mono = src.mono.astype(np.float64)
    data: dict[str, object] = {"sample_rate": sr, "input_channels": src.channels}
    sofa_path = req.files["hrtf"] if req.has("hrtf") else default_sofa
    sofa = None
    if sofa_path is not None:
        from audiogpt.backends.sound.binaural.sofa import load_sofa

        sofa = load_sofa(sofa_path, sr)

        def hrir_fn(az: float, el: float) -> np.ndarray:
            return sofa.hrir(az, el)

        data.update(method="sofa_hrir" if req.has("hrtf") else "kemar_hrir",
                    hrtf=sofa.meta, hrtf_file=str(sofa_path), hrtf_sample_rate=sofa.source_rate)
    else:
        def hrir_fn(az: float, el: float) -> np.ndarray:
            return spherical_head_hrir(az, el, sr)

        data.update(method="spherical_head", head_radius_m=0.0875)
    if args.trajectory:
        keys = parse_trajectory(args.trajectory)
        out = render_moving(mono, sr, keys, hrir_fn)
        data["trajectory"] = [{"time": t, "azimuth": a, "elevation": e} for t, a, e in keys]
        if sofa is not None:
            data["moving_source"] = MOVING_NOTE
        where = f"moving along {len(keys)} keyframes"
    else:
        az, el = float(args.azimuth), float(args.elevation)
        out = render_fixed(mono, hrir_fn(az, el))
        data.update(azimuth=az, elevation=el,
                    theoretical_itd_ms=round(1000 * theoretical_itd(az, el), 4))
        if sofa is not None:
            maz, mel = sofa.measured_direction(sofa.nearest(az, el))
            data["measured_direction"] = {"azimuth": round(maz, 2), "elevation": round(mel, 2)}
        where = f"at azimuth {az:g}°, elevation {el:g}°"
    out, gain = fit_peak(out)
    if gain < 1.0:  # the level change is reported
        data["normalized_gain_db"] = round(20 * np.log10(gain), 2)
    return ToolResult(outputs=[Output("audio", Audio(out.astype(np.float32), sr), "binaural")],
                      text=f"Binaural audio {where} using {METHOD_TEXT[data['method']]}.",
                      data=data)


class SphericalHeadBinaural(Backend):
    """Spherical-head model; SOFA HRIR convolution when ``hrtf`` is given."""

    name = "spherical_head"
    tool = "mono_to_binaural"
    summary = ("Brown & Duda spherical-head model (Woodworth ITD, head-shadow filter); "
               "nearest-direction HRIR convolution with --hrtf FILE.sofa (h5py)")
    requires = (module("scipy", "core"), module("h5py", "core"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        return render_request(req)
