"""Response generation: turn step results into a short reply, and errors into advice."""

from __future__ import annotations

from typing import Any

from audiogpt.dialogue.base import StepResult


def what(tool: str) -> str:
    """The heading of a tool's result in a reply (declared by the tool, ``hints.label``)."""
    from audiogpt.dialogue.catalog import CATALOG

    info = CATALOG.get(tool)
    return info.label if info else tool


def advice(error: str) -> str:
    """A suggestion for how to fix a failed step, from its error message."""
    e = error.lower()
    if "not registered" in e or "unknown tool" in e:
        return "That tool is not installed in this setup; `audiogpt tools` lists what is."
    if "no backend" in e or "unavailable" in e or "missing (" in e or "install" in e:
        return "Install the missing component named above, or pick another backend."
    if any(w in e for w in ("file not found", "cannot read", "readable", "invalid data", "decode",
                            "not an audio", "unsupported format", "empty", "corrupt",
                            "truncated")):
        return "Please attach a valid audio file (WAV, FLAC, OGG or MP3) and ask again."
    if "missing required argument" in e:
        return "Tell me the missing value (or attach the file it needs) and ask again."
    if "failed, so" in e or "has not run" in e:
        return "Fix the earlier step first; the later ones depend on it."
    if "too long" in e or "over the limit" in e:
        return "Try a shorter input."
    return "You can rephrase the request or try a different file."


def _events_summary(data: dict[str, Any]) -> str:
    items = data.get("events") or data.get("segments") or []
    parts = []
    for ev in items[:8]:
        if not isinstance(ev, dict):
            continue
        label = ev.get("label") or ev.get("speaker") or ev.get("target") or "segment"
        start, end = ev.get("start"), ev.get("end")
        if isinstance(start, (int, float)) and isinstance(end, (int, float)):
            parts.append(f"{label} {start:.1f}-{end:.1f} s")
        else:
            parts.append(str(label))
    if not items:
        return "nothing found"
    more = f" (+{len(items) - 8} more)" if len(items) > 8 else ""
    return ", ".join(parts) + more


def _speakers_summary(data: dict[str, Any]) -> str:
    """"2 speakers: S1 female (212 Hz), S2 male (118 Hz)" from diarization data, when given."""
    n = data.get("num_speakers")
    people = [p for p in data.get("speakers") or [] if isinstance(p, dict)]
    bits = []
    for p in people[:6]:
        who = str(p.get("speaker") or p.get("label") or "speaker")
        extra = [str(p["gender"])] if p.get("gender") else []
        pitch = p.get("pitch_hz") or p.get("median_f0_hz") or p.get("pitch")
        if isinstance(pitch, (int, float)):
            extra.append(f"{pitch:.0f} Hz")
        bits.append(who + (f" {' '.join(extra)}" if extra else ""))
    head = f"{n} speaker{'s' if n != 1 else ''}" if isinstance(n, int) else ""
    return ": ".join(x for x in (head, ", ".join(bits)) if x)


def _notes_summary(data: dict[str, Any]) -> str:
    notes = [n for n in data.get("notes") or [] if isinstance(n, dict)]
    names = [str(n.get("pitch") or n.get("name") or "?") for n in notes[:12]]
    return f"{len(notes)} notes" + (f": {' '.join(names)}" + (" ..." if len(notes) > 12 else "")
                                     if names else "")


def describe_step(res: StepResult) -> str:
    """One line about one step."""
    head = what(res.call.tool)
    if res.error:
        return (f"Step {res.index} ({res.call.tool}) failed: {res.error.rstrip('.')}. "
                f"{advice(res.error)}")
    bits = []
    if res.text:
        t = res.text.strip()
        bits.append(f'"{t[:300]}{"..." if len(t) > 300 else ""}"')
    elif res.data and ("num_speakers" in res.data or "speakers" in res.data):
        bits.append("; ".join(x for x in (_speakers_summary(res.data),
                                          _events_summary(res.data)) if x))
    elif res.data and ("events" in res.data or "segments" in res.data):
        bits.append(_events_summary(res.data))
    elif res.data and isinstance(res.data.get("notes"), list):
        bits.append(_notes_summary(res.data))
    files = [f"{o['kind']} {o['id']}" for o in res.outputs]
    if files:
        bits.append("(" + ", ".join(files) + ")")
    return f"{head}: " + " ".join(bits) if bits else f"{head}: done."


def summarize(results: list[StepResult], notes: list[str] | None = None) -> str:
    """The reply for a turn whose model gave no text: one line per step, notes first."""
    lines = list(notes or [])
    lines += [describe_step(r) for r in results]
    if not lines:
        return "Done."
    return "\n".join(lines)
