"""Where pulled models live and whether they are intact, without importing the hub client.

Models live in the user's Hugging Face cache (``HF_HUB_CACHE``, else ``HF_HOME/hub``, else
``~/.cache/huggingface/hub``) in the hub client's layout:
``models--ORG--NAME/snapshots/COMMIT/FILES``. A pull records, per model, the commit and each
file's size and sha256 in ``$AUDIOGPT_HOME/models/NAME.json``; a model is ready when that
record exists, every file is present with the recorded size and modification time (hashed at
pull or ``verify``), and it passed its last verification.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audiogpt.backends.models.catalog import ModelSpec, get_spec, specs_for

logger = logging.getLogger(__name__)


def hub_cache() -> Path:
    """The Hugging Face hub cache folder (read from the environment at each call)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg).expanduser() / "huggingface" / "hub"


def repo_folder(spec: ModelSpec) -> Path:
    """The cache folder of the model's repository."""
    return hub_cache() / ("models--" + spec.repo.replace("/", "--"))


def records_dir() -> Path:
    """Folder of the pull/verify records."""
    from audiogpt.core.config import default_home

    return default_home() / "models"


def record_path(name: str) -> Path:
    """The record of model ``name``."""
    return records_dir() / f"{name}.json"


def read_record(name: str) -> dict[str, Any] | None:
    """The pull/verify record of ``name`` (None when absent or unreadable)."""
    try:
        return json.loads(record_path(name).read_text())
    except (OSError, ValueError):
        return None


def write_record(name: str, record: dict[str, Any]) -> None:
    """Store the record of ``name`` (atomically)."""
    path = record_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=1, sort_keys=True))
    tmp.replace(path)


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def git_blob_sha1(path: Path) -> str:
    """The git blob id of a file (what the hub reports for files not stored in LFS)."""
    h = hashlib.sha1()
    h.update(f"blob {path.stat().st_size}\0".encode())
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def snapshot(spec: ModelSpec, commit: str | None = None) -> Path | None:
    """The snapshot folder of the recorded (or given, or pinned) commit, if it exists."""
    if commit is None:
        rec = read_record(spec.name)
        commit = (rec or {}).get("commit") or spec.revision
    if commit is None:
        ref = repo_folder(spec) / "refs" / "main"
        commit = ref.read_text().strip() if ref.is_file() else None
    if not commit:
        return None
    path = repo_folder(spec) / "snapshots" / commit
    return path if path.is_dir() else None


def _holds_files_of(spec: ModelSpec, snap: Path) -> bool:
    """Whether a snapshot folder holds files of ``spec`` (other catalog models may share the
    repository and its commit)."""
    if spec.files:
        return any((snap / f.path).exists() for f in spec.files)
    return any(snap.iterdir())


@dataclass(frozen=True)
class Status:
    """Whether a model is ready, and the one-line reason (with the fix) when it is not."""

    name: str
    state: str  # ready | missing | unverified | changed | failed
    path: Path | None
    size: int
    reason: str

    @property
    def ready(self) -> bool:
        """True when a backend may load it."""
        return self.state == "ready"


def pull_command(spec: ModelSpec) -> str:
    """The exact command that pulls ``spec``."""
    flag = " --accept-license" if spec.restricted else ""
    return f"audiogpt models pull {spec.name}{flag}"


def status(name: str) -> Status:
    """The state of model ``name`` from its record and the files (no hashing)."""
    spec = get_spec(name)
    rec = read_record(name)
    snap = snapshot(spec)
    if rec is None or snap is None:
        if snap is not None and _holds_files_of(spec, snap):
            return Status(name, "unverified", snap, 0,
                          f"model {name} is in the cache but not verified: run "
                          f"`audiogpt models verify {name}`")
        return Status(name, "missing", None, 0,
                      f"model {name} is not pulled: run `{pull_command(spec)}`")
    size = sum(int(f["size"]) for f in rec.get("files", {}).values())
    if not rec.get("ok", False):
        return Status(name, "failed", snap, size,
                      f"model {name} failed verification ({rec.get('error', 'hash mismatch')}): "
                      f"run `audiogpt models pull {name} --force`")
    for rel, info in rec.get("files", {}).items():
        p = snap / rel
        try:
            st = p.stat()
        except OSError:
            return Status(name, "changed", snap, size,
                          f"model {name}: file {rel} is missing: run `{pull_command(spec)}`")
        if st.st_size != info["size"] or st.st_mtime_ns != info.get("mtime_ns"):
            return Status(name, "changed", snap, size,
                          f"model {name}: file {rel} changed since it was verified: run "
                          f"`audiogpt models verify {name}`")
    return Status(name, "ready", snap, size, "")


def model_path(backend: str) -> Path | None:
    """The snapshot folder of the first ready model of ``backend`` in catalog order."""
    for spec in specs_for(backend):
        st = status(spec.name)
        if st.ready:
            return st.path
    return None


def model_reason(backend: str) -> str | None:
    """None when a model of ``backend`` is ready, else why not with the exact command."""
    specs = specs_for(backend)
    if not specs:
        return f"no catalog model serves backend {backend}"
    states = [status(s.name) for s in specs]
    if any(s.ready for s in states):
        return None
    for st in states:  # a model that is there but broken says how to fix it
        if st.state != "missing":
            return st.reason
    alts = ", ".join(s.name for s in specs[1:])
    more = f" (or {alts})" if alts else ""
    return f"{states[0].reason}{more}"
