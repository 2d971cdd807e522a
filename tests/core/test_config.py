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


SRC = Path(__file__).resolve().parents[2] / "src" / "audiogpt"


def test_every_audiogpt_variable_is_a_setting() -> None:
    """All AUDIOGPT_* settings are read through the one Settings object: no module but
    core/config.py reads them from the environment, and each one names a Settings field."""
    import dataclasses
    import re

    from audiogpt.core.config import Settings

    fields = {f.name for f in dataclasses.fields(Settings)}
    # os.environ[...] / .get(...) / getenv(...) of an "AUDIOGPT_..." literal or an ENV constant
    direct = re.compile(r"(?:environ(?:\.get)?\s*[\[(]|getenv\()\s*(?:f?[\"']AUDIOGPT_|ENV\b|env\b)")
    named = re.compile(r"AUDIOGPT_([A-Z0-9_]+)")
    offenders, unknown = [], set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.relative_to(SRC).as_posix() != "core/config.py" and direct.search(text):
            offenders.append(str(path.relative_to(SRC)))
        for name in named.findall(text):
            if name.lower() not in fields | {"home", "config", "ps_"} and \
                    not name.startswith("PS_"):
                unknown.add(name)
    assert offenders == [], offenders
    assert unknown == set(), f"AUDIOGPT_* names that are not Settings fields: {unknown}"


def test_model_and_tool_settings_come_from_the_config_file(workspace: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    from audiogpt.backends.generation.music.algorithmic import soundfont
    from audiogpt.backends.speech.recognition.whisper import WhisperASR

    sf2 = tmp_path / "my.sf2"
    sf2.write_bytes(b"RIFF")
    (workspace / "config.toml").write_text(
        f'soundfont = "{sf2}"\nwhisper_model = "{tmp_path / "no-model"}"\n'
        'planner_embeddings = false\n')
    assert soundfont() == str(sf2)
    s = load_settings()
    assert s.planner_embeddings is False
    assert "no-model" in (WhisperASR.availability().reason or "")
    monkeypatch.setenv("AUDIOGPT_PS_BEAM", "1e-40")
    assert load_settings().ps_options == {"beam": "1e-40"}
