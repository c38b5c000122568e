# Finds the Wireshark development files a dissector plugin builds against, in one of two ways:
#  - the CMake package WiresharkConfig.cmake (upstream installs; Debian's wireshark-dev), or
#  - pkg-config's wireshark.pc (Debian's libwireshark-dev, which is all CI installs),
# and refuses releases outside 3.4-4.6.
#
# Defines:
#   facetime::wireshark           interface target to link the plugin with
#   Wireshark_VERSION             e.g. 4.0.17
#   Wireshark_MAJOR_VERSION, Wireshark_MINOR_VERSION
#   FACETIME_WIRESHARK_FOUND_BY   "cmake" or "pkgconfig"
#   FACETIME_SYSTEM_PLUGIN_DIR    Wireshark's own plugin folder for this release, e.g.
#                                 /usr/lib/x86_64-linux-gnu/wireshark/plugins/4.0
#   FACETIME_PLUGIN_DEST          where `cmake --install` puts facetime.so
#                                 (FACETIME_PLUGIN_INSTALL_DIR overrides it)
#
# Copyright 2026 The FaceTime SDP dissector authors
#
# SPDX-License-Identifier: GPL-2.0-or-later

# The releases ws_compat.h knows. A plugin loads only in the major.minor it was built for, and an
# unknown release would fail in the middle of the build, or worse, build and misbehave.
set(FACETIME_WIRESHARK_OLDEST 3.4)
set(FACETIME_WIRESHARK_NEWEST 4.6)

set(_finder "${FACETIME_WIRESHARK_FINDER}")
if(NOT _finder MATCHES "^(auto|cmake|pkgconfig)$")
    message(FATAL_ERROR "FACETIME_WIRESHARK_FINDER must be auto, cmake or pkgconfig, not '${_finder}'")
endif()

add_library(facetime::wireshark INTERFACE IMPORTED)

if(_finder STREQUAL "auto" OR _finder STREQUAL "cmake")
    if(_finder STREQUAL "cmake")
        find_package(Wireshark CONFIG REQUIRED)
    else()
        find_package(Wireshark CONFIG QUIET)
    endif()
    if(Wireshark_FOUND)
        set(FACETIME_WIRESHARK_FOUND_BY cmake)
        target_link_libraries(facetime::wireshark INTERFACE epan)
        set(FACETIME_SYSTEM_PLUGIN_DIR "${Wireshark_PLUGIN_INSTALL_DIR}")
    endif()
endif()

if(NOT FACETIME_WIRESHARK_FOUND_BY)
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(WIRESHARK REQUIRED IMPORTED_TARGET wireshark)
    set(FACETIME_WIRESHARK_FOUND_BY pkgconfig)
    target_link_libraries(facetime::wireshark INTERFACE PkgConfig::WIRESHARK)
    set(Wireshark_VERSION "${WIRESHARK_VERSION}")
    string(REPLACE "." ";" _parts "${Wireshark_VERSION}")
    list(GET _parts 0 Wireshark_MAJOR_VERSION)
    list(GET _parts 1 Wireshark_MINOR_VERSION)
    pkg_get_variable(FACETIME_SYSTEM_PLUGIN_DIR wireshark plugindir)
    # 3.4's wireshark.pc links only -lwireshark (4.0's adds -lwsutil), but the plugin calls
    # libwsutil too (nstime_*()); name it whatever the .pc says.
    if(NOT WIRESHARK_LIBRARIES MATCHES "(^|;)wsutil(;|$)")
        find_library(FACETIME_LIBWSUTIL NAMES wsutil HINTS ${WIRESHARK_LIBRARY_DIRS} NO_DEFAULT_PATH)
        find_library(FACETIME_LIBWSUTIL NAMES wsutil)
        if(NOT FACETIME_LIBWSUTIL)
            message(FATAL_ERROR "Wireshark ${Wireshark_VERSION}: libwsutil not found beside libwireshark")
        endif()
        target_link_libraries(facetime::wireshark INTERFACE "${FACETIME_LIBWSUTIL}")
    endif()
endif()

set(FACETIME_WIRESHARK_MAJOR_MINOR "${Wireshark_MAJOR_VERSION}.${Wireshark_MINOR_VERSION}")
if(FACETIME_WIRESHARK_MAJOR_MINOR VERSION_LESS FACETIME_WIRESHARK_OLDEST OR
   FACETIME_WIRESHARK_MAJOR_MINOR VERSION_GREATER FACETIME_WIRESHARK_NEWEST)
    message(FATAL_ERROR
        "Wireshark ${Wireshark_VERSION} was found (through ${FACETIME_WIRESHARK_FOUND_BY}), but this "
        "plugin builds against Wireshark ${FACETIME_WIRESHARK_OLDEST} to "
        "${FACETIME_WIRESHARK_NEWEST} only, and a plugin loads only in the release it was built "
        "for. Point CMake at a supported release's development files (CMAKE_PREFIX_PATH, "
        "Wireshark_DIR or PKG_CONFIG_PATH).")
endif()

if(NOT FACETIME_SYSTEM_PLUGIN_DIR)
    message(FATAL_ERROR "Wireshark ${Wireshark_VERSION} was built without plugin support")
endif()

# A plugin loads only in the major.minor release it was built for, so the folder names it.
set(FACETIME_PLUGIN_INSTALL_DIR "" CACHE PATH
    "Folder facetime.so is installed into; empty: the per-user plugin folder of this Wireshark \
release, or the system one with FACETIME_INSTALL_SYSTEM")
if(FACETIME_PLUGIN_INSTALL_DIR)
    set(FACETIME_PLUGIN_DEST "${FACETIME_PLUGIN_INSTALL_DIR}")
elseif(FACETIME_INSTALL_SYSTEM)
    # Relative to the install prefix when it holds the folder, so that packages (CPack) work.
    file(RELATIVE_PATH _relative "${CMAKE_INSTALL_PREFIX}" "${FACETIME_SYSTEM_PLUGIN_DIR}/epan")
    if(_relative MATCHES "^\\.\\./")
        set(FACETIME_PLUGIN_DEST "${FACETIME_SYSTEM_PLUGIN_DIR}/epan")
    else()
        set(FACETIME_PLUGIN_DEST "${_relative}")
    endif()
else()
    set(FACETIME_PLUGIN_DEST "$ENV{HOME}/.local/lib/wireshark/plugins/${FACETIME_WIRESHARK_MAJOR_MINOR}/epan")
endif()
