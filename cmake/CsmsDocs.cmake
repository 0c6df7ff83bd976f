# API reference: the csms_sdk_docs target (and "docs" in a top-level build) runs
# Doxygen over the public headers (include/csms/ and the emulator's header) and
# the docs/*.md guides (related pages), with the pictures of
# docs/diagrams/pages.dox: the layers and one call's path drawn by Graphviz
# from docs/diagrams/*.dot, and the performance chart drawn by
# scripts/perf-chart.sh (gnuplot) from docs/diagrams/bench-sample.txt.
# Warnings are errors, so an undocumented public name fails the target.
# Included from src/CMakeLists.txt; nothing happens without Doxygen, dot and
# gnuplot (scripts/install-deps.sh installs them).

find_package(Doxygen QUIET)
find_program(CSMS_SDK_DOT_EXECUTABLE dot)
find_program(CSMS_SDK_GNUPLOT_EXECUTABLE gnuplot)
if(NOT DOXYGEN_FOUND OR NOT CSMS_SDK_DOT_EXECUTABLE OR NOT CSMS_SDK_GNUPLOT_EXECUTABLE)
  message(STATUS "API reference (docs target) off: needs doxygen, dot (graphviz) and gnuplot")
  return()
endif()

set(CSMS_SDK_DOCS_OUTPUT_DIR "${PROJECT_BINARY_DIR}/docs")
set(CSMS_SDK_DOCS_IMAGE_DIR "${CSMS_SDK_DOCS_OUTPUT_DIR}/images")
file(GLOB _csms_docs_pages LIST_DIRECTORIES false CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/docs/*.md")
list(SORT _csms_docs_pages)
list(JOIN _csms_docs_pages " \\\n                         " CSMS_SDK_DOCS_PAGES)
configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${CSMS_SDK_DOCS_OUTPUT_DIR}/Doxyfile" @ONLY)

set(_diagrams "${PROJECT_SOURCE_DIR}/docs/diagrams")
set(_images)
foreach(_name layers call_path)
  add_custom_command(OUTPUT "${CSMS_SDK_DOCS_IMAGE_DIR}/${_name}.svg"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${CSMS_SDK_DOCS_IMAGE_DIR}"
    COMMAND "${CSMS_SDK_DOT_EXECUTABLE}" -Tsvg "${_diagrams}/${_name}.dot"
            -o "${CSMS_SDK_DOCS_IMAGE_DIR}/${_name}.svg"
    DEPENDS "${_diagrams}/${_name}.dot"
    COMMENT "Drawing docs/diagrams/${_name}.dot"
    VERBATIM)
  list(APPEND _images "${CSMS_SDK_DOCS_IMAGE_DIR}/${_name}.svg")
endforeach()
add_custom_command(OUTPUT "${CSMS_SDK_DOCS_IMAGE_DIR}/performance.svg"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${CSMS_SDK_DOCS_IMAGE_DIR}"
  COMMAND bash "${PROJECT_SOURCE_DIR}/scripts/perf-chart.sh" "${_diagrams}/bench-sample.txt"
          "${CSMS_SDK_DOCS_IMAGE_DIR}/performance.svg"
  DEPENDS "${PROJECT_SOURCE_DIR}/scripts/perf-chart.sh" "${_diagrams}/bench-sample.txt"
  COMMENT "Drawing the performance chart"
  VERBATIM)
list(APPEND _images "${CSMS_SDK_DOCS_IMAGE_DIR}/performance.svg")

# Always runs when built (a few seconds): a failed run never leaves stale output
# that looks up to date. The pictures are redrawn only when their sources change.
add_custom_target(csms_sdk_docs
  COMMAND Doxygen::doxygen "${CSMS_SDK_DOCS_OUTPUT_DIR}/Doxyfile"
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
  DEPENDS ${_images}
  COMMENT "Generating the API reference in ${CSMS_SDK_DOCS_OUTPUT_DIR}/html"
  VERBATIM)
if(CSMS_SDK_TOP_LEVEL AND NOT TARGET docs)
  add_custom_target(docs DEPENDS csms_sdk_docs)
endif()
