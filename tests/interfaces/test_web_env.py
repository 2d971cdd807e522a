"""The web UI keeps uploads and microphone takes in the workspace, not in /tmp/gradio."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from audiogpt.interfaces import web_env


def test_uploads_go_to_a_private_workspace_folder(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    from gradio.utils import get_upload_folder

    monkeypatch.delenv("GRADIO_TEMP_DIR", raising=False)
    monkeypatch.setattr(web_env, "_USER_UPLOADS", False)
    folder = tmp_path / "home" / "uploads"
    web_env.offline_env(folder)
    assert Path(get_upload_folder()) == folder
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700


def test_a_folder_the_user_chose_is_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "mine"))
    monkeypatch.setattr(web_env, "_USER_UPLOADS", True)
    web_env.offline_env(tmp_path / "home" / "uploads")
    assert os.environ["GRADIO_TEMP_DIR"] == str(tmp_path / "mine")
    assert not (tmp_path / "home" / "uploads").exists()
