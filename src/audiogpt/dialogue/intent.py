"""Intent scoring for one clause: lexicon triggers, context rules, and sentence embeddings."""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from audiogpt.dialogue.acts_on import apply_object_cues
from audiogpt.dialogue.catalog import CATALOG, Catalog
from audiogpt.dialogue.cues import apply_cues, embedding_tiebreak
from audiogpt.dialogue.effects import effect_args
from audiogpt.dialogue.extract import (
    duration,
    languages_in,
    spoken_text,
    time_range,
    translation_languages,
)
from audiogpt.dialogue.gloss import gloss
from audiogpt.dialogue.lexicon import AUDIO_DOMAIN, DESCRIBED_SOUND, LANGUAGES, OUT_OF_SCOPE, is_cjk
from audiogpt.dialogue.recording_words import NO_TRANSLATION
from audiogpt.dialogue.scope import PURPOSE, Scope, out_of_scope, request_scope
from audiogpt.dialogue.voice_words import described_not_cloned

logger = logging.getLogger(__name__)

UNSUPPORTED_EXAMPLES = (
    "Book a table at a restaurant", "Send an email to my boss", "Book a flight to Paris",
    "What is the capital of France?", "Write me a poem about love", "Tell me a joke",
    "Play chess with me", "Turn on the lights", "What's the stock price of Apple?",
    "Call a taxi", "Write some Python code", "Translate this text document into French",
    "Set an alarm for 7 am", "Find a hotel nearby", "Make a video of a cat",
    # Categories no tool serves: pictures, video editing, documents, accounts and services.
    "Sharpen the picture and fix the lighting", "Edit the clips of my film together",
    "Summarize this spreadsheet", "Share the file with my team on Slack",
    "Buy concert tickets for Saturday", "Schedule a meeting with the band",
    "Rename all the files in this folder", "What is the meaning of life?",
)
NONE = "__none__"
VIDEO_ONLY = re.compile(r"\b(?:video|movie|film|footage|scene|clip of the game)s?\b|视频|影片|動画", re.I)
EMB_ACCEPT = 0.42
# What a video's sound track is asked for: "transcribe this video", "what do they say in it".
AUDIO_TRACK = re.compile(r"transcri|subtit|dictat|translat|\bsaid\b|\bsay(?:s|ing)?\b|spoken|dialog|lyrics|"
                         r"\bwords\b|noise|转写|转成文字|字幕|翻译|说|讲|对话|文字起こし|翻訳|話|言って|セリフ|台詞", re.I)
# Recommending existing music is retrieval, not something an audio tool makes.
RECOMMEND = re.compile(r"\b(?:recommend|suggest)\w* (?:me |us )?(?:a |an |some |any )?(?:good |new |nice )?"
                       r"(?:songs?|tracks?|albums?|playlists?|artists?|bands?|singers?|podcasts?|music)\b", re.I)


# Naming a recording (music recognition) is retrieval from a catalogue, not an audio tool.
IDENTIFY_SONG = re.compile(r"shazam|(?:identify|recogni[sz]e|name) (?:this|the|that) (?:song|track|tune|artist)|"
                           r"who(?:'s| is) (?:the |this )?(?:artist|singer|band)|(?:what|which) song is (?:this|that|playing)|"
                           r"write (?:me )?(?:the |some |a )?(?:lyrics|verses?)\b(?!.{0,30}\b(?:sing|sung|melody))|"
                           r"这是什么歌|哪首歌|什么歌|何の曲|曲名", re.I)
IMAGE_EDIT = re.compile(r"\b(?:black and white|gr[ae]yscale|sepia|resolution|upscale|bright|dark(?:er|en)|crop|resize|rotate|flip|watermark|contrast|saturat|sharpen|"
                        r"blur|colou?r|filter|retouch|photoshop|pixel|exposure|red[- ]eye|background of the (?:photo|picture|image))",
                        re.I)


