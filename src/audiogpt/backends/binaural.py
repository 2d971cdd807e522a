"""Backend of mono_to_binaural: Brown-Duda spherical head, or measured HRIRs from a SOFA file."""

from __future__ import annotations

import logging

from audiogpt.backends.base import Backend, Request, module
from audiogpt.tools.base import Output, ToolResult

logger = logging.getLogger(__name__)


class SphericalHeadBinaural(Backend):
    """Spherical-head model (offline default); SOFA HRIR convolution when ``hrtf`` is given."""

    name = "spherical_head"
    tool = "mono_to_binaural"
    summary = ("Brown & Duda spherical-head model (Woodworth ITD, head-shadow filter); "
               "nearest-direction HRIR convolution with --hrtf FILE.sofa (h5py)")
    requires = (module("scipy", "core"), module("h5py", "core"))
    priority = 10

    def run(self, req: Request) -> ToolResult:  # noqa: D102
        import numpy as np

        from audiogpt.audio import Audio
        from audiogpt.backends.binaural_dsp import (
            render_fixed, render_moving, spherical_head_hrir, theoretical_itd)
        from audiogpt.tools.mono_to_binaural import parse_trajectory

        args = req.args
        src = req.audio("audio")
        sr = src.sample_rate
        mono = src.mono.astype(np.float64)
        data: dict[str, object] = {"sample_rate": sr, "input_channels": src.channels}
        if req.has("hrtf"):
            from audiogpt.backends.binaural_sofa import SofaHRIR

            sofa = SofaHRIR(req.files["hrtf"], sr)

            def hrir_fn(az: float, el: float) -> np.ndarray:
                return sofa.hrir(az, el)

            data.update(method="sofa_hrir", hrtf=sofa.meta, hrtf_sample_rate=sofa.source_rate)
        else:
            def hrir_fn(az: float, el: float) -> np.ndarray:
                return spherical_head_hrir(az, el, sr)

            data.update(method="spherical_head", head_radius_m=0.0875)
        if args.trajectory:
            keys = parse_trajectory(args.trajectory)
            out = render_moving(mono, sr, keys, hrir_fn)
            data["trajectory"] = [{"time": t, "azimuth": a, "elevation": e} for t, a, e in keys]
            where = f"moving along {len(keys)} keyframes"
        else:
            az, el = float(args.azimuth), float(args.elevation)
            out = render_fixed(mono, hrir_fn(az, el))
            data.update(azimuth=az, elevation=el,
                        theoretical_itd_ms=round(1000 * theoretical_itd(az, el), 4))
            if data["method"] == "sofa_hrir":
                maz, mel = sofa.measured_direction(sofa.nearest(az, el))
                data["measured_direction"] = {"azimuth": round(maz, 2), "elevation": round(mel, 2)}
            where = f"at azimuth {az:g}°, elevation {el:g}°"
        peak = float(np.abs(out).max())
        if peak > 0.999:  # keep the 16-bit output from clipping; the level change is reported
            out *= 0.999 / peak
            data["normalized_gain_db"] = round(20 * np.log10(0.999 / peak), 2)
        method = "measured HRIRs" if data["method"] == "sofa_hrir" else "a spherical-head model"
        return ToolResult(outputs=[Output("audio", Audio(out.astype(np.float32), sr), "binaural")],
                          text=f"Binaural audio {where} using {method}.", data=data)
