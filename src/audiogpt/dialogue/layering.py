"""Follow-up edits that need more than one tool or a spatial reading of the words.

- Background layers: "put some rain behind it", "add background music to it", "给它加点雨声背景"
  -> generate the layer (text_to_audio or music_generation), then mix it under the referenced
  audio at a lower level.
- Directions: "from my left" -90, "from my right" +90, "behind me" 180, "in front" 0, and
  "moving from left to right" -> a mono_to_binaural trajectory.
"""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re
from dataclasses import dataclass

from audiogpt.dialogue.lexicon import SOUND_WORDS

BACKGROUND_GAIN_DB = -12.0

_QUANT = r"(?:(?:some|a|an|the|a bit of|a little(?: bit of)?|little|light|soft|gentle|subtle|quiet|faint|distant|more|few)\s+)*"
_OBJ = r"(?:it|this|that|them|(?:the|my|this|that|our) (?!listener|head\b|ears?\b|left|right|back\b)\w+(?: \w+)?)"
_VERB = r"(?:add|put|lay|place|layer|throw|mix|overlay|slip|drop|include|give (?:it|this|that))\w*(?: in)?"
_UNDER = r"(?:behind|under(?:neath)?|beneath|below|in the background (?:of|to|behind|under|for)|(?:to|into) the background of)"
# "put some rain behind it" / "lay birds under this clip"
_EN_UNDER = re.compile(rf"\b{_VERB}\s+{_QUANT}(?P<what>[a-z][\w' -]{{1,40}}?)\s+{_UNDER}\s+{_OBJ}\b", re.I)
# "add background music to it" / "add some rain in the background"
_EN_BG = re.compile(
    rf"\b{_VERB}\s+{_QUANT}(?:(?P<pre>background|ambient)\s+(?P<what1>[a-z][\w' -]{{1,30}}?)"
    rf"|(?P<what2>[a-z][\w' -]{{1,30}}?)\s+(?:in the background|as (?:a |the )?background(?: layer| track| bed)?|"
    r"as (?:a |an )?(?:bed|backdrop|ambience)))(?=\s+(?:to|under|behind|for|on|into|in)\b|\s*[.!?,]|\s*$)", re.I)
_ZH_BG = re.compile(r"(?:加|添|配|垫|混入|放)(?:上|入|进|点|一点|一些|些|段|个|一段|一个)*(?:背景(?P<what1>音乐|[\u4e00-\u9fff]{1,6}?声?)|(?P<what2>[\u4e00-\u9fff]{1,8}?)(?:作为|当作?|做)?(?:的)?背景)")
_ZH_GIVE = re.compile(r"(?:给|为)(?:它|这个|这段|这条|这|那段|刚才的)[\u4e00-\u9fff]{0,4}?(?:加|添|配|垫)(?:上|入|点|一点|一些|些|段|个)*(?P<what>[\u4e00-\u9fff]{1,8})")
_NOT_A_LAYER = re.compile(
    r"\b(?:it|this|that|them|me|you|reverb|echo|fade\w*|silence|pause|gap|delay|distortion|eq|bass|treble|"
    r"compression|subtitles?|captions?|text|transcript\w*|translation|effect|volume|gain|speed|voice over|"
    r"emphasis|weight|label|tag|title|name)\b|混响|回声|淡入|淡出|字幕|静音|音量", re.I)
_SOUNDY = re.compile(
    r"rain|thunder|storm|wind|waves?|ocean|sea|surf|birds?|birdsong|chirp|crickets|insects?|frogs?|traffic|city|"
    r"street|crowd|chatter|murmur|caf[eé]|applause|cheer|fire|crackl|river|stream|water|forest|jungle|nature|"
    r"music|song|melody|tune|piano|guitar|drums?|beat|strings|violin|pads?|synth|jazz|lo-?fi|orchestra|ambien|"
    r"atmosphere|noise|sounds?|hum|drone|engine|train|cars?|sirens?|bells?|clock|ticking|typing|keyboard|dogs?|"
    r"cats?|footsteps|laugh|room tone|hiss|static|vinyl|crackle|wildlife", re.I)
