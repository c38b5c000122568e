# The plugin's packages: a Debian package, installed into Wireshark's system plugin folder, and
# the `release` target, which writes the release artefacts into release/ of the build tree:
#
#   cmake -S . -B build-release -DFACETIME_INSTALL_SYSTEM=ON -DCMAKE_INSTALL_PREFIX=/usr \
#       -DFACETIME_TESTS=OFF -DFACETIME_SANITIZER_TESTS=OFF
#   cmake --build build-release --target release
#
# (plugin/cmake/release does both.) release/ then holds
#  - facetime-sdp-wireshark-plugin_<version>+ws<X.Y>_<arch>.deb, where dpkg is (Debian and its
#    derivatives): it depends on the libwireshark ABI package the plugin was built against
#    (libwireshark16 for 4.0), from that version up to the next minor release, since a compiled
#    plugin loads only in the release it was built for;
#  - facetime-sdp-wireshark-plugin-<version>+ws<X.Y>-<system>-<arch>.tar.gz: the plugin
#    (facetime.so, facetime.dll on Windows), INSTALL.txt with the folders it goes into for this
#    release on this system, and the licence.
# `cpack` in the build tree makes the .deb alone, as before.
#
# Copyright 2026 The FaceTime SDP dissector authors
#
# SPDX-License-Identifier: GPL-2.0-or-later

set(FACETIME_PACKAGE_NAME facetime-sdp-wireshark-plugin)
set(FACETIME_PACKAGE_VERSION "${PROJECT_VERSION}+ws${FACETIME_WIRESHARK_MAJOR_MINOR}")

find_program(FACETIME_DPKG_DEB dpkg-deb)
find_program(FACETIME_DPKG_QUERY dpkg-query)

set(CPACK_PACKAGE_NAME "${FACETIME_PACKAGE_NAME}")
set(CPACK_PACKAGE_VERSION "${FACETIME_PACKAGE_VERSION}")
set(CPACK_PACKAGE_CONTACT "FaceTime SDP dissector team <dev@facetime-sdp.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Wireshark plugin for Apple FaceTime's SIP/SDP signalling")
if(FACETIME_DPKG_DEB)
    set(CPACK_GENERATOR DEB)
else()
    set(CPACK_GENERATOR TGZ)
endif()
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"Opens FaceTime's deflated SDP in SIP bodies, shows FaceTime's own SDP
 attributes as filterable fields (facetime.sdp.*), registers the RTP and RTCP
 streams the SDP announces, and adds a FaceTime Calls table.
 Built for Wireshark ${Wireshark_VERSION}.")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "tshark | wireshark")

# Which Debian package holds the libwireshark we linked against, and its version.
if(FACETIME_DPKG_QUERY)
    find_library(FACETIME_LIBWIRESHARK NAMES wireshark HINTS ${WIRESHARK_LIBRARY_DIRS})
    get_filename_component(_libwireshark "${FACETIME_LIBWIRESHARK}" REALPATH)
    execute_process(COMMAND "${FACETIME_DPKG_QUERY}" -S "${_libwireshark}"
        OUTPUT_VARIABLE _owner OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _status)
