"""The web UI's Voices tab: guided recording, consent, enrolled voices, listening.

- Guided recording: a text to read, the microphone (or an upload) with Gradio's live
  recording waveform, and after each take its speech seconds, level meter, signal-to-noise
  ratio and clipping, judged by the enrollment checks' thresholds (what to re-record).
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
#: A take whose speech is quieter than this (median dBFS of speech frames) is too quiet.
QUIET_DB = -40.0
TARGET_S = 60.0


def _meter(level_db: float, peak_db: float) -> str:
    """An HTML level bar: -60..0 dBFS, speech level filled, peak marked."""
    fill = max(0.0, min(100.0, (level_db + 60.0) / 60.0 * 100.0))
    peak = max(0.0, min(100.0, (peak_db + 60.0) / 60.0 * 100.0))
    color = "#c0392b" if peak_db > -0.1 else "#e67e22" if level_db < QUIET_DB else "#27ae60"
    return ('<div class="ag-meter" style="position:relative;height:12px;background:'
            'var(--background-fill-secondary);border-radius:3px">'
            f'<div style="width:{fill:.0f}%;height:100%;background:{color};border-radius:3px">'
            f'</div><div style="position:absolute;left:{peak:.0f}%;top:0;width:2px;height:100%;'
            'background:var(--body-text-color)"></div></div>')


def take_report(path: str | Path) -> dict[str, Any]:
    """Measure one take with the enrollment checks.

    Returns:
        ``{"seconds", "speech_s", "level_db", "peak_db", "snr_db", "clipped", "warnings"}``
        (``warnings`` empty when the take is good).
    """
    import numpy as np

    from audiogpt.backends.speech.voice import enroll
    from audiogpt.core.audio import Audio

    audio = Audio.from_file(path)
    mat = enroll.measure(audio, Path(path).name)
    mono = audio.to_mono().mono.astype(np.float64)
    peak = float(np.max(np.abs(mono))) if mono.size else 0.0
    frame = max(int(0.03 * audio.sample_rate), 1)
    n = max(mono.size // frame, 1)
    rms = np.sqrt(np.mean(np.resize(mono, n * frame).reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = rms[rms >= np.percentile(rms, 70)] if rms.size else rms
    level = float(20 * np.log10(np.median(loud) + 1e-12))
    warnings: list[str] = []
    if mat.speech_s < 1.0:
        warnings.append("no speech heard: check the microphone and read the text aloud")
    elif level < QUIET_DB:
        warnings.append("too quiet: speak up or move closer to the microphone")
    if mat.clipped > enroll.MAX_CLIPPED:
        warnings.append(f"{100 * mat.clipped:.1f} % of samples clipped: lower the input level "
                        "or move back from the microphone, then record again")
    if mat.speech_s >= 1.0 and mat.snr_db < enroll.MIN_SNR_DB:
        warnings.append(f"background noise (SNR {mat.snr_db:.0f} dB, want "
                        f"{enroll.MIN_SNR_DB:.0f}+): record in a quieter room, closer to the "
                        "microphone")
    return {"seconds": round(audio.duration, 2), "speech_s": round(mat.speech_s, 1),
            "level_db": round(level, 1),
            "peak_db": round(float(20 * np.log10(peak + 1e-12)), 1),
            "snr_db": round(mat.snr_db, 1), "clipped": round(mat.clipped, 5),
            "warnings": warnings}


def _report_html(rep: dict[str, Any]) -> str:
    verdict = ("<b>Good take.</b>" if not rep["warnings"] else
               "<b>Re-record:</b><ul>" + "".join(f"<li>{html.escape(w)}</li>"
                                                 for w in rep["warnings"]) + "</ul>")
    return (f'{_meter(rep["level_db"], rep["peak_db"])}<p>{rep["speech_s"]:g} s of speech in '
            f'{rep["seconds"]:g} s · level {rep["level_db"]:g} dBFS (peak {rep["peak_db"]:g}) · '
            f'SNR {rep["snr_db"]:g} dB · clipped {100 * rep["clipped"]:.2f} %</p>{verdict}')


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
        return _report_html(take_report(self._readable(path)))

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
        take = gr.Audio(sources=["microphone", "upload"], type="filepath", label="Take",
                        elem_id="voice-take",
                        waveform_options=gr.WaveformOptions(show_recording_waveform=True))
        feedback = gr.HTML(elem_id="voice-feedback")
        with gr.Row():
            keep = gr.Button("Keep this take", size="sm")
            clear = gr.Button("Start over", size="sm")
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
    take.stop_recording(h.check_take, [take], [feedback])
    take.upload(h.check_take, [take], [feedback])
    keep.click(h.keep_take, [take, takes, folder], [takes, kept, folder, take, feedback])
    clear.click(h.clear_takes, [folder], [takes, kept, folder])
    add.click(enroll, [name, consent, takes, folder],
              [status, table, pick, takes, kept, folder, consent])
    remove.click(h.remove, [pick], [status, table, pick])
    compare.click(h.compare, [pick, sentence, session], [original, clone, compared, session])
    read.click(h.read, [pick, entry, session], [live, whole, read_info, session])
