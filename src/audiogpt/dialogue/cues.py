"""Sentence-level cues that re-weigh the tools' trigger scores for one clause.

Triggers find words; these rules read how the words are used: a question about what a
recording says asks for its words (not for speech to be made), "the notes she sings"
describes the attached song (not a request to sing), a note sequence with lyrics asks for
singing, "read the transcript back" speaks a text, people named as the thing to isolate mean
one track per speaker, a genre names music rather than a sound effect, a picture plus a
recording plus talking means a talking head, and an effect's own vocabulary (recognised by
:mod:`audiogpt.dialogue.effects`) is evidence for ``audio_edit``.
"""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re
from typing import Any

from audiogpt.dialogue.amounts import loudness_target, rate_factor
from audiogpt.dialogue.effects import effect_args
from audiogpt.dialogue.extract import time_range
from audiogpt.dialogue.provenance import asks_provenance
from audiogpt.dialogue.splitter import NARRATIVE

# "what does he say?", "what is she saying", "what's being said": the words of the recording.
CONTENT_QUESTION = re.compile(
    r"^(?:so |and |ok,? )?(?:(?:can|could) you )?(?:please )?(?:tell me |let me know )?what(?:'s| is| are| was| were| does| did| do)?\s+(?:\w+\s+){0,8}?(?:say|says|saying|said|talking about)\b"
    r"|\bwhat(?:'s| is) being said\b|说了什么|在说什么|讲了什么|何と言って|何を言って|何て言って", re.I)
# "the notes she sings", "what is he singing": the attached singing, described.
SUNG_BY_SOMEONE = re.compile(
    r"\b(?:he|she|they|it|singer|vocalist|choir|girl|boy|man|woman|kid|someone)\s+(?:is |are |was |were |'s )?"
    r"(?:sings|singing|sang|hums|humming|hummed)\b|\bbeing sung\b|\b(?:he|she|they) sing\b|"
    r"(?:她|他)(?:在)?唱的|歌っている", re.I)
# "could I get the text of it", "I need the words of this recording": its transcript.
TEXT_OF_AUDIO = re.compile(
    r"\b(?:text|words|wording|transcript|written version|lyrics)\s+(?:of|from|in|for)\s+(?:it|this|that|the|my|his|her)\b|"
    r"录音的文字|音声のテキスト", re.I)
NOTE_SEQUENCE = re.compile(r"(?:\b[A-Ga-g][#b]?[0-8]\b[\s,|]*){3,}")
SING_WORDS = re.compile(r"\bsing|singing|sung|lyrics|唱|歌", re.I)
# "read the transcript back to me", "say the translation out loud".
SPEAK_TEXT = re.compile(
    r"\b(?:speak|say|read|pronounce|voice)\b\s+(?:(?:me|us|him|her|them) )?(?:out |aloud |back )?(?:the |this |that |my |your |its )?"
    r"(?:translation|translated text|transcript(?:ion)?|caption|description|text|result|lyrics)\b", re.I)
# People named as what to isolate: one track per speaker is separation, not sound extraction.
PEOPLE = re.compile(
    r"\b(?:each|every|all the|both|the two|the three|individual)\s+(?:of the\s+)?(?:guests?|speakers?|persons?|"
    r"people|ppl|voices?|participants?|hosts?|callers?|interviewees?|panelists?|talkers?|singers?|kids?|children|folks)\b|"
    r"\b(?:guests?|speakers?|hosts?|callers?|participants?|talkers?|voices?|people|ppl|kids|children|folks)\b.{0,25}"
    r"\b(?:own|separate|individual)\b",
    re.I)
# Output kinds a request asks for: data about the audio, or audio files.
ASKS_DATA = re.compile(r"timestamps?|\bwhen\b|timeline|\bhow many\b|\bwho\b|by speaker|\blabel|\blist\b|"
                       r"break(?:s|ing)? (?:it |this )?down|什么时候|谁|何人|いつ|誰", re.I)
ASKS_AUDIO = re.compile(r"\btracks?\b|\bfiles?\b|\bstems?\b|separat|isolat|split|one per|分开|分离|分け", re.I)
# Music names: a genre, an instrument or a musical form means music, not a sound effect.
MUSIC_WORDS = re.compile(
    r"\b(?:lo-?fi|hip[- ]?hop|jazz\w*|blues|rock|pop|techno|house music|edm|trance|dubstep|synthwave|"
    r"vaporwave|chillwave|ambient music|classical|orchestral|symphon\w*|piano|guitar|violin|cello|"
    r"drum ?(?:and|&|n) ?bass|trap beat|r&b|soul|funk\w*|reggae|metal|punk|folk|country|bossa ?nova|"
    r"salsa|waltz|march|lullaby|jingle|chiptune|8-bit|soundtrack|instrumental|riff|chords?|melod\w*|"
    r"tune|song|beats?|bpm|tempo|groove|ballad|anthem|sonata|concerto)\b|"
    r"爵士|摇滚|流行|古典|钢琴|吉他|小提琴|旋律|曲子|歌曲|ジャズ|ロック|ピアノ|ギター|メロディ", re.I)
