"""A small, movable window with the tray's status and actions, for desktops without a tray."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from deskbreak.core.effects import Status
from deskbreak.ui.icons import app_icon
from deskbreak.ui.menu import AppMenu

NO_TRAY_EXPLANATION = (
    "Your desktop has no system tray, so deskbreak shows this window instead. "
    "On GNOME, the AppIndicator extension adds a tray. Closing this window keeps deskbreak "
    "running; start deskbreak again to bring it back."
)


class StatusWindow(QWidget):
    """Status line plus the most used actions; the ⋯ button opens the full menu.

    Signals:
        dismissed_explanation(): the user closed the "no tray" note; it is not shown again.
    """

    dismissed_explanation = Signal()

    def __init__(self, menu: AppMenu, explain_no_tray: bool) -> None:
        super().__init__()
        self.setWindowTitle("")  # Qt shows the app's name alone
        self.setWindowIcon(app_icon())
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, on=False)
        self._menu = menu

        self.status_label = QLabel("deskbreak")
        self.status_label.setObjectName("status")
        font = self.status_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.status_label.setFont(font)
        self.status_label.setAccessibleName("Status")

        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Latest message")
        self.note.hide()

        self.explanation = QWidget()
        self.dismiss_button = close_note = QToolButton()
        note = QLabel(NO_TRAY_EXPLANATION)
        note.setWordWrap(True)
        close_note.setText("Got it")
        close_note.clicked.connect(self._dismiss_explanation)
        note_row = QHBoxLayout(self.explanation)
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.addWidget(note, 1)
        note_row.addWidget(close_note, 0, Qt.AlignmentFlag.AlignTop)
        self.explanation.setVisible(explain_no_tray)

        buttons = QHBoxLayout()
        self.break_button = self._button("Take a break now", menu.break_now_action.trigger)
        self.snooze_button = self._button("Snooze", menu.snooze_action.trigger)
        self.pause_button = QPushButton("Pause")
        self.pause_button.setMenu(menu.pause_menu)
        self.resume_button = self._button("Resume", menu.resume_action.trigger)
        more = QToolButton()
        more.setText("⋯")
        more.setAccessibleName("More actions")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more.setMenu(menu.menu)
        for widget in (self.break_button, self.snooze_button, self.pause_button, self.resume_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(more)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.explanation)

    def update_status(self, status: Status, line: str) -> None:
        self.status_label.setText(line)
        self.snooze_button.setEnabled(self._menu.snooze_action.isEnabled())
        self.resume_button.setVisible(status.phase == "paused")
        self.pause_button.setVisible(status.phase != "paused")
        self.break_button.setEnabled(self._menu.break_now_action.isEnabled())

    def show_note(self, text: str) -> None:
        """A message the tray would show as a balloon (welcome back, a refused action)."""
        self.note.setText(text)
        self.note.show()

    def bring_up(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # closing only hides: the app keeps running in the background
        self.hide()

    def _dismiss_explanation(self) -> None:
        self.explanation.hide()
        self.adjustSize()
        self.dismissed_explanation.emit()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button
