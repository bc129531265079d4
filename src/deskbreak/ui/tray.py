"""The system tray icon: its glyph shows the state, its tooltip the next prompt, its menu the actions."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from deskbreak.core.effects import Status
from deskbreak.ui.icons import app_icon, panel_variant, tray_icon
from deskbreak.ui.menu import AppMenu


class Tray(QObject):
    """Wraps QSystemTrayIcon; a left click asks for the status window.

    Signals:
        open_requested(): the user clicked the icon.
        message_clicked(): the user clicked a balloon message (the prompt fallback).
    """

    open_requested = Signal()
    message_clicked = Signal()

    def __init__(self, menu: AppMenu, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The app's own icon until the first status picks a glyph: the icon is shown before the
        # engine reports, and Qt warns about an icon without a picture.
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setContextMenu(menu.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(self.message_clicked.emit)
        self._look: tuple[str, str] | None = None

    @property
    def look(self) -> tuple[str, str] | None:
        """The glyph on show: the phase it draws and the colour setting it was drawn for."""
        return self._look

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def update_status(self, status: Status, line: str, icon_colour: str = "auto") -> None:
        look = (status.phase, icon_colour)
        if look != self._look:
            self._look = look
            self.icon.setIcon(tray_icon(status.phase, panel_variant(icon_colour)))
        self.icon.setToolTip(f"deskbreak\n{line}")

    def show_message(self, title: str, body: str) -> None:
        self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 15_000)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()