@dataclass
class Situation:
    """What the request has to work with."""

    n_audio: int = 0
    n_image: int = 0
    n_video: int = 0
    has_quote: bool = False
    has_prev_text: bool = False
    session_audio: bool = False
    session_text: bool = False
    prev_audio: bool = False
    n_named: int = 0  # session files the clause names ("the rain", "the cleaned lecture")


@dataclass
class Intent:
    """The decision for one clause."""

    tool: str | None
    score: float
    method: str
    scores: dict[str, float] = field(default_factory=dict)
    out_of_scope: bool = False
    why: Scope | None = None


def lexicon_scores(clause: str, catalog: Catalog | None = None) -> dict[str, float]:
    """Best trigger weight per tool, plus 0.5 for each extra matching trigger.

    Tools without declared triggers (plugins that give only examples) are also scored by
    word overlap with their examples (:func:`overlap_score`).
    """
    cat = catalog or CATALOG
    memo = cat.cache.setdefault("lexicon_scores", {})
    known = memo.get(clause)
    if known is not None:
        return dict(known)  # a fresh copy: callers adjust the scores in place
    scores: dict[str, float] = {}
    for name, info in cat.items():
        hits = [w for pat, w in info.patterns if pat.search(clause)]
        if info.derived:
            ov = overlap_score(clause, info.examples)
            if ov:
                hits.append(ov)
        if hits:
            scores[name] = max(hits) + 0.5 * (len(hits) - 1)
    if len(memo) > 4096:  # planning reads a clause several times; keep the memo bounded
        memo.clear()
    memo[clause] = dict(scores)
    return scores


_STOP = frozenset(["a", "an", "the", "this", "that", "these", "those", "it", "its", "my", "your", "me", "i", "you", "to", "of", "in", "on", "for", "and", "or", "with", "from", "into", "please", "can", "could", "would", "will", "do", "does", "is", "are", "be", "what", "how", "some", "any"])


