"""``python -m audiogpt``: the command line."""

from audiogpt.interfaces.cli import main

if __name__ == "__main__":
    main()