endif()
if(FACETIME_DPKG_QUERY AND _status EQUAL 0 AND _owner MATCHES "^([^:]+)")
    set(_abi_package "${CMAKE_MATCH_1}")
    execute_process(COMMAND "${FACETIME_DPKG_QUERY}" -W -f=\${Version} "${_abi_package}"
        OUTPUT_VARIABLE _abi_version OUTPUT_STRIP_TRAILING_WHITESPACE)
    math(EXPR _next_minor "${Wireshark_MINOR_VERSION} + 1")
    set(_below_next "${Wireshark_MAJOR_VERSION}.${_next_minor}~")
    set(CPACK_DEBIAN_PACKAGE_DEPENDS
        "${_abi_package} (>= ${_abi_version}), ${_abi_package} (<< ${_below_next})")
    message(STATUS "FaceTime plugin: the .deb depends on ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
elseif(FACETIME_DPKG_DEB)
    message(STATUS "FaceTime plugin: ${_libwireshark} is not from a Debian package; "
                   "the .deb will only carry the shared-library dependencies")
endif()

include(CPack)

# ---- the release target ---------------------------------------------------------------------

string(TOLOWER "${CMAKE_SYSTEM_NAME}" _system)
set(_arch "${CMAKE_SYSTEM_PROCESSOR}")
if(NOT _arch)
    set(_arch unknown)
endif()
set(FACETIME_RELEASE_DIR "${CMAKE_BINARY_DIR}/release")
set(_tarball_name "${FACETIME_PACKAGE_NAME}-${FACETIME_PACKAGE_VERSION}-${_system}-${_arch}")
set(_staging "${CMAKE_BINARY_DIR}/release-staging/${_tarball_name}")

# The install note: the folders of this release on this system, as the README's table gives them.
if(WIN32)
    set(FACETIME_NOTE_FILE facetime.dll)
    set(FACETIME_NOTE_USER_DIR "%APPDATA%\\Wireshark\\plugins\\${FACETIME_PLUGIN_PATH_ID}\\epan")
    set(FACETIME_NOTE_SYSTEM_DIR "the plugins\\${FACETIME_PLUGIN_PATH_ID}\\epan folder of the \
Wireshark installation, e.g. \
C:\\Program Files\\Wireshark\\plugins\\${FACETIME_PLUGIN_PATH_ID}\\epan")
elseif(APPLE)
    set(FACETIME_NOTE_FILE facetime.so)
    set(FACETIME_NOTE_USER_DIR "~/.local/lib/wireshark/plugins/${FACETIME_PLUGIN_PATH_ID}/epan")
    set(FACETIME_NOTE_SYSTEM_DIR "/Applications/Wireshark.app/Contents/PlugIns/wireshark/\
${FACETIME_PLUGIN_PATH_ID}/epan for Wireshark.app, \
${FACETIME_SYSTEM_PLUGIN_DIR}/epan for the Wireshark it was built against")
else()
    set(FACETIME_NOTE_FILE facetime.so)
    set(FACETIME_NOTE_USER_DIR "~/.local/lib/wireshark/plugins/${FACETIME_PLUGIN_PATH_ID}/epan")
    set(FACETIME_NOTE_SYSTEM_DIR "${FACETIME_SYSTEM_PLUGIN_DIR}/epan")
endif()
set(_release "${FACETIME_WIRESHARK_MAJOR_MINOR}")
file(WRITE "${_staging}/INSTALL.txt"
"FaceTime SDP dissector ${PROJECT_VERSION} for Wireshark ${_release} \
(built against ${Wireshark_VERSION})

This plugin loads only in Wireshark ${_release}.x. Copy ${FACETIME_NOTE_FILE} into one of these
folders (create it if it is missing), then restart Wireshark:

  for you alone:  ${FACETIME_NOTE_USER_DIR}
  for all users:  ${FACETIME_NOTE_SYSTEM_DIR}

`tshark -G plugins` (or Help > About Wireshark > Plugins) lists it once it is loaded; Help >
About Wireshark > Folders shows the folders of your installation. Run as root, tshark and
Wireshark load plugins from the system folder only.

Licence: GPL-2.0-or-later (LICENSE).
")
configure_file("${PROJECT_SOURCE_DIR}/LICENSE" "${_staging}/LICENSE" COPYONLY)

set(_release_commands
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${FACETIME_RELEASE_DIR}"
    COMMAND "${CMAKE_COMMAND}" -E copy "$<TARGET_FILE:facetime>" "${_staging}/"
    COMMAND "${CMAKE_COMMAND}" -E chdir "${CMAKE_BINARY_DIR}/release-staging"
            "${CMAKE_COMMAND}" -E tar czf "${FACETIME_RELEASE_DIR}/${_tarball_name}.tar.gz"
            "${_tarball_name}")
if(FACETIME_DPKG_DEB AND FACETIME_INSTALL_SYSTEM AND NOT FACETIME_PLUGIN_INSTALL_DIR)
    list(APPEND _release_commands
        COMMAND "${CMAKE_CPACK_COMMAND}" -G DEB --config "${CMAKE_BINARY_DIR}/CPackConfig.cmake"
                -B "${FACETIME_RELEASE_DIR}"
        COMMAND "${CMAKE_COMMAND}" -E rm -rf "${FACETIME_RELEASE_DIR}/_CPack_Packages")
elseif(FACETIME_DPKG_DEB)
    message(STATUS "FaceTime plugin: the release target makes no .deb here; configure with "
                   "-DFACETIME_INSTALL_SYSTEM=ON -DCMAKE_INSTALL_PREFIX=/usr for one")
endif()
add_custom_target(release ${_release_commands}
    COMMENT "Release artefacts for Wireshark ${_release} in ${FACETIME_RELEASE_DIR}"
    VERBATIM)
add_dependencies(release facetime)
