"""What the offline planner knows about each tool, derived from the tool registry.

Each tool declares its planner knowledge once, on its class (``Tool.hints``, see
:mod:`audiogpt.tools.hints`); this module turns the registered tools into :class:`ToolInfo`
records. A tool that declares only ``name``, ``description`` and ``examples`` (a plugin, or a
tool added on another branch) still gets a trigger made from its name and its examples feed
the example matchers. :data:`KNOWN_HINTS` holds hints for DESIGN.md tools whose classes may
not be installed: they are planned by name, and a plan naming an unregistered tool is
declined cleanly by the caller.
"""


from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from audiogpt.dialogue.known_tools import DESIGN_ORDER, KNOWN_HINTS, KNOWN_INPUTS, KNOWN_OUTPUTS
from audiogpt.tools.hints import PlannerHints


@dataclass(frozen=True)
class ToolInfo:
    """Planner knowledge about one tool.

    Attributes:
        name: Tool name.
        inputs: File inputs it needs, e.g. ("audio",), ("audio", "reference"), ("image",).
        patterns: (regex, weight) triggers.
        examples: Example requests (embedding and word-overlap matchers).
        summary: Short phrase for "what I can do".
        short: Verb phrase for a plan line.
        label: Heading of its result in a reply.
        outputs: Artifact kinds it produces.
        output_words: Regex naming its output in a later turn ("" = none).
        keeps_voice: Its audio output is the same voice, processed.
        registered: The tool class is installed (False: known by name only).
    """

    name: str
    inputs: tuple[str, ...]
    patterns: tuple[tuple[re.Pattern[str], float], ...]
    examples: tuple[str, ...]
    summary: str
    short: str = ""
    label: str = ""
    outputs: tuple[str, ...] = ("audio",)
    output_words: re.Pattern[str] | None = None
    keeps_voice: bool = False
    registered: bool = True
    derived: bool = field(default=False, compare=False)
    file_args: tuple[tuple[str, str], ...] = ()


def _name_trigger(name: str) -> str:
    """A trigger from a tool's name: every word's stem, in either order ("watermark ... detect")."""
    stems = [re.escape(w[:max(4, len(w) - 3)]) for w in name.split("_") if len(w) > 2]
    if not stems:
        return re.escape(name)
    if len(stems) == 1:
        return rf"\b{stems[0]}\w*"
    fwd = r"\w*\W+(?:\w+\W+){0,3}".join(rf"\b{s}" for s in stems) + r"\w*"
    back = r"\w*\W+(?:\w+\W+){0,3}".join(rf"\b{s}" for s in reversed(stems)) + r"\w*"
    return f"{fwd}|{back}|{re.escape(name)}"


def _first_phrase(text: str) -> str:
    first = re.split(r"[.:;(]", text.strip(), maxsplit=1)[0].strip()
    return (first[:1].lower() + first[1:])[:60] if first else ""


def info_for(tool: Any, hints: PlannerHints | None = None, registered: bool = True) -> ToolInfo:
    """The planner record of a tool class (or of a known tool absent from the registry)."""
    name = tool.name if not isinstance(tool, str) else tool
    own = getattr(tool, "hints", None) if not isinstance(tool, str) else None
    h = own if own is not None and own.intents else (KNOWN_HINTS.get(name) or own or PlannerHints())
    if hints is not None:
        h = hints
    description = getattr(tool, "description", "") if not isinstance(tool, str) else ""
    examples = tuple(dict.fromkeys((*h.examples, *getattr(tool, "examples", ()))))
    patterns = tuple((re.compile(p, re.IGNORECASE), w) for p, w in h.intents)
    derived = not patterns
    if derived:
        patterns = ((re.compile(_name_trigger(name), re.IGNORECASE), 3.5),)
    req_files: tuple[tuple[str, str], ...] = ()
    if isinstance(tool, str):
        inputs = KNOWN_INPUTS.get(name, ("audio",))
        req_files = tuple((a, "audio" if a != "image" else "image") for a in inputs)
        outputs = KNOWN_OUTPUTS.get(name, ("audio",))
    else:
        files = tool.file_args()
        required = set(tool.required_args())
        inputs = tuple(a for a in files if a in required)
        if inputs and files[inputs[0]] == "image" and "audio" in files:
            inputs = ("audio", *inputs)
        outputs = tuple(tool.outputs)
        req_files = tuple((a, k) for a, k in files.items() if a in required)
    words = h.output_words or ""
    summary = h.summary or _first_phrase(description) or name.replace("_", " ")
    return ToolInfo(name=name, inputs=inputs, patterns=patterns, examples=examples,
                    summary=summary, short=h.short or summary, outputs=outputs,
                    label=h.label or name.replace("_", " ").capitalize(),
                    output_words=re.compile(words, re.IGNORECASE) if words else None,
                    keeps_voice=h.keeps_voice, registered=registered, derived=derived,
                    file_args=req_files)


