"""The web UI (Gradio 5 Blocks), mounted at ``/`` of the FastAPI server.

Chat with inline audio players, images and videos; a prompt box with upload and
microphone; the steps of each turn shown while they run; side panels for the session
(resume, new, export), its artifacts (downloads + provenance), the tools and their
backends, and an inpainting editor (click the spectrogram or type start/end).

Everything is served locally: analytics are off and the theme uses Gradio's bundled fonts,
so the page loads with no network access.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import AudioGPTError
from audiogpt.interfaces import web_render as wr
from audiogpt.interfaces.http_errors import redact_paths
from audiogpt.interfaces.web_env import offline_env

if TYPE_CHECKING:
    from fastapi import FastAPI

    from audiogpt.interfaces.service import Service

logger = logging.getLogger(__name__)

CSS = """
.ag-arts { list-style: none; padding-left: 0; margin: 0; }
.ag-art { border-bottom: 1px solid var(--border-color-primary); padding: 4px 0; }
.ag-art pre { font-size: 11px; white-space: pre-wrap; }
.ag-tools td { vertical-align: top; font-size: 13px; }
#region img { cursor: crosshair; }
"""
EXPORT_DIR = Path(tempfile.gettempdir()) / "audiogpt-exports"


def _file_path(f: Any) -> str:
    return f.get("path") if isinstance(f, dict) else str(f)


def region_png(audio_path: str, out: Path, marks: tuple[float, float] | None = None) -> float:
    """Spectrogram with axes filling the whole image, so x pixel / width = time / duration."""
    from audiogpt.core.audio import Audio
    from audiogpt.core.render import mel_db, pyplot

    audio = Audio.from_file(audio_path)
    db, _hop = mel_db(audio)
    plt = pyplot()
    fig = plt.figure(figsize=(8, 2.4), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.imshow(db, origin="lower", aspect="auto", cmap="magma",
              extent=(0, audio.duration, 0, db.shape[0]))
    ax.set_xlim(0, audio.duration)
    if marks:
        ax.axvspan(marks[0], marks[1], color="cyan", alpha=0.3)
    ax.tick_params(axis="x", direction="in", pad=-14, colors="white", labelsize=8)
    ax.set_yticks([])
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return audio.duration


class WebHandlers:
    """The UI's event handlers (plain methods, testable without a browser)."""

    def __init__(self, service: Service) -> None:
        self.service = service

    # ------------------------------------------------------------------ panels
    def panels(self, session: str | None) -> tuple[str, Any, str, Any]:
        """(artifacts html, picker update, session label, inpaint source choices)."""
        import gradio as gr

        arts = self.service.history(session)["artifacts"] if session else []
        audio = [(f"{Path(a['path']).name} ({a['id']})", a["id"]) for a in arts
                 if a["kind"] == "audio"]
        picker = gr.Dropdown(choices=wr.session_choices(self.service.sessions()),
                             value=session)
        label = f"Session **{session}**" if session else "New session (starts with your first message)"
        return wr.artifacts_html(arts), picker, label, gr.Dropdown(choices=audio[::-1])

    def on_load(self) -> tuple[str, Any]:
        import gradio as gr

        return wr.tools_html(self.service.tools()), gr.Dropdown(
            choices=wr.session_choices(self.service.sessions()), value=None)

    # ------------------------------------------------------------------ chat
    def respond(self, message: dict[str, Any] | None, history: list[Any], session: str | None):
        """Generator: run one turn, yielding the chat as steps start and finish."""
        import gradio as gr

        message = message or {}
        text = str(message.get("text") or "").strip()
        files = [_file_path(f) for f in message.get("files") or []]
        history = list(history or [])
        if not text and not files:
            yield history, gr.MultimodalTextbox(), session, *self.panels(session)
            return
        session = session or self.service.new_session("web")
        for f in files:
            history.append(wr.media_message(f, wr.kind_of_path(f), role="user"))
        if text:
            history.append({"role": "user", "content": text})
        busy = gr.MultimodalTextbox(value=None, interactive=False)
        yield history, busy, session, *self.panels(session)

        events: queue.Queue[tuple[str, Any]] = queue.Queue()
        result: dict[str, Any] = {}

        def work() -> None:
            try:
                result["line"] = self.service.turn(
                    session, text, files, on_step=lambda s: events.put(("step", s)),
                    stream=lambda piece: events.put(("text", piece)), access=wr.web_access())
            except Exception as exc:
                result["error"] = exc
            finally:
                events.put(("end", None))

        threading.Thread(target=work, daemon=True, name="audiogpt-web-turn").start()
        positions: dict[int, tuple[int, dict[str, Any], float]] = {}
        streamed: list[str] = []
        stream_at: int | None = None
        while True:
            try:
                kind, payload = events.get(timeout=1.0)
            except queue.Empty:
                for idx, (pos, step, started) in positions.items():
                    if history[pos]["metadata"]["status"] == "pending":
                        history[pos] = wr.step_message({**step, "index": idx}, "running",
                                                        time.monotonic() - started)
                yield history, busy, session, *(gr.skip(),) * 4
                continue
            if kind == "end":
                break
            if kind == "text":
                streamed.append(str(payload))
                if stream_at is None:
                    history.append({"role": "assistant", "content": ""})
                    stream_at = len(history) - 1
                history[stream_at] = {"role": "assistant", "content": "".join(streamed)}
            elif kind == "step":
                idx = int(payload.get("index", len(positions) + 1))
                status = payload.get("status", "done")
                if idx not in positions:
                    history.append(wr.step_message(payload, "running", 0.0))
                    positions[idx] = (len(history) - 1, payload, time.monotonic())
                pos, _, started = positions[idx]
                history[pos] = wr.step_message(
                    {**payload, "index": idx}, status,
                    time.monotonic() - started)
            yield history, busy, session, *(gr.skip(),) * 4
        if stream_at is not None:
            history.pop(stream_at)
        if "error" in result:
            exc = result["error"]
            msg = exc.message if isinstance(exc, AudioGPTError) else "internal error (see the log)"
            history.append({"role": "assistant", "content": f"Error: {redact_paths(msg)}"})
        else:
            line = result["line"]
            history.append({"role": "assistant", "content": line.get("reply") or "Done."})
            history += wr.artifact_messages(line.get("artifacts", []))
        yield (history, gr.MultimodalTextbox(value=None, interactive=True), session,
               *self.panels(session))

    # ------------------------------------------------------------------ sessions
    def new(self) -> tuple[list[Any], None, str, Any, str, Any]:
        return [], None, *self.panels(None)

    def resume(self, name: str | None, current: str | None):
        import gradio as gr

        if not name:
            return [], current, *self.panels(current)
        hist = self.service.history(name)
        msgs: list[Any] = []
        for turn in hist["turns"]:
            msgs += wr.turn_messages(turn, self.service.artifact)
        if not msgs:
            gr.Info(f"Session {name} has no turns yet.")
        return msgs, name, *self.panels(name)

    def export(self, session: str | None) -> Any:
        import gradio as gr

        if not session:
            raise gr.Error("Nothing to export yet: send a message first.")
        EXPORT_DIR.mkdir(parents=True, exist_ok=True)
        path = self.service.export(session)
        dest = EXPORT_DIR / f"{session}.zip"
        os.replace(path, dest)
        return gr.File(value=str(dest), visible=True)

    # ------------------------------------------------------------------ inpainting
    def pick_audio(self, art_id: str | None) -> tuple[Any, dict[str, Any], None, None]:
        if not art_id:
            return None, {}, None, None
        path = self.service.safe_path(art_id)
        out = Path(tempfile.mkdtemp(prefix="audiogpt-region-")) / f"{art_id}.png"
        duration = region_png(str(path), out)
        return str(out), {"id": art_id, "path": str(path), "duration": duration}, None, None

    def click(self, state: dict[str, Any], start: float | None, end: float | None,
              evt: Any) -> tuple[float | None, float | None, Any]:
        """First click sets start, the second sets end (swapped if needed)."""
        if not state:
            return start, end, None
        x = float(evt.index[0])
        t = round(max(0.0, min(1.0, x / 800.0)) * state["duration"], 3)
        if start is None or end is not None:
            start, end = t, None
        else:
            start, end = min(start, t), max(start, t)
        return start, end, self.preview(state, start, end)

    def preview(self, state: dict[str, Any], start: float | None, end: float | None) -> Any:
        if not state:
            return None
        out = Path(tempfile.mkdtemp(prefix="audiogpt-region-")) / f"{state['id']}-marked.png"
        marks = (start, end) if start is not None and end is not None else None
        if marks is None and start is not None:
            marks = (start, start + state["duration"] / 400)
        region_png(state["path"], out, marks)
        return str(out)

    def inpaint(self, state: dict[str, Any], start: float | None, end: float | None,
                history: list[Any], session: str | None):
        import gradio as gr

        if not state or not session:
            raise gr.Error("Choose an audio file of this session first.")
        if start is None or end is None or end <= start:
            raise gr.Error("Mark a region: click the start and the end on the spectrogram.")
        args = {"audio": state["id"], "start": float(start), "end": float(end)}
        try:
            record = self.service.run_tool("audio_inpainting", args, session=session)
        except AudioGPTError as exc:
            raise gr.Error(redact_paths(exc.message)) from None
        history = list(history or [])
        history.append({"role": "user",
                        "content": f"Inpaint {start:.2f}–{end:.2f} s of `{state['id']}`"})
        history.append(wr.step_message({"index": 1, "tool": "audio_inpainting", "args": args,
                                        "outputs": [a["id"] for a in record["artifacts"]],
                                        "text": record.get("text")}, "done", record["seconds"]))
        history += wr.artifact_messages(record["artifacts"])
        return history, *self.panels(session)


