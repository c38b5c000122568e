# Regenerates the fixtures into a scratch folder and compares them byte for byte with the
# committed ones. Run as:
#   cmake -DMKFIXTURES=<path to mkfixtures> -DFIXTURES_DIR=<fixtures/> -DSCRATCH_DIR=<scratch>
#         -P check-fixtures.cmake
#
# Copyright 2026 The FaceTime SDP dissector authors
#
# SPDX-License-Identifier: GPL-2.0-or-later

cmake_minimum_required(VERSION 3.18)  # a script gets no policies otherwise (IN_LIST needs CMP0057)

foreach(var MKFIXTURES FIXTURES_DIR SCRATCH_DIR)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "check-fixtures: -D${var}=... is required")
    endif()
endforeach()

# A fresh folder: a file left over from an earlier run must not hide one mkfixtures stopped writing.
file(REMOVE_RECURSE "${SCRATCH_DIR}")
file(MAKE_DIRECTORY "${SCRATCH_DIR}")

execute_process(COMMAND "${MKFIXTURES}" "${SCRATCH_DIR}"
    RESULT_VARIABLE status
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "check-fixtures: ${MKFIXTURES} failed (${status}):\n${output}")
endif()

file(GLOB generated RELATIVE "${SCRATCH_DIR}" "${SCRATCH_DIR}/*.pcap")
file(GLOB committed RELATIVE "${FIXTURES_DIR}" "${FIXTURES_DIR}/*.pcap")
list(SORT generated)
list(SORT committed)
if(NOT generated)
    message(FATAL_ERROR "check-fixtures: ${MKFIXTURES} wrote no .pcap file")
endif()

set(problems "")
foreach(name IN LISTS generated)
    if(NOT name IN_LIST committed)
        string(APPEND problems "  ${name}: written by mkfixtures but missing from ${FIXTURES_DIR}\n")
        continue()
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files
            "${FIXTURES_DIR}/${name}" "${SCRATCH_DIR}/${name}"
        RESULT_VARIABLE differs)
    if(NOT differs EQUAL 0)
        string(APPEND problems "  ${name}: differs from the regenerated ${SCRATCH_DIR}/${name}\n")
    endif()
endforeach()
foreach(name IN LISTS committed)
    if(NOT name IN_LIST generated)
        string(APPEND problems "  ${name}: in ${FIXTURES_DIR} but mkfixtures no longer writes it\n")
    endif()
endforeach()

if(problems)
    message(FATAL_ERROR "check-fixtures: the committed fixtures are not what mkfixtures writes:\n"
        "${problems}"
        "Regenerate them with `mkfixtures fixtures` (see fixtures/README.md) if the change is intended.")
endif()
list(LENGTH generated count)
message(STATUS "check-fixtures: all ${count} fixtures are identical to the regenerated ones")
