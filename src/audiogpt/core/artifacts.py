"""The artifact store: every file a session sees gets a short id and a provenance sidecar.

Layout under the workspace (``AUDIOGPT_HOME``)::

    sessions/<session>/<name>-<id>.<ext>        the file
    sessions/<session>/<name>-<id>.<ext>.json   its provenance sidecar

User files are copied in and never modified. Every write is atomic (temporary file in the
same folder, then rename), and the sidecar is written before the index row, so a kill at any
point leaves neither a half file nor a dangling index entry.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import ToolInputError
from audiogpt.core.sessions import SessionDB, check_session_name

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio
    from audiogpt.core.config import Settings

logger = logging.getLogger(__name__)

KINDS = ("audio", "image", "video", "midi", "text")
_EXT_KIND = {
    **{e: "audio" for e in (".wav", ".flac", ".ogg", ".oga", ".mp3", ".aiff", ".aif", ".m4a",
                            ".webm", ".opus", ".aac", ".au")},
    **{e: "image" for e in (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")},
    **{e: "video" for e in (".mp4", ".mkv", ".mov", ".avi")},
    ".mid": "midi", ".midi": "midi", ".txt": "text", ".json": "text", ".md": "text",
    ".sofa": "text",
}
_ID_RE = re.compile(r"^[a-z0-9]{8}$")


def kind_of(path: str | os.PathLike[str]) -> str:
    """Guess an artifact kind from a file extension (``text`` when unknown)."""
    return _EXT_KIND.get(Path(path).suffix.lower(), "text")


def is_artifact_id(value: str) -> bool:
    """Whether ``value`` has the shape of an artifact id."""
    return bool(_ID_RE.match(value))


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._") or "file"
    return cleaned[:48]


def atomic_write_bytes(dest: Path, data: bytes) -> None:
    """Write ``data`` to ``dest`` atomically."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_copy(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest`` atomically (never touching ``src``)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dest.parent)
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Artifact:
    """A stored file with its provenance.

    Attributes:
        id: Short stable id (8 lowercase letters/digits).
        kind: audio, image, video, midi or text.
        path: Absolute path of the file.
        session: The session it belongs to.
        meta: The provenance sidecar's content.
    """

    id: str
    kind: str
    path: Path
    session: str
    meta: dict[str, Any] = field(default_factory=dict)

    def ref(self) -> dict[str, str]:
        """The contract form ``{"id", "kind", "path"}``."""
        return {"id": self.id, "kind": self.kind, "path": str(self.path)}


