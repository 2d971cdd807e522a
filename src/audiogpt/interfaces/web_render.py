"""Pure helpers of the web UI: chat messages from turns, the artifacts and tools panels.

Kept apart from :mod:`audiogpt.interfaces.web` so they can be tested without a browser.
All user-controlled text that goes into HTML is escaped.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from audiogpt.core.access import FileAccess

MEDIA_KINDS = ("audio", "image", "video")


def step_message(step: dict[str, Any], status: str = "done",
                 elapsed: float | None = None) -> dict[str, Any]:
    """A collapsible chat message for one tool step (``metadata`` shows it as a step)."""
    tool = step.get("tool", "?")
    args = {k: v for k, v in (step.get("args") or {}).items() if v is not None}
    lines = [f"`{tool}` " + json.dumps(args, ensure_ascii=False, default=str)[:600]]
    if step.get("text"):
        lines.append(str(step["text"])[:1000])
    if step.get("outputs"):
        lines.append("outputs: " + ", ".join(f"`{o}`" for o in step["outputs"]))
    if step.get("error"):
        lines.append(f"**error:** {step['error']}")
    title = f"step {step.get('index', '')}: {tool}".replace("step : ", "step: ")
    if status == "running" and elapsed is not None:
        title += f" — running {elapsed:.0f} s"
    elif status == "error":
        title += " — failed"
    meta: dict[str, Any] = {"title": title, "status": "pending" if status == "running" else "done"}
    if elapsed is not None and status != "running":
        meta["duration"] = round(elapsed, 2)
    return {"role": "assistant", "content": "\n\n".join(lines), "metadata": meta}


def media_message(path: str | Path, kind: str, role: str = "assistant") -> dict[str, Any]:
    """A chat message showing a file inline (audio player, image, video) or as a download."""
    import gradio as gr

    p = str(path)
    if kind == "audio":
        content: Any = gr.Audio(value=p, show_label=False, show_download_button=True)
    elif kind == "image":
        content = gr.Image(value=p, show_label=False)
    elif kind == "video":
        content = gr.Video(value=p, show_label=False)
    else:
        content = gr.File(value=p, show_label=False)
    return {"role": role, "content": content}


def kind_of_path(path: str | Path) -> str:
    """Artifact kind from the extension (uploads in the chat box)."""
    from audiogpt.core.artifacts import kind_of

    return kind_of(path)


def turn_messages(turn: dict[str, Any], lookup: Any) -> list[dict[str, Any]]:
    """Chat messages replaying one stored turn.

    Args:
        turn: ``Turn.to_dict()``.
        lookup: ``id -> Artifact`` (raises on unknown ids).
    """
    msgs: list[dict[str, Any]] = []
    for ref in turn.get("attachments", []):
        try:
            art = lookup(ref)
        except Exception:
            continue
        msgs.append(media_message(art.path, art.kind, role="user"))
    if turn.get("user"):
        msgs.append({"role": "user", "content": turn["user"]})
    for i, step in enumerate(turn.get("steps", []), 1):
        msgs.append(step_message({"index": i, **step},
                                 "error" if step.get("error") else "done"))
    if turn.get("reply"):
        msgs.append({"role": "assistant", "content": turn["reply"]})
    msgs += artifact_messages(turn.get("artifacts", []))
    return msgs


def artifact_messages(artifacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Inline players/images/videos for a turn's artifacts (text ones as downloads)."""
    out = []
    for art in artifacts:
        path = Path(art.get("path", ""))
        if path.is_file():
            out.append(media_message(path, art.get("kind", "text")))
    return out


def artifacts_html(artifacts: list[dict[str, Any]]) -> str:
    """The side panel: each artifact with a download link and its provenance."""
    if not artifacts:
        return "<p class='ag-empty'>No files yet in this session.</p>"
    rows = []
    for art in reversed(artifacts):
        meta = art.get("meta") or {}
        aid = html.escape(str(art["id"]))
        name = html.escape(Path(str(art.get("path", ""))).name)
        kind = html.escape(str(art.get("kind", "")))
        if meta.get("tool"):
            origin = f"{meta.get('tool')} via {meta.get('backend', '?')}"
        elif meta.get("rendered_from"):
            origin = f"rendered from {meta['rendered_from']}"
        else:
            origin = "uploaded"
        prov = {k: meta[k] for k in ("tool", "backend", "arguments", "inputs", "seconds",
                                     "duration", "sample_rate", "channels", "rendered_from")
                if k in meta and meta[k] is not None}
        rows.append(
            f"<li class='ag-art' data-id='{aid}'><b>{kind}</b> "
            f"<a href='/api/artifacts/{aid}' download='{name}' target='_blank'>{name}</a> "
            f"<code>{aid}</code><br><small>{html.escape(origin)}</small>"
            f"<details><summary>provenance</summary><pre>"
            f"{html.escape(json.dumps(prov, indent=1, ensure_ascii=False, default=str))}"
            f"</pre></details></li>")
    return "<ul class='ag-arts'>" + "".join(rows) + "</ul>"


def tools_html(listing: list[dict[str, Any]]) -> str:
    """The tools panel: each tool with its backends and whether they can run here."""
    rows = []
    for t in listing:
        backs = []
        for b in t.get("backends", []):
            mark = "✅" if b.get("available") else "❌"
            reason = html.escape(str(b.get("reason") or ""))
            backs.append(f"<span title='{reason}'>{mark} {html.escape(b['name'])}</span>"
                         + ("" if b.get("available") else f" <small>({reason})</small>"))
        rows.append(f"<tr><td><b>{html.escape(t['name'])}</b><br><small>"
                    f"{html.escape(t.get('description', ''))}</small></td>"
                    f"<td>{'<br>'.join(backs) or '—'}</td></tr>")
    return ("<table class='ag-tools'><tr><th>tool</th><th>backends</th></tr>"
            + "".join(rows) + "</table>")


def session_choices(sessions: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Dropdown choices ``(label, name)`` for the session picker."""
    return [(f"{s['name']} — {s.get('turns', 0)} turns", s["name"]) for s in sessions]


def web_access() -> FileAccess:
    """A browser is a remote client: it may name store artifacts and the files it uploaded
    into Gradio's upload folder, nothing else on the server."""
    from gradio.utils import get_upload_folder

    return FileAccess.remote(Path(get_upload_folder()), caller="web")
