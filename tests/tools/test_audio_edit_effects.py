"""audio_edit effects on real recordings, measured: pitch by a pitch tracker, reverb decay,
echo delay in the autocorrelation, band energies of filters, EQ and voice presets, dynamics."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogpt.app import App
from audiogpt.core.audio import Audio
from audiogpt.core.errors import ToolInputError
from tests.conftest import shared_file

SINGING = "eval-audio/music_singing/vocadito_1.wav"
LJ = "eval-audio/speech_en/ljspeech/LJ001-0001.wav"


@pytest.fixture(scope="module")
def app() -> App:
    return App()


@pytest.fixture(scope="module")
def sung(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 5 s of a solo singing recording (stable voiced notes)."""
    src = Audio.from_file(shared_file(SINGING)).slice(0.0, 5.0)
    return src.to_file(tmp_path_factory.mktemp("sung") / "sung.wav")


def _run(app: App, path: Path, **args) -> tuple[Audio, dict]:
    rec = app.run_tool("audio_edit", {"audio": str(path), **args})
    assert rec.backend == "dsp"
    return Audio.from_file(rec.artifacts[0].path), rec.data


def _f0(audio: Audio) -> np.ndarray:
    import librosa

    return librosa.yin(audio.mono, fmin=80, fmax=1000, sr=audio.sample_rate, frame_length=2048)


def _shift_cents(src: Audio, out: Audio) -> float:
    """Median pitch change (cents) over the loud frames of the source (YIN, interpolated)."""
    import librosa

    a, b = _f0(src), _f0(out)
    rms = librosa.feature.rms(y=src.mono, frame_length=2048)[0]
    n = min(len(a), len(b), len(rms))
    loud = rms[:n] > 0.1 * rms.max()
    return float(np.median(1200 * np.log2(b[:n][loud] / a[:n][loud])))


def _band_db(audio: Audio, lo: float, hi: float) -> float:
    x = audio.mono.astype(np.float64)
    spec = np.abs(np.fft.rfft(x)) ** 2
    f = np.fft.rfftfreq(len(x), 1 / audio.sample_rate)
    return float(10 * np.log10(spec[(f >= lo) & (f < hi)].sum() + 1e-20))


def _frame_db(x: np.ndarray, sr: int, frame_s: float = 0.02) -> np.ndarray:
    n = int(frame_s * sr)
    frames = x[: len(x) // n * n].reshape(-1, n).astype(np.float64)
    return 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)


def test_pitch_shift_two_semitones_measured_and_duration_kept(app: App, sung: Path) -> None:
    src = Audio.from_file(sung)
    up, data = _run(app, sung, operation="pitch_shift", semitones=2)
    assert abs(up.duration - src.duration) <= 0.01 * src.duration
    assert abs(_shift_cents(src, up) - 200) <= 10
    assert data["semitones"] == 2


def test_chipmunk_and_deep_presets_move_the_pitch(app: App, sung: Path) -> None:
    src = Audio.from_file(sung)
    chip, _ = _run(app, sung, operation="voice_preset", preset="chipmunk")
    deep, _ = _run(app, sung, operation="voice_preset", preset="deep")
    assert abs(_shift_cents(src, chip) - 700) <= 25
    assert abs(_shift_cents(src, deep) + 500) <= 25
    assert abs(chip.duration - src.duration) <= 0.01 * src.duration


def _decay_s(out: Audio, src_frames: int) -> float:
    """Seconds after the input ends until the output falls 30 dB below its level there."""
    db = _frame_db(out.mono, out.sample_rate)
    end = src_frames // int(0.02 * out.sample_rate) - 1
    below = np.nonzero(db[end:] < db[end] - 30)[0]
    return 0.02 * (below[0] if len(below) else len(db) - end)


