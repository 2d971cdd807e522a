"""Foundation backend of voice_clone: Kyutai's Pocket TTS (a flow language model over the Mimi
codec, 24 kHz) speaking the text in the voice of a reference recording, zero-shot, through the
``pocket-tts`` package. Every output carries the project's keyed watermark, like the embedded
cloning backends.

The model is a pulled catalog model: ``audiogpt models pull pocket-tts-english
--accept-license`` (gated: the voice-cloning weights need the model's terms accepted) and its
tokenizer ``audiogpt models pull pocket-tts-tokenizer-english``. The model's architecture comes
from the config the package ships for that model (``pocket_tts/config/<name>.yaml``, the
``<name>`` being the folder of the weights in the repository); its ``hf://`` references are
replaced by the pulled files, so nothing is downloaded at run time. GPU when present, else CPU
(the package is built for CPUs: about real time on two cores for the 100M model).

The reference is heard as mono at 24 kHz, at most its first 30 s; it must be a recording
(an enrolled voice keeps no audio). English only (the released English configs).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from audiogpt.backends.base import Backend, Request, module
from audiogpt.backends.foundation import EXTRA, device
from audiogpt.core.errors import BackendError, ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.backends.models.catalog import ModelSpec
    from audiogpt.tools.base import ToolArgs

logger = logging.getLogger(__name__)

NAME = "pocket-tts"
MAX_REFERENCE_S = 30.0
MIN_REFERENCE_S = 1.0
ENGLISH = ("en", "en-us", "en_us", "en-gb", "en_gb", "eng")


def parse_ref(ref: str) -> tuple[str, str, str | None]:
    """``hf://ORG/REPO/PATH[@REV]`` -> (repo, path, revision)."""
    body = ref.removeprefix("hf://")
    body, _, rev = body.partition("@")
    parts = body.split("/")
    return "/".join(parts[:2]), "/".join(parts[2:]), rev or None


def catalog_file(ref: str) -> tuple[ModelSpec | None, str]:
    """The catalog entry that holds the file an ``hf://`` reference names, and the file."""
    from audiogpt.backends.models.catalog import CATALOG

    repo, path, rev = parse_ref(ref)
    for spec in CATALOG:
        if spec.repo == repo and (rev is None or spec.revision == rev) and \
                any(f.path == path for f in spec.files):
            return spec, path
    return None, path


def weight_specs() -> list[ModelSpec]:
    """Catalog entries holding Pocket TTS weights (``languages/<config>/model.safetensors``)."""
    from audiogpt.backends.models.catalog import specs_for

    return [s for s in specs_for(NAME) if any(f.path.endswith("model.safetensors")
                                              for f in s.files)]


def config_name(spec: ModelSpec) -> str:
    """The package config a weights entry uses: the folder its weights lie in."""
    weights = next(f.path for f in spec.files if f.path.endswith("model.safetensors"))
    return Path(weights).parent.name


def configs_dir() -> Path:
    """The YAML configs the installed pocket-tts ships (found without importing it: importing
    pocket_tts loads torch, seconds that every tool listing would pay)."""
    import importlib.util

    found = importlib.util.find_spec("pocket_tts")
    if found is None or not found.submodule_search_locations:
        raise BackendError("voice_clone/pocket-tts: the pocket-tts package is not installed")
    return Path(next(iter(found.submodule_search_locations))) / "config"


def resolve(spec: ModelSpec) -> tuple[dict[str, Any] | None, str]:
    """The package config of ``spec`` with its weights and tokenizer replaced by the pulled
    files, or None and why not (with the pull commands)."""
    import yaml

    from audiogpt.backends.models import store

    cfg_path = configs_dir() / f"{config_name(spec)}.yaml"
    if not cfg_path.is_file():
        return None, (f"model {spec.name}: the installed pocket-tts has no config "
                      f"{cfg_path.name}; upgrade it (pip install -U pocket-tts)")
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    missing: list[str] = []
    local: dict[str, str] = {}
    for key, ref in (("weights", cfg.get("weights_path", "")),
                     ("tokenizer", cfg["flow_lm"]["lookup_table"]["tokenizer_path"])):
        holder, path = catalog_file(ref) if str(ref).startswith("hf://") else (None, ref)
        if holder is None:
            return None, f"model {spec.name}: no catalog entry holds {ref}"
        st = store.status(holder.name)
        if not st.ready or st.path is None:
            missing.append(st.reason)
            continue
        local[key] = str(st.path / path)
    if missing:
        return None, "; ".join(missing)
    cfg["weights_path"] = local["weights"]
    cfg.pop("weights_path_without_voice_cloning", None)
    cfg["flow_lm"]["lookup_table"]["tokenizer_path"] = local["tokenizer"]
    return cfg, ""


