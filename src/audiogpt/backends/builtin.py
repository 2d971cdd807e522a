"""The built-in backends, registered through the ``audiogpt.backends`` entry-point group.

Strings are imported lazily by the registry; backend modules keep heavy imports inside
functions so listing the backends stays fast.
"""

BACKENDS = [
    "audiogpt.backends.edit:DSPEdit",
]