def test_reverb_decay_grows_with_the_room(app: App, jfk: Path) -> None:
    src = Audio.from_file(jfk)
    decays, rt60s = [], []
    for room in ("small", "hall", "church"):
        out, data = _run(app, jfk, operation="reverb", room=room)
        assert out.duration > src.duration  # the tail is kept
        decays.append(_decay_s(out, src.frames))
        rt60s.append(data["rt60_s"])
    dry = _decay_s(Audio(np.pad(src.samples, ((0, 0), (0, src.sample_rate))), src.sample_rate),
                   src.frames)
    assert dry < decays[0] < decays[1] < decays[2], (dry, decays)
    assert rt60s == sorted(rt60s) and rt60s[0] < 1.0 < 2.0 < rt60s[2]


def test_echo_shows_the_delay_in_the_autocorrelation(app: App, jfk: Path) -> None:
    src = Audio.from_file(jfk)
    out, _ = _run(app, jfk, operation="echo", delay=0.25, feedback=0.3)
    sr = src.sample_rate

    def acf(x: np.ndarray) -> np.ndarray:
        x = x - x.mean()
        spec = np.fft.rfft(x, 2 * len(x))
        r = np.fft.irfft(np.abs(spec) ** 2)[: len(x)]
        return r / r[0]

    lag = int(0.25 * sr)
    r_out, r_in = acf(out.mono), acf(src.mono)
    window = r_out[int(0.05 * sr): int(0.6 * sr)]
    assert int(np.argmax(window)) + int(0.05 * sr) == pytest.approx(lag, abs=2)
    assert r_out[lag] > 0.3 and r_in[lag] < 0.15


def test_lowpass_and_highpass_cut_outside_the_band(app: App) -> None:
    lj = shared_file(LJ)
    src = Audio.from_file(lj)
    lp, _ = _run(app, lj, operation="lowpass", cutoff_hz=2000)
    assert _band_db(lp, 3000, 11025) - _band_db(src, 3000, 11025) < -30
    assert abs(_band_db(lp, 100, 1500) - _band_db(src, 100, 1500)) < 1
    hp, _ = _run(app, lj, operation="highpass", cutoff_hz=1000)
    assert _band_db(hp, 50, 600) - _band_db(src, 50, 600) < -25
    assert abs(_band_db(hp, 1500, 8000) - _band_db(src, 1500, 8000)) < 1


def test_eq_boosts_bass_and_cuts_treble(app: App) -> None:
    lj = shared_file(LJ)
    src = Audio.from_file(lj)
    out, data = _run(app, lj, operation="eq", bass_db=6, treble_db=-6)
    assert data["bass_db"] == 6 and data["treble_db"] == -6
    assert 4.5 < _band_db(out, 50, 120) - _band_db(src, 50, 120) < 6.5
    assert -6.5 < _band_db(out, 7000, 11025) - _band_db(src, 7000, 11025) < -4.5
    assert abs(_band_db(out, 900, 1200) - _band_db(src, 900, 1200)) < 1.5


@pytest.mark.parametrize(("preset", "lo", "hi"),
                         [("telephone", 300, 3400), ("megaphone", 500, 3500)])
def test_band_limited_presets(app: App, jfk: Path, preset: str, lo: float, hi: float) -> None:
    src = Audio.from_file(jfk)
    out, _ = _run(app, jfk, operation="voice_preset", preset=preset)
    assert out.frames == src.frames

    def outside_vs_inside(a: Audio) -> float:
        outside = 10 ** (_band_db(a, 20, 0.8 * lo) / 10) + 10 ** (_band_db(a, 1.2 * hi, 8000) / 10)
        return 10 * np.log10(outside) - _band_db(a, lo, hi)

    assert outside_vs_inside(out) < outside_vs_inside(src) - 20


def test_radio_preset_cuts_the_top(app: App) -> None:
    lj = shared_file(LJ)
    src = Audio.from_file(lj)
    out, _ = _run(app, lj, operation="voice_preset", preset="radio")
    top = _band_db(out, 6500, 11025) - _band_db(out, 500, 4000)
    assert top < _band_db(src, 6500, 11025) - _band_db(src, 500, 4000) - 20


