"""deskbreak: a quiet tray app that breaks up sitting with sit/stand prompts and guided routines."""

__version__ = "0.1.0"

APP_ID = "io.github.deskbreak.Deskbreak"
"""The app id: the .desktop file's name, the notification's desktop entry, the LaunchAgent label."""
