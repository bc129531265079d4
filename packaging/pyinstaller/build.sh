#!/usr/bin/env bash
# Builds the standalone onedir bundle: dist/pyinstaller/deskbreak/ (kept out of git).
#
#   bash packaging/pyinstaller/build.sh          # build, then run the bundle's smoke check
#
# It builds deskbreak's wheel, installs it with PyInstaller (the `bundle` extra) into a venv of
# its own under build/pyinstaller/, so PyInstaller never enters the app's own environment, and
# freezes that install. PYTHON picks the interpreter (3.11 or newer). On Windows run the same
# steps from Git Bash, or see packaging/README.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work=build/pyinstaller
venv=$work/venv
python=${PYTHON:-python3}
bin=$venv/bin
[ -d "$venv/Scripts" ] && bin=$venv/Scripts  # Windows venvs

started=$SECONDS
echo "bundle: [1/4] build venv ($work/venv)" >&2
[ -x "$bin/python" ] || [ -x "$bin/python.exe" ] || "$python" -m venv "$venv"
[ -d "$venv/Scripts" ] && bin=$venv/Scripts

echo "bundle: [2/4] deskbreak's wheel" >&2
rm -rf "$work/wheel"
"$bin/python" -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir "$work/wheel" .
wheel=$(ls "$work"/wheel/deskbreak-*.whl)

echo "bundle: [3/4] installing the wheel, its dependencies and PyInstaller" >&2
"$bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
"$bin/python" -m pip install --quiet --disable-pip-version-check "$wheel[bundle]"

echo "bundle: [4/4] freezing" >&2
"$bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist/pyinstaller --workpath "$work/work" packaging/pyinstaller/deskbreak.spec
echo "bundle: built dist/pyinstaller/deskbreak in $((SECONDS - started)) s," \
    "$(du -sh dist/pyinstaller/deskbreak | cut -f1) on disk" >&2
bash packaging/pyinstaller/check-bundle.sh dist/pyinstaller/deskbreak
