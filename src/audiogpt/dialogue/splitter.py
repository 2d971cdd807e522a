"""Split a request into steps: "denoise and then transcribe", "先降噪，再转成文字"."""


from __future__ import annotations

import re

from audiogpt.dialogue.catalog import ACTION_VERBS

# Strong separators: always start a new step.
_STRONG = re.compile(
    r"\s*(?:[,;]\s*|\s)(?:and\s+)?(?:then|after that|afterwards|after which|next|finally|"
    r"and finally|followed by|once (?:that'?s|it'?s|done)[^,]*,?)\s+|\.\s+(?=[A-Z])|\s*;\s+|"
    r"\s*[，,、;；。]?\s*(?:然后|接着|之后再|之后|随后|再把|再将|再(?![生见現])|最后|并且|并|完了|后再)\s*|"
    r"\s*[，、]\s*(?:それから|その後|次に)\s*|(?:してから|した後で?|したあと|(?<=[てで])から(?=、))、?\s*|"
    # "翻訳して、読み上げて": a verb's te-form and a comma close one act (a bare phrase is merged back)
    r"(?<=して|って|いて|んで|えて|けて|せて|れて|めて)、\s*",
    re.IGNORECASE)
_AND = re.compile(r"\s*,?\s+(?:and|&|plus)\s+|\s*[,;]\s+(?=\w)|\s*[，、和及]\s*", re.IGNORECASE)
_CJK_VERB = re.compile(
    r"^(?:把|将|帮我|给我|请)?.{0,3}(?:降噪|去噪|转|识别|翻译|朗读|念|读|生成|合成|分离|提取|检测|描述|"
    r"剪|拼接|混|淡|加速|减速|倒放|变成|做成|唱|修复|补全|定位|找|変換|翻訳|読|生成|分離|抽出)")


# A clause telling what happened rather than asking ("I recorded the line myself", "I lost my
# voice"): context for the request next to it, never a step of its own.
NARRATIVE = re.compile(r"^(?:so |well |ok,? )?(?:i|we|my|our)\b(?:'ve| have| had)?\s+(?!(?:want|need|would|'d|"
                       r"wish|hope|can|could|must|have to)\b)\w+(?:ed|t|ost|ade|ote|ung|ang|ot)\b", re.I)
_STORY_THEN_ASK = re.compile(r"^([^,;]{3,80}),\s+(?=(?:could|can|would|will|please|now|so)\b)", re.I)


# The user takes back what came before: "... actually just clean it first", "no wait, ...",
# "scratch that, ...", "算了，...", "やっぱり...". Only when a new request follows the marker.
_CORRECTION = re.compile(
    r"(?:[,;.!?…—–]+\s*|\s+-+\s+)(?:(?:hmm+|uh+|um+|er+|oh),?\s+)?"
    r"(?:actually|no,? wait|wait,? no|scratch that|on second thought|never ?mind(?: that)?|"
    r"forget (?:that|it|what i said))\s*[,:.!—-]*\s+(?!(?:also|too|as well)\b)|"
    r"[，,。；;…]+\s*(?:算了|不对|不，|还是算了)[，,]?\s*(?!也)|[、。…]+\s*(?:やっぱり|いや、)\s*",
    re.IGNORECASE)
_CORRECTED_ASK = re.compile(r"^(?:just |only |instead |rather |please |let'?s |can you |could you |i want you to |"
                            r"you should |先|还是|就|只|请)*", re.I)


