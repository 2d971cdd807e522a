"""From a music request in words to a composition plan: mood, genre, tempo, key, instruments.

Keyword rules: how the listener feels ("I am tired") maps to a mood, genre words to a genre,
explicit values ("96 bpm", "in D minor", "30 seconds", "piano and cello") override the
defaults of the mood and genre. Only the standard library is used.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import asdict, dataclass
from typing import Any

# General MIDI programs (0-based)
INSTRUMENTS = {
    "grand piano": 0, "piano": 0, "electric piano": 4, "rhodes": 4, "harpsichord": 6,
    "celesta": 8, "glockenspiel": 9, "music box": 10, "vibraphone": 11, "marimba": 12,
    "organ": 19, "accordion": 21, "harmonica": 22, "nylon guitar": 24, "classical guitar": 24,
    "acoustic guitar": 25, "guitar": 25, "electric guitar": 27, "distorted guitar": 30,
    "distortion guitar": 30, "upright bass": 32, "double bass": 32, "bass guitar": 33,
    "synth bass": 38, "violin": 40, "viola": 41, "cello": 42, "contrabass": 43, "harp": 46,
    "timpani": 47, "strings": 48, "string": 48, "orchestra": 48, "choir": 52, "voice": 53,
    "trumpet": 56, "trombone": 57, "tuba": 58, "horn": 60, "french horn": 60, "brass": 61,
    "saxophone": 65, "sax": 65, "oboe": 68, "clarinet": 71, "piccolo": 72, "flute": 73,
    "recorder": 74, "pan flute": 75, "whistle": 78, "ocarina": 79, "synth": 81, "lead": 81,
    "pad": 89, "warm pad": 89, "sitar": 104, "banjo": 105, "koto": 107, "kalimba": 108,
    "bagpipe": 109, "fiddle": 110, "steel drums": 114,
}
PROGRAM_NAMES = {v: k for k, v in reversed(list(INSTRUMENTS.items()))}


@dataclass(frozen=True)
class Style:
    """Defaults of a mood or genre."""

    tempo: int
    mode: str
    melody: int
    chords: int
    bass: int
    drums: str  # none, soft, pop, rock, four, jazz, boom, shuffle
    comp: str  # pad, arpeggio, block, strum
    density: float  # melody notes per beat (about)
    velocity: int
    progressions: tuple[tuple[int, ...], ...]
    sevenths: bool = False
    swing: float = 0.0
    keys: tuple[str, ...] = ("C", "D", "F", "G", "A")


MOODS: dict[str, Style] = {
    "calm": Style(72, "major", 0, 0, 32, "none", "arpeggio", 0.6, 58,
                  ((1, 5, 6, 4), (1, 3, 4, 4), (1, 4, 1, 5), (4, 1, 5, 6)), keys=("C", "F", "G", "D")),
    "sad": Style(66, "minor", 42, 0, 32, "none", "arpeggio", 0.6, 60,
                 ((1, 6, 3, 7), (1, 4, 6, 5), (1, 6, 4, 5), (6, 4, 1, 5)), keys=("A", "D", "E", "C")),
    "happy": Style(124, "major", 12, 0, 33, "pop", "block", 1.8, 96,
                   ((1, 5, 6, 4), (1, 4, 5, 4), (1, 6, 4, 5), (4, 5, 1, 1)), keys=("C", "G", "D", "F")),
    "energetic": Style(140, "minor", 30, 30, 33, "rock", "block", 1.8, 104,
                       ((1, 6, 3, 7), (1, 7, 6, 7), (1, 4, 7, 1)), keys=("E", "A", "D")),
    "romantic": Style(84, "major", 40, 0, 32, "soft", "arpeggio", 0.9, 70,
                      ((1, 6, 2, 5), (1, 3, 4, 5), (4, 5, 3, 6)), keys=("F", "Bb", "Eb", "C")),
    "epic": Style(100, "minor", 61, 48, 43, "rock", "pad", 1.0, 100,
                  ((1, 6, 3, 7), (1, 6, 7, 1), (6, 7, 1, 1)), keys=("D", "C", "E")),
    "mysterious": Style(80, "minor", 8, 89, 32, "none", "pad", 0.7, 62,
                        ((1, 6, 1, 5), (1, 4, 6, 5), (1, 2, 5, 1)), keys=("E", "B", "F#")),
    "neutral": Style(100, "major", 0, 0, 32, "soft", "block", 1.1, 80,
                     ((1, 5, 6, 4), (1, 4, 5, 1), (6, 4, 1, 5))),
}

MOOD_WORDS = {
    "calm": "tired sleepy sleep calm relax relaxing relaxed peaceful chill gentle soothing rest "
            "meditation meditate quiet soft serene tranquil lullaby stress stressed exhausted "
            "unwind study focus",
    "sad": "sad melancholy melancholic lonely alone cry crying heartbroken depressed grief "
           "sorrow gloomy blue miss missing nostalgic down upset",
    "happy": "happy joyful cheerful upbeat fun sunny excited exciting party celebrate "
             "celebration dance dancing bright playful good great glad birthday summer",
    "energetic": "energetic energy workout gym powerful intense run running fast pumped angry "
                 "aggressive motivation motivated hype",
    "romantic": "romantic romance love loving tender wedding sweet valentine",
    "epic": "epic heroic hero cinematic battle adventure triumphant majestic film trailer",
    "mysterious": "mysterious mystery dark scary spooky suspense eerie horror creepy haunted",
}

GENRES: dict[str, dict[str, Any]] = {
    "jazz": {"tempo": 116, "melody": 65, "chords": 0, "bass": 32, "drums": "jazz", "comp": "block",
                 "sevenths": True, "swing": 0.62, "progressions": ((2, 5, 1, 1), (1, 6, 2, 5), (3, 6, 2, 5))},
    "lofi": {"tempo": 80, "melody": 4, "chords": 4, "bass": 33, "drums": "boom", "comp": "block",
                 "sevenths": True, "swing": 0.58, "density": 0.9,
                 "progressions": ((2, 5, 1, 6), (4, 3, 2, 1), (1, 6, 2, 5))},
    "rock": {"tempo": 132, "melody": 30, "chords": 30, "bass": 33, "drums": "rock", "comp": "block"},
    "classical": {"melody": 40, "chords": 48, "bass": 42, "drums": "none", "comp": "arpeggio"},
    "orchestral": {"melody": 40, "chords": 48, "bass": 43, "drums": "none", "comp": "pad"},
    "piano": {"melody": 0, "chords": 0, "bass": 0, "drums": "none", "comp": "arpeggio"},
    "electronic": {"tempo": 126, "melody": 81, "chords": 89, "bass": 38, "drums": "four", "comp": "block"},
    "ambient": {"tempo": 64, "melody": 88, "chords": 89, "bass": 38, "drums": "none", "comp": "pad", "density": 0.4},
    "folk": {"tempo": 96, "melody": 73, "chords": 25, "bass": 32, "drums": "soft", "comp": "strum"},
    "blues": {"tempo": 92, "mode": "major", "melody": 65, "chords": 0, "bass": 32, "drums": "shuffle",
                  "comp": "block", "sevenths": True, "swing": 0.64,
                  "progressions": ((1, 1, 1, 1, 4, 4, 1, 1, 5, 4, 1, 5),)},
    "pop": {"melody": 81, "chords": 0, "bass": 33, "drums": "pop", "comp": "block"},
    "funk": {"tempo": 108, "melody": 27, "chords": 27, "bass": 36, "drums": "pop", "comp": "block",
                 "sevenths": True},
}
GENRE_WORDS = {
    "jazz": "jazz jazzy swing bebop", "lofi": "lofi lo-fi chillhop", "rock": "rock metal punk",
    "classical": "classical baroque sonata", "orchestral": "orchestral symphonic symphony",
    "piano": "piano-solo", "electronic": "electronic edm techno house synthwave disco trance",
    "ambient": "ambient drone atmospheric", "folk": "folk country acoustic campfire",
    "blues": "blues bluesy", "pop": "pop", "funk": "funk funky groove",
}

NOTE_PC = {"C": 0, "C#": 1, "Db": 1, "D": 2, "D#": 3, "Eb": 3, "E": 4, "F": 5, "F#": 6,
           "Gb": 6, "G": 7, "G#": 8, "Ab": 8, "A": 9, "A#": 10, "Bb": 10, "B": 11}


@dataclass
class Plan:
    """What to compose.

    Attributes:
        mood, genre: Names from :data:`MOODS` / :data:`GENRES` (genre may be "none").
        tempo: Beats per minute.
        key: Tonic name; mode: ``major`` or ``minor``.
        instruments: Role -> General MIDI program (melody, chords, bass).
        drums: Drum pattern name (``none`` for no drums).
        progression: Scale degrees of the chord loop (1 = tonic).
        duration: Seconds.
        seed: Random seed used.
    """

    mood: str
    genre: str
    tempo: int
    key: str
    mode: str
    instruments: dict[str, int]
    drums: str
    comp: str
    density: float
    velocity: int
    progression: list[int]
    sevenths: bool
    swing: float
    duration: float
    seed: int

    def describe(self) -> dict[str, Any]:
        """JSON-friendly plan with instrument names."""
        d = asdict(self)
        d["instruments"] = {role: PROGRAM_NAMES.get(p, f"program {p}")
                            for role, p in self.instruments.items()}
        numerals = ["I", "II", "III", "IV", "V", "VI", "VII"]
        minor_degrees = {1, 4, 5} if self.mode == "minor" else {2, 3, 6, 7}
        d["progression"] = [numerals[g - 1].lower() if g in minor_degrees and g != 5
                            else numerals[g - 1] for g in self.progression]
        return d


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z\-]*", text.lower()))


def _best(words: set[str], table: dict[str, str]) -> str | None:
    scores = {name: len(words & set(kw.split())) for name, kw in table.items()}
    name, score = max(scores.items(), key=lambda kv: kv[1])
    return name if score else None


def parse_duration(text: str) -> float | None:
    """A duration named in the text ("30 seconds", "2 minutes", "1.5 min"), in seconds."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m)\b", text.lower())
    if not m:
        return None
    value = float(m.group(1))
    return value * 60 if m.group(2).startswith("m") else value


