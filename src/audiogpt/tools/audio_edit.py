"""audio_edit: trim, concat, mix, gain, loudness-normalize, fade, speed, reverse, convert, and
effects (pitch shift, reverb, echo, EQ, low-/high-pass, compressor, noise gate, voice presets)."""

# ruff: noqa: E501 - planner triggers are long regular expressions

from __future__ import annotations

from typing import Literal

from pydantic import Field

from audiogpt.core.errors import ToolInputError
from audiogpt.tools.base import AudioFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints

EDITS = ("trim", "cut", "concat", "mix", "gain", "normalize", "fade", "speed", "reverse", "convert")
EFFECTS = ("pitch_shift", "reverb", "echo", "eq", "lowpass", "highpass", "compress", "gate",
           "voice_preset")
OPERATIONS = EDITS + EFFECTS
ROOMS = ("small", "medium", "hall", "church")
PRESETS = ("telephone", "radio", "robot", "megaphone", "chipmunk", "deep")
FORMATS = ("wav", "flac", "ogg", "mp3", "aiff", "m4a", "webm", "opus")


class AudioEditArgs(ToolArgs):
    """Arguments of audio_edit."""

    audio: AudioFile = Field(description="The audio file to edit.")
    operation: Literal[OPERATIONS] = Field(  # type: ignore[valid-type]
        description="One of: " + ", ".join(OPERATIONS) + "."
    )
    audio2: AudioFile | None = Field(None, description="Second audio for concat or mix.")
    start: float | None = Field(None, ge=0, description="Start in seconds (trim keeps, cut removes).")
    end: float | None = Field(None, ge=0, description="End in seconds (trim keeps, cut removes).")
    gain_db: float | None = Field(
        None, ge=-120, le=60,
        description="Gain in dB (gain), or the level of audio2 relative to audio (mix)."
    )
    target_lufs: float = Field(-23.0, ge=-70, le=0,
                               description="Loudness target for normalize (EBU R128, LUFS).")
    fade_in: float | None = Field(None, ge=0, description="Fade-in length in seconds.")
    fade_out: float | None = Field(None, ge=0, description="Fade-out length in seconds.")
    speed: float | None = Field(None, gt=0, description="Speed factor, pitch kept (2 = twice as fast).")
    sample_rate: int | None = Field(None, ge=1000, le=384000,
                                    description="Output sample rate for convert.")
    channels: int | None = Field(None, ge=1, le=8, description="Output channels for convert.")
    format: Literal[FORMATS] | None = Field(  # type: ignore[valid-type]
        None, description="Output file format for convert: " + ", ".join(FORMATS) + "."
    )
    semitones: float | None = Field(
        None, ge=-24, le=24,
        description="pitch_shift: semitones up (+) or down (-), duration kept (12 = an octave).")
    room: Literal[ROOMS] | None = Field(  # type: ignore[valid-type]
        None, description="reverb: room size, one of " + ", ".join(ROOMS) + " (default medium).")
    wet: float | None = Field(None, ge=0, le=1,
                              description="reverb: wet (reverberant) share 0-1 (default by room).")
    delay: float | None = Field(None, ge=0.01, le=2,
                                description="echo: seconds between repeats (default 0.3).")
    feedback: float | None = Field(
        None, ge=0, le=0.95, description="echo: each repeat's level relative to the previous "
                                         "(0-0.95, default 0.3).")
    bass_db: float | None = Field(None, ge=-24, le=24,
                                  description="eq: bass boost (+) or cut (-) in dB (shelf 250 Hz).")
    treble_db: float | None = Field(
        None, ge=-24, le=24, description="eq: treble boost (+) or cut (-) in dB (shelf 4 kHz).")
    cutoff_hz: float | None = Field(None, gt=0,
                                    description="lowpass/highpass: cutoff frequency in Hz.")
    threshold_db: float | None = Field(
        None, ge=-100, le=0, description="compress/gate: threshold in dBFS (default -20 "
                                         "for compress; for gate, 12 dB above the noise floor).")
    ratio: float | None = Field(None, ge=1, le=50,
                                description="compress: compression ratio (default 4).")
    preset: Literal[PRESETS] | None = Field(  # type: ignore[valid-type]
        None, description="voice_preset: one of " + ", ".join(PRESETS) + ".")


