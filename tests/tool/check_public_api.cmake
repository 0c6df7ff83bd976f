# The csms tool is a plain client of the public API, as a user's program is
# (docs/cli.md): no source of it names the SDK's internals, and the csms target
# links csms::sdk (plus nlohmann for --output json) and nothing else, so that
# no internal header is even on its include path. Run by ctest as
#
#   cmake -DTOOL_DIR=<tools/csms> -DSDK_SOURCE_DIR=<src>
#         -DLINK_LIBRARIES=<a|b|...> -DINCLUDE_DIRECTORIES=<a|b|...>
#         -DSDK_INTERFACE_INCLUDE_DIRECTORIES=<a|b|...> -P check_public_api.cmake
#
# where the first two lists are the csms target's properties and the third is
# what csms::sdk passes on to whatever links it (| between entries).

cmake_minimum_required(VERSION 3.16)  # a script has no project: policies (IN_LIST) from here

foreach(_var TOOL_DIR SDK_SOURCE_DIR)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "check_public_api.cmake: -D${_var}=... is required")
  endif()
endforeach()

set(_problems "")

file(GLOB_RECURSE _sources "${TOOL_DIR}/*.cc" "${TOOL_DIR}/*.h")
if(NOT _sources)
  message(FATAL_ERROR "check_public_api.cmake: no sources under ${TOOL_DIR}")
endif()
foreach(_source IN LISTS _sources)
  # An include of an internal header, or a use of the internal namespace.
  file(STRINGS "${_source}" _hits REGEX "internal/|csms::internal|namespace internal")
  foreach(_hit IN LISTS _hits)
    file(RELATIVE_PATH _name "${TOOL_DIR}" "${_source}")
    list(APPEND _problems "${_name}: ${_hit}")
  endforeach()
endforeach()

# cpp-httplib and threads serve `csms notifications listen` (an HTTP server the
# SDK does not have, and should not: receiving is the user's program's job).
# Neither brings the SDK's internals onto the include path, which is what this
# rule is about.
set(_allowed csms::sdk nlohmann_json::nlohmann_json PkgConfig::CPP_HTTPLIB Threads::Threads)
string(REPLACE "|" ";" _libraries "${LINK_LIBRARIES}")
if(NOT "csms::sdk" IN_LIST _libraries)
  list(APPEND _problems "csms does not link csms::sdk (links: ${LINK_LIBRARIES})")
endif()
foreach(_library IN LISTS _libraries)
  if(NOT _library IN_LIST _allowed)
    list(APPEND _problems "csms links ${_library}; only csms::sdk, nlohmann_json, cpp-httplib and threads are allowed")
  endif()
endforeach()

string(REPLACE "|" ";" _directories "${INCLUDE_DIRECTORIES}|${SDK_INTERFACE_INCLUDE_DIRECTORIES}")
foreach(_directory IN LISTS _directories)
  string(FIND "${_directory}/" "${SDK_SOURCE_DIR}/" _at)
  if(_at EQUAL 0)
    list(APPEND _problems "csms has the SDK's sources on its include path: ${_directory}")
  endif()
endforeach()

if(_problems)
  list(JOIN _problems "\n  " _text)
  message(FATAL_ERROR "the csms tool reaches past the public API:\n  ${_text}")
endif()
list(LENGTH _sources _count)
message(STATUS "csms: ${_count} sources, links ${LINK_LIBRARIES}: public API only")
