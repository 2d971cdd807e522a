"""Regenerate the README's tables of tools and backends (registry) and foundation models (catalog)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from audiogpt.interfaces.cli import tools_markdown
from audiogpt.registry import get_registry

START, END = "<!-- tools:start -->", "<!-- tools:end -->"
MODELS_START, MODELS_END = "<!-- models:start -->", "<!-- models:end -->"


def models_markdown() -> str:
    """The foundation-model table (one row per catalog model) from the catalog itself."""
    from audiogpt.backends.models.catalog import CATALOG

    rows = ["| tool | model (`audiogpt models pull NAME`) | backend | size | licence | runs on |",
            "|---|---|---|---|---|---|"]
    for spec in CATALOG:
        size = (f"{spec.size_mb / 1000:.1f} GB" if spec.size_mb >= 1000
                else f"{spec.size_mb:.0f} MB" if spec.size_mb >= 1 else "<1 MB")
        backend = f"`{spec.backend}`" if spec.backend else "none yet (pull only)"
        licence = spec.license + (" (accept)" if spec.restricted else "")
        rows.append(f"| {', '.join(spec.tools)} | `{spec.name}` | {backend} | {size} | {licence} | "
                    f"{spec.device}, {max(spec.memory_gb, 0.1):g} GB |")
    return "\n".join(rows) + "\n"


def _between(text: str, start: str, end: str, body: str) -> str:
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    return pattern.sub(lambda _: start + "\n" + body + end, text)


def render(text: str) -> str:
    """Return ``text`` with the table between the markers regenerated."""
    text = _between(text, START, END, tools_markdown(get_registry().describe()))
    return _between(text, MODELS_START, MODELS_END, models_markdown())


if __name__ == "__main__":
    readme = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    readme.write_text(render(readme.read_text(encoding="utf-8")), encoding="utf-8")
