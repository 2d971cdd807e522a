"""The task handler (paper: H): validates arguments, resolves files, runs tools, chains steps."""
