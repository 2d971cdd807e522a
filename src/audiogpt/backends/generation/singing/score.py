"""Score parsing for singing synthesis: note names, per-syllable groups, lyrics to syllables.

Accepts the AudioGPT paper's format (notes ``C#4/Db4 | F#4/Gb4 ...``, durations
``0.407 | 0.376 ...``, one ``|`` group per syllable, ``AP``/``SP``/``rest`` for breaths and
rests) and simple forms (``"C4 D4 E4"``, ``"0.5 0.5 1"``, lyrics as words).

Only the standard library is imported at module level (``pypinyin`` inside a function), so
the tool's argument check can use it cheaply.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from audiogpt.core.errors import ToolInputError

REST_WORDS = {"rest", "ap", "sp", "r", "-"}
BREATH_TOKENS = {"AP", "SP"}
_NOTE_RE = re.compile(r"^([A-Ga-g])([#b♯♭]{0,2})(-?\d)$")
_SEMITONE = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
_DIGRAPHS = {"th", "sh", "ch", "ph", "wh", "ck", "gh"}
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TOKEN_RE = re.compile(r"AP|SP|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[A-Za-z']+")


def note_to_midi(name: str) -> float | None:
    """MIDI number of a scientific pitch name (``C#4``, ``Db4``, ``C#4/Db4``, ``60``).

    Returns:
        The MIDI note number, or None for a rest (``rest``, ``AP``, ``SP``).

    Raises:
        ToolInputError: The name is not a note.
    """
    token = name.strip()
    if token.lower() in REST_WORDS:
        return None
    first = token.split("/")[0].strip()
    try:
        value = float(first)
    except ValueError:
        pass
    else:
        if 0 <= value <= 127:
            return value
        raise ToolInputError(f"singing_synthesis: MIDI note {first} is outside 0-127")
    m = _NOTE_RE.match(first)
    if not m:
        raise ToolInputError(
            f"singing_synthesis: cannot read note {name!r} (use names like C4, C#4/Db4, Bb3, rest)"
        )
    letter, acc, octave = m.groups()
    semis = _SEMITONE[letter.upper()] + acc.count("#") + acc.count("♯")
    semis -= acc.count("b") + acc.count("♭")
    return float(12 * (int(octave) + 1) + semis)


def _split_groups(text: str) -> list[list[str]]:
    text = text.replace(",", " ").strip()
    if "|" in text:
        return [g.split() for g in text.split("|")]
    return [[t] for t in text.split()]


@dataclass
class Unit:
    """One syllable (or rest) of the score with its notes.

    Attributes:
        text: The syllable as written (a character, an English syllable, ``AP``/``SP`` or "").
        kind: ``sing``, ``breath`` or ``rest``.
        speak: What the TTS should say for it (pinyin with tone digit, or the English text).
        language: ``zh`` or ``en`` for sung units.
        word: Index of the word the syllable belongs to (English words sung over several units).
        notes: MIDI numbers (None for rests) of the notes sung on it.
        durations: Seconds, one per note.
        start: Onset in seconds on the score timeline.
    """

    text: str
    kind: str
    speak: str = ""
    language: str = "en"
    word: int = -1
    notes: list[float | None] = field(default_factory=list)
    durations: list[float] = field(default_factory=list)
    start: float = 0.0

    @property
    def duration(self) -> float:
        """Total seconds of the unit."""
        return float(sum(self.durations))


@dataclass
class Score:
    """A parsed score: units on a timeline."""

    units: list[Unit]

    @property
    def total(self) -> float:
        """Total duration in seconds."""
        return float(sum(u.duration for u in self.units))

    def note_events(self) -> list[tuple[float, float, float | None]]:
        """(start, end, midi or None) of every note."""
        events = []
        for u in self.units:
            t = u.start
            for n, d in zip(u.notes, u.durations, strict=True):
                events.append((t, t + d, n if u.kind == "sing" else None))
                t += d
        return events


def parse_notes_durations(notes: str, durations: str) -> list[tuple[list[float | None], list[float]]]:
    """Parse notes and durations into groups, checking that their counts agree.

    Raises:
        ToolInputError: A name or number is unreadable, or the counts differ (the message
            says which counts).
    """
    ng, dg = _split_groups(notes), _split_groups(durations)
    if any(not g for g in ng) or any(not g for g in dg):
        raise ToolInputError("singing_synthesis: empty group between '|' in --notes or --durations")
    if not ng:
        raise ToolInputError("singing_synthesis: --notes is empty")
    n_notes, n_durs = sum(map(len, ng)), sum(map(len, dg))
    if len(ng) != len(dg):
        if "|" not in notes and "|" not in durations or n_notes != n_durs:
            raise ToolInputError(
                f"singing_synthesis: {n_notes} notes but {n_durs} durations "
                f"({len(ng)} note groups vs {len(dg)} duration groups)"
            )
        raise ToolInputError(
            f"singing_synthesis: {len(ng)} note groups but {len(dg)} duration groups"
        )
    groups = []
    for i, (g_n, g_d) in enumerate(zip(ng, dg, strict=True), 1):
        if len(g_n) != len(g_d):
            raise ToolInputError(
                f"singing_synthesis: group {i} has {len(g_n)} notes but {len(g_d)} durations"
            )
        durs = []
        for d in g_d:
            try:
                val = float(d)
            except ValueError:
                raise ToolInputError(f"singing_synthesis: duration {d!r} is not a number") from None
            if not 0 < val <= 30:
                raise ToolInputError(f"singing_synthesis: duration {d} must be in (0, 30] seconds")
            durs.append(val)
        groups.append(([note_to_midi(n) for n in g_n], durs))
    total = sum(sum(d) for _, d in groups)
    if total > 300:
        raise ToolInputError(f"singing_synthesis: the score lasts {total:.0f} s, over 300 s")
    return groups


def english_syllables(word: str) -> list[str]:
    """Split an English word into syllables with a vowel-group heuristic.

    One syllable per vowel group (``y`` counts as a vowel after a consonant); a final silent
    ``e`` does not count, but ``-le`` after a consonant does. Consonants between vowel groups
    are split so that one goes to the next syllable (``win|ter``, ``ba|by``).
    """
    w = word.lower().strip("'")
    if not w:
        return []
    vowels = "aeiouy"
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(w):
        if w[i] in vowels and not (w[i] == "y" and i == 0):
            j = i
            while j < len(w) and w[j] in vowels:
                j += 1
            groups.append((i, j))
            i = j
        else:
            i += 1
    if len(groups) > 1:
        s, _e = groups[-1]
        if w[s:] == "e" or (w.endswith("es") and s == len(w) - 2 and len(w) > 3
                            and w[-3] not in "scxzgh"):
            if not (w.endswith("le") and len(w) > 2 and w[-3] not in vowels):
                groups.pop()
        elif w.endswith("ed") and s == len(w) - 2 and w[-3] not in "td":
            groups.pop()
    if len(groups) <= 1:
        return [word]
    cuts = []
    for (_s1, e1), (s2, _) in itertools.pairwise(groups):
        cut = e1 + (s2 - e1) // 2
        if cut - 1 >= e1 and w[cut - 1:cut + 1] in _DIGRAPHS:
            cut -= 1
        cuts.append(cut)
    parts, prev = [], 0
    for c in cuts:
        parts.append(word[prev:c])
        prev = c
    parts.append(word[prev:])
    return [p for p in parts if p]


def lyric_tokens(lyrics: str) -> list[Unit]:
    """Split lyrics into units: Chinese characters (with pinyin), English syllables, AP/SP."""
    from pypinyin import Style, lazy_pinyin

    raw = _TOKEN_RE.findall(lyrics)
    if not raw:
        raise ToolInputError("singing_synthesis: --lyrics has no singable words")
    cjk = "".join(t for t in raw if _CJK_RE.fullmatch(t))
    pinyin = lazy_pinyin(cjk, style=Style.TONE3, neutral_tone_with_five=True) if cjk else []
    units, k, word = [], 0, 0
    for tok in raw:
        if tok in BREATH_TOKENS:
            units.append(Unit(tok, "breath"))
        elif _CJK_RE.fullmatch(tok):
            units.append(Unit(tok, "sing", pinyin[k], "zh", word))
            k += 1
            word += 1
        else:
            sylls = english_syllables(tok)
            for s in sylls:
                units.append(Unit(s, "sing", tok, "en", word))
            word += 1
    return units


def _merge_words(units: list[Unit]) -> list[Unit]:
    """One unit per word (for lyrics whose words, not syllables, match the notes)."""
    out: list[Unit] = []
    for u in units:
        if out and u.kind == "sing" and out[-1].kind == "sing" and out[-1].word == u.word:
            out[-1].text += u.text
        else:
            out.append(Unit(u.text, u.kind, u.speak, u.language, u.word))
    return out


def _pair(tokens: list[Unit], groups: list) -> list[Unit] | None:
    """Pair tokens with note groups, one to one or sung tokens to pitched groups."""
    pitched = [i for i, (n, _) in enumerate(groups) if any(x is not None for x in n)]
    sung = [t for t in tokens if t.kind == "sing"]
    units: list[Unit] = []
    if len(tokens) == len(groups):
        for tok, (n, d) in zip(tokens, groups, strict=True):
            rest = all(x is None for x in n)
            kind = tok.kind if not rest else ("breath" if tok.kind == "breath" else "rest")
            if tok.kind == "breath" and not rest:
                kind = "breath"
            units.append(Unit(tok.text, kind, tok.speak, tok.language, tok.word, n, d))
    elif len(sung) == len(pitched):
        it = iter(sung)
        for n, d in groups:
            if any(x is not None for x in n):
                tok = next(it)
                units.append(Unit(tok.text, "sing", tok.speak, tok.language, tok.word, n, d))
            else:
                units.append(Unit("", "rest", notes=n, durations=d))
    else:
        return None
    return units


def parse_score(lyrics: str, notes: str, durations: str) -> Score:
    """Parse lyrics, notes and durations into a :class:`Score`.

    Raises:
        ToolInputError: Unreadable notes/durations, or counts that do not match (which
            counts differ is in the message).
    """
    groups = parse_notes_durations(notes, durations)
    tokens = lyric_tokens(lyrics)
    units = _pair(tokens, groups)
    if units is None:
        words = _merge_words(tokens)
        units = _pair(words, groups) if len(words) != len(tokens) else None
    if units is None:
        n_sung = sum(1 for t in tokens if t.kind == "sing")
        n_pitched = sum(1 for n, _ in groups if any(x is not None for x in n))
        raise ToolInputError(
            f"singing_synthesis: lyrics have {len(tokens)} syllables ({n_sung} sung) but notes "
            f"have {len(groups)} groups ({n_pitched} pitched); give one note group per syllable"
        )
    t = 0.0
    for u in units:
        u.start = t
        t += u.duration
    return Score(units)