TRANSCRIBE_MUSIC = re.compile(r"\bnotes?\b|\bchords?\b|sheet music|\bscore\b|\btabs?\b|\bmidi\b|"
                              r"音符|乐谱|楽譜|音符", re.I)
TALKING = re.compile(r"talk|speak|\bsay|\blip|mouth|animat|avatar|\bvideo\b|说|讲|話|しゃべ|喋", re.I)
# "using this old recording of me, say ...": the attached audio is the voice to speak in.
VOICE_SOURCE = re.compile(
    r"\b(?:using|use|with|from|based on|in the style of|sounding like|like)\s+(?:this|that|the|my|his|her|"
    r"their)\s+(?:\w+\s+){0,2}(?:recording|clip|sample|audio|voice|file|memo|reference|take)s?\b|"
    r"\brecording of me\b|用这(?:个|段)(?:人的)?声音|この(?:人の)?声で|"
    # "make him say '...'" with a recording of him: the person heard is the voice to speak in
    r"\b(?:make|get|have|let|hear)\s+(?:him|her|them|this (?:guy|man|woman|lady|person))\s+(?:to\s+)?"
    r"(?:say|speak|read|tell|announce|wish)\b|让(?:他|她)说|(?:彼|彼女)に(?:言|話)わせ", re.I)
# A complaint about an unwanted background sound plus a wish to save the take: enhancement.
UNWANTED = re.compile(r"\b(?:traffic|wind|hum|hiss|buzz|static|noise|fan|air ?con\w*|a/?c|crowd|chatter|"
                      r"construction|drilling|rumble|crackle|background)\b|空调|杂音|噪音|噪声|背景(?:音|声)|"
                      r"雑音|ノイズ|エアコン", re.I)
RESCUE = re.compile(r"\b(?:rescue|save|salvage|recover|fix|clean|ruin\w*|spoil\w*|drown\w*|mess\w* up|"
                    r"bury|buries|buried|cover\w* up)\b|去掉|去除|消除|清除|除掉|弄掉|消して|除去|取り除", re.I)
# "give me a file for each", "one track per person": one output per speaker.
PER_SPEAKER = re.compile(r"\b(?:a|one|separate|its own|their own) (?:file|track|stem|channel)s? (?:for|per) "
                         r"(?:each|every|everyone|each one|each of them|person|speaker)\b|每个人(?:一个|各)|一人ずつ", re.I)
# "each kid's voice on its own", "every speaker's voice separately": the voices apart, one by one.
EACH_VOICE = re.compile(r"\b(?:each|every) (?:[\w-]+'s |one's )?(?:voice|speaker|person|talker)s? (?:\w+ )?(?:on (?:its|their|his|her) own|"
                         r"separately|by (?:itself|themselves|himself|herself)|alone|isolated|apart|in (?:its|their) own)", re.I)
# "is this voice synthesized?" in Chinese or Japanese: the watermark check.
SYNTH_QUESTION = re.compile(r"(?:合成|克隆|伪造|偽物|偽造|AI(?:生成|で作)|人工|クローン)[^。？?]{0,12}(?:吗|嗎|か|？|\?)", re.I)
# "I suspect it was cloned with your tool": whether this tool made the file.
SYNTH_SUSPECT = re.compile(r"\b(?:suspect|think|wonder|worried|afraid|whether|if|was|is|were|check|verify|tell)\b.{0,40}"
                           r"\b(?:cloned|faked?|deep-?faked?|synthesi[sz]ed|ai[- ]generated|generated|made|created)\b.{0,12}"
                           r"\b(?:with|by|using|in) (?:your|this|you|an? ai|ai|audiogpt)\b|"
                           r"\b(?:cloned|faked?|deep-?faked?|synthesi[sz]ed|ai[- ]generated) (?:with|by|using) (?:your|this)\b")
# "in a sentence or two", "in a few words", "一句话": the answer's form is prose.
IN_SENTENCES = re.compile(r"\bin (?:a|one|two|a few|one or two|a couple of|a single|plain) (?:short )?(?:sentences?|words|lines?)\b|"
                          r"用一两?句话|一句话|一言で|短く説明", re.I)
