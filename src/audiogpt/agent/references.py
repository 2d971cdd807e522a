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
ORIGINAL = re.compile(r"\b(?:original|unprocessed|untouched|unedited|raw (?:audio|file|recording|version)|source "
                      r"(?:audio|file|recording)|(?:my|the) upload|the one i (?:uploaded|sent|gave you)|"
                      r"before (?:the |any |you )?(?:clean|denois|process|edit|enhanc|fix|filter)\w*)\b|"
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
                   kind: str = "audio", speech: bool = False) -> str | None:
    """Find the artifact a phrase refers to.

    Args:
        phrase: The user's words (lower-case), e.g. "the synthesized audio", "it".
        artifacts: The session's artifact index, oldest first.
        attachments: This turn's attachments (``ref``, ``kind``).
        kind: Kind of file wanted.
        speech: The tool works on speech ("translate it"): an implicit "it" skips newer
            generated sounds and music (see :func:`latest`).

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
        return latest(artifacts, kind, speech)
    return None


def producers(text: str) -> set[str]:
    """Tools whose output the words name ("the synthesized audio", "the transcript"), from
    each tool's declared ``hints.output_words``."""
    from audiogpt.dialogue.catalog import CATALOG

    return {n for n, i in CATALOG.items() if i.output_words is not None and i.output_words.search(text)}


_PATH = re.compile(r"""(?:(?<=\s)|^|(?<=["'(]))"""
                   r"""((?:~|\.{1,2})?/[^\s"'()]+|[A-Za-z]:[\\/][^\s"'()]+|[\w.-]+/[^\s"'()]*|[\w-]+)"""
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


def typed_paths(text: str) -> list[str]:
    """File paths typed in a message ("what's said in /home/sam/memo.wav ?"), as written.

    Only strings with a directory part count (a bare "interview.wav" may name a session
    file). Nothing is checked or read here: the planner names them as the files to use when
    nothing is attached, and the runner applies the caller's access rules (over HTTP a typed
    path is refused).
    """
    found: list[str] = []
    for m in _PATH.finditer(text):
        raw = (m.group(1) + m.group(2)).rstrip(".,;:!?")
        if ("/" in raw or "\\" in raw) and raw not in found:
            found.append(raw)
    return found


def typed_attachments(text: str) -> list[dict[str, str]]:
    """Attachment dicts (``ref``, ``kind``, ``name``) for the paths typed in a message."""
    from pathlib import PurePath

    from audiogpt.core.artifacts import kind_of

    return [{"ref": p, "kind": kind_of(p), "name": PurePath(p).name} for p in typed_paths(text)]


# "actually put the drone on my left instead": the step is done again, replacing its result
INSTEAD = re.compile(r"\binstead\b|\brather\b|代わりに|改成|换成", re.I)


def redo_input(tool: str, text: str, artifacts: list[dict[str, Any]], kind: str = "audio") -> str | None:
    """The file a redone step reads: when ``text`` asks for ``tool`` "instead" and the newest
    file is ``tool``'s result, the newest file made before it by anything else (its input)."""
    pool = [a for a in artifacts if _audio_like(a, kind)]
    if not pool or pool[-1].get("tool") != tool or not INSTEAD.search(text):
        return None
    earlier = [a for a in pool[:-1] if a.get("tool") != tool]
    return earlier[-1]["id"] if earlier else None


def latest(artifacts: list[dict[str, Any]], kind: str = "audio", speech: bool = False) -> str | None:
    """The most recent artifact of a kind (what an implicit "it" means).

    Args:
        artifacts: The session's artifact index, oldest first.
        kind: Kind of file wanted.
        speech: The tool works on speech: prefer the newest file that may hold speech over a
            newer generated sound or piece of music ("translate it" after "add some rain").
    """
    pool = [a for a in artifacts if _audio_like(a, kind)]
    if speech:
        pool = [a for a in pool if a.get("tool") not in NON_SPEECH_OUT] or pool
    return pool[-1]["id"] if pool else None


#: Tools whose audio output is a sound or music, never speech.
NON_SPEECH_OUT = frozenset(("text_to_audio", "music_generation", "image_to_audio", "sound_extraction"))

_NAME_STOP = frozenset(("audio", "file", "clip", "recording", "track", "sound", "speech", "output",
                        "result", "enhanced", "edited", "generated", "new", "final", "take", "mix",
                        "wav", "mp3", "the", "and", "my", "of"))


# Chinese/Japanese name a result by a participle ("提取出来的人声", "生成的音乐", "取り出した声") or
# a demonstrative ("把那段音乐", "さっきの曲") instead of an article.
_CJK_MADE = re.compile(r"(?:把|将|这个|那个|这段|那段|刚才的?|刚刚的?|上面的?|的|さっきの|その|この)\s*$")
_CJK_PARTICIPLE = re.compile(r"(?:出来|出|好|了)?的|(?:した|された|た)")


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "第一": 1, "第二": 2, "第三": 3, "一人目": 1, "二人目": 2, "三人目": 3}
_ORDINAL = re.compile(r"\b(first|1st|second|2nd|third|3rd|fourth|4th)\s+(\w+)|(第一|第二|第三)个?(\w)|"
                      r"(一人目|二人目|三人目)")


