# tests/tshark/lib.sh - assertions for the tshark-driven tests.
#
# A test script sources this with the plugin and the source tree as $1 and $2:
#   . "$(dirname "$0")/lib.sh" "$@"
# and then uses:
#   run CAPTURE TSHARK_ARGS...      tshark with the plugin (stdout only)
#   run_stock CAPTURE TSHARK_ARGS...  stock tshark, without it
#   frames CAPTURE FILTER           how many frames match a display filter
#   lines CAPTURE TSHARK_ARGS...    how many lines tshark prints (lines_stock: stock tshark)
#   matching REGEX CAPTURE TSHARK_ARGS...  how many of them match an extended regular expression
#   fields CAPTURE FILTER FIELD...  -T fields values, one line a frame, booleans as 1/0
#   counts run|run_stock CAPTURE TSHARK_ARGS...  "sip sdp rtp rtcp stun data": frames of each
#   table TITLE COLUMNS CAPTURE TSHARK_ARGS...  the rows of a -z table, only the columns named
#                                   (comma-separated headers), joined by " |"
#   $FT_DISSECTOR_BUG               the name of the "dissector bug" marker in this release
#   on_3x VALUE_3X VALUE            VALUE_3X on a 3.x release, VALUE from 4.0 on: for what stock
#                                   Wireshark does or prints differently there (each use says what)
#   check NAME ACTUAL EXPECTED      one assertion
#   finish                          prints "N passed, N failed" and exits accordingly
# frames, lines, matching and fields print "tshark failed" when tshark does, so that the check
# using them fails (a failing command inside "$(...)" would otherwise pass for an empty answer,
# and a count of 0 for a right one).
#
# Copyright 2026 The FaceTime SDP dissector authors
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail
export LC_ALL=C

[ $# -ge 2 ] || { echo "usage: $0 PLUGIN.so SOURCE_DIR" >&2; exit 2; }
FT_PLUGIN=$1
FT_SOURCE=$2
FIXTURES=$FT_SOURCE/fixtures

# shellcheck source=tests/lib/tshark.sh
. "$FT_SOURCE/tests/lib/tshark.sh"

FT_HOME=$(ft_home_with_plugin "$FT_PLUGIN")
FT_STOCK_HOME=$(ft_home_without_plugin)
FT_SCRATCH=$(mktemp -d)
# A field of _ws.malformed up to 4.0; a protocol of its own from 4.2 on.
case "$(ft_wireshark_release)" in
    3.* | 4.0) FT_DISSECTOR_BUG=_ws.malformed.dissector_bug ;;
    *) FT_DISSECTOR_BUG=_ws.dissector_bug ;;
esac
FT_RELEASE=$(ft_wireshark_release)
on_3x() {
    case "$FT_RELEASE" in
        3.*) echo "$1" ;;
        *) echo "$2" ;;
    esac
}
trap 'ft_remove_home "$FT_HOME"; ft_remove_home "$FT_STOCK_HOME"; rm -rf "$FT_SCRATCH"' EXIT

ft_passed=0
ft_failed=0

# tshark as HOME's user; its error output is shown when it fails, and any sanitizer report is
# kept for finish() (runs happen in subshells, so a counter would not survive).
tshark_in() {
    local home=$1
    shift
    local status=0
    ft_tshark "$home" "$@" 2> "$FT_SCRATCH/stderr" || status=$?
    if grep -q -E 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$FT_SCRATCH/stderr"; then
        { echo "tshark -r $*"; cat "$FT_SCRATCH/stderr"; } >> "$FT_SCRATCH/sanitizer-reports"
    fi
    if [ "$status" -ne 0 ]; then
        cat "$FT_SCRATCH/stderr" >&2
        return "$status"
    fi
}

run() {
    tshark_in "$FT_HOME" "$@"
}

run_stock() {
    tshark_in "$FT_STOCK_HOME" "$@"
}

frames() {
    local numbers
    numbers=$(run "$1" -Y "$2" -T fields -e frame.number) || { echo "tshark failed"; return 1; }
    [ -z "$numbers" ] && echo 0 || wc -l <<< "$numbers"
}

count_lines_of() {
    local output
    output=$("$@") || { echo "tshark failed"; return 1; }
    [ -z "$output" ] && echo 0 || wc -l <<< "$output"
}

lines() {
    count_lines_of run "$@"
}

lines_stock() {
    count_lines_of run_stock "$@"
}

matching() {
    local pattern=$1 output
    shift
    output=$(run "$@") || { echo "tshark failed"; return 1; }
    grep -c -E -- "$pattern" <<< "$output" || true
}

# 4.0 prints booleans as 1/0, 4.4 and later as True/False: compare in one form. 3.4 prints every
# hexadecimal value with 8 digits, later releases with as many as the field has (0x0001 for a
# 16-bit field): compare in the later form.
fields() {
    local capture=$1 filter=$2
    shift 2
    local args=()
    for field in "$@"; do
        args+=(-e "$field")
    done
    local values
    values=$(run "$capture" -Y "$filter" -T fields -E occurrence=a -E aggregator=, "${args[@]}") ||
        { echo "tshark failed"; return 1; }
    [ -z "$values" ] || values=$(sed -e 's/\bTrue\b/1/g' -e 's/\bFalse\b/0/g' <<< "$values")
    if grep -q -E '\b0x[0-9a-f]{8}\b' <<< "$values"; then
        values=$(ft_hex_to_field_width "$values" "$@")
    fi
    [ -z "$values" ] || printf '%s\n' "$values"
}

