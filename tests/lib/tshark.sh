# tests/lib/tshark.sh - run the stock tshark with or without our plugin, as the tests need it.
#
# tshark run as root ignores the per-user plugin folder (and WIRESHARK_PLUGIN_DIR), and CI runs as
# root. So the plugin goes into the per-user folder of a private, world-readable HOME, and tshark
# runs there as an unprivileged user (nobody) when we are root. Captures are given on standard
# copied into that HOME, so that they need not be readable by that user where they are (CI clones
# into a private folder), and stay seekable for two-pass runs (-2).
#
# Source this file; then:
#   ft_home_with_plugin PLUGIN.so   prints a new HOME holding the plugin (checked with -G plugins)
#   ft_home_without_plugin          prints a new HOME without it (checked too)
#   ft_tshark HOME CAPTURE ARGS...  tshark -r CAPTURE ARGS..., as the user of that HOME
#   ft_tshark_noinput HOME ARGS...  tshark ARGS... (for -G and the like)
#   ft_as_user HOME COMMAND...      any command, run the same way
#   ft_remove_home HOME
#
# Copyright 2026 The FaceTime SDP dissector authors
#
# SPDX-License-Identifier: GPL-2.0-or-later

ft_die() {
    echo "error: $*" >&2
    exit 1
}

# "4.0" for TShark 4.0.17: the plugin folder is named after major.minor.
ft_wireshark_release() {
    tshark --version 2>/dev/null | sed -n '1s/.* \([0-9][0-9]*\.[0-9][0-9]*\)\.[0-9][0-9]*.*/\1/p'
}

# Wireshark's global configuration folder (colorfilters, ...), as tshark -G folders names it.
ft_wireshark_datadir() {
    tshark -G folders 2>/dev/null | awk -F'\t' '/^Global configuration:/ { print $2 }'
}

# With FT_SANITIZER_PRELOAD set (the tests of a sanitized plugin), tshark runs with that runtime
# preloaded: the stock tshark is not instrumented, our plugin is, and ASan must come first. wmem
# and GLib are switched to one malloc per allocation, or ASan could not see past the end of a
# buffer carved from their larger blocks (all our packet memory comes from wmem). Leak detection
# is off because tshark itself does not free everything at exit; leaks of ours are found by the
# fuzzers and by valgrind (tests/hostile/valgrind).
ft_sanitizer_env() {
    [ -n "${FT_SANITIZER_PRELOAD:-}" ] || return 0
    printf '%s\n' "LD_PRELOAD=$FT_SANITIZER_PRELOAD" \
        "ASAN_OPTIONS=halt_on_error=1:detect_leaks=0:exitcode=86" \
        "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=87" \
        "WIRESHARK_DEBUG_WMEM_OVERRIDE=simple" "G_SLICE=always-malloc"
}

# Runs COMMAND as the user of HOME: nobody when we are root, with a clean environment.
ft_as_user() {
    local home=$1
    shift
    # An empty extcap folder: tshark would otherwise start every extcap program at start-up, which
    # costs time and, with a sanitizer runtime preloaded into them, can hang (androiddump does).
    local environment=(HOME="$home" PATH="$PATH" LANG=C.UTF-8 WIRESHARK_EXTCAP_DIR="$home/extcap")
    mapfile -t -O "${#environment[@]}" environment < <(ft_sanitizer_env)
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u nobody -- env -i "${environment[@]}" "$@"
    else
        env -i "${environment[@]}" "$@"
    fi
}

ft_tshark_noinput() {
    local home=$1
    shift
    ft_as_user "$home" tshark "$@"
}

# The copy of CAPTURE inside HOME (made on first use), readable by HOME's user.
ft_capture_copy() {
    local home=$1 capture=$2
    [ -r "$capture" ] || ft_die "cannot read capture $capture"
    local copy
    copy="$home/captures/$(printf '%s' "$capture" | tr -c 'A-Za-z0-9._-' '_')"
    if [ ! -f "$copy" ]; then
        mkdir -p "$home/captures"
        cp "$capture" "$copy"
        chmod a+rX "$home/captures" "$copy"
    fi
    echo "$copy"
}

ft_tshark() {
    local home=$1 capture=$2
    shift 2
    local copy
    copy=$(ft_capture_copy "$home" "$capture")
    ft_tshark_noinput "$home" -r "$copy" "$@"
}

ft_new_home() {
    local home plugins
    home=$(mktemp -d "${TMPDIR:-/tmp}/facetime-home.XXXXXX") || ft_die "mktemp failed"
    # Every per-user folder tshark scans exists: 3.4's tshark, with a sanitizer runtime preloaded,
    # deadlocks in glibc's gettext lock the first time GLib reports a folder it cannot open.
    plugins=$home/.local/lib/wireshark/plugins/$(ft_wireshark_release)
    mkdir -p "$home/extcap" "$plugins/epan" "$plugins/wiretap" "$plugins/codecs" \
        "$home/.config/wireshark/plugins" "$home/.config/wireshark/extcap"
    chmod -R a+rX "$home"
    echo "$home"
}

ft_home_with_plugin() {
    local plugin=$1 home release dir
    [ -f "$plugin" ] || ft_die "no plugin at $plugin (build first)"
    release=$(ft_wireshark_release)
    [ -n "$release" ] || ft_die "cannot tell the Wireshark release from tshark --version"
    home=$(ft_new_home)
    dir="$home/.local/lib/wireshark/plugins/$release/epan"
    mkdir -p "$dir"
    cp "$plugin" "$dir/facetime.so"
    chmod -R a+rX "$home"
    if ! ft_tshark_noinput "$home" -G plugins | grep -q "^facetime\.so"; then
        ft_tshark_noinput "$home" -G plugins >&2 || true
        ft_die "tshark -G plugins does not list facetime.so loaded from $dir"
    fi
    echo "$home"
}

ft_home_without_plugin() {
    local home
    home=$(ft_new_home)
    if ft_tshark_noinput "$home" -G plugins | grep -q "^facetime\.so"; then
        ft_die "a facetime.so is installed system-wide: stock tshark is not stock here"
    fi
    echo "$home"
}

ft_remove_home() {
    case "$1" in
        */facetime-home.*) rm -rf "$1" ;;
        *) ft_die "refusing to remove $1" ;;
    esac
}
