"""Error hierarchy. Each error carries the CLI exit code and a one-line user message."""

from __future__ import annotations

import logging

#: Where tool and turn failures are logged, at WARNING with their traceback: the server log
#: shows them; the CLI quiets this logger unless ``--debug``/``-v`` (its users get one line).
failure_log = logging.getLogger("audiogpt.failures")


class AudioGPTError(Exception):
    """Base class of all audiogpt errors (exit code 1)."""

    exit_code: int = 1
    kind: str = "error"

    def __init__(self, message: str) -> None:
        # Keep messages on one line: they are printed to stderr and shown in replies.
        super().__init__(" ".join(str(message).split()))

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self)


class ToolInputError(AudioGPTError):
    """The user's input is wrong: bad file, bad argument value (exit code 2)."""

    exit_code = 2
    kind = "bad_input"


class UnsupportedRequest(AudioGPTError):
    """The request asks for something no tool can do (exit code 2)."""

    exit_code = 2
    kind = "unsupported"


class BackendUnavailable(AudioGPTError):
    """A backend's package, program or weights are missing (exit code 3)."""

    exit_code = 3
    kind = "backend_unavailable"


class BackendError(AudioGPTError):
    """A backend failed while running (exit code 1)."""

    exit_code = 1
    kind = "backend_error"


class InputTooLarge(ToolInputError):
    """An input is over a documented limit (length, size) of its tool (HTTP 413, exit code 2)."""

    kind = "too_large"
