"""Procedural recipes for natural sounds: rain, wind, waves, stream, fire, thunder, birds,
seagulls, crickets.

Each recipe is ``fn(n, sr, rng, p) -> array`` returning ``n`` samples, mono (n,) or stereo
(2, n). ``p`` is a :class:`~audiogpt.backends.generation.text_to_audio.parser.Layer` (``intensity`` in
[0, 1], ``count`` or None, ``mods`` a set of modifier words such as ``tin`` or ``distant``).
Levels are normalised later by the mixer, so recipes care about shape, not absolute level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from audiogpt.backends.generation.text_to_audio.dsp import (
    add_at,
    bandpass,
    control,
    control_at,
    convolve,
    damped_sine,
    fm_tone,
    hann_env,
    highpass,
    impulse_train,
    lowpass,
    shaped_noise,
)

if TYPE_CHECKING:
    import numpy as np


def rain(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Rain: a band-limited noise bed plus Poisson drops exciting damped resonances.

    On a tin/metal roof (``tin``, ``metal``, ``roof``, ``car`` mods) the drops ring as
    metallic pings; on windows/leaves they are short ticks.
    """
    import numpy as np

    heavy = p.intensity
    out = np.zeros((2, n))
    for ch in range(2):
        bed = shaped_noise(n, sr, rng, lambda f, t: (f > 300) / (1 + (f / 6000) ** 2)
                           * (f / 1000 + 0.3) ** -0.5)
        out[ch] += (0.4 + 0.8 * heavy) * bed / (np.std(bed) + 1e-9)
    metallic = bool(p.mods & {"tin", "metal", "roof", "car"})
    rate = (30 + 500 * heavy ** 1.5) / sr
    for ch in range(2):
        drops = np.zeros(n)
        for _ in range(8):
            imp = impulse_train(n, rng, rate / 8, amp_spread=0.6)
            if metallic:
                f = rng.uniform(1800, 6500)
                ker = damped_sine(sr, f, rng.uniform(0.02, 0.06), 0.3) + 0.6 * damped_sine(
                    sr, f * rng.uniform(1.4, 2.7), rng.uniform(0.01, 0.03), 0.3)
            else:
                f = rng.uniform(1500, 4500)
                ker = damped_sine(sr, f, rng.uniform(0.002, 0.006), glide=rng.uniform(3, 12))
            drops += convolve(imp, ker)
        drops = highpass(drops, sr, 800)
        out[ch] += (1.2 if metallic else 0.8) * drops / (np.std(drops) + 1e-9)
    if heavy > 0.6:  # heavy rain has a low roar from the impacts all around
        roar = lowpass(rng.standard_normal(n), sr, 400)
        out += 0.6 * heavy * roar / (np.std(roar) + 1e-9)
    return out


