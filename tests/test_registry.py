"""Tool and backend registries: entry points, availability, backend choice."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
from pydantic import Field

from audiogpt.backends.base import Backend, Request, module, program
from audiogpt.core.config import load_settings
from audiogpt.core.errors import BackendUnavailable, ToolInputError
from audiogpt.registry import Registry, get_registry
from audiogpt.tools.base import AudioFile, Output, Tool, ToolArgs, ToolResult


class EchoArgs(ToolArgs):
    audio: AudioFile = Field(description="input")


class Echo(Tool):
    name = "echo"
    description = "Return the audio."
    Args = EchoArgs


class EchoWorking(Backend):
    name = "plain"
    tool = "echo"
    priority = 1

    def run(self, req: Request) -> ToolResult:
        return ToolResult([Output("audio", req.audio(), "echo")])


class EchoMissing(Backend):
    name = "fancy"
    tool = "echo"
    priority = 5
    requires = (module("surely_not_installed_pkg_xyz", "fancy"), program("no-such-program-xyz"))


def test_builtins_register_through_entry_points() -> None:
    names = {ep.name for ep in entry_points(group="audiogpt.tools")}
    assert "builtin" in names
    assert {ep.name for ep in entry_points(group="audiogpt.backends")} >= {"builtin"}
    reg = get_registry()
    assert "audio_edit" in reg.tools
    assert reg.backends_for("audio_edit")[0].name == "dsp"


def test_missing_backend_is_listed_with_install_hint_and_others_work() -> None:
    reg = Registry([Echo], [EchoWorking, EchoMissing])
    listing = {b["name"]: b for b in reg.describe()[0]["backends"]}
    assert listing["fancy"]["available"] is False
    assert "pip install 'audiogpt[fancy]'" in listing["fancy"]["reason"]
    assert "sudo apt-get install no-such-program-xyz" in listing["fancy"]["reason"]
    assert listing["plain"]["available"] is True
    # best available skips the higher-priority missing one
    assert reg.select("echo").name == "plain"
    with pytest.raises(BackendUnavailable, match="surely_not_installed"):
        reg.select("echo", "fancy")
    with pytest.raises(ToolInputError, match="unknown backend"):
        reg.select("echo", "nope")


def test_config_preference_and_explicit_choice() -> None:
    reg = Registry([Echo], [EchoWorking, EchoMissing])
    settings = load_settings(backends={"echo": "fancy"})
    with pytest.raises(BackendUnavailable):
        reg.select("echo", settings=settings)
    assert reg.select("echo", "plain", settings).name == "plain"
    assert reg.select("echo") is reg.select("echo")  # one shared instance


def test_unknown_tool() -> None:
    with pytest.raises(ToolInputError, match="unknown tool"):
        get_registry().tool("make_coffee")


def test_schema_marks_file_arguments() -> None:
    schema = Echo.input_schema()
    assert schema["properties"]["audio"]["format"] == "audio-file"
    assert Echo.file_args() == {"audio": "audio"}
    assert schema["required"] == ["audio"]
