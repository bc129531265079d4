"""Widgets: they draw state and emit the user's intents; they never decide anything."""
