"""Chinese/Japanese words for what a recording is of, with the English words people use in
file names ("合唱练习的录音" names choir_practice.wav, "インタビュー" names interview.wav)."""

from __future__ import annotations

# ruff: noqa: E501 - a table reads better on long lines
NAME_WORDS: dict[str, tuple[str, ...]] = {
    "合唱": ("choir", "chorus"), "唱诗班": ("choir",), "練習": ("practice", "rehearsal"), "练习": ("practice", "rehearsal"),
    "排练": ("rehearsal", "practice"), "リハーサル": ("rehearsal",), "采访": ("interview",), "访谈": ("interview",),
    "インタビュー": ("interview",), "面试": ("interview",), "讲座": ("lecture", "talk"), "讲课": ("lecture", "class"),
    "講義": ("lecture",), "授業": ("class", "lecture"), "课": ("class", "lecture"), "会议": ("meeting",), "会議": ("meeting",),
    "ミーティング": ("meeting",), "播客": ("podcast",), "ポッドキャスト": ("podcast",), "留言": ("voicemail", "message"),
    "语音信箱": ("voicemail",), "留守電": ("voicemail",), "备忘": ("memo",), "メモ": ("memo",), "日记": ("diary",),
    "日記": ("diary",), "演讲": ("speech", "talk"), "スピーチ": ("speech",), "电话": ("call", "phone"), "電話": ("call", "phone"),
    "钢琴": ("piano",), "ピアノ": ("piano",), "吉他": ("guitar",), "ギター": ("guitar",), "鼓": ("drums", "drum"),
    "ドラム": ("drums", "drum"), "人声": ("vocals", "vocal", "voice"), "ボーカル": ("vocals", "vocal"), "歌": ("song",),
    "曲": ("song", "track", "music"), "雨": ("rain",), "狗": ("dog",), "犬": ("dog",), "鸟": ("bird", "birds"), "鳥": ("bird", "birds"),
    "街": ("street",), "路上": ("street",), "通り": ("street",), "海": ("sea", "ocean", "beach"), "婚礼": ("wedding",),
    "結婚式": ("wedding",), "生日": ("birthday",), "誕生日": ("birthday",), "开场": ("intro",), "片头": ("intro",),
    "イントロ": ("intro",), "片尾": ("outro",), "旁白": ("narration", "narrator"), "ナレーション": ("narration",),
}


def english_name_words(text: str) -> list[tuple[int, str]]:
    """(position, English file-name word) for each known Chinese/Japanese word in ``text``."""
    out: list[tuple[int, str]] = []
    for word, english in NAME_WORDS.items():
        start = text.find(word)
        while start >= 0:
            out += [(start, e) for e in english]
            start = text.find(word, start + 1)
    return out
