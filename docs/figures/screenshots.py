"""Renders the player screenshots in docs/images/, in the light and the dark theme.

    .venv/bin/python docs/figures/screenshots.py             # rewrites docs/images/player-*.png
    .venv/bin/python docs/figures/screenshots.py --live evening-mobility 12
        # opens the real window on the screen, 12 s into the routine (try it under QT_SCALE_FACTOR=1.5)

The player runs on a fake clock, so each picture shows an exact moment of a bundled pack.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from deskbreak.core.clock import FakeClock
from deskbreak.core.routines.library import load_library

HERE = Path(__file__).resolve().parent
IMAGES = HERE.parent / "images"
DARK = {
    "Window": "#1e2227",
    "WindowText": "#e6e9ee",
    "Base": "#16191d",
    "Text": "#e6e9ee",
    "Button": "#2a2f36",
    "ButtonText": "#e6e9ee",
}
# (file name, pack, seconds into the routine with a 5-second lead-in, size)
MOMENTS = (
    ("player-lead-in", "evening-mobility", 2.0),
    ("player-hold", "evening-mobility", 40.0),
    ("player-switch", "evening-mobility", 97.0),
    ("player-caution", "strength-session", 72.0),
)
REPS = ("player-reps", "glute-activation", "glute-bridge")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--live", nargs=2, metavar=("PACK", "SECONDS"), help="open the window on the screen")
    args = parser.parse_args()
    if not args.live:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
    from PySide6.QtWidgets import QApplication

    from deskbreak.ui.player import PlayerOptions, PlayerWindow

    app = QApplication(sys.argv)
    library = load_library(Path("/nonexistent"))  # bundled packs only
    light = app.palette()
    dark = QPalette(light)
    for role, colour in DARK.items():
        dark.setColor(getattr(QPalette.ColorRole, role), QColor(colour))

    def window(pack_id: str, seconds: float, size: QSize, clock: FakeClock) -> PlayerWindow:
        loaded = library.packs[pack_id]
        player = PlayerWindow(
            loaded.pack,
            loaded.timeline,
            dict(library.catalogue.exercises),
            clock.elapsed,
            None,
            show_cautions=False,
            size=size,
            options=PlayerOptions(lead_in_seconds=5),
        )
        player.begin()
        clock.advance(seconds=seconds)
        player.refresh()
        return player

    if args.live:
        clock = FakeClock(datetime.now(UTC))
        player = window(args.live[0], float(args.live[1]), QSize(1000, 680), clock)
        player.open_centred()
        return app.exec()

    IMAGES.mkdir(exist_ok=True)
    for theme, palette in (("light", light), ("dark", dark)):
        app.setPalette(palette)
        for name, pack_id, seconds in MOMENTS:
            player = window(pack_id, seconds, QSize(1000, 680), FakeClock(datetime.now(UTC)))
            player.show()
            app.processEvents()
            player.grab().save(str(IMAGES / f"{name}-{theme}.png"))
            if (name, theme) == ("player-hold", "light"):
                player.grab().save(str(IMAGES / "player.png"))  # the README's picture
            player.close()
        # A later start: what the pack needs, a one-line reminder of its cautions, its sources.
        loaded = library.packs["strength-session"]
        clock = FakeClock(datetime.now(UTC))
        start = PlayerWindow(
            loaded.pack,
            loaded.timeline,
            dict(library.catalogue.exercises),
            clock.elapsed,
            None,
            show_cautions=False,
            size=QSize(1000, 680),
            options=PlayerOptions(lead_in_seconds=5),
        )
        start.show()
        app.processEvents()
        start.grab().save(str(IMAGES / f"player-reminder-{theme}.png"))
        start.close()
        # One rep of the bridge: where it starts and the held top, side by side.
        name, pack_id, exercise = REPS
        loaded = library.packs[pack_id]
        start = _start_of(loaded.timeline, exercise, 5)
        tempo = next(s.seconds_per_rep for s in loaded.timeline.segments if s.exercise_id == exercise) or 5
        shots = []
        for into in (start + 2 * tempo, start + 2 * tempo + tempo / 2):
            player = window(pack_id, into, QSize(760, 520), FakeClock(datetime.now(UTC)))
            player.show()
            app.processEvents()
            shots.append(player.grab())
            player.close()
        both = QPixmap(shots[0].width() * 2 + 12, shots[0].height())
        both.fill(palette.color(QPalette.ColorRole.Window))
        painter = QPainter(both)
        painter.drawPixmap(0, 0, shots[0])
        painter.drawPixmap(shots[0].width() + 12, 0, shots[1])
        painter.end()
        both.save(str(IMAGES / f"{name}-{theme}.png"))
    print(f"wrote {len(MOMENTS) * 2 + 4} screenshots to {IMAGES}")
    return 0


def _start_of(timeline: object, exercise_id: str, lead_in: float) -> float:
    from deskbreak.core.player import stages_of
    from deskbreak.core.routines.plan import Timeline

    assert isinstance(timeline, Timeline)
    total = 0.0
    for stage in stages_of(timeline, lead_in):
        if not stage.is_lead_in and timeline.segments[stage.index].exercise_id == exercise_id:
            return total
        total += stage.seconds
    raise SystemExit(f"no {exercise_id} in {timeline.pack_id}")


if __name__ == "__main__":
    sys.exit(main())
