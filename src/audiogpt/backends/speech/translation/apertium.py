"""Offline machine translation with Apertium (rule-based, Debian language-pair packages), and
the speech_translation backend: PocketSphinx recognition, then Apertium.

Installed pairs are read from Apertium's mode files. A pair missing directly is served by
pivoting through Spanish (e.g. ca -> es -> pt) when both legs are installed.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from pathlib import Path

from audiogpt.backends.base import Backend, Request, module, program
from audiogpt.core.errors import BackendError, BackendUnavailable, ToolInputError
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

MODES_DIRS = ("/usr/share/apertium/modes", "/usr/local/share/apertium/modes")
PIVOT = "es"
#: ISO 639-3 / Apertium codes -> ISO 639-1.
ISO3 = {"eng": "en", "spa": "es", "cat": "ca", "glg": "gl", "por": "pt", "ita": "it",
        "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "oci": "oc", "arg": "an",
        "eus": "eu", "ast": "ast", "ron": "ro", "rum": "ro", "epo": "eo", "nob": "nb",
        "nno": "nn", "swe": "sv", "dan": "da", "isl": "is", "srd": "sc", "bre": "br",
        "cym": "cy", "eng_US": "en"}


def _iso1(code: str) -> str:
    return ISO3.get(code, code)


@functools.lru_cache(maxsize=1)
def installed_pairs() -> dict[tuple[str, str], str]:
    """Map (source, target) ISO 639-1 pair -> Apertium mode name, from the mode files."""
    pairs: dict[tuple[str, str], str] = {}
    from audiogpt.core.config import env_setting

    dirs = [env_setting("AUDIOGPT_APERTIUM_MODES"), *MODES_DIRS]
    for d in dirs:
        if not d or not Path(d).is_dir():
            continue
        for mode in sorted(Path(d).glob("*.mode")):
            name = mode.stem
            parts = name.split("-")
            if len(parts) != 2 or "_" in name:  # skip variants (eng-cat_valencia) and eco-*
                continue
            key = (_iso1(parts[0]), _iso1(parts[1]))
            pairs.setdefault(key, name)
    return pairs


def describe_pairs() -> str:
    """Installed pairs as ``en-es, es-en, ...``."""
    return ", ".join(f"{s}-{t}" for s, t in sorted(installed_pairs())) or "none"


def route(source: str, target: str) -> list[tuple[str, str]]:
    """The translation legs from ``source`` to ``target`` (direct, or pivot through Spanish).

    Raises:
        ToolInputError: No installed pair (or pivot) connects the two languages.
    """
    pairs = installed_pairs()
    source, target = source.lower(), target.lower()
    if (source, target) in pairs:
        return [(source, target)]
    if (source, PIVOT) in pairs and (PIVOT, target) in pairs:
        return [(source, PIVOT), (PIVOT, target)]
    raise ToolInputError(
        f"speech_translation: no Apertium pair for {source}->{target} (directly or through "
        f"Spanish); installed pairs: {describe_pairs()} (more: sudo apt-get install "
        f"apertium-{source}-{target})"
    )


def translate(text: str, source: str, target: str) -> tuple[str, str]:
    """Translate text offline with Apertium.

    Returns:
        (translation, pair description such as ``en-es`` or ``ca-es-pt``).
    """
    if source.lower() == target.lower():
        return text, f"{source}-{target} (identity)"
    legs = route(source, target)
    exe = shutil.which("apertium")
    if exe is None:
        raise BackendUnavailable("apertium is missing (sudo apt-get install apertium "
                                 "apertium-en-es)")
    out = text
    for s, t in legs:
        mode = installed_pairs()[(s, t)]
        proc = subprocess.run([exe, "-u", mode], input=out.encode("utf-8"), capture_output=True,
                              timeout=300, check=False)
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise BackendError(f"apertium {mode} failed: {err[-1] if err else proc.returncode}")
        out = " ".join(proc.stdout.decode("utf-8", "replace").split())
    pair = "-".join([legs[0][0], *(t for _, t in legs)])
    return out, pair


class ApertiumSpeechTranslation(Backend):
    """PocketSphinx (English) recognition, then Apertium rule-based translation."""

    name = "pocketsphinx+apertium"
    tool = "speech_translation"
    summary = "PocketSphinx recognition + Apertium offline translation (pivot through Spanish)"
    requires = (module("pocketsphinx", "speech", pip="pocketsphinx"),
                program("apertium", apt="apertium apertium-en-es"))
    sample_rate = 16000
    priority = 10

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.speech.recognition.pocketsphinx import check_language, transcribe

        src = (req.get("source_language") or "en").lower()
        tgt = req.get("target_language").lower()
        check_language(src)
        route(src, tgt)  # fail on a missing pair before the slow recognition
        asr = transcribe(req.audio("audio"), src, progress=req.progress)
        transcript = asr["text"]
        if not transcript:
            raise ToolInputError("speech_translation: no speech was recognised in --audio")
        translation, pair = translate(transcript, src, tgt)
        data = {"transcript": transcript, "translation": translation, "source_language": src,
                "target_language": tgt, "pair": pair, "segments": asr["segments"]}
        return ToolResult(
            outputs=[Output("text", translation, f"translation_{tgt}",
                            meta={"transcript": transcript, "pair": pair})],
            text=translation, data=data,
        )