# Rewrites each 8-digit hexadecimal value of column N to the width of the Nth field given.
ft_hex_to_field_width() {
    local values=$1 widths=() field type
    shift
    [ -s "$FT_SCRATCH/field-types" ] || ft_tshark_noinput "$FT_STOCK_HOME" -G fields 2> /dev/null |
        awk -F'\t' '$1 == "F" { print $3 "\t" $4 }' > "$FT_SCRATCH/field-types"
    for field in "$@"; do
        type=$(awk -F'\t' -v f="$field" '$1 == f { print $2; exit }' "$FT_SCRATCH/field-types")
        case "$type" in
            FT_UINT8 | FT_INT8) widths+=(2) ;;
            FT_UINT16 | FT_INT16) widths+=(4) ;;
            FT_UINT24 | FT_INT24) widths+=(6) ;;
            *) widths+=(8) ;;
        esac
    done
    awk -F'\t' -v OFS='\t' -v widths="${widths[*]}" '
        BEGIN { n = split(widths, width, " ") }
        {
            for (i = 1; i <= NF && i <= n; i++) {
                k = split($i, parts, ",")
                for (j = 1; j <= k; j++)
                    if (parts[j] ~ /^0x[0-9a-f]+$/ && length(parts[j]) == 10 && width[i] < 8 &&
                        substr(parts[j], 3, 8 - width[i]) ~ /^0+$/)
                        parts[j] = "0x" substr(parts[j], 11 - width[i])
                out = parts[1]
                for (j = 2; j <= k; j++)
                    out = out "," parts[j]
                $i = out
            }
            print
        }' <<< "$values"
}

# The end protocol of each packet FILTER matches, as Statistics > Protocol Hierarchy finds it:
# the last top-level tree item that is a protocol (PDML wraps the other top-level items in
# "fake-field-wrapper"). Printed as "PROTOCOL:PACKETS " pairs, sorted.
end_protocols() {
    local out
    out=$(run "$1" -Y "$2" -T pdml) || { echo "tshark failed"; return 1; }
    awk '/^<packet>/ { last = "" }
         /^  <proto name="/ { split($0, q, "\""); if (q[2] != "fake-field-wrapper") last = q[2] }
         /^<\/packet>/ { n[last]++ }
         END { for (p in n) print p ":" n[p] }' <<< "$out" | sort | tr '\n' ' '
}

counts() {
    local out
    out=$("$@" -T fields -e frame.protocols) || { echo "tshark failed"; return 1; }
    local protocol line=""
    for protocol in sip sdp rtp rtcp stun data; do
        line+="$(grep -cE ":$protocol(:|$)" <<< "$out" || true) "
    done
    echo "${line% }"
}

# A -z table as tshark prints it: "TITLE:", "Filter for statistics: ...", the header, "TITLE",
# the rows, a rule of "=". A column the header lacks fails the check.
table() {
    local title=$1 columns=$2 output
    shift 2
    output=$(run "$@" -q) || { echo "tshark failed"; return 1; }
    awk -v title="$title" -v want="$columns" '
        state == 0 && $0 == title ":" { state = 1; next }
        state == 1 && /^Filter for statistics:/ { state = 2; next }
        state == 2 { n = split($0, header, / [|]/); for (i = 1; i <= n; i++) at[header[i]] = i
                     m = split(want, wanted, ",")
                     for (j = 1; j <= m; j++) if (!(wanted[j] in at)) { print "no column " wanted[j]; exit }
                     state = 3; next }
        state == 3 && $0 == title { state = 4; next }
        state == 4 && /^=+$/ { exit }
        state == 4 { split($0, cell, / [|]/); row = ""
                     for (j = 1; j <= m; j++) row = row (j > 1 ? " |" : "") cell[at[wanted[j]]]
                     print row }
        END { if (state < 3) print "no table " title }' <<< "$output"
}

check() {
    local name=$1 actual=$2 expected=$3
    if [ "$actual" = "$expected" ]; then
        ft_passed=$((ft_passed + 1))
        echo "ok - $name"
    else
        ft_failed=$((ft_failed + 1))
        echo "FAILED - $name"
        echo "    expected: $(printf '%q' "$expected")"
        echo "    actual:   $(printf '%q' "$actual")"
    fi
}

finish() {
    if [ -s "$FT_SCRATCH/sanitizer-reports" ]; then
        echo "FAILED - sanitizer reports:"
        cat "$FT_SCRATCH/sanitizer-reports"
        ft_failed=$((ft_failed + 1))
    fi
    echo "$ft_passed passed, $ft_failed failed"
    [ "$ft_failed" -eq 0 ]
}