class ArtifactStore:
    """Stores artifacts under the workspace and indexes them in the session database."""

    def __init__(self, settings: Settings, db: SessionDB | None = None) -> None:
        self.settings = settings
        self.root = Path(settings.home).expanduser().resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self.db = db or SessionDB(settings.db_path)
        self.sweep_partial()

    def sweep_partial(self, max_age_s: float = 3600.0) -> int:
        """Delete temporary files left by writes that were killed (older than ``max_age_s``)."""
        removed = 0
        now = time.time()
        for tmp in (self.root / "sessions").glob("*/.tmp-*"):
            try:
                if now - tmp.stat().st_mtime >= max_age_s:
                    tmp.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    # ------------------------------------------------------------------ paths
    def session_dir(self, session: str) -> Path:
        """The folder holding a session's artifacts."""
        return self.root / "sessions" / check_session_name(session)

    def _new_id(self) -> str:
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        while True:
            art_id = "".join(secrets.choice(alphabet) for _ in range(8))
            if self.db.artifact_row(art_id) is None:
                return art_id

    def _dest(self, session: str, name: str, ext: str, out_dir: Path | None) -> tuple[str, Path]:
        art_id = self._new_id()
        folder = Path(out_dir).expanduser().resolve() if out_dir else self.session_dir(session)
        folder.mkdir(parents=True, exist_ok=True)
        return art_id, folder / f"{_safe_name(name)}-{art_id}{ext}"

    # ------------------------------------------------------------------ writes
    def _commit(self, art_id: str, kind: str, path: Path, session: str,
                meta: dict[str, Any]) -> Artifact:
        self.db.ensure_session(session)
        record = {"id": art_id, "kind": kind, "file": path.name, "session": session,
                  "created": time.time(), **meta}
        atomic_write_bytes(
            path.with_name(path.name + ".json"),
            json.dumps(record, indent=2, default=str, ensure_ascii=False).encode(),
        )
        self.db.index_artifact(art_id, session, kind, str(path), record)
        return Artifact(art_id, kind, path, session, record)

    def import_file(self, src: str | os.PathLike[str], session: str,
                    kind: str | None = None, meta: dict[str, Any] | None = None) -> Artifact:
        """Copy a user's file into the store (the original is never modified).

        Args:
            src: The user's file.
            session: The session it joins.
            kind: Artifact kind (from the extension when omitted).
            meta: Extra provenance (e.g. ``{"turn": "pending"}`` for a turn's attachment).

        Raises:
            ToolInputError: The file does not exist or is a directory.
        """
        p = Path(src).expanduser()
        if not p.exists():
            raise ToolInputError(f"{src}: file not found")
        if p.is_dir():
            raise ToolInputError(f"{src}: is a directory, not a file")
        ext = p.suffix.lower()
        art_id, dest = self._dest(session, p.stem, ext, None)
        atomic_copy(p, dest)
        return self._commit(art_id, kind or kind_of(p), dest, session,
                            {"tool": None, "source": str(p.resolve()), "bytes": p.stat().st_size,
                             **(meta or {})})

    def save_audio(self, audio: Audio, session: str, name: str, provenance: dict[str, Any],
                   out_dir: Path | None = None, ext: str = ".wav") -> Artifact:
        """Write an ``Audio`` as a new artifact with its provenance."""
        art_id, dest = self._dest(session, name, ext, out_dir)
        audio.to_file(dest)
        meta = {**provenance, "duration": round(audio.duration, 6),
                "sample_rate": audio.sample_rate, "channels": audio.channels}
        return self._commit(art_id, "audio", dest, session, meta)

    def save_path(self, src: Path, kind: str, session: str, name: str,
                  provenance: dict[str, Any], out_dir: Path | None = None) -> Artifact:
        """Move a produced file (e.g. a PNG or MP4 in a scratch folder) into the store."""
        art_id, dest = self._dest(session, name, Path(src).suffix.lower(), out_dir)
        atomic_copy(Path(src), dest)
        return self._commit(art_id, kind, dest, session, dict(provenance))

    def save_text(self, text: str, session: str, name: str, provenance: dict[str, Any],
                  out_dir: Path | None = None) -> Artifact:
        """Store a text artifact."""
        art_id, dest = self._dest(session, name, ".txt", out_dir)
        atomic_write_bytes(dest, text.encode("utf-8"))
        return self._commit(art_id, "text", dest, session, dict(provenance))

    # ------------------------------------------------------------------ reads
    def get(self, art_id: str) -> Artifact:
        """Look an artifact up by id.

        Raises:
            ToolInputError: No artifact has that id (or its file is gone).
        """
        row = self.db.artifact_row(art_id) if is_artifact_id(art_id) else None
        if row is None:
            raise ToolInputError(f"unknown artifact id {art_id!r}")
        session, kind, path, meta = row
        p = Path(path)
        if not p.is_file():
            raise ToolInputError(f"artifact {art_id}: its file {p} is missing")
        return Artifact(art_id, kind, p, session, meta)

    def find(self, path: str | os.PathLike[str]) -> Artifact | None:
        """The indexed artifact stored at ``path`` inside the store, or None."""
        try:
            resolved = Path(path).expanduser().resolve()
        except (OSError, RuntimeError, ValueError):
            return None
        if not resolved.is_relative_to(self.root / "sessions") or not resolved.is_file():
            return None
        for art in self.list(resolved.parent.name):
            if art.path == resolved:
                return art
        return None

    def inside(self, art: Artifact) -> bool:
        """Whether an artifact's file (after following links) lies inside the store."""
        try:
            return Path(art.path).resolve(strict=True).is_relative_to(self.root)
        except (OSError, RuntimeError):
            return False

    def remove(self, art: Artifact) -> None:
        """Delete an artifact: its index row, its sidecar and its file (inside the store)."""
        self.db.delete_artifact(art.id)
        path = Path(art.path)
        if path.resolve().is_relative_to(self.root):
            path.with_name(path.name + ".json").unlink(missing_ok=True)
            path.unlink(missing_ok=True)

    def list(self, session: str) -> list[Artifact]:
        """The session's artifacts, oldest first."""
        return [Artifact(i, k, Path(p), session, m) for i, k, p, m in self.db.artifact_rows(session)]

    def rebuild_index(self) -> int:
        """Re-index every sidecar found under the workspace; return how many were indexed."""
        count = 0
        for sidecar in (self.root / "sessions").glob("*/*.json"):
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
                path = sidecar.with_name(meta["file"])
                if path.is_file():
                    self.db.index_artifact(meta["id"], meta["session"], meta["kind"],
                                           str(path), meta)
                    count += 1
            except (OSError, ValueError, KeyError) as exc:
                logger.warning("skipping unreadable sidecar %s: %s", sidecar, exc)
        return count
