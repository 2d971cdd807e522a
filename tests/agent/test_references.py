"""Which session file the words name: by a word of its file name, by what made it, as the
user's original, "it" next to a named file, and speech tools skipping generated sounds."""

from __future__ import annotations

from audiogpt.agent import references
from audiogpt.agent.references import latest, mentioned

ARTS = [{"id": "a6000001", "kind": "audio", "tool": None, "name": "choir_rehearsal.wav"},
        {"id": "e6000001", "kind": "audio", "tool": "speech_enhancement", "name": "enhanced.wav"},
        {"id": "x6000001", "kind": "audio", "tool": "speech_separation", "name": "speaker1.wav"},
        {"id": "x6000002", "kind": "audio", "tool": "speech_separation", "name": "speaker2.wav"},
        {"id": "m6000003", "kind": "audio", "tool": "music_generation", "name": "music.wav"}]


def test_named_by_file_name_and_producer_in_order() -> None:
    assert mentioned("fade the music in under the rehearsal", ARTS) == ["m6000003", "a6000001"]
    assert mentioned("the cleaned rehearsal", ARTS) == ["e6000001"]


def test_original_and_shared_words() -> None:
    assert mentioned("the rehearsal before denoising", ARTS) == ["a6000001"]
    assert mentioned("the speaker", ARTS) == []  # "speaker" names two files alike
    # ... but an ordinal picks one of them (round 5): speaker2.wav.
    assert mentioned("the second speaker", ARTS) == ["x6000002"]


def test_pronoun_next_to_a_named_file_is_the_newest_other() -> None:
    assert mentioned("put it after the rehearsal", ARTS) == ["m6000003", "a6000001"]
    assert mentioned("make it louder", ARTS) == []


def test_speech_tools_skip_generated_music() -> None:
    assert latest(ARTS) == "m6000003"
    assert latest(ARTS, speech=True) == "x6000002"


def test_typed_paths_need_a_directory() -> None:
    """A path typed in the words is named as written (the runner applies the access rules);
    a bare file name may be a session file and is left to ``mentioned``."""
    text = "compare ~/a/b.wav with D:/rec/c.flac and interview.wav, then /tmp/x.mp3."
    assert references.typed_paths(text) == ["~/a/b.wav", "D:/rec/c.flac", "/tmp/x.mp3"]
    assert [a["kind"] for a in references.typed_attachments(text)] == ["audio", "audio", "audio"]
