"""WORLD-vocoder singing synthesis: spoken syllables re-timed and re-pitched to a score.

Method: every word of the lyrics is spoken by a TTS engine and analysed with WORLD
(:mod:`audiogpt.backends.generation.singing.voice`). For each syllable the unvoiced onset (consonant) is
kept short and placed at the note's start, the voiced nucleus is time-stretched (spectral
envelope and aperiodicity interpolated frame by frame) to fill the notes, and the unvoiced
coda closes it. The F0 contour is the score's notes with short glides between notes, a
delayed 5.5 Hz vibrato and a slow random drift of a few cents. ``AP`` becomes a breath
(aperiodic noise through an averaged vocal-tract envelope), ``SP``/``rest`` silence. The whole
line is resynthesised once with WORLD.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module, program
from audiogpt.backends.generation.singing.score import Score, Unit, parse_score
from audiogpt.backends.generation.singing.voice import (
    FRAME_PERIOD,
    FS,
    Syllable,
    pyworld,
    speak,
    word_syllables,
)
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

HOP = FRAME_PERIOD / 1000.0
VIBRATO_HZ = 5.5
VIBRATO_CENTS = 22.0
GLIDE_S = 0.05


def _stretch(syl: Syllable, n_frames: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fit a syllable into ``n_frames``: short onset, stretched nucleus, short coda.

    Returns:
        (voiced mask, log spectral envelope, aperiodicity) of ``n_frames`` frames.
    """
    import numpy as np

    on = min(syl.onset, int(0.10 / HOP), int(0.3 * n_frames))
    coda = min(syl.coda, int(0.06 / HOP), int(0.15 * n_frames))
    nuc_lo, nuc_hi = syl.onset, syl.frames - syl.coda
    if nuc_hi <= nuc_lo:
        nuc_lo, nuc_hi = 0, syl.frames
    n_nuc = max(1, n_frames - on - coda)
    length = nuc_hi - nuc_lo
    # keep the consonant-vowel transition at natural speed, stretch the rest of the vowel
    keep = min(length // 4, 6, n_nuc // 3)
    head = np.arange(keep, dtype=float)
    body = np.linspace(keep, length - 1, n_nuc - keep) if n_nuc > keep else np.zeros(0)
    pos_nuc = nuc_lo + np.concatenate([head, body])
    pos_on = np.arange(syl.onset - on, syl.onset, dtype=float)
    pos_coda = np.arange(nuc_hi, nuc_hi + coda, dtype=float)
    pos = np.concatenate([pos_on, pos_nuc, pos_coda])[:n_frames]
    if len(pos) < n_frames:
        pos = np.concatenate([pos, np.full(n_frames - len(pos), pos[-1] if len(pos) else 0.0)])
    pos = np.clip(pos, 0, syl.frames - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, syl.frames - 1)
    w = (pos - lo)[:, None]
    log_sp = np.log(syl.sp + 1e-16)
    sp = (1 - w) * log_sp[lo] + w * log_sp[hi]
    ap = (1 - w) * syl.ap[lo] + w * syl.ap[hi]
    voiced = np.zeros(n_frames, bool)
    voiced[len(pos_on):len(pos_on) + n_nuc] = True
    return voiced, sp, ap


def f0_contour(score: Score, n_frames: int, seed: int = 0) -> np.ndarray:
    """Target F0 in Hz per frame: notes, glides, delayed vibrato, drift (0 on rests)."""
    import numpy as np

    t = np.arange(n_frames) * HOP
    midi = np.full(n_frames, np.nan)
    vib_env = np.zeros(n_frames)
    for start, end, note in score.note_events():
        sel = (t >= start) & (t < end)
        if note is None:
            continue
        midi[sel] = note
        since = t[sel] - start
        vib_env[sel] = np.clip((since - 0.15) / 0.2, 0, 1) * np.clip((end - t[sel]) / 0.08, 0, 1)
    pitched = ~np.isnan(midi)
    if not pitched.any():
        return np.zeros(n_frames)
    filled = midi.copy()
    idx = np.flatnonzero(pitched)
    filled[~pitched] = np.interp(np.flatnonzero(~pitched), idx, midi[idx])
    width = max(3, int(GLIDE_S / HOP) | 1)
    win = np.hanning(width + 2)[1:-1]
    win /= win.sum()
    pad = width // 2
    smooth = np.convolve(np.pad(filled, pad, mode="edge"), win, mode="valid")
    rng = np.random.default_rng(seed)
    drift = np.convolve(rng.standard_normal(n_frames + 80), np.hanning(81), mode="valid")
    drift = drift[:n_frames] / (np.abs(drift).max() + 1e-9) * 0.05  # +/- 5 cents
    vibrato = VIBRATO_CENTS / 100 * np.sin(2 * np.pi * VIBRATO_HZ * t) * vib_env
    semis = smooth + vibrato + drift
    return np.where(pitched, 440.0 * 2 ** ((semis - 69) / 12), 0.0)


def _word_groups(score: Score) -> list[list[int]]:
    """Indices of sung units grouped by the word they belong to (in order)."""
    groups: list[list[int]] = []
    last = None
    for i, u in enumerate(score.units):
        if u.kind != "sing":
            last = None
            continue
        if last is not None and score.units[last].word == u.word and groups:
            groups[-1].append(i)
        else:
            groups.append([i])
        last = i
    return groups


def sing(score: Score, fs: int = FS, seed: int = 0) -> tuple[Audio, dict[str, Any]]:
    """Render a parsed score to singing.

    Returns:
        (the audio, info with the TTS engine used and the syllables).
    """
    import numpy as np

    from audiogpt.core.audio import Audio

    pw = pyworld()
    syllables: dict[int, Syllable] = {}
    engines = set()
    for group in _word_groups(score):
        u0 = score.units[group[0]]
        x, engine = speak(u0.speak or u0.text, u0.language, fs)
        engines.add(engine)
        for i, syl in zip(group, word_syllables(x, len(group), fs), strict=True):
            syllables[i] = syl
    n_total = round(score.total / HOP)
    if not syllables:
        return Audio.silence(score.total, fs), {"tts": [], "syllables": []}
    bins = next(iter(syllables.values())).sp.shape[1]
    log_sp = np.full((n_total, bins), np.log(1e-16))
    ap = np.ones((n_total, bins))
    voiced = np.zeros(n_total, bool)
    gain_db = np.zeros(n_total)
    # level every syllable to the median nucleus loudness
    levels = {i: float(np.median(np.log(s.sp[s.onset:max(s.onset + 1, s.frames - s.coda)]
                                          .sum(axis=1) + 1e-16)))
              for i, s in syllables.items()}
    ref = float(np.median(list(levels.values())))
    mean_env = np.mean([np.log(s.sp + 1e-16).mean(axis=0) for s in syllables.values()], axis=0)
    for i, u in enumerate(score.units):
        a = round(u.start / HOP)
        b = min(n_total, round((u.start + u.duration) / HOP))
        if b <= a:
            continue
        if u.kind == "sing":
            v, s, p = _stretch(syllables[i], b - a)
            log_sp[a:b] = s + (ref - levels[i])
            ap[a:b] = p
            voiced[a:b] = v
            nxt = score.units[i + 1] if i + 1 < len(score.units) else None
            if nxt is None or nxt.kind != "sing":  # phrase end: release over 60 ms
                n_rel = min(b - a, int(0.06 / HOP))
                gain_db[b - n_rel:b] += np.linspace(0, -30, n_rel)
        elif u.kind == "breath":
            n_br = min(b - a, int(0.35 / HOP))
            env = np.hanning(n_br + 2)[1:-1]
            tilt = np.linspace(-6, 6, bins) / 20 * np.log(10)  # breathy: brighter
            log_sp[b - n_br:b] = mean_env + tilt + np.log(10 ** (-28 / 10))
            gain_db[b - n_br:b] += 20 * np.log10(env + 1e-3)
    n_att = int(0.015 / HOP)
    onsets = np.flatnonzero(np.diff(voiced.astype(int)) == 1) + 1
    for o in onsets:  # soft vowel attack
        gain_db[o:o + n_att] += np.linspace(-12, 0, len(gain_db[o:o + n_att]))
    f0 = f0_contour(score, n_total, seed)
    f0 = np.where(voiced & (f0 > 0), f0, 0.0)
    ap = np.where(voiced[:, None], ap, np.maximum(ap, 0.999))
    sp = np.exp(log_sp + (gain_db / 10 * np.log(10))[:, None])
    y = pw.synthesize(np.ascontiguousarray(f0), np.ascontiguousarray(sp),
                      np.ascontiguousarray(ap), fs, FRAME_PERIOD)
    n_samples = round(score.total * fs)
    y = np.pad(y, (0, max(0, n_samples - len(y))))[:n_samples]
    peak = float(np.abs(y).max())
    if peak > 0:
        y = y / peak * 10 ** (-1 / 20)
    info = {"tts": sorted(engines),
            "syllables": [{"text": u.text, "kind": u.kind, "say": u.speak,
                           "start": round(u.start, 4),
                           "duration": round(u.duration, 4),
                           "notes": [None if n is None else round(n, 2) for n in u.notes]}
                          for u in score.units]}
    return Audio(y.astype(np.float32)[None, :], fs), info


class WorldSinging(Backend):
    """Spoken syllables (TTS) re-timed and re-pitched to the score with the WORLD vocoder."""

    name = "world"
    tool = "singing_synthesis"
    summary = ("TTS syllables (espeak-ng / project TTS) time-stretched and re-pitched to the "
               "score with the WORLD vocoder (DIO+StoneMask, CheapTrick, D4C), glides and vibrato")
    requires = (module("pyworld", "generation"), module("pypinyin", "generation"),
                program("espeak-ng"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        score = parse_score(req.get("lyrics"), req.get("notes"), req.get("durations"))
        req.progress(0.1, "speaking the syllables")
        audio, info = sing(score)
        sung = [u for u in score.units if u.kind == "sing"]
        data = {"method": "world", "score_seconds": round(score.total, 4),
                "duration": round(audio.duration, 4), "syllable_count": len(sung), **info}
        text = (f"Sang {len(sung)} syllables over {score.total:.2f} s "
                f"(WORLD vocoder, voice from {', '.join(info['tts'])}).")
        return ToolResult(outputs=[Output("audio", audio, "singing")], text=text, data=data)


def measure_pitch(audio: Audio, score: Score) -> dict[str, float]:
    """Share of voiced frames (SwiftF0) within 50 cents of the score's note at that time."""
    import numpy as np

    from audiogpt.backends.dsp.pitch import track

    t, f0, _ = track(audio, 60.0, 1000.0)
    target = np.full(len(t), np.nan)
    for start, end, note in score.note_events():
        if note is not None:
            target[(t >= start) & (t < end)] = note
    sel = (f0 > 0) & ~np.isnan(target)
    if not sel.any():
        return {"voiced_frames": 0, "within_50_cents": 0.0, "median_abs_cents": float("nan")}
    cents = 1200 * np.log2(f0[sel] / (440.0 * 2 ** ((target[sel] - 69) / 12)))
    return {"voiced_frames": int(sel.sum()),
            "within_50_cents": float(np.mean(np.abs(cents) <= 50)),
            "median_abs_cents": float(np.median(np.abs(cents)))}


__all__ = ["Unit", "WorldSinging", "f0_contour", "measure_pitch", "sing"]
