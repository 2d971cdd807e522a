"""The learned intent arbiter: pinned weights, reproducible training, what it changes in plans."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from audiogpt.backends.pinned import sha256_of
from audiogpt.dialogue import arbiter as A
from audiogpt.dialogue import embed
from audiogpt.dialogue.planner import Planner

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "dialogue" / "data"
AUDIO = [{"ref": "/tmp/clip.wav", "kind": "audio", "name": "clip.wav"}]
IMAGE = [{"ref": "/tmp/photo.png", "kind": "image", "name": "photo.png"}]


def _needs_encoder() -> None:
    if embed.encoder() is None:
        pytest.skip("sentence encoder not installed")


def test_shipped_weights_match_their_pinned_hash() -> None:
    assert A.WEIGHTS.is_file()
    assert sha256_of(A.WEIGHTS) == A.WEIGHTS_SHA256
    model = A.load()
    assert model is not None and A.NONE in model.labels
    assert model.weights.shape == (len(model.labels), 384 + len(A.SITUATION) + len(model.tools))
    assert A.WEIGHTS.stat().st_size < 400_000


def test_a_tampered_weights_file_is_refused(tmp_path: Path) -> None:
    data = bytearray(A.WEIGHTS.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "intent_arbiter.npz"
    bad.write_bytes(bytes(data))
    assert A.load(bad) is None
    assert A.load(tmp_path / "missing.npz") is None


def test_without_the_arbiter_the_rules_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(A, "model", lambda: None)  # the weights file unavailable
    plan = Planner(arbiter=True).plan("transcribe this recording", AUDIO)
    assert [s["tool"] for s in plan.steps] == ["speech_recognition"]
    assert plan.to_json()["method"] == "rules"


def test_the_setting_turns_it_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUDIOGPT_PLANNER_ARBITER", raising=False)
    assert Planner().use_arbiter  # on by default (notes/arbiter2.md)
    monkeypatch.setenv("AUDIOGPT_PLANNER_ARBITER", "1")
    assert Planner().use_arbiter
    monkeypatch.setenv("AUDIOGPT_PLANNER_ARBITER", "0")
    assert not Planner().use_arbiter
    assert not Planner(use_embeddings=False, arbiter=True).use_arbiter  # it reads embeddings


def test_training_is_deterministic(tmp_path: Path) -> None:
    """Two trainings on the same (small) data write byte-identical weights."""
    _needs_encoder()
    if importlib.util.find_spec("sklearn") is None:
        pytest.skip("scikit-learn not installed")
    from audiogpt.dialogue import arbiter_train as T

    files = T.case_files(DATA)[:3]
    assert all(p.name not in T.SEALED for p in T.case_files(DATA))
    rows = T.examples(files)
    tools = T.catalog_tools()
    x = T.matrix(rows, tools)
    digests = [T.save(T.fit(x, [r.label for r in rows], tools), tmp_path / f"w{i}.npz") for i in (1, 2)]
    assert digests[0] == digests[1]
    assert A.load(tmp_path / "w1.npz", sha256=digests[0]) is not None


@pytest.mark.slow
def test_retraining_reproduces_the_shipped_predictions(tmp_path: Path) -> None:
    """scripts/train-intent.py's training on all case files gives the shipped model's choices."""
    _needs_encoder()
    if importlib.util.find_spec("sklearn") is None:
        pytest.skip("scikit-learn not installed")
    from audiogpt.dialogue import arbiter_train as T

    spec = importlib.util.spec_from_file_location("train_intent", ROOT / "scripts" / "train-intent.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    rows = T.training_examples(ROOT)
    assert any(r.source == T.MECHANISMS for r in rows) and len({r.source for r in rows}) > 20
    tools = T.catalog_tools()
    x = T.matrix(rows, tools)
    digest = T.save(T.fit(x, [r.label for r in rows], tools, script.C_DEFAULT), tmp_path / "w.npz")
    retrained, shipped = A.load(tmp_path / "w.npz", sha256=digest), A.load()
    assert retrained is not None and shipped is not None
    same = sum(max(p := retrained.probabilities(xi), key=p.__getitem__)
               == max(q := shipped.probabilities(xi), key=q.__getitem__) for xi in x)
    assert same >= 0.995 * len(rows)


# Requests written for this test (not in any case file) where the rules decline or hesitate
# and the arbiter is confident of a generated sound.
FIXED_BY_ARBITER = (
    "conjure up some spooky wind howling through a cave",   # rules: declined (example match)
    "give me the clatter of dishes in a busy diner",         # rules: declined (example match)
    "craft the rumble of a distant storm for me",            # rules: a clarifying question
)


@pytest.mark.parametrize("query", FIXED_BY_ARBITER)
def test_the_arbiter_fixes_weak_rule_decisions(query: str) -> None:
    _needs_encoder()
    rules = Planner(arbiter=False).plan(query, [])
    assert not rules.steps and rules.method == "rules"
    plan = Planner(arbiter=True).plan(query, [])
    assert [s["tool"] for s in plan.steps] == ["text_to_audio"]
    out = plan.to_json()
    assert out["method"] == "arbiter" and not out["unsupported"]
    assert 0.4 <= out["confidence"] <= 1.0


@pytest.mark.parametrize(("query", "atts", "tool"), [
    ("please jot down what the caller says", AUDIO, "speech_recognition"),
    ("make this snapshot sharper and brighter", IMAGE, None),
])
def test_clear_rule_decisions_stand(query: str, atts: list[dict[str, str]], tool: str | None) -> None:
    _needs_encoder()
    plan = Planner(arbiter=True).plan(query, atts)
    assert [s["tool"] for s in plan.steps] == ([tool] if tool else [])
    assert plan.method == "rules" and plan.unsupported == (tool is None)


def test_the_combination_rule() -> None:
    from audiogpt.dialogue.planner.arbitrate import Combination, overrules
    from audiogpt.dialogue.planner.plan import Plan

    rule = Combination(weak=0.4, strong=0.8, low_confidence=0.0, decline=0.9)
    declined = Plan(unsupported=True, basis="embedding")
    assert overrules(declined, "text_to_audio", 0.5, rule)            # weak evidence, sure enough
    assert not overrules(declined, "text_to_audio", 0.3, rule)
    assert not overrules(declined, "audio_edit", 0.95, rule, has_audio=False)  # nothing to edit
    assert overrules(declined, "audio_edit", 0.95, rule, has_audio=True)
    clear = Plan(steps=[{"tool": "speech_recognition", "args": {}}], basis="lexicon", confidence=1.0)
    assert not overrules(clear, "speech_recognition", 0.99, rule)    # they agree
    assert not overrules(clear, "speech_translation", 0.7, rule)     # a clear trigger needs 0.8
    assert overrules(clear, "speech_translation", 0.85, rule)
    assert not overrules(clear, A.NONE, 0.85, rule)                  # declining it needs 0.9
    assert not overrules(Plan(reply="hi", basis=""), "text_to_speech", 1.0, rule)  # small talk
    asked = Plan(clarify="Which do you mean?", basis="clarify")
    assert not overrules(asked, A.NONE, 1.0, rule)                   # a question already declines
    unsure = Plan(steps=[{"tool": "text_to_speech", "args": {}}], basis="lexicon", confidence=0.7)
    assert overrules(unsure, "voice_clone", 0.5, Combination(low_confidence=0.8, unsure=0.4))
    assert not overrules(unsure, "voice_clone", 0.5, Combination(low_confidence=0.8, unsure=0.6))
    cjk = Plan(unsupported=True, basis="embedding", read="把这段录音变成文字")
    assert overrules(cjk, "speech_recognition", 0.99, rule, has_audio=True)
    english_only = Combination(latin_only=True)  # the option not chosen by cross-validation
    assert not overrules(cjk, "speech_recognition", 0.99, english_only, has_audio=True)


def test_the_combination_guards_rule_mechanisms() -> None:
    from audiogpt.dialogue.planner.arbitrate import DEFAULT, Combination, overrules
    from audiogpt.dialogue.planner.plan import Plan

    trigger = Plan(steps=[{"tool": "speech_recognition", "args": {}}], basis="lexicon", confidence=0.75)
    assert not overrules(trigger, A.NONE, 1.0, DEFAULT)       # a trigger fired: never declined
    assert overrules(trigger, A.NONE, 0.99, Combination(decline_trigger=0.98))
    assert not overrules(trigger, "speech_translation", 0.55, DEFAULT)  # unsure trigger: 0.6
    assert overrules(trigger, "speech_translation", 0.65, DEFAULT)
    sure = Plan(steps=[{"tool": "speech_recognition", "args": {}}], basis="lexicon", confidence=0.9)
    assert not overrules(sure, "speech_translation", 1.0, DEFAULT)     # a sure trigger stands
    gloss = Plan(steps=[{"tool": "audio_edit", "args": {}}], basis="gloss", confidence=1.0)
    assert not overrules(gloss, "music_generation", 0.99, DEFAULT)     # a sure gloss is a trigger
    assert overrules(gloss, "music_generation", 0.99, Combination(sure_gloss=False))
    two = [{"tool": "text_to_audio", "args": {}}, {"tool": "mono_to_binaural", "args": {}}]
    chain = Plan(steps=two, basis="embedding", confidence=0.5)
    assert overrules(chain, "music_generation", 0.99, DEFAULT)         # weak evidence, chain or not
    assert not overrules(chain, "music_generation", 0.99, Combination(chains=False))


def test_a_complete_plan_is_not_traded_for_one_that_lacks_arguments() -> None:
    _needs_encoder()
    arts = [{"id": "a9900006", "kind": "audio", "tool": None, "name": "talk.wav"},
            {"id": "t9900007", "kind": "text", "tool": "speech_translation", "name": "translation.txt"}]
    rules = Planner(arbiter=False).plan("read back to me the translation", [], arts)
    assert [s["tool"] for s in rules.steps] == ["text_to_speech"] and not rules.missing
    forced = Planner(arbiter=False).rules_plan("read back to me the translation", [], arts,
                                               force="speech_translation")
    assert forced.missing  # what the arbiter would pick here lacks a target language
    plan = Planner(arbiter=True).plan("read back to me the translation", [], arts)
    assert [s["tool"] for s in plan.steps] == ["text_to_speech"] and plan.method == "rules"
