"""Where deskbreak keeps its files: platformdirs, with env overrides for tests and portable use."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "deskbreak"
CONFIG_DIR_ENV = "DESKBREAK_CONFIG_DIR"
DATA_DIR_ENV = "DESKBREAK_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    """The folders deskbreak reads and writes; every file path is derived from these."""

    config_dir: Path
    data_dir: Path
    state_dir: Path
    log_dir: Path

    runtime_dir: Path
    cache_dir: Path  # rebuilt at will: rendered figures

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def state_file(self) -> Path:
        return self.state_dir / "engine-state.json"

    @property
    def user_routines_dir(self) -> Path:
        return self.data_dir / "routines"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "deskbreak.log"


def default_paths(environ: dict[str, str] | None = None) -> Paths:
    """Platform folders; DESKBREAK_CONFIG_DIR / DESKBREAK_DATA_DIR move config and data (and state, logs)."""
    env = os.environ if environ is None else environ
    config_override = env.get(CONFIG_DIR_ENV)
    data_override = env.get(DATA_DIR_ENV)
    config_dir = Path(config_override) if config_override else platformdirs.user_config_path(APP_NAME, False)
    data_dir = Path(data_override) if data_override else platformdirs.user_data_path(APP_NAME, False)
    if data_override:
        # A portable or test setup keeps everything it writes under the one folder it was given.
        state_dir, log_dir, cache_dir = data_dir / "state", data_dir / "log", data_dir / "cache"
    else:
        state_dir = platformdirs.user_state_path(APP_NAME, False)
        log_dir = platformdirs.user_log_path(APP_NAME, False)
        cache_dir = platformdirs.user_cache_path(APP_NAME, False)
    return Paths(
        config_dir=config_dir,
        data_dir=data_dir,
        state_dir=state_dir,
        log_dir=log_dir,
        runtime_dir=_runtime_dir(env, state_dir),
        cache_dir=cache_dir,
    )


def _runtime_dir(env: Mapping[str, str], state_dir: Path) -> Path:
    """Where the single-instance socket lives: the user's private runtime folder.

    Without a login session (no XDG_RUNTIME_DIR, no /run/user/UID) a folder in the user's own
    state folder is used. Not the shared temp folder: another local user could create
    /tmp/deskbreak-UID first and own it, and every start would then fail.
    """
    if sys.platform.startswith("linux") and not env.get("XDG_RUNTIME_DIR"):
        return state_dir / "run"  # platformdirs would warn and guess /run/user/UID, which may not exist
    runtime = platformdirs.user_runtime_path(APP_NAME, False)
    return runtime if runtime.parent.is_dir() else state_dir / "run"