def taken_back(text: str) -> str:
    """The request after the user's last correction of it ("..., no wait, transcribe it"), the
    request with the value corrected ("into Italian... on second thought, Spanish"), or the
    text unchanged."""
    for m in reversed(list(_CORRECTION.finditer(text))):
        rest = text[m.end():]
        ask = rest[_CORRECTED_ASK.match(rest).end():]
        if ACTION_VERBS.match(ask) or _CJK_VERB.match(ask) or _has_trigger(rest):
            return rest
        fixed = _corrected_value(text[:m.start()], rest)
        if fixed is not None:
            return fixed
    return text


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _corrected_value(before: str, rest: str) -> str | None:
    """``before`` with its last language or number replaced by the one ``rest`` says alone
    ("Spanish", "make that 30", "I mean 3 dB"), or None when ``rest`` is not such a value."""
    from audiogpt.dialogue.extract import languages_in

    if len(rest.split()) > 5 and not _CJK_VERB.search(rest):
        return None
    new, old = languages_in(rest), languages_in(before)
    if len(new) == 1 and old:
        pos, _, word = old[-1]
        return before[:pos] + new[0][2] + before[pos + len(word):]
    value, olds = _NUMBER.search(rest), list(_NUMBER.finditer(before))
    if value and olds and len(_NUMBER.findall(rest)) == 1:
        last = olds[-1]
        return before[:last.start()] + value.group(0) + before[last.end():]
    return None


def split_steps(text: str) -> list[str]:
    """Split into clauses, one per intended step (quoted text must already be protected)."""
    text = taken_back(text)
    text = re.sub(r"^\s*(?:first(?:ly)?|首先|先)[,，]?\s*", "", text.strip(), flags=re.I)
    parts = [p for p in _STRONG.split(text) if p and p.strip(" ,.;，。")]
    story = _STORY_THEN_ASK.match(parts[0]) if parts else None
    if story and NARRATIVE.match(story.group(1)):
        # "I recorded my grandma's story, could I get the text of it": the story, then the ask.
        parts[:1] = [story.group(1), parts[0][story.end():]]
    out: list[str] = []
    for part in parts:
        out.extend(_split_and(part))
    out = [p.strip(" ,.;，。、") for p in out if p.strip(" ,.;，。、")]
    merged: list[str] = []
    cursor = 0
    for piece in out:
        start = text.find(piece, cursor)
        sep, cursor = (text[cursor:start], start + len(piece)) if start >= 0 else (", ", cursor)
        if merged and _more_description(merged[-1], piece):
            # "a sound of footsteps on gravel then a door creaking", "a piano piece in D minor,
            # slow, about 30 seconds": the sound is still being described, not a new step.
            joint = re.sub(r"\s+", " ", sep).rstrip() + " "
            merged[-1] = f"{merged[-1]}{joint}"+ piece
            continue
        # "Part of it is silent; fill it in" / "Using this voice, say 'hi'": one request.
        fragment = len(piece.split()) <= 3 and not ACTION_VERBS.match(piece) \
            and not _CJK_VERB.match(piece) and not _has_trigger(piece) and not _cjk_act(piece)
        # ("make a 10 second whoosh, then reverse it": a request of its own before the pronoun)
        if merged and (_PRONOUN_CMD.match(piece) and not _has_trigger(merged[-1])
                       and not ACTION_VERBS.match(_LEADS.sub("", merged[-1])) and not _acts_after_comma(merged[-1])
                       or _complaint_then_fix(merged[-1], piece)
                       or _LEAD_PHRASE.match(merged[-1]) or fragment):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    return merged


_GENERATED = frozenset(("text_to_audio", "music_generation"))
# A lone word before a comma is an adjective of a list ("slow, about 30 seconds"), not a command.
_LONE_WORD = re.compile(r"^\w+\s*(?:,|$)")
# "then a separate clip of thunder", "and another one of birds": a second sound, its own step
_ANOTHER = re.compile(r"\b(?:separate|another|second|new|different|other)\b|另一|另外|別の", re.I)
_POINTS_BACK = re.compile(r"\b(?:it|them|that|this|those|these)\b|它|这|それ|これ", re.I)


# "make 10 seconds of traffic, and another clip of a tram bell": a second sound asked for.
_ANOTHER_START = re.compile(r"^(?:then )?(?:another|an? (?:separate|second|new|different|other))\b", re.I)


def _makes_sound(text: str) -> bool:
    """Whether the request's strongest trigger is for generating a sound or music."""
    from audiogpt.dialogue.intent import lexicon_scores

    scores = lexicon_scores(text)
    return bool(scores) and max(scores, key=scores.__getitem__) in _GENERATED


