"""Argument extraction for the offline planner: quoted text, languages, numbers, times,
speaker counts, azimuths, notes and durations, and the "what" of a request."""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re

from audiogpt.dialogue.amounts import rate_factor, slows_down, spoken_duration, strip_lengths
from audiogpt.dialogue.fields import NOTE_RE, notes_and_durations  # noqa: F401  (callers use X.*)
from audiogpt.dialogue.lexicon import LANGUAGES, NUMBER_WORDS, SOUND_WORDS, is_cjk
from audiogpt.dialogue.spoken import (  # noqa: F401  (callers use X.*)
    PLACEHOLDER,
    QUOTE_RE,
    protect_quotes,
    restore,
    spoken_text,
)

NUM = r"(\d+(?:\.\d+)?)"


def to_number(token: str) -> float | None:
    """Parse digits, English or Chinese number words."""
    token = token.strip().lower()
    try:
        return float(token)
    except ValueError:
        pass
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    if token == "a couple":
        return 2.0
    parts = re.split(r"[- ]", token)
    if parts[0] in _TENS and (len(parts) == 1 or len(parts) == 2 and parts[1] in _ONES):
        return float(_TENS[parts[0]] + (_ONES[parts[1]] if len(parts) == 2 else 0))  # "twenty-five"
    if re.fullmatch(r"[一二两三四五六七八九]?十[一二三四五六七八九]?", token):
        tens = NUMBER_WORDS.get(token[0], 1) if token[0] != "十" else 1
        ones = NUMBER_WORDS.get(token[-1], 0) if token[-1] != "十" else 0
        return float(tens * 10 + ones)
    return None


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_NUMWORD = (r"(\d+(?:\.\d+)?|one and a half|two and a half|a couple(?: of)?|"
            r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
            r"seven|eight|nine)\b)?|zero|one|two|three|four|five|six|seven|eight|"
            r"nine|ten|eleven|twelve|fifteen|half a|[一二两三四五六七八九十]+)")


# ------------------------------------------------------------------ languages
def languages_in(text: str) -> list[tuple[int, str, str]]:
    """(position, ISO code, word) of every language named in the text."""
    found = []
    low = text.lower()
    for word, code in LANGUAGES.items():
        pat = rf"\b{re.escape(word)}\b" if word.isascii() else re.escape(word)
        for m in re.finditer(pat, low):
            found.append((m.start(), code, word))
    found.sort()
    # Drop matches nested inside a longer one (e.g. 英文 inside 英文的).
    out: list[tuple[int, str, str]] = []
    for f in found:
        if out and f[0] < out[-1][0] + len(out[-1][2]):
            continue
        out.append(f)
    return out


# The user's own languages: "I only speak English", "I don't understand Greek".
_USER_LANGUAGE = re.compile(r"\bi (?:only |just |mostly )?(?:(don'?t|do not|can'?t|cannot) )?(?:speak|understand|read|know)\s+"
                            r"(?:any |a word of |much )?$")
_STATED_SOURCE = re.compile(r"\b(?:it'?s|it is|it was|its|they'?re|they are|currently|originally)\s+(?:all |currently |"
                            r"originally |spoken |recorded )?in\s+$")
_CJK_STATED = re.compile(r"(?:是|用|说的是|讲的是|说|讲|^|[,，、。])\s*$")
_SPEAKER_AFTER = re.compile(r"\s*(?:guy|man|woman|lady|girl|boy|speaker|caller|person|people|folks|teacher|host|singer|"
                            r"kid|student|friend|colleague|customer|client|grandma|grandpa|uncle|aunt|narrator)s?\b")


