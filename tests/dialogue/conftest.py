"""Fixtures shared by the dialogue tests."""

from __future__ import annotations

import pytest

from audiogpt.dialogue.planner import Planner


@pytest.fixture(scope="session")
def planner() -> Planner:
    """One default planner for the session (``Planner`` keeps no state between plans)."""
    return Planner()
