"""Procedural recipes for mechanical, animal and human sounds: footsteps, engines, traffic,
bells, sirens, clocks, applause, dog barks. Speech babble and crowds are in
:mod:`audiogpt.backends.generation.text_to_audio.voices`.

Same contract as :mod:`audiogpt.backends.generation.text_to_audio.nature`: ``fn(n, sr, rng, p)`` returns
``n`` samples, mono or stereo (2, n).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from audiogpt.backends.generation.text_to_audio.dsp import (
    add_at,
    bandpass,
    control,
    damped_sine,
    fm_tone,
    hann_env,
    highpass,
    lowpass,
)

if TYPE_CHECKING:
    import numpy as np


def footsteps(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Footsteps: heel thump (damped 60-120 Hz sine) + surface sound (gravel/snow crunch,
    wood resonance, hard-floor click), walking (~1.9 steps/s) or running (~3/s)."""
    import numpy as np

    running = bool(p.mods & {"running", "run", "fast"})
    interval = (0.33 if running else 0.53) * (1.15 - 0.3 * p.intensity if not running else 1.0)
    out = np.zeros((2, n))
    t = rng.uniform(0.05, 0.3)
    k = 0
    while t < n / sr:
        m = int(0.25 * sr)
        tt = np.arange(m) / sr
        step = 0.8 * damped_sine(sr, rng.uniform(60, 120), 0.025, 0.25)
        noise = rng.standard_normal(m)
        if p.mods & {"gravel", "snow", "leaves", "grass", "sand"}:
            grains = noise * (rng.random(m) < 0.25)
            lo, hi = (300, 3000) if "snow" in p.mods or "sand" in p.mods else (800, 6000)
            surf = bandpass(grains, sr, lo, hi) * np.exp(-tt / 0.06) * 3
        elif "wood" in p.mods or "wooden" in p.mods:
            surf = bandpass(noise, sr, 150, 900) * np.exp(-tt / 0.03) + damped_sine(
                sr, rng.uniform(180, 260), 0.04, 0.25)
        else:  # hard floor, heels
            surf = bandpass(noise, sr, 1000, 5000) * np.exp(-tt / 0.008)
        ev = step + surf[:m]
        side = k % 2
        g = rng.uniform(0.7, 1.0)
        add_at(out[side], ev, int(t * sr), g)
        add_at(out[1 - side], ev, int(t * sr), 0.6 * g)
        t += interval * rng.uniform(0.93, 1.07)
        k += 1
    return out


def _engine_tone(n: int, sr: int, rng: np.random.Generator, rpm: np.ndarray,
                 cylinders: int = 4) -> np.ndarray:
    """Firing pulses at rpm/60*cyl/2 Hz through exhaust resonances, plus modulated noise."""
    import numpy as np

    f = rpm / 60.0 * cylinders / 2.0 * (1 + 0.01 * control(n, sr, rng, 8.0, -1, 1))
    ph = np.cumsum(f) / sr
    cycle_gain = rng.uniform(0.8, 1.2, int(ph[-1]) + 2)[ph.astype(int)]  # cycle-to-cycle jitter
    pulse = np.exp(-((ph % 1.0) / 0.05)) * cycle_gain  # one firing per cycle
    pulse = pulse - pulse.mean()
    harm = fm_tone(sr, f, (1.0, 0.5, 0.35, 0.2, 0.1))
    noise = rng.standard_normal(n) * (0.4 + 0.6 * np.exp(-((ph % 1.0) / 0.2)))
    body = lowpass(pulse + 0.5 * harm, sr, 1200, order=3) + 0.3 * bandpass(noise, sr, 200, 2500)
    return body + 0.5 * damped_resonance(body, sr, 110.0)


def damped_resonance(x: np.ndarray, sr: int, freq: float) -> np.ndarray:
    """A resonant band (exhaust/body cavity) around ``freq``."""
    return bandpass(x, sr, freq * 0.8, freq * 1.25)


