# Debian packages, built by CPack from the normal build (docs/packaging.md):
#
#   cmake --preset release -DCMAKE_INSTALL_PREFIX=/usr && cmake --build --preset release -j2
#   (cd build/release && cpack -G DEB)
#
# Two packages, one per install component:
#   libcsms-sdk-dev  component csms_sdk_development: libcsms_sdk.a, the public
#                    headers, the CMake package, csms_sdk.pc, the mocks header
#   csms-tools       component tools: csms, csms-emulator and whatever else is
#                    installed with COMPONENT tools (man pages, bash completion)
# Each also carries /usr/share/doc/<package>/{copyright,changelog.Debian.gz}.
# Included last from the top-level CMakeLists.txt, after every install() rule.
#
# Only a static libcsms_sdk is packaged (the -dev package is all a C++ user
# needs, and the tools then carry no private shared library): a
# BUILD_SHARED_LIBS=ON build gets no package target.

if(NOT CSMS_SDK_INSTALL OR NOT CSMS_SDK_TOP_LEVEL)
  return()
endif()
if(BUILD_SHARED_LIBS)
  message(STATUS "csms_sdk: no Debian packages for a BUILD_SHARED_LIBS=ON build (docs/packaging.md)")
  return()
endif()

# Depends, one entry per package relation; extend the lists (a new dependency of
# the library's consumers goes into the -dev list). The -dev package holds what
# csms_sdkConfig.cmake (find_dependency(CURL), (OpenSSL), (yaml-cpp)) and
# csms_sdk.pc (Libs.private: -lcurl -lcrypto -lyaml-cpp) ask of a consumer of the static
# library; nlohmann-json is not among them (the library does not use it). The
# tools' shared libraries (libcurl4, libssl3, libcpp-httplib, libstdc++6, ...)
# are found by dpkg-shlibdeps, with the versions they need; the list below is
# for anything the tools need that is not a linked library.
set(CSMS_SDK_DEB_DEV_DEPENDS "libcurl4-openssl-dev | libcurl-dev" "libssl-dev" "libyaml-cpp-dev"
    CACHE STRING "Depends of libcsms-sdk-dev (a list)")
set(CSMS_SDK_DEB_TOOLS_DEPENDS ""
    CACHE STRING "Depends of csms-tools besides its shared libraries (a list)")
set(CSMS_SDK_DEB_MAINTAINER
    "csms-sdk-cpp maintainers <maintainers@users.noreply.r-seed-2b1694b5.example>"
    CACHE STRING "Maintainer field of the Debian packages")
set(CSMS_SDK_DEB_RELEASE "1" CACHE STRING "Debian revision of the packages (the part after the '-')")
mark_as_advanced(CSMS_SDK_DEB_DEV_DEPENDS CSMS_SDK_DEB_TOOLS_DEPENDS CSMS_SDK_DEB_MAINTAINER
                 CSMS_SDK_DEB_RELEASE)

set(_csms_dev_component csms_sdk_development)
set(_csms_tools_component tools)
set(_csms_dev_package libcsms-sdk-dev)
set(_csms_tools_package csms-tools)

# /usr/share/doc/<package>: the machine-readable copyright file and a one-entry
# Debian changelog (gzip -9n: what dpkg and lintian expect). Part of the normal
# install too, harmless there.
string(TIMESTAMP _csms_deb_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE "${PROJECT_BINARY_DIR}/debian/changelog.Debian"
     "csms-sdk-cpp (${PROJECT_VERSION}-${CSMS_SDK_DEB_RELEASE}) unstable; urgency=medium\n\n"
     "  * Built with CPack from csms-sdk-cpp ${PROJECT_VERSION} (its changes: CHANGELOG.md).\n\n"
     " -- ${CSMS_SDK_DEB_MAINTAINER}  ${_csms_deb_date}\n")
