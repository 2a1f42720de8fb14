"""One module per sco-tracker command. Keep imports at module level light (click only)."""
