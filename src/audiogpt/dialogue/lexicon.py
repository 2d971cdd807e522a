"""Word lists the offline planner uses: languages, numbers, sound names, out-of-scope topics."""

# ruff: noqa: E501 - long regular expressions read better unbroken
from __future__ import annotations

import re

# Language names (English, Chinese, Japanese, endonyms) -> ISO 639-1.
LANGUAGES: dict[str, str] = {
    "english": "en", "chinese": "zh", "mandarin": "zh", "cantonese": "zh", "spanish": "es",
    "french": "fr", "german": "de", "japanese": "ja", "korean": "ko", "italian": "it",
    "portuguese": "pt", "russian": "ru", "arabic": "ar", "hindi": "hi", "dutch": "nl",
    "catalan": "ca", "galician": "gl", "swedish": "sv", "polish": "pl", "turkish": "tr",
    "greek": "el", "vietnamese": "vi", "thai": "th", "indonesian": "id", "ukrainian": "uk",
    "czech": "cs", "finnish": "fi", "danish": "da", "norwegian": "no", "hebrew": "he",
    "español": "es", "castellano": "es", "français": "fr", "deutsch": "de", "italiano": "it",
    "português": "pt", "русский": "ru",
    "英文": "en", "英语": "en", "英語": "en", "中文": "zh", "汉语": "zh", "漢語": "zh",
    "普通话": "zh", "国语": "zh", "华语": "zh", "粤语": "zh", "中国語": "zh",
    "西班牙语": "es", "西班牙文": "es", "スペイン語": "es", "法语": "fr", "法文": "fr",
    "フランス語": "fr", "德语": "de", "德文": "de", "ドイツ語": "de", "日语": "ja", "日文": "ja",
    "日本語": "ja", "韩语": "ko", "韩文": "ko", "朝鲜语": "ko", "韓国語": "ko", "意大利语": "it",
    "イタリア語": "it", "葡萄牙语": "pt", "ポルトガル語": "pt", "俄语": "ru", "俄文": "ru",
    "ロシア語": "ru", "阿拉伯语": "ar", "アラビア語": "ar", "荷兰语": "nl", "英文的": "en",
}

NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "a single": 1, "single": 1, "two": 2, "both": 2, "a couple of": 2,
    "pair of": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "one and a half": 1.5,
    "two and a half": 2.5, "half a": 0.5, "half": 0.5,
    "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "十": 10, "二十": 20, "三十": 30, "半": 0.5,
}

# Sound names in Chinese/Japanese -> English labels the sound tools understand.
SOUND_WORDS: dict[str, str] = {
    "狗叫": "dog barking", "狗": "dog", "犬": "dog", "猫叫": "cat meowing", "猫": "cat",
    "鸟叫": "birds chirping", "鸟": "bird", "鳥": "bird", "雨声": "rain", "雨": "rain",
    "雷声": "thunder", "雷": "thunder", "打雷": "thunder", "风声": "wind", "风": "wind",
    "風": "wind", "海浪": "ocean waves", "波": "waves", "汽车": "car", "车": "car", "車": "car",
    "钢琴": "piano", "ピアノ": "piano", "吉他": "guitar", "ギター": "guitar", "鼓": "drums",
    "ドラム": "drums", "婴儿哭": "baby crying", "婴儿": "baby", "宝宝": "baby",
    "赤ちゃん": "baby", "哭": "crying", "笑声": "laughter", "笑": "laughter", "门铃": "doorbell",
    "敲门": "door knock", "警报": "siren", "警笛": "siren", "サイレン": "siren",
    "掌声": "applause", "鼓掌": "applause", "拍手": "applause", "人声": "vocals", "歌声": "vocals",
    "说话声": "speech", "说话": "speech", "音乐": "music", "小提琴": "violin", "时钟": "clock",
    "钟声": "bell", "铃声": "ringing", "电话": "telephone", "咳嗽": "cough", "喷嚏": "sneeze",
    "脚步声": "footsteps", "脚步": "footsteps", "火": "fire", "篝火": "crackling fire",
    "水流": "water", "流水": "water", "溪流": "stream", "鸡": "rooster", "公鸡": "rooster",
    "牛": "cow", "马": "horse", "火车": "train", "飞机": "airplane", "直升机": "helicopter",
    "锯": "chainsaw", "电锯": "chainsaw", "玻璃": "glass breaking", "枪声": "gunshot",
    "爆炸": "explosion", "键盘": "keyboard typing", "打字": "keyboard typing",
}

