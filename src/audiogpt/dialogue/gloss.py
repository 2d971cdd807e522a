"""A word-level English gloss of Chinese and Japanese requests.

The sentence encoder and most triggers are English. A Chinese or Japanese request that no
trigger recognises is glossed word by word into the English concepts it names ("左の方から"
-> "coming from the left", "提取" -> "extract", "狗叫" -> "dog barking"), and the gloss is
classified like an English request. The table is vocabulary (words and set phrases of the
audio domain), never whole requests; arguments are still read from the original words.
"""

# ruff: noqa: E501 - tables of CJK words read better unbroken
from __future__ import annotations

import functools
import re

from audiogpt.dialogue.lexicon import LANGUAGES, SOUND_WORDS

# Directions around the listener.
_PLACES = {
    "左の方から": "coming from the left", "左側から": "coming from the left", "左手から": "coming from the left",
    "左から": "coming from the left", "左の方": "on the left side", "左側": "on the left side", "左边": "on the left side",
    "左侧": "on the left side", "左耳": "on the left side",
    "右の方から": "coming from the right", "右側から": "coming from the right", "右手から": "coming from the right",
    "右から": "coming from the right", "右の方": "on the right side", "右側": "on the right side", "右边": "on the right side",
    "右侧": "on the right side", "右耳": "on the right side",
    "後ろから": "coming from behind", "背後から": "coming from behind", "後ろ": "behind me", "背後": "behind me",
    "后面": "behind me", "后方": "behind me", "背后": "behind me", "身后": "behind me",
    "前から": "coming from the front", "正面から": "coming from the front", "前面": "in front of me", "前方": "in front of me",
    "上から": "coming from above", "頭上": "above me", "头顶": "above me", "上方": "above me",
    "周り": "around me", "周围": "around me", "回って": "moving around me", "绕着": "moving around me",
    "立体": "3d audio", "空间": "spatial audio", "ヘッドホン": "headphones", "耳机": "headphones",
}
# What is asked for.
_ACTS = {
    "文字に起こ": "transcribe", "書き起こ": "transcribe", "文字起こし": "transcribe", "转成文字": "transcribe",
    "转为文字": "transcribe", "转写": "transcribe", "听写": "transcribe", "记下来": "transcribe", "写下来": "transcribe",
    "テキストに": "transcribe", "文字に": "transcribe", "文字にして": "transcribe",
    "转成": "convert into", "转为": "convert into", "变成": "turn into", "换成": "convert into", "に変換": "convert into", "翻訳": "translate", "翻译": "translate", "译成": "translate", "訳して": "translate",
    "読み上げ": "read aloud", "朗读": "read aloud", "念出来": "read aloud", "读出来": "read aloud", "読んで": "read aloud",
    "说了什么": "what does it say", "说的什么": "what does it say", "说些什么": "what does it say",
    "何を言って": "what does it say", "何て言って": "what does it say", "何と言って": "what does it say",
    "言ってる": "says", "话": "speech", "話": "speech", "喋": "speaking",
    "ノイズ": "noise", "雑音": "noise", "噪音": "noise", "杂音": "noise", "噪声": "noise", "嗡嗡": "hum",
    "消して": "remove", "消す": "remove", "除去": "remove", "去掉": "remove", "去除": "remove", "取って": "remove",
    "除いて": "remove", "なくして": "remove", "きれいに": "clean up", "クリア": "clearer", "清楚": "clearer",
    "分けて": "separate", "分離": "separate", "分开": "separate", "分离": "separate", "拆开": "separate",
    "話者": "speakers", "说话人": "speakers", "说话的人": "speakers", "每个人": "each speaker",
    "誰が": "who speaks", "谁在": "who speaks", "谁": "who", "誰": "who", "いつ": "when", "什么时候": "when",
    "何人": "how many speakers", "几个人": "how many speakers", "多少人": "how many speakers",
    "抜き出": "extract", "取り出": "extract", "抽出": "extract", "提取": "extract", "只要": "extract only",
    "作って": "generate", "作成": "generate", "生成": "generate", "做一": "make a", "来一段": "make a", "创作": "compose",
    "作曲": "compose", "歌って": "sing", "唱": "sing", "歌わせ": "sing",
    "速く": "faster", "加快": "faster", "快一点": "faster", "遅く": "slower", "ゆっくり": "slower", "放慢": "slower",
    "慢一点": "slower", "大きく": "louder", "调大": "louder", "放大": "louder", "大声": "louder", "小さく": "quieter",
    "调小": "quieter", "逆再生": "reverse", "倒放": "reverse", "繋げ": "join", "つなげ": "join", "拼接": "join",
    "接在": "join", "混ぜ": "mix", "混合": "mix", "叠加": "mix", "重ね": "layer", "カット": "cut", "切って": "cut",
    "剪掉": "cut", "裁剪": "trim", "フェード": "fade", "淡出": "fade out", "淡入": "fade in",
    "説明": "describe", "描述": "describe", "描写": "describe", "どんな音": "what sounds", "何の音": "what sounds",
    "什么声音": "what sounds", "哪些声音": "which sounds", "検出": "detect", "检测": "detect", "探して": "find",
    "找出": "find", "找到": "find", "楽譜": "notes", "乐谱": "notes", "音符": "notes", "旋律": "melody",
    "メロディー": "melody", "残響": "reverb", "混响": "reverb", "响": "reverb", "エコー": "echo", "回声": "echo",
    "声を変え": "convert the voice", "变声": "convert the voice", "この声で": "in this voice",
    "这个声音": "this voice", "修复": "repair", "直して": "repair", "補って": "fill in", "补上": "fill in",
    "画像": "picture", "图片": "picture", "写真": "picture", "照片": "picture", "喋らせ": "make it talk",
    "说话": "talk", "開口": "talk", "聞こえる": "sound", "聴こえる": "sound", "听起来": "sound",
    "音程": "pitch", "音调": "pitch", "音高": "pitch", "キー": "key", "上げ": "up", "下げ": "down", "升高": "up",
    "降低": "down", "ステレオ": "stereo", "モノラル": "mono",
}
# Things: recordings, music, voices.
_THINGS = {
    "録音": "recording", "录音": "recording", "音声": "audio", "音频": "audio", "声音": "sound", "音乐": "music",
    "音楽": "music", "曲": "song", "歌": "song", "歌曲": "song", "声": "voice", "人声": "vocals", "ボーカル": "vocals",
    "音效": "sound effect", "効果音": "sound effect", "音": "sound", "动画": "video", "動画": "video", "视频": "video",
    "秒": " seconds", "分钟": " minutes", "分間": " minutes",
}


