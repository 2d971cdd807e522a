"""The README's tool table is the registry's (run `make readme` after changing tools)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_tool_table_matches_registry() -> None:
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts/update-readme.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert mod.START in text and mod.END in text
    assert mod.MODELS_START in text and mod.MODELS_END in text
    assert mod.render(text) == text, "README tool or model table is stale: run `make readme`"


def test_readme_has_exactly_the_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in text and "make test" in text
