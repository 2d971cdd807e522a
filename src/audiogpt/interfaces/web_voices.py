"""The web UI's Voices tab: guided recording, consent, enrolled voices, listening.

- Guided recording: a text to read, Gradio's streaming microphone with a live level meter
  (level and peak in dBFS, several times a second; red and "clipping", "too quiet", "background
  noise" while recording; :mod:`web_takes`), or an upload; after each take its speech seconds,
  level, signal-to-noise ratio and clipping, judged by the enrollment checks' thresholds.
- Adding a voice needs the consent box ticked; add, list and remove go through the same
  service functions as ``/api/voices`` and ``audiogpt voices`` (:mod:`audiogpt.agent.voices`).
- Listening: the enrollment sample and the clone of a test sentence side by side, and a
  diary entry read sentence by sentence into a streaming player (:mod:`speech_stream`),
  then stored whole as one watermarked artifact of the session.

:class:`VoiceHandlers` holds the event handlers as plain methods (testable without a
browser); :func:`voices_tab` lays the tab out inside ``build_ui``'s Blocks.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import AudioGPTError
from audiogpt.interfaces import web_render as wr
from audiogpt.interfaces.http_errors import redact_paths
from audiogpt.interfaces.web_takes import (
    MAX_TAKE_S,
    LiveTake,
    live_html,
    report_html,
    take_report,
)

if TYPE_CHECKING:
    from audiogpt.interfaces.service import Service

logger = logging.getLogger(__name__)

#: Texts to read aloud (written for this project; about 15-20 s each, varied sounds).
PASSAGES = (
    "When the sunlight strikes raindrops in the air, they act as a prism and form a rainbow. "
    "I remember the first one I saw: it stretched over the harbour, and my brother shouted "
    "that we should look for the pot of gold at its end.",
    "Every morning I walk the dog along the river. The path is quiet, except for the ducks "
    "and an old man who feeds them bread. He always asks about the weather, and I always "
    "say the same thing: it could be worse.",
    "Yesterday I cooked a thick vegetable soup with beans, carrots and fresh thyme. It took "
    "nearly two hours, but the whole kitchen smelled wonderful, and my neighbour knocked on "
    "the door to ask for the recipe.",
    "Six quick judges watched the jazz band play in the park. A shy boy juggled five yellow "
    "balls while his sister counted the coins in his hat. Nobody noticed the clouds until "
    "the first heavy drops began to fall.",
    "Reading before bed helps me sleep. Tonight I finished a story about a lighthouse keeper "
    "who writes letters to a stranger across the sea. Would you answer a letter like that? "
    "I think I would.",
)
TEST_SENTENCE = "Today I walked by the sea, and the wind was cold but the sun was warm."
TARGET_S = 60.0


def _takes_md(takes: list[dict[str, Any]]) -> str:
    if not takes:
        return f"No takes kept yet (about {TARGET_S:.0f} s of speech is best; 10 s works)."
    total = sum(t["speech_s"] for t in takes)
    lines = [f"{i}. {t['speech_s']:g} s of speech" + (" ⚠" if t["warnings"] else "")
             for i, t in enumerate(takes, 1)]
    return "\n".join(lines) + f"\n\n**{total:.0f} s of {TARGET_S:.0f} s**"


def _voices_html(items: list[dict[str, Any]]) -> str:
    if not items:
        return "<p>No voices yet.</p>"
    rows = "".join(
        f"<tr><td><b>{html.escape(v['name'])}</b></td><td>{v['speech_seconds']:g} s</td>"
        f"<td>{html.escape(str(v['created'])[:10])}</td>"
        f"<td>{html.escape('; '.join(v['warnings'])) or 'ok'}</td></tr>" for v in items)
    return ('<table class="ag-voices"><tr><th>voice</th><th>speech</th><th>added</th>'
            f"<th>notes</th></tr>{rows}</table>")


class VoiceHandlers:
    """The Voices tab's event handlers (plain methods; errors raise ``gr.Error``)."""

    def __init__(self, service: Service) -> None:
        self.service = service

    @property
    def settings(self) -> Any:
        return self.service.app.settings

    # ------------------------------------------------------------------ recording
    def passage(self, index: int) -> tuple[str, int]:
        """The next text to read (cycles)."""
        nxt = (int(index or 0) + 1) % len(PASSAGES)
        return f"> {PASSAGES[nxt]}", nxt

    def check_take(self, path: str | None) -> str:
        """Level, noise and clipping of a take, as HTML (empty when there is no take)."""
        if not path:
            return ""
        return report_html(take_report(self._readable(path)))

    def live_chunk(self, chunk: str | None, live: LiveTake | None) -> tuple[Any, LiveTake | None]:
        """One chunk of the streaming microphone: (live meter html, recording in progress).

        The chunk is a WAV file in the upload folder; the recording keeps its samples in
        memory and deletes the chunk files when it is closed (:meth:`finish_recording`).
        """
        import gradio as gr
        from gradio.processing_utils import audio_from_file

        if not chunk:
            return gr.skip(), live
        path = Path(chunk)
        if not wr.web_access().may_read(path):
            raise gr.Error("That recording is not an upload of this page; record it again.")
        if live is not None and live.is_late():  # the tail of a take that was just closed
            path.unlink(missing_ok=True)
            return gr.skip(), live
        if not path.is_file():  # identical chunks share one file (named by its hash)
            return gr.skip(), live
        rate, data = audio_from_file(str(path))
        if live is None or live.closed_at is not None or live.sample_rate != rate:
            live = LiveTake(rate)
        reading = live.add(data, path)
        return (gr.skip() if reading is None else live_html(reading)), live

    def finish_recording(self, live: LiveTake | None) -> tuple[Any, Any, Any, LiveTake | None]:
        """Recording stopped: (take path, take feedback, final meter, recording).

        The chunks are joined into a WAV take in the upload folder, which then goes through
        the same check and keep flow as an upload. Repeated stop events change nothing.
        """
        import gradio as gr
        from gradio.utils import get_upload_folder

        if live is None:
            return gr.skip(), gr.skip(), gr.skip(), live
        path = live.close(Path(get_upload_folder()))
        if path is None:
            return gr.skip(), gr.skip(), gr.skip(), live
        return str(path), self.check_take(str(path)), live_html(live.reading), live

    def keep_take(self, path: str | None, takes: list[dict[str, Any]], folder: str | None
                  ) -> tuple[list[dict[str, Any]], str, str, None, str]:
        """Copy the take into a private scratch folder and add it to the kept takes.

        Returns:
            (takes, takes markdown, scratch folder, cleared take, cleared feedback)
        """
        import gradio as gr

        if not path:
            raise gr.Error("Record (or upload) a take first.")
        src = self._readable(path)
        rep = take_report(src)
        if rep["speech_s"] < 1.0:
            raise gr.Error("No speech in this take: read the text aloud and record again.")
        if not folder or not Path(folder).is_dir():
            folder = tempfile.mkdtemp(prefix="audiogpt-takes-")
            os.chmod(folder, 0o700)
        dest = Path(folder) / f"take-{len(takes or []) + 1}{src.suffix.lower() or '.wav'}"
        shutil.copyfile(src, dest)
        os.chmod(dest, 0o600)
        takes = [*(takes or []), {"path": str(dest), **rep}]
        return takes, _takes_md(takes), folder, None, ""

    def clear_takes(self, folder: str | None) -> tuple[list[Any], str, None]:
        """Forget the kept takes (their copies are deleted)."""
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
        return [], _takes_md([]), None

    # ------------------------------------------------------------------ voices
    def add(self, name: str, consent: bool, takes: list[dict[str, Any]], folder: str | None,
            progress: Callable[[float, str], Any] | None = None) -> tuple[Any, ...]:
        """Enroll the kept takes as voice ``name``; refused unless ``consent`` is ticked.

        Returns:
            (status markdown, voices html, voice picker, takes, takes markdown, scratch folder,
            consent box); on a refusal only the status changes (the rest is ``gr.skip()``).
        """
        import gradio as gr

        from audiogpt.agent.voices import add_voice

        def refused(why: str) -> tuple[Any, ...]:
            return (f"**Not added:** {why}", *(gr.skip(),) * 6)

        if not consent:
            return refused("tick the consent box first: the voice must be yours, or its owner "
                           "must have agreed. Nothing was enrolled.")
        if not takes:
            return refused("keep at least one take (read the text aloud and record it).")
        report = progress or (lambda f, m: None)
        try:
            result = add_voice(self.service.app.registry, self.settings, name or "me",
                               [Path(t["path"]) for t in takes], consent=True,
                               progress=lambda f, m: report(f, m))
        except AudioGPTError as exc:
            return refused(redact_paths(exc.message))
        self.clear_takes(folder)
        notes = "".join(f"\n- ⚠ {w}" for w in result["warnings"])
        status = (f"Added voice **{result['name']}** from {result['speech_seconds']:g} s of "
                  f"speech.{notes}")
        table, picker = self.listing(result["name"])
        return status, table, picker, [], _takes_md([]), None, False

    def listing(self, selected: str | None = None) -> tuple[str, Any]:
        """(voices table, voice picker) of the enrolled voices."""
        import gradio as gr

        from audiogpt.agent.voices import list_voices

        items = list_voices(self.settings)
        names = [v["name"] for v in items]
        value = selected if selected in names else (names[0] if names else None)
        return _voices_html(items), gr.Dropdown(choices=names, value=value)

    def remove(self, name: str | None) -> tuple[str, str, Any]:
        """Delete an enrolled voice."""
        import gradio as gr

        from audiogpt.agent.voices import remove_voice

        if not name:
            raise gr.Error("Choose a voice to remove.")
        try:
            removed = remove_voice(self.settings, name)
        except AudioGPTError as exc:
            raise gr.Error(redact_paths(exc.message)) from None
        return f"Removed voice **{removed}**.", *self.listing()

    # ------------------------------------------------------------------ listening
    def compare(self, name: str | None, sentence: str, session: str | None
                ) -> tuple[Any, str, str, str]:
        """(original sample, clone path, info markdown, session): side by side."""
        import gradio as gr

        from audiogpt.agent.voices import voice_sample
        from audiogpt.backends.dsp.watermark import detect
        from audiogpt.core.audio import Audio

        if not name:
            raise gr.Error("Add a voice first, then choose it.")
        session = session or self.service.new_session("web")
        try:
            sample = voice_sample(self.settings, name)
            record = self.service.run_tool(
                "voice_clone", {"text": (sentence or TEST_SENTENCE).strip(), "reference": name},
                session=session, access=wr.web_access())
        except AudioGPTError as exc:
            raise gr.Error(redact_paths(exc.message)) from None
        art = record["artifacts"][0]
        mark = detect(Audio.from_file(art["path"]))
        original = None
        if sample is not None:
            audio = Audio.from_file(sample)
            original = (audio.sample_rate, (audio.mono * 32767).astype("int16"))
        info = (f"Clone `{art['id']}` by {record['backend']} in {record['seconds']:.1f} s; "
                f"watermark {'detected' if mark['watermarked'] else 'NOT detected'}."
                + ("" if sample is not None else " (No sample stored for this voice: it was "
                   "enrolled before samples were kept.)"))
        return original, art["path"], info, session

    def read(self, name: str | None, text: str, session: str | None
             ) -> Iterator[tuple[Any, Any, str, str]]:
        """Generator: (audio chunk, whole file, info, session), sentence by sentence."""
        import gradio as gr

        from audiogpt.interfaces.speech_stream import SentenceStream, wav_bytes

        if not (text or "").strip():
            raise gr.Error("Write the entry to read first.")
        session = session or self.service.new_session("web")
        tool, args = ("voice_clone", {"text": text, "reference": name}) if name else \
            ("text_to_speech", {"text": text})
        try:
            stream = SentenceStream(self.service.app, tool, args, session=session,
                                    access=wr.web_access())
            for piece in stream:
                yield (wav_bytes(piece.audio), None,
                       f"Sentence {piece.index}/{piece.total} ready after "
                       f"{piece.ready_s:.1f} s…", session)
        except AudioGPTError as exc:
            raise gr.Error(redact_paths(exc.message)) from None
        record = stream.record
        assert record is not None
        art = record.artifacts[0]
        who = f"voice **{name}**" if name else "the stock voice (text_to_speech)"
        yield (None, str(art.path),
               f"Read the entry in {who} ({len(stream.parts)} pieces): first audio after "
               f"{stream.first_audio_s or 0:.1f} s, whole entry after {record.seconds:.1f} s. "
               f"Stored as `{art.id}`" + (" (watermarked)." if art.meta.get("watermark") else
                                           "."), session)

    # ------------------------------------------------------------------ helpers
    def _readable(self, path: str) -> Path:
        """A take must be a file the browser uploaded (Gradio's upload folder)."""
        import gradio as gr

        p = Path(path)
        if not wr.web_access().may_read(p) or not p.is_file():
            raise gr.Error("That take is not an upload of this page; record it again.")
        return p


