"""Regenerate the README's table of tools and backends from the registry."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from audiogpt.interfaces.cli import tools_markdown
from audiogpt.registry import get_registry

START, END = "<!-- tools:start -->", "<!-- tools:end -->"


def render(text: str) -> str:
    """Return ``text`` with the table between the markers regenerated."""
    table = tools_markdown(get_registry().describe())
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(START + "\n" + table + END, text)


if __name__ == "__main__":
    readme = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    readme.write_text(render(readme.read_text(encoding="utf-8")), encoding="utf-8")
