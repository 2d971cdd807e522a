"""Reference resolution: "$n" step references and phrases like "it", "the result",
"the synthesized audio", "the first file" or artifact ids, against a session's artifacts.
"""


from __future__ import annotations

import re
from typing import Any

from audiogpt.core.errors import ToolInputError

STEP_REF = re.compile(r"^\$(\d+)(?:\.(\d+))?$")
ARTIFACT_ID = re.compile(r"\b([a-z0-9]{8})\b")

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1,
            "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "第一": 1, "第二": 2, "第三": 3,
            "最后": -1, "一つ目": 1, "二つ目": 2, "最初": 1}

# "the first one", "the second recording", "the last file", "第一个", "最后那段"
ORDINAL_PHRASE = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|previous|1st|2nd|3rd|4th)\s+(?:\w+\s+)?(?:one|file|clip|"
    r"recording|audio|track|take|version|upload)s?\b|(?:第[一二三四]|最后)(?:个|段|条)?(?:文件|音频|录音)?",
    re.I)
ORIGINAL = re.compile(r"\b(?:original|unprocessed|untouched|raw (?:audio|file|recording|version)|source "
                      r"(?:audio|file|recording)|(?:my|the) upload|the one i (?:uploaded|sent|gave you))\b|"
                      r"原始|原来的|原版|元の|オリジナル", re.I)
_ORD_NOUN = re.compile(r"file|clip|recording|audio|one|track|take|version|upload|文件|音频|录音|ファイル|个|段|条")


def step_ref(value: Any) -> tuple[int, int | None] | None:
    """Parse ``"$n"`` / ``"$n.k"`` into (n, k) (1-based), else None."""
    if not isinstance(value, str):
        return None
    m = STEP_REF.match(value.strip())
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def resolve_step_ref(value: str, results: list[Any], file_kind: str | None) -> str:
    """Turn ``"$n"`` / ``"$n.k"`` into an artifact id (file args) or the step's text.

    Args:
        value: The reference.
        results: The turn's step results (``StepResult``), index n-1 is step n.
        file_kind: The kind the argument expects (``audio``, ``image``, ``any``), or None for
            a text argument (then the step's text answer is used).

    Raises:
        ToolInputError: The reference names a missing or failed step, or an absent output.
    """
    parsed = step_ref(value)
    assert parsed is not None
    n, k = parsed
    by_index = {r.index: r for r in results}
    if n not in by_index:
        raise ToolInputError(f"{value} refers to step {n}, which has not run")
    res = by_index[n]
    if res.error:
        raise ToolInputError(f"step {n} ({res.call.tool}) failed, so {value} has no output")
    if k is not None:
        if not 1 <= k <= len(res.outputs):
            raise ToolInputError(f"{value}: step {n} has {len(res.outputs)} outputs")
        out = res.outputs[k - 1]
        return out["id"] if file_kind else (res.text or out["id"])
    if file_kind is None:
        if res.text:
            return res.text
        texts = [o for o in res.outputs if o["kind"] == "text"]
        if texts:
            from pathlib import Path

            return Path(texts[0]["path"]).read_text(encoding="utf-8")
        raise ToolInputError(f"{value}: step {n} ({res.call.tool}) produced no text")
    wanted = [o for o in res.outputs if file_kind == "any" or o["kind"] == file_kind]
    if not wanted:
        raise ToolInputError(f"{value}: step {n} ({res.call.tool}) produced no {file_kind} file")
    return wanted[0]["id"]


def _audio_like(a: dict[str, Any], kind: str) -> bool:
    return a.get("kind") == kind and not a.get("rendered")


def resolve_phrase(phrase: str, artifacts: list[dict[str, Any]], attachments: list[dict[str, str]],
                   kind: str = "audio") -> str | None:
    """Find the artifact a phrase refers to.

    Args:
        phrase: The user's words (lower-case), e.g. "the synthesized audio", "it".
        artifacts: The session's artifact index, oldest first.
        attachments: This turn's attachments (``ref``, ``kind``).
        kind: Kind of file wanted.

    Returns:
        The reference (artifact id or attachment ref) or None when nothing fits.
    """
    text = phrase.lower()
    m = ARTIFACT_ID.search(text)
    if m and any(a["id"] == m.group(1) for a in artifacts):
        return m.group(1)
    pool = [a for a in artifacts if _audio_like(a, kind)]
    for word, pos in ORDINALS.items():
        if re.search(rf"(?:\b|^){re.escape(word)}\b" if word.isascii() else re.escape(word), text) \
                and _ORD_NOUN.search(text):
            # This turn's attachments first; else every audio of the session, oldest first
            # ("make the first one slower" = the first audio the session holds).
            files = [x["ref"] for x in attachments if x["kind"] == kind] or \
                [a["id"] for a in pool]
            if files:
                idx = pos - 1 if pos > 0 else pos
                if -len(files) <= idx < len(files):
                    return files[idx]
    if ORIGINAL.search(text):
        # "the original", "my upload": the newest file the user gave, not a tool's output.
        given = [a for a in pool if not a.get("tool")]
        if given:
            return given[-1]["id"]
    tools = producers(text)
    if tools:
        hits = [a for a in pool if a.get("tool") in tools]
        if hits:
            return hits[-1]["id"]
    if pool and re.search(r"result|output|previous|last|that|it\b|this|结果|它|这个|刚才|結果|それ", text):
        return pool[-1]["id"]
    return None


def producers(text: str) -> set[str]:
    """Tools whose output the words name ("the synthesized audio", "the transcript"), from
    each tool's declared ``hints.output_words``."""
    from audiogpt.dialogue.catalog import CATALOG

    return {n for n, i in CATALOG.items() if i.output_words is not None and i.output_words.search(text)}


_PATH = re.compile(r"""(?:(?<=\s)|^|(?<=["'(]))"""
                   r"""((?:~|\.{1,2})?/[^\s"'()]+|[\w.-]+/[^\s"'()]*|[\w-]+)"""
                   r"""(\.(?:wav|flac|mp3|ogg|oga|m4a|aac|aiff?|opus|webm|png|jpe?g|webp|bmp|gif|mid|midi))\b""",
                   re.I)


def paths_in_text(text: str, allow_paths: bool) -> list[str]:
    """Files named in a message's text ("what sounds are in /home/me/rec.wav?").

    Only where ``allow_paths`` is set (the local CLI); over HTTP/MCP a typed path is never an
    attachment (only uploads and artifact ids are), so this returns nothing there. Paths
    that do not exist as files are ignored.

    Args:
        text: The user's message.
        allow_paths: Whether local paths may be read (CLI True; HTTP/MCP False).

    Returns:
        The existing files named, in order, without repeats.
    """
    if not allow_paths:
        return []
    from pathlib import Path

    found: list[str] = []
    for m in _PATH.finditer(text):
        raw = (m.group(1) + m.group(2)).rstrip(".,;:!?")
        path = Path(raw).expanduser()
        if path.is_file() and str(path) not in found:
            found.append(str(path))
    return found


def latest(artifacts: list[dict[str, Any]], kind: str = "audio") -> str | None:
    """The most recent artifact of a kind (what an implicit "it" means)."""
    pool = [a for a in artifacts if _audio_like(a, kind)]
    return pool[-1]["id"] if pool else None