def translation_languages(text: str) -> tuple[str | None, str | None]:
    """(target, source) languages of a translation request."""
    low = text.lower()
    target = source = None
    found = languages_in(low)
    # "it's in English right now", "this Russian guy": what the recording is in now.
    stated = [pos for pos, _code, word in found if _STATED_SOURCE.search(low[max(0, pos - 24):pos])
              or _SPEAKER_AFTER.match(low[pos + len(word):pos + len(word) + 14])]
    for pos, code, word in found:
        before = low[max(0, pos - 24):pos]
        after = low[pos + len(word):pos + len(word) + 14]
        user = _USER_LANGUAGE.search(before)
        if user and len(found) > 1:
            # "I only speak English": the language wanted; "I don't understand Greek": the recording's.
            if user.group(1):
                source = source or code
            else:
                # "recorded this in Italian and I only read English": the user's language is wanted
                source, target = (source or (target if target != code else None)), code
            continue
        if pos in stated:
            source = source or code
        elif re.search(r"\b(?:speak|speaks|speaking|talk|talks|talking)\s+(?:in\s+)?$", before) or len(found) > 1 and not stated and re.search(
                r"\b(?:message|note|memo|recording|clip|audio|speech|video|call|voicemail|interview|"
                r"podcast|song|lecture|talk|file|episode|narration|sermon|show|part|section)s? (?:is |was )?in\s+$", before):
            # "he speaks English, ...", "a voice message in Spanish": the recording's language
            source = source or code
        elif re.search(r"\b(?:as|into)\s+(?:an?\s+)?$", before) and re.match(r"\s*(?:speech|audio|voice|version|narration|dub)", after):
            target = code  # "the English narration as Japanese speech": the language wanted
        elif re.search(r"(?:from|this|the|of|spoken in|in)\s+(?:\w+\s+)?$", before) and \
                re.search(r"^\s*(?:audio|speech|recording|clip|speaker|file|voice|talk|narration|interview|lecture|"
                          r"podcast|message|voicemail|memo|sermon|episode|\w+ ?audio)", after) or re.search(r"from\s+$", before) or re.search(r"(?:把|将|这段|这个|从)\s*$", before) and not re.search(r"(?:成|为|到)\s*$", before) or (re.search(r"この\s*$", before) or re.match(r"\s*(?:の|から|で話)", after)) and not re.match(r"\s*(?:に|へ)", after):
            source = source or code
        elif _CJK_STATED.search(before) and (re.match(r"\s*(?:的|说|讲|話|で話|で喋)", after)
                                             or re.search(r"(?:说|讲)的是\s*$", before)):
            source = source or code  # "是普通话的", "用粤语讲的", "英語で話している": what it is in
        else:
            if target is None:
                target = code
            elif source is None and (re.search(r"(?:into|to|成|为|に)\s*$", before) or re.match(r"\s*(?:に|へ)", after)):
                # "日本語を英語に訳して": the language before に/へ is the one wanted
                source, target = target, code
    if target is None:
        # Terse forms with ISO codes: "translate -> de", "target=fr", "lang: ja".
        m = re.search(r"(?:->|=>|→|\btarget(?:[_ ]lang(?:uage)?)?\s*[=:]|\blang(?:uage)?\s*[=:])\s*([a-z]{2})\b", low)
        if m and m.group(1) in set(LANGUAGES.values()):
            target = m.group(1)
    return target, source


def speech_language(text: str, spoken: str | None) -> str | None:
    """Language for TTS: an explicit "in French", else Chinese/Japanese script of the text."""
    for m in re.finditer(r"\b(?:in|with an?|using)\s+(\w+)(?:\s+(?:accent|voice))?|\b(?:this|the|a|an|these|that|my)\s+(\w+)"
                         r"\s+(?:sentence|phrase|text|lines?|words|paragraph|passage|greeting|poem|quote|saying|voice|speaker|"
                         r"narrator|voice actor)\b", text.lower()):
        if (m.group(1) or m.group(2)) in LANGUAGES:  # "in French", "this French sentence"
            return LANGUAGES[m.group(1) or m.group(2)]
    for _pos, code, word in languages_in(text):
        if not word.isascii():
            return code
    if spoken and re.search(r"[\u3040-\u30ff]", spoken):
        return "ja"
    if spoken and is_cjk(spoken):
        return "zh"
    return None


# ------------------------------------------------------------------ numbers and times
_WORD_NUM = re.compile(r"\b(one and a half|two and a half|zero|one|two|three|four|five|six|seven|eight|"
                       r"nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty)\b")


def _digits(low: str) -> str:
    """English number words as digits ("between two and three seconds" -> "between 2 and 3 seconds")."""
    return _WORD_NUM.sub(lambda m: f"{NUMBER_WORDS[m.group(1)]:g}", low)


def speed_factor(text: str) -> float | None:
    """A playback/speaking rate: "1.5x", "one and a half times faster", "twice as fast", "half speed"."""
    rate = rate_factor(text.lower())
    low = _digits(text.lower())
    if rate:
        return rate  # "at half the normal speed", "80 percent of the usual pace"
    slow = slows_down(low)
    m = re.search(rf"{NUM}\s*(?:x\b|times\b|倍|speed\b|pace\b)", low) or re.search(rf"(?:speed|rate|tempo)\s*(?:of|=|:|to|at)?\s*{NUM}", low)
    if m:
        value = float(m.group(1))
    elif re.search(r"twice|double|两倍", low):
        value = 2.0
    elif re.search(r"half (?:the )?(?:speed|tempo)|一半", low):
        return 0.5
    else:
        return None
    if value <= 0:
        return None
    return 1 / value if slow and value > 1 else value


