"""Resumable download of one hub file into the hub cache layout.

``huggingface_hub`` (1.x) deletes a partial download when its process ends, so an interrupted
pull of a multi-gigabyte model would start over. This downloader keeps the partial file as
``blobs/<hash>.incomplete`` and asks the hub (``/{repo}/resolve/{commit}/{file}``) for the
remaining bytes with a ``Range`` header on the next pull. Finished files land where the hub
client puts them (``blobs/<hash>``, linked from ``snapshots/<commit>/<file>``), so models pulled
here are found by ``huggingface_hub`` and ``transformers`` too, and the other way round.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

logger = logging.getLogger(__name__)

TIMEOUT_S = 30.0


def _progress(total: int, initial: int, label: str) -> Any:
    """A tqdm bar on stderr (hidden when HF_HUB_DISABLE_PROGRESS_BARS is set)."""
    from tqdm.auto import tqdm

    disable = os.environ.get("HF_HUB_DISABLE_PROGRESS_BARS", "").strip().lower() in (
        "1", "true", "yes", "on")
    return tqdm(total=total, initial=initial, unit="B", unit_scale=True, unit_divisor=1024,
                desc=label[-40:], disable=disable, leave=False)


def _headers(have: int) -> dict[str, str]:
    from huggingface_hub.utils import build_hf_headers

    headers = dict(build_hf_headers(library_name="audiogpt"))
    headers["Accept-Encoding"] = "identity"
    if have:
        headers["Range"] = f"bytes={have}-"
    return headers


def link(snapshot_file: Path, blob: Path) -> None:
    """Point ``snapshot_file`` at ``blob`` (a relative symlink, or a copy where links fail)."""
    snapshot_file.parent.mkdir(parents=True, exist_ok=True)
    if snapshot_file.is_symlink() or snapshot_file.exists():
        snapshot_file.unlink()
    try:
        snapshot_file.symlink_to(os.path.relpath(blob, snapshot_file.parent))
    except OSError:
        shutil.copy2(blob, snapshot_file)


def fetch(endpoint: str, repo: str, commit: str, rel: str, folder: Path, size: int,
          blob_name: str, force: bool = False) -> Path:
    """Download ``rel`` of ``repo`` at ``commit`` into the cache folder ``folder``.

    Args:
        endpoint: The hub's base URL.
        repo: Repository id.
        commit: Commit sha.
        rel: File path in the repository.
        folder: The repository's cache folder (``models--ORG--NAME``).
        size: Expected size in bytes.
        blob_name: The blob's name in the cache (sha256 of LFS files, else the git blob id).
        force: Download again even when the blob exists.

    Returns:
        The snapshot path of the file.

    Raises:
        httpx.HTTPError: The request failed (a partial file is kept for the next try).
        OSError: The hub sent more bytes than expected.
    """
    import httpx

    blob = folder / "blobs" / blob_name
    target = folder / "snapshots" / commit / rel
    if blob.is_file() and not force:
        link(target, blob)
        return target
    blob.parent.mkdir(parents=True, exist_ok=True)
    part = blob.with_name(blob_name + ".incomplete")
    if force:
        part.unlink(missing_ok=True)
    have = part.stat().st_size if part.is_file() else 0
    if have > size:
        part.unlink()
        have = 0
    url = f"{endpoint}/{repo}/resolve/{commit}/{quote(rel)}"
    if have < size:
        if have:
            logger.info("resuming %s at byte %d of %d", rel, have, size)
        with httpx.stream("GET", url, headers=_headers(have), follow_redirects=True,
                          timeout=TIMEOUT_S) as resp:
            if resp.status_code == 416 and have:  # nothing left to send
                pass
            else:
                resp.raise_for_status()
                mode = "ab" if have and resp.status_code == 206 else "wb"
                start = have if mode == "ab" else 0
                with open(part, mode) as f, _progress(size, start, rel) as bar:
                    for chunk in resp.iter_bytes():  # as received: a cut keeps every byte
                        f.write(chunk)
                        bar.update(len(chunk))
    got = part.stat().st_size if part.is_file() else 0
    if got != size:
        if got > size:
            part.unlink()
        raise OSError(f"{rel}: received {got} of {size} bytes")
    part.replace(blob)
    link(target, blob)
    return target