class AudioEdit(Tool):
    """Basic editing of audio files."""

    name = "audio_edit"
    description = (
        "Edit audio: trim to [start, end] seconds, cut (remove) [start, end], concat or mix with audio2, change gain, "
        "loudness-normalize (EBU R128), fade in/out, change speed keeping pitch, reverse, "
        "or convert sample rate / channels / file format. Effects: pitch_shift (semitones, "
        "duration kept), reverb (room small/medium/hall/church, wet), echo (delay, feedback), "
        "eq (bass_db, treble_db), lowpass/highpass (cutoff_hz), compress (threshold_db, ratio), "
        "gate (threshold_db), voice_preset (telephone, radio, robot, megaphone, chipmunk, deep)."
    )
    Args = AudioEditArgs
    outputs = ("audio",)
    examples = ("cut the audio from 1 to 3 seconds", "make it louder by 6 dB",
                "speed this up 1.5 times", "convert it to mp3", "mix these two files",
                "lower the pitch by two semitones", "make it sound like a big church",
                "add an echo", "boost the bass by 6 dB", "cut everything above 3 kHz",
                "make my voice sound like a robot", "make it sound like a telephone call")

    hints = PlannerHints(
        intents=(
            (r"semi-?tones?|octaves?|(?:pitch|key)\b.{0,20}(?:up|down|higher|lower)|(?:raise|lower|shift|drop|change|transpose)\w* (?:\w+ ){0,4}(?:pitch|key)|transpose|"
             r"reverb|reverberat|echo|\bdelay effect|(?:recorded|sound\w* like|as if|like (?:i'm|we're|it's|it was)) .{0,20}in (?:a |an |the )?(?:\w+ )?(?:church|cathedral|chapel|hall|auditorium|cave|bathroom|stadium)|"
             r"(?:boost|cut|reduce|more|less|turn (?:up|down)|increase|lower|raise|add|\d+\s*db)\b.{0,20}\b(?:bass|treble|low end)\b|(?:bass|treble)\b.{0,20}(?:\bup\b|\bdown\b|boost|\d+\s*db|too (?:harsh|loud|much|boomy))|equali[sz]|\beq\b|low-?pass|high-?pass|cutoff|\d\s*k?hz\b.{0,20}(?:above|below)|(?:above|below|under|over) \d+\s*k?hz|rumble below|"
             r"sound\w* like (?:it'?s in |it was in |we'?re in )?(?:a |an |the )(?:big |large |small |huge |empty |grand )?(?:hall|church|cathedral|chapel|cave|bathroom|stadium|arena|auditorium|tunnel)\b|compress(?:or)?\b(?!.{0,20}(?:mp3|file|zip))|noise gate|\bgate\b|"
             r"(?:sound|sounds|make (?:me|it|my voice|him|her|this)|like|as if).{0,30}(?:tele?phone|\bphone\b|radio|robot|megaphone|bullhorn|chipmunk|helium)|"
             r"(?:robot|chipmunk|megaphone|telephone|radio|helium)(?:ic)? (?:voice|effect|filter)|deeper voice|voice deeper|make (?:the |my |his |her )?voice (?:deeper|higher)", 4.5),
            (r"\b(?:put|place|set|drop)\w* (?:this|it|me|my voice|the \w+) in (?:a |an |the )(?:\w+ ){0,2}(?:hall|church|cathedral|chapel|cave|bathroom|stadium|arena|auditorium|tunnel|room)\b|"
             r"walkie|intercom", 4.5),
            (r"\b(?:glue|stitch|splice|string)\w* (?:\w+ ){0,3}together|put (?:\w+ ){0,3}(?:clips|files|recordings|takes|tracks) together", 3.5),
            (r"半音|升调|降调|变调|音调|混响|回声|回音|低音|高音|均衡|机器人|电话音|扩音器|花栗鼠|八度|"
             r"半音|キー|リバーブ|残響|エコー|ロボット|電話|メガホン|オクターブ|低音|高音|イコライ", 4.5),
            (r"\b(?:remove|delete|erase|take out|get rid of|edit out|cut out|drop)\b (?:that|this|the|those) (?:\w+ )?(?:part|bit|section|segment|stretch|span|piece)s?\b(?!.{0,30}\b(?:fill|repair|restore|reconstruct|patch))|"
             r"\bclose (?:up )?(?:the|that) gap|\b(?:still |way |much |a bit |far )?too (?:quiet|soft|loud)\b|"
             r"\b(?:bump|crank|push|pull|knock|bring|turn|nudge)\w* (?:it|this|that|them|the (?:whole |entire )?\w+) (?:up|down)\b(?= (?:by |another |an extra )?\d+(?:\.\d+)? ?db)|\b(?:join|stitch|glue) (?:up )?the rest\b|"
             r"\btrim|\bcut\b|\b(?:remove|delete|erase|take out|get rid of|edit out)\b.{0,40}\b(?:between|from)\s+\d+(?:\.\d+)?\s*(?:s|secs?|seconds?)?\s*(?:and|to|-|–)\s*\d|\bcrop|shorten|first \d+(?:\.\d+)? ?s|last \d+ ?s|concat|\bjoin|append|back to back|one after (?:the )?other|"
             r"\b(?:on ?to|to) the (?:very )?(?:end|start|beginning) of\b|"
             # "stick the jingle at the start": a file placed before or after another (not an effect placed)
             r"\b(?:stick|put|place|tack|slap|pop)\w* (?:the|that|this|my|our) (?!(?:fade|reverb|echo|silence|pause|gap|break|beep|"
             r"effect|filter|delay|volume|click|cut)\w*\b)[\w-]+(?: [\w-]+)? (?:at|on|to) the (?:very )?(?:start|beginning|front|end)\b(?! of)|"
             r"\b(?:lay|tuck|slip|sit|set|place|bed)\w* .{1,40}\b(?:under|underneath|beneath)\b(?! (?:me|us|my head|the listener)\b)|"
             r"combine|merge|\bmix (?:these|them|the two|it with|together|both)|\bmix\w* (?:it|this|that|them) (?:in )?(?:under|underneath|beneath|over|into|behind|with)\b|overlay|superimpose|layer (?:\w+ )?(?:over|on|under)|\b(?:lay|layer)\w* (?:it|this|that|them) (?:over|on top of)\b|on top of (?:the|my|this)|twice as (?:fast|slow)|"
             r"(?:play|run)\w* .{0,12}(?:fast|slow)|louder|quieter|softer|"
             r"volume|\bgain\b|amplif|boost|normali[sz]|fade|speed (?:\w+ ){0,3}?up|slow (?:\w+ ){0,3}?"
             r"down|faster|slower|reverse|backwards|resample|sample rate|to mono|to stereo|"
             r"(?:convert|export|save)\w* .{0,20}(?:mp3|wav|flac|ogg|aiff|m4a|opus|webm)|\d+ ?k?hz", 3.5),
            (r"剪切|剪掉|裁剪|截取|剪辑|前\s*\d+\s*秒|拼接|连接|合并|混音|混合|音量|大声|小声|调大|调小|"
             r"放大|淡入|淡出|加速|减速|变快|变慢|倒放|倒着|转成\s*(?:mp3|wav|flac)|采样率|单声道|"
             r"カット|切り取|結合|音量|フェード|速く|遅く|逆再生|mp3に", 3.5),
        ),
        examples=("Make it louder", "Speed this up 1.5 times",
                  "Convert it to mp3", "Mix these two files", "Add a fade out", "Reverse the audio"),
        summary='edit audio (trim, join, mix, volume, fade, speed, reverse, convert, pitch shift, reverb, echo, EQ, voice effects)', short='edit', label='Edited audio',
        output_words=r"convert(?:ed)? voice|converted|trimmed|edited|cut|louder|quieter|faster|slower|reversed|剪",
        keeps_voice=True,
    )

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        a: AudioEditArgs = args  # type: ignore[assignment]
        op = a.operation
        if op in ("concat", "mix") and not a.audio2:
            raise ToolInputError(f"audio_edit: operation {op} needs --audio2 (the second file)")
        if op in ("trim", "cut"):
            if a.start is None and a.end is None:
                raise ToolInputError(f"audio_edit: {op} needs --start and/or --end (seconds)")
            if a.start is not None and a.end is not None and a.end <= a.start:
                raise ToolInputError(
                    f"audio_edit: --end ({a.end:g}) must be greater than --start ({a.start:g})"
                )
        if op == "gain" and a.gain_db is None:
            raise ToolInputError("audio_edit: gain needs --gain_db")
        if op == "fade" and not (a.fade_in or a.fade_out):
            raise ToolInputError("audio_edit: fade needs --fade_in and/or --fade_out (seconds)")
        if op == "speed":
            if a.speed is None:
                raise ToolInputError("audio_edit: speed needs --speed (e.g. 1.5)")
            if not 0.25 <= a.speed <= 4:
                raise ToolInputError(f"audio_edit: --speed {a.speed:g} is outside 0.25-4")
        if op == "pitch_shift" and a.semitones is None:
            raise ToolInputError("audio_edit: pitch_shift needs --semitones (e.g. 2 or -3)")
        if op == "eq" and not (a.bass_db or a.treble_db):
            raise ToolInputError("audio_edit: eq needs --bass_db and/or --treble_db (non-zero)")
        if op in ("lowpass", "highpass") and a.cutoff_hz is None:
            raise ToolInputError(f"audio_edit: {op} needs --cutoff_hz (e.g. 3000)")
        if op == "voice_preset" and a.preset is None:
            raise ToolInputError("audio_edit: voice_preset needs --preset (one of "
                                 + ", ".join(PRESETS) + ")")
        if op == "convert" and not (a.sample_rate or a.channels or a.format):
            raise ToolInputError(
                  "audio_edit: convert needs --sample_rate, --channels and/or --format"
            )