def _content(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


def overlap_score(clause: str, examples: tuple[str, ...]) -> float:
    """A trigger weight from content-word overlap with a tool's examples (0 = no match).

    Two or more shared content words covering at least 60 % of an example's words count as
    a clear request (3.0); a single rare shared word is not enough.
    """
    words = _content(clause)
    best = 0.0
    for ex in examples:
        ew = _content(ex)
        shared = words & ew
        if len(shared) >= 2 and len(shared) >= 0.6 * len(ew):
            best = max(best, 3.0)
    return best


def _adjust(clause: str, scores: dict[str, float], sit: Situation) -> None:
    """Context rules: what is attached and what the words around the trigger say."""
    low = clause.lower()
    has_audio = sit.n_audio > 0 or sit.session_audio
    if "audio_edit" in scores and (not (has_audio or sit.prev_audio) or (sit.has_quote or sit.has_prev_text) and re.search(
            r"\b(?:say|says|saying|speak|read|announce)\b|说|读|念|言って", low)):
        scores["audio_edit"] -= 3  # an effect needs audio to work on; "a robot voice saying 'x'" is TTS
    if "speaker_diarization" in scores and "speech_separation" in scores:
        scores["speaker_diarization"] -= 2  # "how many speakers? separate them": the separation
    if has_audio and "audio_captioning" in scores and re.search(r"describ|description", low):
        scores["audio_captioning"] += 0.5  # "a description of the sound" is a caption of the file
    if sit.n_image and IMAGE_EDIT.search(low) and not re.search(r"sound|audio|noise|music|声|音", low):
        for name in ("image_to_audio", "audio_edit", "talking_head"):
            scores.pop(name, None)  # "make this photo brighter": editing the picture itself
    if "image_to_audio" in scores:
        if sit.n_image == 0:
            scores["image_to_audio"] *= 0.2
        elif re.search(r"sound|audio|noise|music|soundtrack|声|音", low):
            scores["image_to_audio"] += 2
    if "talking_head" in scores and sit.n_image:
        scores["talking_head"] += 1
    if "voice_clone" in scores:
        if sit.has_quote or re.search(r"\bsay\b|\bread\b|\bspeak\b|说|读|念|言って", low):
            scores["voice_clone"] += 1.5
        elif sit.n_audio >= 2:
            scores["voice_conversion"] = max(scores.get("voice_conversion", 0),
                                             scores["voice_clone"] + 1)
    if described_not_cloned(low):
        # "read the transcript in a female voice": a built-in voice, not a cloned one.
        for name in ("voice_clone", "voice_conversion"):
            if name in scores:
                scores["text_to_speech"] = max(scores.get("text_to_speech", 0), scores[name] + 1)
                scores[name] -= 2
    if "voice_conversion" in scores and sit.has_quote:
        scores["voice_conversion"] -= 2
    if has_audio and not sit.has_quote and re.search(r"what (?:does|did|do|is) .{0,30}\bsay|"
                                                      r"what (?:the|this|that|he|she|they) .{0,25}\b(?:say|says|said|saying)\b", low):
        scores["text_to_speech"] = scores.get("text_to_speech", 0) - 3
    spoken_in = re.search(r"\b(?:he|she|they|speaker|man|woman|guy|person|people|it)\s+(?:is |are )?"
                          r"(?:speak|speaks|speaking|talk|talks|talking)\s+(?:in\s+)?(\w+)", low)
    if has_audio and not sit.has_quote and spoken_in and spoken_in.group(1) in LANGUAGES:
        # "he speak english, I need it in portuguese": describes the recording, not TTS.
        scores["text_to_speech"] = scores.get("text_to_speech", 0) - 3
    if has_audio and not sit.has_quote and re.search(
            r"\bi (?:only |just |mostly )?(?:(?:don'?t|do not|can'?t|cannot) )?(?:speak|understand|read)\s+(?:any |much )?(\w+)", low) \
            and any(w in LANGUAGES for w in re.findall(r"\w+", low)):
        scores["text_to_speech"] = scores.get("text_to_speech", 0) - 3  # "I only speak English": the user, not TTS
    if re.search(r"\b(?:speak|say|read|pronounce)\b\s+(?:out |aloud )?(?:the |this |that |my )?"
                 r"(?:translation|transcript|transcription|text|result|caption)", low):
        for name in ("speech_translation", "speech_recognition", "audio_captioning"):
            if name in scores:
                scores[name] -= 3
        scores["text_to_speech"] = scores.get("text_to_speech", 0) + 1
    if re.search(r"\b(?:read|say|speak|voice)\w* (?:it|this|that|them|the \w+)(?: back| out| aloud| again)?(?: to me| for me)?"
                 r" (?:in|with) an? (?:[\w-]+ ){0,2}voice\b", low) and "watermark_detection" in scores:
        # "read it back to me in a clear synthetic voice": the voice to speak in, not a question about one
        scores["watermark_detection"] -= 3
        scores["text_to_speech"] = max(scores.get("text_to_speech", 0), 4.0)
    if sit.n_audio and re.search(r"\b(?:make|turn|render) (?:this|it|my|the|that)\b(?: (?:audio|clip|"
                                 r"recording|file|voice|speech|track))?", low) and "text_to_audio" in scores:
        scores["text_to_audio"] -= 2
    if "text_to_speech" in scores and sit.has_quote:
        scores["text_to_speech"] += 0.5
    if "speech_translation" in scores and sit.has_quote and not has_audio:
        del scores["speech_translation"]  # translating typed text is not an audio task
    langs = languages_in(clause)
    if langs and has_audio:
        target, source = translation_languages(clause)
        explicit_asr = re.search(r"transcri|dictat|recogni[sz]|write (?:it |this |them )?(?:down|out)|听写|转写|识别|"
                                 r"文字起こし|認識|(?:转|转换|写)(?:成|为)文字|文字に|(?:words?|speech|it|everything) "
                                 r"(?:written|typed) (?:out|down)|word for word|verbatim", low) \
            and not re.search(r"translat|翻译|翻訳|译", NO_TRANSLATION.sub(" ", low))
        if explicit_asr and "speech_recognition" not in scores:
            scores["speech_recognition"] = 3.5  # "I want the Portuguese words written out"
        if target and not explicit_asr and not NO_TRANSLATION.search(low) and (re.search(r"\b(?:in|into|to)\s+\w+\s*(?:please)?[?.!]*$|\bin \w+\b|"
                                                       r"\w+ (?:version|translation|subtitles|dub)", low)
                       or "speech_recognition" in scores or "audio_captioning" in scores
                       or source and source != target) \
                and scores.get("text_to_speech", 0) < 2.5:
            scores["speech_translation"] = max(scores.get("speech_translation", 0), 4.0)
    if "speech_translation" in scores and not has_audio and "text_to_speech" in scores:
        scores["speech_translation"] -= 2
    if ("text_to_audio" in scores and "music_generation" in scores
            and re.search(r"music|song|melod|tune|compose|音乐|曲|旋律", low)):
        scores["text_to_audio"] -= 1
    if "text_to_audio" in scores and re.search(
            r"\b(?:track|piece|beat|jingle|tune|song|melody|instrumental)\b(?! of\b)", low) \
            and not re.search(r"\bsound(?:s| effects?)? of\b", low):
        # "a relaxing ambient track": music, though "ambient" is also a sound word
        scores["music_generation"] = max(scores.get("music_generation", 0), scores["text_to_audio"] + 0.5)
    if "singing_synthesis" in scores and has_audio and not sit.has_quote and re.search(
            r"\?|？|吗|几|多少|how many|\bwho\b|\bwhen\b|何人|誰", low) and not re.search(r"[A-G][#b]?\d", clause):
        scores["singing_synthesis"] -= 3  # "how many people sing in this recording?": a question about the file
    if "singing_synthesis" in scores and "text_to_speech" in scores:
        scores["text_to_speech"] -= 1
    if "target_sound_detection" in scores and "sound_event_detection" in scores:
        if re.search(r"\b(?:all|every|which|what)\b.{0,12}(?:sounds|events|noises)|事件|哪些|什么声音", low):
            scores["target_sound_detection"] -= 1.5
        else:
            scores["sound_event_detection"] -= 0.5
    if time_range(clause) and re.search(r"\bkeep|\bcut|trim|crop|only|保留|剪|(?:remove|delete|drop|erase|get rid of|take out)\w* "
                                        r"(?:the |that |this )?(?:part|section|bit|segment|portion|piece|stretch|chunk|audio|seconds?)|"
                                        r"(?:remove|delete|drop|erase|cut out)\w* (?:from |between )?\d|删掉|删除|删去|去掉|去除|切掉|拿掉", low) \
            and "audio_inpainting" not in scores:
        scores["audio_edit"] = max(scores.get("audio_edit", 0), scores.get("sound_extraction", 0) + 1, 3.5)
    if "sound_extraction" in scores and "speech_separation" in scores:
        scores["sound_extraction"] -= 1
    if "audio_edit" in scores and "speech_enhancement" in scores and not effect_args(clause):
        scores["audio_edit"] -= 1
    if "speech_recognition" in scores and "text_to_speech" in scores and has_audio \
            and not sit.has_quote and re.search(r"what (?:does|did) .{0,20}say", low):
        scores["text_to_speech"] -= 2
    if "text_to_speech" in scores and re.search(r"\bsay (?:it|that|this|the result)|out loud|aloud|"
                                                r"读出来|念出来", low) and sit.has_prev_text:
        scores["text_to_speech"] += 1
    if "voice_conversion" in scores and has_audio and re.search(
            r"(?:into|to|as) (?:plain |written |readable )?(?:text|words|writing)\b|文字|テキスト", low):
        scores["voice_conversion"] -= 3  # "convert this voice note to text" is transcription
        scores["speech_recognition"] = max(scores.get("speech_recognition", 0), 3.0)
    if "audio_captioning" in scores and "sound_event_detection" in scores and re.search(
            r"describ|descript|caption|summar|概括|描述|説明|要約", low):
        scores["audio_captioning"] += 1  # an explicit "describe" outranks a "what's happening"
    if "music_generation" in scores and sit.n_audio and not re.search(
            r"compos|generat|creat|\bmake\b|\bwrite\b|produce|作曲|生成|创作|写", low):
        scores["music_generation"] -= 2  # "the music" names an attached file, not a new piece
    if not has_audio:
        for name in ("speech_recognition", "speech_enhancement", "speech_separation",
                     "sound_event_detection", "audio_captioning", "target_sound_detection"):
            if name in scores:
                scores[name] -= 0.3


def _exemplars(catalog: Catalog | None = None) -> tuple[list[str], Any] | None:
    cat = catalog or CATALOG
    if "exemplars" not in cat.cache:
        cat.cache["exemplars"] = _encode_exemplars(cat)
    return cat.cache["exemplars"]


def _encode_exemplars(cat: Catalog) -> tuple[list[str], Any] | None:
    from audiogpt.dialogue import embed

    labels: list[str] = []
    texts: list[str] = []
    for name, info in cat.items():
        for ex in info.examples:
            labels.append(name)
            texts.append(ex)
    for ex in UNSUPPORTED_EXAMPLES:
        labels.append(NONE)
        texts.append(ex)
    vecs = embed.encode(texts)
    return None if vecs is None else (labels, vecs)


def embedding_scores(clause: str, catalog: Catalog | None = None) -> dict[str, float]:
    """Highest cosine similarity per tool (and ``__none__``) to the example requests."""
    ex = _exemplars(catalog)
    if ex is None:
        return {}
    from audiogpt.dialogue import embed

    labels, vecs = ex
    q = embed.encode([re.sub(r"QTEXT\d+", "this text", clause)])
    if q is None:
        return {}
    sims = vecs @ q[0]
    best: dict[str, float] = {}
    for label, s in zip(labels, sims.tolist(), strict=True):
        best[label] = max(best.get(label, -1.0), float(s))
    return best


def classify(clause: str, sit: Situation, use_embeddings: bool = True,
             catalog: Catalog | None = None) -> Intent:
    """Choose the tool for one clause (``tool`` None = nothing fits).

    The triggers' choice is then checked against what the clause acts on and asks for
    (:func:`audiogpt.dialogue.scope.out_of_scope`): a photo to brighten, the scenes of a
    video, a document to translate are declined with what can be done instead.
    """
    cat = catalog or CATALOG
    around = sit.session_audio or sit.prev_audio
    if use_embeddings:
        # Decided without the sentence encoder when the request is plainly about something else.
        early = request_scope(clause, n_audio=sit.n_audio, n_image=sit.n_image, n_video=sit.n_video,
                              audio_around=around, triggered=bool(lexicon_scores(clause, cat)))
        if early is not None:
            return Intent(None, 0.0, "out-of-scope", {}, out_of_scope=True, why=early)
    intent = _classify(clause, sit, use_embeddings, cat)
    if intent.tool is None and intent.method != "out-of-scope" and is_cjk(clause):
        # A Chinese/Japanese request no trigger knows: read its English gloss the same way.
        english = gloss(clause)
        if english:
            glossed = _classify(english, sit, use_embeddings, cat)
            if glossed.tool is not None:
                logger.debug("gloss %r -> %r -> %s", clause, english, glossed.tool)
                intent = Intent(glossed.tool, glossed.score, "gloss", glossed.scores)
    tool = intent.tool
    why = out_of_scope(clause, tool, cat.works_on_audio(tool), n_audio=sit.n_audio, n_image=sit.n_image,
                       n_video=sit.n_video, audio_around=around)
    if why is not None:
        return Intent(None, 0.0, "out-of-scope", intent.scores, out_of_scope=True, why=why)
    return intent


def _classify(clause: str, sit: Situation, use_embeddings: bool, cat: Catalog) -> Intent:
    if RECOMMEND.search(clause) or (sit.n_image and not sit.n_audio and IMAGE_EDIT.search(clause)
                                    and not re.search(r"sound|audio|noise|music|声|音", clause, re.I)):
        return Intent(None, 0.0, "out-of-scope", {}, out_of_scope=True)
    scores = lexicon_scores(clause, cat)
    _adjust(clause, scores, sit)
    vetoed = apply_cues(clause, scores, bool(sit.n_audio or sit.session_audio or sit.prev_audio),
               sit.n_image, sit.has_quote, cat, sit.session_text)
    apply_object_cues(clause, scores, has_audio=bool(sit.n_audio or sit.session_audio or sit.prev_audio
                                                     or sit.n_video and AUDIO_TRACK.search(clause)),
                      n_audio=sit.n_audio, n_named=sit.n_named, has_quote=sit.has_quote, catalog=cat,
                      rescore=lambda text: lexicon_scores(text, cat))
    if described_not_cloned(clause.lower()):
        vetoed |= {"voice_clone", "voice_conversion"}
        if "QTEXT" in clause and "text_to_speech" in cat:  # "record 'hi' in a male voice": words to speak
            scores["text_to_speech"] = max(scores.get("text_to_speech", 0.0), 3.0)
    payload = spoken_text(clause, []) if "text_to_speech" in scores and "QTEXT" not in clause \
        else None
    said = clause.replace(payload, " ") if payload else clause  # the words to speak are not the task
    # "a minute of coffee shop ambience" (what it sounds like), "for my tiktok" (what it is for)
    said = PURPOSE.sub(" ", DESCRIBED_SOUND.sub(" ", said))
    oos = bool(OUT_OF_SCOPE.search(said)) and not (
        AUDIO_DOMAIN.search(clause) and scores and max(scores.values()) >= 3) \
        or bool(IDENTIFY_SONG.search(said))
    if scores and not (sit.n_audio or sit.session_audio or sit.prev_audio) and VIDEO_ONLY.search(clause) \
            and not re.search(r"audio|sound|voice|speech|music|recording|track|声|音", clause, re.I) \
            and not (sit.n_video and AUDIO_TRACK.search(clause)):
        # "Cut the first scene out of my video" with nothing audio attached: video editing.
        for name in [n for n in scores if cat[n].inputs[:1] == ("audio",)
                     and n != "talking_head"]:
            del scores[name]
        oos = oos or not scores
    if scores:
        tool, best = max(scores.items(), key=lambda kv: kv[1])
        if best >= 1.5 and not (oos and best < 3.5):
            return Intent(tool, best, "lexicon", scores)
    if oos:
        return Intent(None, 0.0, "out-of-scope", scores, out_of_scope=True)
    secs = duration(clause)
    if not scores and secs and secs <= 300 and not (sit.n_audio or sit.n_image or sit.session_audio) \
            and len(clause.split()) <= 12 and "text_to_audio" in cat:
        return Intent("text_to_audio", 2.0, "lexicon", {"text_to_audio": 2.0})
    if use_embeddings and not is_cjk(clause) and len(clause.split()) >= 2:
        if sit.n_video and not sit.n_image:
            vetoed.add("talking_head")  # a video with no picture to animate: its sound is meant
        sims = {t: s for t, s in embedding_scores(clause, cat).items() if t not in vetoed}
        if sims:
            ranked = sorted(((s, t) for t, s in sims.items()), reverse=True)
            s, t = ranked[0]
            prefer = embedding_tiebreak(ranked, clause, cat) if t != NONE else None
            if prefer and prefer != t:
                sims = {**sims, prefer: s + 0.03}
                t = prefer
            logger.debug("embedding match %s %.2f for %r", t, s, clause)
            needs_audio = cat[t].inputs[:1] == ("audio",) if t != NONE else False
            if t != NONE and s >= EMB_ACCEPT and not (needs_audio and not (
                    sit.n_audio or sit.session_audio or sit.n_video and AUDIO_TRACK.search(clause))):
                return Intent(t, s, "embedding", sims)
            return Intent(None, s, "embedding", sims, out_of_scope=t == NONE)
    return Intent(None, 0.0, "none", scores)
