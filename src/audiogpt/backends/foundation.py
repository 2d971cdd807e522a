"""Shared helpers of the foundation-model backends: model folders (pulled catalog models or
folders named by environment variables), availability reasons, device choice, language codes.

Foundation backends load checkpoints from a local folder (nothing is downloaded at run time):
a model pulled with ``audiogpt models pull`` (found in the hub cache, hashes verified), or a
folder holding a ``config.json`` named by the backend's environment variable.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, ClassVar

from audiogpt.backends.base import PIP_HINT, Backend, Requirement, module
from audiogpt.core.config import env_setting

logger = logging.getLogger(__name__)

EXTRA = "foundation"
INSTALL = PIP_HINT.format(extra=EXTRA)


def requirements() -> tuple[Requirement, ...]:
    """The Python packages every foundation backend needs."""
    return (module("transformers", EXTRA), module("torch", EXTRA))


def has_model(path: Path) -> bool:
    """A model folder: ``config.json`` (transformers, CTranslate2) or ``model_index.json``
    (a diffusers pipeline)."""
    return (path / "config.json").is_file() or (path / "model_index.json").is_file()


def _catalog_name(value: str) -> bool:
    from audiogpt.backends.models.catalog import CATALOG

    return any(spec.name == value for spec in CATALOG)


def model_dir(env: str, backend: str | None = None) -> Path | None:
    """The model folder to load, or None.

    ``env`` wins when set: a local folder holding a ``config.json``, or the name of a pulled
    catalog model. Otherwise the first pulled and verified catalog model of ``backend``.
    """
    from audiogpt.backends.models import store

    value = env_setting(env)
    if value and _catalog_name(value):
        st = store.status(value)
        return st.path if st.ready else None
    if value:
        path = Path(value).expanduser()
        return path if has_model(path) else None
    return store.model_path(backend) if backend else None


def model_reason(env: str, example: str, backend: str | None = None) -> str | None:
    """Why no model is usable (with the exact fix), or None when one is.

    Args:
        env: Environment variable naming a local folder (or a catalog model name).
        example: A Hugging Face checkpoint to put there (e.g. ``facebook/musicgen-small``).
        backend: The backend whose catalog models are looked for when ``env`` is unset.
    """
    from audiogpt.backends.models import store
    from audiogpt.backends.models.catalog import specs_for

    value = env_setting(env)
    hint = f"set {env} to a local {example} folder ({INSTALL})"
    if value and _catalog_name(value):
        st = store.status(value)
        return None if st.ready else f"{env}={value}: {st.reason}"
    if not value:
        if backend and specs_for(backend):
            reason = store.model_reason(backend)
            return None if reason is None else f"{reason}; or {hint}"
        return hint
    path = Path(value).expanduser()
    if not path.is_dir():
        return f"{env}={value} is not a folder; {hint}"
    if not has_model(path):
        return f"{env}={value} has no config.json (or model_index.json); {hint}"
    return None


class FoundationBackend(Backend):
    """Base of the foundation-model backends: optional, preferred when their model is set.

    A model is found in this order: the folder (or catalog model name) in ``env``, else the
    first pulled and verified catalog model whose ``backend`` is this backend's name.

    Attributes:
        env: Environment variable naming the local model folder.
        example: A Hugging Face checkpoint that fits (shown in the availability hint).
    """

    env: ClassVar[str]
    example: ClassVar[str]
    requires = requirements()
    priority = 20
    embedded = False

    @classmethod
    def extra_check(cls) -> str | None:
        """Unavailable until ``env`` names a model folder or a catalog model is pulled."""
        return model_reason(cls.env, cls.example, cls.name)

    @classmethod
    def model_folder(cls) -> Path | None:
        """The folder of the model to load now (see the class docstring)."""
        return model_dir(cls.env, cls.name)


class DiffusersBackend(FoundationBackend):
    """A foundation backend whose model is a diffusers pipeline folder (``model_index.json``)."""

    requires = (*requirements(), module("diffusers", EXTRA, pip="diffusers"))

    @classmethod
    def extra_check(cls) -> str | None:
        """As :class:`FoundationBackend`, and the folder must hold a diffusers pipeline."""
        reason = super().extra_check()
        if reason is None:
            path = cls.model_folder()
            if path is None or not (Path(path) / "model_index.json").is_file():
                return f"{path} is not a diffusers pipeline folder (no model_index.json)"
        return reason


def device() -> str:
    """``cuda`` when a GPU is usable, else ``cpu``."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def to_device(model: Any) -> tuple[Any, str]:
    """Move a model to the best device, in evaluation mode."""
    dev = device()
    return model.to(dev).eval(), dev