class Catalog(Mapping[str, ToolInfo]):
    """Tool name -> :class:`ToolInfo` for a set of tool classes (built lazily, once).

    Args:
        tools: Tool classes by name; None = the process-wide registry's tools.
        known: Also include :data:`KNOWN_HINTS` tools that are not registered.
    """

    def __init__(self, tools: Mapping[str, Any] | None = None, known: bool = True) -> None:
        self._tools = tools
        self._known = known
        self._infos: dict[str, ToolInfo] | None = None
        self._lock = threading.Lock()
        self.cache: dict[str, Any] = {}  # derived data (example vectors), keyed by use

    def _build(self) -> dict[str, ToolInfo]:
        if self._infos is None:
            with self._lock:
                if self._infos is None:
                    tools = self._tools
                    if tools is None:
                        from audiogpt.registry import get_registry

                        tools = get_registry().tools
                    infos = {n: info_for(t) for n, t in tools.items()}
                    if self._known:
                        for n in KNOWN_HINTS:
                            infos.setdefault(n, info_for(n, registered=False))
                    rank = {n: i for i, n in enumerate(DESIGN_ORDER)}
                    self._infos = dict(sorted(infos.items(),
                                              key=lambda kv: rank.get(kv[0], len(rank))))
        return self._infos

    def __getitem__(self, key: str) -> ToolInfo:
        return self._build()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._build())

    def __len__(self) -> int:
        return len(self._build())

    def producing(self, kind: str) -> set[str]:
        """Tools whose outputs include ``kind``."""
        return {n for n, i in self.items() if kind in i.outputs}

    def no_audio_out(self) -> set[str]:
        """Tools that produce no audio (their output cannot feed an audio step)."""
        return {n for n, i in self.items() if "audio" not in i.outputs}

    def keeps_voice(self) -> set[str]:
        """Tools whose audio output is the same voice, processed."""
        return {n for n, i in self.items() if i.keeps_voice}

    def works_on_audio(self, tool: str | None) -> bool:
        """Whether ``tool`` takes an audio file as its main input (talking_head's audio is the
        voice it animates, not a file to process)."""
        return bool(tool) and tool in self and tool != "talking_head" \
            and self[tool].inputs[:1] == ("audio",)

    def text_out(self) -> set[str]:
        """Tools whose answer is text (a transcript, translation, caption)."""
        return {n for n, i in self.items() if i.outputs[:1] == ("text",)}


CATALOG = Catalog()
"""The catalog of the process-wide registry."""

# Generic verbs that start a new step after "and" ("denoise and transcribe").
ACTION_VERBS = re.compile(
    r"^(?:then |also |please |finally )*(?:transcri|translat|say|speak|read|pronounce|denois|"
    r"clean|enhanc|remove|reduce|separat|split|isolat|extract|convert|make|turn|render|generate|"
    r"create|produce|compose|sing|detect|find|locate|caption|describe|summari|tell|trim|cut|"
    r"crop|join|concat|mix|fade|speed|slow|reverse|normali|amplif|boost|inpaint|fill|restore|"
    r"repair|spatiali|pan|move|place|put|animate|lip|write|give|play|output|save|export|"
    r"identify|classify|tag|list|recogni|voice|clone|change|apply|add|label|dub|narrat|"
    r"synthesi|upsample|resample|show|shift|raise|lower|transpose|pitch|echo|reverb|compress|"
    r"equali|glue|stitch|lay|layer|overlay|tuck|stick|tack)", re.IGNORECASE)