def test_robot_preset_ring_modulates(app: App, jfk: Path) -> None:
    """The 30 Hz ring modulator leaves a 60 Hz line in the amplitude envelope."""
    from scipy.signal import hilbert

    src = Audio.from_file(jfk)
    out, _ = _run(app, jfk, operation="voice_preset", preset="robot")

    def envelope_line(a: Audio, hz: float) -> float:
        env = np.abs(hilbert(a.mono.astype(np.float64)))
        spec = np.abs(np.fft.rfft(env - env.mean()))
        f = np.fft.rfftfreq(len(env), 1 / a.sample_rate)
        near = (f > hz - 10) & (f < hz + 10) & (np.abs(f - hz) > 1)
        return float(spec[np.abs(f - hz) <= 0.3].max() / np.median(spec[near]))

    assert envelope_line(out, 60.0) > 10 > envelope_line(src, 60.0)


def test_compressor_narrows_the_dynamics_and_gate_silences_pauses(app: App, jfk: Path) -> None:
    src = Audio.from_file(jfk)
    sr = src.sample_rate
    db_in = _frame_db(src.mono, sr)
    active = db_in > db_in.max() - 40
    comp, data = _run(app, jfk, operation="compress", threshold_db=-30, ratio=6)
    db_c = _frame_db(comp.mono, sr)
    spread = lambda d: np.percentile(d[active], 95) - np.percentile(d[active], 20)  # noqa: E731
    assert spread(db_c) < spread(db_in) - 3
    assert data["makeup_db"] > 0
    quiet, loud = db_in < -38, db_in > -20  # the pauses hiss at about -41 dBFS
    assert quiet.any() and loud.any()
    for threshold in (None, -25):  # from the noise floor, or given
        gated, data = _run(app, jfk, operation="gate",
                           **({} if threshold is None else {"threshold_db": threshold}))
        db_g = _frame_db(gated.mono, sr)
        assert np.median(db_g[quiet] - db_in[quiet]) < -10, data
        assert np.mean(np.abs(db_g[loud] - db_in[loud]) < 1) > 0.95, data
    assert data["threshold_db"] == -25


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ({"operation": "pitch_shift"}, "needs --semitones"),
        ({"operation": "pitch_shift", "semitones": 30}, "invalid --semitones"),
        ({"operation": "reverb", "room": "closet"}, "invalid --room"),
        ({"operation": "reverb", "wet": 1.5}, "invalid --wet"),
        ({"operation": "echo", "delay": 5}, "invalid --delay"),
        ({"operation": "echo", "feedback": 1.0}, "invalid --feedback"),
        ({"operation": "eq"}, "needs --bass_db"),
        ({"operation": "lowpass"}, "needs --cutoff_hz"),
        ({"operation": "highpass", "cutoff_hz": 9000}, "half the sample rate"),
        ({"operation": "compress", "ratio": 0.5}, "invalid --ratio"),
        ({"operation": "gate", "threshold_db": 6}, "invalid --threshold_db"),
        ({"operation": "voice_preset"}, "needs --preset"),
        ({"operation": "voice_preset", "preset": "alien"}, "invalid --preset"),
    ],
)
def test_bad_effect_arguments(app: App, jfk: Path, args: dict, match: str) -> None:
    with pytest.raises(ToolInputError, match=match):
        app.run_tool("audio_edit", {"audio": str(jfk), **args})


def test_cli_effect_and_bad_argument(cli, jfk: Path) -> None:
    ok = cli("run", "audio_edit", "--audio", jfk, "--operation", "reverb", "--room", "hall",
             "--json")
    assert ok.rc == 0, ok.stderr
    assert ok.json()["data"]["room"] == "hall"
    bad = cli("run", "audio_edit", "--audio", jfk, "--operation", "pitch_shift", "--json")
    assert bad.rc == 2
    assert bad.stderr.strip().count("\n") == 0 and "--semitones" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_effect_names_match_the_tool() -> None:
    from audiogpt.backends.edit import effects
    from audiogpt.tools.audio_edit import EFFECTS

    assert effects.EFFECTS == EFFECTS