@functools.lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    words: dict[str, str] = {}
    for table in (_THINGS, {w: w2 for w, w2 in SOUND_WORDS.items()}, _ACTS, _PLACES):
        words.update(table)
    english = {}
    for name, code in LANGUAGES.items():
        if name.isascii():
            english.setdefault(code, name)
    words.update({w: english[code] for w, code in LANGUAGES.items() if not w.isascii() and code in english})
    keys = sorted((k for k in words if not k.isascii()), key=len, reverse=True)  # longest first
    return re.compile("|".join(re.escape(k) for k in keys)), words


def gloss(text: str) -> str:
    """The English words a Chinese/Japanese request names, in order ("" when none, or when
    it names no act or place: "这段录音是英语的" describes the file, it asks for nothing).

    ASCII words and numbers in the text are kept as they are.
    """
    pattern, words = _table()
    out: list[str] = []
    pos = 0
    matches = list(pattern.finditer(text))
    if not any(m.group(0) in _ACTS or m.group(0) in _PLACES for m in matches):
        return ""
    for m in matches:
        between = text[pos:m.start()]
        out += re.findall(r"[A-Za-z0-9.]+", between)
        english = words[m.group(0)].strip()
        if m.group(0).startswith("に") and out:
            out.insert(len(out) - 1, english)  # "英語に変換": the verb goes before its target word
        else:
            out.append(english)
        pos = m.end()
    out += re.findall(r"[A-Za-z0-9.]+", text[pos:])
    return " ".join(w for w in out if w)
