"""A checklist to work through once, such as the chair and desk set-up: tick what is done, keep the answers."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from deskbreak.core.routines.checklists import Checklist
from deskbreak.ui.icons import app_icon


class ChecklistWindow(QWidget):
    """Each item as a check box with its why underneath; Save hands back every item's state.

    Signals:
        saved(dict[str, bool]): item id -> ticked, for the items whose state changed.
    """

    saved = Signal(object)

    def __init__(self, checklist: Checklist, ticked: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.checklist = checklist
        self.setWindowTitle(checklist.title)
        self.setWindowIcon(app_icon())
        self.setAccessibleName(checklist.title)
        heading = QLabel(checklist.title)
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        summary = QLabel(checklist.summary)
        summary.setWordWrap(True)

        already = set(ticked)
        self._was = {item.id: item.id in already for item in checklist.items}
        self.boxes: dict[str, QCheckBox] = {}
        items = QWidget()
        column = QVBoxLayout(items)
        column.setSpacing(10)
        for item in checklist.items:
            box = QCheckBox(item.label)
            box.setChecked(item.id in already)
            box.setAccessibleDescription(item.detail)
            detail = QLabel(item.detail)
            detail.setWordWrap(True)
            detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            detail.setContentsMargins(24, 0, 0, 0)
            column.addWidget(box)
            column.addWidget(detail)
            self.boxes[item.id] = box
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(items)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 620)

    def _save(self) -> None:
        now = {item_id: box.isChecked() for item_id, box in self.boxes.items()}
        self.saved.emit({item_id: on for item_id, on in now.items() if on != self._was[item_id]})
        self.close()
