# Finds the Wireshark development files a dissector plugin builds against, in one of two ways:
#  - the CMake package WiresharkConfig.cmake (upstream installs and build trees, Homebrew,
#    Windows builds; Debian's wireshark-dev), or
#  - pkg-config's wireshark.pc (Debian's libwireshark-dev, which is all CI installs),
# refuses releases outside 3.4-4.6, and chooses the folder `cmake --install` puts the plugin in.
#
# Defines:
#   facetime::wireshark           interface target to link the plugin with
#   Wireshark_VERSION             e.g. 4.0.17
#   Wireshark_MAJOR_VERSION, Wireshark_MINOR_VERSION
#   FACETIME_WIRESHARK_FOUND_BY   "cmake" or "pkgconfig"
#   FACETIME_WIRESHARK_MAJOR_MINOR   e.g. 4.0
#   FACETIME_PLUGIN_PATH_ID       the release's folder name in plugin paths: X.Y, or X-Y on macOS
#   FACETIME_SYSTEM_PLUGIN_DIR    Wireshark's own plugin folder for this release, e.g.
#                                 /usr/lib/x86_64-linux-gnu/wireshark/plugins/4.0
#   FACETIME_USER_PLUGIN_DIR      the per-user folder for this release's epan plugins
#   FACETIME_PLUGIN_DEST          where `cmake --install` puts the plugin
#                                 (FACETIME_PLUGIN_INSTALL_DIR overrides it)
#
# The folders follow Wireshark's own rules (wsutil/filesystem.c, init_plugin_dir() and
# init_plugin_pers_dir(), and the PLUGIN_PATH_ID of its top-level CMakeLists.txt); the README's
# install table says the same, row by row.
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
        find_library(FACETIME_LIBWSUTIL NAMES wsutil HINTS ${WIRESHARK_LIBRARY_DIRS}
            NO_DEFAULT_PATH)
        find_library(FACETIME_LIBWSUTIL NAMES wsutil)
        if(NOT FACETIME_LIBWSUTIL)
            message(FATAL_ERROR
                "Wireshark ${Wireshark_VERSION}: libwsutil not found beside libwireshark")
        endif()
        target_link_libraries(facetime::wireshark INTERFACE "${FACETIME_LIBWSUTIL}")
    endif()
endif()

set(FACETIME_WIRESHARK_MAJOR_MINOR "${Wireshark_MAJOR_VERSION}.${Wireshark_MINOR_VERSION}")
if(FACETIME_WIRESHARK_MAJOR_MINOR VERSION_LESS FACETIME_WIRESHARK_OLDEST OR
   FACETIME_WIRESHARK_MAJOR_MINOR VERSION_GREATER FACETIME_WIRESHARK_NEWEST)
    message(FATAL_ERROR
        "Wireshark ${Wireshark_VERSION} was found (through ${FACETIME_WIRESHARK_FOUND_BY}), but "
        "this plugin builds against Wireshark ${FACETIME_WIRESHARK_OLDEST} to "
        "${FACETIME_WIRESHARK_NEWEST} only, and a plugin loads only in the release it was "
        "built for. Point CMake at a supported release's development files (CMAKE_PREFIX_PATH, "
        "Wireshark_DIR or PKG_CONFIG_PATH).")
endif()

if(NOT FACETIME_SYSTEM_PLUGIN_DIR)
    message(FATAL_ERROR "Wireshark ${Wireshark_VERSION} was built without plugin support")
endif()

# Wireshark names the release's plugin folder PLUGIN_PATH_ID: "X.Y", except on macOS, where it is
# "X-Y" (Apple's code signing takes a folder name with a dot inside an app bundle for a bundle of
# its own; Wireshark uses the dash in every macOS build, not only in Wireshark.app).
if(APPLE)
    set(FACETIME_PLUGIN_PATH_ID "${Wireshark_MAJOR_VERSION}-${Wireshark_MINOR_VERSION}")
else()
    set(FACETIME_PLUGIN_PATH_ID "${Wireshark_MAJOR_VERSION}.${Wireshark_MINOR_VERSION}")
endif()

# The per-user folder (init_plugin_pers_dir()): %APPDATA%\Wireshark\plugins on Windows (the
# personal configuration folder), ~/.local/lib/wireshark/plugins everywhere else, macOS included;
# then the release's folder and the plugin type's, epan for dissectors.
if(WIN32)
    file(TO_CMAKE_PATH "$ENV{APPDATA}" _appdata)
    set(FACETIME_USER_PLUGIN_DIR "${_appdata}/Wireshark/plugins/${FACETIME_PLUGIN_PATH_ID}/epan")
else()
    set(FACETIME_USER_PLUGIN_DIR
        "$ENV{HOME}/.local/lib/wireshark/plugins/${FACETIME_PLUGIN_PATH_ID}/epan")
endif()

# The system folder (init_plugin_dir()): what the installation found says (pkg-config's plugindir,
# or WiresharkConfig.cmake's Wireshark_PLUGIN_INSTALL_DIR), unless the plugin is for Wireshark.app
# on macOS, whose plugins live in the bundle: Contents/PlugIns/wireshark/X-Y/epan.
set(FACETIME_WIRESHARK_APP "" CACHE PATH
    "macOS: the Wireshark.app whose own plugin folder FACETIME_INSTALL_SYSTEM installs into \
(e.g. /Applications/Wireshark.app); empty: the folder of the Wireshark found")
if(APPLE AND FACETIME_WIRESHARK_APP)
    set(FACETIME_SYSTEM_PLUGIN_DIR
        "${FACETIME_WIRESHARK_APP}/Contents/PlugIns/wireshark/${FACETIME_PLUGIN_PATH_ID}")
endif()
# A Windows install's WiresharkConfig.cmake may give it relative to the installation.
if(NOT IS_ABSOLUTE "${FACETIME_SYSTEM_PLUGIN_DIR}" AND Wireshark_INSTALL_PREFIX)
    get_filename_component(FACETIME_SYSTEM_PLUGIN_DIR "${FACETIME_SYSTEM_PLUGIN_DIR}" ABSOLUTE
        BASE_DIR "${Wireshark_INSTALL_PREFIX}")
endif()

set(FACETIME_PLUGIN_INSTALL_DIR "" CACHE PATH
    "Folder the plugin is installed into; empty: the per-user plugin folder of this Wireshark \
release, or the system one with FACETIME_INSTALL_SYSTEM")
if(FACETIME_PLUGIN_INSTALL_DIR)
    set(FACETIME_PLUGIN_DEST "${FACETIME_PLUGIN_INSTALL_DIR}")
elseif(FACETIME_INSTALL_SYSTEM)
    # Relative to the install prefix when it holds the folder, so that packages (CPack) work.
    file(RELATIVE_PATH _relative "${CMAKE_INSTALL_PREFIX}" "${FACETIME_SYSTEM_PLUGIN_DIR}/epan")
    if(_relative MATCHES "^\\.\\./" OR IS_ABSOLUTE "${_relative}")   # outside, or another drive
        set(FACETIME_PLUGIN_DEST "${FACETIME_SYSTEM_PLUGIN_DIR}/epan")
    else()
        set(FACETIME_PLUGIN_DEST "${_relative}")
    endif()
else()
    set(FACETIME_PLUGIN_DEST "${FACETIME_USER_PLUGIN_DIR}")
endif()
