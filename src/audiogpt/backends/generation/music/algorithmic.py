"""Algorithmic music backend: plan from words, compose to MIDI, render with FluidSynth.

The request is parsed into a plan (:mod:`audiogpt.backends.generation.music.plan`), composed with
music-theory rules (:mod:`audiogpt.backends.generation.music.compose`), written as MIDI with
``pretty_midi`` and rendered by the ``fluidsynth`` program with the FluidR3 General MIDI
soundfont (Debian ``fluid-soundfont-gm``). The render is cut or padded to the requested
duration with a fade-out, and peak-normalised.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, Requirement, module, program
from audiogpt.core.errors import BackendError, BackendUnavailable
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.backends.generation.music.plan import Plan
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

SAMPLE_RATE = 44100
SOUNDFONTS = ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/default-GM.sf2",
              "/usr/share/soundfonts/FluidR3_GM.sf2", "/usr/share/soundfonts/default.sf2")


def soundfont() -> str | None:
    """Path of the General MIDI soundfont (``AUDIOGPT_SOUNDFONT`` overrides)."""
    from audiogpt.core.config import env_setting

    env = env_setting("AUDIOGPT_SOUNDFONT")
    if env:
        return env if Path(env).expanduser().exists() else None
    return next((p for p in SOUNDFONTS if Path(p).exists()), None)


def render_midi(midi: Path, wav: Path, sample_rate: int = SAMPLE_RATE) -> None:
    """Render a MIDI file to WAV with fluidsynth.

    Raises:
        BackendUnavailable: fluidsynth or the soundfont is missing.
        BackendError: fluidsynth failed.
    """
    exe, sf2 = shutil.which("fluidsynth"), soundfont()
    if not exe:
        raise BackendUnavailable("music_generation: fluidsynth is missing "
                                 "(sudo apt-get install fluidsynth)")
    if not sf2:
        raise BackendUnavailable("music_generation: no General MIDI soundfont "
                                 "(sudo apt-get install fluid-soundfont-gm, or set "
                                 "AUDIOGPT_SOUNDFONT)")
    cmd = [exe, "-ni", "-q", "-g", "0.5", "-F", str(wav), "-r", str(sample_rate), sf2, str(midi)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0 or not wav.exists():
        raise BackendError(f"music_generation: fluidsynth failed: {proc.stderr.strip()[-300:]}")


def fit_duration(audio: Audio, duration: float, fade: float | None = None) -> Audio:
    """Cut or pad to exactly ``duration`` seconds, fading out the end, peak-normalised."""
    import numpy as np

    from audiogpt.core.audio import Audio

    n = round(duration * audio.sample_rate)
    x = audio.samples[:, :n]
    if x.shape[1] < n:
        x = np.pad(x, ((0, 0), (0, n - x.shape[1])))
    x = x.astype(np.float32).copy()
    fade = min(2.0, 0.15 * duration) if fade is None else fade
    n_fade = min(n, int(fade * audio.sample_rate))
    if n_fade:
        x[:, n - n_fade:] *= np.cos(np.linspace(0, np.pi / 2, n_fade, dtype=np.float32)) ** 2
    n_in = min(n, int(0.005 * audio.sample_rate))
    x[:, :n_in] *= np.linspace(0, 1, n_in, dtype=np.float32)
    peak = float(np.abs(x).max())
    if peak > 0:
        x *= np.float32(10 ** (-1 / 20) / peak)
    return Audio(x, audio.sample_rate)


def generate(plan: Plan, workdir: Path) -> tuple[Audio, Path, dict[str, Any]]:
    """Compose and render a plan.

    Returns:
        (audio of exactly ``plan.duration`` seconds, the MIDI file, composition stats).
    """
    from audiogpt.backends.generation.music.compose import compose
    from audiogpt.core.audio import Audio

    pm, stats = compose(plan)
    midi = workdir / "music.mid"
    pm.write(str(midi))
    wav = workdir / "render.wav"
    render_midi(midi, wav)
    audio = fit_duration(Audio.from_file(wav), plan.duration)
    return audio, midi, stats


class AlgorithmicMusic(Backend):
    """Rule-based composition rendered with FluidSynth and a General MIDI soundfont."""

    name = "algorithmic"
    tool = "music_generation"
    summary = ("rule-based composition (chord loops, motif melody, bass, drums; seeded) "
               "written with pretty_midi and rendered by FluidSynth with FluidR3 GM")
    requires = (module("pretty_midi", "generation"), program("fluidsynth"))
    priority = 10

    @classmethod
    def extra_check(cls) -> str | None:
        if soundfont() is None:
            return Requirement("file", SOUNDFONTS[0],
                               "sudo apt-get install fluid-soundfont-gm").describe()
        return None

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.generation.music.plan import make_plan

        plan = make_plan(req.get("text"), req.get("duration"), req.get("seed"))
        req.progress(0.1, f"composing {plan.mood} {plan.genre} music at {plan.tempo} bpm")
        audio, midi, stats = generate(plan, req.workdir)
        data = {"method": "algorithmic", **plan.describe(), **stats,
                "soundfont": Path(soundfont() or "").name}
        genre = "" if plan.genre == "none" else f" {plan.genre}"
        text = (f"Composed {plan.duration:g} s of {plan.mood}{genre} music in {plan.key} "
                f"{plan.mode} at {plan.tempo} bpm ({', '.join(data['instruments'].values())}"
                f"{', drums' if plan.drums != 'none' else ''}); chords "
                f"{'-'.join(data['progression'])}.")
        return ToolResult(outputs=[Output("audio", audio, "music"),
                                   Output("midi", midi, "music", ext=".mid")],
                          text=text, data=data)
