"""Robustness (the paper's four cases): long chains of steps, unsupported tasks, errors in
a step (broken input), and breaks in context — run through the real agent loop and tools."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audiogpt.app import App


def _ok_steps(line: dict[str, Any], app: App) -> bool:
    """Steps whose tool is registered ran without error."""
    return all("error" not in s for s in line["steps"] if s["tool"] in app.registry.tools)


def robustness(app: App) -> dict[str, Any]:
    """Run the robustness scenarios; each reports passed + why."""
    from audiogpt.agent.loop import Agent

    agent = Agent(app)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    results: list[dict[str, Any]] = []

    def record(name: str, passed: bool, line: dict[str, Any], why: str) -> None:
        results.append({"case": name, "passed": bool(passed), "why": why,
                        "steps": [s["tool"] for s in line.get("steps", [])],
                        "reply": line.get("reply", "")[:300]})

    s1 = f"robust-{stamp}"
    line = agent.turn(s1, "Say 'testing one two three', then make it louder, then reverse it, "
                          "then speed it up 1.5 times")
    chain = [s["tool"] for s in line["steps"]]
    linked = all(line["steps"][i]["args"].get("audio") == line["steps"][i - 1]["outputs"][0]
                 for i in range(1, len(line["steps"])) if line["steps"][i - 1]["outputs"])
    record("long_chain", chain == ["text_to_speech"] + ["audio_edit"] * 3 and linked
           and _ok_steps(line, app), line, "4 chained steps, each on the previous output")

    line = agent.turn(s1, "Book a table for two at an Italian restaurant tonight")
    record("unsupported", not line["steps"] and "can't" in line["reply"], line,
           "declined with what it can do")

    with tempfile.TemporaryDirectory() as tmp:
        broken = Path(tmp) / "broken.wav"
        broken.write_text("this is not audio\n" * 50)
        line = agent.turn(s1, "Transcribe this recording", [str(broken)])
    failed = [s for s in line["steps"] if s.get("error")]
    record("step_error", bool(failed) and "failed" in line["reply"], line,
           "a broken file becomes an explained error")

    line = agent.turn(s1, "Now say 'still working'")
    record("recovers_after_error", bool(line["steps"]) and _ok_steps(line, app)
           and line["turn"] == 4, line, "the next turn runs normally")

    line = agent.turn(s1, "thanks!")
    line = agent.turn(s1, "Make the synthesized audio quieter")
    tts_ids = [a.id for a in app.store.list(s1) if (a.meta or {}).get("tool") == "text_to_speech"]
    target = line["steps"][0]["args"].get("audio") if line["steps"] else None
    record("reference_after_topic_switch", bool(tts_ids) and target == tts_ids[-1], line,
           "'the synthesized audio' = the latest text_to_speech output")

    line = agent.turn(f"robust-empty-{stamp}", "make it binaural")
    record("context_break", not any(s.get("outputs") for s in line["steps"])
           and ("need" in line["reply"] or "attach" in line["reply"].lower()), line,
           "no file in context: asks for one instead of crashing")

    passed = sum(r["passed"] for r in results)
    return {"passed": passed, "total": len(results), "rate": round(passed / len(results), 4),
            "results": results}
