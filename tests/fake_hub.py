"""A local stand-in for the Hugging Face Hub: the endpoints ``huggingface_hub`` uses to pull a
model at a revision (repo info, recursive tree, HEAD/GET ``resolve`` with ``X-Repo-Commit``,
``ETag``/``X-Linked-Etag``/``X-Linked-Size`` and byte ranges), served from folders the tests
build, on 127.0.0.1 at a random port. It can cut a download short to test resuming.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

LFS_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".onnx")


def blob_sha1(data: bytes) -> str:
    """The git blob id of ``data``."""
    return hashlib.sha1(f"blob {len(data)}\0".encode() + data).hexdigest()


@dataclass
class Repo:
    """A repository at one commit: its files' bytes."""

    commit: str
    files: dict[str, bytes]

    def entry(self, path: str) -> dict:
        """The tree entry of ``path`` as the hub's API writes it."""
        data = self.files[path]
        out = {"type": "file", "path": path, "size": len(data), "oid": blob_sha1(data)}
        if path.endswith(LFS_SUFFIXES):
            out["lfs"] = {"oid": hashlib.sha256(data).hexdigest(), "size": len(data),
                          "pointerSize": 130}
        return out


@dataclass
class FakeHub:
    """Repositories served by the fake hub, and what it was asked.

    Attributes:
        cut: File path -> byte count after which the next GET of it is cut off.
        down: Paths whose downloads answer 503 (an outage after the cut).
        gated: Repository ids that answer 401 (terms not accepted, no token).
        ranges: The ``Range`` header of every GET (``None`` when absent), per file.
    """

    repos: dict[str, Repo] = field(default_factory=dict)
    cut: dict[str, int] = field(default_factory=dict)
    down: set[str] = field(default_factory=set)
    gated: set[str] = field(default_factory=set)
    ranges: dict[str, list[str | None]] = field(default_factory=dict)
    url: str = ""

    def add(self, repo_id: str, folder: Path, commit: str | None = None) -> str:
        """Serve every file under ``folder`` as ``repo_id``; returns the commit sha."""
        files = {p.relative_to(folder).as_posix(): p.read_bytes()
                 for p in sorted(folder.rglob("*")) if p.is_file()}
        digest = hashlib.sha1(repo_id.encode() + b"".join(files.values())).hexdigest()
        self.repos[repo_id] = Repo(commit or digest, files)
        return self.repos[repo_id].commit


def _handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def _send(self, code: int, body: bytes = b"", headers: dict | None = None,
                  length: int | None = None) -> None:
            self.send_response(code)
            for k, v in (headers or {}).items():
                self.send_header(k, str(v))
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _json(self, obj: object) -> None:
            self._send(200, json.dumps(obj).encode(), {"Content-Type": "application/json"})

        def _repo(self, parts: list[str]) -> tuple[Repo | None, str, list[str]]:
            repo_id = "/".join(parts[:2])
            return hub.repos.get(repo_id), repo_id, parts[2:]

        def _resolve(self, repo: Repo, rev: str) -> bool:
            return rev in ("main", repo.commit)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            parts = [unquote(p) for p in urlparse(self.path).path.strip("/").split("/")]
            repo_id = "/".join(parts[2:4] if parts[:2] == ["api", "models"] else parts[:2])
            if repo_id in hub.gated:
                return self._send(401, b'{"error": "Access to this model is restricted"}',
                                  {"X-Error-Code": "GatedRepo",
                                   "X-Error-Message": "Access to this model is restricted"})
            if parts[:2] == ["api", "models"]:
                repo, _, rest = self._repo(parts[2:])
                if repo is None or len(rest) < 2 or not self._resolve(repo, rest[1]):
                    return self._send(404, b'{"error": "Repository not found"}',
                                      {"X-Error-Code": "RepoNotFound"})
                if rest[0] == "revision":
                    return self._json({"id": "/".join(parts[2:4]), "sha": repo.commit,
                                       "siblings": [{"rfilename": p} for p in repo.files]})
                if rest[0] == "tree":
                    return self._json([repo.entry(p) for p in repo.files])
                return self._send(404)
            repo, repo_id, rest = self._repo(parts)
            if repo is None or len(rest) < 3 or rest[0] != "resolve":
                return self._send(404, b"", {"X-Error-Code": "RepoNotFound"})
            rel = "/".join(rest[2:])
            if not self._resolve(repo, rest[1]) or rel not in repo.files:
                return self._send(404, b"", {"X-Error-Code": "EntryNotFound"})
            data = repo.files[rel]
            entry = repo.entry(rel)
            headers = {"X-Repo-Commit": repo.commit, "ETag": f'"{entry["oid"]}"',
                       "Accept-Ranges": "bytes"}
            if "lfs" in entry:
                headers["X-Linked-Etag"] = f'"{entry["lfs"]["oid"]}"'
                headers["X-Linked-Size"] = len(data)
            if self.command == "HEAD":
                return self._send(200, b"", headers, length=len(data))
            hub.ranges.setdefault(rel, []).append(self.headers.get("Range"))
            if rel in hub.down:
                return self._send(503, b"unavailable")
            start = 0
            if self.headers.get("Range"):
                start = int(self.headers["Range"].split("=")[1].split("-")[0])
                headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
            body = data[start:]
            if rel in hub.cut:
                keep = hub.cut.pop(rel) - start
                self.send_response(206 if start else 200)
                for k, v in headers.items():
                    self.send_header(k, str(v))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[:keep])
                self.wfile.flush()
                hub.down.add(rel)  # the network stays down until the test lifts it
                self.close_connection = True
                return None
            return self._send(206 if start else 200, body, headers)

    return Handler


class HubServer:
    """Run a :class:`FakeHub` on 127.0.0.1 in a thread (a context manager)."""

    def __init__(self, hub: FakeHub | None = None) -> None:
        self.hub = hub or FakeHub()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.hub))
        self.server.daemon_threads = True
        self.hub.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeHub:
        self.thread.start()
        return self.hub

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
