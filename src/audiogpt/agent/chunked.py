"""Run a tool block by block over a long recording, with memory bounded by the block size.

A tool opts in with ``chunking`` (how its per-block results are merged):

- ``text`` (speech_recognition): texts joined; word and segment times shifted.
- ``events`` (sound_event_detection): events shifted, the same label touching across a cut
  joined into one event; an event timeline image of the whole file.
- ``audio`` (speech_enhancement): output blocks streamed into one file.

Inputs longer than ``1.5 * chunk_s`` are cut at quiet moments (:func:`audiogpt.core.stream.
iter_blocks`), each block is written to the call's scratch folder and given to the backend
like a whole file. Tools without ``chunking`` refuse inputs over their ``max_input_s``
(:func:`check_input_limits`) before anything is decoded.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Request
from audiogpt.core.errors import InputTooLarge
from audiogpt.core.results import Output, ToolResult
from audiogpt.core.stream import audio_info, iter_blocks

if TYPE_CHECKING:
    from audiogpt.backends.base import Backend, ProgressFn
    from audiogpt.core.config import Settings
    from audiogpt.tools.base import Tool, ToolArgs

logger = logging.getLogger(__name__)

#: Longest audio input of a tool that cannot work in blocks (unless the tool sets its own).
DEFAULT_MAX_INPUT_S = 20 * 60.0


def chunk_plan(tool: type[Tool], files: dict[str, Path], settings: Settings) -> str | None:
    """The file argument to process in blocks, or None to run the tool on the whole file."""
    if not getattr(tool, "chunking", None):
        return None
    name = next((n for n, k in tool.file_args().items() if k == "audio" and n in files), None)
    if name is None:
        return None
    info = audio_info(files[name])
    return name if info is not None and info.duration > 1.5 * settings.chunk_s else None


def check_input_limits(tool: type[Tool], files: dict[str, Path], settings: Settings) -> None:
    """Refuse audio inputs longer than the tool's limit, from the header only.

    Raises:
        InputTooLarge: Over the limit (HTTP 413, exit code 2).
    """
    if getattr(tool, "chunking", None):
        return
    limit = min(getattr(tool, "max_input_s", None) or DEFAULT_MAX_INPUT_S,
                settings.max_duration_s)
    for name, kind in tool.file_args().items():
        if kind != "audio" or name not in files:
            continue
        info = audio_info(files[name])
        if info is not None and info.duration > limit:
            raise InputTooLarge(
                f"{tool.name}: --{name} is {info.duration / 60:.1f} min long; this tool takes "
                f"at most {limit / 60:g} min (cut the file, e.g. with audio_edit trim)")


def run_chunked(tool: type[Tool], backend: Backend, args: ToolArgs, files: dict[str, Path],
                name: str, settings: Settings, progress: ProgressFn, workdir: Path
                ) -> ToolResult:
    """Run ``backend`` on blocks of ``files[name]`` and merge the results.

    Args:
        tool: The tool (its ``chunking`` picks the merge).
        backend: The loaded backend.
        args: Validated arguments.
        files: Resolved file arguments.
        name: The file argument processed in blocks.
        settings: Settings (``chunk_s``, limits).
        progress: Progress callback for the whole run.
        workdir: Scratch folder (blocks and merged outputs are written there).
    """
    info = audio_info(files[name])
    total = info.duration if info else 0.0
    merger = _MERGERS[tool.chunking](workdir, total)
    search = min(5.0, settings.chunk_s / 4)
    # Audio-to-audio tools see up to 5 s of the neighbouring blocks (recurrent enhancers
    # settle there: with 2 s, DeepFilterNet3 blocks correlated 0.94 with a whole-file run,
    # with 5 s 0.996); that context is cut from their output again.
    ctx = min(5.0, settings.chunk_s / 2) if tool.chunking == "audio" else 0.0
    blocks = iter_blocks(files[name], settings.chunk_s, search, settings=settings)
    cur, tail, i = next(blocks, None), None, 0
    while cur is not None:
        nxt = next(blocks, None)
        start, block = cur
        padded, pre, post = _with_context(block, tail, nxt[1] if nxt else None, ctx)
        path = workdir / f"block{i:05d}.wav"
        padded.to_file(path, subtype="FLOAT")
        done, span = start / max(total, 1e-9), block.duration / max(total, 1e-9)
        req = Request(args=args, files={**files, name: path}, settings=settings,
                      sample_rate=backend.sample_rate,
                      progress=lambda f, m, d=done, s=span: progress(d + f * s, m))
        try:
            result = backend.run(req)
            merger.add(start, block.duration, result, (pre, post))
        finally:
            req.cleanup()
            path.unlink(missing_ok=True)
        progress(min(1.0, done + span), f"{start + block.duration:.0f}/{total:.0f} s")
        tail = block.slice(max(0.0, block.duration - ctx)) if ctx else None
        cur, i = nxt, i + 1
    return merger.result()


def _with_context(block: Any, before: Any, after: Any, ctx: float) -> tuple[Any, float, float]:
    """``block`` with up to ``ctx`` seconds of its neighbours; (audio, seconds before, after)."""
    import numpy as np

    from audiogpt.core.audio import Audio

    if not ctx:
        return block, 0.0, 0.0
    parts = [p.samples for p in (before, block, after.slice(0, ctx) if after else None) if p]
    pre = before.duration if before else 0.0
    post = parts[-1].shape[1] / block.sample_rate if after else 0.0
    return Audio(np.concatenate(parts, axis=1), block.sample_rate), pre, post


def _shift(items: list[dict[str, Any]], offset: float) -> list[dict[str, Any]]:
    out = []
    for item in items:
        item = dict(item)
        for key in ("start", "end"):
            if isinstance(item.get(key), (int, float)):
                item[key] = round(item[key] + offset, 3)
        out.append(item)
    return out


class _Merger:
    def __init__(self, workdir: Path, total: float) -> None:
        self.workdir = workdir
        self.total = total
        self.data: dict[str, Any] = {}
        self.blocks = 0
        self.text: str | None = None
        #: (kind, name, meta, ext) of the outputs of the first block, without their values.
        self.shapes: list[tuple[str, str, dict[str, Any], str]] = []

    def add(self, start: float, duration: float, result: ToolResult,
            context: tuple[float, float] = (0.0, 0.0)) -> None:
        self.context = context
        if self.blocks == 0:
            self.data = dict(result.data or {})
            self.text = result.text
            self.shapes = [(o.kind, o.name, o.meta, o.ext) for o in result.outputs]
        self.blocks += 1
        self.merge(start, duration, result)

    def merge(self, start: float, duration: float, result: ToolResult) -> None:
        raise NotImplementedError

    def finish_data(self) -> dict[str, Any]:
        data = dict(self.data)
        for key in ("duration", "duration_s"):
            if key in data:
                data[key] = round(self.total, 3)
        data["blocks"] = self.blocks
        return data


class _TextMerger(_Merger):
    def __init__(self, workdir: Path, total: float) -> None:
        super().__init__(workdir, total)
        self.texts: list[str] = []
        self.lists: dict[str, list[dict[str, Any]]] = {}

    def merge(self, start: float, duration: float, result: ToolResult) -> None:
        if result.text:
            self.texts.append(result.text.strip())
        for key, value in (result.data or {}).items():
            if isinstance(value, list) and all(isinstance(v, dict) for v in value):
                self.lists.setdefault(key, []).extend(_shift(value, start))

    def result(self) -> ToolResult:
        text = " ".join(t for t in self.texts if t)
        data = {**self.finish_data(), **self.lists}
        outs = [Output("text", text, name, meta) for kind, name, meta, _ in self.shapes
                if kind == "text"]
        return ToolResult(outputs=outs, text=text, data=data)


class _EventMerger(_Merger):
    def __init__(self, workdir: Path, total: float) -> None:
        super().__init__(workdir, total)
        self.events: list[dict[str, Any]] = []

    def merge(self, start: float, duration: float, result: ToolResult) -> None:
        gap = 2 * float((result.data or {}).get("hop_s", 0.05))
        for ev in _shift((result.data or {}).get("events", []), start):
            last = next((e for e in reversed(self.events) if e["label"] == ev["label"]), None)
            if last is not None and ev["start"] - last["end"] <= gap and ev["start"] >= start \
                    and last["end"] >= start - gap:
                last["end"] = max(last["end"], ev["end"])
                last["score"] = round(max(last.get("score", 0), ev.get("score", 0)), 3)
            else:
                self.events.append(ev)

    def result(self) -> ToolResult:
        from audiogpt.core.render import events_png

        evs = sorted(self.events, key=lambda e: (e["start"], e["label"]))
        png = events_png(evs, self.total, self.workdir / "event-timeline.png")
        shown = [e for e in evs if e["label"] != "silence"] or evs
        parts = [f"{e['label']} {e['start']:.1f}-{e['end']:.1f} s" for e in shown[:8]]
        more = f" (+{len(shown) - 8} more)" if len(shown) > 8 else ""
        text = ("Detected: " + ", ".join(parts) + more) if parts else "No events detected."
        return ToolResult(outputs=[Output("image", png, "event-timeline")], text=text,
                          data={**self.finish_data(), "events": evs})


class _AudioMerger(_Merger):
    def __init__(self, workdir: Path, total: float) -> None:
        super().__init__(workdir, total)
        self.files: dict[int, Any] = {}

    def merge(self, start: float, duration: float, result: ToolResult) -> None:
        import numpy as np
        import soundfile as sf

        for i, out in enumerate(o for o in result.outputs if o.kind == "audio"):
            if i not in self.files:
                self.files[i] = sf.SoundFile(str(self.workdir / f"merged{i}.wav"), "w",
                                             samplerate=out.value.sample_rate,
                                             channels=out.value.channels, subtype="PCM_16")
            sr, (pre, post) = out.value.sample_rate, self.context
            a = int(round(pre * sr))
            b = out.value.frames - int(round(post * sr))
            self.files[i].write(np.clip(out.value.samples[:, a:b].T, -1.0, 1.0))

    def result(self) -> ToolResult:
        outs = []
        for k, (_kind, name, meta, _ext) in enumerate(s for s in self.shapes if s[0] == "audio"):
            self.files[k].close()
            outs.append(Output("audio", Path(self.files[k].name), name, meta, ".wav"))
        return ToolResult(outputs=outs, text=self.text, data=self.finish_data())


_MERGERS = {"text": _TextMerger, "events": _EventMerger, "audio": _AudioMerger}
