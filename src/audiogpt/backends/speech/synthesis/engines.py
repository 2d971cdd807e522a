"""Command-line speech synthesizers shipped as Debian packages: flite, festival, espeak-ng.

Each engine function takes one chunk of text (a sentence or a few) and returns ``Audio`` at
the engine's native rate. Text is passed through a UTF-8 file, never on the command line.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audiogpt.core.errors import BackendError, BackendUnavailable

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

#: ISO 639-1 codes whose espeak-ng voice has another name.
ESPEAK_ALIASES = {"zh": "cmn", "en": "en-us", "fr": "fr-fr", "pt": "pt", "nb": "nb", "no": "nb",
                  "fa": "fa", "vi": "vi"}


@dataclass(frozen=True)
class Voice:
    """A named voice.

    Attributes:
        name: Name passed as ``--voice``.
        engine: ``piper``, ``flite``, ``festival`` or ``espeak``.
        language: ISO 639-1 code (or espeak's language tag for espeak voices).
        engine_voice: The engine's own identifier for the voice.
        gender: ``female``, ``male`` or ``""`` when unknown.
        description: One line for listings.
    """

    name: str
    engine: str
    language: str
    engine_voice: str
    gender: str = ""
    description: str = ""


FLITE_VOICES = (
    Voice("slt", "flite", "en", "slt", "female",
          "US English female (CMU ARCTIC slt, flite clustergen)"),
    Voice("rms", "flite", "en", "rms", "male", "US English male (CMU ARCTIC rms, flite clustergen)"),
    Voice("awb", "flite", "en", "awb", "male", "Scottish English male (CMU ARCTIC awb, flite)"),
    Voice("kal16", "flite", "en", "kal16", "male", "US English male diphone, 16 kHz (flite)"),
    Voice("kal", "flite", "en", "kal", "male", "US English male diphone, 8 kHz (flite)"),
)
FESTIVAL_VOICES = (
    Voice("slt_hts", "festival", "en", "cmu_us_slt_arctic_hts", "female",
          "US English female, HMM/HTS statistical voice (festival)"),
    Voice("kal_diphone", "festival", "en", "kal_diphone", "male",
          "US English male diphone (festival kallpc16k)"),
)


def _run(cmd: list[str], what: str, timeout: float = 600) -> None:
    exe = shutil.which(cmd[0])
    if exe is None:
        pkg = {"text2wave": "festival", "espeak-ng": "espeak-ng"}.get(cmd[0], cmd[0])
        raise BackendUnavailable(f"{what}: program {cmd[0]} is missing "
                                 f"(sudo apt-get install {pkg})")
    proc = subprocess.run([exe, *cmd[1:]], capture_output=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BackendError(f"{what} failed: {err[-1] if err else 'exit ' + str(proc.returncode)}")


def _read(path: Path, what: str) -> Audio:
    from audiogpt.core.audio import Audio

    if not path.exists() or path.stat().st_size <= 44:
        raise BackendError(f"{what} produced no audio")
    return Audio.from_file(path).to_mono()


def run_flite(text: str, voice: Voice, speed: float, workdir: Path) -> Audio:
    """Synthesize with flite; speed via its ``duration_stretch`` feature."""
    src, out = workdir / "in.txt", workdir / "out.wav"
    src.write_text(text, encoding="utf-8")
    cmd = ["flite", "-voice", voice.engine_voice, "-f", str(src), "-o", str(out)]
    if abs(speed - 1.0) > 1e-3:
        cmd += ["--setf", f"duration_stretch={1.0 / speed:.4f}"]
    _run(cmd, f"flite ({voice.name})")
    return _read(out, f"flite ({voice.name})")


def run_festival(text: str, voice: Voice, speed: float, workdir: Path) -> Audio:
    """Synthesize with festival's text2wave; speed by a pitch-keeping time stretch afterwards
    (the HTS engine ignores festival's Duration_Stretch)."""
    src, out = workdir / "in.txt", workdir / "out.wav"
    # festival reads ISO-8859-1; keep what it can say.
    src.write_bytes(text.encode("latin-1", "replace"))
    _run(["text2wave", "-eval", f"(voice_{voice.engine_voice})", str(src), "-o", str(out)],
         f"festival ({voice.name})")
    audio = _read(out, f"festival ({voice.name})")
    if abs(speed - 1.0) > 1e-3:
        audio = time_stretch(audio, speed)
    return audio


def run_espeak(text: str, voice: Voice, speed: float, workdir: Path) -> Audio:
    """Synthesize with espeak-ng (formant synthesis, 100+ languages); 175 words/min = 1x."""
    src, out = workdir / "in.txt", workdir / "out.wav"
    src.write_text(text, encoding="utf-8")
    wpm = round(min(max(175 * speed, 80), 500))
    _run(["espeak-ng", "-v", voice.engine_voice, "-s", str(wpm), "-b", "1", "-f", str(src),
          "-w", str(out)], f"espeak-ng ({voice.name})")
    return _read(out, f"espeak-ng ({voice.name})")


def run_piper(text: str, voice: Voice, speed: float, workdir: Path) -> Audio:
    """Synthesize with a Piper neural voice (onnxruntime + espeak-ng phonemes)."""
    from audiogpt.backends.speech.synthesis.piper import run_piper as _piper

    return _piper(text, voice, speed, workdir)


ENGINES = {"flite": run_flite, "festival": run_festival, "espeak": run_espeak, "piper": run_piper}


def time_stretch(audio: Audio, speed: float) -> Audio:
    """Change speed keeping pitch (Rubber Band via pedalboard)."""
    import pedalboard

    from audiogpt.core.audio import Audio

    out = pedalboard.time_stretch(audio.samples, float(audio.sample_rate),
                                  stretch_factor=float(speed))
    return Audio(out, audio.sample_rate)


@functools.lru_cache(maxsize=1)
def espeak_voices() -> tuple[Voice, ...]:
    """The espeak-ng languages installed here, as voices named ``espeak-<lang>``."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        return ()
    proc = subprocess.run([exe, "--voices"], capture_output=True, text=True, check=False)
    voices = []
    for line in proc.stdout.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 4:
            continue
        lang, name = parts[1], parts[3]
        voices.append(Voice(f"espeak-{lang}", "espeak", lang, lang, "",
                            f"{name.replace('_', ' ')} (espeak-ng formant synthesis)"))
    return tuple(voices)


def festival_voices() -> tuple[Voice, ...]:
    """The festival voices whose data is installed."""
    if shutil.which("text2wave") is None:
        return ()
    roots = [Path("/usr/share/festival/voices")]
    found = {p.name for r in roots if r.exists() for p in r.glob("*/*") if p.is_dir()}
    return tuple(v for v in FESTIVAL_VOICES if v.engine_voice in found)


def flite_voices() -> tuple[Voice, ...]:
    """The flite voices compiled into the installed flite."""
    exe = shutil.which("flite")
    if exe is None:
        return ()
    proc = subprocess.run([exe, "-lv"], capture_output=True, text=True, check=False)
    names = set(proc.stdout.replace("Voices available:", "").split())
    return tuple(v for v in FLITE_VOICES if v.engine_voice in names)


def synth_chunk(text: str, voice: Voice, speed: float) -> Audio:
    """Synthesize one chunk of text with the voice's engine in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="audiogpt-tts-") as tmp:
        return ENGINES[voice.engine](text, voice, speed, Path(tmp))