# The description of a sound to make ("a minute of coffee shop ambience", "the sound of a pizza
# oven"): its words name what is heard, not a task ("shop", "pizza" are not errands here).
DESCRIBED_SOUND = re.compile(r"\b(?:seconds?|secs?|minutes?|mins?|hours?)(?: long)?(?: clip| loop| track| recording| sample)? of\b.*$|\b(?:sounds?|noises?|ambien\w*|"
                             r"atmosphere|soundscape) of\b.*$|\b(?:\w+ ){1,3}(?:ambien\w*|atmosphere|soundscape|sound effects?)\b",
                             re.I)

# Topics that are clearly outside audio (request -> decline).
OUT_OF_SCOPE = re.compile(
    r"\b(?:restaurant|reservation|reserve a table|book (?:a|me a|us a) (?:table|flight|hotel|"
    r"room|taxi|cab|ticket)|flights?|hotel|pizza|burger|groceries|deliver(?:y)?|order (?:me )?(?:a|some)"
    r"|weather|forecast|temperature outside|stock|bitcoin|crypto|exchange rate|email|e-mail|"
    r"send (?:a )?(?:message|text|sms)|calendar|appointment|remind(?:er)?|set (?:an|the|my) alarm|"
    r"set a timer|"
    r"taxi|uber|directions to|navigate|recipe|cook|news|headlines|score of|who won|"
    r"capital of|president|math|equation|calculate|solve|write (?:me )?(?:a|an|some)? ?"
    r"(?:essay|poem|story|code|program|function|letter)|code|python|javascript|"
    r"draw|paint|sketch|picture of|image of|photo of|illustration|logo|"
    r"video of (?:a|an|the)? ?(?:cat|dog|car|city|mountain|beach)|translate (?:this|the|my)? ?"
    r"(?:text|document|sentence|paragraph|email|webpage|page)|"
    r"buy|purchase|shop|pay|bank|loan|invest|doctor|medicine|diagnos|lawyer|"
    r"pdf|document|article|spreadsheet|slides|web ?page|website|"
    r"joke|rhymes? with|define|definition|meaning of|wikipedia|search the web|google|"
    r"play (?:a )?(?:game|chess)|turn on the lights?|thermostat|"
    r"recommend|suggest (?:me )?(?:a |an |some )?(?:good )?(?:song|track|album|playlist|artist|band|podcast|music)|"
    r"upload|soundcloud|spotify|apple music|itunes|playlists?|youtube|instagram|tiktok|bandcamp|(?:post|share|publish) (?:it|this|that|my) (?:on|to))\b"
    r"|订餐|订座|餐厅|订票|机票|酒店|天气|外卖|披萨|股票|邮件|画一|画个|画张|画幅|绘制|写一首诗|写.{0,8}诗(?!歌)|作诗|诗句|写代码|"
    r"打车|导航|新闻|菜谱|计算|股市|レストラン|予約|天気|ピザ|絵を描|メール|株価|ニュース",
    re.IGNORECASE,
)

# Words showing the request is about sound (keeps an audio request from being declined).
AUDIO_DOMAIN = re.compile(
    r"audio|sound|noise|voice|speech|speak|spoken|music|song|sing|melod|tune|recording|clip|"
    r"track|wav|mp3|podcast|listen|hear|record|say|said|read (?:it |this )?(?:aloud|out)|"
    r"transcri|caption|binaural|tts|声|音|语音|录音|歌|曲|听|说|念|読|話|歌|録音",
    re.IGNORECASE,
)

