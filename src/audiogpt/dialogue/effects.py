"""audio_edit effect arguments: pitch shift, reverb, echo, EQ, filters, dynamics, voice presets.

Each effect is recognised by what people call it (its name, the room, the device a voice
should sound like) and its numbers by their units (semitones, octaves, dB, Hz, seconds).
"""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re
from typing import Any

from audiogpt.dialogue.amounts import interval
from audiogpt.dialogue.extract import NUM, duration, to_number

_N = r"(\d+(?:\.\d+)?|ひとつ|ふたつ|みっつ|よっつ|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half an?|一|二|两|三|四|五|六|七|八|九|十|十二)"
DOWN = re.compile(r"\b(?:down|lower|lowers|drop|decrease|reduce|deeper|deepen|less|cut|turn down|minus|negative|flatten)\b|降低|调低|降|低く|下げ", re.I)
PRESETS = (
    # "recorded on my phone" names the device, not the sound wanted.
    ("telephone", r"tele?phone|(?<!on my )(?<!with my )(?<!from my )\bphone\b|landline|call quality|电话|電話"),
    ("radio", r"\bradio\b|walkie|intercom|broadcast (?:voice|sound|effect|style)|like a broadcast|收音机|广播|ラジオ|無線"),
    ("robot", r"robot|robotic|dalek|cyborg|android voice|机器人|ロボット"),
    ("megaphone", r"megaphone|bullhorn|loud ?hailer|扩音器|喇叭|拡声器|メガホン"),
    ("chipmunk", r"chipmunk|helium|squeaky|花栗鼠|氦气|ヘリウム"),
    ("deep", r"\bdeep(?:er)? voice|voice deeper|\bdeeper\b|darth|monster voice|movie trailer|低沉|低い声"),
)
ROOMS = (("church", r"church|cathedral|chapel|教堂|教会|大聖堂"),
         ("hall", r"\bhall\b|concert|auditorium|arena|stadium|\bbig (?:room|space)|大厅|音乐厅|ホール"),
         ("small", r"small[- ]room|(?:small|tiny|little)[- ](?:\w+ )?(?:room|space|studio)|bathroom|closet|booth|小房间|浴室|小さい部屋"),
         ("medium", r"medium|\broom\b|房间|部屋"))


# "sound like it was sung inside a church", "as if recorded in a big hall": a room heard around it.
PLACE_HEARD = re.compile(r"\b(?:sound\w*|like|as if|as though)\b.{0,30}\b(?:in|inside|within) (?:a |an |the |some )?(?:\w+ )?"
                         r"(?:church|cathedral|chapel|hall|auditorium|cave|bathroom|stadium|arena|tunnel|gym|warehouse|"
                         r"basement|stairwell|garage)\b")


