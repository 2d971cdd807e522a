"""Tools: one per task (fixed names, see DESIGN.md). Each tool file declares its arguments."""