def engine(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Engine: idling (~800 rpm, small wander) or revving (rpm ramps up and down with the
    ``revving``/``accelerating`` mods); ``motorcycle`` uses 2 cylinders and higher rpm; a
    ``passing`` vehicle gets a Doppler sweep and distance law."""

    cyl = 2 if "motorcycle" in p.mods else (6 if "truck" in p.mods else 4)
    base = 900 if "motorcycle" in p.mods else 750
    if p.mods & {"revving", "accelerating", "racing"}:
        rev = control(n, sr, rng, 0.6) ** 2
        rpm = base + (2500 + 3000 * p.intensity) * rev
    else:
        rpm = base * (1 + 0.03 * control(n, sr, rng, 1.0, -1, 1)) + 1200 * p.intensity
    if "passing" in p.mods or "passes" in p.mods:
        return passby(n, sr, rng, rpm * 1.8 + 800, cyl)
    tone = _engine_tone(n, sr, rng, rpm, cyl)
    return tone


def passby(n: int, sr: int, rng: np.random.Generator, rpm: np.ndarray | float,
           cylinders: int = 4, t_pass: float | None = None, speed: float = 15.0) -> np.ndarray:
    """A vehicle passing: engine + tyre noise with Doppler shift, 1/r level and panning."""
    import numpy as np

    dur = n / sr
    t = np.arange(n) / sr
    t_pass = dur * rng.uniform(0.35, 0.65) if t_pass is None else t_pass
    x = speed * (t - t_pass)
    dist = np.sqrt(x**2 + 6.0**2)
    v_radial = speed * x / dist
    doppler = 343.0 / (343.0 + v_radial)
    rpm_arr = np.broadcast_to(np.asarray(rpm, dtype=float), (n,)) * doppler
    tone = _engine_tone(n, sr, rng, rpm_arr, cylinders)
    tyres = bandpass(rng.standard_normal(n), sr, 300, 3000)
    sig = (tone / (np.std(tone) + 1e-9) + 0.8 * tyres / (np.std(tyres) + 1e-9)) * 6.0 / dist
    pan = 0.5 + 0.45 * np.tanh(x / 15.0)
    return np.stack([sig * np.cos(pan * np.pi / 2), sig * np.sin(pan * np.pi / 2)])


def traffic(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Street traffic: a distant low rumble plus cars passing at random times both ways,
    and an occasional horn when busy."""
    import numpy as np

    dur = n / sr
    rumble = lowpass(rng.standard_normal((2, n)), sr, 300, order=3)
    out = 0.8 * rumble / (np.std(rumble) + 1e-9)
    cars = max(1, int(round(dur / (4.0 - 2.5 * p.intensity))))
    for _ in range(cars):
        tp = rng.uniform(0.0, dur)
        v = rng.choice([-1, 1]) * rng.uniform(10, 20)
        car = passby(n, sr, rng, rng.uniform(1500, 3000), 4, tp, abs(v))
        out += rng.uniform(0.5, 1.0) * (car if v > 0 else car[::-1])
    if p.intensity > 0.5 or "horn" in p.mods or "horns" in p.mods:
        m = int(0.4 * sr)
        horn = fm_tone(sr, np.full(m, 420.0), (1, .8, .6, .4)) + fm_tone(
            sr, np.full(m, 520.0), (1, .8, .6, .4))
        horn = bandpass(horn, sr, 300, 3000) * hann_env(m, 0.05)
        add_at(out, np.stack([horn, 0.7 * horn]), int(rng.uniform(0.2, 0.8) * n), 0.6)
    return out


BELL_PARTIALS = {  # ratio, relative amplitude, relative decay
    "church": ((0.5, 0.7, 1.0), (1.0, 1.0, 0.7), (1.19, 0.7, 0.5), (1.5, 0.4, 0.45),
               (2.0, 0.8, 0.4), (2.51, 0.4, 0.3), (2.66, 0.3, 0.28), (3.01, 0.3, 0.25),
               (4.17, 0.2, 0.18), (5.43, 0.12, 0.12)),
    "small": ((1.0, 1.0, 1.0), (2.32, 0.6, 0.6), (4.25, 0.35, 0.4), (6.63, 0.2, 0.25)),
}


def bell_strike(sr: int, rng: np.random.Generator, f0: float, kind: str,
                decay: float, max_s: float | None = None) -> np.ndarray:
    """One bell strike: inharmonic partials with exponential decays and a short clang."""
    import numpy as np

    m = max(int(0.03 * sr), int(min(decay * 4, max_s or decay * 4) * sr))
    out = np.zeros(m)
    for ratio, amp, dec in BELL_PARTIALS[kind]:
        f = f0 * ratio * rng.uniform(0.997, 1.003)
        if f < sr / 2.2:
            beat = 1 + 0.1 * np.sin(2 * np.pi * rng.uniform(0.5, 2) * np.arange(m) / sr)
            out += amp * damped_sine(sr, f, decay * dec, m / sr, rng.uniform(0, 6.28)) * beat
    clang = highpass(rng.standard_normal(int(0.02 * sr)), sr, 2000) * 0.3
    out[: clang.size] += clang * np.linspace(1, 0, clang.size)
    return out


def bells(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Bells: church bells (hum/prime/tierce/quint/nominal partials) tolling every 2-3 s, or
    small bells / chimes (``small``, ``chime``, ``bicycle``, ``door``) rung more often."""
    import numpy as np

    small = bool(p.mods & {"small", "chime", "chimes", "bicycle", "door", "doorbell", "sleigh"})
    kind = "small" if small else "church"
    out = np.zeros(n)
    t = rng.uniform(0.0, 0.3)
    pitches = [rng.uniform(1200, 2500)] if small else [rng.uniform(220, 420)]
    if "chimes" in p.mods or "chime" in p.mods:
        pitches = [880 * 2 ** (s / 12) for s in (0, 2, 4, 7, 9, 12)]
    while t < n / sr:
        f0 = float(rng.choice(pitches))
        strike = bell_strike(sr, rng, f0, kind, 0.5 if small else 2.5, n / sr - t)
        add_at(out, strike, int(t * sr), rng.uniform(0.8, 1.0))
        t += rng.uniform(0.3, 0.8) if small else rng.uniform(2.0, 3.0)
    return out


def siren(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Siren: electronic wail (slow 600-1400 Hz sweeps), yelp (fast sweeps, ``police``) or
    two-tone hi-lo (``ambulance`` in Europe, ``two-tone``); square-ish wave through a horn
    band; ``passing`` adds Doppler."""
    import numpy as np

    t = np.arange(n) / sr
    if p.mods & {"two-tone", "hi-lo", "european", "ambulance"}:
        f = np.where((t % 1.0) < 0.5, 960.0, 770.0)
        f = lowpass(f, sr, 40)
    elif p.mods & {"police", "yelp"}:
        f = 700 + 800 * np.abs(((t * 3.0) % 1.0) * 2 - 1)
    else:
        f = 650 + 750 * 0.5 * (1 - np.cos(2 * np.pi * t / 4.5))
    if "passing" in p.mods:
        tp = n / sr * 0.5
        x = 15.0 * (t - tp)
        f = f * 343.0 / (343.0 + 15.0 * x / np.sqrt(x**2 + 36.0))
    tone = fm_tone(sr, f, (1.0, 0.0, 0.33, 0.0, 0.2, 0.0, 0.14))
    return bandpass(tone, sr, 400, 5000)


def clock(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """A mechanical clock: tick (resonances at ~2.5/4.2 kHz) and tock (lower), once a second
    (``fast`` for a 2 Hz escapement)."""
    import numpy as np

    period = 0.5 if "fast" in p.mods else 1.0
    out = np.zeros(n)
    t, k = rng.uniform(0.05, 0.2), 0
    hi_f, lo_f = rng.uniform(2300, 2800), rng.uniform(1600, 2000)
    while t < n / sr:
        f = hi_f if k % 2 == 0 else lo_f
        click = damped_sine(sr, f, 0.006, 0.04) + 0.5 * damped_sine(sr, f * 1.7, 0.004, 0.04)
        click[: int(0.001 * sr)] += rng.standard_normal(int(0.001 * sr)) * 0.5
        add_at(out, click, int(t * sr))
        t += period / 2 * (1 if k % 2 == 0 else 1.0)
        k += 1
    return out


def applause(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Applause: N people (10-80 by intensity) each clapping at 3-6 Hz with jitter; each clap
    a short noise burst band-passed at its own hand-cupping resonance; swells in and out."""
    import numpy as np

    people = p.count or int(10 + 70 * p.intensity)
    out = np.zeros((2, n))
    dur = n / sr
    for _ in range(people):
        rate = rng.uniform(3.0, 6.0)
        centre = rng.uniform(700, 2800)
        m = int(0.03 * sr)
        burst = bandpass(rng.standard_normal(m), sr, centre * 0.6, centre * 1.6)
        burst *= np.exp(-np.arange(m) / (rng.uniform(0.004, 0.009) * sr))
        pan = rng.uniform(0.0, 1.0)
        start, stop = rng.uniform(0, min(0.5, dur * 0.1)), dur - rng.uniform(0, min(1.0, dur * .2))
        t = start
        while t < stop:
            g = rng.uniform(0.6, 1.0)
            add_at(out[0], burst, int(t * sr), g * np.cos(pan * np.pi / 2))
            add_at(out[1], burst, int(t * sr), g * np.sin(pan * np.pi / 2))
            t += rng.normal(1 / rate, 0.1 / rate)
    return out


def dog(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Dog barks: harmonic bursts (f0 ~ 350-700 Hz falling) through formants near 1.1/2.6
    kHz with breath noise, in groups of 1-3 every 1.5-4 s (``small`` dogs bark higher)."""
    import numpy as np

    f_base = rng.uniform(600, 800) if "small" in p.mods else rng.uniform(300, 450)
    out = np.zeros(n)
    t = rng.uniform(0.05, 0.6)
    while t < n / sr:
        for _ in range(rng.integers(1, 4)):
            m = int(sr * rng.uniform(0.12, 0.22))
            x = np.arange(m) / m
            f = f_base * (1.15 - 0.35 * x) * rng.uniform(0.95, 1.05)
            src = fm_tone(sr, f, tuple(1 / k for k in range(1, 12)))
            src += 0.4 * rng.standard_normal(m)
            bark = bandpass(src, sr, 700, 1500) + 0.6 * bandpass(src, sr, 2000, 3200)
            bark += 0.5 * lowpass(src, sr, 600)
            add_at(out, bark * hann_env(m, 0.12), int(t * sr), rng.uniform(0.7, 1.0))
            t += m / sr + rng.uniform(0.1, 0.3)
        t += rng.uniform(1.5, 4.0)
    return out


RECIPES = {
    "footsteps": footsteps, "engine": engine, "traffic": traffic, "bells": bells,
    "siren": siren, "clock": clock, "applause": applause, "dog": dog,
}