def ready_config() -> tuple[ModelSpec | None, dict[str, Any] | None, str]:
    """The first weights entry (catalog order) whose files are all pulled, with its config."""
    from audiogpt.backends.models import store

    reasons = []
    for spec in weight_specs():
        cfg, why = resolve(spec)
        if cfg is not None:
            return spec, cfg, ""
        started = store.status(spec.name).state != "missing"
        reasons.append((not started, why))  # a model already (partly) pulled says its fix first
    reasons.sort(key=lambda r: r[0])
    return None, None, reasons[0][1] if reasons else "no Pocket TTS model in the catalog"


class PocketTTSVoiceClone(Backend):
    """Zero-shot voice cloning with Kyutai Pocket TTS; watermarked."""

    name = NAME
    tool = "voice_clone"
    summary = ("Kyutai Pocket TTS zero-shot cloning from the reference recording (24 kHz, "
               "English; watermarked): `audiogpt models pull pocket-tts-english "
               "--accept-license`")
    requires = (module("pocket_tts", EXTRA, pip="pocket-tts"), module("torch", EXTRA))
    priority = 25  # above the embedded world-map (20) once pulled
    embedded = False
    _model: ClassVar[dict[str, Any]] = {}

    @classmethod
    def extra_check(cls) -> str | None:
        _, cfg, why = ready_config()
        return None if cfg is not None else why

    @classmethod
    def accepts(cls, args: ToolArgs) -> str | None:
        lang = str(getattr(args, "language", "en") or "en").lower()
        if lang not in ENGLISH:
            return f"the pulled Pocket TTS models speak English, not {lang!r}"
        return None

    def load(self) -> None:
        """Build the model from the package config and load the pulled weights."""
        self.model_for()

    def model_for(self) -> tuple[Any, str]:
        """The loaded model of the first ready catalog entry (reloaded when that changes)."""
        import tempfile

        import yaml
        from pocket_tts import TTSModel

        spec, cfg, why = ready_config()
        if spec is None or cfg is None:
            raise BackendError(f"voice_clone/{NAME}: {why}")
        if self._model.get("name") != spec.name:
            with tempfile.TemporaryDirectory(prefix="audiogpt-pocket-") as tmp:
                path = Path(tmp) / f"{config_name(spec)}.yaml"
                path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
                model = TTSModel.load_model(config=str(path))
            dev = device()
            self._model.update(name=spec.name, model=model.to(dev).eval(), device=dev)
            logger.info("loaded Pocket TTS %s on %s", spec.name, dev)
        return self._model["model"], spec.name

    def run(self, req: Request) -> ToolResult:
        import numpy as np
        import torch

        from audiogpt.backends.dsp.watermark import embed
        from audiogpt.core.audio import Audio

        if "reference" in req.voices:
            raise ToolInputError(f"voice_clone/{NAME}: clones from a recording; an enrolled "
                                 "voice keeps no audio: pass the recording as --reference")
        model, name = self.model_for()
        rate = int(model.sample_rate)
        ref = req.audio("reference", native=True).to_mono().resampled(rate)
        samples = ref.mono[: int(MAX_REFERENCE_S * rate)].astype(np.float32)
        if samples.size < MIN_REFERENCE_S * rate or float(np.abs(samples).max()) < 1e-4:
            raise ToolInputError(f"voice_clone/{NAME}: the reference needs at least "
                                 f"{MIN_REFERENCE_S:g} s of audible speech")
        req.progress(0.1, "listening to the reference voice")
        dev = self._model["device"]
        with torch.no_grad():  # not inference_mode: the package generates in a thread
            state = model.get_state_for_audio_prompt(torch.from_numpy(samples)[None].to(dev))
            req.progress(0.4, "speaking the text")
            wave = model.generate_audio(state, str(req.get("text")))
        wave = wave.detach().float().cpu().numpy().reshape(-1)
        peak = float(np.abs(wave).max()) if wave.size else 0.0
        if peak > 1.0:
            wave = wave / peak
        out = embed(Audio(wave[None, :].astype(np.float32), rate), self.tool)
        req.progress(1.0, "voice cloned")
        data = {"method": "pocket-tts zero-shot cloning (Mimi latents + flow LM)",
                "model": name, "sample_rate": rate, "device": dev, "watermark": True,
                "reference_seconds": round(samples.size / rate, 2),
                "duration_s": round(out.duration, 3)}
        return ToolResult(outputs=[Output("audio", out, "cloned",
                                          meta={"method": data["method"], "watermark": True})],
                          text=f"Spoke the text in the reference voice (Pocket TTS, {name}).",
                          data=data)
