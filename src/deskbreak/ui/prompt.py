"""The sit/stand prompt: a small always-on-top window near the tray that never takes the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from deskbreak.core.effects import PromptInfo
from deskbreak.core.wording import done_label, prompt_reason, prompt_title, routine_label, snooze_label
from deskbreak.ui.icons import app_icon

MARGIN = 12


class PromptWindow(QWidget):
    """Shows one PromptInfo; its buttons say which answer the user chose.

    Signals:
        answered(str): "routine", "done", "snooze" or "skip" (the app adds the prompt's id).
    """

    answered = Signal(str)

    def __init__(self) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle("Time to move")  # Qt appends the app's name
        self.setAccessibleName("deskbreak prompt")
        self._drag_from: QPoint | None = None

        self.frame = QFrame(self)
        self.frame.setObjectName("promptFrame")
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(36, 36))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel()
        self.title.setObjectName("promptTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setObjectName("promptReason")

        self.routine_button = QPushButton()
        self.routine_button.setObjectName("routineButton")
        self.routine_button.clicked.connect(lambda: self.answered.emit("routine"))
        self.done_button = QPushButton()
        self.done_button.clicked.connect(lambda: self.answered.emit("done"))
        self.snooze_button = QPushButton()
        self.snooze_button.clicked.connect(lambda: self.answered.emit("snooze"))
        self.skip_button = QPushButton("Skip")
        self.skip_button.setToolTip("Not this time: the sitting timer starts again")
        self.skip_button.clicked.connect(lambda: self.answered.emit("skip"))
        for button in (self.routine_button, self.done_button, self.snooze_button, self.skip_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never steal keys from the user's work

        buttons = self._buttons = QHBoxLayout()
        buttons.addWidget(self.routine_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.skip_button)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.reason)
        text.addSpacing(6)
        text.addLayout(buttons)
        row = QHBoxLayout(self.frame)
        row.setContentsMargins(16, 14, 16, 14)
        row.setSpacing(14)
        row.addWidget(icon)
        row.addLayout(text, 1)
        outer = self._outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self._base_width = max(460, self.fontMetrics().averageCharWidth() * 72)
        margins = row.contentsMargins()
        # Beside the text column: the frame's margins, the icon, the spacing and a border of up to 3 px.
        self._side_width = margins.left() + margins.right() + icon.sizeHint().width() + row.spacing() + 2 * 3

    def show_prompt(self, prompt: PromptInfo, anchor: QRect | None = None) -> None:
        self.title.setText(prompt_title(prompt))
        self.reason.setText(prompt_reason(prompt))
        label = routine_label(prompt)
        self.routine_button.setVisible(label is not None)
        if label is not None and prompt.offer is not None:
            self.routine_button.setText(f"▶ {label}")
            self.routine_button.setAccessibleName(
                f"Start the routine {prompt.offer.title}, {prompt.offer.minutes} minutes"
            )
        self.done_button.setText(done_label(prompt.kind))
        self.snooze_button.setText(snooze_label(prompt))
        self.snooze_button.setVisible(prompt.can_snooze)
        self._style_for_level(prompt.level)
        # A fixed width (wide enough for every button), so wrapped text gets its height before placing.
        self.setFixedWidth(max(self._base_width, self._buttons.sizeHint().width() + self._side_width))
        self.setFixedHeight(self._outer.totalHeightForWidth(self.width()))
        self.move(self._position(anchor))
        self.show()
        self.raise_()

    def _style_for_level(self, level: int) -> None:
        # More present at each level: an accent border at 2, a thicker one and a default button at 3.
        border = {1: "1px solid palette(mid)", 2: "2px solid #e66100", 3: "3px solid #e66100"}[min(level, 3)]
        self.frame.setStyleSheet(
            f"#promptFrame {{ background: palette(window); border: {border}; border-radius: 10px; }}"
        )
        self.routine_button.setDefault(level >= 3)
        # A font, not a style sheet: the button's size hint must include the bold text it will draw.
        font = self.routine_button.font()
        font.setBold(level >= 3)
        self.routine_button.setFont(font)

    def _position(self, anchor: QRect | None) -> QPoint:
        """Next to the tray icon when its place is known, else the bottom-right of the pointer's screen."""
        screen = (
            QGuiApplication.screenAt(anchor.center() if anchor else QCursor.pos())
            or QGuiApplication.primaryScreen()
        )
        area = screen.availableGeometry()
        size = self.size()
        if anchor is not None and anchor.isValid() and not anchor.isEmpty():
            x = min(
                max(anchor.center().x() - size.width() // 2, area.left() + MARGIN),
                area.right() - size.width() - MARGIN,
            )
            below = anchor.center().y() < area.center().y()
            y = anchor.bottom() + MARGIN if below else anchor.top() - size.height() - MARGIN
            return QPoint(x, min(max(y, area.top() + MARGIN), area.bottom() - size.height() - MARGIN))
        return QPoint(area.right() - size.width() - MARGIN * 2, area.bottom() - size.height() - MARGIN * 2)

    # The window has no title bar; it can be dragged by its background.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.globalPosition().toPoint() - self.frameGeometry().topLeft()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self.move(event.globalPosition().toPoint() - self._drag_from)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
