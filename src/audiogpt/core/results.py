"""What a backend returns: outputs (before they are stored), a text answer, structured data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from audiogpt.core.audio import Audio

@dataclass
class Output:
    """One output of a tool run, before it is stored.

    Attributes:
        kind: audio, image, video, midi or text.
        value: An ``Audio`` for audio; a file path for the other kinds; a ``str`` for text.
        name: Short name used in the file name (e.g. ``speech``, ``speaker1``).
        meta: Extra provenance for the sidecar.
        ext: File extension for audio outputs (format by extension).
    """

    kind: str
    value: Audio | Path | str
    name: str
    meta: dict[str, Any] = field(default_factory=dict)
    ext: str = ".wav"


@dataclass
class ToolResult:
    """What a backend returns: outputs plus an optional text answer and structured data."""

    outputs: list[Output] = field(default_factory=list)
    text: str | None = None
    data: dict[str, Any] | None = None
