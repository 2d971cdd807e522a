"""Foundation backend of text_to_speech: Kokoro-82M (StyleTTS 2 style predictor + iSTFTNet
decoder, 24 kHz) through the ``kokoro`` package's ``KModel``, with its voice packs.

The model is the pulled catalog model (``audiogpt models pull kokoro-82m``, Apache-2.0) or the
folder in ``AUDIOGPT_KOKORO_MODEL`` (``config.json``, one ``*.pth`` and ``voices/*.pt``);
nothing is downloaded at run time (``KModel`` gets the local files; ``KPipeline`` is not used
because it fetches voices from the hub). GPU when present, else CPU.

Text -> phonemes with misaki: its espeak-ng front end (``misaki.espeak.EspeakG2P``, the
library bundled by ``espeakng-loader``) for every language; for English, misaki's lexicon G2P
when spaCy's ``en_core_web_sm`` is installed (it is not on PyPI, so it is usually absent;
``data.g2p`` says which one ran). Languages: American and British English, Spanish, French,
Hindi, Italian, Brazilian Portuguese; Japanese and Chinese need misaki extras and go to the
other backends. The voice is a Kokoro voice name (``af_heart``, ``bm_george``...; its first
letter is the language) or the language's default. Text is spoken sentence by sentence in
chunks of at most 500 phonemes (the model's context is 510).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Request, module
from audiogpt.backends.foundation import EXTRA, FoundationBackend, device, requirements
from audiogpt.core.errors import BackendError, ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.tools.base import ToolArgs

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_KOKORO_MODEL"
RATE = 24000
MAX_PHONEMES = 500
#: ISO 639-1 (or regional) code -> (Kokoro language letter, espeak-ng voice, default voice).
LANGS: dict[str, tuple[str, str, str]] = {
    "en": ("a", "en-us", "af_heart"), "en-us": ("a", "en-us", "af_heart"),
    "en-gb": ("b", "en-gb", "bf_emma"), "es": ("e", "es", "ef_dora"),
    "fr": ("f", "fr-fr", "ff_siwis"), "hi": ("h", "hi", "hf_alpha"),
    "it": ("i", "it", "if_sara"), "pt": ("p", "pt-br", "pf_dora"),
    "pt-br": ("p", "pt-br", "pf_dora"),
}
VOICE = re.compile(r"^[abefhipjz][fm]_[a-z]+$")


def language(args: Any) -> str:
    """The request's language code, lower case with ``-`` (``en_GB`` -> ``en-gb``)."""
    return str(getattr(args, "language", "en") or "en").strip().lower().replace("_", "-")


def lang_entry(args: Any) -> tuple[str, str, str] | None:
    """(letter, espeak voice, default voice) for the request (a named voice sets the letter)."""
    voice = str(getattr(args, "voice", "") or "")
    if voice and VOICE.match(voice):
        for entry in LANGS.values():
            if entry[0] == voice[0]:
                return entry
        return None
    lang = language(args)
    return LANGS.get(lang) or LANGS.get(lang.split("-")[0])


def chunks(phonemes: list[str], limit: int = MAX_PHONEMES) -> list[str]:
    """Sentence phoneme strings packed into chunks of at most ``limit`` symbols (a sentence
    longer than that is cut at spaces)."""
    out: list[str] = []
    for sent in phonemes:
        while len(sent) > limit:
            cut = sent.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            out.append(sent[:cut].strip())
            sent = sent[cut:].strip()
        if out and len(out[-1]) + 1 + len(sent) <= limit:
            out[-1] = f"{out[-1]} {sent}"
        elif sent:
            out.append(sent)
    return [c for c in out if c]


