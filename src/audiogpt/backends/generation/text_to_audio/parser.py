"""Parse a sound description into layers: which recipes, how loud, where, and when.

"heavy rain on a tin roof, distant thunder then a dog barking on the left" gives
rain (intensity 0.9, mods {heavy, tin, roof}), thunder (distant, -8 dB) over the whole clip,
and a dog panned left in the second half. Scene words expand to several layers (``beach`` ->
waves, seagulls, light wind). Sequence words (``then``, ``followed by``, ``after that``)
split the clip into consecutive parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: recipe -> regular expressions (matched on lower-case words) that call for it.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "rain": (r"rain\w*", r"drizzl\w*", r"downpour", r"raindrops?"),
    "thunder": (r"thunder\w*", r"lightning"),
    "wind": (r"wind(?!ow)s?", r"windy", r"breez\w*", r"gusts?", r"gusty", r"gale", r"blizzard"),
    "waves": (r"waves?", r"surf", r"ocean", r"sea", r"seashore", r"shore", r"tide"),
    "stream": (r"stream", r"brook", r"river", r"creek", r"babbling", r"trickl\w*",
               r"waterfall", r"running water", r"flowing water", r"fountain"),
    "fire": (r"fire(?!works)", r"campfire", r"bonfire", r"fireplace", r"crackl\w*", r"flames?",
             r"burning"),
    "birdsong": (r"birds?", r"birdsong", r"chirp\w*", r"tweet\w*", r"songbirds?", r"sparrows?",
                 r"robins?", r"warbl\w*", r"blackbirds?", r"nightingales?"),
    "seagulls": (r"(sea)?gulls?",),
    "crickets": (r"crickets?", r"insects?", r"cicadas?", r"grasshoppers?"),
    "footsteps": (r"footsteps?", r"walking", r"steps", r"running(?! water)", r"walks?",
                  r"jogging"),
    "engine": (r"engines?", r"motors?", r"cars?", r"trucks?", r"idling", r"revving",
               r"motorcycles?", r"vehicles?"),
    "traffic": (r"traffic", r"street", r"highway", r"road"),
    "bells": (r"bells?", r"chimes?", r"tolling", r"church"),
    "siren": (r"sirens?", r"ambulance", r"police", r"fire ?trucks?", r"emergency"),
    "clock": (r"clocks?", r"ticking", r"tick(-| )?tock"),
    "applause": (r"applau\w*", r"clapping", r"claps?", r"ovation"),
    "crowd": (r"crowds?", r"cheer\w*", r"audience", r"stadium", r"murmur\w*"),
    "babble": (r"people", r"speak\w*", r"talk\w*", r"conversation", r"chatter\w*", r"chatting",
               r"voices?", r"speech", r"chat"),
    "dog": (r"dogs?", r"bark\w*", r"pupp(y|ies)", r"woof"),
}

#: scene word -> [(recipe, intensity, extra mods)]
SCENES: dict[str, tuple[tuple[str, float, tuple[str, ...]], ...]] = {
    "beach": (("waves", 0.5, ()), ("seagulls", 0.4, ()), ("wind", 0.2, ())),
    "forest": (("birdsong", 0.6, ()), ("wind", 0.2, ())),
    "woods": (("birdsong", 0.6, ()), ("wind", 0.2, ())),
    "park": (("birdsong", 0.4, ()), ("babble", 0.2, ("distant",))),
    "jungle": (("birdsong", 0.9, ()), ("crickets", 0.7, ())),
    "storm": (("rain", 0.9, ()), ("thunder", 0.6, ()), ("wind", 0.7, ())),
    "thunderstorm": (("rain", 0.9, ()), ("thunder", 0.7, ()), ("wind", 0.5, ())),
    "night": (("crickets", 0.5, ()),),
    "city": (("traffic", 0.6, ()), ("babble", 0.3, ("distant",))),
    "cafe": (("babble", 0.6, ()),), "restaurant": (("babble", 0.6, ()),),
    "concert": (("applause", 0.7, ()), ("crowd", 0.5, ())),
    "harbor": (("waves", 0.3, ()), ("seagulls", 0.6, ()), ("bells", 0.2, ("small",))),
    "countryside": (("birdsong", 0.5, ()), ("wind", 0.2, ()), ("crickets", 0.2, ())),
}

MORE = {"heavy", "strong", "loud", "intense", "pouring", "big", "violent", "howling", "roaring",
        "busy", "many", "lots", "huge", "hard", "raging", "torrential", "crashing", "thunderous"}
LESS = {"light", "gentle", "soft", "quiet", "faint", "little", "calm", "slight", "few",
        "small", "weak", "low", "occasional", "lone", "single", "sparse", "lapping", "mild"}
DISTANT = {"distant", "far", "faraway", "far-off", "background", "muffled"}
CLOSE = {"close", "nearby", "near", "foreground", "closeup", "close-up"}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "single": 1, "lone": 1, "couple": 2, "pair": 2}
SEQUENCE = re.compile(r"\bthen\b|\bfollowed by\b|\bafter that\b|\bafterwards\b|\blater\b|;")
CLAUSE = re.compile(r",|\band\b|\bwith\b|\bwhile\b|\bas\b|\bplus\b|\bover\b|\bunder\b")

FOREGROUND = {"babble", "speech", "dog", "siren", "bells", "footsteps", "engine", "thunder",
              "clock", "applause", "seagulls"}


@dataclass
class Layer:
    """One sound layer of a scene.

    Attributes:
        recipe: Recipe name.
        intensity: 0 (light) to 1 (heavy); 0.5 when unspecified.
        count: Number of sources when stated (``two dogs``), else None.
        mods: Modifier words found near the source (``tin``, ``distant``, ``passing``...).
        start: Start as a fraction of the clip.
        end: End as a fraction of the clip.
        pan: 0 (left) to 1 (right), or None to keep the recipe's own stereo image.
        level_db: Loudness relative to the scene reference (LUFS offset).
        text: Words to speak (``speech`` recipe).
        phrase: The words of the request this layer came from.
        notes: Methods recorded while rendering (e.g. which TTS voice ran).
    """

    recipe: str
    intensity: float = 0.5
    count: int | None = None
    mods: frozenset[str] = frozenset()
    start: float = 0.0
    end: float = 1.0
    pan: float | None = None
    level_db: float = 0.0
    text: str | None = None
    phrase: str = ""
    notes: list[str] = field(default_factory=list)

    def describe(self) -> dict[str, object]:
        """JSON-able summary."""
        return {"recipe": self.recipe, "intensity": round(self.intensity, 2), "count": self.count,
                "mods": sorted(self.mods), "start": round(self.start, 3),
                "end": round(self.end, 3), "pan": None if self.pan is None else round(self.pan, 2),
                "level_db": round(self.level_db, 1), "phrase": self.phrase,
                **({"text": self.text} if self.text else {}),
                **({"methods": self.notes} if self.notes else {})}


def _match(recipe_words: tuple[str, ...], clause: str) -> re.Match[str] | None:
    return re.search(r"\b(?:" + "|".join(recipe_words) + r")\b", clause)


def _modifiers(words: list[str], clause: str) -> tuple[float, int | None, set[str], float | None]:
    """Intensity, count, modifier words and pan from one clause."""
    ws = set(words)
    intensity = 0.5 + 0.4 * bool(ws & MORE) - 0.3 * bool(ws & LESS)
    if "very" in ws or "extremely" in ws:
        intensity += 0.1 if ws & MORE else -0.1
    count = None
    for w in words:
        if w.isdigit() and 0 < int(w) < 100:
            count = int(w)
            break
        if w in NUMBERS and w not in ("a", "an"):
            count = NUMBERS[w]
            break
    mods = set(words)
    if "in the distance" in clause or ws & DISTANT:
        mods.add("distant")
    pan = None
    if re.search(r"\bleft\b", clause):
        pan = 0.15
    elif re.search(r"\bright\b", clause):
        pan = 0.85
    elif "center" in ws or "centre" in ws or "middle" in ws:
        pan = 0.5
    return min(1.0, max(0.0, intensity)), count, mods, pan


def parse(text: str) -> list[Layer]:
    """Turn a description into layers (empty when nothing is recognised).

    Args:
        text: Free-form description, e.g. "birds singing and people speaking".

    Returns:
        The layers, in order of mention, with sequential parts mapped to time spans.
    """
    quoted = re.findall(r"[\"“']([^\"”']{2,200})[\"”']", text)
    lower = text.lower()
    for q in quoted:
        lower = lower.replace(q.lower(), " ")
    parts = [p for p in SEQUENCE.split(lower) if p.strip()] or [lower]
    layers: list[Layer] = []
    seen: set[tuple[str, int]] = set()
    for pi, part in enumerate(parts):
        start, end = pi / len(parts), (pi + 1) / len(parts)
        for clause in CLAUSE.split(part):
            clause = clause.strip()
            if not clause:
                continue
            words = re.findall(r"[a-z0-9'-]+", clause)
            intensity, count, mods, pan = _modifiers(words, clause)
            found: list[tuple[str, float, set[str]]] = []
            for recipe, pats in KEYWORDS.items():
                m = _match(pats, clause)
                if m:
                    found.append((recipe, intensity, mods | {m.group(0).split()[0]}))
            for scene, items in SCENES.items():
                if re.search(rf"\b{scene}\b", clause):
                    for recipe, base, extra in items:
                        found.append((recipe, (base + intensity) / 2 if intensity != 0.5 else base,
                                      mods | set(extra)))
            if "fire" in {f[0] for f in found} and "siren" in {f[0] for f in found}:
                found = [f for f in found if f[0] != "fire"]
            if "traffic" in {f[0] for f in found}:
                found = [f for f in found if f[0] != "engine"]
            if "crowd" in {f[0] for f in found}:
                found = [f for f in found if f[0] != "babble"]
            for recipe, inten, fmods in found:
                key = (recipe, pi)
                if key in seen:
                    continue
                seen.add(key)
                singular = count is None and recipe in ("dog", "bells", "siren", "engine") and (
                    re.search(r"\b(a|an|one)\b", clause) is not None)
                layer = Layer(recipe, inten, 1 if singular else count, frozenset(fmods), start,
                              end, pan, phrase=clause)
                layer.level_db = default_level(layer)
                layers.append(layer)
    for q in quoted:
        layers.append(Layer("speech", 0.5, None, frozenset(re.findall(r"[a-z]+", lower)),
                            0.0, 1.0, None, default_level(Layer("speech")), q, phrase=f'"{q}"'))
    return layers


def default_level(layer: Layer) -> float:
    """Relative loudness: foreground sources above ambience; intensity and distance adjust."""
    db = 0.0 if layer.recipe in FOREGROUND else -5.0
    db += 6.0 * (layer.intensity - 0.5)
    if "distant" in layer.mods:
        db -= 9.0
    if layer.mods & CLOSE:
        db += 3.0
    return db


def capabilities() -> str:
    """One line naming the sounds and scenes the engine renders."""
    return ("sounds: " + ", ".join(sorted(KEYWORDS) + ["quoted speech"]) + "; scenes: "
            + ", ".join(sorted(SCENES)))
