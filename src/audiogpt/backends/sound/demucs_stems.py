"""Optional foundation backend of sound_extraction for music: Demucs (Hybrid Transformer Demucs,
Rouard, Massa & Défossez 2023) through the ``demucs`` package, loaded from the local folder named
by ``AUDIOGPT_DEMUCS_MODEL`` (a copy of ``adefossez/HTDemucs``: ``htdemucs.yaml`` naming the
models of the bag, one ``<signature>.safetensors`` each), else the first pulled catalog model
(``audiogpt models pull htdemucs``, ``htdemucs-ft`` or ``htdemucs-6s``); nothing is downloaded
at run time.

It serves queries that name music stems: vocals (voice, singing), drums (percussion), bass,
other (or guitar/piano with the six-stem model), several of them ("drums and bass"), or their
complement ("without vocals", "instrumental", "karaoke"). Other queries (speech, birds, an
example clip) go to the next backend. The mixture is normalised as ``demucs.separate`` does,
split into the model's segments with 25 % overlap, and the stems returned at the input's rate
and channel count.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module
from audiogpt.backends.foundation import EXTRA, INSTALL, device
from audiogpt.core.errors import BackendError, ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.tools.base import ToolArgs

from audiogpt.core.config import env_setting

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_DEMUCS_MODEL"
EXAMPLE = "adefossez/HTDemucs"
#: Modules a Demucs checkpoint may name as its model class (nothing else is imported).
CLASSES = ("demucs.htdemucs.", "demucs.hdemucs.", "demucs.demucs.", "demucs.wdemucs.")

#: stem -> words of a query that name it.
STEM_WORDS: dict[str, tuple[str, ...]] = {
    "vocals": ("vocal", "vocals", "voice", "voices", "singing", "singer", "singers", "sing",
               "lyrics", "acapella", "cappella", "choir"),
    "drums": ("drum", "drums", "percussion", "percussive", "kick", "snare", "cymbal", "cymbals",
              "hihat", "hat", "toms"),
    "bass": ("bass", "bassline", "basses"),
    "guitar": ("guitar", "guitars"),
    "piano": ("piano", "pianos", "keys"),
    "other": ("other", "others", "rest", "synth", "synths", "strings"),
}
COMPLEMENT_OF_VOCALS = ("instrumental", "accompaniment", "karaoke", "backing", "minusone")
NEGATIONS = ("without", "no", "remove", "removed", "except", "minus", "mute", "muted", "drop",
             "but", "not", "exclude", "excluding", "less")


def parse_query(query: str) -> tuple[list[str], bool] | None:
    """The stems a query names and whether it asks for everything else.

    Returns:
        ``(stems, complement)``, or None when the query names no music stem (or is a file).
    """
    q = query.lower()
    if "/" in q or "\\" in q or re.search(r"\.(wav|mp3|flac|ogg|m4a|aac|opus|aiff?)\b", q):
        return None
    words = re.findall(r"[a-z]+", q.replace("hi-hat", "hihat").replace("a cappella",
                                                                       "acapella"))
    if any(w in ("speech", "speaking", "speaker", "talking", "talk", "spoken", "narrator")
           for w in words):
        return None  # spoken voice: the speech-denoising extractor serves it
    if any(w in COMPLEMENT_OF_VOCALS for w in words):
        return ["vocals"], True
    wanted: list[str] = []
    unwanted: list[str] = []
    for i, w in enumerate(words):
        for stem, vocab in STEM_WORDS.items():
            if w in vocab:
                negated = any(x in NEGATIONS for x in words[max(0, i - 3):i])
                target = unwanted if negated else wanted
                if stem not in target:
                    target.append(stem)
    if wanted:  # "drums but not the bass": the drums
        return wanted, False
    return (unwanted, True) if unwanted else None


def model_folder() -> Path | None:
    """The Demucs folder to load: ``AUDIOGPT_DEMUCS_MODEL`` when set, else the first pulled and
    verified catalog model of this backend (None when neither is usable)."""
    from audiogpt.backends.models import store

    value = env_setting(ENV)
    if value:
        path = Path(value).expanduser()
        return path if path.is_dir() and list(path.glob("*.yaml")) else None
    return store.model_path("demucs")


def folder_reason() -> str | None:
    """Why no usable Demucs folder is set or pulled (None when one is), with the fix."""
    from audiogpt.backends.models import store

    value = env_setting(ENV)
    hint = (f"set {ENV} to a local {EXAMPLE} folder (htdemucs.yaml + *.safetensors; "
            f"pip install 'audiogpt[{EXTRA}]')")
    if not value:
        reason = store.model_reason("demucs")
        return None if reason is None else f"{reason}; or {hint}"
    path = Path(value).expanduser()
    if not path.is_dir():
        return f"{ENV}={value} is not a folder; {hint}"
    if not list(path.glob("*.yaml")):
        return f"{ENV}={value} has no Demucs bag .yaml; {hint}"
    return None


def _check_classes(meta: dict[str, str], name: str) -> None:
    """Refuse a checkpoint whose metadata names a class outside the Demucs model modules."""
    named = [meta.get("klass", "")]
    named += re.findall(r'"_class":\s*"([^"]+)"', meta.get("structure", ""))
    for klass in named:
        if not klass.startswith(CLASSES) and not klass.startswith("diffq."):
            raise BackendError(f"sound_extraction/demucs: {name} names class {klass!r}, "
                               "not a Demucs model; refusing to load it")


def load_bag(path: Path) -> Any:
    """The ``BagOfModels`` of a local Demucs folder (one bag ``.yaml``, its safetensors)."""
    import yaml
    from demucs.apply import BagOfModels
    from demucs.hf import load_safetensors_model
    from safetensors import safe_open

    specs = sorted(path.glob("*.yaml"))
    if len(specs) != 1:
        raise BackendError(f"sound_extraction/demucs: {path} must hold exactly one bag .yaml "
                           f"(found {len(specs)})")
    bag = yaml.safe_load(specs[0].read_text())
    if not isinstance(bag, dict) or not bag.get("models"):
        raise BackendError(f"sound_extraction/demucs: {specs[0].name} lists no models")
    models = []
    for sig in bag["models"]:
        file = path / f"{sig}.safetensors"
        if not file.is_file():
            raise BackendError(f"sound_extraction/demucs: {file.name} is missing from {path}")
        with safe_open(str(file), framework="pt") as f:
            _check_classes(f.metadata() or {}, file.name)
        models.append(load_safetensors_model(file))
    return BagOfModels(models, bag.get("weights"), bag.get("segment")).eval()


class DemucsStems(Backend):
    """Hybrid Transformer Demucs music stems (vocals, drums, bass, other) from a local folder."""

    name = "demucs"
    tool = "sound_extraction"
    summary = ("Demucs music stems (vocals/drums/bass/other): `audiogpt models pull htdemucs` "
               f"(or a local folder in {ENV})")
    requires = (module("demucs", EXTRA), module("torch", EXTRA))
    priority = 20
    embedded = False

    @classmethod
    def extra_check(cls) -> str | None:
        return folder_reason()

    @classmethod
    def accepts(cls, args: ToolArgs) -> str | None:
        if parse_query(str(getattr(args, "query", ""))) is None:
            return ("Demucs separates music stems only: ask for vocals, drums, bass, other "
                    "(or guitar/piano with a six-stem model), or music without one of them")
        return None

    def load(self) -> None:
        """Load the bag of models once, on the GPU when there is one."""
        path = model_folder()
        if path is None:
            raise BackendError(f"sound_extraction/demucs: {folder_reason()}")
        self.bag = load_bag(path)
        self.device = device()
        self.bag.to(self.device)
        self.path = str(path)
        logger.info("loaded Demucs %s from %s on %s (%s)", self.bag.sources, path, self.device,
                    INSTALL)

    def stems_for(self, query: str) -> tuple[list[str], bool]:
        """The model's stems a query selects and whether they are the complement."""
        parsed = parse_query(query)
        if parsed is None:
            raise ToolInputError(f"sound_extraction/demucs: {query!r} names no music stem")
        stems, complement = parsed
        sources = list(self.bag.sources)
        chosen = [s if s in sources else "other" for s in stems]
        chosen = [s for i, s in enumerate(chosen) if s in sources and s not in chosen[:i]]
        if not chosen:
            raise ToolInputError(f"sound_extraction/demucs: this model's stems are "
                                 f"{', '.join(sources)}; {query!r} names none of them")
        if complement:
            chosen = [s for s in sources if s not in chosen]
        return chosen, complement

    def separate(self, samples: Any, rate: int) -> dict[str, Any]:
        """All stems of ``samples`` (channels, frames) at ``rate``: name -> (channels, frames)."""
        import torch
        from demucs.apply import apply_model
        from demucs.audio import convert_audio

        wav = torch.from_numpy(samples).float()
        channels = wav.shape[0]
        wav = convert_audio(wav, rate, self.bag.samplerate, self.bag.audio_channels)
        ref = wav.mean(0)
        mean, std = ref.mean(), ref.std() + 1e-8
        with torch.inference_mode():
            out = apply_model(self.bag, ((wav - mean) / std)[None], shifts=1, split=True,
                              overlap=0.25, device=self.device, progress=False)[0]
        out = out * std + mean
        stems = {}
        for name, stem in zip(self.bag.sources, out, strict=True):
            stem = convert_audio(stem, self.bag.samplerate, rate, channels)
            stem = stem[..., :samples.shape[1]]
            if stem.shape[-1] < samples.shape[1]:  # resampling back can fall a sample short
                stem = torch.nn.functional.pad(stem, (0, samples.shape[1] - stem.shape[-1]))
            stems[name] = stem.cpu().numpy()
        return stems

    def run(self, req: Request) -> ToolResult:
        import numpy as np

        from audiogpt.core.audio import Audio

        if str(model_folder()) != self.path:
            self.load()  # the variable (or the pulled model) now names another model
        query = str(req.get("query"))
        chosen, complement = self.stems_for(query)
        audio = req.audio("audio", native=True)
        if audio.channels > 2:  # Demucs hears stereo; a multichannel file is heard as mono
            audio = audio.to_mono()
        req.progress(0.05, "separating with Demucs")
        stems = self.separate(audio.samples, audio.sample_rate)
        out = np.sum([stems[s] for s in chosen], axis=0).astype(np.float32)
        peak = float(np.abs(out).max()) if out.size else 0.0
        if peak > 1.0:  # stems of a loud mixture can exceed full scale; keep them unclipped
            out /= peak
        levels = {s: round(float(np.sqrt(np.mean(stems[s] ** 2)) + 1e-12), 6) for s in stems}
        name = "+".join(chosen)
        data = {"method": "demucs", "query": query, "stems": chosen, "complement": complement,
                "sources": list(self.bag.sources), "rms": levels, "model": self.path,
                "model_sample_rate": int(self.bag.samplerate), "device": self.device,
                "normalised_by": round(peak, 4) if peak > 1.0 else None}
        return ToolResult(outputs=[Output("audio", Audio(out, audio.sample_rate), name)],
                          text=f"Extracted {name} from the music with Demucs.", data=data)
