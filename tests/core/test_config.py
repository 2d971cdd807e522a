"""Settings precedence: argument > environment > config file > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogpt.core.config import load_settings


def test_precedence(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "config.toml").write_text(
        'max_file_mb = 10\nmax_channels = 4\n[backends]\nspeech_recognition = "x"\n'
    )
    s = load_settings()
    assert s.max_file_mb == 10 and s.max_channels == 4
    assert s.backends == {"speech_recognition": "x"}
    monkeypatch.setenv("AUDIOGPT_MAX_FILE_MB", "20")
    assert load_settings().max_file_mb == 20
    assert load_settings(max_file_mb=30).max_file_mb == 30


def test_api_key_is_never_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value")
    s = load_settings()
    assert s.llm_api_key == "sk-secret-value"
    assert "sk-secret" not in repr(s)
