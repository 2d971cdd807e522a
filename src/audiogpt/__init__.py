"""audiogpt: understand and create speech, music, sound and talking-head video by talking to it.

Heavy libraries are imported lazily so that ``import audiogpt`` and ``audiogpt --help`` stay fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