def _ordinal_hits(low: str, pool: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """"the first speaker", "the second track", "第二个人": the k-th of several outputs of one
    step (speaker1.wav, speaker2.wav), by the number in their names, else in the order made."""
    hits: list[tuple[int, str]] = []
    for m in _ORDINAL.finditer(low):
        word = next(g for g in (m.group(1), m.group(3), m.group(5)) if g)
        k = _ORDINALS[word]
        noun = (m.group(2) or "").rstrip("s")
        named = [a for a in pool if noun and len(noun) >= 3 and noun in str(a.get("name") or "").lower()]
        group = named or [a for a in pool
                          if a.get("tool") and sum(b.get("tool") == a.get("tool") for b in pool) > 1]
        if len(group) < 2:
            continue
        numbered = {int(d.group(1)): a for a in group if (d := re.search(r"(\d+)\D*$", re.sub(
            r"\.\w+$", "", str(a.get("name") or ""))))}
        pick = numbered.get(k) or (group[k - 1] if k <= len(group) else None)
        if pick is not None:
            hits.append((m.start(), pick["id"]))
    return hits


def mentioned(text: str, artifacts: list[dict[str, Any]], kind: str = "audio") -> list[str]:
    """The session files a request names, in the order it names them.

    A file is named by a word of its file name ("loop the rain under the interview":
    rain.wav, interview.wav), by the words for what produced it ("the cleaned lecture", "the
    synthesized voice": the newest output of that tool), or as the user's original ("the
    lecture before cleaning"). A word of a file name outranks the producer words in the
    same phrase only when no producer is named next to it ("the cleaned lecture" is the
    cleaned file, not lecture.wav).

    Args:
        text: The user's words.
        artifacts: The session's artifact index, oldest first.
        kind: Kind of file wanted.

    Returns:
        Artifact ids, without repeats, ordered by where they are named.
    """
    low = text.lower()
    pool = [a for a in artifacts if _audio_like(a, kind)]
    if not pool:
        return []
    hits: list[tuple[int, str]] = []
    producer_spans: list[tuple[int, int]] = []
    from audiogpt.dialogue.catalog import CATALOG

    for name, info in CATALOG.items():
        if info.output_words is None:
            continue
        for m in info.output_words.finditer(low):
            made = [a for a in pool if a.get("tool") == name]
            if made and (re.search(r"(?:the|that|this|your|my)\s+(?:\w+\s+)?$", low[max(0, m.start() - 20):m.start()])
                         or _CJK_MADE.search(low[max(0, m.start() - 6):m.start()])
                         or _CJK_PARTICIPLE.match(low[m.end():])):
                hits.append((m.start(), made[-1]["id"]))
                after = re.match(r"\w*\s+\w+", low[m.end():])  # the noun it qualifies
                producer_spans.append((m.start(), m.end() + (after.end() if after else 0)))
    hits += _ordinal_hits(low, pool)
    original = ORIGINAL.search(low)
    words = {a["id"]: {w for w in re.split(r"[^a-z\u4e00-\u9fff\u3040-\u30ff]+", re.sub(
        r"\.\w+$", "", str(a.get("name") or "")).lower()) if len(w) >= 3 and w not in _NAME_STOP} for a in pool}
    for a in pool:
        for word in words[a["id"]]:
            if sum(word in w for w in words.values()) > 1:
                continue  # "speaker" names speaker1.wav and speaker2.wav alike: not a name
            for m in re.finditer(rf"\b{re.escape(word)}(?:s|es)?\b", low):
                if any(s <= m.start() < e for s, e in producer_spans) and not original:
                    continue  # "the cleaned lecture": the producer words decide
                hits.append((m.start(), a["id"]))
    if not hits and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
        # "合唱练习的录音": Chinese/Japanese words for what the file is of, matched to its English name
        from audiogpt.agent.name_gloss import english_name_words

        for pos, english in english_name_words(text):
            hits += [(pos, a["id"]) for a in pool if english in words[a["id"]]
                     and sum(english in w for w in words.values()) == 1]
    if original and not hits:
        given = [a for a in pool if not a.get("tool")]
        if given:
            hits.append((original.start(), given[-1]["id"]))
    if original:
        # "the lecture before cleaning": the user's file, not what the cleaning made.
        hits = [(pos, i) for pos, i in hits if not any(a["id"] == i and a.get("tool") for a in pool)] or hits
    # "it's coming over a phone line" (= "it is"): a subject described, not a file pointed at
    # A demonstrative before a named file ("that converted file") is no pronoun, nor is the object
    # of the user's own later act ("before I send it").
    pronouns = re.finditer(r"\b(?:it|that|this|them)\b(?!['’]s\b| (?:is|was|sounds?|one)\b)|它|それ", low)
    pronoun = next((m for m in pronouns
                    if not any(pos == m.end() + 1 for pos, _i in hits)
                    and not re.search(r"\b(?:i|we) (?:\w+ )?\w+ $", low[:m.start()])), None)
    if hits and pronoun and not original:
        # "loop it behind the lecture": "it" is the newest other file.
        others = [a["id"] for a in pool if a["id"] not in {i for _p, i in hits}]
        if others:
            hits.append((pronoun.start(), others[-1]))
    out: list[str] = []
    for _pos, ident in sorted(hits):
        if ident not in out:
            out.append(ident)
    return out