def build_ui(service: Service) -> Any:
    """The Gradio Blocks of the assistant."""
    offline_env()
    import gradio as gr
    from gradio.themes.utils.fonts import LocalFont

    h = WebHandlers(service)
    theme = gr.themes.Default(font=(LocalFont("IBM Plex Sans"), "ui-sans-serif", "system-ui",
                                    "sans-serif"))
    with gr.Blocks(title="AudioGPT", theme=theme, css=CSS, analytics_enabled=False,
                   fill_height=True) as demo:
        session = gr.State(None)
        region = gr.State({})
        gr.Markdown("### AudioGPT — understand and create speech, music, sound and "
                    "talking heads. Everything runs on this machine.")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chat = gr.Chatbot(type="messages", elem_id="chat", height=560, label="Chat",
                                  show_copy_button=True, group_consecutive_messages=False)
                box = gr.MultimodalTextbox(
                    elem_id="prompt", show_label=False, file_count="multiple",
                    file_types=["audio", "image", "video"], sources=["upload", "microphone"],
                    placeholder="Ask: 'Synthesize a speech with text hello', attach audio, "
                                "or record with the microphone…")
            with gr.Column(scale=2):
                with gr.Tab("Session", elem_id="tab-session"):
                    label = gr.Markdown("New session (starts with your first message)")
                    picker = gr.Dropdown(label="Sessions", choices=[], elem_id="picker")
                    with gr.Row():
                        resume_btn = gr.Button("Resume", size="sm")
                        new_btn = gr.Button("New", size="sm")
                        export_btn = gr.Button("Export", size="sm")
                    export_file = gr.File(label="Export (zip)", visible=False)
                with gr.Tab("Artifacts", elem_id="tab-artifacts"):
                    arts = gr.HTML(wr.artifacts_html([]), elem_id="artifacts")
                with gr.Tab("Tools", elem_id="tab-tools"):
                    # Filled when the page is built (and refreshed on each load), so the table
                    # shows even before the page's first event has been answered.
                    tools = gr.HTML(wr.tools_html(service.tools()), elem_id="tools")
                with gr.Tab("Inpaint", elem_id="tab-inpaint"):
                    src = gr.Dropdown(label="Audio of this session", choices=[])
                    img = gr.Image(label="Click the start, then the end of the region",
                                   interactive=False, type="filepath", elem_id="region")
                    with gr.Row():
                        start = gr.Number(label="start (s)", minimum=0)
                        end = gr.Number(label="end (s)", minimum=0)
                    inpaint_btn = gr.Button("Inpaint the region", variant="primary")
                from audiogpt.interfaces.web_jobs import jobs_tab
                from audiogpt.interfaces.web_voices import voices_tab
                voices_tab(service, session)
                jobs_tab(service)

        panels = [arts, picker, label, src]
        box.submit(h.respond, [box, chat, session], [chat, box, session, *panels])
        demo.load(h.on_load, None, [tools, picker], queue=False)
        new_btn.click(h.new, None, [chat, session, *panels])
        resume_btn.click(h.resume, [picker, session], [chat, session, *panels])
        export_btn.click(h.export, [session], [export_file])
        src.change(h.pick_audio, [src], [img, region, start, end])
        img.select(_click_handler(h), [region, start, end], [start, end, img])
        start.submit(h.preview, [region, start, end], [img])
        end.submit(h.preview, [region, start, end], [img])
        inpaint_btn.click(h.inpaint, [region, start, end, chat, session], [chat, *panels])
    return demo


