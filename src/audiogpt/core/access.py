"""The file access policy: which files a caller may make the process read.

Every interface builds one :class:`FileAccess` and hands it to the runner (and the agent):

* the CLI and ``audiogpt mcp`` (stdio) speak for the local user: ``FileAccess.local()`` may
  read any local path the user names;
* HTTP and MCP over HTTP speak for a remote client: ``FileAccess.remote(folder)`` reads only
  artifacts of the store (by id, or by a path that is an indexed artifact inside the store)
  and the files the server itself received from the client (the upload folder).

A refused value always gets the same message, so the answer never reveals whether a server
path exists.

Example::

    access = FileAccess.remote(upload_folder)
    access.check_path(Path("/etc/passwd"), "target")   # raises ToolInputError
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from audiogpt.core.errors import ToolInputError

#: Text that names a file rather than a sound: rooted (``/``, ``~``, ``.``, ``C:\\``), a
#: parent folder (``..``), a ``file:`` URL, or ending in a file extension (``x.wav``).
_PATHISH = re.compile(r"^(?:[/\\~.]|[A-Za-z]:[/\\]|file:)|(?:^|[/\\])\.\.(?:[/\\]|$)"
                      r"|\.[A-Za-z0-9]{2,5}$", re.I)


def looks_like_path(value: str) -> bool:
    """Whether a string argument reads as a file path (not a label such as "dog bark")."""
    return bool(_PATHISH.search(value.strip()))


@dataclass(frozen=True)
class FileAccess:
    """Who is calling, and which files it may name.

    Attributes:
        caller: ``cli``, ``mcp-stdio``, ``http``, ``mcp-http`` or ``web`` (for messages/logs).
        local_paths: The caller may name any local path (the local user).
        allowed: Folders whose files the caller may name besides store artifacts (the
            server's own upload folder of this request).
    """

    caller: str = "cli"
    local_paths: bool = True
    allowed: tuple[Path, ...] = ()

    @classmethod
    def local(cls, caller: str = "cli") -> FileAccess:
        """The local user: any local path may be read."""
        return cls(caller=caller, local_paths=True)

    @classmethod
    def remote(cls, *allowed: Path, caller: str = "http") -> FileAccess:
        """A remote client: store artifacts and the server's own upload folders only."""
        return cls(caller=caller, local_paths=False,
                   allowed=tuple(Path(a).resolve() for a in allowed))

    def with_folder(self, folder: Path) -> FileAccess:
        """The same policy with one more allowed folder (a request's upload folder)."""
        return FileAccess(self.caller, self.local_paths, (*self.allowed, Path(folder).resolve()))

    def refusal(self, arg: str) -> ToolInputError:
        """The one error for a file this caller may not name (same whether it exists or not)."""
        return ToolInputError(
            f"--{arg} must be an uploaded file or an artifact id; server paths are not read "
            f"for {self.caller} clients")

    def may_read(self, path: Path) -> bool:
        """Whether ``path`` may be read although it is not a store artifact.

        Store artifacts are always readable (looked up by the runner); this answers for
        everything else: any path for the local user, the upload folders for a remote client.
        """
        if self.local_paths:
            return True
        try:
            resolved = Path(path).expanduser().resolve()
        except (OSError, RuntimeError, ValueError):
            return False
        return any(resolved.is_relative_to(root) for root in self.allowed)


LOCAL = FileAccess.local()
