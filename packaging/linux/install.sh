#!/usr/bin/env sh
# Puts deskbreak's launcher entry, AppStream metainfo and icons where a Linux desktop finds them
# for one user (no root), or removes them again:
#
#   packaging/linux/install.sh              # after `pipx install .` (or pip install --user .)
#   packaging/linux/install.sh --uninstall  # removes exactly the files the install wrote
#
# The launcher starts the `deskbreak` found on PATH now, by its full path, so it also works when
# the desktop session's PATH lacks ~/.local/bin. Settings, history and routines are never touched.
# Honours XDG_DATA_HOME (default ~/.local/share); DESKBREAK_BIN overrides the program to start.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
app_id=io.github.deskbreak.Deskbreak
data_home=${XDG_DATA_HOME:-$HOME/.local/share}

installed_files() {
    echo "applications/$app_id.desktop"
    echo "metainfo/$app_id.metainfo.xml"
    (cd "$here/icons" && find hicolor -type f -name "$app_id.*" | sort | sed 's|^|icons/|')
}

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data_home/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data_home/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
    fi
}

desktop_value() {
    # An Exec argument: quoted when the path has a space or a reserved character, per the spec.
    case $1 in
        *[[:space:]\"\'\\\$\`]*) printf '"%s"' "$(printf '%s' "$1" | sed -e 's/[\\"`$]/\\\\&/g')" ;;
        *) printf '%s' "$1" ;;
    esac
}

install_files() {
    program=${DESKBREAK_BIN:-$(command -v deskbreak || true)}
    if [ -z "$program" ]; then
        echo "install.sh: deskbreak is not on PATH; install it first (pipx install .), then run this again" >&2
        exit 1
    fi
    program=$(cd "$(dirname "$program")" && pwd)/$(basename "$program")
    mkdir -p "$data_home/applications" "$data_home/metainfo"
    exec_value=$(desktop_value "$program")
    while IFS= read -r line; do
        case $line in
            Exec=deskbreak*) printf 'Exec=%s%s\n' "$exec_value" "${line#Exec=deskbreak}" ;;
            TryExec=deskbreak) printf 'TryExec=%s\n' "$program" ;; # a plain path, never quoted
            *) printf '%s\n' "$line" ;;
        esac
    done <"$here/$app_id.desktop" >"$data_home/applications/$app_id.desktop"
    cp "$here/$app_id.metainfo.xml" "$data_home/metainfo/$app_id.metainfo.xml"
    (cd "$here/icons" && find hicolor -type f -name "$app_id.*") | while read -r icon; do
        mkdir -p "$data_home/icons/$(dirname "$icon")"
        cp "$here/icons/$icon" "$data_home/icons/$icon"
    done
    refresh_caches
    echo "installed the deskbreak launcher for $program under $data_home"
}

uninstall_files() {
    installed_files | while read -r file; do
        rm -f "$data_home/$file"
    done
    refresh_caches
    echo "removed the deskbreak launcher, metainfo and icons from $data_home"
}

case ${1:-} in
    "") install_files ;;
    --uninstall) uninstall_files ;;
    --list) installed_files ;;
    *)
        echo "usage: $0 [--uninstall | --list]" >&2
        exit 2
        ;;
esac