def voices_tab(service: Service, session: Any) -> None:
    """Lay out the Voices tab inside the current Blocks (``session`` is the UI's state)."""
    import gradio as gr

    from audiogpt.backends.speech.voice.profiles import CONSENT_STATEMENT

    h = VoiceHandlers(service)
    with gr.Tab("Voices", elem_id="tab-voices") as tab:
        gr.Markdown("**Add your voice.** Read the text aloud, one take at a time "
                    f"(about {TARGET_S:.0f} s of speech in all). Everything stays on this "
                    "machine.")
        index = gr.State(0)
        passage = gr.Markdown(f"> {PASSAGES[0]}", elem_id="voice-text")
        other = gr.Button("Another text", size="sm")
        mic = gr.Audio(sources=["microphone"], type="filepath", streaming=True,
                       label="Record", elem_id="voice-mic")
        meter = gr.HTML(live_html(None), elem_id="voice-meter")
        recording = gr.State(None)
        take = gr.Audio(sources=["upload"], type="filepath", elem_id="voice-take",
                        label="Take (the recording, or upload a file)")
        feedback = gr.HTML(elem_id="voice-feedback")
        with gr.Row():
            keep = gr.Button("Keep this take", size="sm", elem_id="voice-keep")
            clear = gr.Button("Start over", size="sm", elem_id="voice-clear")
        takes, folder = gr.State([]), gr.State(None)
        kept = gr.Markdown(_takes_md([]), elem_id="voice-takes")
        name = gr.Textbox("me", label="Voice name", elem_id="voice-name")
        consent = gr.Checkbox(False, label=CONSENT_STATEMENT, elem_id="voice-consent")
        add = gr.Button("Add voice", variant="primary", elem_id="voice-add")
        status = gr.Markdown(elem_id="voice-status")
        table = gr.HTML(_voices_html([]), elem_id="voice-list")
        with gr.Row():
            pick = gr.Dropdown(label="Voice", choices=[], elem_id="voice-pick", scale=3)
            remove = gr.Button("Remove", variant="stop", size="sm", scale=1)
        sentence = gr.Textbox(TEST_SENTENCE, label="Test sentence")
        compare = gr.Button("Compare original and clone", elem_id="voice-compare")
        with gr.Row():
            original = gr.Audio(label="Original (enrollment sample)", interactive=False,
                                elem_id="voice-original")
            clone = gr.Audio(label="Clone", interactive=False, elem_id="voice-clone")
        compared = gr.Markdown()
        entry = gr.Textbox(lines=4, label="Diary entry to read (the chosen voice, or the "
                           "stock voice when none is chosen)", elem_id="voice-entry")
        read = gr.Button("Read it", elem_id="voice-read")
        live = gr.Audio(label="Reading, sentence by sentence", streaming=True, autoplay=True,
                        interactive=False, elem_id="voice-live")
        whole = gr.Audio(label="The whole entry (stored)", interactive=False,
                         elem_id="voice-whole")
        read_info = gr.Markdown(elem_id="voice-read-info")

    def enroll(name_, consent_, takes_, folder_, progress=gr.Progress()):  # noqa: B008
        return h.add(name_, consent_, takes_, folder_, lambda f, m: progress(f, desc=m))

    tab.select(h.listing, None, [table, pick])
    other.click(h.passage, [index], [passage, index])
    mic.stream(h.live_chunk, [mic, recording], [meter, recording], stream_every=0.25,
               time_limit=int(MAX_TAKE_S), show_progress="hidden", concurrency_limit=4)
    mic.stop_recording(h.finish_recording, [recording], [take, feedback, meter, recording])
    take.upload(h.check_take, [take], [feedback])
    keep.click(h.keep_take, [take, takes, folder], [takes, kept, folder, take, feedback])
    clear.click(h.clear_takes, [folder], [takes, kept, folder])
    add.click(enroll, [name, consent, takes, folder],
              [status, table, pick, takes, kept, folder, consent])
    remove.click(h.remove, [pick], [status, table, pick])
    compare.click(h.compare, [pick, sentence, session], [original, clone, compared, session])
    read.click(h.read, [pick, entry, session], [live, whole, read_info, session])
