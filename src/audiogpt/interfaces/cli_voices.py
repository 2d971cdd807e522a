"""``audiogpt voices`` (enrolled voices) and ``audiogpt watermark`` commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


def _app(ctx: click.Context):
    from audiogpt.app import App

    if "app" not in ctx.obj:
        ctx.obj["app"] = App()
    return ctx.obj["app"]


def _emit(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


def register(main: click.Group) -> None:
    """Add the ``voices`` and ``watermark`` groups to the CLI."""

    @main.group()
    def voices() -> None:
        """Enrolled voices for voice_clone/voice_conversion (stored locally, mode 0600)."""

    @voices.command("add")
    @click.argument("name")
    @click.option("--from", "sources", multiple=True,
                  help="A recording of the voice (repeat for several; ~60 s of speech in all).")
    @click.option("--consent", is_flag=True,
                  help="Confirm the voice is yours or its owner agreed to its enrollment.")
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @click.pass_context
    def add(ctx: click.Context, name: str, sources: tuple[str, ...], consent: bool,
            as_json: bool) -> None:
        """Enroll voice NAME from recordings (requires --consent)."""
        from audiogpt.agent.voices import add_voice
        from audiogpt.core.errors import ToolInputError

        if not consent:
            raise ToolInputError("voices add: consent is required: pass --consent to confirm "
                                 "the voice is yours or its owner agreed")
        app = _app(ctx)
        result = add_voice(app.registry, app.settings, name, [Path(s) for s in sources],
                           consent=consent)
        if as_json:
            _emit(result)
            return
        click.echo(f"enrolled {result['name']!r} from {result['speech_seconds']:g} s of speech")
        for w in result["warnings"]:
            click.echo(f"  warning: {w}")

    @voices.command("list")
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @click.pass_context
    def list_(ctx: click.Context, as_json: bool) -> None:
        """List the enrolled voices."""
        from audiogpt.agent.voices import list_voices

        items = list_voices(_app(ctx).settings)
        if as_json:
            _emit(items)
            return
        if not items:
            click.echo("no voices enrolled (audiogpt voices add NAME --from FILE --consent)")
        for v in items:
            click.echo(f"{v['name']}\t{v['speech_seconds']:g} s of speech\tadded {v['created']}")

    @voices.command("show")
    @click.argument("name")
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @click.pass_context
    def show(ctx: click.Context, name: str, as_json: bool) -> None:
        """Show an enrolled voice (consent, dates, material, warnings)."""
        from audiogpt.agent.voices import show_voice

        info = show_voice(_app(ctx).settings, name)
        if as_json:
            _emit(info)
            return
        for key, value in info.items():
            click.echo(f"{key}: {value}")

    @voices.command("remove")
    @click.argument("name")
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @click.pass_context
    def remove(ctx: click.Context, name: str, as_json: bool) -> None:
        """Delete an enrolled voice and its learned model."""
        from audiogpt.agent.voices import remove_voice

        norm = remove_voice(_app(ctx).settings, name)
        _emit({"removed": norm}) if as_json else click.echo(f"removed {norm!r}")

    @voices.command("read")
    @click.argument("name", required=False)
    @click.option("--text", required=True, help="The text (a diary entry) to read.")
    @click.option("--wav", "wav", type=click.File("wb"), default=None,
                  help="Write the audio here as each sentence is made ('-': stdout, e.g. "
                       "| aplay).")
    @click.option("--json", "as_json", is_flag=True, help="One JSON line per sentence, then "
                  "the stored run.")
    @click.pass_context
    def read(ctx: click.Context, name: str | None, text: str, wav: Any, as_json: bool) -> None:
        """Read TEXT in voice NAME (the stock voice without NAME), sentence by sentence.

        Each sentence is written as soon as it is made; the whole is stored as one artifact
        (watermarked when in an enrolled voice).
        """
        from audiogpt.core.errors import ToolInputError
        from audiogpt.interfaces.speech_stream import SentenceStream, WavWriter

        if as_json and wav is not None and getattr(wav, "name", "") == "<stdout>":
            raise ToolInputError("voices read: --json and --wav - both need stdout; pick one")
        tool, args = (("voice_clone", {"text": text, "reference": name}) if name else
                      ("text_to_speech", {"text": text}))
        stream = SentenceStream(_app(ctx), tool, args, session="run")
        writer = None
        for piece, pause in zip(stream, stream.pauses):
            if wav is not None:
                writer = writer or WavWriter(wav, piece.audio.sample_rate)
                writer.write(piece.audio.mono, pause)
            info = {"event": "sentence", "index": piece.index, "of": piece.total,
                    "text": piece.text, "ready_s": round(piece.ready_s, 3)}
            if as_json:
                _emit(info)
            else:
                click.echo(f"[{piece.ready_s:5.1f} s] {piece.index}/{piece.total} {piece.text}",
                           err=True)
        if writer is not None:
            writer.close()
        record = stream.record.to_json() if stream.record else {}
        if as_json:
            _emit({"event": "done", **record})
        else:
            click.echo(f"{record.get('text', '')} Saved {record['artifacts'][0]['path']}",
                       err=wav is not None)

    @main.group()
    def watermark() -> None:
        """The watermark of cloned voices."""

    @watermark.command("detect")
    @click.argument("file")
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @click.pass_context
    def detect(ctx: click.Context, file: str, as_json: bool) -> None:
        """Say whether FILE carries the watermark, and which tool made it."""
        from audiogpt.backends.dsp.watermark import detect as detect_mark
        from audiogpt.core.audio import Audio

        result = detect_mark(Audio.from_file(file, _app(ctx).settings))
        if as_json:
            _emit(result)
            return
        if result["watermarked"]:
            made = f" (made by {result['tool']} on {result['created']})" if "tool" in result else ""
            click.echo(f"{file}: watermarked{made}")
        else:
            click.echo(f"{file}: no watermark")
