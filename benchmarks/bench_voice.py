"""Voice tools: enhancement SI-SDR gains, separation SI-SDRi, voice clone F0 error and
round-trip WER, voice conversion F0 error, RTF, peak memory and CLI overhead."""

from __future__ import annotations

from typing import Any

from benchmarks.common import EVAL, child_peak_rss_mb, cli, peak_rss_mb, timed

TEXT = "Please read my diary entry for today in my own voice."
REFS = {"male_aew": "speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav",
        "female_lj": "speech_en/ljspeech/LJ001-0001.wav"}


def _enhancement(app: Any) -> dict[str, Any]:
    from audiogpt.backends.speech.enhancement.rnnoise import enhance, rnnoise
    from audiogpt.core.audio import Audio
    from audiogpt.eval.metrics import lag_samples, si_sdr_improvement

    out: dict[str, Any] = {}
    for name in ("noisy_speech_dishes_5db", "noisy_speech_white_0db"):
        noisy = Audio.from_file(EVAL / "mixtures" / f"{name}.wav")
        clean = Audio.from_file(EVAL / "mixtures" / f"{name}_clean.wav").mono
        rn, _ = rnnoise(noisy.mono, noisy.sample_rate)
        (enh, _), secs = timed(lambda noisy=noisy: enhance(noisy))
        out[name] = {
            "si_sdr_gain_rnnoise_db": round(si_sdr_improvement(rn, clean, noisy.mono), 2),
            "si_sdr_gain_db": round(si_sdr_improvement(enh.mono, clean, noisy.mono), 2),
            "lag_samples": lag_samples(enh.mono, clean, 800),
            "rtf": round(secs / noisy.duration, 4)}
    return out


def _separation() -> dict[str, Any]:
    from audiogpt.backends.speech.separation.pitch import separate
    from audiogpt.core.audio import Audio
    from audiogpt.eval.metrics import best_permutation_si_sdri

    mix = Audio.from_file(EVAL / "mixtures" / "two_speakers_mix.wav")
    refs = [Audio.from_file(EVAL / "mixtures" / f"two_speakers_ref_{s}.wav").mono
            for s in ("aew", "axb")]
    (outs, _), secs = timed(lambda: separate(mix.mono, mix.sample_rate, 2))
    gain, _ = best_permutation_si_sdri(outs, refs, mix.mono)
    return {"si_sdri_db": round(gain, 2), "rtf": round(secs / mix.duration, 3)}


def _voice(app: Any) -> dict[str, Any]:
    from audiogpt.backends.speech.recognition.pocketsphinx import transcribe
    from audiogpt.core.audio import Audio
    from audiogpt.eval.metrics import median_f0, semitones
    from audiogpt.eval.wer import wer

    out: dict[str, Any] = {}
    for key, rel in REFS.items():
        ref = Audio.from_file(EVAL / rel)
        rec, secs = timed(lambda rel=rel: app.run_tool(
            "voice_clone", {"text": TEXT, "reference": str(EVAL / rel)}))
        audio = Audio.from_file(rec.artifacts[0].path)
        hyp = transcribe(audio.resampled(16000))["text"]
        out[f"clone_{key}"] = {
            "f0_error_semitones": round(semitones(median_f0(audio), median_f0(ref)), 2),
            "wer": round(wer(TEXT, hyp), 3), "base_voice": rec.data["base_voice"],
            "formant_warp": rec.data["formant_warp"], "rtf": round(secs / audio.duration, 3)}
    src = EVAL / REFS["male_aew"]
    tgt = EVAL / "speech_en" / "ljspeech" / "LJ001-0002.wav"
    rec, secs = timed(lambda: app.run_tool("voice_conversion",
                                           {"audio": str(src), "reference": str(tgt)}))
    conv = Audio.from_file(rec.artifacts[0].path)
    out["conversion_male_to_female"] = {
        "f0_error_semitones": round(semitones(median_f0(conv), median_f0(Audio.from_file(tgt))),
                                    2),
        "wer_vs_prompt": round(wer("Author of the danger trail, Philip Steels, etc.",
                                   transcribe(conv.resampled(16000))["text"]), 3),
        "rtf": round(secs / conv.duration, 3)}
    return out


def main() -> dict[str, Any]:
    """Run the voice benchmarks (about a minute on 2 cores)."""
    from audiogpt.app import App

    app = App()
    result: dict[str, Any] = {"speech_enhancement": _enhancement(app),
                              "speech_separation": _separation(), **_voice(app)}
    noisy = EVAL / "mixtures" / "noisy_speech_white_0db.wav"
    _, direct = timed(lambda: app.run_tool("speech_enhancement", {"audio": str(noisy)}))
    _, secs, rc = cli("run", "speech_enhancement", "--audio", noisy, "--json")
    result["cli_enhancement_s"] = round(secs, 3)
    result["engine_enhancement_s"] = round(direct, 3)
    result["cli_overhead_s"] = round(secs - direct, 3)
    result["cli_rc"] = rc
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    result["cli_child_peak_rss_mb"] = round(child_peak_rss_mb(), 1)
    return result
