"""The actions a user can take from the tray menu or the status window, as one shared menu."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from deskbreak.core.effects import Status
from deskbreak.core.events import BreakNow, ChecklistToggled, PostureChanged, Resume, Snooze, StartRoutine

PAUSE_CHOICES = (("30m", "30 minutes"), ("1h", "1 hour"), ("2h", "2 hours"), ("tomorrow", "Until tomorrow"))


@dataclass(frozen=True)
class Habit:
    """A recovery item the user ticks for today from the menu."""

    checklist_id: str
    item_id: str
    label: str


class AppMenu(QObject):
    """Builds the menu and keeps its actions enabled only where they make sense.

    Signals:
        intent(Event): an engine event chosen by the user (snooze, resume, posture, routine).
        pause_chosen(str): "30m", "1h", "2h" or "tomorrow".
        settings_requested(), about_requested(), quit_requested().
    """

    intent = Signal(object)
    pause_chosen = Signal(str)
    settings_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()
    progress_requested = Signal()
    check_in_requested = Signal()
    chair_setup_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = QMenu()
        self.menu.setObjectName("deskbreak-menu")
        self.status_action = self.menu.addAction("deskbreak")
        self.status_action.setEnabled(False)
        self.menu.addSeparator()
        self.today_menu = self.menu.addMenu("Today")
        self.today_menu.setObjectName("today-menu")
        self.break_now_action = self._add(self.menu, "Take a break now", lambda: self.intent.emit(BreakNow()))
        self.routines_menu = self.menu.addMenu("Start a routine now")
        self.standing_action = self._add(
            self.menu, "I'm standing", lambda: self.intent.emit(PostureChanged("standing"))
        )
        self.sitting_action = self._add(
            self.menu, "I'm sitting", lambda: self.intent.emit(PostureChanged("sitting"))
        )
        self.snooze_action = self._add(self.menu, "Snooze", lambda: self.intent.emit(Snooze()))
        self._posture_actions = (self.standing_action, self.sitting_action)
        for action in self._posture_actions:  # only in the menu at a standing desk (see update_status)
            self.menu.removeAction(action)
        self.pause_menu = self.menu.addMenu("Pause")
        for key, label in PAUSE_CHOICES:
            self._add(self.pause_menu, label, lambda _checked=False, k=key: self.pause_chosen.emit(k))
        self.resume_action = self._add(self.menu, "Resume", lambda: self.intent.emit(Resume()))
        self.menu.addSeparator()
        self.progress_action = self._add(self.menu, "Progress…", self.progress_requested.emit)
        self.settings_action = self._add(self.menu, "Settings…", self.settings_requested.emit)
        self.about_action = self._add(self.menu, "About deskbreak", self.about_requested.emit)
        self.menu.addSeparator()
        self.quit_action = self._add(self.menu, "Quit", self.quit_requested.emit)
        self.set_routines([])
        self.set_today([], [], frozenset())

    def set_routines(self, packs: list[tuple[str, str]]) -> None:
        """`packs` is (id, label) pairs; an empty list disables the submenu with an explanation."""
        self.routines_menu.clear()
        for pack_id, label in packs:
            self._add(
                self.routines_menu, label, lambda _checked=False, p=pack_id: self.intent.emit(StartRoutine(p))
            )
        if not packs:
            self.routines_menu.addAction("No routine packs loaded").setEnabled(False)

    def set_today(self, sessions: Sequence[str], habits: Sequence[Habit], ticked: frozenset[str]) -> None:
        """The day's programme: session lines (read only), the habits to tick, and the check-ins."""
        menu = self.today_menu
        menu.clear()
        for line in sessions:
            menu.addAction(line).setEnabled(False)
        if sessions and habits:
            menu.addSeparator()
        for habit in habits:
            action = self._add(
                menu,
                habit.label,
                lambda checked, h=habit: self.intent.emit(
                    ChecklistToggled(h.checklist_id, h.item_id, checked)
                ),
            )
            action.setCheckable(True)
            action.setChecked(habit.item_id in ticked)
        if sessions or habits:
            menu.addSeparator()
        self._add(menu, "How stiff is your back today?…", self.check_in_requested.emit)
        self._add(menu, "Chair and desk set-up…", self.chair_setup_requested.emit)

    def update_status(self, status: Status, line: str, standing_desk: bool) -> None:
        self.status_action.setText(line)
        # Removed rather than hidden: some trays draw a hidden action greyed out instead.
        wanted = (
            (self.standing_action if status.posture == "sitting" else self.sitting_action,)
            if standing_desk
            else ()
        )
        for action in self._posture_actions:
            if action not in wanted:
                self.menu.removeAction(action)
            elif action not in self.menu.actions():
                self.menu.insertAction(self.snooze_action, action)
        self.snooze_action.setEnabled(status.phase == "prompting")
        self.resume_action.setEnabled(status.phase == "paused")
        self.pause_menu.setEnabled(status.phase != "paused")
        self.break_now_action.setEnabled(status.phase not in ("prompting", "in_routine"))

    def actions_by_text(self) -> dict[str, QAction]:
        """Every action reachable from the menu, by its text (for tests and the status window)."""
        found: dict[str, QAction] = {}
        stack = [self.menu]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                if action.menu() is not None:
                    stack.append(action.menu())  # type: ignore[arg-type]
                elif action.text():
                    found[action.text()] = action
        return found

    @staticmethod
    def _add(menu: QMenu, text: str, slot: object) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        return action