# "is this message from 'my bank' real, or ...": a question of authenticity (quotes there name, not speak).
AUTHENTIC = re.compile(r"\b(?:is|was|are|were)\b.{0,60}\b(?:real|genuine|authentic|legit(?:imate)?|fake|forged)\b", re.I)
# "2倍速", "倍速で": a playback rate.
CJK_RATE = re.compile(r"\d+(?:\.\d+)?\s*倍速|倍速|速度を|スピードを|播放速度", re.I)
# "the transcript" when the session already holds one: that result, not a new transcription.
EXISTING_RESULT = re.compile(r"\b(?:the|that|this|my) (?:transcript(?:ion)?|translation|caption|description)\b", re.I)
MAKE_RESULT = re.compile(r"\btranscri(?:be|bing)|\btranslat(?:e|ing)\b|\bcaption (?:it|this)|\bdescribe|"
                         r"\b(?:make|get|give|create|generate|produce|redo|want|need)\b.{0,20}\b(?:transcript|translation|caption)", re.I)
# A time range plus a repair verb: fill the span (inpainting).
# "give me just 0 to 14 s as its own clip", "only the bit from 2 to 7 seconds": a span kept.
SPAN_KEPT = re.compile(r"\b(?:just|only|keep|grab|pull out|snip|clip out)\b|\b(?:its|their) own (?:clip|file|track)|"
                       r"\bas a (?:separate|new|standalone) (?:clip|file)|只要|只留|だけ", re.I)
REPAIR = re.compile(r"\b(?:patch|repair|mend|fix|restore|reconstruct|fill|conceal|cover|smooth)\w*|修补|修复|修复|補修|修復",
                    re.I)