#: ISO 639-1 -> (ISO 639-3, NLLB/FLORES-200 code) for common languages.
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("eng", "eng_Latn"), "es": ("spa", "spa_Latn"), "fr": ("fra", "fra_Latn"),
    "de": ("deu", "deu_Latn"), "it": ("ita", "ita_Latn"), "pt": ("por", "por_Latn"),
    "ca": ("cat", "cat_Latn"), "gl": ("glg", "glg_Latn"), "nl": ("nld", "nld_Latn"),
    "pl": ("pol", "pol_Latn"), "ro": ("ron", "ron_Latn"), "sv": ("swe", "swe_Latn"),
    "da": ("dan", "dan_Latn"), "nb": ("nob", "nob_Latn"), "no": ("nob", "nob_Latn"),
    "fi": ("fin", "fin_Latn"), "cs": ("ces", "ces_Latn"), "sk": ("slk", "slk_Latn"),
    "hu": ("hun", "hun_Latn"), "el": ("ell", "ell_Grek"), "tr": ("tur", "tur_Latn"),
    "ru": ("rus", "rus_Cyrl"), "uk": ("ukr", "ukr_Cyrl"), "bg": ("bul", "bul_Cyrl"),
    "zh": ("cmn", "zho_Hans"), "ja": ("jpn", "jpn_Jpan"), "ko": ("kor", "kor_Hang"),
    "ar": ("ara", "arb_Arab"), "he": ("heb", "heb_Hebr"), "fa": ("fas", "pes_Arab"),
    "hi": ("hin", "hin_Deva"), "bn": ("ben", "ben_Beng"), "ur": ("urd", "urd_Arab"),
    "ta": ("tam", "tam_Taml"), "te": ("tel", "tel_Telu"), "vi": ("vie", "vie_Latn"),
    "th": ("tha", "tha_Thai"), "id": ("ind", "ind_Latn"), "ms": ("zsm", "zsm_Latn"),
    "sw": ("swh", "swh_Latn"), "eu": ("eus", "eus_Latn"), "cy": ("cym", "cym_Latn"),
    "ga": ("gle", "gle_Latn"), "is": ("isl", "isl_Latn"), "et": ("est", "est_Latn"),
    "lv": ("lvs", "lvs_Latn"), "lt": ("lit", "lit_Latn"), "hr": ("hrv", "hrv_Latn"),
    "sr": ("srp", "srp_Cyrl"), "sl": ("slv", "slv_Latn"), "af": ("afr", "afr_Latn"),
    "am": ("amh", "amh_Ethi"), "yo": ("yor", "yor_Latn"), "zu": ("zul", "zul_Latn"),
}


def iso3(language: str) -> str:
    """ISO 639-3 code of an ISO 639-1 (or already 639-3) code, lower case."""
    lang = language.strip().lower().replace("_", "-").split("-")[0]
    return LANGUAGES[lang][0] if lang in LANGUAGES else lang


def iso1(language: str) -> str:
    """ISO 639-1 code of an ISO 639-1/639-3 or FLORES-200 code (unknown codes unchanged)."""
    lang = language.strip().lower().replace("-", "_").split("_")[0]
    if len(lang) == 2:
        return lang
    for short, (three, flores) in LANGUAGES.items():
        if lang in (three, flores.split("_")[0].lower()):
            return short
    return lang
