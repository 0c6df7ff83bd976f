# Writes a program's manual page: runs PROGRAM --man (the page is made by the
# program from its own help text) into OUTPUT. A failed run leaves no page
# behind, so the build cannot install a stale or empty one.
#   cmake -DPROGRAM=path -DOUTPUT=file.1 -P write_man_page.cmake
execute_process(COMMAND "${PROGRAM}" --man OUTPUT_FILE "${OUTPUT}.tmp" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE "${OUTPUT}.tmp")
  message(FATAL_ERROR "${PROGRAM} --man failed: ${result}")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
