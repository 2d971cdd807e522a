"""Enrolled voices: profiles stored in the workspace, readable only by the user.

A profile lives in ``$AUDIOGPT_HOME/voices/NAME/`` (folder mode 0700): ``profile.json``
(name, consent statement, dates, speech seconds, warnings, base voice, F0 statistics,
speaking-rate ratio, Praat profile, speaker embedding) and ``mapping.npz`` (the aligned
base-voice/user frame pairs), both mode 0600. Nothing is uploaded anywhere.

Resolution of a ``reference`` argument (voice_clone, voice_conversion), in order:
1. an enrolled voice name (``me`` also means the only enrolled voice when none is named me);
2. an artifact id or an audio file (enrolled on the fly for that call, not stored).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import ToolInputError

if TYPE_CHECKING:
    from audiogpt.backends.speech.voice.world_map import Mapping

logger = logging.getLogger(__name__)

NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
CONSENT_STATEMENT = ("I confirm that this voice is my own, or that its owner agreed to its "
                     "enrollment and to speech being synthesized in it.")


@dataclass
class VoiceProfile:
    """An enrolled voice (metadata; the mapping is loaded on demand)."""

    name: str
    created: str
    updated: str
    consent: str
    speech_seconds: float
    warnings: list[str] = field(default_factory=list)
    base_voice: str = "slt_hts"
    sources: list[str] = field(default_factory=list)
    praat: dict[str, Any] = field(default_factory=dict)
    embedding: list[float] = field(default_factory=list)
    f0_src: tuple[float, float] = (0.0, 0.0)
    f0_tgt: tuple[float, float] = (0.0, 0.0)
    rate_ratio: float = 1.0
    strength: float = 1.0
    strength_check: str = ""
    #: Duration ratio per broad class (``timing.CLASSES``); empty in older profiles.
    durations: list[float] = field(default_factory=list)
    method: str = "world-map"
    folder: Path | None = None
    _mapping: Any = None

    def summary(self) -> dict[str, Any]:
        """What ``voices list/show --json`` prints (no embedding, no paths)."""
        return {"name": self.name, "speech_seconds": round(self.speech_seconds, 1),
                "warnings": list(self.warnings), "created": self.created,
                "updated": self.updated, "consent": self.consent, "base_voice": self.base_voice,
                "sources": list(self.sources), "method": self.method,
                "strength": self.strength, "strength_check": self.strength_check,
                "durations": self.duration_ratios(),
                "f0_median_hz": round(self.praat.get("f0_median", 0.0), 1)}

    def duration_ratios(self) -> dict[str, float]:
        """The user's duration per base-voice frame, by broad class (empty if not learned)."""
        from audiogpt.backends.speech.voice.timing import CLASSES

        return dict(zip(CLASSES, self.durations)) if self.durations else {}

    def mapping(self) -> Mapping:
        """The learned mapping (loaded from ``mapping.npz`` once)."""
        import numpy as np

        from audiogpt.backends.speech.voice.world_map import Mapping

        if self._mapping is None:
            if self.folder is None:
                raise ToolInputError(f"voice {self.name!r} has no stored mapping")
            with np.load(self.folder / "mapping.npz") as z:
                self._mapping = Mapping(z["src"], z["tgt"], tuple(self.f0_src),
                                        tuple(self.f0_tgt), self.rate_ratio, self.strength,
                                        durations=tuple(self.durations))
        return self._mapping


def voices_dir(home: Path) -> Path:
    """The folder of enrolled voices."""
    return Path(home) / "voices"


def check_name(name: str) -> str:
    """Normalise and validate a voice name.

    Raises:
        ToolInputError: Not 1-32 of a-z, 0-9, ``_``, ``-`` starting with a letter or digit.
    """
    norm = (name or "").strip().lower()
    if not NAME_RE.fullmatch(norm):
        raise ToolInputError(f"voice name {name!r} is not valid: use 1-32 letters, digits, "
                             "'-' or '_' (e.g. me, grandma)")
    return norm


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, 0o600)


def save(home: Path, profile: VoiceProfile, mapping: Mapping) -> Path:
    """Store a profile (replacing one of the same name); files 0600, folder 0700."""
    import io

    import numpy as np

    root = voices_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    folder = root / profile.name
    folder.mkdir(exist_ok=True)
    os.chmod(folder, 0o700)
    buf = io.BytesIO()
    np.savez_compressed(buf, src=mapping.src.astype(np.float32), tgt=mapping.tgt.astype(np.float32))
    _write_private(folder / "mapping.npz", buf.getvalue())
    meta = {k: v for k, v in profile.__dict__.items() if not k.startswith("_") and k != "folder"}
    _write_private(folder / "profile.json", json.dumps(meta, indent=1).encode())
    profile.folder = folder
    profile._mapping = mapping
    return folder


def load(home: Path, name: str) -> VoiceProfile:
    """Load an enrolled voice.

    Raises:
        ToolInputError: No voice of that name.
    """
    norm = check_name(name)
    folder = voices_dir(home) / norm
    path = folder / "profile.json"
    if not path.is_file():
        known = ", ".join(names(home)) or "none yet (audiogpt voices add NAME --from FILE --consent)"
        raise ToolInputError(f"no enrolled voice named {norm!r}; enrolled voices: {known}")
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["f0_src"], meta["f0_tgt"] = tuple(meta["f0_src"]), tuple(meta["f0_tgt"])
    return VoiceProfile(**meta, folder=folder)


def names(home: Path) -> list[str]:
    """Names of the enrolled voices, sorted."""
    root = voices_dir(home)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "profile.json").is_file())


def remove(home: Path, name: str) -> None:
    """Delete an enrolled voice.

    Raises:
        ToolInputError: No voice of that name.
    """
    profile = load(home, name)
    if profile.folder is not None:
        shutil.rmtree(profile.folder)


def resolve_name(home: Path, value: str) -> str | None:
    """The enrolled voice a ``reference`` value names, or None when it names none.

    ``me``/``my voice``/``mine`` mean the voice named ``me``, else the only enrolled voice.
    """
    raw = (value or "").strip().lower()
    if not raw or "/" in raw or "\\" in raw or "." in raw:
        return None
    enrolled = names(home)
    if raw in enrolled:
        return raw
    if raw in ("me", "my voice", "mine", "my own voice", "myself"):
        if "me" in enrolled:
            return "me"
        if len(enrolled) == 1:
            return enrolled[0]
        if not enrolled:
            raise ToolInputError("no voice enrolled yet: add yours with `audiogpt voices add me "
                                 "--from FILE --consent` (about a minute of your speech)")
        raise ToolInputError(f"several voices are enrolled ({', '.join(enrolled)}) and none is "
                             "named 'me': name the voice to use")
    return None
