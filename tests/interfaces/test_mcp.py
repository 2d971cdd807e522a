"""MCP: an MCP client lists the tools (with their JSON schemas) and calls one, in process,
over stdio (`audiogpt mcp`) and over streamable HTTP (`/mcp` of `audiogpt serve`)."""

from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from audiogpt.app import App
from audiogpt.core.config import load_settings
from audiogpt.interfaces.mcp import build_server
from audiogpt.interfaces.service import Service
from tests.interfaces.server_util import start_server, write_tone


def _structured(result) -> dict:
    assert not result.is_error, result.content
    return result.structured_content


async def _list_and_call(client: Client, audio: str) -> tuple[dict, dict]:
    tools = {t.name: t for t in (await client.list_tools()).tools}
    result = await client.call_tool("audio_edit", {"audio": audio, "operation": "trim",
                                                   "start": 0.2, "end": 0.7})
    return tools, result


def test_in_process_list_and_call(tmp_path: Path) -> None:
    app = App(load_settings(home=tmp_path / "home"))
    tone = write_tone(tmp_path / "tone.wav")
    service = Service(app)

    async def main() -> tuple:
        async with Client(build_server(service, allow_paths=True)) as client:
            tools, result = await _list_and_call(client, str(tone))
            bad = await client.call_tool("audio_edit", {"audio": str(tone), "operation": "trim"})
            missing = await client.call_tool("audio_edit", {"audio": str(tmp_path / "no.wav"),
                                                            "operation": "reverse"})
            return tools, result, bad, missing

    tools, result, bad, missing = anyio.run(main)
    service.close()
    assert set(tools) == set(app.registry.tools)
    assert tools["audio_edit"].input_schema == app.registry.tool("audio_edit").input_schema()
    out = _structured(result)
    assert out["tool"] == "audio_edit" and out["backend"] == "dsp"
    art = out["artifacts"][0]
    assert Path(art["path"]).is_file() and art["kind"] == "audio"
    kinds = [c.type for c in result.content]
    assert kinds[:2] == ["text", "text"] and "audio" in kinds
    audio_block = next(c for c in result.content if c.type == "audio")
    assert base64.b64decode(audio_block.data) == Path(art["path"]).read_bytes()
    assert bad.is_error and "--start and/or --end" in bad.content[0].text
    assert missing.is_error and "not found" in missing.content[0].text


def test_stdio_audiogpt_mcp(tmp_path: Path) -> None:
    tone = write_tone(tmp_path / "tone.wav")
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "audiogpt", "mcp"],
        env={**os.environ, "AUDIOGPT_HOME": str(tmp_path / "home")})

    async def main() -> tuple:
        async with Client(params, read_timeout_seconds=120) as client:
            return await _list_and_call(client, str(tone))

    tools, result = anyio.run(main)
    assert "audio_edit" in tools
    art = _structured(result)["artifacts"][0]
    assert Path(art["path"]).resolve().is_relative_to((tmp_path / "home").resolve())


def test_streamable_http_mcp(tmp_path: Path) -> None:
    tone = write_tone(tmp_path / "tone.wav")
    server = start_server(tmp_path / "home", "--no-ui")
    uri = "data:audio/wav;base64," + base64.b64encode(tone.read_bytes()).decode()
    try:
        async def main() -> tuple:
            async with Client(server.url + "/mcp", read_timeout_seconds=120) as client:
                tools, result = await _list_and_call(client, uri)
                # Over HTTP a server path is refused; an artifact id from a result is fine.
                refused = await client.call_tool("audio_edit", {"audio": "/etc/passwd",
                                                                "operation": "reverse"})
                art_id = result.structured_content["artifacts"][0]["id"]
                by_id = await client.call_tool("audio_edit", {"audio": art_id,
                                                              "operation": "reverse"})
                return tools, result, refused, by_id

        tools, result, refused, by_id = anyio.run(main)
    finally:
        server.stop()
    assert "audio_edit" in tools
    assert _structured(result)["artifacts"][0]["kind"] == "audio"
    assert refused.is_error and "artifact id" in refused.content[0].text
    assert json.loads(by_id.content[1].text)["tool"] == "audio_edit"
