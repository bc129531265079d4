#!/usr/bin/env bash
# Collects the wheels the Flatpak build installs from: deskbreak's own, built here, and its
# dependencies as published for the runtime's Python (3.12, x86_64 Linux), into
# packaging/flatpak/wheels/ (kept out of git). pip fetches them from the package index it is
# configured for; the Flatpak build then runs without network.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
wheels="$root/packaging/flatpak/wheels"
python=${PYTHON:-python3}
rm -rf "$wheels"
mkdir -p "$wheels"
"$python" -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir "$wheels" "$root"
"$python" -m pip download --quiet --disable-pip-version-check --dest "$wheels" \
    --only-binary=:all: --python-version 3.12 --implementation cp --abi cp312 \
    --platform manylinux_2_34_x86_64 --platform manylinux_2_28_x86_64 --platform manylinux2014_x86_64 \
    --platform manylinux_2_17_x86_64 --platform linux_x86_64 "$wheels"/deskbreak-*.whl
ls "$wheels"
