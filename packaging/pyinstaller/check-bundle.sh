#!/usr/bin/env bash
# Smoke check of a built bundle on this machine: `--version`, `routines list`, then the tray app on
# a throwaway X server (Xvfb, trayer, a private session bus) until its icon is embedded, then quit.
#
#   bash packaging/pyinstaller/check-bundle.sh dist/pyinstaller/deskbreak
#
# Prints the seconds from launch to an embedded icon. Without Xvfb, trayer or dbus-daemon the tray
# step is skipped, except under CI=true, where it fails.
set -euo pipefail
bundle=$(cd "${1:?usage: check-bundle.sh BUNDLE_FOLDER}" && pwd)
exe=$bundle/deskbreak
tmp=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp"  # nothing from a source tree is reachable from here
mkdir -m 700 run
export DESKBREAK_CONFIG_DIR=$tmp/config DESKBREAK_DATA_DIR=$tmp/data XDG_RUNTIME_DIR=$tmp/run
unset WAYLAND_DISPLAY

echo "+ deskbreak --version"
QT_QPA_PLATFORM=offscreen "$exe" --version
echo "+ deskbreak routines list"
QT_QPA_PLATFORM=offscreen "$exe" routines list

missing=""
for tool in Xvfb trayer dbus-daemon; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    [ "${CI:-}" = true ] && { echo "bundle check: CI must provide:$missing" >&2; exit 1; }
    echo "bundle check: tray step skipped (missing:$missing)"
    exit 0
fi

display=:$((100 + RANDOM % 100))
while [ -e "/tmp/.X11-unix/X${display#:}" ]; do display=:$((100 + RANDOM % 100)); done
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY=$display QT_QPA_PLATFORM=xcb
read -r DBUS_SESSION_BUS_ADDRESS bus_pid < <(dbus-daemon --session --fork --print-address=1 --print-pid=1 | paste -sd' ')
export DBUS_SESSION_BUS_ADDRESS
pids+=("$bus_pid")
trayer --edge top --align right --widthtype request --height 26 >/dev/null 2>&1 &
pids+=($!)
sleep 0.5

echo "+ deskbreak (the tray app, on $display)"
launched=$(date +%s.%N)
"$exe" >"$tmp/app.log" 2>&1 &
app=$!
pids+=("$app")
embedded=""
deadline=$((SECONDS + 30))
while [ $SECONDS -lt $deadline ] && kill -0 "$app" 2>/dev/null; do
    status=$("$exe" ctl status --json 2>/dev/null | tr -d ' \n' || true)
    if [[ $status =~ \"geometry\":\[[0-9]+,[0-9]+,[1-9] ]]; then  # a width: the icon is embedded
        embedded=$(date +%s.%N)
        break
    fi
    sleep 0.05
done
if [ -z "$embedded" ]; then
    echo "bundle check: the tray icon never embedded; the app said:" >&2
    cat "$tmp/app.log" >&2
    exit 1
fi
echo "tray icon embedded $(echo "$embedded - $launched" | bc) s after launch"
"$exe" ctl quit >/dev/null
wait "$app"
if [ -s "$tmp/app.log" ]; then
    echo "bundle check: the app printed while running:" >&2
    cat "$tmp/app.log" >&2
    exit 1
fi
echo "bundle check passed"
