"""Questions about where a recording came from: is it real, or made by a machine?

"Is this a real recording of my mom or a fake?", "did this come out of your voice cloner?",
"この声ってAIで作られたものかどうか", "这是AI合成的吗": a check of the file (watermark
detection), not a request to make a voice. The question is recognised by its shape (a yes/no
question or "whether" about the file, with a word for synthetic or fake), in English, Chinese
and Japanese.
"""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re

_SYNTH = (r"fake|faked|deep-?faked?|synthetic|synthesi[sz]ed|artificial|cloned|a clone|ai[- ](?:generated|made|created)|"
          r"(?:computer|machine)[- ]generated|generated|made by (?:an? )?(?:ai|machine|computer|bot)|an? ai|ai|a bot|a robot|not real|forged|spoofed")
_REAL = r"real|genuine|authentic|human|legit(?:imate)?|original"
PROVENANCE = re.compile(
    # "real ... or (a) fake", "AI or a real person"
    rf"\b(?:{_REAL})\b[^.?!]{{0,40}}\bor\b(?: (?:a|an|just|some|is it))* (?:{_SYNTH})\b|\b(?:{_SYNTH})\b[^.?!]{{0,30}}\bor\b(?: (?:a|an|is it|the))* (?:{_REAL})\b|"
    # "is this (voice) fake / AI-generated", "was it cloned"
    rf"\b(?:is|was|are|were)\s+(?:this|that|it|these|those|the (?:\w+ )?(?:voice|recording|clip|audio|file|message|call|song|track))\b(?:\s+\w+){{0,3}}\s+(?:{_SYNTH})\b|"
    # "came out of your voice cloner", "made with your TTS"
    r"\b(?:came|come|comes|coming|generated|made|produced|created|spat out)\s+(?:out of|from|by|with|using)\s+(?:your|the|this|our|an?|audiogpt'?s?)\s+"
    r"(?:\w+\s)?(?:cloner|clone tool|cloning tool|tts|text[- ]to[- ]speech|generator|synthesi[sz]er|ai|model|assistant)\b|"
    # "check / tell me whether it is synthetic"
    rf"\b(?:check|verify|tell|see|find out|know|detect|determine|confirm|figure out)\b[^.?!]{{0,30}}\b(?:whether|if)\b[^.?!]{{0,40}}\b(?:{_SYNTH})\b|"
    # Chinese: "是(不是)AI合成的", "AI生成的吗", "是真是假"
    r"是(?:不是)?[^，。？?]{0,6}(?:AI|ai|人工智能|机器|电脑)?(?:合成|克隆|伪造|假的|生成的|深度伪造)|(?:AI|ai|人工智能|机器|电脑)(?:生成|合成|做|制作)的[^，。]{0,8}(?:吗|嗎|？|\?)|"
    r"真假|真伪|是真是假|真的还是假的|"
    # Japanese: "AIで作られたものか", "本物かどうか", "偽物ですか"
    r"(?:AI|ai|機械|合成|クローン)(?:で|によって|に)?(?:作|生成|合成)(?:られ|され)た|(?:本物|偽物|フェイク)(?:か|です|なの|だ)", re.I)


def asks_provenance(clause: str) -> bool:
    """Whether ``clause`` asks if a recording is real or synthetic (made by a machine or a cloner)."""
    return bool(PROVENANCE.search(clause))
