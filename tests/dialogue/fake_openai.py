"""A tiny OpenAI-compatible Chat Completions server for tests (http.server, random port).

Each POST to ``/v1/chat/completions`` pops the next scripted answer: a dict
``{"content": str | None, "tool_calls": [(name, arguments_json_string)]}`` or
``{"status": 500}``. Requests are recorded for assertions.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeOpenAI:
    """Start with ``with FakeOpenAI(script) as srv: srv.url``."""

    def __init__(self, script: list[dict[str, Any]]) -> None:
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"body": body, "auth": self.headers.get("Authorization"),
                                      "path": self.path})
                step = fake.script.pop(0) if fake.script else {"content": "(script exhausted)"}
                if "status" in step:
                    self._send(step["status"], {"error": {"message": step.get("message", "boom"),
                                                          "type": "server_error"}})
                    return
                if body.get("stream"):
                    self._stream(step)
                    return
                calls = [{"id": f"call_{i}", "type": "function",
                          "function": {"name": n, "arguments": a}}
                         for i, (n, a) in enumerate(step.get("tool_calls") or [])]
                msg: dict[str, Any] = {"role": "assistant", "content": step.get("content")}
                if calls:
                    msg["tool_calls"] = calls
                self._send(200, {"id": "x", "object": "chat.completion",
                                 "created": int(time.time()), "model": body.get("model", "m"),
                                 "choices": [{"index": 0, "message": msg,
                                              "finish_reason": "tool_calls" if calls else "stop"}]})

            def _stream(self, step: dict[str, Any]) -> None:
                """Server-sent events: text in two pieces, each tool call split mid-arguments."""
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                deltas: list[dict[str, Any]] = []
                text = step.get("content") or ""
                if text:
                    half = len(text) // 2
                    deltas += [{"content": text[:half]}, {"content": text[half:]}]
                for i, (name, args) in enumerate(step.get("tool_calls") or []):
                    cut = len(args) // 2
                    deltas.append({"tool_calls": [{"index": i, "id": f"call_{i}",
                                                   "type": "function",
                                                   "function": {"name": name,
                                                                "arguments": args[:cut]}}]})
                    deltas.append({"tool_calls": [{"index": i,
                                                   "function": {"arguments": args[cut:]}}]})
                for d in deltas + [{}]:
                    chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0,
                             "model": "m", "choices": [{"index": 0, "delta": d,
                                                        "finish_reason": None if d else "stop"}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _send(self, status: int, obj: dict[str, Any]) -> None:
                data = json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
