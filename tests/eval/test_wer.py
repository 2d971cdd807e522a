"""WER: edit distance, normalisation of case, punctuation, numbers and contractions."""

from __future__ import annotations

import pytest

from audiogpt.eval.wer import corpus_wer, edit_distance, normalize, number_words, wer


def test_edit_distance_counts_substitutions_insertions_deletions() -> None:
    assert edit_distance(["a", "b", "c"], ["a", "b", "c"]) == 0
    assert edit_distance(["a", "b", "c"], ["a", "x", "c"]) == 1
    assert edit_distance(["a", "b", "c"], ["a", "c"]) == 1
    assert edit_distance(["a", "b", "c"], ["a", "b", "c", "d", "e"]) == 2
    assert edit_distance([], ["a", "b"]) == 2


def test_normalisation() -> None:
    assert normalize("Hello, World!") == ["hello", "world"]
    assert normalize("God bless 'em, I'll go") == ["god", "bless", "them", "i", "will", "go"]
    assert normalize("Mr. Smith has 42 cats") == ["mister", "smith", "has", "forty", "two", "cats"]
    assert normalize("about 1455,") == ["about", "fourteen", "fifty", "five"]
    assert number_words(2023) == "two thousand twenty three"


def test_wer_values() -> None:
    assert wer("ask not what your country", "Ask not, what your country!") == 0
    assert wer("a b c d", "a x c") == pytest.approx(0.5)
    assert wer("", "") == 0
    assert corpus_wer([("a b", "a b"), ("c d e f", "c")]) == pytest.approx(3 / 6)


def test_ordinals_in_digits_match_words() -> None:
    assert wer("for the twentieth time", "for the 20th time") == 0.0
    assert wer("the first and the twenty second", "the 1st and the 22nd") == 0.0
