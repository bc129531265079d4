"""deskbreak: a quiet tray app that breaks up sitting with sit/stand prompts and guided routines."""

__version__ = "0.1.0"
