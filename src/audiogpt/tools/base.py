"""Tool declarations: name, LLM-facing description, typed arguments and output kinds.

A tool is a class with a pydantic ``Args`` model. File arguments are annotated with
:data:`AudioFile`, :data:`ImageFile` or :data:`AnyFile` so the task handler knows to import
them into the artifact store and the schema tells an LLM they are files. An argument that is
either an example file or a text label (``target`` of target_sound_detection) is annotated
with :data:`AudioFileOrLabel`: the runner imports it when it names a file the caller may name
and passes it on as a label otherwise; backends never open a path themselves.

Example::

    class Echo(Tool):
        name = "echo"
        description = "Repeat the audio."
        outputs = ("audio",)

        class Args(ToolArgs):
            audio: AudioFile = Field(description="The audio to repeat.")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult
from audiogpt.tools.hints import PlannerHints


@dataclass(frozen=True)
class FileKind:
    """Marks a string argument as a file of the given kind (audio, image, any).

    Attributes:
        kind: ``audio``, ``image`` or ``any``.
        or_label: The value may also be a text label instead of a file.
    """

    kind: str
    or_label: bool = False


AudioFile = Annotated[str, FileKind("audio"), Field(json_schema_extra={"format": "audio-file"})]
ImageFile = Annotated[str, FileKind("image"), Field(json_schema_extra={"format": "image-file"})]
AnyFile = Annotated[str, FileKind("any"), Field(json_schema_extra={"format": "file"})]
AudioFileOrLabel = Annotated[str, FileKind("audio", or_label=True),
                             Field(json_schema_extra={"format": "audio-file-or-label"})]


class ToolArgs(BaseModel):
    """Base of every tool's argument model: unknown arguments are rejected."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _first_error(exc: ValidationError, tool: str) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(x) for x in err.get("loc", ())) or "arguments"
    msg = err.get("msg", "invalid value")
    if err.get("type") == "missing":
        return f"{tool}: missing required argument --{loc}"
    if err.get("type") == "extra_forbidden":
        return f"{tool}: unknown argument --{loc}"
    return f"{tool}: invalid --{loc}: {msg}"


def _file_kind(metadata: list[Any], annotation: Any) -> FileKind | None:
    """Find a FileKind marker in field metadata or nested in the annotation (e.g. X | None)."""
    for meta in metadata:
        if isinstance(meta, FileKind):
            return meta
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, FileKind):
            return meta
    for arg in get_args(annotation):
        kind = _file_kind([], arg)
        if kind:
            return kind
    return None


class Tool:
    """A task the assistant can perform. Subclasses set the class attributes.

    Attributes:
        name: Fixed tool name (DESIGN.md).
        description: What the tool does, written for an LLM choosing tools.
        Args: The pydantic model of the arguments.
        outputs: Kinds of artifact produced (audio, image, video, midi, text).
        examples: Example user requests (used by prompts and the offline planner).
        hints: What the dialogue engine needs to route to it (:class:`PlannerHints`):
            trigger phrases (en/zh/ja), summary, reply label, the words naming its output.
            Optional: with only ``name``, ``description`` and ``examples`` the offline
            planner still routes to the tool.
        voice_args: File arguments that may instead name an enrolled voice (resolved first
            by the runner: an enrolled voice name, then an artifact id or a file).
    """

    name: ClassVar[str]
    description: ClassVar[str]
    Args: ClassVar[type[ToolArgs]]
    outputs: ClassVar[tuple[str, ...]] = ("audio",)
    examples: ClassVar[tuple[str, ...]] = ()
    hints: ClassVar[PlannerHints] = PlannerHints()
    #: How results of blocks of a long recording merge (``text``, ``events``, ``audio``), or
    #: None when the tool needs the whole file (it then refuses inputs over ``max_input_s``).
    chunking: ClassVar[str | None] = None
    #: Longest audio input in seconds when ``chunking`` is None (None: 20 minutes).
    max_input_s: ClassVar[float | None] = None
    voice_args: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def file_args(cls) -> dict[str, str]:
        """Map of argument name to file kind for the file arguments (always files)."""
        return {n: k.kind for n, k in cls._markers().items() if not k.or_label}

    @classmethod
    def file_or_label_args(cls) -> dict[str, str]:
        """Map of argument name to file kind for the arguments that are a file or a label."""
        return {n: k.kind for n, k in cls._markers().items() if k.or_label}

    @classmethod
    def _markers(cls) -> dict[str, FileKind]:
        found: dict[str, FileKind] = {}
        for fname, info in cls.Args.model_fields.items():
            kind = _file_kind(info.metadata, info.annotation)
            if kind:
                found[fname] = kind
        return found

    @classmethod
    def input_schema(cls) -> dict[str, Any]:
        """JSON Schema of the arguments (as sent to an LLM)."""
        schema = cls.Args.model_json_schema()
        schema.pop("title", None)
        for prop in schema.get("properties", {}).values():
            prop.pop("title", None)
        return schema

    @classmethod
    def required_args(cls) -> list[str]:
        """Names of the required arguments."""
        return [n for n, f in cls.Args.model_fields.items() if f.is_required()]

    @classmethod
    def validate(cls, raw: dict[str, Any]) -> ToolArgs:
        """Validate raw arguments into the ``Args`` model.

        Raises:
            ToolInputError: One line naming the first problem.
        """
        try:
            args = cls.Args.model_validate(raw)
        except ValidationError as exc:
            raise ToolInputError(_first_error(exc, cls.name)) from None
        cls.check(args)
        return args

    @classmethod
    def check(cls, args: ToolArgs) -> None:
        """Extra checks across arguments; raise ToolInputError. Override when needed."""



__all__ = ["AnyFile", "AudioFile", "AudioFileOrLabel", "FileKind", "ImageFile", "Output",
           "PlannerHints", "Tool", "ToolArgs", "ToolResult"]
