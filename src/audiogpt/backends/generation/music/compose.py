"""Algorithmic composition: chords, melody, bass and drums from a :class:`Plan` to MIDI.

Rules of common-practice and popular music, with seeded randomness:

- harmony: a four-chord loop of diatonic triads (sevenths for jazz/lofi/blues), the
  dominant made major in minor keys (harmonic minor), voiced near middle C with the
  inversion that moves the voices least; the piece ends on the tonic;
- melody: a two-bar rhythmic motif (density from the mood) repeated with variation;
  chord tones on strong beats, mostly stepwise motion between, range C4-C6, phrase ends
  on long chord tones and the last note on the tonic;
- bass: chord roots (with fifths, octaves or walking lines per style) in octave 2;
- drums: General MIDI kit patterns per style (pop, rock, four-on-the-floor, jazz ride,
  boom-bap, shuffle, soft), a fill every fourth bar;
- swing and small timing/velocity humanisation.
"""

from __future__ import annotations

import logging
import math
import random
from typing import TYPE_CHECKING, Any

from audiogpt.backends.generation.music.plan import NOTE_PC, Plan

if TYPE_CHECKING:
    import pretty_midi

logger = logging.getLogger(__name__)

SCALES = {"major": (0, 2, 4, 5, 7, 9, 11), "minor": (0, 2, 3, 5, 7, 8, 10)}
KICK, SNARE, RIM, CLAP, HAT, PEDAL_HAT, OPEN_HAT, RIDE, CRASH, TOM_LO, TOM_HI = (
    36, 38, 37, 39, 42, 44, 46, 51, 49, 45, 50)

# drum patterns: instrument -> list of (beat position, velocity scale) within a 4/4 bar
DRUMS: dict[str, dict[int, list[tuple[float, float]]]] = {
    "soft": {KICK: [(0, .7), (2, .6)], RIM: [(1, .5), (3, .5)],
             HAT: [(b / 2, .35 + .1 * (b % 2 == 0)) for b in range(8)]},
    "pop": {KICK: [(0, 1), (1.5, .8), (2, .9)], SNARE: [(1, .95), (3, .95)],
            HAT: [(b / 2, .55 + .15 * (b % 2 == 0)) for b in range(8)]},
    "rock": {KICK: [(0, 1), (2, 1), (2.5, .85)], SNARE: [(1, 1), (3, 1)],
             OPEN_HAT: [(b / 2, .6 + .15 * (b % 2 == 0)) for b in range(8)]},
    "four": {KICK: [(b, 1) for b in range(4)], CLAP: [(1, .9), (3, .9)],
             OPEN_HAT: [(b + .5, .7) for b in range(4)], HAT: [(b, .4) for b in range(4)]},
    "jazz": {RIDE: [(0, .7), (1, .8), (1 + 2 / 3, .55), (2, .7), (3, .8), (3 + 2 / 3, .55)],
             PEDAL_HAT: [(1, .6), (3, .6)], KICK: [(0, .35)]},
    "boom": {KICK: [(0, 1), (1.75, .7), (2.5, .85)], SNARE: [(1, .9), (3, .9)],
             HAT: [(b / 2, .45 + .1 * (b % 2 == 0)) for b in range(8)]},
    "shuffle": {KICK: [(0, .9), (2, .85)], SNARE: [(1, .9), (3, .9)],
                HAT: [(b + o, .55) for b in range(4) for o in (0, 2 / 3)]},
}


def scale_pcs(plan: Plan) -> list[int]:
    """Pitch classes of the plan's key (natural minor for minor)."""
    tonic = NOTE_PC[plan.key]
    return [(tonic + s) % 12 for s in SCALES[plan.mode]]


def chord_pcs(plan: Plan, degree: int) -> list[int]:
    """Pitch classes of the diatonic chord on ``degree`` (root first)."""
    scale = scale_pcs(plan)
    idx = [(degree - 1 + k) % 7 for k in ((0, 2, 4, 6) if plan.sevenths else (0, 2, 4))]
    pcs = [scale[i] for i in idx]
    if plan.mode == "minor" and degree == 5:  # harmonic minor: major dominant
        pcs[1] = (pcs[1] + 1) % 12
    if plan.genre == "blues" and plan.sevenths:  # dominant sevenths throughout
        root = pcs[0]
        pcs = [root, (root + 4) % 12, (root + 7) % 12, (root + 10) % 12]
    return pcs


def _voicing(pcs: list[int], prev: list[int] | None, center: int = 62) -> list[int]:
    """Close voicing of ``pcs`` near ``center`` moving least from ``prev``."""
    options = []
    for inv in range(len(pcs)):
        order = pcs[inv:] + pcs[:inv]
        for base in range(center - 12, center + 1):
            if base % 12 != order[0]:
                continue
            notes = [base]
            for pc in order[1:]:
                n = notes[-1] + 1
                while n % 12 != pc:
                    n += 1
                notes.append(n)
            options.append(notes)
    if prev is None:
        return min(options, key=lambda v: abs(sum(v) / len(v) - center))
    return min(options, key=lambda v: sum(min(abs(a - b) for b in prev) for a in v)
               + 0.3 * abs(sum(v) / len(v) - center))


