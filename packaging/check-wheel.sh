#!/usr/bin/env bash
# Builds the wheel, installs it into a clean venv outside the source tree and runs it from there,
# so a file missing from the wheel (packs, icons, sounds, illustrations) fails here rather than on
# a user's machine. check_wheel_data.py compares every data file of the source with the install.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/.venv/bin/python" -m build --wheel --outdir "$work/dist" "$root" >/dev/null
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$work"/dist/deskbreak-*.whl

cd "$work"  # nothing from the source tree is importable from here
export DESKBREAK_CONFIG_DIR="$work/config" DESKBREAK_DATA_DIR="$work/data" QT_QPA_PLATFORM=offscreen
run() {
    echo "+ deskbreak $*"
    "$work/venv/bin/deskbreak" "$@"
}
run --version
run schedule --days 1
run routines list
run routines show stand-up-reset
run validate "$("$work/venv/bin/python" -c 'from deskbreak.core.resources import bundled_path; print(bundled_path("routines"))')"
echo "+ check_wheel_data.py"
"$work/venv/bin/python" "$root/packaging/check_wheel_data.py" "$root" "$work/venv/bin/deskbreak"
echo "wheel check passed"
