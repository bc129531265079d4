"""The settings dialog: pages of editors generated from the settings model, validated live by pydantic.

Each page lists top-level entries of `Settings` (a section, or a field such as working hours);
every field of a section gets an editor from its type and metadata (see `settings_fields`),
so a new setting needs its declaration in `core/settings.py` and nothing here unless its type
has no generic editor. The dialog only edits and validates: Apply and OK emit the candidate
settings and the caller saves them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QIcon, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from deskbreak.core.settings import Settings
from deskbreak.ui.icons import app_icon
from deskbreak.ui.programme_editor import SessionsEditor
from deskbreak.ui.settings_editors import PackListEditor, WorkingHoursEditor
from deskbreak.ui.settings_fields import (
    EditorFactory,
    ErrorLine,
    FieldSpec,
    SettingRow,
    errors_by_key,
    fields_of,
    generic_editor,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    title: str
    entries: tuple[str, ...]  # names of Settings fields, each a section or a single setting


PAGES = (
    Page("Schedule", ("schedule", "working_hours")),
    Page("Routines", ("routines",)),
    Page("Programme", ("programme",)),
    Page("Awareness", ("awareness",)),
    Page("Notifications and sound", ("notifications", "sound", "appearance")),
    Page("Start at login", ("startup",)),
)


@dataclass(frozen=True)
class RoutinesInfo:
    """What the Routines page shows besides the settings: the loaded packs and the loader's problems."""

    packs: Sequence[tuple[str, str]] = ()  # (pack id, label) of every loaded pack
    problems: Sequence[str] = ()  # "PATH:LINE:COL: message"
    folder: Path | None = None  # where the user's own packs live


