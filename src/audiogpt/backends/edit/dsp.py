"""DSP backend of audio_edit: numpy/soxr for sample-exact edits, pedalboard (Rubber Band) for
pitch-preserving speed change, pyloudnorm for EBU R128 loudness; the effects (pitch shift,
reverb, echo, EQ, filters, dynamics, voice presets) live in :mod:`.effects`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from audiogpt.backends.base import Backend, Request, module
from audiogpt.backends.edit.effects import EFFECTS, apply_effect
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio
    from audiogpt.tools.audio_edit import AudioEditArgs

logger = logging.getLogger(__name__)


def _match(a: Audio, b: Audio) -> tuple[Audio, Audio]:
    """Bring ``b`` to ``a``'s rate and both to the larger channel count."""
    b = b.resampled(a.sample_rate)
    ch = max(a.channels, b.channels)
    return a.with_channels(ch), b.with_channels(ch)


def loudness_lufs(audio: Audio) -> float:
    """Integrated loudness (ITU-R BS.1770 / EBU R128) in LUFS; -inf for silence."""
    import pyloudnorm

    meter = pyloudnorm.Meter(audio.sample_rate)
    data = audio.samples.T.astype("float64")
    if audio.duration < 0.4:  # the meter needs one 400 ms block
        import numpy as np

        data = np.pad(data, ((0, int(0.4 * audio.sample_rate) - audio.frames + 1), (0, 0)))
    return float(meter.integrated_loudness(data))


class DSPEdit(Backend):
    """Sample-exact editing with numpy, soxr, pedalboard and pyloudnorm."""

    name = "dsp"
    tool = "audio_edit"
    summary = ("numpy/soxr editing, Rubber Band time-stretch and pitch shift, pedalboard effects, "
               "EBU R128 loudness")
    requires = (module("pedalboard", "core"), module("pyloudnorm", "core"), module("soxr", "core"),
                module("scipy", "core"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        import numpy as np

        from audiogpt.core.audio import Audio

        args: AudioEditArgs = req.args  # type: ignore[assignment]
        audio = req.audio("audio")
        op = args.operation
        data: dict[str, object] = {"operation": op}
        ext = ".wav"
        if op in ("trim", "cut"):
            start = args.start or 0.0
            end = audio.duration if args.end is None else args.end
            eps = 0.5 / audio.sample_rate
            if start >= audio.duration:
                raise ToolInputError(
                    f"audio_edit: --start {start:g} s is past the end of the audio "
                    f"({audio.duration:.3f} s)"
                )
            if end > audio.duration + eps:
                raise ToolInputError(
                    f"audio_edit: --end {end:g} s is past the end of the audio "
                    f"({audio.duration:.3f} s)"
                )
            if end <= start:
                raise ToolInputError(f"audio_edit: --end ({end:g}) must be greater than --start")
            if op == "trim":
                out = audio.slice(start, end)
            else:  # cut: remove [start, end], join the rest sample-exactly
                a, b = int(round(start * audio.sample_rate)), int(round(end * audio.sample_rate))
                out = Audio(np.concatenate([audio.samples[:, :a], audio.samples[:, b:]], axis=1),
                            audio.sample_rate)
        elif op in ("concat", "mix"):
            a, b = _match(audio, req.audio("audio2"))
            if op == "concat":
                out = Audio(np.concatenate([a.samples, b.samples], axis=1), a.sample_rate)
            else:
                gain = 10 ** ((args.gain_db or 0.0) / 20)
                n = max(a.frames, b.frames)
                mixed = np.zeros((a.channels, n), np.float32)
                mixed[:, : a.frames] += a.samples
                mixed[:, : b.frames] += gain * b.samples
                out = Audio(mixed, a.sample_rate)
        elif op == "gain":
            out = Audio(audio.samples * np.float32(10 ** (args.gain_db / 20)), audio.sample_rate)
            data["gain_db"] = args.gain_db
        elif op == "normalize":
            before = loudness_lufs(audio)
            if not np.isfinite(before):
                raise ToolInputError("audio_edit: cannot loudness-normalize silent audio")
            gain = 10 ** ((args.target_lufs - before) / 20)
            out = Audio(audio.samples * np.float32(gain), audio.sample_rate)
            peak = float(np.abs(out.samples).max())
            data.update(loudness_before_lufs=round(before, 2), target_lufs=args.target_lufs,
                        gain_db=round(20 * np.log10(gain), 2), peak=round(peak, 4))
            if peak > 1.0:
                data["warning"] = "peak exceeds full scale after normalization; it will clip"
        elif op == "fade":
            out_s = audio.samples.copy()
            n_in = min(audio.frames, int(round((args.fade_in or 0) * audio.sample_rate)))
            n_out = min(audio.frames, int(round((args.fade_out or 0) * audio.sample_rate)))
            if n_in:
                out_s[:, :n_in] *= np.linspace(0, 1, n_in, dtype=np.float32) ** 2
            if n_out:
                out_s[:, audio.frames - n_out:] *= np.linspace(1, 0, n_out, dtype=np.float32) ** 2
            out = Audio(out_s, audio.sample_rate)
        elif op == "speed":
            import pedalboard

            stretched = pedalboard.time_stretch(
                audio.samples, float(audio.sample_rate), stretch_factor=float(args.speed),
            )
            out = Audio(stretched, audio.sample_rate)
            data["speed"] = args.speed
        elif op == "reverse":
            out = Audio(audio.samples[:, ::-1], audio.sample_rate)
        elif op == "convert":
            out = audio
            if args.sample_rate:
                out = out.resampled(args.sample_rate)
            if args.channels:
                out = out.with_channels(args.channels)
            if args.format:
                ext = "." + args.format
        elif op in EFFECTS:
            out, params = apply_effect(audio, args)
            data.update(params)
        else:  # pragma: no cover - guarded by the schema
            raise ToolInputError(f"audio_edit: unknown operation {op}")
        data.update(duration=round(out.duration, 6), sample_rate=out.sample_rate,
                    channels=out.channels)
        return ToolResult(
            outputs=[Output("audio", out, f"edit_{op}", ext=ext)],
            text=f"{op}: {out.duration:.3f} s, {out.sample_rate} Hz, {out.channels} ch",
            data=data,
        )
