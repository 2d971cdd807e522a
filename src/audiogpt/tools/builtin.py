"""The built-in tools, registered through the ``audiogpt.tools`` entry-point group.

Strings are imported lazily by the registry; tool modules import only pydantic.
"""

TOOLS = [
    "audiogpt.tools.audio_edit:AudioEdit",
]
