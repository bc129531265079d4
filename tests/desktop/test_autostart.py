"""Start at login: the XDG entry for real (validated), the Run key and the LaunchAgent against their formats."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak import APP_ID
from deskbreak.desktop.autostart import (
    ENTRY_ID,
    RUN_KEY,
    STARTUP_APPROVED_KEY,
    MacLaunchAgent,
    SandboxedAutostart,
    WindowsRunKey,
    XdgAutostart,
    autostart_entry,
    launch_command,
    pick_autostart,
)
from tests.x11.conftest import need

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> XdgAutostart:
    """The real backend, with XDG_CONFIG_HOME (and no system-wide folders) under tmp_path."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "config-dirs"))
    backend = pick_autostart("linux", home=tmp_path / "home")
    assert isinstance(backend, XdgAutostart)
    return backend


def validate(path: Path) -> None:
    need("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "", result.stdout  # no warnings or hints either


# --- XDG autostart (Linux and other free desktops) --------------------------------------------------


def test_turning_it_on_writes_a_valid_entry_and_off_removes_it(xdg: XdgAutostart, tmp_path: Path) -> None:
    assert not xdg.is_enabled()
    xdg.enable(["/opt/deskbreak/bin/deskbreak"])
    assert xdg.path == tmp_path / "config-home" / "autostart" / f"{ENTRY_ID}.desktop"
    assert xdg.path.is_file()
    assert "Exec=/opt/deskbreak/bin/deskbreak --autostart\n" in xdg.path.read_text(encoding="utf-8")
    validate(xdg.path)
    assert xdg.is_enabled()
    xdg.disable()
    assert not xdg.path.exists()
    assert not xdg.is_enabled()
    xdg.disable()  # already off: nothing to do, no error


def test_an_awkward_command_is_quoted_and_still_valid(xdg: XdgAutostart) -> None:
    command = ["/home/me/my apps/venv/bin/python", "-m", "deskbreak", '100% "sure" $HOME\\x']
    xdg.enable(command)
    validate(xdg.path)
    exec_line = next(line for line in xdg.path.read_text().splitlines() if line.startswith("Exec="))
    assert parse_exec(exec_line.removeprefix("Exec=")) == [*command, "--autostart"]


def test_a_system_wide_entry_is_hidden_rather_than_deleted(xdg: XdgAutostart, tmp_path: Path) -> None:
    system = tmp_path / "config-dirs" / "autostart" / f"{ENTRY_ID}.desktop"
    system.parent.mkdir(parents=True)
    system.write_text(autostart_entry(["/usr/bin/deskbreak"]), encoding="utf-8")
    assert xdg.is_enabled()  # the packaged entry counts until the user's own overrides it
    xdg.disable()
    assert "Hidden=true" in xdg.path.read_text(encoding="utf-8")
    validate(xdg.path)
    assert not xdg.is_enabled()
    xdg.enable(["/usr/bin/deskbreak"])
    assert xdg.is_enabled()


def test_an_entry_switched_off_by_the_desktop_counts_as_off(xdg: XdgAutostart) -> None:
    xdg.enable(["deskbreak"])
    text = xdg.path.read_text(encoding="utf-8")
    xdg.path.write_text(text.replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"))
    assert not xdg.is_enabled()
    xdg.path.write_text("not a desktop entry at all", encoding="utf-8")
    assert not xdg.is_enabled()


def test_the_packaged_launcher_entry_is_valid() -> None:
    launcher = REPO / "packaging" / "linux" / f"{ENTRY_ID}.desktop"
    validate(launcher)


def test_the_entry_id_is_the_app_id() -> None:
    from deskbreak import APP_ID

    assert ENTRY_ID == APP_ID


def parse_exec(value: str) -> list[str]:
    """Read an Exec= value back as the Desktop Entry spec says: string escapes, then quoting, then %%."""
    unescaped, i = [], 0
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in escapes:
            unescaped.append(escapes[value[i + 1]])
            i += 2
        else:
            unescaped.append(value[i])
            i += 1
    text = "".join(unescaped)
    args: list[str] = []
    current: list[str] | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"':
            current = current or []
            i += 1
            while text[i] != '"':
                if text[i] == "\\" and text[i + 1] in '"`$\\':
                    i += 1
                current.append(text[i])
                i += 1
        elif char == " ":
            if current is not None:
                args.append("".join(current))
            current = None
        else:
            current = (current or []) + [char]
        i += 1
    if current is not None:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


@given(st.lists(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1), min_size=1, max_size=4))
def test_every_command_reads_back_as_it_was_written(command: list[str]) -> None:
    text = autostart_entry(command)
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert parse_exec(exec_line.removeprefix("Exec=")) == [*command, "--autostart"]


# --- Windows: the Run key --------------------------------------------------------------------------


class FakeKey:
    def __init__(self, path: str, access: int) -> None:
        self.path, self.access = path, access

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class FakeWinreg:
    """The `winreg` calls deskbreak makes, on a dict; it checks the hive and the access rights."""

    HKEY_CURRENT_USER = 0x80000001
    KEY_READ = 0x20019
    KEY_SET_VALUE = 0x0002
    REG_SZ = 1
    REG_BINARY = 3

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[Any, int]]] = {RUN_KEY: {"OneDrive": ("onedrive.exe", 1)}}

    def OpenKey(self, key: Any, sub_key: str, reserved: int = 0, access: int = KEY_READ) -> FakeKey:
        assert key == self.HKEY_CURRENT_USER  # per user, never the machine
        if sub_key not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(sub_key, access)

    def CreateKeyEx(self, key: Any, sub_key: str, reserved: int = 0, access: int = KEY_READ) -> FakeKey:
        assert key == self.HKEY_CURRENT_USER
        self.keys.setdefault(sub_key, {})
        return FakeKey(sub_key, access)

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[Any, int]:
        try:
            return self.keys[key.path][name]
        except KeyError:
            raise FileNotFoundError(2, "The system cannot find the file specified") from None

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, type: int, value: Any) -> None:
        if not key.access & self.KEY_SET_VALUE:
            raise PermissionError(5, "Access is denied")
        self.keys[key.path][name] = (value, type)

    def DeleteValue(self, key: FakeKey, value: str) -> None:
        if not key.access & self.KEY_SET_VALUE:
            raise PermissionError(5, "Access is denied")
        if value not in self.keys[key.path]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del self.keys[key.path][value]