execute_process(COMMAND gzip -9nc
                INPUT_FILE "${PROJECT_BINARY_DIR}/debian/changelog.Debian"
                OUTPUT_FILE "${PROJECT_BINARY_DIR}/debian/changelog.Debian.gz"
                RESULT_VARIABLE _csms_gzip_result)
if(NOT _csms_gzip_result EQUAL 0)
  message(FATAL_ERROR "gzip failed (${_csms_gzip_result}) on debian/changelog.Debian")
endif()
foreach(_kind IN ITEMS dev tools)
  install(FILES "${PROJECT_SOURCE_DIR}/cmake/debian/copyright"
                "${PROJECT_BINARY_DIR}/debian/changelog.Debian.gz"
          DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/${_csms_${_kind}_package}"
          COMPONENT ${_csms_${_kind}_component})
endforeach()

set(CPACK_PACKAGE_NAME "csms-sdk-cpp")
set(CPACK_PACKAGE_VENDOR "csms-sdk-cpp")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# Each package's Description is its own (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION,
# synopsis first); CPack would put a summary that is not its default in front.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_CONTACT "${CSMS_SDK_DEB_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
set(CPACK_GENERATOR DEB)
set(CPACK_COMPONENTS_ALL ${_csms_dev_component} ${_csms_tools_component})
# Release-built programs still carry a symbol table; packaged programs do not.
set(CPACK_STRIP_FILES ON)
# Man pages go into the packages compressed (the install rules install them plain).
if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.19)
  set(CPACK_PRE_BUILD_SCRIPTS "${PROJECT_SOURCE_DIR}/cmake/debian/compress-man-pages.cmake")
endif()
# 0755 directories whatever the umask of the one who builds.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <package>_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE "${CSMS_SDK_DEB_RELEASE}")
set(CPACK_DEBIAN_PACKAGE_SOURCE "csms-sdk-cpp")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Architecture: left to CPack, which asks dpkg --print-architecture.

string(REPLACE ";" ", " _csms_dev_depends "${CSMS_SDK_DEB_DEV_DEPENDS}")
set(CPACK_DEBIAN_CSMS_SDK_DEVELOPMENT_PACKAGE_NAME "${_csms_dev_package}")
set(CPACK_DEBIAN_CSMS_SDK_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_CSMS_SDK_DEVELOPMENT_PACKAGE_DEPENDS "${_csms_dev_depends}")
set(CPACK_DEBIAN_CSMS_SDK_DEVELOPMENT_PACKAGE_SUGGESTS "cmake | pkg-config, libgmock-dev")
set(CPACK_DEBIAN_CSMS_SDK_DEVELOPMENT_DESCRIPTION
    "C++17 client library for the Huawei Cloud CSMS secret-event API
csms-sdk-cpp creates, reads, updates and deletes CSMS secret events, binds
them to secrets, reads their notification records, manages secret versions and
verifies the SMN notifications the events send.

This package holds the static library libcsms_sdk.a, its headers
(csms/csms.h), the CMake package (find_package(csms_sdk), target csms::sdk),
the pkg-config file csms_sdk.pc and the GoogleMock header
csms/testing/mock_client.h (target csms::sdk_mocks).")

string(REPLACE ";" ", " _csms_tools_depends "${CSMS_SDK_DEB_TOOLS_DEPENDS}")
set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME "${_csms_tools_package}")
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SHLIBDEPS ON)
if(_csms_tools_depends)
  set(CPACK_DEBIAN_TOOLS_PACKAGE_DEPENDS "${_csms_tools_depends}")
endif()
set(CPACK_DEBIAN_TOOLS_DESCRIPTION
    "command-line tool and local emulator for the Huawei Cloud CSMS API
csms manages CSMS secret events, secrets and secret versions, shows the
notification records and receives SMN notifications, from the command line
or a script.

csms-emulator is a local stand-in for the CSMS service (and the credential
endpoints), for offline tests and demos.")

include(CPack)
