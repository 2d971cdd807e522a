"""Voice tools: enhancement SI-SDR gains, separation SI-SDRi, voice clone F0 error and
round-trip WER, voice conversion F0 error, RTF, peak memory and CLI overhead; the diary:
time to the first audio of a 6-sentence entry read sentence by sentence vs the whole file,
and `voices add` on about a minute of one speaker's speech."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
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
            "formant_warp": rec.data.get("formant_warp"), "rtf": round(secs / audio.duration, 3)}
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


LJ = [f"speech_en/ljspeech/LJ001-000{i}.wav" for i in range(1, 9)]
DIARY = ("Today I walked by the sea with my sister before breakfast. The wind was cold, and the "
         "gulls were loud. I bought a coffee at the little shop near the harbour. It tasted of "
         "smoke and sugar. Later, I read two chapters of my book on a bench. Tomorrow I will "
         "call my mother and tell her about the boats.")


def minute_of_speech(dest: Path) -> float:
    """One file of ~60 s of LJ Speech: her 8 shared recordings (50.3 s) + the first again."""
    import numpy as np

    from audiogpt.core.audio import Audio

    parts = [Audio.from_file(EVAL / rel) for rel in [*LJ, LJ[0]]]
    gap = np.zeros(int(0.3 * parts[0].sample_rate), np.float32)
    joined = np.concatenate([x for a in parts for x in (a.mono, gap)])
    out = Audio(joined[None, :].astype(np.float32), parts[0].sample_rate)
    out.to_file(dest)
    return out.duration


def enrollment_minute() -> dict[str, Any]:
    """``audiogpt voices add`` on ~60 s (one file) through the CLI, and its ASR share."""
    from audiogpt.agent.voices import transcriber
    from audiogpt.app import App

    folder = Path(tempfile.mkdtemp(prefix="audiogpt-bench-enroll-"))
    wav = folder / "lj_minute.wav"
    seconds = minute_of_speech(wav)
    out, secs, rc = cli("voices", "add", "bench_minute", "--from", wav, "--consent", "--json")
    app = App()
    _, asr = timed(lambda: transcriber(app.registry, app.settings)(wav))
    cli("voices", "remove", "bench_minute", "--json")
    return {"audio_s": round(seconds, 1), "speech_s": (out or {}).get("speech_seconds"),
            "voices_add_wall_s": round(secs, 1), "rc": rc,
            "asr_alone_s": round(asr, 1), "asr_backend": _asr_backend(app)}


def _asr_backend(app: Any) -> str:
    return app.registry.select("speech_recognition", None, app.settings).name


def _playback(pieces: list[Any], pauses: list[float]) -> float:
    """Seconds a listener waits in the middle (a piece not ready when the last one ends)."""
    stall, end = 0.0, None
    for piece, pause in zip(pieces, pauses):
        due = piece.ready_s if end is None else end + pause
        stall += max(0.0, piece.ready_s - due)
        end = max(due, piece.ready_s) + piece.audio.duration
    return stall


def diary_stream() -> dict[str, Any]:
    """Time to the first audio vs to the whole file (run in a fresh process: the first call
    pays for loading the voices and models, the second is a warm server)."""
    from audiogpt.agent.voices import add_voice
    from audiogpt.app import App
    from audiogpt.interfaces.speech_stream import SentenceStream

    app = App()
    add_voice(app.registry, app.settings, "bench_lj", [EVAL / rel for rel in LJ[:4]],
              consent=True)
    out: dict[str, Any] = {}
    for tool, args in (("text_to_speech", {"text": DIARY}),
                       ("voice_clone", {"text": DIARY, "reference": "bench_lj"})):
        for call in ("first_call", "warm", "warm2"):
            stream = SentenceStream(app, tool, args, session="bench-stream")
            pieces = list(stream)
            out[f"{tool}_{call}"] = {
                "first_audio_s": round(pieces[0].ready_s, 2),
                "whole_file_s": round(stream.record.seconds, 2),
                "stall_s": round(_playback(pieces, stream.pauses), 2),
                "pieces": len(pieces), "audio_s": round(sum(p.audio.duration for p in pieces), 1)}
        _, whole = timed(lambda tool=tool, args=args: app.run_tool(tool, args))
        out[f"{tool}_unstreamed_warm_s"] = round(whole, 2)  # the previous default
    return out


def _diary_stream_in_child() -> dict[str, Any]:
    code = "import json; from benchmarks.bench_voice import diary_stream; " \
           "print(json.dumps(diary_stream()))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1])
    if proc.returncode:
        return {"error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> dict[str, Any]:
    """Run the voice benchmarks (a few minutes on 2 cores)."""
    from audiogpt.app import App

    app = App()
    start = time.perf_counter()
    result: dict[str, Any] = {"diary_stream": _diary_stream_in_child(),
                              "enrollment_minute": enrollment_minute()}
    result["diary_s"] = round(time.perf_counter() - start, 1)
    result.update({"speech_enhancement": _enhancement(app),
                   "speech_separation": _separation(), **_voice(app)})
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
