"""Pull, verify and remove catalog models through ``huggingface_hub``.

``pull`` resolves the revision to a commit, lists that commit's files (sizes, sha256 of LFS
files, git blob ids of the others), downloads the selected files into the hub cache with a
progress bar (:mod:`.download`: an interrupted download resumes from its ``.incomplete``
file at the next pull), then hashes every file against the catalog's pinned sha256 or the hub's hash at that
commit and writes the record :mod:`.store` reads. ``HF_ENDPOINT``, ``HF_HOME``,
``HF_HUB_CACHE``, ``HF_TOKEN`` and ``HF_HUB_OFFLINE`` are honoured.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from audiogpt.backends.models import store
from audiogpt.backends.models.catalog import ModelSpec, get_spec
from audiogpt.core.errors import AudioGPTError, BackendUnavailable, ToolInputError

logger = logging.getLogger(__name__)

Echo = Callable[[str], None]


class PullError(AudioGPTError):
    """The hub could not be reached or refused the download (exit code 1)."""


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def _endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def _api() -> Any:
    try:
        from huggingface_hub import HfApi, constants
    except ImportError:
        raise BackendUnavailable("pulling models needs huggingface_hub: "
                                 "pip install 'audiogpt[foundation]'") from None
    # huggingface_hub reads HF_HUB_OFFLINE once, at import: follow the environment of this call
    constants.HF_HUB_OFFLINE = _offline()
    return HfApi(endpoint=_endpoint())


def _hub_error(spec: ModelSpec, exc: Exception) -> AudioGPTError:
    """One line for a failed hub request, with the fix where there is one."""
    status = getattr(getattr(exc, "response", None), "status_code", None)
    name = type(exc).__name__
    if status in (401, 403) or "Gated" in name:
        return PullError(f"{spec.repo} is gated: accept its terms at {spec.url} and log in "
                         "(`hf auth login` or HF_TOKEN), then run the pull again")
    if status == 404 or "NotFound" in name:
        return PullError(f"{spec.repo} (revision {spec.revision or 'main'}) was not found on "
                         f"{_endpoint()}")
    msg = " ".join(str(exc).split())[:200]
    return PullError(f"download of {spec.name} from {_endpoint()} failed ({name}: {msg}); "
                     f"run `audiogpt models pull {spec.name}` again to resume")


def remote_files(spec: ModelSpec, commit: str) -> dict[str, dict[str, Any]]:
    """The files of ``spec`` at ``commit``: {path: {size, sha256 | None, blob}}."""
    tree = {f.path: f for f in _api().list_repo_tree(spec.repo, revision=commit, recursive=True)
            if hasattr(f, "blob_id")}
    if spec.files:
        wanted = [f.path for f in spec.files]
        absent = [p for p in wanted if p not in tree]
        if absent:
            raise PullError(f"{spec.repo}@{commit[:10]} lacks {', '.join(absent)}")
    else:
        wanted = [p for p in tree if any(fnmatch.fnmatch(p, pat) for pat in spec.patterns)]
        if not wanted:
            raise PullError(f"{spec.repo}@{commit[:10]} has no files matching "
                            f"{', '.join(spec.patterns)}")
    pinned = {f.path: f for f in spec.files}
    out = {}
    for p in sorted(wanted):
        f = tree[p]
        lfs = getattr(f, "lfs", None)
        sha = pinned[p].sha256 if p in pinned and pinned[p].sha256 else (
            lfs.sha256 if lfs else None)
        out[p] = {"size": int(f.size), "sha256": sha, "blob": f.blob_id}
    return out


def check_file(path: Path, expect: dict[str, Any]) -> str | None:
    """Why ``path`` does not match ``expect`` (size, then sha256 or git blob id), or None."""
    if not path.is_file():
        return f"{path.name} is missing"
    if path.stat().st_size != expect["size"]:
        return f"{path.name} has {path.stat().st_size} bytes, expected {expect['size']}"
    if expect.get("sha256"):
        if store.sha256_file(path) != expect["sha256"]:
            return f"{path.name} sha256 mismatch"
    elif expect.get("blob") and store.git_blob_sha1(path) != expect["blob"]:
        return f"{path.name} git blob id mismatch"
    return None


def _verify_files(spec: ModelSpec, commit: str, snap: Path,
                  expected: dict[str, dict[str, Any]], echo: Echo) -> dict[str, Any]:
    """Hash every file; write and return the record (``ok`` False on the first mismatch)."""
    files: dict[str, Any] = {}
    error = ""
    for rel, exp in expected.items():
        echo(f"verifying {rel}")
        problem = check_file(snap / rel, exp)
        if problem:
            error = problem
            break
        st = (snap / rel).stat()
        files[rel] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns,
                      "sha256": exp.get("sha256") or store.sha256_file(snap / rel),
                      "blob": exp.get("blob")}
    record = {"name": spec.name, "repo": spec.repo, "commit": commit, "ok": not error,
              "error": error, "files": files,
              "expected": expected, "verified_at": time.time()}
    store.write_record(spec.name, record)
    return record


def pull(name: str, *, accept_license: bool = False, force: bool = False,
         echo: Echo = logger.info) -> dict[str, Any]:
    """Download and verify model ``name``; returns its record.

    Raises:
        ToolInputError: Unknown model, or a restrictive licence not accepted.
        BackendUnavailable: Offline mode, or huggingface_hub missing.
        PullError: The hub failed or a file does not match its hash.
    """
    spec = get_spec(name)
    if spec.restricted and not accept_license:
        raise ToolInputError(
            f"{spec.name} is under {spec.license}{' and gated' if spec.gated else ''}: read "
            f"{spec.url} and run `audiogpt models pull {spec.name} --accept-license`")
    if _offline():
        raise BackendUnavailable(f"HF_HUB_OFFLINE is set: unset it to pull {spec.name}")
    if not force and store.status(name).ready:
        echo(f"{name} is already pulled and verified")
        return store.read_record(name) or {}
    from audiogpt.backends.models.download import fetch

    folder = store.repo_folder(spec)
    try:
        commit = spec.revision or _api().repo_info(spec.repo, revision="main").sha
        expected = remote_files(spec, commit)
        total = sum(e["size"] for e in expected.values())
        echo(f"pulling {spec.name} ({spec.repo}@{commit[:10]}, {len(expected)} files, "
             f"{total / 1e6:.1f} MB) into {store.hub_cache()}")
        for rel, exp in expected.items():
            fetch(_endpoint(), spec.repo, commit, rel, folder, exp["size"],
                  exp["sha256"] or exp["blob"], force=force)
    except AudioGPTError:
        raise
    except Exception as exc:  # HTTP, network and file errors: one line, partial files kept
        raise _hub_error(spec, exc) from exc
    if spec.revision is None:
        (folder / "refs").mkdir(parents=True, exist_ok=True)
        (folder / "refs" / "main").write_text(commit)
    snap = store.repo_folder(spec) / "snapshots" / commit
    record = _verify_files(spec, commit, snap, expected, echo)
    if not record["ok"]:
        raise PullError(f"{spec.name}: {record['error']}; the download is corrupt: run "
                        f"`audiogpt models pull {spec.name} --force`")
    return record


def verify(name: str, echo: Echo = logger.info) -> dict[str, Any]:
    """Re-hash the files of a pulled model against the recorded (or hub) hashes.

    Raises:
        ToolInputError: Unknown model, not pulled, or a file does not match (exit 2).
    """
    spec = get_spec(name)
    rec = store.read_record(name)
    snap = store.snapshot(spec)
    if snap is None:
        raise ToolInputError(f"model {name} is not pulled: run `{store.pull_command(spec)}`")
    commit = snap.name
    expected = (rec or {}).get("expected") if (rec or {}).get("commit") == commit else None
    if not expected:
        if _offline():
            raise ToolInputError(f"model {name} has no record of its hashes and HF_HUB_OFFLINE "
                                 f"is set: unset it so verify can read them from the hub")
        try:
            expected = remote_files(spec, commit)
        except AudioGPTError:
            raise
        except Exception as exc:
            raise _hub_error(spec, exc) from exc
    record = _verify_files(spec, commit, snap, expected, echo)
    if not record["ok"]:
        raise ToolInputError(f"model {name} is corrupt: {record['error']}; run "
                             f"`audiogpt models pull {name} --force`")
    return record


def remove(name: str) -> int:
    """Delete a pulled model's repository folder in the hub cache and its record.

    Returns:
        Bytes freed (approximately).
    """
    from audiogpt.backends.models.catalog import CATALOG

    spec = get_spec(name)
    folder = store.repo_folder(spec)
    rec_path = store.record_path(name)
    if not folder.exists() and not rec_path.exists():
        raise ToolInputError(f"model {name} is not pulled")
    freed = 0
    sharing = [s for s in CATALOG if s.repo == spec.repo and s.name != name
               and store.read_record(s.name) is not None]
    if sharing and folder.exists():  # other pulled models live in the same repository folder
        freed = _remove_files(spec, sharing)
    elif folder.exists():
        freed = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()
                    and not p.is_symlink())
        shutil.rmtree(folder)
    rec_path.unlink(missing_ok=True)
    return freed


def _remove_files(spec: ModelSpec, sharing: list[ModelSpec]) -> int:
    """Delete only ``spec``'s files (snapshot links and blobs no other pulled model uses)."""
    rec = store.read_record(spec.name) or {}
    snap = store.snapshot(spec, rec.get("commit"))
    if snap is None:
        return 0
    kept: set[Path] = set()
    for other in sharing:
        osnap = store.snapshot(other)
        for rel in (store.read_record(other.name) or {}).get("files", {}):
            if osnap is not None and (osnap / rel).exists():
                kept.add((osnap / rel).resolve())
    freed = 0
    for rel in rec.get("files", {}):
        link = snap / rel
        target = link.resolve()
        if target not in kept and target.is_file():
            freed += target.stat().st_size
            target.unlink()
        if link.is_symlink() or link.exists():
            link.unlink()
    return freed
