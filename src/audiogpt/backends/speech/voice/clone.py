"""Backends of voice_clone and voice_conversion that learn from the user's speech ("world-map").

The reference is an enrolled voice (its stored mapping) or a recording, enrolled on the fly
for the call (transcribed by the speech_recognition tool, not stored). voice_clone speaks
the text with the profile's base voice, then converts it frame by frame with the learned
mapping (:mod:`world_map`); voice_conversion normalises the input's cepstra to the base
voice's statistics and applies the same mapping, keeping the timing. Every output carries
the keyed watermark (:mod:`audiogpt.backends.dsp.watermark`).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from audiogpt.backends.base import Backend, Request, module, program
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.backends.speech.voice.profiles import VoiceProfile
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

REQUIRES = (module("pyworld", "speech"), module("librosa", "speech"),
            module("swift_f0", pip="swift-f0"), module("resemblyzer", pip="Resemblyzer"),
            module("parselmouth", "speech", pip="praat-parselmouth"), program("flite"))


def reference_voice(req: Request, tool: str) -> VoiceProfile:
    """The enrolled voice named by ``reference``, or the reference file enrolled on the fly."""
    from audiogpt.backends.speech.voice import enroll, profiles

    if "reference" in req.voices:
        return profiles.load(req.settings.home, req.voices["reference"])
    if req.transcribe is None:
        raise ToolInputError(f"{tool}: a reference recording needs the speech_recognition tool "
                             "to learn from; enroll it with `audiogpt voices add`")
    ref = req.audio("reference", native=True)
    path = req.files["reference"]
    prof, mapping = enroll.enroll("reference", [(path.name, ref)],
                                  lambda i: req.transcribe(path),  # type: ignore[misc]
                                  consent="given per call (not stored)",
                                  check=req.settings.voice_guard,
                                  timing=req.settings.voice_timing)
    prof._mapping = mapping
    return prof


def _watermarked(audio: Audio, tool: str) -> Audio:
    from audiogpt.backends.dsp.watermark import embed

    return embed(audio, tool)


class WorldMapVoiceClone(Backend):
    """Base TTS voice converted by the mapping learned from the user's speech."""

    name = "world-map"
    tool = "voice_clone"
    summary = ("learns from the user's speech: base TTS + exemplar mapping of WORLD "
               "mel-cepstra (DTW-aligned parallel data) + log-F0 transform; watermarked")
    requires = REQUIRES
    priority = 20

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.speech.synthesis.offline import synthesize
        from audiogpt.backends.speech.voice import world_map as wm

        args = req.args
        if str(args.language).lower() not in ("en", "en-us", "en_us", "en-gb"):
            raise ToolInputError("voice_clone: the world-map backend speaks English only; use "
                                 "--backend praat-adapt for other languages")
        voice = reference_voice(req, self.tool)
        req.progress(0.3, "voice loaded")
        base = synthesize(args.text, voice=voice.base_voice, language="en", sample_rate=wm.RATE)
        req.progress(0.6, "text synthesized")
        mapping = voice.mapping()
        if mapping.timing != req.settings.voice_timing:
            mapping = dataclasses.replace(mapping, timing=req.settings.voice_timing)
        out = _watermarked(wm.render(wm.analyse(base), mapping), self.tool)
        req.progress(1.0, "voice converted")
        enrolled = "reference" in req.voices
        data = {"method": "world-map: exemplar mapping of WORLD mel-cepstra + log-F0 transform",
                "voice": voice.name if enrolled else None, "enrolled": enrolled,
                "base_voice": voice.base_voice, "speech_seconds": round(voice.speech_seconds, 1),
                "warnings": voice.warnings, "watermark": True,
                "strength": voice.strength, "strength_check": voice.strength_check,
                "timing": "user's per-class durations" if mapping.timing and mapping.durations
                else "speaking-rate ratio",
                "duration_s": round(out.duration, 3)}
        who = f"the enrolled voice {voice.name!r}" if enrolled else "the reference recording"
        text = f"Spoke the text in {who} (learned from {voice.speech_seconds:.0f} s of speech)."
        return ToolResult(outputs=[Output("audio", out, "cloned",
                                          meta={"method": data["method"], "watermark": True})],
                          text=text, data=data)


class WorldMapVoiceConversion(Backend):
    """The input's cepstra normalised to the base voice, then mapped like voice_clone."""

    name = "world-map"
    tool = "voice_conversion"
    summary = ("mapping learned from the user's speech applied to the input (cepstral "
               "normalisation to the base voice, exemplar mapping, log-F0 transform); "
               "timing kept; watermarked")
    requires = REQUIRES
    priority = 5  # not measured yet against praat-adapt: opt in with --backend world-map

    def run(self, req: Request) -> ToolResult:
        import numpy as np

        from audiogpt.backends.speech.voice import world_map as wm
        from audiogpt.core.audio import Audio

        audio = req.audio("audio", native=True).to_mono()
        voice = reference_voice(req, self.tool)
        mapping = voice.mapping()
        req.progress(0.4, "voice loaded")
        src = wm.analyse(audio)
        speech = src.speech
        if speech.sum() < 10:
            raise ToolInputError("voice_conversion: the input has no speech to convert")
        mu_in, sd_in = src.cep[speech, 1:].mean(0), src.cep[speech, 1:].std(0) + 1e-6
        base_cep = mapping.src[:, : wm.N_CEP - 1]  # keys start with c1..c39 of the frame
        mu_b, sd_b = base_cep.mean(0), base_cep.std(0)
        src.cep[:, 1:] = (src.cep[:, 1:] - mu_in) / sd_in * sd_b + mu_b
        own = wm.logf0_stats(src.f0)
        conv = wm.Mapping(mapping.src, mapping.tgt, own, mapping.f0_tgt, 1.0, mapping.strength)
        out = wm.render(src, conv, match_rate=False)
        out = out.resampled(audio.sample_rate) if out.sample_rate != audio.sample_rate else out
        samples = out.mono[: audio.frames]
        out = Audio(np.pad(samples, (0, audio.frames - samples.size)), audio.sample_rate)
        out = _watermarked(out, self.tool)
        req.progress(1.0, "voice converted")
        enrolled = "reference" in req.voices
        data = {"method": "world-map conversion (cepstral normalisation + exemplar mapping)",
                "voice": voice.name if enrolled else None, "enrolled": enrolled,
                "watermark": True}
        return ToolResult(outputs=[Output("audio", out, "converted",
                                          meta={"method": data["method"], "watermark": True})],
                          text="Converted the recording to the reference voice, timing kept.",
                          data=data)