def test_the_run_key_holds_one_quoted_command_line() -> None:
    registry = FakeWinreg()
    run_key = WindowsRunKey(registry)
    assert not run_key.is_enabled()
    run_key.enable([r"C:\Program Files\deskbreak\deskbreak-gui.exe"])
    value, kind = registry.keys[RUN_KEY]["deskbreak"]
    assert value == r'"C:\Program Files\deskbreak\deskbreak-gui.exe" --autostart'
    assert kind == registry.REG_SZ
    assert run_key.is_enabled()
    run_key.disable()
    assert "deskbreak" not in registry.keys[RUN_KEY]
    assert registry.keys[RUN_KEY] == {"OneDrive": ("onedrive.exe", 1)}  # others' entries untouched
    assert not run_key.is_enabled()
    run_key.disable()


def test_an_entry_disabled_in_task_manager_counts_as_off_until_turned_on_again() -> None:
    registry = FakeWinreg()
    run_key = WindowsRunKey(registry)
    run_key.enable([r"C:\deskbreak\deskbreak-gui.exe"])
    registry.keys[STARTUP_APPROVED_KEY] = {"deskbreak": (b"\x03\x00\x00\x00" + bytes(8), registry.REG_BINARY)}
    assert not run_key.is_enabled()
    run_key.enable([r"C:\deskbreak\deskbreak-gui.exe"])
    assert "deskbreak" not in registry.keys[STARTUP_APPROVED_KEY]
    assert run_key.is_enabled()


@pytest.mark.skipif(sys.platform == "win32", reason="this is Windows")
def test_the_registry_is_only_opened_on_windows() -> None:
    backend = pick_autostart("win32")
    with pytest.raises(OSError, match="only on Windows"):
        backend.is_enabled()


# --- macOS: a LaunchAgent ------------------------------------------------------------------------


def test_the_launch_agent_is_a_property_list_launchd_reads(tmp_path: Path) -> None:
    agent = pick_autostart("darwin", home=tmp_path)
    assert isinstance(agent, MacLaunchAgent)
    assert not agent.is_enabled()
    agent.enable(["/Applications/deskbreak.app/Contents/MacOS/deskbreak"])
    assert agent.path == tmp_path / "Library" / "LaunchAgents" / f"{ENTRY_ID}.plist"
    raw = agent.path.read_bytes()
    assert raw.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"'
    )
    assert plistlib.loads(raw) == {
        "Label": ENTRY_ID,
        "ProgramArguments": ["/Applications/deskbreak.app/Contents/MacOS/deskbreak", "--autostart"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    if shutil.which("plutil"):
        subprocess.run(["plutil", "-lint", str(agent.path)], check=True)
    assert agent.is_enabled()
    agent.disable()
    assert not agent.path.exists()
    assert not agent.is_enabled()


def test_a_disabled_or_damaged_launch_agent_counts_as_off(tmp_path: Path) -> None:
    agent = MacLaunchAgent(tmp_path)
    agent.enable(["/usr/local/bin/deskbreak"])
    data = plistlib.loads(agent.path.read_bytes())
    agent.path.write_bytes(plistlib.dumps({**data, "Disabled": True}))
    assert not agent.is_enabled()
    agent.path.write_bytes(b"<plist><dict><key>RunAtLoad")
    assert not agent.is_enabled()


# --- what is started -----------------------------------------------------------------------------


def test_the_entry_point_beside_the_interpreter_is_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").touch()
    (bin_dir / "deskbreak").touch()
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    assert launch_command("linux") == [str(bin_dir / "deskbreak")]


def test_without_an_entry_point_the_interpreter_runs_the_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python3"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert launch_command("linux") == [str(tmp_path / "python3"), "-m", "deskbreak"]


def test_on_windows_the_console_free_entry_point_is_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "deskbreak-gui.exe").touch()
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python.exe"))
    assert launch_command("win32") == [str(tmp_path / "deskbreak-gui.exe")]


def test_inside_a_flatpak_sandbox_start_at_login_is_refused_in_words(tmp_path: Path) -> None:
    """The sandbox's autostart folder is private: an entry there would silently do nothing."""
    home = tmp_path / "home"
    backend = pick_autostart("linux", environ={"FLATPAK_ID": APP_ID}, home=home)
    assert isinstance(backend, SandboxedAutostart)
    assert not backend.is_enabled()
    with pytest.raises(OSError, match=r"add 'flatpak run io\.github\.deskbreak\.Deskbreak --autostart'"):
        backend.enable(["/app/bin/deskbreak"])
    backend.disable()
    assert backend.describe() == "not available inside the Flatpak sandbox"
    assert not home.exists()  # nothing written
