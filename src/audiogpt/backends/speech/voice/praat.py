"""Backends of voice_clone and voice_conversion: Praat PSOLA voice adaptation ("praat-adapt").

voice_clone synthesizes the text with an offline TTS voice chosen to match the reference's
voice register (a low voice gets a male base voice, a high one a female voice), then adapts
pitch level/range, formants and speaking rate to the reference. voice_conversion applies the
same adaptation to the user's recording, keeping its duration. No neural cloning model is
involved; ``data`` reports the measured profiles and the applied factors. The reference may
be an enrolled voice (its stored Praat profile is used); outputs carry the watermark.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from audiogpt.backends.base import Backend, Request, module, program
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.tools.voice_clone import VoiceCloneArgs

logger = logging.getLogger(__name__)

#: Base English voices (flite clustergen, CMU ARCTIC speakers) by register.
BASE_VOICES = {"low": "rms", "high": "slt"}
SAMPLE_RATE = 16000


def base_voice(f0_median: float, language: str) -> str | None:
    """The TTS voice to start from: matched to the reference register for English."""
    from audiogpt.backends.speech.voice.adapt import LOW_VOICE_HZ

    if language.lower() not in ("en", "en-us", "en_us"):
        return None  # the language's default (espeak-ng) voice
    return BASE_VOICES["low" if f0_median < LOW_VOICE_HZ else "high"]


def reference_profile(req: Request):
    """The Praat profile of the reference: stored with an enrolled voice, or measured."""
    from audiogpt.backends.speech.voice.adapt import SpeakerProfile, profile

    if "reference" in req.voices:
        from audiogpt.backends.speech.voice.profiles import load

        stored = dict(load(req.settings.home, req.voices["reference"]).praat)
        stored["formants"] = tuple(stored["formants"])
        return SpeakerProfile(**stored)
    return profile(req.audio("reference").to_mono(), "reference")


class PraatVoiceClone(Backend):
    """TTS + Praat voice adaptation toward the reference."""

    name = "praat-adapt"
    tool = "voice_clone"
    summary = ("offline TTS (flite/espeak-ng) + Praat PSOLA adaptation of F0 level/range, "
               "formants and speaking rate to the reference; not a neural clone")
    sample_rate = SAMPLE_RATE
    requires = (module("parselmouth", "speech", pip="praat-parselmouth"),
                program("flite"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.dsp.watermark import embed
        from audiogpt.backends.speech.synthesis.offline import synthesize
        from audiogpt.backends.speech.voice.adapt import adapt, profile

        args: VoiceCloneArgs = req.args  # type: ignore[assignment]
        target = reference_profile(req)
        req.progress(0.2, "reference measured")
        voice = base_voice(target.f0_median, args.language)
        try:
            speech = synthesize(args.text, voice=voice, language=args.language,
                                sample_rate=SAMPLE_RATE)
        except ToolInputError as exc:
            raise ToolInputError(str(exc).replace("text_to_speech:", "voice_clone:")) from None
        req.progress(0.6, "text synthesized")
        source = profile(speech, "synthesized")
        out, factors = adapt(speech, source, target, match_rate=True)
        out = embed(out, self.tool)
        req.progress(1.0, "voice adapted")
        data = {"method": "tts + Praat PSOLA voice adaptation (Change gender)",
                "base_voice": voice or f"default {args.language} voice",
                "reference": target.as_dict(), "base": source.as_dict(), **factors,
                "duration_s": round(out.duration, 3)}
        text = (f"Spoke the text with base voice {data['base_voice']} moved toward the reference "
                f"(F0 {target.f0_median:.0f} Hz, formant warp {factors['formant_warp']:g}).")
        return ToolResult(outputs=[Output("audio", out, "cloned", meta={"method": data["method"]})],
                          text=text, data=data)


class PraatVoiceConversion(Backend):
    """Praat voice adaptation of the user's recording toward the reference."""

    name = "praat-adapt"
    tool = "voice_conversion"
    summary = ("Praat PSOLA adaptation of F0 level/range and formants toward the reference; "
               "duration kept; not a neural converter")
    requires = (module("parselmouth", "speech", pip="praat-parselmouth"),)
    priority = 10

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.dsp.watermark import embed
        from audiogpt.backends.speech.voice.adapt import adapt, profile

        audio = req.audio("audio").to_mono()
        target = reference_profile(req)
        source = profile(audio, "input")
        req.progress(0.3, "voices measured")
        out, factors = adapt(audio, source, target, match_rate=False)
        if out.frames != audio.frames:  # PSOLA may differ by a few samples
            import numpy as np

            from audiogpt.core.audio import Audio

            samples = out.mono[: audio.frames]
            samples = np.pad(samples, (0, audio.frames - samples.size))
            out = Audio(samples, audio.sample_rate)
        out = embed(out, self.tool)
        req.progress(1.0, "voice converted")
        data = {"method": "Praat PSOLA voice adaptation (Change gender)",
                "reference": target.as_dict(), "input": source.as_dict(), **factors}
        text = (f"Moved the voice from F0 {source.f0_median:.0f} Hz to {target.f0_median:.0f} Hz, "
                f"formant warp {factors['formant_warp']:g}.")
        return ToolResult(outputs=[Output("audio", out, "converted", meta={"method": data["method"]})],
                          text=text, data=data)