CHITCHAT = [
    (re.compile(r"^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|greetings|yo)\b"
                r"[\s!.,]*(?:there|audiogpt)?[\s!.]*$|^\s*(?:你好|您好|嗨|哈喽|こんにちは|こんばんは|"
                r"おはよう)[\s!！。.,，]*$", re.I), "greet"),
    (re.compile(r"who are you|what are you\b|your name|introduce yourself|你是谁|你叫什么|"
                r"介绍一下你自己|あなたは誰|あなたはだれ|自己紹介", re.I), "identity"),
    (re.compile(r"what can you do|what (?:are you|is this) (?:able|good) |what do you do|"
                r"your (?:capabilities|skills|features|abilities)|how can you help|help me\s*\??$|"
                r"^\s*help\s*[?!.]*$|which tools|what tools|你能做什么|你会什么|你可以做什么|"
                r"有什么功能|能干什么|何ができ|何ができる", re.I), "abilities"),
    (re.compile(r"^\s*(?:thanks?|thank you|thx|cheers|great|cool|nice|awesome|ok(?:ay)?|"
                r"谢谢|多谢|好的|ありがとう)\b[\s\w!.,]*$", re.I), "thanks"),
    (re.compile(r"^\s*(?:bye|goodbye|see you|再见|拜拜|さようなら)\b[\s!.]*$", re.I), "bye"),
    (re.compile(r"how are you|how's it going|你好吗|元気", re.I), "howareyou"),
]

# Enrolling a voice ("add my voice from these files"): never done from chat (consent).
ENROLL_VOICE = re.compile(
    r"\b(?:add|enrol+|register|save|store|learn|remember|set ?up)\b(?: \w+){0,2} "
    r"(?:my|our|his|her|their|this|a new|a) (?:own )?voice(?: profile)?\b(?! (?:say|read|speak))|"
    r"\bvoice profile\b|添加(?:我的)?声音|录入(?:我的)?声音|注册(?:我的)?声音|声を登録|声の登録",
    re.IGNORECASE,
)

# Words worth correcting when misspelt ("portugese", "transcirbe"): languages and task words.
SPELLING_VOCAB = tuple(w for w in LANGUAGES if w.isascii() and w.isalpha() and len(w) >= 5) + (
    "transcribe", "transcript", "transcription", "translate", "translation", "separate",
    "speakers", "binaural", "background", "recording", "enhance", "denoise", "caption",
    "extract", "inpaint", "spatialize", "subtitles", "pronounce", "synthesize", "isolate")
# Real words that look like misspellings of vocabulary words.
_NOT_TYPOS = {"finish", "finished", "finishes", "polished", "separately", "translator",
              "recordings", "captions", "speaker", "extracts", "isolated", "separated",
              "translated", "transcribed", "enhanced", "captioned", "extracted", "germane",
              # real words one or two edits from a task word ("tiktok transition" is not "transcription")
              "transition", "transitions", "transmission", "transient", "transients", "subscription",
              "prescription", "inscription", "separates"}


def fix_spelling(text: str) -> str:
    """Correct close misspellings (one or two edits) of language and task words."""
    import difflib

    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) < 5 or low in _NOT_TYPOS or low in SPELLING_VOCAB:
            return word
        best = difflib.get_close_matches(low, SPELLING_VOCAB, n=1, cutoff=0.84)
        if not best or any(low == best[0] + suf for suf in ("s", "d", "ed", "ing", "er", "ly")) \
                or _stem(low) == _stem(best[0]):
            return word  # another form of the same word ("speaks" is not a typo of "speakers")
        return best[0]

    return re.sub(r"[A-Za-z]+", repl, text)


def _stem(word: str) -> str:
    """The word without a common English inflection ending (speakers, speaks -> speak)."""
    for suf in ("ers", "ing", "ed", "er", "es", "s"):
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            return word[: -len(suf)]
    return word


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def is_cjk(text: str) -> bool:
    """Whether the text contains Chinese or Japanese characters."""
    return bool(CJK.search(text))