_MUSIC = re.compile(r"music|song|melody|tune|piano|guitar|drums?|beat|strings|violin|pads?\b|synth|jazz|lo-?fi|"
                    r"orchestra|soundtrack|score\b|音乐|钢琴|吉他|鼓|小提琴|旋律|曲", re.I)


@dataclass
class Layer:
    """A background layer to generate and mix under the referenced audio."""

    tool: str  # text_to_audio or music_generation
    text: str
    gain_db: float


def _clean(what: str) -> str:
    what = re.sub(rf"^{_QUANT}", "", what.strip(), flags=re.I)
    return re.sub(r"\s+(?:in the background|as (?:a )?background)$", "", what, flags=re.I).strip(" ,.")


def _gain(text: str) -> float:
    m = re.search(r"(-?\d+(?:\.\d+)?)\s*db", text, re.I)
    if m:
        return -abs(float(m.group(1)))
    if re.search(r"\b(?:very quiet|barely|faint|subtle|very soft|distant)\b|很轻|轻轻", text, re.I):
        return -18.0
    if re.search(r"\b(?:loud|strong|prominent)\b", text, re.I):
        return -6.0
    return BACKGROUND_GAIN_DB


# "mix it under my narration": the step's own output is the layer, the named file the base.
_IT_UNDER = re.compile(r"\b(?:it|this|that|them)\s+(?:in\s+)?(?:under|underneath|beneath|behind)\b", re.I)


def base_first(args: dict, text: str) -> None:
    """Put the base of a mix first when the words lay the earlier output under a named file.

    "make rain and mix it under my narration": ``audio`` is the narration and ``audio2`` (at
    ``gain_db``) the rain the step before made, not the other way round.
    """
    if args.get("operation") == "mix" and _IT_UNDER.search(text) and str(args.get("audio", "")).startswith("$") \
            and args.get("audio2") and not str(args["audio2"]).startswith("$"):
        args["audio"], args["audio2"] = args["audio2"], args["audio"]


def mix_gain(text: str) -> float | None:
    """The level of the second file of a mix when the words give one ("quietly", "at a lower
    level", "barely audible", "-10 dB"), else None (the tool's default)."""
    if re.search(r"(-?\d+(?:\.\d+)?)\s*db|\b(?:very quiet|barely|faint|subtle|very soft|distant)\b|很轻|轻轻", text, re.I):
        return _gain(text)
    if re.search(r"\b(?:quiet(?:ly|er)?|soft(?:ly|er)?|gently|low(?:er)? (?:level|volume)|turned down|in the background|"
                 r"not too loud)\b|小声|轻一点|小さめ|控えめ|小さく", text, re.I):
        return BACKGROUND_GAIN_DB
    if re.search(r"\b(?:loud|strong|prominent)\b", text, re.I):
        return -6.0
    return None


def _zh_label(what: str) -> str | None:
    keys = sorted((k for k in SOUND_WORDS if k in what), key=len, reverse=True)
    return SOUND_WORDS[keys[0]] if keys else None