def apply_cues(clause: str, scores: dict[str, float], has_audio: bool, n_image: int,
               has_quote: bool, catalog: Any, session_text: bool = False) -> set[str]:
    """Adjust ``scores`` (tool -> trigger weight) in place for one clause.

    Args:
        clause: The clause (quoted text protected as ``QTEXTn``).
        scores: Trigger scores from the lexicon, after the context rules.
        has_audio: Audio is attached, in the session, or made by an earlier step.
        n_image: Images attached.
        has_quote: The request quotes text.
        catalog: The planner catalog (only tools it holds are added).
        session_text: The session already holds a text result (a transcript, a translation).

    Returns:
        Tools the clause's wording rules out (the example matcher must not choose them).
    """
    vetoed: set[str] = set()
    low = clause.lower()

    def lift(tool: str, value: float) -> None:
        if tool in catalog:
            scores[tool] = max(scores.get(tool, 0.0), value)

    best = max(scores.values(), default=0.0)
    if has_audio and not has_quote and CONTENT_QUESTION.search(low) and not re.search(r"translat|翻译|翻訳|訳", low):
        for name in ("text_to_speech", "voice_clone", "singing_synthesis"):
            if name in scores:
                scores[name] -= 3
        lift("speech_recognition", max(best, 3.5))
    if has_audio and not has_quote and TEXT_OF_AUDIO.search(low) and not re.search(
            r"translat|翻译|翻訳", low) and max(scores.values(), default=0.0) < 3.0:
        lift("speech_recognition", 3.0)
    if "singing_synthesis" in scores and has_audio and SUNG_BY_SOMEONE.search(low):
        scores["singing_synthesis"] -= 3
    if not has_audio and SING_WORDS.search(low) and NOTE_SEQUENCE.search(clause):
        lift("singing_synthesis", best + 1)
    if SPEAK_TEXT.search(low) and not CONTENT_QUESTION.search(low):
        # ... in the voice the words ask for: a reference voice when voice cloning is in play.
        speaker = "voice_clone" if scores.get("voice_clone", 0) >= scores.get("text_to_speech", 0) \
            and "voice_clone" in scores else "text_to_speech"
        lift(speaker, max(best, 3.5) + 0.5)
        for name in ("speech_recognition", "speech_translation", "audio_captioning"):
            if name in scores:
                scores[name] = min(scores[name], 1.0)
    if has_audio and PEOPLE.search(low) and ("sound_extraction" in scores or ASKS_AUDIO.search(low)
                                             or re.search(r"\b(?:own|separate)\b", low)):
        lift("speech_separation", max(scores.get("sound_extraction", 0.0) + 1, 3.0))
    if "text_to_audio" in scores and not has_audio and MUSIC_WORDS.search(low):
        lift("music_generation", scores["text_to_audio"] + 0.5)
    if "speech_recognition" in scores and has_audio and TRANSCRIBE_MUSIC.search(low) \
            and MUSIC_WORDS.search(low):
        lift("music_transcription", scores["speech_recognition"] + 1)
    if n_image and has_audio and TALKING.search(low) and not has_quote:
        lift("talking_head", max(best, 3.0) + 1)
    if "text_to_speech" in scores and has_audio and has_quote and VOICE_SOURCE.search(low):
        lift("voice_clone", scores["text_to_speech"] + 1)
    if has_audio and best < 3.5 and time_range(clause) and SPAN_KEPT.search(low) and not REPAIR.search(low):
        lift("audio_edit", max(best, 3.0) + 0.5)  # a span of the file kept: trimming, not a sound to find
    if has_audio and best < 3.0 and time_range(clause) and REPAIR.search(low):
        lift("audio_inpainting", 3.5)
    if has_audio and best < 2.0 and UNWANTED.search(low) and RESCUE.search(low) and not time_range(clause):
        lift("speech_enhancement", 3.0)  # "the traffic ruined my take, rescue the dialogue"
    if has_audio and "sound_event_detection" in scores and IN_SENTENCES.search(low):
        # "tell me in a sentence or two what's going on": an answer in words, not a list of events
        lift("audio_captioning", max(best, 3.0) + 0.5)
    if has_audio and best < 3.0 and PER_SPEAKER.search(low):
        lift("speech_separation", 3.5)
    if has_audio and not has_quote and EACH_VOICE.search(low):
        lift("speech_separation", max(best, 3.0) + 0.5)
    if has_audio and (not has_quote or AUTHENTIC.search(low)) and SYNTH_SUSPECT.search(low):
        # "I suspect it was cloned with your tool": whether the file was made here, not a request to clone
        lift("watermark_detection", max(best, 3.0) + 1)
        for name in ("voice_clone", "text_to_speech", "voice_conversion", "text_to_audio", "music_generation"):
            if name in scores:
                scores[name] -= 3
    if has_audio and (not has_quote or AUTHENTIC.search(low)) and asks_provenance(clause) \
            and not SYNTH_SUSPECT.search(low):
        # "is this a real recording or a fake?", "did it come out of your cloner?": check the file
        lift("watermark_detection", max(best, 3.0) + 1)
        for name in ("voice_clone", "text_to_speech", "voice_conversion", "text_to_audio", "music_generation"):
            if name in scores:
                scores[name] -= 3
    if has_audio and best < 3.0 and SYNTH_QUESTION.search(clause):
        lift("watermark_detection", 3.5)
    if has_audio and best < 3.0 and (CJK_RATE.search(clause) or rate_factor(low) or loudness_target(low) is not None):
        lift("audio_edit", 3.5)  # "at half its original speed", "to -16 LUFS": an amount of an edit
    if session_text and EXISTING_RESULT.search(low) and not MAKE_RESULT.search(low):
        for name in ("speech_recognition", "speech_translation", "audio_captioning"):
            vetoed.add(name)
            if name in scores:
                scores[name] = min(scores[name], 1.0)  # "print the transcript": the one we have
    preset = effect_args(clause) if has_audio and not has_quote and scores.get("voice_clone", 0.0) >= best > 0 else None
    if preset is not None and preset.get("operation") == "voice_preset":
        lift("audio_edit", best + 0.5)  # "that deep voice filter, I want to sound like a trailer guy": an effect
    if has_audio and best < 2.0 and effect_args(clause) is not None and not NARRATIVE.match(clause):
        lift("audio_edit", 2.0)  # "a deep monster voice": the effect's own vocabulary
    return vetoed


def embedding_tiebreak(ranked: list[tuple[float, str]], clause: str, catalog: Any,
                       margin: float = 0.03) -> str | None:
    """Between two near-equal example matches, the one whose output the request asks for.

    "break down the meeting by speaker with timestamps" asks for data (times, labels, counts),
    so a tool without an audio output wins over one that makes audio files, and vice versa.

    Args:
        ranked: (similarity, tool) pairs, best first.
        clause: The request clause.
        catalog: The planner catalog.
        margin: How close the two best must be to break the tie.

    Returns:
        The tool to prefer, or None to keep the order.
    """
    pairs = [(s, t) for s, t in ranked if t in catalog][:2]
    if len(pairs) < 2 or pairs[0][0] - pairs[1][0] > margin:
        return None
    data, audio = ASKS_DATA.search(clause), ASKS_AUDIO.search(clause)
    if bool(data) == bool(audio):
        return None
    for _, tool in pairs:
        makes_audio = "audio" in catalog[tool].outputs
        if makes_audio == bool(audio):
            return tool
    return None