class KokoroTTS(FoundationBackend):
    """Kokoro-82M multilingual speech synthesis with its voice packs."""

    name = "kokoro"
    tool = "text_to_speech"
    summary = ("Kokoro-82M neural TTS (24 kHz; en, es, fr, hi, it, pt; 50+ voices): "
               "`audiogpt models pull kokoro-82m`")
    requires = (*requirements(), module("kokoro", EXTRA, pip="kokoro"),
                module("misaki", EXTRA, pip="misaki"))
    env = ENV
    example = "hexgrad/Kokoro-82M"

    @classmethod
    def accepts(cls, args: ToolArgs) -> str | None:
        voice = str(getattr(args, "voice", "") or "")
        if voice and not VOICE.match(voice):
            return f"{voice!r} is not a Kokoro voice (e.g. af_heart, bm_george)"
        if lang_entry(args) is None:
            return (f"Kokoro speaks en, en-gb, es, fr, hi, it, pt here, not "
                    f"{language(args)!r}")
        return None

    def load(self) -> None:
        """Build ``KModel`` from the local config and weights."""
        import torch  # noqa: F401  (kokoro needs it; imported first for a clear error)
        from kokoro import KModel

        folder = self.model_folder()
        if folder is None:
            raise BackendError(f"text_to_speech/kokoro: {self.extra_check()}")
        weights = sorted(Path(folder).glob("*.pth"))
        if len(weights) != 1:
            raise BackendError(f"text_to_speech/kokoro: {folder} must hold one .pth "
                               f"(found {len(weights)})")
        self.device = device()
        model = KModel(repo_id="hexgrad/Kokoro-82M", config=str(Path(folder) / "config.json"),
                       model=str(weights[0]))
        self.model = model.to(self.device).eval()
        self.path = str(folder)
        self.g2ps: dict[str, Any] = {}
        logger.info("loaded Kokoro from %s on %s", folder, self.device)

    def g2p(self, letter: str, espeak_voice: str) -> tuple[Any, str]:
        """The phonemizer of a language and its name (cached)."""
        if letter not in self.g2ps:
            name = f"misaki espeak-ng ({espeak_voice})"
            g2p: Any = None
            if letter in "ab":
                import spacy

                if spacy.util.is_package("en_core_web_sm"):
                    from misaki import en, espeak

                    g2p = en.G2P(trf=False, british=letter == "b",
                                 fallback=espeak.EspeakFallback(british=letter == "b"))
                    name = "misaki lexicon + spaCy (espeak-ng fallback)"
            if g2p is None:
                from misaki import espeak

                g2p = espeak.EspeakG2P(language=espeak_voice)
            self.g2ps[letter] = (g2p, name)
        return self.g2ps[letter]

    def voice_pack(self, voice: str) -> Any:
        """The style vectors of ``voice`` (``voices/NAME.pt``: (510, 1, 256))."""
        import torch

        path = Path(self.path) / "voices" / f"{voice}.pt"
        if not path.is_file():
            have = sorted(p.stem for p in (Path(self.path) / "voices").glob("*.pt"))
            raise ToolInputError(f"text_to_speech/kokoro: no voice {voice!r}; this model has "
                                 f"{', '.join(have[:20]) or 'none'}")
        return torch.load(str(path), map_location="cpu", weights_only=True)

    def run(self, req: Request) -> ToolResult:
        import numpy as np
        import torch

        from audiogpt.core.audio import Audio

        if str(self.model_folder()) != self.path:
            self.load()
        args = req.args
        entry = lang_entry(args)
        if entry is None:
            raise ToolInputError(f"text_to_speech/kokoro: {self.accepts(args)}")
        letter, espeak_voice, default = entry
        voice = str(req.get("voice") or default)
        pack = self.voice_pack(voice)
        g2p, g2p_name = self.g2p(letter, espeak_voice)
        text = str(req.get("text"))
        sentences = [s for s in re.split(r"(?<=[.!?;:\u3002])\s+|\n+", text) if s.strip()]
        phonemes = [str(g2p(s)[0] or "").strip() for s in sentences]
        parts = chunks([p for p in phonemes if p])
        if not parts:
            raise ToolInputError("text_to_speech/kokoro: nothing in --text can be spoken")
        speed = float(req.get("speed") or 1.0)
        waves = []
        for i, ps in enumerate(parts):
            ref = pack[min(len(ps), len(pack)) - 1]
            with torch.inference_mode():
                wave = self.model(ps, ref.to(self.device), speed)
            waves.append(wave.float().cpu().numpy().reshape(-1))
            req.progress((i + 1) / len(parts), f"spoke chunk {i + 1}/{len(parts)}")
        samples = np.concatenate(waves).astype(np.float32)
        peak = float(np.abs(samples).max()) if samples.size else 0.0
        if peak > 1.0:
            samples /= peak
        audio = Audio(samples[None, :], RATE)
        if req.get("sample_rate") and req.get("sample_rate") != RATE:
            audio = audio.resampled(int(req.get("sample_rate")))
        data = {"voice": voice, "engine": "kokoro", "model": self.path, "g2p": g2p_name,
                "language": language(args), "chunks": len(parts), "speed": speed,
                "sample_rate": audio.sample_rate, "device": self.device,
                "duration_s": round(audio.duration, 3)}
        return ToolResult(outputs=[Output("audio", audio, "speech", meta={"voice": voice})],
                          text=f"Kokoro, voice {voice}, {audio.duration:.1f} s.", data=data)
