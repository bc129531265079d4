"""The rest of the back-care programme: scheduled sessions (evening mobility, strength) and the day's checklist.

The calendar rules are pure (calendar.py); the engine decides when a due session becomes a prompt,
with the same holds and the same care about sleep and absences as the sitting prompts.
"""