class SettingsDialog(QDialog):
    """Every user setting, grouped in pages; OK / Apply / Cancel / Restore defaults.

    Signals:
        apply_requested(Settings): the user applied valid settings. The receiver saves them and
            answers with `applied()` or `apply_failed()` before the signal returns.
    """

    apply_requested = Signal(object)

    def __init__(
        self,
        settings: Settings,
        routines: RoutinesInfo | None = None,
        autostart_note: str = "",
        parent: QWidget | None = None,
        notes: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("deskbreak settings")
        self.setWindowIcon(app_icon())
        self._notes = dict(notes or {})  # "sound.voice" -> what this computer cannot do for it
        self._applied = settings
        self._routines = routines or RoutinesInfo()
        self.rows: dict[str, SettingRow] = {}
        self._page_of: dict[str, int] = {}
        self._valid: Settings | None = settings

        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Pages")
        self.sidebar.setSpacing(3)
        self.pages = QStackedWidget()
        editors = self._custom_editors()
        for index, page in enumerate(PAGES):
            self.sidebar.addItem(page.title)
            self.pages.addWidget(self._build_page(index, page, editors, autostart_note))
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sidebar.setCurrentRow(0)
        width = self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth() + 24
        self.sidebar.setFixedWidth(width)

        self.status = ErrorLine()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.RestoreDefaults
            | QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.defaults_button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.clicked.connect(self._clicked)

        body = QHBoxLayout()
        body.addWidget(self.sidebar)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self._fill(settings)
        self.resize(820, 640)

    # --- building ---------------------------------------------------------------------------------

    def _custom_editors(self) -> dict[str, EditorFactory]:
        packs = self._routines.packs
        return {
            "working_hours": WorkingHoursEditor,
            "routines.prompt_packs": lambda spec: PackListEditor(spec, packs),
            "programme.sessions": lambda spec: SessionsEditor(spec, packs),
        }

    def _build_page(
        self, index: int, page: Page, editors: dict[str, EditorFactory], autostart_note: str
    ) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(14)
        heading = QLabel(page.title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        sections = [name for name in page.entries if "." in fields_of(Settings, name)[0].key]
        for name in page.entries:
            if len(sections) > 1 and name in sections:
                layout.addWidget(_section_heading(Settings.model_fields[name].title or name.capitalize()))
            for spec in fields_of(Settings, name):
                row = self._row(spec, editors)
                if row is not None:
                    self.rows[spec.key] = row
                    self._page_of[spec.key] = index
                    layout.addWidget(row)
        if "startup" in page.entries and autostart_note:
            note = QLabel(autostart_note)
            note.setWordWrap(True)
            layout.addWidget(note)
        if "routines" in page.entries:
            layout.addWidget(self._pack_problems(), 1)  # the problem list takes the room that is left
        else:
            layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll

    def _row(self, spec: FieldSpec, editors: dict[str, EditorFactory]) -> SettingRow | None:
        try:
            editor = editors.get(spec.key, generic_editor)(spec)
        except TypeError as exc:  # a new setting whose type needs a custom editor; it keeps its value
            log.warning("settings dialog: %s", exc)
            return None
        editor.changed.connect(self._revalidate)
        return SettingRow(spec, editor, note=self._notes.get(spec.key, ""))

    def _pack_problems(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_section_heading("Your own packs and their problems"))
        folder = self._routines.folder
        if folder is not None:
            where = QHBoxLayout()
            path = QLineEdit(str(folder))  # a long path scrolls instead of widening the page
            path.setReadOnly(True)
            path.setAccessibleName("Folder of your own routine packs")
            path.setCursorPosition(0)
            open_button = QPushButton("Open folder")
            open_button.clicked.connect(lambda: _open_folder(folder))
            where.addWidget(QLabel("Folder:"))
            where.addWidget(path, 1)
            where.addWidget(open_button)
            layout.addLayout(where)
        self.problems_view = _ProblemList()
        self.problems_view.setReadOnly(True)
        self.problems_view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.problems_view.setAccessibleName("Problems in routine packs")
        self.problems_view.setMinimumHeight(self.problems_view.fontMetrics().lineSpacing() * 5)
        layout.addWidget(self.problems_view)
        return box

    # --- values -----------------------------------------------------------------------------------

    def _fill(self, settings: Settings) -> None:
        for key, row in self.rows.items():
            row.editor.blockSignals(True)
            row.editor.set_value(_get(settings, key))
            row.editor.blockSignals(False)
        self._revalidate()

    def candidate(self) -> Settings:
        """The settings the widgets describe; raises ValidationError while any of them is invalid."""
        data = self._applied.model_dump()  # a setting without an editor keeps its value
        for key, row in self.rows.items():
            section, _, name = key.partition(".")
            if name:
                data[section][name] = row.editor.value()
            else:
                data[section] = row.editor.value()
        return Settings.model_validate(data)

    def _revalidate(self) -> None:
        try:
            self._valid = self.candidate()
            errors = {}
        except ValidationError as exc:
            self._valid = None
            errors = errors_by_key(exc, list(self.rows))
        for key, row in self.rows.items():
            row.show_errors(errors.get(key, []))
            self._enable_dependants(key)
        bad_pages = {self._page_of[key] for key in errors if key in self._page_of}
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index in range(self.sidebar.count()):
            self.sidebar.item(index).setIcon(warning if index in bad_pages else QIcon())
        unplaced = "; ".join(e.message for e in errors.get("", []))
        self.status.show_message(
            "Fix the marked settings to apply them." + (f" ({unplaced})" if unplaced else "")
            if errors
            else ""
        )
        self.ok_button.setEnabled(self._valid is not None)
        self.apply_button.setEnabled(self._valid is not None and self._valid != self._applied)
        self._show_missing_packs()

    def _enable_dependants(self, key: str) -> None:
        for row in self.rows.values():
            if row.spec.enabled_by == key:
                row.editor.setEnabled(bool(self.rows[key].editor.value()))

    def _show_missing_packs(self) -> None:
        if "routines.prompt_packs" not in self.rows:
            return
        loaded = {pack_id for pack_id, _label in self._routines.packs}
        chosen = self.rows["routines.prompt_packs"].editor.value()
        lines = [
            f"routines.prompt_packs: no pack {pack_id!r} is loaded; prompts skip it"
            for pack_id in chosen
            if pack_id not in loaded
        ]
        folder = self._routines.folder
        inside = f"{folder}{os.sep}" if folder is not None else None
        # The folder is shown above, so a problem in it is named from there: packs/mine.yaml:3:1: ...
        lines += [line.removeprefix(inside) if inside else line for line in self._routines.problems]
        self.problems_view.setPlainText("\n".join(lines) or "Every routine pack loaded without problems.")

    # --- buttons ----------------------------------------------------------------------------------

    def _clicked(self, button: QAbstractButton) -> None:
        role = self.buttons.buttonRole(button)
        if button is self.defaults_button:
            self.restore_defaults()
        elif role == QDialogButtonBox.ButtonRole.ApplyRole:
            self.apply()
        elif role == QDialogButtonBox.ButtonRole.AcceptRole:
            if self.apply():
                self.accept()
        elif role == QDialogButtonBox.ButtonRole.RejectRole:
            self.reject()

    def apply(self) -> bool:
        """Ask for the current settings to be saved; True when they are (or nothing changed)."""
        if self._valid is None:
            return False
        if self._valid != self._applied:
            self.apply_requested.emit(self._valid)
        return self._valid == self._applied

    def restore_defaults(self) -> None:
        """Put every editor back to its default; nothing is saved until Apply or OK."""
        self._fill(Settings())

    def applied(self, settings: Settings) -> None:
        self._applied = settings
        self._revalidate()

    def apply_failed(self, message: str) -> None:
        self.status.show_message(message)

    def show_page(self, title: str) -> None:
        self.sidebar.setCurrentRow([page.title for page in PAGES].index(title))


class _ProblemList(QPlainTextEdit):
    """Read-only lines that take the room left on the page but ask for no more than a few lines."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumHeight())


def _get(settings: Settings, key: str) -> Any:
    value: Any = settings
    for part in key.split("."):
        value = getattr(value, part)
    return value


def _section_heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _open_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("cannot create %s: %s", folder, exc)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