# "between second 10 and second 12", "from the 10 second mark to the 12 second mark"
_AT_SECOND = r"(?:(?:the )?(?:second|sec)\s+(?=\d))?(?:the\s+(?=\d))?"
_MARK = r"(?:[\s-]*(?:s|sec|second)?\s*mark)?"


_TO = r"\s*(?:to|and|through|thru|until|till|-|–)\s*"
_MINUTE_RANGES = (rf"\b(?:minutes?|mins?)\s+{NUM}{_TO}(?:minute\s+)?{NUM}\b(?!\s*(?:s|secs?|seconds?)\b|:)",
                  rf"\b(?:from|between)\s+{NUM}\s*(?:minutes?|mins?)?{_TO}{NUM}\s*(?:minutes?|mins?)\b",
                  rf"第?\s*{NUM}\s*(?:分钟)?\s*(?:到|至|-|~)\s*第?\s*{NUM}\s*分钟", rf"{NUM}\s*分\s*から\s*{NUM}\s*分")


def time_range(text: str) -> tuple[float, float] | None:
    """A [start, end] range in seconds: "from 1 s to 2 s", "between 1 and 2", "1-2 s", "1到2秒"."""
    low = _digits(text.lower())
    for p in _MINUTE_RANGES:  # "minutes 2 to 3", "from minute 2 to minute 3", "第2到第3分钟"
        m = re.search(p, low)
        if m and float(m.group(2)) > float(m.group(1)):
            return float(m.group(1)) * 60, float(m.group(2)) * 60
    pats = [
        rf"(?:from|between|seconds?)\s+{_AT_SECOND}{NUM}\s*(?:s|sec|secs|seconds?)?{_MARK}\s*(?:to|and|until|till|through|thru|-|–)"
        rf"\s*{_AT_SECOND}{NUM}",
        rf"{NUM}\s*(?:s|sec|seconds?)?\s*(?:-|–|to|through|thru|until|till)\s*{NUM}\s*(?:s\b|sec|seconds?)",
        rf"{NUM}\s*秒?\s*(?:到|至|-|~|～|から)\s*第?\s*{NUM}\s*秒",
        rf"(?:从|在)\s*第?\s*{NUM}\s*秒?\s*(?:到|至)\s*第?\s*{NUM}",
        r"(\d+):(\d\d(?:\.\d+)?)\s*(?:to|-|–|and|through|thru|until|till)\s*(\d+):(\d\d(?:\.\d+)?)",
    ]
    for i, p in enumerate(pats):
        m = re.search(p, low)
        if m:
            if i == 4:
                g = [float(x) for x in m.groups()]
                return g[0] * 60 + g[1], g[2] * 60 + g[3]
            a, b = float(m.group(1)), float(m.group(2))
            if b > a:
                return a, b
    m = re.search(rf"(?:at|around)\s+{NUM}\s*(?:s|sec|seconds?)\b.*?(?:for|lasting)\s+{NUM}\s*"
                  r"(?:s|sec|seconds?)\b", low)
    if m:
        return float(m.group(1)), float(m.group(1)) + float(m.group(2))
    return None


def duration(text: str) -> float | None:
    """A requested length in seconds: "10 seconds", "a 5-second", "2 minutes", "30秒"."""
    low = text.lower()
    spoken = spoken_duration(low)
    if spoken:
        return spoken  # "a minute and a half", "one minute and twenty seconds"
    m = re.search(rf"{_NUMWORD}[\s-]*(seconds?|secs?|s\b|minutes?|mins?|秒钟?|秒間?|分钟|分間?)", low)
    if not m:
        m = re.search(r"\b(an?|one|half a)\s+(minute|second)\b", low)
        if m:
            return (0.5 if m.group(1) == "half a" else 1.0) * (60 if m.group(2) == "minute" else 1)
        return None
    value = to_number(m.group(1))
    if value is None:
        return None
    unit = m.group(2)
    return value * 60 if unit.startswith(("min", "分")) else value