def _count(text: str) -> float | None:
    if text.startswith("half"):
        return 0.5
    if text in ("a", "an"):
        return 1.0
    cjk = {"ひとつ": 1, "ふたつ": 2, "みっつ": 3, "よっつ": 4, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十二": 12}
    return float(cjk[text]) if text in cjk else to_number(text)


def _semitones(low: str) -> float | None:
    m = re.search(rf"{_N}\s*(?:semi-?tones?|半音|个半音|st\b)", low) or \
        re.search(rf"半音\s*(?:を\s*)?{_N}\s*(?:つ|个|個)?", low)  # "半音二つ上げて": the count after the unit
    sign = -1.0 if DOWN.search(low) else 1.0
    if m:
        value = _count(m.group(1))
        return None if value is None else sign * value
    m = re.search(rf"\b{_N}\s*(?:whole )?tones?\b", low)
    if m and _count(m.group(1)):
        return sign * 2 * (_count(m.group(1)) or 1.0)  # a (whole) tone is two semitones
    m = re.search(rf"(?:{_N}\s*)?(?:octaves?|八度|オクターブ)", low)
    if m:
        value = _count(m.group(1)) if m.group(1) else 1.0
        return None if value is None else sign * 12 * value
    if re.search(r"pitch|音调|音高|キー|音程|higher|lower|raise|drop", low):
        return sign * 2.0
    return None


def _db(low: str, after: str) -> float | None:
    m = re.search(rf"{after}.{{0,25}}?(-?\d+(?:\.\d+)?)\s*db|(-?\d+(?:\.\d+)?)\s*db.{{0,25}}{after}", low)
    if not m:
        only = re.findall(r"(-?\d+(?:\.\d+)?)\s*db\b", low)
        # "noise gate this drum overhead track at -40 dB": the clause's one level is the effect's
        return float(only[0]) if len(only) == 1 and re.search(after, low) else None
    return float(m.group(1) or m.group(2))


def _hz(low: str) -> float | None:
    # "a hiss above 8 kHz, low-pass it at 7 kHz": the frequency the filter is set at wins over
    # the one the problem is described at.
    m = re.search(rf"(?:pass|filter|cut|roll)\w*(?: (?:it|this|that|them|everything|off))* (?:at|to|from|around) {NUM}\s*(k)?\s*hz", low) \
        or re.search(rf"{NUM}\s*(k)?\s*hz", low)
    if not m:
        return None
    return float(m.group(1)) * (1000 if m.group(2) else 1)


_COMPLAINT = re.compile(r"harsh|too much|too loud|boomy|muddy|boxy|shrill|piercing|刺耳")
_UP = re.compile(r"\b(?:up|more|boost|lift|raise|increase|add|plus|bump|brighten|louder|stronger)\b|\+\s*\d|提高|提升|加强|增加|上げ|強く")
_BANDS = r"\bbass\b|low end|低音|低频|ベース|低域|treble|high end|highs\b|高音|高频|高域"


def _eq_sign(text: str, default: float) -> float:
    """-1 when ``text`` lowers (a cut word or a complaint), +1 when it raises, else ``default``."""
    if DOWN.search(text) or _COMPLAINT.search(text) or re.search(r"\bshave|\boff (?:the|of)\b", text):
        return -1.0
    return 1.0 if _UP.search(text) else default


def _band_text(low: str, word: str) -> str:
    """The parts of an EQ request that speak of one band: "cut the bass by 6 dB and lift the
    treble by 3 dB" gives "cut the bass by 6 dB" for the bass. A part naming no band (", like
    +6 dB") belongs to the band before it."""
    parts = re.split(r",|;|，|、|\band\b|\bbut\b|\bthen\b|然后|并且", low)
    mine, current = [], False
    for part in parts:
        if re.search(_BANDS, part):
            current = bool(re.search(word, part))
        if current:
            mine.append(part)
    return " ".join(mine)


# "... but don't make him sound like a chipmunk", "without the robot effect", "不要变成花栗鼠":
# what the user does not want, up to the end of its phrase. It names no effect to apply.
UNWANTED = re.compile(r"\b(?:don'?t|do not|doesn'?t|does not|shouldn'?t|should not|mustn'?t|never|without|"
                      r"but not|and not|not to|no need to|avoid)\b[^,.;!?]*|(?:不要|别|不想|しないで|ないように)[^，。,.；]*",
                      re.I)


def effect_args(clause: str) -> dict[str, Any] | None:
    """The audio_edit effect a request asks for, with its parameters (None = not an effect)."""
    low = UNWANTED.sub(" ", clause.lower())
    if re.search(r"noise gate|\bgate\b|门限|ゲート", low):
        args: dict[str, Any] = {"operation": "gate"}
        db = _db(low, "(?:threshold|gate)")
        if db is not None:
            args["threshold_db"] = -abs(db)
        return args
    if re.search(r"compress(?:or|ion)?\b(?!.{0,20}(?:mp3|file|zip|size))|\bsquash\w*|\bsquish\w*|(?:tame|control|catch|rein in) (?:the |those |its )?peaks|even out|level(?:s)? (?:out|more even)|压缩动态|动态压缩|コンプ", low) \
            and not re.search(r"mp3|ogg|flac|file size|zip", low):
        args = {"operation": "compress"}
        m = re.search(rf"{NUM}\s*(?::\s*1|to 1)", low)
        if m:
            args["ratio"] = float(m.group(1))
        db = _db(low, "threshold")
        if db is not None:
            args["threshold_db"] = -abs(db)
        return args
    hz = _hz(low)
    if hz is not None and re.search(r"low-?pass|high-?pass|above|over|higher than|below|under|lower than|以上|以下|高于|低于|rumble|hiss|filter", low):
        if re.search(r"high-?pass|below|under|lower than|以下|低于|rumble", low) and not re.search(r"low-?pass", low):
            return {"operation": "highpass", "cutoff_hz": hz}
        return {"operation": "lowpass", "cutoff_hz": hz}
    if re.search(r"low-?pass|muffl|underwater|through a wall|闷|こもっ", low):
        return {"operation": "lowpass", "cutoff_hz": hz or 1000.0}
    if re.search(r"high-?pass|rumble", low):
        return {"operation": "highpass", "cutoff_hz": hz or 100.0}
    bass = re.search(r"\bbass\b|low end|低音|低频|ベース|低域", low)
    treble = re.search(r"treble|high end|highs\b|高音|高频|高域", low)
    if (bass or treble) and not re.search(r"bass ?line|bass guitar", low):
        args = {"operation": "eq"}
        sign = _eq_sign(low, 1.0)
        for key, hit, word in (("bass_db", bass, r"(?:bass|low end|低音)"), ("treble_db", treble, r"(?:treble|high end|highs|高音)")):
            if hit:
                own = _band_text(low, word) if bass and treble else low
                db = _db(own, word) if own != low else None
                db = _db(low, word) if db is None else db
                band_sign = _eq_sign(own, sign)
                args[key] = band_sign * abs(db) if db is not None else band_sign * 6.0
        return args
    if re.search(r"semi-?tones?|半音|octave|八度|オクターブ|pitch|音调|音高|音程|\bkey\b|キー|"
                 rf"\b(?:by |a |{_N} )(?:whole )?tones?\b", low) \
            and not re.search(r"pitch (?:track|contour|curve|estimat)", low):
        return {"operation": "pitch_shift", "semitones": _semitones(low)}
    for preset, pat in PRESETS:
        if re.search(pat, low):
            if preset == "deep" and re.search(rf"{_N}\s*(?:semi-?tones?|octaves?)", low):
                break
            return {"operation": "voice_preset", "preset": preset}
    if PLACE_HEARD.search(low) or re.search(r"reverb|reverberat|混响|残響|リバーブ|(?:sound|sounds|sounding|as if|like)\b.{0,12}\b(?:it|they|we|i|he|she|you)(?:'re|'s|'m| are| is| was| were| am)? in(?:side)? (?:a |an |the )?(?:\w+ )?(?:church|cathedral|chapel|hall|auditorium|cave|bathroom|stadium|arena|tunnel|gym|warehouse)\b|(?:recorded|sing\w*|playing|speak\w*|sound\w*|like) (?:it was |it's |i'm |we're )?in (?:a |an |the )?(?:\w+ )?(?:church|cathedral|chapel|hall|concert hall|auditorium|cave|room|bathroom|stadium|arena)|sound\w* like (?:it'?s in |it was in )?(?:a |an |the )(?:\w+ )?(?:hall|church|cathedral|chapel|cave|bathroom|stadium|arena|auditorium|tunnel)\b|\b(?:put|place|set|drop)\w* (?:this|it|me|my voice|the \w+) in(?:side)? (?:a |an |the )(?:\w+ ){0,2}(?:hall|church|cathedral|chapel|cave|bathroom|stadium|arena|auditorium|tunnel|room)\b|教堂里|教会で|ホールで", low):
        room = next((name for name, pat in ROOMS if re.search(pat, low)), None)
        args = {"operation": "reverb"}
        if room:
            args["room"] = room
        return args
    if re.search(r"\becho|\bdelay\b|回声|回音|エコー|やまびこ", low):
        args = {"operation": "echo"}
        secs = interval(low) or duration(low)
        if secs is None and re.search(r"half a second|半秒", low):
            secs = 0.5
        m = re.search(rf"{NUM}\s*(?:ms|milliseconds?)", low)
        if m:
            secs = float(m.group(1)) / 1000
        if secs is not None:
            args["delay"] = secs
        m = re.search(rf"feedback (?:of )?{NUM}", low)
        if m:
            args["feedback"] = min(0.95, float(m.group(1)) / (100 if float(m.group(1)) > 1 else 1))
        return args
    return None


EFFECT_WORDS = ("semitone", "octave", "pitch", "reverb", "echo", "delay", "bass", "treble",
                "low-pass", "high-pass", "compress", "noise gate", "telephone", "radio", "robot",
                "megaphone", "chipmunk", "deep")
