"""Start at login, one interface over the three OS conventions: XDG autostart, the Run key, a LaunchAgent.

Inside a Flatpak sandbox none of them reaches the host (the autostart folder there is the app's
private one), so that backend refuses in words instead of writing an entry nothing reads.

Each backend writes or removes one per-user entry that starts deskbreak with `--autostart`.
The entry is what the OS acts on, so it is the truth: the app reads it back with `is_enabled()`
at start and adjusts the `startup.start_at_login` setting when someone removed (or disabled) the
entry outside deskbreak.
"""

from __future__ import annotations

import configparser
import os
import plistlib
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol
from xml.parsers.expat import ExpatError

from deskbreak import APP_ID
from deskbreak.core.atomic import write_atomic

ENTRY_ID = APP_ID
AUTOSTART_FLAG = "--autostart"


class Autostart(Protocol):
    """A per-user login item for deskbreak."""

    def is_enabled(self) -> bool:
        """Whether the OS will start deskbreak at the next login."""
        ...

    def enable(self, command: Sequence[str]) -> None:
        """Start `command` (plus --autostart) at login; raises OSError if the entry cannot be written."""
        ...

    def disable(self) -> None:
        """Stop starting at login; nothing happens if it was not on."""
        ...

    def describe(self) -> str:
        """Where the entry lives, in words for the settings page and `deskbreak doctor`."""
        ...


def launch_command(platform: str = sys.platform) -> list[str]:
    """How to start this deskbreak: the frozen app, its entry point, or the interpreter with -m.

    The entry point beside the running interpreter wins over one found on PATH, so a virtual
    environment starts itself rather than some other installed copy.
    """
    if getattr(sys, "frozen", False):
        return [sys.executable]
    windows = platform == "win32"
    name = "deskbreak-gui.exe" if windows else "deskbreak"  # the GUI script opens no console window
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return [str(beside)]
    found = shutil.which(name)
    if found:
        return [str(Path(found).absolute())]
    interpreter = Path(sys.executable)
    if windows and (interpreter.parent / "pythonw.exe").is_file():
        interpreter = interpreter.parent / "pythonw.exe"
    return [str(interpreter), "-m", "deskbreak"]


def pick_autostart(
    platform: str = sys.platform, environ: Mapping[str, str] | None = None, home: Path | None = None
) -> Autostart:
    env = os.environ if environ is None else environ
    home = home or Path.home()
    if platform == "win32":
        return WindowsRunKey()
    if platform == "darwin":
        return MacLaunchAgent(home)
    if "FLATPAK_ID" in env:  # set by `flatpak run` inside the sandbox
        return SandboxedAutostart()
    return XdgAutostart.from_environment(env, home)


class SandboxedAutostart:
    """A Flatpak sandbox: an entry written here would never be read at login.

    The way in is the Background portal (RequestBackground with autostart), which deskbreak does
    not use yet; until it does, the user is told what to do instead.
    """

    REFUSAL = (
        "inside the Flatpak sandbox deskbreak cannot add itself to your login items yet; add "
        f"'flatpak run {APP_ID} {AUTOSTART_FLAG}' to your desktop's startup applications instead"
    )

    def is_enabled(self) -> bool:
        return False

    def enable(self, command: Sequence[str]) -> None:
        raise OSError(self.REFUSAL)

    def disable(self) -> None:
        """Nothing was written, so there is nothing to remove."""

    def describe(self) -> str:
        return "not available inside the Flatpak sandbox"


# --- Linux and other XDG desktops -----------------------------------------------------------------

# Characters that make the Desktop Entry spec require an Exec argument to be quoted.
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def exec_quote(argument: str) -> str:
    """One Exec= argument, quoted and escaped as the Desktop Entry spec asks (before string escaping)."""
    argument = argument.replace("%", "%%")  # % starts a field code
    if argument and not _EXEC_RESERVED.intersection(argument):
        return argument
    return '"' + re.sub(r'(["`$\\])', r"\\\1", argument) + '"'


def _string_value(value: str) -> str:
    """A desktop-entry string value: backslashes and control characters escaped."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def autostart_entry(command: Sequence[str]) -> str:
    """The text of deskbreak's autostart .desktop file for `command`."""
    exec_line = " ".join(exec_quote(arg) for arg in [*command, AUTOSTART_FLAG])
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=deskbreak\n"
        "GenericName=Break reminder\n"
        "Comment=Reminds you to change posture every 45–60 minutes of sitting\n"
        f"Exec={_string_value(exec_line)}\n"
        f"TryExec={_string_value(command[0])}\n"
        f"Icon={ENTRY_ID}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