def speaker_count(text: str, strict: bool = False) -> int | None:
    """How many speakers/voices the user names (``strict``: only "N speakers/people/...")."""
    low = text.lower()
    m = re.search(rf"\b(?:me|myself) and (?:{_NUMWORD[1:-1]}|an?|my|our) (?:other )?(?:co-?hosts?|guests?|friends?|speakers?|"
                  r"interviewees?|callers?|persons?|people|colleagues?|partners?)\b", low)
    if m:  # "just me and one guest": the user counts too
        k = re.search(_NUMWORD, m.group(0))
        n = to_number(k.group(1)) if k else 1
        if n and n >= 1:
            return int(n) + 1
    m = re.search(rf"{_NUMWORD}\s*(?:different |distinct |separate |overlapping |individual )?"
                  r"(?:speakers?|voices|talkers|people|ppl|folks|kids|children|guys|girls|boys|men|women|friends|"
                  r"persons?|singers|panelists|panellists|guests|participants|callers|"
                  r"hosts|interviewees|members|attendees|个人|个说话人|个人声|"
                  r"个声音|人の|人)", low)
    if m:
        n = to_number(m.group(1))
        if n and n >= 1:
            return int(n)
    m = re.search(rf"\b(?:there (?:are|were|'re)|we(?:'re| are)|it'?s) (?:{_NUMWORD[1:-1]}) of (?:us|them)\b|"
                  rf"\b(?:{_NUMWORD[1:-1]}) of us\b|\b(?:{_NUMWORD[1:-1]}) of (?:my|the|our|his|her|their|these|those) (?:[\w-]+ )?"
                  r"(?!(?:files|tracks|clips|recordings|songs|seconds|minutes|parts|takes|stems|samples)\b)[\w-]+s\b", low)
    if m:
        n = to_number(re.search(_NUMWORD, m.group(0)).group(1))
        if n and n >= 1:
            return int(n)
    if strict:
        return None
    m = re.search(rf"(?:into|in|as) {_NUMWORD} (?:files|tracks|parts|streams|outputs|channels|stems)", low)
    if m and to_number(m.group(1)):
        return int(to_number(m.group(1)) or 2)
    if re.search(r"\bboth (?:speakers|voices)|\btwo\b|两个|二人", low):
        return 2
    return None


_CLOCK = re.compile(r"\b(1[0-2]|[1-9]) o'?clock\b")


def _direction(low: str) -> float | None:
    """Azimuth from direction words, composed as a vector: behind + left = -135, front + right
    = 45, left alone = -90, behind alone = 180; "at 2 o'clock" = 60."""
    m = _CLOCK.search(low)
    if m:
        deg = int(m.group(1)) % 12 * 30.0
        return deg - 360.0 if deg > 180 else deg
    x = (-1.0 if re.search(r"\bleft\b|左", low) else 0.0) + (1.0 if re.search(r"\bright\b(?! now| away| above| over| below| under| behind| in front| here| there| next)|右", low) else 0.0)
    y = (-1.0 if re.search(r"behind|\bback\b|rear|后面|后方|背后|身后|後ろ|背後", low) else 0.0) + \
        (1.0 if re.search(r"\bin front|\bfront\b|ahead|前面|前方|正面|前から", low) else 0.0)
    if x == 0 and y == 0:
        return None
    import math

    return round(math.degrees(math.atan2(x, y)), 1)


def azimuth(text: str) -> tuple[float | None, float | None]:
    """(azimuth, elevation) in degrees from words or numbers (+90 = right)."""
    low = text.lower()
    az = el = None
    m = re.search(rf"(-?{NUM[1:-1]})\s*(?:°|degrees?|deg|度)", low)
    if m:
        az = float(m.group(1))
        near = low[m.end():m.end() + 20] if re.search(r"\bleft|\bright|左|右", low[m.end():m.end() + 20]) \
            else low[max(0, m.start() - 40):m.start()]  # "to my left, about 30 degrees"
        if re.search(r"\bleft|左", near) and not re.search(r"\bright\b|右", near) and az > 0:
            az = -az
    else:
        az = _direction(low)
    if re.search(r"\b(?:right|directly|straight|just) (?:above|over) (?:me|us|you|the listener|my head)|"
                 r"\bstraight up\b|正上方|真上", low):
        el = 90.0
    elif re.search(r"\babove|(?<!drum )(?<!drums )(?<!snare )(?<!kit )(?<!cymbal )overhead(?! (?:tracks?|mics?|microphones?|channels?|stems?|takes?|recordings?|cams?)\b)|上方|頭上", low):
        # "coming from above" alone is straight up; "above and to the left", "slightly above": 45.
        el = 45.0 if az is not None or re.search(r"slight|a bit|a little|somewhat|partly|diagonal", low) else 90.0
    elif re.search(r"\bbelow|下方", low):
        el = -30.0
    m = re.search(rf"(?:azimuth|\baz)\s*(?:of |at |=|:)?\s*(-?{NUM[1:-1]})", low)
    if m and az is None or m and not re.search(r"°|degrees?|deg|度", low):
        az = float(m.group(1))
    m = re.search(rf"elevation (?:of )?(-?{NUM[1:-1]})", low)
    if m:
        el = float(m.group(1))
    return az, el