def _more_description(before: str, piece: str) -> bool:
    """Whether ``piece`` (no act of its own, no "it") goes on describing the sound or music
    that ``before`` asks to be made."""
    from audiogpt.dialogue.intent import lexicon_scores

    if _POINTS_BACK.search(piece) or _ANOTHER.search(piece) or "QTEXT" in piece or _CJK_VERB.match(piece) \
            or _cjk_act(piece) or ACTION_VERBS.match(piece) and not _LONE_WORD.match(piece):
        return False
    asked = lexicon_scores(before)
    kind = max(asked, key=asked.__getitem__) if asked else None
    mine = set(lexicon_scores(piece))
    # "a dog barking sound, then a song about summer": a different kind of thing, a step of its own.
    return kind in _GENERATED and mine <= {kind}


def _cjk_act(text: str) -> bool:
    """A Chinese/Japanese piece that names an act ("文字にして": transcribe it) is a step."""
    from audiogpt.dialogue.gloss import gloss
    from audiogpt.dialogue.lexicon import is_cjk

    return is_cjk(text) and bool(gloss(text))


def _has_trigger(text: str) -> bool:
    from audiogpt.dialogue.intent import lexicon_scores

    return bool(lexicon_scores(text))


# "the bass is way too boomy, cut it by 6 dB": a statement of what is wrong names what "it" is
# and how the fix goes (down), so it is one step with the fix, not a step of its own.
_TOO = re.compile(r"\btoo\b|太|过于|すぎ", re.I)
_ACT_ON_IT = re.compile(r"^(?:please |can you |could you |just |so )?[a-z]+ (?:it|them|that|this)\b", re.I)


def _complaint_then_fix(before: str, piece: str) -> bool:
    """Whether ``before`` only says what is wrong ("X is too Y") and ``piece`` fixes "it"."""
    return bool(_TOO.search(before)) and not ACTION_VERBS.match(_LEADS.sub("", before)) \
        and bool(_ACT_ON_IT.match(piece))


def _acts_after_comma(text: str) -> bool:
    """"lecture.mp3 has a buzz, remove it": a statement that already asks for its own act."""
    return any(ACTION_VERBS.match(part) for part in re.split(r"[,;]\s+", text)[1:])


_LEADS = re.compile(r"^(?:please |can you |could you |would you |now |ok,? |and )+", re.I)
_PRONOUN_CMD = re.compile(r"^(?:please |can you |could you )?\w+ (?:it|them|that|this)"
                          r"(?: (?:up|in|out|please|for me))?\s*[.!?]*$", re.I)
_LEAD_PHRASE = re.compile(r"^(?:using|with|in|for|from|by|based on|according to|in the voice of)\b",
                          re.I)


# "Synthesize 'X' and drench it in reverb": any verb on "it" after quoted words acts on their audio.
_VERB_ON_IT = re.compile(r"^[a-z]+ (?:it|them|that)\b(?! (?:says|said|is|was)\b)", re.I)


# "... and have it orbit around me", "and let them fade out": a step the user has done to the result.
_CAUSE_IT = re.compile(r"^(?:then )?(?:have|let|get) (?:it|them|that|this) "
                       r"(?!be\b|ready\b|done\b|back\b|read\b|spoken\b|said\b|sung\b|\w+ed\b)[a-z]+", re.I)


def _split_and(part: str) -> list[str]:
    """Split on "and"/"," only where the next piece starts with an action verb."""
    pieces = _AND.split(part)
    if len(pieces) == 1:
        return [part]
    seps = _AND.findall(part)
    out = [pieces[0]]
    for sep, piece in zip(seps, pieces[1:], strict=False):
        starts_action = bool(ACTION_VERBS.match(piece.strip())) or bool(_CJK_VERB.match(piece.strip())) \
            or "QTEXT" in out[-1] and bool(_VERB_ON_IT.match(piece.strip())) \
            or bool(_CAUSE_IT.match(piece.strip())) \
            or bool(_ANOTHER_START.match(piece.strip())) and _makes_sound(out[-1])
        if starts_action and out[-1].strip():
            out.append(piece)
        else:
            out[-1] = out[-1] + sep + piece
    return out