class XdgAutostart:
    """`$XDG_CONFIG_HOME/autostart/<app id>.desktop`, as the XDG Autostart spec describes.

    Turning it off deletes the file, or, when a system-wide entry of the same name exists in
    `$XDG_CONFIG_DIRS/autostart`, writes `Hidden=true` so that one is overridden too.
    """

    def __init__(self, user_dir: Path, system_dirs: Sequence[Path] = ()) -> None:
        self.path = user_dir / f"{ENTRY_ID}.desktop"
        self._system_paths = [folder / f"{ENTRY_ID}.desktop" for folder in system_dirs]

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], home: Path) -> XdgAutostart:
        config_home = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
        config_dirs = [Path(p) for p in (environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":") if p]
        return cls(config_home / "autostart", [folder / "autostart" for folder in config_dirs])

    def is_enabled(self) -> bool:
        for path in [self.path, *self._system_paths]:
            entry = _read_desktop_entry(path)
            if entry is not None:  # the first file found decides, as the spec's precedence says
                hidden = entry.get("Hidden", "false") == "true"
                return not hidden and entry.get("X-GNOME-Autostart-enabled", "true") != "false"
        return False

    def enable(self, command: Sequence[str]) -> None:
        write_atomic(self.path, autostart_entry(command).encode("utf-8"))

    def disable(self) -> None:
        if any(_read_desktop_entry(path) is not None for path in self._system_paths):
            text = "[Desktop Entry]\nType=Application\nName=deskbreak\nHidden=true\n"
            write_atomic(self.path, text.encode("utf-8"))
        else:
            self.path.unlink(missing_ok=True)

    def describe(self) -> str:
        return f"an autostart entry, {_home_relative(self.path)}"


def _read_desktop_entry(path: Path) -> dict[str, str] | None:
    """The [Desktop Entry] keys of a file, or None if there is no readable entry."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    try:
        parser.read_string(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, configparser.Error):
        return None
    if not parser.has_section("Desktop Entry"):
        return None
    return dict(parser.items("Desktop Entry"))


# --- Windows -------------------------------------------------------------------------------------

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
# Where Task Manager's "Startup apps" records an entry the user disabled (first byte odd = disabled).
STARTUP_APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
RUN_VALUE = "deskbreak"


class Registry(Protocol):
    """The part of the `winreg` module deskbreak uses; tests pass a fake with the same shape."""

    HKEY_CURRENT_USER: int
    KEY_READ: int
    KEY_SET_VALUE: int
    REG_SZ: int

    def OpenKey(self, key: Any, sub_key: str, reserved: int = 0, access: int = ...) -> Any: ...
    def CreateKeyEx(self, key: Any, sub_key: str, reserved: int = 0, access: int = ...) -> Any: ...
    def QueryValueEx(self, key: Any, name: str) -> tuple[Any, int]: ...
    def SetValueEx(self, key: Any, name: str, reserved: int, type: int, value: Any) -> None: ...
    def DeleteValue(self, key: Any, value: str) -> None: ...


def _winreg() -> Registry:
    if sys.platform == "win32":
        import winreg

        return winreg  # type: ignore[return-value, unused-ignore]  # the module has these functions and constants
    raise OSError("the Windows registry exists only on Windows")


class WindowsRunKey:
    """A `deskbreak` value under HKCU's Run key: the command line Windows runs at login."""

    def __init__(self, registry: Registry | None = None) -> None:
        self._reg = registry

    @property
    def reg(self) -> Registry:
        if self._reg is None:
            self._reg = _winreg()
        return self._reg

    def is_enabled(self) -> bool:
        command = self._query(RUN_KEY)
        if not command:
            return False
        approved = self._query(STARTUP_APPROVED_KEY)
        return not (isinstance(approved, bytes) and approved[:1] and approved[0] & 1)

    def enable(self, command: Sequence[str]) -> None:
        reg = self.reg
        with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
            reg.SetValueEx(key, RUN_VALUE, 0, reg.REG_SZ, subprocess.list2cmdline([*command, AUTOSTART_FLAG]))
        self._delete(STARTUP_APPROVED_KEY)  # a "disabled" mark from Task Manager would keep it off

    def disable(self) -> None:
        self._delete(RUN_KEY)
        self._delete(STARTUP_APPROVED_KEY)

    def describe(self) -> str:
        return rf'the "{RUN_VALUE}" value in HKEY_CURRENT_USER\{RUN_KEY}'

    def _query(self, sub_key: str) -> Any:
        reg = self.reg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, sub_key, 0, reg.KEY_READ) as key:
                return reg.QueryValueEx(key, RUN_VALUE)[0]
        except FileNotFoundError:
            return None

    def _delete(self, sub_key: str) -> None:
        reg = self.reg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, sub_key, 0, reg.KEY_SET_VALUE) as key:
                reg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            pass


# --- macOS ---------------------------------------------------------------------------------------


class MacLaunchAgent:
    """`~/Library/LaunchAgents/<app id>.plist` with RunAtLoad: launchd starts it at the next login."""

    def __init__(self, home: Path) -> None:
        self.path = home / "Library" / "LaunchAgents" / f"{ENTRY_ID}.plist"

    def is_enabled(self) -> bool:
        try:
            agent = plistlib.loads(self.path.read_bytes())
        except (OSError, ValueError, ExpatError):  # InvalidFileException is a ValueError
            return False
        return (
            isinstance(agent, dict) and agent.get("RunAtLoad") is True and agent.get("Disabled") is not True
        )

    def enable(self, command: Sequence[str]) -> None:
        agent = {
            "Label": ENTRY_ID,
            "ProgramArguments": [*command, AUTOSTART_FLAG],
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        write_atomic(self.path, plistlib.dumps(agent, fmt=plistlib.FMT_XML))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def describe(self) -> str:
        return f"a login item (LaunchAgent), {_home_relative(self.path)}"


def _home_relative(path: Path) -> str:
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)
