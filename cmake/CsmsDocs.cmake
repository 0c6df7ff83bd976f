# API reference: the csms_sdk_docs target (and "docs" in a top-level build) runs
# Doxygen over the public headers (include/csms/ and the emulator's header).
# Warnings are errors, so an undocumented public name fails the target.
# Included from src/CMakeLists.txt; nothing happens without Doxygen.

find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  return()
endif()

set(CSMS_SDK_DOCS_OUTPUT_DIR "${PROJECT_BINARY_DIR}/docs")
configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${CSMS_SDK_DOCS_OUTPUT_DIR}/Doxyfile" @ONLY)
# Always runs when built (a few seconds): a failed run never leaves stale output
# that looks up to date.
add_custom_target(csms_sdk_docs
  COMMAND Doxygen::doxygen "${CSMS_SDK_DOCS_OUTPUT_DIR}/Doxyfile"
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
  COMMENT "Generating the API reference in ${CSMS_SDK_DOCS_OUTPUT_DIR}/html"
  VERBATIM)
if(CSMS_SDK_TOP_LEVEL AND NOT TARGET docs)
  add_custom_target(docs DEPENDS csms_sdk_docs)
endif()
