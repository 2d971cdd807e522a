"""The planner's fixed replies: what it can do, small talk, and how a voice is enrolled."""

from __future__ import annotations

from audiogpt.dialogue.catalog import CATALOG, Catalog
from audiogpt.dialogue.lexicon import CHITCHAT, is_cjk


def abilities(tools: list[str] | None = None, catalog: Catalog | None = None) -> str:
    """A short list of what the assistant can do (registered tools only)."""
    cat = catalog or CATALOG
    names = [n for n in cat if (tools is None and cat[n].registered) or (tools and n in tools)] \
        or [n for n in cat if cat[n].registered] or list(cat)
    items = [cat[n].summary for n in names]
    if len(items) > 8:
        items = items[:8] + ["more (see `audiogpt tools`)"]
    return "I can " + ", ".join(items[:-1]) + (", and " + items[-1] if len(items) > 1 else items[0]) + "."


ENROLL_REPLY = (
    "Adding a voice needs your explicit consent, so I never do it from a chat message: run "
    "`audiogpt voices add me --from FILE [--from FILE ...] --consent` (the voice must be yours, "
    "or its owner must have agreed), or POST /api/voices with consent=true. About a minute of "
    "speech works best. After that, 'read this in my voice' uses it.")


def chitchat(text: str, tools: list[str] | None = None) -> str | None:
    """A reply to small talk, or None when the text is a task."""
    zh = is_cjk(text)
    for pattern, kind in CHITCHAT:
        if pattern.search(text):
            if kind == "greet":
                return "你好！我是 AudioGPT，可以帮你处理语音、音乐和声音。" if zh else \
                    "Hello! I'm AudioGPT. " + abilities(tools) + " What would you like to do?"
            if kind == "identity":
                return ("我是 AudioGPT，一个在本机离线运行的音频助手。" if zh else
                        "I'm AudioGPT, an assistant that understands and creates speech, music and "
                        "sound, running offline on this machine. ") + abilities(tools)
            if kind == "abilities":
                return abilities(tools) + " Attach a file and tell me what to do with it."
            if kind == "thanks":
                return "不客气！" if zh else "You're welcome! Anything else?"
            if kind == "bye":
                return "再见！" if zh else "Goodbye!"
            if kind == "howareyou":
                return "I'm fine, thanks — ready to work on some audio. " + abilities(tools)
    return None