# ------------------------------------------------------------------ text arguments
_LEADERS = re.compile(
    r"^(?:please |can you |could you |would you |(?:i|we) (?:want|need|would like|would love) (?:you )?(?:to )?|"
    r"i'd (?:like|love) (?:you )?(?:to )?|can i (?:get|have) |give me |let's |help me |go ahead and |now |then |also |and |"
    r"请|帮我|给我|麻烦|先|然后|再)+", re.IGNORECASE)
_GEN_VERB = re.compile(
    r"^(?:generate|create|make|produce|synthesi[sz]e|design|compose|write|play|render|give me|record|"
    r"get me|build|come up with|生成|制作|创作|做|来|作曲|合成|写)\s*(?:me |us |一段|一首|一个|个|段|首)?\s*",
    re.IGNORECASE)


# "For a dubbing scene I need ...": what the sound is for, said before the ask.
_FOR_PROJECT = re.compile(r"^for (?:a|an|my|our|the) (?:[\w-]+ ){0,3}?(?:scene|video|film|game|podcast|project|show|"
                          r"level|trailer|play|class)\s*,?\s*(?=i |we |can |could |please )", re.I)


def description(clause: str, quotes: list[str]) -> str:
    """The "what" of a generation request: the clause minus command words."""
    q = re.search(r"QTEXT(\d+)", clause)
    if q:
        return quotes[int(q.group(1))]
    text = _LEADERS.sub("", _FOR_PROJECT.sub("", strip_lengths(clause)))
    text = _GEN_VERB.sub("", text)
    text = re.sub(r"^(?:a|an|the|some)\s+", "", text, flags=re.I)
    text = re.sub(r"^(?:(?:short|quick|little|another|separate|second|new|different|other)\s+)*(?:sound effect|"
                  r"sound|audio|noise|recording|clip|one)s?\s+(?:of|for|with)\s+", "", text, flags=re.I)
    text = re.sub(rf",?\s*(?:for|lasting|that lasts|about|around|(?:that is |which is )?of)?\s*(?:{_NUMWORD[1:-1]}|an?|couple(?: of)?)[\s-]*"
                  r"(?:seconds?|secs?|s|minutes?|mins?|秒钟?|分钟)\b(?:\s*long)?", "", text, flags=re.I)
    text = re.sub(r"\s*(?:please|for me)\s*[.!?]*$", "", text, flags=re.I)
    # "20 seconds of a thunderstorm": the duration's "of a" is not part of the sound.
    text = re.sub(r"^of (?:a |an |the |some )?", "", text.strip(), flags=re.I)
    return restore(text.strip(" .,!?。！，-–—"), quotes) or clause.strip()


_STOP = re.compile(
    r"\b(?:when|where|does|do|did|is|are|was|were|the|a|an|this|that|these|in|on|from|of|"
    r"clip|recording|audio|file|track|mix|mixture|sound|sounds|please|can|you|could|find|locate|"
    r"detect|spot|mark|at|what|time|times|moments?|timestamps?|extract|isolate|pull|out|keep|"
    r"only|just|get|separate|me|show|there|any|happen|happens|occur|occurs|appear|appears|"
    r"it|its|all|every|each|for|to|and|with|from|here|start|starts|begin|begins|heard|hear|"
    r"tell|let|know|see|check|whether|if|which|would|like|want|need|i|us|my|our|"
    # filler and pointers are no part of a sound's name ("ok and exactly when does each of those happen")
    r"those|ok|okay|exactly|precisely|now|so|also|again|just|every ?time)\b",
    re.IGNORECASE)


def target_phrase(clause: str, quotes: list[str]) -> str | None:
    """The sound a detection/extraction request is about ("the dog barking")."""
    q = re.search(r"QTEXT(\d+)", clause)
    if q:
        return quotes[int(q.group(1))]
    if is_cjk(clause):
        for word in sorted(SOUND_WORDS, key=len, reverse=True):
            if word in clause:
                return SOUND_WORDS[word]
        m = re.search(r"(?:提取|抽取|分离出|保留|检测|找出|定位)\s*(?:出|一下)?\s*(.+?)(?:的声音|声|$)", clause)
        return m.group(1).strip(" 。？?") if m else None
    text = re.sub(r"[?.!,]", " ", clause)
    text = _STOP.sub(" ", text)
    words = [w for w in text.split() if w.lower() not in {"sound", "noise"}]
    return " ".join(words) or None