def wind(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Wind: noise through a low-pass whose cut-off and level follow slow gusts, plus a
    resonant whistle that rises with the gust strength."""
    import numpy as np

    strong = p.intensity
    gust = control(n, sr, rng, rate=0.25 + 0.4 * strong)
    lvl = 0.35 + 0.65 * gust
    fc_lo, fc_hi = 200 + 300 * strong, 700 + 2200 * strong
    whistle_f = control(n, sr, rng, rate=0.3, lo=500, hi=900 + 900 * strong)

    def gain(f: np.ndarray, t: np.ndarray) -> np.ndarray:
        g = control_at(t, n, sr, gust)[None, :]
        fc = fc_lo + (fc_hi - fc_lo) * g
        body = control_at(t, n, sr, lvl)[None, :] / (1 + (f[:, None] / fc) ** 2)
        fw = control_at(t, n, sr, whistle_f)[None, :]
        whistle = (0.5 * strong + 0.1) * g * np.exp(-0.5 * ((f[:, None] - fw) / (0.04 * fw)) ** 2)
        return (body + whistle) * (f[:, None] > 40)

    left = shaped_noise(n, sr, rng, gain, nfft=2048)
    right = shaped_noise(n, sr, rng, gain, nfft=2048)
    return np.stack([left, right])


def waves(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Sea waves: swells every 5-10 s that break (bright, loud) and wash back (hiss decaying),
    over a low surf rumble. The first wave breaks within the first seconds."""
    import numpy as np

    big = p.intensity
    t_all = np.arange(n) / sr
    env = np.zeros(n)
    bright = np.zeros(n)
    t0 = rng.uniform(-2.0, 0.8)
    while t0 < n / sr:
        period = rng.uniform(5.0, 9.0) - 2.0 * big
        rise, crash, wash = rng.uniform(1.2, 2.5), rng.uniform(0.15, 0.4), rng.uniform(2.5, 4.5)
        tt = t_all - t0
        a = rng.uniform(0.7, 1.0)
        swell = np.where((tt > 0) & (tt < rise), (tt / rise) ** 2 * 0.5, 0.0)
        hit = np.where((tt >= rise) & (tt < rise + crash), 0.5 + 0.5 * (tt - rise) / crash, 0.0)
        back = np.where(tt >= rise + crash, np.exp(-(tt - rise - crash) / (wash / 3)), 0.0)
        e = a * (swell + hit + back)
        env = np.maximum(env, e)
        bright = np.maximum(bright, a * (hit + back * np.exp(-(tt - rise - crash).clip(0) / 1.0)))
        t0 += period
    env = 0.15 + 0.85 * env
    fc = 300 + (2500 + 3000 * big) * bright

    def gain(f: np.ndarray, t: np.ndarray) -> np.ndarray:
        e = control_at(t, n, sr, env)[None, :]
        c = control_at(t, n, sr, fc)[None, :]
        return e / (1 + (f[:, None] / c) ** 2) * (f[:, None] > 30)

    return np.stack([shaped_noise(n, sr, rng, gain, 2048), shaped_noise(n, sr, rng, gain, 2048)])


def stream(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Brook/stream: a dense field of Minnaert bubbles (rising damped sines) over a noise bed."""
    import numpy as np

    out = np.zeros((2, n))
    rate = (150 + 600 * p.intensity) / sr
    for ch in range(2):
        bubbles = np.zeros(n)
        for _ in range(10):
            imp = impulse_train(n, rng, rate / 10, amp_spread=0.7)
            ker = damped_sine(sr, rng.uniform(500, 2800), rng.uniform(0.004, 0.015),
                              glide=rng.uniform(4, 20))
            bubbles += convolve(imp, ker)
        bed = bandpass(rng.standard_normal(n), sr, 200, 3000)
        out[ch] = bubbles / (np.std(bubbles) + 1e-9) + 0.5 * bed / (np.std(bed) + 1e-9)
    return out


def fire(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Fire: a low flame roar, a faint hiss, crackles (clusters of clicks) and wood pops."""
    import numpy as np

    big = p.intensity
    roar = lowpass(rng.standard_normal(n), sr, 250) * control(n, sr, rng, 1.5, 0.5, 1.0)
    roar /= np.std(roar) + 1e-9
    hiss = highpass(rng.standard_normal(n), sr, 3000)
    hiss /= np.std(hiss) + 1e-9
    crack = np.zeros(n)
    t = 0.0
    while t < n / sr:
        t += rng.exponential(1.0 / (6 + 20 * big))
        cluster = rng.integers(1, 6)
        for k in range(cluster):
            click = rng.standard_normal(int(sr * rng.uniform(0.0005, 0.003)))
            click *= np.exp(-np.arange(click.size) / (0.0008 * sr))
            add_at(crack, click, int((t + k * rng.uniform(0.005, 0.03)) * sr),
                   rng.lognormal(0, 0.7))
    crack = highpass(crack, sr, 1200)
    crack /= np.std(crack) + 1e-9
    pops = np.zeros(n)
    for _ in range(max(1, rng.poisson(0.4 * n / sr))):
        pop = damped_sine(sr, rng.uniform(150, 400), 0.02) + 0.5 * rng.standard_normal(
            int(0.1 * sr)) * np.exp(-np.arange(int(0.1 * sr)) / (0.01 * sr))
        add_at(pops, pop, int(rng.integers(0, n)), rng.uniform(1.5, 3.0))
    return 0.9 * roar + 0.12 * hiss + 0.9 * crack + 0.5 * pops


def thunder(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Thunder: per strike, a short low-passed crack (omitted when distant) then a long
    rumble of brown noise below ~150 Hz with several decaying rolls. At least one strike."""
    import numpy as np

    distant = "distant" in p.mods
    dur = n / sr
    strikes = p.count or max(1, int(round(dur / (7.0 - 3.0 * p.intensity))))
    out = np.zeros(n)
    starts = np.sort(rng.uniform(0.0, max(0.05, dur * 0.6), strikes))
    starts[0] = min(starts[0], 0.3 * dur)
    for s in starts:
        m = int(min(dur - s, rng.uniform(3.5, 7.0)) * sr)
        if m <= 0:
            continue
        tt = np.arange(m) / sr
        env = np.zeros(m)
        for r in range(rng.integers(2, 5)):
            d = 0.0 if r == 0 else rng.uniform(0.2, 2.5)
            tau = rng.uniform(0.6, 2.0)
            att = rng.uniform(0.03, 0.3)
            x = tt - d
            env += rng.uniform(0.5, 1.0) * np.where(
                x > 0, (1 - np.exp(-x / att)) * np.exp(-x / tau), 0.0)
        brown = np.cumsum(rng.standard_normal(m))
        brown = highpass(brown, sr, 40, order=4)
        rumble = lowpass(brown, sr, 90 if distant else 150, order=4)
        rumble /= np.std(rumble) + 1e-9
        ev = rumble * env
        if not distant:
            cm = int(0.12 * sr)
            crack = lowpass(rng.standard_normal(cm), sr, 1200) * np.exp(-np.arange(cm) / (0.03 * sr))
            ev[:cm] += 0.5 * crack[: min(cm, m)][:m]
        add_at(out, ev, int(s * sr), rng.uniform(0.7, 1.0))
    return out


def _bird_phrase(sr: int, rng: np.random.Generator, base: float) -> np.ndarray:
    """One phrase of 3-9 syllables: up/down sweeps, trills and whistles."""
    import numpy as np

    parts = []
    for _ in range(rng.integers(3, 10)):
        m = int(sr * rng.uniform(0.04, 0.18))
        t = np.arange(m) / m
        kind = rng.integers(0, 4)
        f0 = base * rng.uniform(0.8, 1.25)
        if kind == 0:
            f = f0 * (0.7 + 0.6 * t)
        elif kind == 1:
            f = f0 * (1.3 - 0.6 * t)
        elif kind == 2:
            f = f0 * (1 + 0.15 * np.sin(2 * np.pi * rng.uniform(20, 45) * t * m / sr))
        else:
            f = np.full(m, f0)
        syl = fm_tone(sr, f, (1.0, 0.15, 0.05)) * hann_env(m, rng.uniform(0.2, 0.6))
        parts += [syl, np.zeros(int(sr * rng.uniform(0.02, 0.09)))]
    return np.concatenate(parts)


def birdsong(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Songbirds: 1-5 birds, each with its own pitch range, singing phrases at random times
    from its own stereo position."""
    import numpy as np

    birds = p.count or int(round(2 + 3 * p.intensity))
    out = np.zeros((2, n))
    for b in range(birds):
        base = rng.uniform(2200, 5000)
        pan = rng.uniform(0.1, 0.9)
        gain = rng.uniform(0.5, 1.0)
        t = rng.uniform(0.0, 0.8) if b == 0 else rng.uniform(0.0, 2.5)
        while t < n / sr:
            ph = _bird_phrase(sr, rng, base)
            add_at(out[0], ph, int(t * sr), gain * np.cos(pan * np.pi / 2))
            add_at(out[1], ph, int(t * sr), gain * np.sin(pan * np.pi / 2))
            t += ph.size / sr + rng.uniform(0.8, 3.5)
    return out


def seagulls(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Seagull calls: nasal harmonic 'kyow' cries (fast pitch rise then fall, formants near
    1.5 and 3 kHz) in series of 2-6."""
    import numpy as np

    out = np.zeros(n)
    t = rng.uniform(0.1, 1.0)
    while t < n / sr:
        f0 = rng.uniform(600, 900)
        for _ in range(rng.integers(2, 7)):
            m = int(sr * rng.uniform(0.18, 0.35))
            x = np.arange(m) / m
            f = f0 * (1 + 0.5 * np.sin(np.pi * np.minimum(1, x * 1.6)) - 0.2 * x)
            call = fm_tone(sr, f, tuple(1 / k for k in range(1, 9)))
            call = bandpass(call, sr, 900, 4000) * hann_env(m, 0.25)
            add_at(out, call, int(t * sr), rng.uniform(0.5, 1.0))
            t += m / sr + rng.uniform(0.05, 0.2)
        t += rng.uniform(1.5, 5.0)
    return out


def crickets(n: int, sr: int, rng: np.random.Generator, p: Any) -> np.ndarray:
    """Crickets: 4-5 kHz carriers pulsed in chirps of 3-5 pulses, several insects at
    different rates and positions."""
    import numpy as np

    count = p.count or int(round(3 + 5 * p.intensity))
    out = np.zeros((2, n))
    t_all = np.arange(n) / sr
    for _ in range(count):
        fc = rng.uniform(3800, 5200)
        chirp_rate = rng.uniform(1.5, 3.5)
        pulses, pulse_rate = rng.integers(3, 6), rng.uniform(25, 40)
        phase_t = (t_all + rng.uniform(0, 1)) % (1 / chirp_rate)
        k = np.floor(phase_t * pulse_rate)
        within = phase_t * pulse_rate - k
        gate = (k < pulses) * np.sin(np.pi * np.clip(within / 0.6, 0, 1)) ** 2
        sig = np.sin(2 * np.pi * fc * t_all + rng.uniform(0, 6.28)) * gate
        pan = rng.uniform(0.05, 0.95)
        g = rng.uniform(0.3, 1.0)
        out[0] += g * np.cos(pan * np.pi / 2) * sig
        out[1] += g * np.sin(pan * np.pi / 2) * sig
    return out


RECIPES = {
    "rain": rain, "wind": wind, "waves": waves, "stream": stream, "fire": fire,
    "thunder": thunder, "birdsong": birdsong, "seagulls": seagulls, "crickets": crickets,
}
