# A Debian package of the plugin, installed into Wireshark's system plugin folder:
#
#   cmake -S . -B build-deb -DFACETIME_INSTALL_SYSTEM=ON -DCMAKE_INSTALL_PREFIX=/usr
#   cmake --build build-deb && (cd build-deb && cpack)
#
# writes build-deb/facetime-sdp-wireshark-plugin_<version>_<arch>.deb. A compiled plugin loads only
# in the Wireshark release it was built for, so the package depends on the libwireshark ABI
# package it was built against (libwireshark16 for 4.0), from that version up to the next minor
# release.
#
# Copyright 2026 The FaceTime SDP dissector authors
#
# SPDX-License-Identifier: GPL-2.0-or-later

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME facetime-sdp-wireshark-plugin)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}+ws${FACETIME_WIRESHARK_MAJOR_MINOR}")
set(CPACK_PACKAGE_CONTACT "FaceTime SDP dissector team <dev@facetime-sdp.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Wireshark plugin for Apple FaceTime's SIP/SDP signalling")
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
find_library(FACETIME_LIBWIRESHARK NAMES wireshark)
get_filename_component(_libwireshark "${FACETIME_LIBWIRESHARK}" REALPATH)
execute_process(COMMAND dpkg-query -S "${_libwireshark}"
    OUTPUT_VARIABLE _owner OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _status)
if(_status EQUAL 0 AND _owner MATCHES "^([^:]+)")
    set(_abi_package "${CMAKE_MATCH_1}")
    execute_process(COMMAND dpkg-query -W -f=\${Version} "${_abi_package}"
        OUTPUT_VARIABLE _abi_version OUTPUT_STRIP_TRAILING_WHITESPACE)
    math(EXPR _next_minor "${Wireshark_MINOR_VERSION} + 1")
    set(CPACK_DEBIAN_PACKAGE_DEPENDS
        "${_abi_package} (>= ${_abi_version}), ${_abi_package} (<< ${Wireshark_MAJOR_VERSION}.${_next_minor}~)")
    message(STATUS "FaceTime plugin: the .deb depends on ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
else()
    message(STATUS "FaceTime plugin: ${_libwireshark} is not from a Debian package; "
                   "the .deb will only carry the shared-library dependencies")
endif()

include(CPack)
