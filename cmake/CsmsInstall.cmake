# Install rules for csms_sdk: the library, its public headers, the CMake package
# (csms_sdkConfig.cmake, exported targets csms::sdk and, with GoogleMock,
# csms::sdk_mocks) and a relocatable pkg-config file. Included from
# src/CMakeLists.txt, after the targets exist.
#
#   find_package(csms_sdk CONFIG REQUIRED)               -> csms::sdk
#   find_package(csms_sdk CONFIG REQUIRED COMPONENTS mocks) -> also csms::sdk_mocks
#   pkg-config --cflags --libs csms_sdk                  (add --static for a static libcsms_sdk)
#
# Nothing here sets global flags or a build type. The rules are on by default
# for a top-level build; a parent project that add_subdirectory()s the SDK turns
# them on with CSMS_SDK_INSTALL=ON when it installs the SDK with its own files.

option(CSMS_SDK_INSTALL "Generate install rules for csms_sdk" ${CSMS_SDK_TOP_LEVEL})
if(NOT CSMS_SDK_INSTALL)
  return()
endif()

include(CMakePackageConfigHelpers)

set(CSMS_SDK_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/csms_sdk"
    CACHE STRING "Where csms_sdkConfig.cmake is installed (relative to the prefix)")
mark_as_advanced(CSMS_SDK_INSTALL_CMAKEDIR)

install(TARGETS csms_sdk EXPORT csms_sdkTargets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT csms_sdk_runtime
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT csms_sdk_runtime
          NAMELINK_COMPONENT csms_sdk_development
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT csms_sdk_development)

# Public headers. include/csms/testing/ (GoogleMock) goes with csms::sdk_mocks;
# the emulator's header belongs to the emulator library and is not installed.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/csms"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  COMPONENT csms_sdk_development
  FILES_MATCHING PATTERN "*.h"
  PATTERN "testing" EXCLUDE)

install(EXPORT csms_sdkTargets
  NAMESPACE csms::
  FILE csms_sdkTargets.cmake
  DESTINATION "${CSMS_SDK_INSTALL_CMAKEDIR}"
  COMPONENT csms_sdk_development)

# The mocks have their own export set, so that the config file loads them (and
# looks for GTest) only when GoogleMock is available to the consumer.
if(TARGET csms_sdk_mocks)
  install(TARGETS csms_sdk_mocks EXPORT csms_sdk_mocksTargets COMPONENT csms_sdk_development)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/csms/testing"
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/csms"
    COMPONENT csms_sdk_development
    FILES_MATCHING PATTERN "*.h")
  install(EXPORT csms_sdk_mocksTargets
    NAMESPACE csms::
    FILE csms_sdk_mocksTargets.cmake
    DESTINATION "${CSMS_SDK_INSTALL_CMAKEDIR}"
    COMPONENT csms_sdk_development)
endif()

# A static libcsms_sdk carries its private dependencies as link-only entries
# ($<LINK_ONLY:CURL::libcurl>, ...): the config file must find them then, and
# the pkg-config file must list them for --static.
get_target_property(_csms_sdk_type csms_sdk TYPE)
if(_csms_sdk_type STREQUAL "STATIC_LIBRARY")
  set(CSMS_SDK_INSTALLED_STATIC ON)
else()
  set(CSMS_SDK_INSTALLED_STATIC OFF)
endif()

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/csms_sdkConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/csms_sdkConfig.cmake"
  INSTALL_DESTINATION "${CSMS_SDK_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/csms_sdkConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/csms_sdkConfig.cmake"
  "${PROJECT_BINARY_DIR}/csms_sdkConfigVersion.cmake"
  DESTINATION "${CSMS_SDK_INSTALL_CMAKEDIR}"
  COMPONENT csms_sdk_development)

# pkg-config: the prefix is computed from the .pc file's own location, so the
# installed tree can be moved (or unpacked elsewhere) and still work. Absolute
# CMAKE_INSTALL_*DIR values are used as they are.
set(_csms_pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${_csms_pc_dir}")
  set(CSMS_SDK_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _csms_pc_up "/csms-prefix/${_csms_pc_dir}" "/csms-prefix")
  string(REGEX REPLACE "/$" "" _csms_pc_up "${_csms_pc_up}")
  set(CSMS_SDK_PC_PREFIX "\${pcfiledir}/${_csms_pc_up}")
endif()
foreach(_dir IN ITEMS LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(CSMS_SDK_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(CSMS_SDK_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
configure_file("${PROJECT_SOURCE_DIR}/cmake/csms_sdk.pc.in" "${PROJECT_BINARY_DIR}/csms_sdk.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/csms_sdk.pc"
  DESTINATION "${_csms_pc_dir}"
  COMPONENT csms_sdk_development)