def _click_handler(h: WebHandlers) -> Any:
    import gradio as gr

    def on_select(state, start, end, evt):
        return h.click(state, start, end, evt)

    # Gradio injects the click position by the parameter's type (a real class, not a string).
    on_select.__annotations__ = {"evt": gr.SelectData}
    return on_select


_EXTERNAL = re.compile(
    rb"<link[^>]*rel=\"preconnect\"[^>]*>|<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>",
    re.DOTALL)
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "media-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
       "worker-src 'self' blob:; frame-ancestors 'self'")


class OfflinePage:
    """ASGI middleware: drops Gradio's CDN/Google-Fonts tags from HTML pages and sends a
    Content-Security-Policy that keeps the browser on this server."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path", "").startswith(("/api/", "/mcp")):
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def wrapped(message: Any) -> None:
            if message["type"] == "http.response.start":
                ctype = dict(message.get("headers", [])).get(b"content-type", b"")
                if not ctype.startswith(b"text/html"):
                    start["pass"] = True
                    await send(message)
                    return
                start.update(message)
                return
            if start.get("pass") or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = _EXTERNAL.sub(b"", b"".join(chunks))
            headers = [(k, v) for k, v in start.get("headers", [])
                       if k.lower() not in (b"content-length", b"content-security-policy")]
            headers += [(b"content-length", str(len(body)).encode()),
                        (b"content-security-policy", CSP.encode())]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, wrapped)


def mount_ui(api: FastAPI, service: Service) -> None:
    """Mount the UI at ``/`` of ``api`` (after the API routes, which keep precedence)."""
    offline_env(service.app.settings.home / "uploads")
    import gradio as gr

    store_root = service.app.store.root
    EXPORT_DIR.mkdir(parents=True, exist_ok=True)
    blocked = [str(service.app.settings.db_path), str(store_root / "config.toml")]
    gr.mount_gradio_app(
        api, build_ui(service), path="/", show_api=False, ssr_mode=False,
        allowed_paths=[str(store_root / "sessions"), str(EXPORT_DIR)], blocked_paths=blocked,
        max_file_size=f"{int(service.app.settings.max_upload_mb)}mb")
    api.add_middleware(OfflinePage)