def background_layer(clause: str) -> Layer | None:
    """The background layer a request asks for, or None.

    English needs a sound-like noun (rain, traffic, music, noise...) or the word "background";
    Chinese needs 背景 or "给它加…" with a known sound name.
    """
    text = clause.strip()
    what: str | None = None
    m = _EN_BG.search(text)
    if m:
        what = m.group("what1") or m.group("what2")
        if m.group("pre") and what and re.fullmatch(r"(?:music|noise|sounds?|ambience|track)", what, re.I):
            what = f"{m.group('pre')} {what}"
    else:
        m = _EN_UNDER.search(text)
        if m and _SOUNDY.search(m.group("what")):
            what = m.group("what")
    if what is not None:
        what = _clean(what)
        if not what or _NOT_A_LAYER.search(what):
            return None
        tool = "music_generation" if _MUSIC.search(what) else "text_to_audio"
        return Layer(tool, what, _gain(text))
    m = _ZH_BG.search(text)
    zh = None
    if m:
        raw = m.group("what1") or m.group("what2") or ""
        zh = "music" if raw == "音乐" else (_zh_label(raw) or ("ambience" if not raw else None))
    else:
        g = _ZH_GIVE.search(text)
        if g and not _NOT_A_LAYER.search(g.group("what")):
            zh = _zh_label(g.group("what"))
    if zh:
        tool = "music_generation" if _MUSIC.search(zh) else "text_to_audio"
        return Layer(tool, "background music" if zh == "music" else zh, _gain(text))
    return None


# ------------------------------------------------------------------ directions
_DIRS = {"left": -90.0, "right": 90.0, "front": 0.0, "ahead": 0.0, "back": 180.0, "behind": 180.0,
         "左": -90.0, "右": 90.0, "前": 0.0, "后": 180.0, "後": 180.0}
_MOVE_EN = re.compile(r"\bfrom (?:the |my |your )?(left|right|front|back|behind)(?: side| ear| channel| speaker)?\s+"
                      r"(?:(?:all the way |straight |right )?(?:across |over )?(?:to|towards?|into))"
                      r"\s+(?:the |my |your )?(left|right|front|back|behind)\b", re.I)
# "over 4 seconds", "in 3 s", "during 2.5 seconds": how long the movement takes
_OVER = re.compile(r"\b(?:over|in|during|within|across|for)\s+(?:about |roughly |around )?(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b", re.I)
_MOVE_ZH = re.compile(r"从\s*(左|右|前|后|後)\S{0,3}?(?:到|向|往|移到|移动到|飘到|转到)\s*(左|右|前|后|後)")


# "spin slowly around my head", "circle around me", "绕着我的头转": one full turn around the listener
_CIRCLE = re.compile(r"\b(?:circl|spin|orbit|rotat|swirl|whirl|go|mov|fly|flies|travel)\w* (?:\w+ly )?(?:all the way )?"
                     r"(?:a)?round (?:me|my head|the listener|you|your head)\b|\bin a (?:full )?circle around\b|"
                     r"(?:绕|围绕)着?(?:我|头|听者)|周りを(?:回|ぐるぐる)", re.I)


def _circle(clause: str, duration: float | None) -> str:
    """One turn clockwise from the front: front, right, back, left, front (180 = -180, the back)."""
    over = _OVER.search(clause)
    end = float(over.group(1)) if over and float(over.group(1)) > 0 else (
        round(duration, 3) if duration and duration > 0.1 else 5.0)
    q = end / 4
    return f"0:0,{q:g}:90,{2 * q:g}:180,{2 * q + 0.001:g}:-180,{3 * q:g}:-90,{end:g}:0"


def trajectory(clause: str, duration: float | None) -> str | None:
    """``"0:AZ1,D:AZ2"`` for "moving from left to right" (D = the audio's length, else 5 s), or
    one turn around the listener for "circle around my head"."""
    m = _MOVE_EN.search(clause) or _MOVE_ZH.search(clause)
    if not m:
        return _circle(clause, duration) if _CIRCLE.search(clause) else None
    a, b = _DIRS[m.group(1).lower()], _DIRS[m.group(2).lower()]
    if a == b:
        return None
    over = _OVER.search(clause[m.end():]) or _OVER.search(clause)
    end = round(duration, 3) if duration and duration > 0.1 else 5.0
    if over and float(over.group(1)) > 0:
        end = float(over.group(1))  # "from my left ear to my right ear over 4 seconds"
    return f"0:{a:g},{end:g}:{b:g}"