def parse_instruments(text: str) -> list[int]:
    """GM programs of the instruments named in the text, in order of mention."""
    low = text.lower()
    found: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(INSTRUMENTS, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}s?\b", low):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), INSTRUMENTS[name]))
    return [p for _, p in sorted(found)]


def make_plan(text: str, duration: float | None = None, seed: int | None = None) -> Plan:
    """Build the composition plan of a request (defaults where the text is silent)."""
    words = _words(text)
    low = text.lower()
    mood = _best(words, MOOD_WORDS) or "neutral"
    genre = _best(words, GENRE_WORDS) or "none"
    if genre == "piano" or ("piano" in words and genre == "none" and "solo" in words):
        genre = "piano"
    if seed is None:
        seed = zlib.crc32(text.strip().lower().encode()) & 0x7FFFFFFF
    rng = random.Random(seed)
    base = MOODS[mood]
    params: dict[str, Any] = {k: getattr(base, k) for k in base.__dataclass_fields__}
    if genre != "none":
        g = dict(GENRES[genre])
        if mood in ("calm", "sad", "mysterious") and "tempo" in g:  # the mood keeps it slow
            g["tempo"] = min(g["tempo"], base.tempo + 10)
        params.update(g)
    tempo = float(params["tempo"])
    if re.search(r"\b(very slow|really slow|slowly)\b", low):
        tempo *= 0.75
    elif re.search(r"\bslow(er)?\b", low):
        tempo *= 0.85
    if re.search(r"\b(very fast|really fast)\b", low):
        tempo *= 1.3
    elif re.search(r"\b(fast|faster|quick|upbeat)\b", low) and mood != "happy":
        tempo *= 1.15
    m = re.search(r"(\d{2,3})\s*(?:bpm|beats per minute)", low)
    if m:
        tempo = float(m.group(1))
    tempo = round(min(220, max(40, tempo)))
    mode = params["mode"]
    key = rng.choice(params["keys"])
    km = re.search(r"\b([a-g])\s*(#|b|-sharp| sharp|-flat| flat)?\s*(major|minor|maj|min)\b", low)
    if km:
        acc = km.group(2) or ""
        acc = "#" if "#" in acc or "sharp" in acc else ("b" if acc.strip() else "")
        key = km.group(1).upper() + acc
        key = key if key in NOTE_PC else key[0]
        mode = "minor" if km.group(3).startswith("min") else "major"
    elif re.search(r"\bminor\b", low):
        mode = "minor"
    elif re.search(r"\bmajor\b", low):
        mode = "major"
    named = parse_instruments(text)
    instruments = {"melody": params["melody"], "chords": params["chords"], "bass": params["bass"]}
    if named:
        instruments["melody"] = named[0]
        instruments["chords"] = named[1] if len(named) > 1 else named[0]
        if len(named) > 2:
            instruments["bass"] = named[2]
    drums = params["drums"]
    if re.search(r"\b(no|without) (drums|percussion|beat)", low):
        drums = "none"
    elif re.search(r"\b(drums?|beat|percussion)\b", low) and drums == "none":
        drums = "soft" if tempo < 100 else "pop"
    progressions = params["progressions"]
    if mode != base.mode and genre == "none":  # borrow the other mode's loops
        other = MOODS["sad"] if mode == "minor" else MOODS["calm"]
        progressions = other.progressions
    if duration is None:
        duration = parse_duration(text) or 20.0
    duration = float(min(600.0, max(1.0, duration)))
    return Plan(mood=mood, genre=genre, tempo=tempo, key=key, mode=mode,
                instruments=instruments, drums=drums, comp=params["comp"],
                density=float(params["density"]), velocity=int(params["velocity"]),
                progression=list(rng.choice(progressions)), sevenths=bool(params["sevenths"]),
                swing=float(params["swing"]), duration=duration, seed=seed)
