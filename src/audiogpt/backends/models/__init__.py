"""Foundation models declared as data (:mod:`.catalog`), pulled from a model hub into the
user's Hugging Face cache (:mod:`.hub`) and found there by the backends (:mod:`.store`)."""

from audiogpt.backends.models.catalog import CATALOG, ModelFile, ModelSpec, get_spec, specs_for
from audiogpt.backends.models.store import model_path, model_reason, status

__all__ = ["CATALOG", "ModelFile", "ModelSpec", "get_spec", "model_path", "model_reason",
           "specs_for", "status"]
