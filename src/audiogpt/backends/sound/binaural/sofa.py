"""Measured HRIRs from a SOFA file (AES69; netCDF4 = HDF5, read with h5py).

Supports the FIR conventions (SimpleFreeFieldHRIR, GeneralFIR, ...): ``Data.IR`` shaped
(M measurements, 2 receivers, N taps), ``SourcePosition`` in spherical (degrees) or
cartesian coordinates, ``Data.SamplingRate`` and optional ``Data.Delay``. SOFA azimuths
run counter-clockwise (+90 = left); this module converts to our convention (+90 = right).
The nearest measured direction (great-circle) is used; HRIRs are resampled to the audio rate.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import TYPE_CHECKING

from audiogpt.core.errors import ToolInputError

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)


def _bad(path: Path, why: str) -> ToolInputError:
    return ToolInputError(f"mono_to_binaural: {path.name} is not a valid SOFA HRIR file ({why})")


class SofaHRIR:
    """HRIR set of one SOFA file, resampled to a target rate.

    Attributes:
        directions: (M, 3) unit vectors (front, right, up) of the measurements.
        irs: (M, 2, taps) HRIRs, row 0 left ear, row 1 right ear.
        sample_rate: Rate of ``irs``.
        source_rate: Rate stored in the file.
        meta: A few descriptive attributes (database, listener, conventions).
    """

    def __init__(self, path: str | Path, sample_rate: int) -> None:
        """Read and check the file.

        Raises:
            ToolInputError: Not HDF5, not a SOFA FIR file, or malformed dimensions.
        """
        import numpy as np

        path = Path(path)
        try:
            import h5py

            fh = h5py.File(path, "r")
        except OSError:
            raise _bad(path, "not a netCDF4/HDF5 file") from None
        with fh:
            attrs = {k: _text(v) for k, v in fh.attrs.items()}
            if attrs.get("Conventions", "SOFA") != "SOFA" and "SOFAConventions" not in attrs:
                raise _bad(path, "no SOFA conventions attribute")
            for key in ("Data.IR", "SourcePosition", "Data.SamplingRate"):
                if key not in fh:
                    raise _bad(path, f"missing {key}")
            ir = np.asarray(fh["Data.IR"], dtype=np.float64)
            pos = np.asarray(fh["SourcePosition"], dtype=np.float64)
            pos_type = _text(fh["SourcePosition"].attrs.get("Type", "spherical")).lower()
            rate = float(np.asarray(fh["Data.SamplingRate"]).ravel()[0])
            delay = np.asarray(fh["Data.Delay"]) if "Data.Delay" in fh else None
            receivers = (np.asarray(fh["ReceiverPosition"], dtype=np.float64)
                         if "ReceiverPosition" in fh else None)
        if ir.ndim != 3 or ir.shape[1] != 2 or ir.shape[2] < 8:
            raise _bad(path, f"Data.IR has shape {ir.shape}, expected (M, 2, N)")
        if pos.ndim != 2 or pos.shape[1] != 3 or pos.shape[0] not in (1, ir.shape[0]):
            raise _bad(path, f"SourcePosition has shape {pos.shape}")
        if not np.isfinite(ir).all() or not 1000 <= rate <= 768000:
            raise _bad(path, "non-finite impulse responses or absurd sampling rate")
        if pos.shape[0] == 1:
            pos = np.repeat(pos, ir.shape[0], axis=0)
        # Receiver 0 must be the left ear (SOFA: +y is the listener's left).
        if receivers is not None and receivers.reshape(2, -1)[:, :3].shape == (2, 3):
            y = receivers.reshape(2, -1)[:, 1]
            if y[0] < y[1]:
                ir = ir[:, ::-1, :]
        if delay is not None and np.any(delay):
            d = np.broadcast_to(np.round(delay).astype(int).reshape(-1, 2), (ir.shape[0], 2))
            pad = int(d.max())
            shifted = np.zeros((ir.shape[0], 2, ir.shape[2] + pad))
            for m in range(ir.shape[0]):
                for r in range(2):
                    shifted[m, r, d[m, r]: d[m, r] + ir.shape[2]] = ir[m, r]
            ir = shifted
        if "cartesian" in pos_type:
            x, yy, z = pos[:, 0], pos[:, 1], pos[:, 2]
            norm = np.sqrt(x * x + yy * yy + z * z) + 1e-12
            vec = np.stack([x / norm, -yy / norm, z / norm], axis=1)
        else:
            az, el = np.radians(pos[:, 0]), np.radians(pos[:, 1])
            # SOFA azimuth is counter-clockwise (left); ours is clockwise (right).
            vec = np.stack([np.cos(el) * np.cos(az), -np.cos(el) * np.sin(az), np.sin(el)], axis=1)
        self.directions = vec
        self.source_rate = round(rate)
        self.sample_rate = int(sample_rate)
        self.irs = _resample(ir, self.source_rate, self.sample_rate)
        self.meta = {k: attrs[k] for k in ("SOFAConventions", "DatabaseName", "ListenerShortName")
                     if k in attrs}
        self.meta["measurements"] = int(ir.shape[0])

    def nearest(self, azimuth: float, elevation: float) -> int:
        """Index of the measured direction closest to (azimuth, elevation) in degrees."""
        import numpy as np

        az, el = math.radians(azimuth), math.radians(elevation)
        v = np.array([math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)])
        return int(np.argmax(self.directions @ v))

    def measured_direction(self, index: int) -> tuple[float, float]:
        """(azimuth, elevation) in our convention of measurement ``index``."""
        x, y, z = self.directions[index]
        return math.degrees(math.atan2(y, x)), math.degrees(math.asin(max(-1.0, min(1.0, z))))

    def hrir(self, azimuth: float, elevation: float) -> np.ndarray:
        """HRIR pair (2, taps) of the nearest measured direction."""
        return self.irs[self.nearest(azimuth, elevation)]


def load_sofa(path: str | Path, sample_rate: int) -> SofaHRIR:
    """``SofaHRIR(path, sample_rate)``, cached per file (path, size, mtime) and rate.

    Raises:
        ToolInputError: Not a valid SOFA HRIR file.
    """
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        raise _bad(path, "cannot be read") from None
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns, int(sample_rate))
    if key not in _CACHE:
        if len(_CACHE) >= 8:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = SofaHRIR(path, sample_rate)
    return _CACHE[key]


_CACHE: dict[tuple[str, int, int, int], SofaHRIR] = {}


def _resample(ir: np.ndarray, src: int, dst: int) -> np.ndarray:
    if src == dst:
        return ir
    from math import gcd

    from scipy.signal import resample_poly

    g = gcd(src, dst)
    return resample_poly(ir, dst // g, src // g, axis=-1)


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    try:
        import numpy as np

        if isinstance(value, np.ndarray) and value.dtype.kind == "S":
            return b"".join(value.ravel().tolist()).decode("utf-8", "replace")
    except ImportError:  # pragma: no cover
        pass
    return str(value)
