"""Note-level transcription scores (mir_eval's matching: onset within 50 ms, pitch within
50 cents, offsets ignored), against CSV annotations such as vocadito's (onset_s, pitch_Hz,
duration_s per line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def load_note_csv(path: Path) -> list[tuple[float, float, float]]:
    """[(onset s, offset s, pitch Hz)] from an ``onset,pitch_hz,duration`` CSV."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.strip().split(",")
        if len(parts) < 3:
            continue
        try:
            onset, hz, dur = (float(p) for p in parts[:3])
        except ValueError:
            continue  # a header line
        rows.append((onset, onset + dur, hz))
    return rows


def note_scores(reference: list[tuple[float, float, float]], notes: list[dict[str, Any]],
                onset_tolerance: float = 0.05, pitch_cents: float = 50.0
                ) -> tuple[float, float, float]:
    """(precision, recall, F1) of notes {pitch (MIDI), start, end} against the reference."""
    import mir_eval
    import numpy as np

    ref_iv = np.array([[a, b] for a, b, _ in reference]).reshape(-1, 2)
    ref_hz = np.array([h for _, _, h in reference])
    est_iv = np.array([[n["start"], max(n["end"], n["start"] + 1e-3)] for n in notes]
                      ).reshape(-1, 2)
    est_hz = np.array([440.0 * 2 ** ((n["pitch"] - 69) / 12) for n in notes])
    p, r, f, _ = mir_eval.transcription.precision_recall_f1_overlap(
        ref_iv, ref_hz, est_iv, est_hz, onset_tolerance=onset_tolerance,
        pitch_tolerance=pitch_cents, offset_ratio=None)
    return float(p), float(r), float(f)
