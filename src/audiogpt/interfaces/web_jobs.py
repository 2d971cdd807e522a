"""The web UI's Jobs tab: long work as background jobs, with progress.

A recording uploaded here is checked, imported into the store and handed to the same job
manager as ``POST /api/jobs`` (:mod:`audiogpt.interfaces.job_runner`): the tool runs in its
own process, so the page and the server stay responsive however long it takes. The tab lists
the newest jobs with a progress bar, their state and message, and, once done, the start of
the text result and links to the outputs; it refreshes itself every ``REFRESH_S`` seconds
while it is open. A running or queued job can be cancelled (its process is killed).

:class:`JobHandlers` holds the handlers as plain methods (testable without a browser);
:func:`jobs_tab` lays the tab out inside ``build_ui``'s Blocks.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogpt.core.errors import AudioGPTError, ToolInputError
from audiogpt.interfaces.http_errors import redact_paths

if TYPE_CHECKING:
    from audiogpt.interfaces.service import Service

logger = logging.getLogger(__name__)

REFRESH_S = 2.0
SHOWN = 20
DEFAULT_TOOL = "speech_recognition"
SESSION = "web-jobs"


def job_tools(service: Service) -> list[str]:
    """Tools a single uploaded recording is enough for (their one required argument is an
    audio file), ``speech_recognition`` first."""
    names = []
    for name, tool in sorted(service.app.registry.tools.items()):
        files = tool.file_args()
        required = [k for k, f in tool.Args.model_fields.items() if f.is_required()]
        if len(required) == 1 and files.get(required[0]) == "audio":
            names.append(name)
    return sorted(names, key=lambda n: n != DEFAULT_TOOL)


def _result_html(job: dict[str, Any]) -> str:
    result = job.get("result") or {}
    parts = []
    if result.get("text"):
        text = str(result["text"])
        parts.append(html.escape(text[:300] + ("…" if len(text) > 300 else "")))
    for art in result.get("artifacts") or []:
        art_id = html.escape(str(art.get("id", "")))
        parts.append(f'<a href="/api/artifacts/{art_id}" target="_blank">'
                     f'{html.escape(str(art.get("kind", "file")))} {art_id}</a>')
    if job.get("error"):
        parts.append("error: " + html.escape(str(job["error"].get("message", ""))))
    return "<br>".join(parts)


def jobs_html(jobs: list[dict[str, Any]]) -> str:
    """The job table: id, what, state, a progress bar with its percentage, message, result."""
    if not jobs:
        return "<p>No jobs yet. Upload a recording and start one.</p>"
    rows = []
    for job in jobs:
        pct = round(100 * float(job.get("progress") or 0))
        what = job.get("tool") or job.get("kind", "")
        rows.append(
            f'<tr class="ag-job" data-state="{html.escape(job["state"])}">'
            f"<td><code>{html.escape(job['id'])}</code></td><td>{html.escape(str(what))}</td>"
            f"<td>{html.escape(job['state'])}</td>"
            f'<td><progress max="100" value="{pct}"></progress> {pct}%</td>'
            f"<td>{html.escape(str(job.get('message') or ''))}</td>"
            f"<td>{_result_html(job)}</td></tr>")
    return ('<table class="ag-jobs"><tr><th>job</th><th>tool</th><th>state</th>'
            "<th>progress</th><th>message</th><th>result</th></tr>" + "".join(rows)
            + "</table>")


class JobHandlers:
    """The Jobs tab's event handlers."""

    def __init__(self, service: Service) -> None:
        self.service = service

    @property
    def manager(self) -> Any:
        if self.service.jobs is None:
            raise ToolInputError("background jobs are not available in this server")
        return self.service.jobs

    def refresh(self, current: str | None = None) -> tuple[str, Any]:
        """(job table html, cancel choices keeping ``current`` while it is active)."""
        import gradio as gr

        try:
            jobs = self.manager.store.recent(SHOWN)
        except ToolInputError as exc:
            return f"<p>{html.escape(exc.message)}</p>", gr.Dropdown(choices=[])
        active = [j["id"] for j in jobs if j["state"] in ("queued", "running")]
        value = current if current in active else (active[0] if active else None)
        return jobs_html(jobs), gr.Dropdown(choices=active, value=value)

    def start(self, upload: Any, tool: str | None, language: str | None
              ) -> tuple[str, str, Any]:
        """Check and import the upload, queue the job; (status line, table, choices)."""
        from audiogpt.interfaces.uploads import validate_file

        path = upload.get("path") if isinstance(upload, dict) else upload
        try:
            if not path:
                raise ToolInputError("upload a recording first")
            t = self.service.tool(tool or DEFAULT_TOOL)
            if t.name not in job_tools(self.service):
                raise ToolInputError(f"{t.name} needs more than one recording; use the chat")
            name = Path(str(path)).name
            validate_file(Path(str(path)), "audio", name)
            self.service.app.store.db.ensure_session(SESSION)
            art = self.service.app.store.import_file(Path(str(path)), SESSION)
            args: dict[str, Any] = {"audio": art.id}
            if language and language.strip() and "language" in t.Args.model_fields:
                args["language"] = language.strip()
            t.validate(args)
            self.manager.start()
            job_id = self.manager.store.create(
                "tool", {"tool": t.name, "args": args, "session": SESSION})
            status = f"Started job `{job_id}`: {t.name} on {html.escape(name)}."
        except AudioGPTError as exc:
            status = f"Not started: {redact_paths(exc.message)}"
        except Exception as exc:  # never a traceback in the page
            logger.warning("could not start a web job", exc_info=True)
            status = f"Not started: {type(exc).__name__}"
        return (status, *self.refresh())

    def cancel(self, job_id: str | None) -> tuple[str, str, Any]:
        """Cancel a job (its process is killed); (status line, table, choices)."""
        if not job_id:
            return ("Pick a running job to cancel.", *self.refresh())
        try:
            stopped = self.manager.cancel(str(job_id))
            status = f"Cancelled `{job_id}`." if stopped else f"`{job_id}` had already ended."
        except AudioGPTError as exc:
            status = redact_paths(exc.message)
        return (status, *self.refresh())


def jobs_tab(service: Service) -> None:
    """Lay out the Jobs tab (call inside ``build_ui``'s Blocks, among the side tabs)."""
    import gradio as gr

    h = JobHandlers(service)
    with gr.Tab("Jobs", elem_id="tab-jobs"):
        gr.Markdown("Long recordings run as background jobs; progress updates live.")
        upload = gr.File(label="Recording", file_types=["audio"], type="filepath",
                         elem_id="job-file")
        with gr.Row():
            tool = gr.Dropdown(choices=job_tools(service), value=DEFAULT_TOOL, label="Tool",
                               elem_id="job-tool")
            language = gr.Textbox(label="Language (optional, e.g. en)", max_lines=1)
        start_btn = gr.Button("Start job", variant="primary", elem_id="job-start")
        status = gr.Markdown(elem_id="job-status")
        table = gr.HTML(elem_id="jobs")
        with gr.Row():
            pick = gr.Dropdown(label="Running job", choices=[], elem_id="job-pick")
            cancel_btn = gr.Button("Cancel job", size="sm", elem_id="job-cancel")
        timer = gr.Timer(REFRESH_S)
    timer.tick(h.refresh, [pick], [table, pick], api_name="jobs_refresh",
               show_progress="hidden")
    start_btn.click(h.start, [upload, tool, language], [status, table, pick],
                    api_name="jobs_start")
    cancel_btn.click(h.cancel, [pick], [status, table, pick], api_name="jobs_cancel")