def _rhythm(rng: random.Random, density: float, beats: float = 8.0) -> list[float]:
    """A motif rhythm (durations in beats) of ``beats`` beats at about ``density`` notes/beat."""
    cells = ([2.0], [1.0], [1.0, 1.0], [0.5, 0.5], [1.5, 0.5], [0.5, 0.5, 1.0], [3.0, 1.0],
             [0.75, 0.25], [0.5, 1.0, 0.5], [4.0])
    target = density * beats
    best, best_err = [2.0] * int(beats // 2), math.inf
    for _ in range(60):
        out: list[float] = []
        while sum(out) < beats:
            cell = rng.choice(cells)
            if sum(out) + sum(cell) <= beats:
                out += cell
            elif beats - sum(out) in (0.5, 1.0, 2.0):
                out.append(beats - sum(out))
        err = abs(len(out) - target) + rng.random() * 0.5
        if err < best_err:
            best, best_err = out, err
    if best[-1] < 1.0 and sum(best[-2:]) == 1.0:  # end the motif on a longer note
        best = best[:-2] + [1.0]
    return best


def _melody(plan: Plan, rng: random.Random, chords: list[list[int]], bar_beats: int) -> list[tuple[float, float, int]]:
    """Melody notes (start beat, length in beats, MIDI pitch)."""
    scale = sorted({pc + 12 * o for o in range(4, 7) for pc in scale_pcs(plan)
                    if 60 <= pc + 12 * o <= 84})
    tonic_pc = NOTE_PC[plan.key]
    motif = _rhythm(rng, plan.density, 2 * bar_beats)
    motif_b = _rhythm(rng, plan.density * 1.15, 2 * bar_beats)
    n_bars = len(chords)
    notes: list[tuple[float, float, int]] = []
    current = min(scale, key=lambda p: abs(p - 67))
    for phrase_start in range(0, n_bars, 2):
        rhythm = motif if (phrase_start // 2) % 4 != 2 else motif_b
        t = 0.0
        for length in rhythm:
            beat = phrase_start * bar_beats + t
            bar = int(beat // bar_beats)
            if bar >= n_bars:
                break
            chord = chords[bar]
            strong = (beat % bar_beats) in (0.0, bar_beats / 2) or length >= 1.5
            last = bar == n_bars - 1
            if last:
                cands = [p for p in scale if p % 12 == tonic_pc]
                pitch = min(cands, key=lambda p: abs(p - current))
            elif strong:
                cands = [p for p in scale if p % 12 in chord]
                pitch = min(cands, key=lambda p: abs(p - current) + rng.random() * 4)
            else:
                i = scale.index(min(scale, key=lambda p: abs(p - current)))
                step = rng.choices((-2, -1, 1, 2, 0, 3, -3), (2, 6, 6, 2, 1, 1, 1))[0]
                if i + step <= 1:
                    step = abs(step)
                if i + step >= len(scale) - 2:
                    step = -abs(step)
                pitch = scale[max(0, min(len(scale) - 1, i + step))]
            if last:
                length = n_bars * bar_beats - beat
            notes.append((beat, length, pitch))
            current = pitch
            t += length
            if last:
                break
    return notes


def _bass(plan: Plan, rng: random.Random, chords: list[list[int]], bar_beats: int) -> list[tuple[float, float, int]]:
    """Bass notes (start beat, length in beats, MIDI pitch) in octave 2."""
    def low(pc: int) -> int:
        return 36 + pc % 12  # C2-B2

    out = []
    busy = plan.drums in ("pop", "rock", "four", "boom") and plan.tempo >= 100
    for bar, chord in enumerate(chords):
        t0 = bar * bar_beats
        root, fifth = low(chord[0]), low(chord[2])
        if bar == len(chords) - 1:
            out.append((t0, bar_beats, root))
        elif plan.drums == "jazz" or plan.genre == "jazz":
            nxt = low(chords[(bar + 1) % len(chords)][0])
            line = [root, low(chord[1]), fifth, nxt + (1 if nxt < fifth else -1)]
            out += [(t0 + b, 0.95, p) for b, p in enumerate(line[:bar_beats])]
        elif busy:
            out += [(t0 + b / 2, 0.45, root if b % 4 != 3 else root + 12) for b in range(bar_beats * 2)]
        elif plan.comp == "pad" or plan.density < 0.8:
            out.append((t0, bar_beats, root))
        else:
            half = bar_beats / 2
            out += [(t0, half, root), (t0 + half, half, fifth if rng.random() < 0.7 else root + 12)]
    return out


def compose(plan: Plan) -> tuple[pretty_midi.PrettyMIDI, dict[str, Any]]:
    """Compose the plan into a PrettyMIDI object.

    Returns:
        (the MIDI, stats: bars, note counts per part).
    """
    import pretty_midi

    rng = random.Random(plan.seed)
    bar_beats = 4
    spb = 60.0 / plan.tempo
    n_bars = max(2, math.ceil(plan.duration / (bar_beats * spb)))
    loop = plan.progression
    degrees = [loop[b % len(loop)] for b in range(n_bars)]
    if n_bars >= 8 and len(loop) == 4:  # B section: rotate the loop for bars 9-12, 25-28, ...
        degrees = [loop[(b + 2) % 4] if (b // 8) % 2 == 1 and b % 8 < 4 else d
                   for b, d in enumerate(degrees)]
    degrees[-1] = 1
    if n_bars >= 3 and degrees[-2] not in (4, 5):
        degrees[-2] = 5
    chords = [chord_pcs(plan, d) for d in degrees]

    def sec(beat: float) -> float:
        frac = beat % 1
        if plan.swing and abs(frac - 0.5) < 1e-6:
            beat = beat - 0.5 + plan.swing
        return beat * spb

    def human(beat: float) -> float:
        return max(0.0, sec(beat) + rng.gauss(0, 0.008))

    def vel(scale: float = 1.0) -> int:
        return int(max(20, min(127, plan.velocity * scale + rng.gauss(0, 6))))

    pm = pretty_midi.PrettyMIDI(initial_tempo=plan.tempo)
    melody = pretty_midi.Instrument(plan.instruments["melody"], name="melody")
    comp = pretty_midi.Instrument(plan.instruments["chords"], name="chords")
    bass = pretty_midi.Instrument(plan.instruments["bass"], name="bass")
    for beat, length, pitch in _melody(plan, rng, chords, bar_beats):
        start = human(beat)
        melody.notes.append(pretty_midi.Note(vel(1.0), pitch, start,
                                             start + max(0.08, length * spb * 0.92)))
    prev = None
    for bar, pcs in enumerate(chords):
        voicing = _voicing(pcs, prev, center=60 if plan.comp != "pad" else 57)
        prev = voicing
        t0 = bar * bar_beats
        last = bar == n_bars - 1
        if plan.comp == "pad" or last:
            hits = [(t0 + i * 0.02 * (plan.comp == "strum"), bar_beats, p)
                    for i, p in enumerate(voicing)]
        elif plan.comp == "arpeggio":
            seq = voicing + [voicing[0] + 12] + voicing[1:][::-1]
            hits = [(t0 + k / 2, 1.2, seq[k % len(seq)]) for k in range(bar_beats * 2)]
        elif plan.comp == "strum":
            hits = [(t0 + b + i * 0.03, 0.9, p) for b in (0, 1, 1.5, 2.5, 3)
                    for i, p in enumerate(voicing)]
        else:  # block chords on the beats (offbeat push for fast styles)
            beats = (0, 1, 2, 3) if plan.tempo < 110 else (0, 1.5, 2, 3.5)
            hits = [(t0 + b, 0.9, p) for b in beats for p in voicing]
        for beat, length, pitch in hits:
            start = human(beat)
            comp.notes.append(pretty_midi.Note(vel(0.72), pitch, start, start + length * spb))
    for beat, length, pitch in _bass(plan, rng, chords, bar_beats):
        start = human(beat)
        bass.notes.append(pretty_midi.Note(vel(0.85), pitch, start,
                                           start + length * spb * 0.95))
    pm.instruments += [melody, comp, bass]
    if plan.drums != "none":
        kit = pretty_midi.Instrument(0, is_drum=True, name="drums")
        pattern = DRUMS[plan.drums]
        for bar in range(n_bars):
            t0 = bar * bar_beats
            if bar == n_bars - 1:
                kit.notes += [pretty_midi.Note(vel(1.0), KICK, sec(t0), sec(t0) + 0.2),
                              pretty_midi.Note(vel(0.9), CRASH, sec(t0), sec(t0) + 1.0)]
                break
            fill = bar % 4 == 3 and plan.velocity >= 80
            for drum, hits in pattern.items():
                for pos, scale in hits:
                    if fill and pos >= 3:
                        continue
                    s = sec(t0 + pos) + rng.gauss(0, 0.004)
                    kit.notes.append(pretty_midi.Note(vel(scale), drum, max(0.0, s), s + 0.1))
            if fill:
                for k, drum in enumerate((TOM_HI, TOM_HI, TOM_LO, SNARE)):
                    s = sec(t0 + 3 + k / 4)
                    kit.notes.append(pretty_midi.Note(vel(0.9), drum, s, s + 0.1))
            if bar % 8 == 0 and plan.drums in ("rock", "pop", "four"):
                kit.notes.append(pretty_midi.Note(vel(0.8), CRASH, sec(t0), sec(t0) + 1.0))
        pm.instruments.append(kit)
    stats = {"bars": n_bars, "chord_degrees": degrees,
             "notes": {i.name: len(i.notes) for i in pm.instruments}}
    return pm, stats
